"""The WebSocket `draft` command returns the same Feedback as `tactful check --json`.

A real in-process companion on port 0 (tests/conftest.py), a real `websockets` client paired
through the server's own code generator, and the real CLI in a subprocess.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, recv_json

REPO = Path(__file__).resolve().parent.parent
SHARED_PAGE = SHARED / "fixtures" / "linkedin" / "sdui-1st-degree_2026-03.html"
PAGE_URL = "https://www.linkedin.com/in/maya-okafor-7b2/"

DRAFTS = [
    # No final newline: `check` drops a file's, while the message box keeps what was typed.
    ("message", "Hi Priya,\nRefer me to any openings at your company ASAP!! Thanks in advance 🙏"),
    ("connection_note", "Hi Sam, fellow Michigan alum here! I'm applying for the Data Analyst role at Stripe "
                        "and would be grateful for a referral if you're comfortable. No worries if not. Thank you!"),
    ("follow_up", "Hi Sam, did you see my message? I'm still waiting."),
    ("inmail", "Hi [Name], " + "I built things. " * 130),
]


def check_json(text: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "companion", "check", "-", "--json", *args],
                          input=text.encode("utf-8"), capture_output=True, cwd=REPO, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


async def command(ws, msg_id: int, **body) -> dict:
    await ws.send(json.dumps({"id": msg_id, **body}))
    while True:
        reply = await recv_json(ws, timeout=15)
        if reply.get("id") == msg_id:
            assert reply["success"], reply
            return reply["result"]


@pytest.mark.asyncio
async def test_draft_over_websocket_equals_check_json(ws_client):
    ws = await ws_client()
    for i, (surface, text) in enumerate(DRAFTS, start=1):
        result = await command(ws, i, type="draft", surface=surface, text=text, version=0)
        assert result == check_json(text, "--surface", surface), surface


@pytest.mark.asyncio
async def test_settings_switch_equals_check_disable(ws_client):
    ws = await ws_client()
    surface, text = DRAFTS[0]
    await command(ws, 1, type="settings", disabled_rules=["tone.demanding", "ask.vague"])
    result = await command(ws, 2, type="draft", surface=surface, text=text, version=3)
    expected = check_json(text, "--surface", surface, "--disable", "tone.demanding", "--disable", "ask.vague")
    assert result == {**expected, "version": 3}
    assert not {f["code"] for f in result["findings"]} & {"tone.demanding", "ask.vague"}


@pytest.mark.asyncio
@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="shared LinkedIn fixtures not present")
async def test_page_context_over_websocket_equals_check_page(ws_client):
    """Same page, same draft, same Feedback; hints from the page parser included.

    The server also knows the outreach log, which `tactful check` does not read, so the one rule
    that judges an ask by the log (relationship.cold-ask: no history with this person) is switched
    off on both sides; everything else must agree.
    """
    ws = await ws_client()
    html = SHARED_PAGE.read_text(encoding="utf-8")
    await command(ws, 1, type="settings", disabled_rules=["relationship.cold-ask"])
    await command(ws, 2, type="page", url=PAGE_URL, html=html)
    text = "Hi Priya, could you refer me for the Data Analyst role? Thanks!"
    result = await command(ws, 3, type="draft", surface="message", text=text, version=0)
    expected = check_json(text, "--surface", "message", "--page", str(SHARED_PAGE), "--url", PAGE_URL,
                          "--disable", "relationship.cold-ask")
    assert result == expected
    assert "fact.name-mismatch" in {f["code"] for f in result["findings"]}
    assert result["hints"]  # the profile's hints reached both
