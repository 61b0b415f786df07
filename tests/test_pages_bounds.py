"""Page snapshots that would make the parser run unbounded are refused before parsing (issue 14
item 2), and pages parse in a thread of the companion (issue 15 item 5): page commands through a
real server still work, a pathological page is refused with `invalid_page` and a warning that holds
no page content, and other requests are still answered meanwhile."""

import asyncio
import json
import logging
from pathlib import Path

import pytest

from companion.pages import parse_snapshot, read_snapshot
from companion.pages.bounds import MAX_DEPTH, MAX_ELEMENTS, PageTooComplex, check
from conftest import pair_and_connect, recv_json

REPO = Path(__file__).resolve().parent.parent
OURS = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared" / "fixtures" / "linkedin"
PROFILE_URL = "https://www.linkedin.com/in/priya-raman-data/"


def _fixtures() -> list[Path]:
    return sorted([*OURS.rglob("*.html"), *(SHARED.rglob("*.html") if SHARED.is_dir() else [])])


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.name)
def test_real_pages_pass_the_check(path):
    check(path.read_text(encoding="utf-8", errors="replace"))


def test_deep_nesting_and_too_many_elements_are_refused():
    with pytest.raises(PageTooComplex, match="deep"):
        check("<div>" * (MAX_DEPTH + 1))
    check("<div>" * MAX_DEPTH)
    check(("<div>" * 400 + "</div>" * 400) * 100)  # deep often, but never too deep at once
    with pytest.raises(PageTooComplex, match="elements"):
        check("<br>" * (MAX_ELEMENTS + 1))


def test_text_that_is_not_markup_is_not_counted():
    check("<script>" + "<div>" * 10_000 + "</script><!--" + "<p>" * 10_000 + "--><style>" + "<b>" * 10_000 + "</style>")
    check("<main>" + "&lt;div&gt;" * 10_000 + "</main>")


def test_parse_snapshot_still_never_raises_and_says_why():
    result = parse_snapshot(PROFILE_URL, "<div>" * 100_000)
    assert result.kind == "other" and any("deep" in w for w in result.warnings)
    with pytest.raises(PageTooComplex):
        read_snapshot(PROFILE_URL, "<div>" * 100_000)


@pytest.mark.asyncio
async def test_pathological_page_is_refused_and_others_are_still_answered(companion_server, caplog):
    """The reported hang: "<div>" x 1.6 million (8 MB) kept the page reader busy for 15 minutes."""
    page = (OURS / "linkedin" / "sdui_profile_2nd.html").read_text(encoding="utf-8")
    ws = await pair_and_connect(companion_server)
    other = await pair_and_connect(companion_server, name="other browser")
    secret = "Confidential-Page-Text"
    try:
        with caplog.at_level(logging.WARNING):
            await ws.send(json.dumps({"type": "page", "id": 1, "url": PROFILE_URL,
                                      "html": f"<p>{secret}</p>" + "<div>" * 1_600_000}))
            await other.send(json.dumps({"type": "ping", "id": 7}))
            assert (await recv_json(other, timeout=30))["id"] == 7
            refused = await recv_json(ws, timeout=60)
        assert refused["id"] == 1 and not refused["success"], refused
        assert refused["error"]["code"] == "invalid_page" and "deep" in refused["error"]["message"]
        assert "page refused" in caplog.text and secret not in caplog.text
        # The connection lives, and the next page is read as usual.
        await ws.send(json.dumps({"type": "page", "id": 2, "url": PROFILE_URL, "html": page}))
        reply = await recv_json(ws, timeout=30)
        assert reply["id"] == 2 and reply["success"] and reply["result"]["kind"] == "profile", reply
    finally:
        await ws.close()
        await other.close()


@pytest.mark.asyncio
async def test_pages_from_two_connections_parse_concurrently_with_drafts(companion_server):
    page = (OURS / "linkedin" / "classic_profile_1st.html").read_text(encoding="utf-8")
    a = await pair_and_connect(companion_server)
    b = await pair_and_connect(companion_server, name="second browser")
    try:
        for i in range(5):
            await a.send(json.dumps({"type": "page", "id": i, "url": "https://www.linkedin.com/in/daniel-okoye/",
                                     "html": page}))
            await b.send(json.dumps({"type": "draft", "id": i, "surface": "message", "version": i,
                                     "text": "Hi Daniel, would you be open to referring me?"}))
        pages = [await recv_json(a, timeout=30) for _ in range(5)]
        drafts = [await recv_json(b, timeout=30) for _ in range(5)]
        assert all(r["success"] and r["result"]["profile"]["name"] for r in pages), pages
        assert all(r["success"] or r["error"]["code"] == "superseded" for r in drafts), drafts
    finally:
        await a.close()
        await b.close()


@pytest.mark.asyncio
async def test_sigterm_right_after_a_pathological_page_stops_the_companion(serve_process):
    """`tactful serve` used to wait for the parse on SIGTERM (15 minutes); now it never has one that long."""
    from companion.cli.pair_cmd import request_code
    from conftest import authenticate, pair

    code = (await asyncio.to_thread(request_code, serve_process.data_dir))["code"]
    ws = await authenticate(serve_process.url, (await pair(serve_process.url, code))["token"])
    await ws.send(json.dumps({"type": "page", "id": 1, "url": PROFILE_URL, "html": "<div>" * 1_600_000}))
    assert (await recv_json(ws, timeout=60))["error"]["code"] == "invalid_page"
    await ws.send(json.dumps({"type": "page", "id": 2, "url": PROFILE_URL, "html": "<div>" * 1_600_000}))
    assert await asyncio.to_thread(serve_process.stop, 30) == 0
    assert "<div>" not in serve_process.logs()
