"""The `draft` command through a real connection: feedback, supersede, pause, settings, status."""

import asyncio
import json
from pathlib import Path

import pytest
from conftest import recv_json

from pydantic import TypeAdapter

from protocol.feedback import Feedback
from protocol.messages import ServerMessage

parse_server_message = TypeAdapter(ServerMessage).validate_json

NOTE = ("Hi Dana, I saw the Staff Engineer opening on the payments team at Acme. I have led two ledger "
        "migrations and would love to be considered. Would you be open to referring me? Thank you!")


def draft(msg_id: int, version: int, text: str = NOTE, surface: str = "connection_note", **extra) -> str:
    return json.dumps({"id": msg_id, "type": "draft", "surface": surface, "text": text, "version": version, **extra})


@pytest.mark.asyncio
async def test_draft_gets_feedback_for_its_version(ws_client):
    ws = await ws_client()
    await ws.send(draft(1, 3))
    reply = await recv_json(ws)
    parse_server_message(json.dumps(reply))
    assert reply["id"] == 1 and reply["success"] is True
    feedback = Feedback.model_validate(reply["result"])
    assert feedback.version == 3 and feedback.surface == "connection_note"
    assert feedback.limits.allowed == 300 and feedback.limits.used == len(NOTE)
    assert 0 <= feedback.score <= 100


@pytest.mark.asyncio
async def test_over_the_linkedin_limit_is_an_error_finding_with_a_utf16_range(ws_client):
    ws = await ws_client()
    text = "🙂" + "x" * 300  # the emoji is two UTF-16 units: 302 units, limit 300
    await ws.send(draft(1, 1, text))
    result = (await recv_json(ws))["result"]
    over = [f for f in result["findings"] if f["code"] == "length.over-limit"]
    assert over and over[0]["severity"] == "error"
    assert over[0]["range"] == {"start": 300, "end": 302}
    assert result["limits"]["used"] == 302 and result["score"] <= 40


@pytest.mark.asyncio
async def test_page_declared_limit_wins(ws_client):
    ws = await ws_client()
    await ws.send(draft(1, 1, "x" * 250, limit=200))
    result = (await recv_json(ws))["result"]
    assert result["limits"]["allowed"] == 200 and any(f["code"] == "length.over-limit" for f in result["findings"])


@pytest.mark.asyncio
async def test_an_older_version_arriving_after_a_newer_one_is_superseded(ws_client):
    ws = await ws_client()
    await ws.send(draft(1, 5))
    assert (await recv_json(ws))["result"]["version"] == 5
    await ws.send(draft(2, 4))
    reply = await recv_json(ws)
    assert reply["id"] == 2 and reply["success"] is False and reply["error"]["code"] == "superseded"


@pytest.mark.asyncio
async def test_commands_run_in_arrival_order_and_a_waiting_draft_is_superseded(ws_client, monkeypatch):
    """The worker is held on a command; the versions typed meanwhile queue behind it. Each newer
    version answers the older waiting one `superseded` at once; when the worker is released the rest
    runs in arrival order and only the newest version is analysed."""
    from companion.commands import HANDLERS

    model, status = HANDLERS["status"]
    release = asyncio.Event()

    async def held(msg, session, services):
        await release.wait()
        return await status(msg, session, services)

    monkeypatch.setitem(HANDLERS, "status", (model, held))
    ws = await ws_client()
    await ws.send(json.dumps({"id": 1, "type": "status"}))
    for v in range(1, 6):
        await ws.send(draft(1 + v, v, NOTE[: 60 + v]))
    await ws.send(draft(7, 1, draft_id="other"))
    await ws.send(json.dumps({"id": 8, "type": "ping"}))
    await ws.send("not json")  # answered by the reader, after it queued everything before it
    early = [await recv_json(ws) for _ in range(5)]
    assert [r["id"] for r in early] == [2, 3, 4, 5, None]
    assert all(r["error"]["code"] == "superseded" for r in early[:4])
    assert early[4]["error"]["code"] == "invalid_format"
    release.set()
    rest = [await recv_json(ws) for _ in range(4)]
    assert [r["id"] for r in rest] == [1, 6, 7, 8] and all(r["success"] for r in rest)
    assert rest[1]["result"]["version"] == 5 and rest[2]["result"]["version"] == 1
    assert rest[3]["result"] == {"pong": True}


@pytest.mark.asyncio
async def test_many_typists_every_draft_is_answered_once_and_the_newest_gets_feedback(ws_client):
    """Several connections send bursts of versions of two drafts each, with a page snapshot in the
    middle, without waiting: every command gets exactly one answer (a draft: feedback or
    `superseded`), feedback versions only grow, and the newest version of every draft gets feedback."""
    sockets = [await ws_client(name=f"tab {i}") for i in range(5)]
    sent = 30
    page = json.dumps({"id": 1000, "type": "page", "url": "https://www.linkedin.com/in/daniel-okoye/",
                       "html": (Path(__file__).parent / "fixtures" / "linkedin" / "classic_profile_1st.html")
                       .read_text(encoding="utf-8")})

    async def type_and_collect(ws):
        for v in range(1, sent + 1):
            await ws.send(draft(v, v, NOTE[: 40 + v], draft_id=f"d{v % 2}"))
            if v == sent // 2:
                await ws.send(page)
        return [await recv_json(ws, timeout=30) for _ in range(sent + 1)]

    for replies in await asyncio.gather(*(type_and_collect(ws) for ws in sockets)):
        assert sorted(r["id"] for r in replies) == [*range(1, sent + 1), 1000]
        assert next(r for r in replies if r["id"] == 1000)["result"]["kind"] == "profile"
        replies = [r for r in replies if r["id"] != 1000]
        for r in replies:
            assert r["success"] or r["error"]["code"] == "superseded"
        for parity in (0, 1):
            versions = [r["result"]["version"] for r in replies if r["success"] and r["id"] % 2 == parity]
            assert versions == sorted(versions) and versions[-1] == max(v for v in range(1, sent + 1) if v % 2 == parity)

@pytest.mark.asyncio
async def test_separate_drafts_do_not_supersede_each_other(ws_client):
    ws = await ws_client()
    await ws.send(draft(1, 9, draft_id="note"))
    await ws.send(draft(2, 1, draft_id="inmail", surface="inmail"))
    replies = {r["id"]: r for r in [await recv_json(ws), await recv_json(ws)]}
    assert replies[1]["success"] and replies[2]["success"]


@pytest.mark.asyncio
async def test_pause_from_the_companion_answers_paused_and_pushes_an_event(companion_server, ws_client):
    ws = await ws_client()
    companion_server.services.set_paused(True)
    event = await recv_json(ws)
    assert event == {"type": "event", "event": "paused", "data": {"paused": True}}
    await ws.send(draft(1, 1))
    reply = await recv_json(ws)
    assert reply["error"]["code"] == "paused"
    companion_server.services.set_paused(False)
    assert (await recv_json(ws))["data"] == {"paused": False}
    await ws.send(draft(2, 2))
    assert (await recv_json(ws))["success"] is True


@pytest.mark.asyncio
async def test_settings_pause_and_silence_rules_for_this_connection(ws_client):
    ws = await ws_client()
    other = await ws_client(name="other")
    await ws.send(json.dumps({"id": 1, "type": "settings", "disabled_rules": ["length.over-limit"]}))
    assert (await recv_json(ws))["result"] == {"disabled_rules": ["length.over-limit"], "paused": False}
    await ws.send(draft(2, 1, "x" * 400))
    assert not any(f["code"] == "length.over-limit" for f in (await recv_json(ws))["result"]["findings"])
    await other.send(draft(2, 1, "x" * 400))
    assert any(f["code"] == "length.over-limit" for f in (await recv_json(other))["result"]["findings"])

    await ws.send(json.dumps({"id": 3, "type": "settings", "paused": True}))
    assert (await recv_json(ws))["result"]["paused"] is True
    await ws.send(draft(4, 2))
    assert (await recv_json(ws))["error"]["code"] == "paused"


@pytest.mark.asyncio
async def test_status_reports_flags_without_content(companion_server, ws_client):
    ws = await ws_client(name="Chromium")
    await ws.send(json.dumps({"id": 1, "type": "status"}))
    result = (await recv_json(ws))["result"]
    assert result["client_name"] == "Chromium" and result["local_only"] is True and result["paused"] is False
    assert result["clients_connected"] == 1 and result["protocol"] == 1
    assert result["context"] == {"profile": False, "thread": False, "composer": None}


@pytest.mark.asyncio
async def test_handler_crash_is_internal_error_and_the_connection_lives(ws_client, monkeypatch, caplog):
    from companion.commands import HANDLERS

    model, _ = HANDLERS["status"]

    detail = "boom with " + "private detail"  # built at run time, as draft text would be

    async def broken(msg, session, services):
        raise RuntimeError(detail)

    monkeypatch.setitem(HANDLERS, "status", (model, broken))
    ws = await ws_client()
    await ws.send(json.dumps({"id": 1, "type": "status"}))
    reply = await recv_json(ws)
    assert reply["error"]["code"] == "internal_error" and "private" not in reply["error"]["message"]
    await ws.send(json.dumps({"id": 2, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "command status failed: RuntimeError" in logged and "private detail" not in logged


@pytest.mark.asyncio
async def test_auth_ok_carries_the_paused_flag(companion_server, ws_client):
    companion_server.services.set_paused(True)
    ws = await ws_client()
    assert ws.auth_ok["paused"] is True and ws.auth_ok["local_only"] is True


@pytest.mark.asyncio
async def test_older_versions_are_refused_for_the_most_recent_draft_ids_only(ws_client):
    """A connection remembers the newest version of its last MAX_DRAFT_IDS drafts, not of all."""
    from companion.server.connection import MAX_DRAFT_IDS

    ws = await ws_client()
    await ws.send(draft(0, 5, "hello there", draft_id="first"))
    for i in range(1, MAX_DRAFT_IDS + 1):
        await ws.send(draft(i, 5, "hello there", draft_id=f"d{i}"))
    for _ in range(MAX_DRAFT_IDS + 1):
        assert (await recv_json(ws))["success"] is True
    await ws.send(draft(1000, 4, "hello there", draft_id=f"d{MAX_DRAFT_IDS}"))  # remembered: refused
    assert (await recv_json(ws))["error"]["code"] == "superseded"
    await ws.send(draft(1001, 4, "hello there", draft_id="first"))  # forgotten past the bound
    assert (await recv_json(ws))["result"]["version"] == 4
