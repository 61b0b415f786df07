"""Peer-chosen text is capped at the protocol and never printed raw by the CLI (issue 14 item 9).

A pairing peer chooses its client name and the extension reports recipient names: escape sequences
in them passed through `tactful clients` and `tactful history` (a hostile client could disguise its
own row), and a 900 KB recipient name was stored."""

import json
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from companion.cli.terminal import safe
from companion.server.pairing import ClientStore
from conftest import EXT_ORIGIN, pair, pair_and_connect, recv_json

HOSTILE = "Chrome\x1b[2K\x1b[1A\rtrusted laptop\u202e\x07"


def tactful(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True, timeout=60)


def test_safe_shows_control_characters_and_keeps_ordinary_text():
    assert safe("Zoë Ng, Ünïcode & 日本 😀") == "Zoë Ng, Ünïcode & 日本 😀"
    shown = safe(HOSTILE)
    assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert shown == "Chrome\\x1b[2K\\x1b[1A\\x0dtrusted laptop\\u202e\\x07"


@pytest.mark.asyncio
async def test_pairing_refuses_a_client_name_with_control_characters_or_too_long(companion_server):
    for name in (HOSTILE, "x" * 101):
        code, _ = companion_server.services.pairing.create_code()
        reply = await pair(companion_server.url, code, EXT_ORIGIN, name)
        assert reply["type"] == "auth_invalid", reply
    assert ClientStore(companion_server.data_dir).load() == []


@pytest.mark.asyncio
async def test_sent_with_an_oversized_recipient_is_refused_and_not_stored(companion_server):
    ws = await pair_and_connect(companion_server)
    try:
        for field, value in (("name", "n" * 900_000), ("company", "c" * 201), ("slug", "s" * 201)):
            recipient = {"slug": "dana-lee", "name": "Dana Lee", field: value}
            await ws.send(json.dumps({"type": "sent", "id": 1, "surface": "message", "text": "Hi Dana",
                                      "recipient": recipient}))
            reply = await recv_json(ws, timeout=10)
            assert not reply["success"] and reply["error"]["code"] == "invalid_format", reply
        await ws.send(json.dumps({"type": "outreach.list", "id": 2}))
        listed = await recv_json(ws, timeout=10)
        assert listed["success"] and json.dumps(listed["result"]).count("dana-lee") == 0
    finally:
        await ws.close()


def test_clients_prints_a_stored_hostile_name_escaped(tmp_path):
    # Stored as an older companion (or a hand-edited file) could have: the output must still be safe.
    ClientStore(tmp_path).add(HOSTILE, EXT_ORIGIN, "t" * 43, datetime.now(timezone.utc))
    out = tactful("clients", "--data-dir", str(tmp_path))
    assert out.returncode == 0
    assert "\x1b" not in out.stdout and "\r" not in out.stdout and "\u202e" not in out.stdout
    assert "Chrome\\x1b[2K" in out.stdout and "trusted laptop" in out.stdout


def test_history_prints_hostile_recipient_fields_escaped(tmp_path):
    export = tmp_path / "in.json"
    export.write_text(json.dumps({"format": "tactful-outreach-log", "version": 1, "recipients": [{
        "slug": "dana-lee", "name": HOSTILE, "company": "Acme\x1b]0;owned\x07", "notes": "call\x1b[31m",
        "messages": [{"surface": "message", "sent_at": "2026-01-05T10:00:00+00:00"}]}]}))
    data = str(tmp_path / "data")
    assert tactful("history", "--data-dir", data, "import", str(export)).returncode == 0
    out = tactful("history", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\u202e" not in out.stdout
    assert "trusted laptop" in out.stdout and "Acme\\x1b]0;owned" in out.stdout and "call\\x1b[31m" in out.stdout
    out = tactful("history", "--data-dir", data, "set", "dana-lee", "--state", "agreed")
    assert out.returncode == 0 and "\x1b" not in out.stdout
