"""The outreach log and its rules through the real WebSocket: a real aiohttp companion on port 0,
a `websockets` client, real timestamps, and the server's clock set by the test."""

import json
from datetime import datetime, timedelta, timezone

import pytest
import pytest_asyncio
from conftest import recv_json

pytestmark = pytest.mark.asyncio

NOW = datetime(2026, 3, 20, 15, 0, tzinfo=timezone.utc)
TEMPLATE = ("Hi {name}, I hope you are doing well. I noticed that {company} is hiring a backend engineer "
            "and I would love to be considered for the role. I have five years of experience building "
            "payment systems in Go and Python. Would you be open to referring me, or pointing me to the "
            "right person? Thank you so much for your time.")


class Client:
    def __init__(self, ws):
        self.ws, self.next_id = ws, 1

    async def call(self, type_: str, **body) -> dict:
        self.next_id += 1
        await self.ws.send(json.dumps({"id": self.next_id, "type": type_, **body}))
        while True:
            msg = await recv_json(self.ws)
            if msg.get("type") == "result" and msg.get("id") == self.next_id:
                return msg

    async def ok(self, type_: str, **body) -> dict:
        reply = await self.call(type_, **body)
        assert reply["success"], reply
        return reply["result"]

    async def sent(self, slug, when, text=None, name=None, company=None, surface="message"):
        rcpt = {"slug": slug, "name": name, "company": company}
        return await self.ok("sent", recipient={k: v for k, v in rcpt.items() if v}, surface=surface,
                             text=text or TEMPLATE.format(name=name or slug, company=company or "Acme"),
                             sent_at=when.isoformat())

    async def codes(self, text, slug, surface="message", version=[0]) -> dict:
        version[0] += 1
        result = await self.ok("draft", surface=surface, text=text, version=version[0], recipient=slug)
        return {f["code"]: f for f in result["findings"]}


@pytest_asyncio.fixture
async def client(companion_server, ws_client):
    companion_server.services.clock = lambda: NOW
    return Client(await ws_client())


async def test_sent_is_acknowledged_listed_updated_and_forgotten(client, companion_server):
    first = await client.sent("ana-lopez", NOW - timedelta(days=3), name="Ana Lopez", company="Stripe")
    entry = first.pop("entry")  # the recipient's entry after recording, for the sidebar
    assert first == {"recorded": True, "duplicate": False, "follow_up": False, "text_stored": False,
                     "sent_at": "2026-03-17T15:00:00Z"}
    assert entry["recipient"]["slug"] == "ana-lopez" and len(entry["sent"]) == 1
    again = await client.sent("ana-lopez", NOW - timedelta(days=3), name="Ana Lopez", company="Stripe")
    assert again["duplicate"] is True
    listed = await client.ok("outreach.list")
    [entry] = listed["entries"]
    assert entry["recipient"] == {"slug": "ana-lopez", "name": "Ana Lopez", "company": "Stripe"}
    assert entry["state"] == "asked" and len(entry["sent"]) == 1 and "text" not in json.dumps(entry["sent"])

    updated = await client.ok("outreach.update", slug="ana-lopez", state="agreed", notes="said yes on a call")
    assert updated["entry"]["state"] == "agreed" and updated["entry"]["notes"] == "said yes on a call"
    assert "thank them" in updated["entry"]["advice"]

    missing = await client.call("outreach.update", slug="nobody", state="agreed")
    assert not missing["success"] and missing["error"]["code"] == "not_found"
    empty = await client.call("outreach.update", slug="ana-lopez")
    assert empty["error"]["code"] == "invalid_format"
    bad_time = await client.call("sent", recipient={"slug": "x"}, surface="message", text="hi", sent_at="soon")
    assert bad_time["error"]["code"] == "invalid_format"
    bad_slug = await client.call("sent", recipient={"slug": "a b"}, surface="message", text="hi")
    assert bad_slug["error"]["code"] == "invalid_format"

    neither = await client.call("outreach.forget")
    assert neither["error"]["code"] == "invalid_format"
    both = await client.call("outreach.forget", slug="ana-lopez", all=True)  # ambiguous: forgets no one
    assert both.get("error") == {"code": "invalid_format", "message": "give either slug or all, not both"}, both
    assert [e["recipient"]["slug"] for e in (await client.ok("outreach.list"))["entries"]] == ["ana-lopez"]
    assert (await client.ok("outreach.forget", slug="ana-lopez"))["forgotten"] == 1
    assert (await client.call("outreach.forget", slug="ana-lopez"))["error"]["code"] == "not_found"
    await client.sent("bo", NOW - timedelta(days=1))
    await client.sent("cy", NOW - timedelta(days=1))
    assert (await client.ok("outreach.forget", all=True))["forgotten"] == 2
    assert (await client.ok("outreach.list"))["entries"] == []


async def test_sent_without_time_uses_the_server_clock(client):
    result = await client.ok("sent", recipient={"slug": "ana"}, surface="connection_note", text="Hi Ana!")
    assert result["sent_at"] == "2026-03-20T15:00:00Z"


async def test_mass_message_says_to_how_many_and_when(client):
    people = [("ana", "Ana Lopez", "Stripe", 20), ("bo", "Bo Chen", "Figma", 12), ("cy", "Cy Diaz", "Datadog", 5)]
    for slug, name, company, days in people:
        await client.sent(slug, NOW - timedelta(days=days), name=name, company=company)
    # The same template, lightly edited, for a fourth person.
    draft = TEMPLATE.format(name="Dee", company="Notion").replace("I hope you are doing well", "Hope all is well")
    found = await client.codes(draft, "dee")
    mass = found["dup.mass-message"]
    assert mass["severity"] == "warning" and mass["data"]["recipients"] == 3
    assert "3 other people" in mass["message"] and "28 Feb" in mass["message"] and "15 Mar" in mass["message"]
    assert "Cy Diaz" in mass["message"]  # the most recent one, by name
    # A personal note is not flagged.
    personal = ("Hi Dee, your talk on Notion's sync engine made me rethink how we batch writes at work; "
                "the part about conflict-free counters especially. Could I ask how the team decides what "
                "to build in-house versus buy?")
    assert "dup.mass-message" not in await client.codes(personal, "dee")
    # Sending the template to someone again (a follow-up) only counts the others.
    again = await client.codes(TEMPLATE.format(name="Ana", company="Stripe"), "ana")
    assert again["dup.mass-message"]["data"]["recipients"] == 2


async def test_copies_to_colleagues_at_their_company_are_an_error(client):
    for slug, name, days in [("ana", "Ana Lopez", 3), ("bo", "Bo Chen", 2), ("cy", "Cy Diaz", 1)]:
        await client.sent(slug, NOW - timedelta(days=days), name=name, company="Stripe")
    await client.sent("dee", NOW - timedelta(days=1), name="Dee Park", company="Stripe, Inc.")
    mass = (await client.codes(TEMPLATE.format(name="Dee", company="Stripe"), "dee"))["dup.mass-message"]
    assert mass["severity"] == "error" and mass["data"]["same_company"] == 3
    assert "3 other people at Stripe, Inc." in mass["message"] and "everyone at Stripe" in mass["suggestion"]
    # One colleague among people at other companies is not yet a campaign at theirs.
    await client.sent("eli", NOW - timedelta(days=1), name="Eli Ross", company="Figma")
    await client.sent("fay", NOW - timedelta(days=1), name="Fay Wu", company="Datadog")
    mixed = (await client.codes(TEMPLATE.format(name="Eli", company="Figma"), "eli"))["dup.mass-message"]
    assert mixed["severity"] == "warning" and mixed["data"]["same_company"] == 0


async def test_follow_up_clock(client, companion_server):
    await client.sent("ana", NOW - timedelta(days=3), name="Ana Lopez", company="Stripe")
    reminder_text = "Hi Ana, just checking in on my note from last week."
    found = await client.codes(reminder_text, "ana")
    soon = found["followup.too-soon"]
    assert soon["severity"] == "warning" and "3 days ago" in soon["message"] and "fine from 24 Mar" in soon["message"]
    assert "followup.ok" not in found and "followup.stop" not in found

    companion_server.services.clock = lambda: NOW + timedelta(days=6)  # 9 days after the first note
    found = await client.codes(reminder_text, "ana")
    ok = found["followup.ok"]
    assert "followup.too-soon" not in found and "9 days" in ok["message"]
    assert ok["suggestion"].startswith('One to adapt: "Hi Ana,') and "Stripe" in ok["suggestion"]

    await client.sent("ana", NOW + timedelta(days=6), text=reminder_text, surface="follow_up")
    companion_server.services.clock = lambda: NOW + timedelta(days=14)  # the follow-up had its week
    found = await client.codes("Hi Ana, one more try!", "ana")
    assert "make it the last" in found["followup.ok"]["message"] and "followup.stop" not in found

    await client.sent("ana", NOW + timedelta(days=14), text="Hi Ana, one last note.", surface="follow_up")
    companion_server.services.clock = lambda: NOW + timedelta(days=22)
    found = await client.codes("Hi Ana, one more try!", "ana")
    stop = found["followup.stop"]
    assert "let this one go" in stop["message"] and "Try other avenues" in stop["suggestion"]
    assert "followup.ok" not in found and "followup.too-soon" not in found


async def test_a_reply_resets_the_follow_up_clock(client, companion_server):
    await client.sent("bo", NOW - timedelta(days=10))
    store = companion_server.services.store
    from companion.coach.outreach_view import to_ms
    await store.run(lambda db: db.record_replies("bo", [to_ms(NOW - timedelta(days=2))]))
    found = await client.codes("Thanks Bo! Happy to send my resume over.", "bo")
    assert not any(code.startswith("followup.") for code in found)


async def test_cold_ask_and_keep_updated(client, companion_server):
    ask = "Hi Eve, I am applying to the data team at Plaid. Would you be willing to refer me?"
    found = await client.codes(ask, "eve")
    cold = found["relationship.cold-ask"]
    assert "refer me" in cold["message"] and cold["range"]["start"] == ask.index("refer me")
    # After a conversation, asking is no longer cold.
    await client.sent("eve", NOW - timedelta(days=20), text="Hi Eve, loved your post on data contracts!")
    from companion.coach.outreach_view import to_ms
    await companion_server.services.store.run(lambda db: db.record_replies("eve", [to_ms(NOW - timedelta(days=19))]))
    assert "relationship.cold-ask" not in await client.codes(ask, "eve")

    await client.ok("outreach.update", slug="eve", state="referred")
    found = await client.codes("Hi Eve, quick question about the interview format.", "eve")
    assert "referral.keep-updated" in found and "referred you" in found["referral.keep-updated"]["message"]
    assert "referral.keep-updated" not in await client.codes("Hi Eve, thank you so much for the referral!", "eve")
    # A "Thanks!" closing a second ask is no update: this is when the reminder matters most.
    second = "Hi Eve, could you also refer me for the Senior SRE role (job 7801)? No worries if not. Thanks!"
    assert "referral.keep-updated" in await client.codes(second, "eve")
    companion_server.services.clock = lambda: NOW + timedelta(hours=1)
    await client.sent("eve", NOW + timedelta(hours=1), text="Thank you so much, Eve! I applied today.")
    assert "referral.keep-updated" not in await client.codes("Hi Eve, quick question.", "eve")


async def test_replies_seen_in_a_thread_page_are_logged_for_people_in_the_log(client):
    from pathlib import Path

    from companion.pages import parse_snapshot
    from companion.coach.outreach_view import iso, message_times, parse_time

    html = (Path(__file__).parent / "fixtures" / "linkedin" / "classic_messaging_thread.html").read_text()
    url = "https://www.linkedin.com/messaging/thread/2-ZmFrZQ==/"
    captured = "2026-01-03T12:00:00+00:00"
    expected = message_times(parse_snapshot(url, html, parse_time(captured)).thread)[1]
    assert len(expected) == 1
    # Not in the log yet: the thread is coached, but nothing is recorded about this person.
    await client.ok("page", url=url, html=html, captured_at=captured)
    assert (await client.ok("outreach.list"))["entries"] == []
    await client.sent("daniel-okoye", datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc), name="Daniel Okoye")
    await client.ok("page", url=url, html=html, captured_at=captured)
    [entry] = (await client.ok("outreach.list"))["entries"]
    assert entry["replies"] == [iso(expected[0])]
