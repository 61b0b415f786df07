"""Page contexts per tab, through a real connection: a draft is coached against its own tab's
page without a re-upload, the companion decides a follow-up from the thread, the page result
carries the recipient's outreach entry, and a connection keeps a bounded number of contexts."""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import recv_json
from thread_times import moved

from companion.session import MAX_TABS

pytestmark = pytest.mark.asyncio

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
PROFILE_URL = "https://www.linkedin.com/in/daniel-okoye/"
THREAD_URL = "https://www.linkedin.com/messaging/thread/2-abc/"
ASK = "Hi Sam, would you be open to referring me for the SRE role at Acme? Thanks!"


class Client:
    def __init__(self, ws):
        self.ws, self.next_id = ws, 0

    async def call(self, type_: str, **fields) -> dict:
        self.next_id += 1
        await self.ws.send(json.dumps({"id": self.next_id, "type": type_, **fields}))
        reply = await recv_json(self.ws, timeout=30)
        assert reply["id"] == self.next_id and reply["success"], reply
        return reply["result"]

    async def page(self, tab: int, url: str, name: str) -> dict:
        html = (FIXTURES / name).read_text(encoding="utf-8")
        if "messaging" in url:  # the thread's last message a week ago, as if just saved: a follow-up is due
            html = moved(html, datetime.now(timezone.utc) - timedelta(days=8))
        return await self.call("page", url=url, html=html, tab=tab)

    async def draft(self, tab: int | None, surface: str = "message", recipient: str | None = None) -> dict:
        fields = {"tab": tab} if tab is not None else {}
        if recipient is not None:
            fields["recipient"] = recipient
        return await self.call("draft", surface=surface, text=ASK, version=self.next_id, **fields)


def codes(feedback: dict) -> set[str]:
    return {f["code"] for f in feedback["findings"]}


async def test_each_tab_keeps_its_page_and_a_reply_under_ones_own_message_is_a_follow_up(ws_client):
    client = Client(await ws_client())
    await client.page(1, PROFILE_URL, "classic_profile_1st.html")
    await client.page(2, THREAD_URL, "classic_messaging_thread.html")  # its last message is the user's
    on_profile = await client.draft(1)
    assert on_profile["surface"] == "message"
    assert "fact.name-mismatch" in codes(on_profile)  # "Hi Sam" to Daniel: the profile of tab 1 was used
    on_thread = await client.draft(2)
    assert on_thread["surface"] == "follow_up"  # decided by the companion from tab 2's thread
    again = await client.draft(1)  # back on tab 1: no new upload, the same context
    assert again["surface"] == "message" and "fact.name-mismatch" in codes(again)
    elsewhere = await client.draft(3)  # a tab whose page was never sent
    assert "fact.name-mismatch" not in codes(elsewhere) and elsewhere["surface"] == "message"


async def test_a_draft_to_someone_else_is_not_a_follow_up_in_the_open_thread(ws_client):
    # The tab shows the thread with Daniel, where the user wrote last a week ago: a draft to him follows up.
    # A bubble to Sam open over it is a first message to Sam, and "Hi Sam" is not a wrong name for Daniel.
    client = Client(await ws_client())
    await client.page(1, THREAD_URL, "classic_messaging_thread.html")
    assert (await client.draft(1, recipient="daniel-okoye"))["surface"] == "follow_up"
    to_sam = await client.draft(1, recipient="sam-ito")
    assert to_sam["surface"] == "message" and "fact.name-mismatch" not in codes(to_sam), codes(to_sam)


async def test_a_draft_without_a_tab_uses_the_page_sent_without_one(ws_client):
    client = Client(await ws_client())
    await client.call("page", url=PROFILE_URL, html=(FIXTURES / "classic_profile_1st.html").read_text(encoding="utf-8"))
    assert "fact.name-mismatch" in codes(await client.draft(None))
    assert "fact.name-mismatch" not in codes(await client.draft(1))


async def test_a_connection_keeps_the_most_recently_used_tabs_only(ws_client):
    client = Client(await ws_client())
    for tab in range(MAX_TABS + 1):
        await client.page(tab, PROFILE_URL, "classic_profile_1st.html")
    assert "fact.name-mismatch" not in codes(await client.draft(0))  # the least recently used went
    assert "fact.name-mismatch" in codes(await client.draft(MAX_TABS))


async def test_the_page_result_carries_the_recipients_outreach_entry(ws_client):
    client = Client(await ws_client())
    first = await client.page(1, PROFILE_URL, "classic_profile_1st.html")
    assert "outreach" not in first  # not in the log yet
    sent = await client.call("sent", recipient={"slug": "daniel-okoye", "name": "Daniel Okoye"},
                             surface="connection_note", text="Hi Daniel, ...")
    assert sent["entry"]["recipient"]["slug"] == "daniel-okoye" and len(sent["entry"]["sent"]) == 1
    again = await client.page(1, PROFILE_URL, "classic_profile_1st.html")
    assert again["outreach"]["recipient"]["slug"] == "daniel-okoye" and again["outreach"]["state"] == "asked"
    other = await client.page(2, "https://www.linkedin.com/in/priya-raman/", "sdui_profile_2nd.html")
    assert "outreach" not in other  # someone else's page shows no one's entry


async def test_a_tab_id_must_be_a_non_negative_integer(ws_client):
    ws = await ws_client()
    await ws.send(json.dumps({"id": 1, "type": "draft", "surface": "message", "text": "Hi", "version": 1, "tab": "1"}))
    reply = await recv_json(ws)
    assert reply["error"]["code"] == "invalid_format" and "tab" in reply["error"]["message"]
