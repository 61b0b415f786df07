"""companion/pages/worker.py: page snapshots parsed in a real child process, with a thread as the
fallback when the child dies, and no child left behind when the companion stops."""

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import pytest
from conftest import recv_json

from companion.pages import parse_snapshot
from companion.pages.worker import PageParser

from serve_process import children

pytestmark = pytest.mark.asyncio
FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
URL = "https://www.linkedin.com/in/dana-whitfield/"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


async def gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        await asyncio.sleep(0.05)
    return False


async def test_the_child_parses_what_a_thread_parses_and_survives_being_killed():
    html = fixture("classic_profile_1st.html")
    expected = parse_snapshot(URL, html)
    parser = PageParser()
    try:
        assert await parser.parse(URL, html) == expected
        child = parser.pid()
        assert child is not None and child != os.getpid() and alive(child)
        os.kill(child, signal.SIGKILL)
        assert await gone(child)
        assert await parser.parse(URL, html) == expected  # parsed in a thread meanwhile: nothing lost
        assert parser.restarts == 1
        assert await parser.parse(URL, html) == expected  # and a fresh child takes the next page
        assert parser.pid() not in (None, child)
    finally:
        parser.close()


async def test_close_leaves_no_child_and_a_thread_only_parser_never_starts_one():
    parser = PageParser()
    parser.warm()
    await asyncio.sleep(0)
    child = parser.pid()
    assert child is not None
    await asyncio.to_thread(parser.close)
    assert await gone(child)
    threads_only = PageParser(use_process=False)
    html = fixture("sdui_profile_2nd.html")
    assert await threads_only.parse(URL, html) == parse_snapshot(URL, html)
    assert threads_only.pid() is None


async def test_a_real_server_parses_pages_in_its_child_and_stops_it(make_server):
    server = await make_server()
    from conftest import pair_and_connect

    ws = await pair_and_connect(server)
    await ws.send(json.dumps({"id": 1, "type": "page", "url": URL, "html": fixture("classic_profile_1st.html")}))
    reply = await recv_json(ws, timeout=30)
    assert reply["success"] is True and reply["result"]["profile"]["name"]
    child = server.services.pages.pid()
    assert child is not None and alive(child)
    await ws.close()
    await server.running.stop()
    assert await gone(child)


async def test_a_killed_companion_leaves_no_page_parser_behind(tmp_path):
    from conftest import start_serve_process

    serve = start_serve_process(tmp_path / "data")
    try:
        deadline = time.monotonic() + 20
        kids: list[int] = []
        while time.monotonic() < deadline and len(kids) < 2:  # the parser and multiprocessing's tracker
            kids = children(serve.proc.pid)
            await asyncio.sleep(0.1)
        assert kids, "the page parser's child did not start"
    finally:
        serve.proc.send_signal(signal.SIGKILL)
        serve.proc.wait(10)
    for kid in kids:
        assert await gone(kid, timeout=15), f"process {kid} outlived the killed companion"
