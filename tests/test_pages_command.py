"""The `page` command on a real companion (aiohttp on port 0) with a real `websockets` client,
the own-profile memory on disk, and hints in the feedback of a later `draft`."""

import asyncio
import json
import os
import stat
import time
from pathlib import Path

import pytest
from conftest import recv_json

from companion.commands import page as page_command
from companion.pages import own_profile, parse_snapshot
from companion.session import Session
from protocol.messages import PageSnapshot

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


async def call(ws, payload: dict) -> dict:
    await ws.send(json.dumps(payload))
    while True:
        reply = await recv_json(ws, timeout=20)
        if reply.get("type") == "result" and reply.get("id") == payload["id"]:
            return reply


@pytest.mark.asyncio
async def test_page_then_draft_gets_hints_from_profile_and_remembered_own_profile(companion_server, ws_client):
    ws = await ws_client()
    own = await call(ws, {"id": 1, "type": "page", "url": "https://www.linkedin.com/in/sara-lindgren-dev/",
                          "html": fixture("sdui_profile_own.html"), "captured_at": "2026-01-10T09:00:00Z"})
    assert own["success"] and own["result"]["profile"]["is_self"] is True
    path = companion_server.data_dir / "own_profile.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(path.read_text())["slug"] == "sara-lindgren-dev"

    reply = await call(ws, {"id": 2, "type": "page", "url": "https://www.linkedin.com/in/priya-raman-42/",
                            "html": fixture("sdui_profile_2nd.html")})
    assert reply["success"]
    result = reply["result"]
    assert result["kind"] == "profile" and result["profile"]["name"] == "Priya Raman"
    assert result["profile"]["degree"] == 2 and len(result["profile"]["experience"]) == 3

    draft = {"id": 3, "type": "draft", "surface": "message", "version": 1,
             "text": "Hi Priya, I'm applying for the Staff Engineer role at Nimbus Labs. Would you be open to a referral?"}
    feedback = (await call(ws, draft))["result"]
    kinds = {h["kind"]: h for h in feedback["hints"]}
    assert kinds["shared_employer"]["text"] == "We were both at Stripe in 2019–2021."
    assert kinds["shared_employer"]["source"] == "profile.experience[1].roles[0].dates"
    assert kinds["shared_school"]["source"] == "profile.education[0].school"
    assert kinds["recent_post"]["link"].endswith("urn:li:activity:7408113942528000000/")


@pytest.mark.asyncio
async def test_page_on_a_messaging_page_sets_thread_and_recipient(ws_client):
    ws = await ws_client()
    reply = await call(ws, {"id": 1, "type": "page", "url": "https://www.linkedin.com/messaging/thread/2-abc/",
                            "html": fixture("classic_messaging_thread.html")})
    result = reply["result"]
    assert result["kind"] == "thread" and len(result["thread"]["messages"]) == 3
    assert result["thread"]["messages"][1] == {"sender": "them", "text": "Sure, send me your CV and the job link.",
                                               "sent_at": "2026-01-01T10:30:00+00:00", "sent_at_ms": 1767263400000}
    assert result["composer"]["surface"] == "message"


@pytest.mark.asyncio
async def test_garbage_page_is_a_success_with_warnings(ws_client):
    ws = await ws_client()
    reply = await call(ws, {"id": 1, "type": "page", "url": "https://www.linkedin.com/in/x/", "html": "<div<<>\x00"})
    assert reply["success"] and reply["result"]["warnings"]


@pytest.mark.asyncio
async def test_a_large_page_does_not_block_other_connections(companion_server, ws_client):
    """A ~7 MB snapshot parses in the executor while another connection's drafts keep being coached."""
    big = fixture("sdui_profile_2nd.html").replace("</main>", "<div>" + ("<p>filler text</p>" * 350_000) + "</div></main>")
    assert len(big) < 8 * 1024 * 1024
    parser_ws = await ws_client(name="parser")
    other = await ws_client(name="other")
    await parser_ws.send(json.dumps({"id": 1, "type": "page", "url": "https://www.linkedin.com/in/priya-raman-42/", "html": big}))
    answered = 0
    start = time.monotonic()
    done = asyncio.ensure_future(recv_json(parser_ws, timeout=60))
    while not done.done() and time.monotonic() - start < 60:
        reply = await call(other, {"id": 100 + answered, "type": "draft", "surface": "message", "version": answered,
                                   "text": "Hi Sam, would you be open to referring me for the SRE role at Acme?"})
        assert reply["success"] and reply["result"]["version"] == answered
        answered += 1
    result = await done
    assert result["success"] and result["result"]["profile"]["name"] == "Priya Raman"
    assert answered >= 1  # the event loop kept serving the other connection meanwhile


@pytest.mark.asyncio
async def test_handler_directly_keeps_richer_profile_for_a_later_thread(tmp_path):
    class Services:  # what the page handler reads of the server's Services: no outreach log here
        data_dir = tmp_path
        store = None

    session = Session()
    await page_command.handle(PageSnapshot(id=1, url="https://www.linkedin.com/in/daniel-okoye/",
                                           html=fixture("classic_profile_1st.html")), session, Services())
    page = session.page(None)  # a client that sends no tab id has one context
    assert page.profile.headline == "Engineering Manager at Kite Payments"
    assert session.own_profile.slug == "sara-lindgren-dev"  # from the embedded viewer data, now on disk
    assert own_profile.load(tmp_path).name == "Sara Lindgren"
    await page_command.handle(PageSnapshot(id=2, url="https://www.linkedin.com/messaging/thread/2-abc/",
                                           html=fixture("classic_messaging_thread.html")), session, Services())
    assert page.profile.headline == "Engineering Manager at Kite Payments"  # same person: the profile stays
    assert page.thread is not None and len(page.thread.messages) == 3
    await page_command.handle(PageSnapshot(id=3, url="https://www.linkedin.com/feed/", html="<main>feed</main>"),
                              session, Services())
    assert page.profile is None and page.thread is None and session.own_profile is not None


def test_own_profile_merge_keeps_what_a_full_sighting_taught(tmp_path):
    full = parse_snapshot(None, fixture("sdui_profile_own.html")).own_profile
    own_profile.save(tmp_path, full)
    partial = parse_snapshot(None, fixture("classic_profile_1st.html")).own_profile  # name/headline/slug only
    merged = own_profile.save(tmp_path, partial)
    assert merged.experience == full.experience and merged.location == "Toronto, Ontario, Canada"
    assert own_profile.load(tmp_path) == merged
    other = partial.model_copy(update={"slug": "someone-else", "url": None})
    assert own_profile.save(tmp_path, other).experience is None  # another account replaces it


def test_own_profile_that_cannot_be_written_is_still_returned(tmp_path):
    """A full disk or a refused write must not fail the page: the session keeps the profile."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    partial = parse_snapshot(None, fixture("classic_profile_1st.html")).own_profile
    assert own_profile.save(not_a_folder, partial).slug == "sara-lindgren-dev"


def test_own_profile_unreadable_file_is_ignored(tmp_path):
    (tmp_path / "own_profile.json").write_text("{not json")
    assert own_profile.load(tmp_path) is None


def test_own_profile_file_is_not_rewritten_when_nothing_changed(tmp_path):
    partial = parse_snapshot(None, fixture("classic_profile_1st.html")).own_profile
    own_profile.save(tmp_path, partial)
    path = own_profile.path_in(tmp_path)
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    own_profile.save(tmp_path, partial)
    assert path.stat().st_mtime_ns == before
