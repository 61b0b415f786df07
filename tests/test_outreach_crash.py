"""Crash safety: SIGKILL `tactful serve` in the middle of a burst of `sent` writes, restart it on
the same data dir: the log opens, every acknowledged write is there exactly once, and re-sending
the whole burst (what a client does after reconnecting) stores each message once, never twice."""

import asyncio
import json
import os
import signal
from datetime import datetime, timedelta, timezone

import pytest
from conftest import authenticate, pair, recv_json, start_serve_process
from websockets.exceptions import ConnectionClosed

from companion.cli.pair_cmd import request_code
from companion.store import LogDB

pytestmark = pytest.mark.asyncio
BURST = 600
KILL_AFTER = 40  # acknowledgements seen before the kill
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def sent_command(i: int) -> dict:
    return {"id": 1000 + i, "type": "sent", "surface": "message",
            "recipient": {"slug": f"person-{i % 37}", "name": f"Person {i % 37}"},
            "text": f"Hi Person {i % 37}, message number {i} about the platform team and a referral.",
            "sent_at": (T0 + timedelta(minutes=i)).isoformat()}


async def burst_then_kill(server) -> tuple[set[int], str]:
    code = (await asyncio.to_thread(request_code, server.data_dir))["code"]
    token = (await pair(server.url, code))["token"]
    ws = await authenticate(server.url, token)
    acked: set[int] = set()

    async def reader():
        try:
            while True:
                msg = await recv_json(ws, timeout=30)
                if msg.get("type") == "result" and msg.get("success") and msg["id"] >= 1000:
                    assert msg["result"]["recorded"] is True
                    acked.add(msg["id"] - 1000)
                    if len(acked) == KILL_AFTER:
                        os.kill(server.proc.pid, signal.SIGKILL)
        except (ConnectionClosed, asyncio.TimeoutError):
            return

    task = asyncio.create_task(reader())
    try:
        for i in range(BURST):
            await ws.send(json.dumps(sent_command(i)))
    except ConnectionClosed:
        pass  # the process died while we were still sending: that is the point
    await asyncio.wait_for(task, 60)
    await ws.close()
    return acked, token


async def test_sigkill_mid_burst_loses_no_acknowledged_write_and_duplicates_none(tmp_path):
    data = tmp_path / "data"
    server = await asyncio.to_thread(start_serve_process, data)
    try:
        acked, token = await burst_then_kill(server)
        assert server.proc.wait(10) == -signal.SIGKILL
    finally:
        server.stop()
    assert len(acked) >= KILL_AFTER
    assert len(acked) < BURST, "the kill landed after the burst; make the burst longer"

    # The file opens cleanly and holds every acknowledged write exactly once.
    db = LogDB.in_dir(data)
    assert db.notice is None  # not treated as damaged
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.conn.execute("SELECT r.slug, m.sent_at FROM messages m JOIN recipients r ON r.id=m.recipient_id").fetchall()
    db.close()
    stored = [int((at - int(T0.timestamp() * 1000)) / 60_000) for _, at in rows]
    print(f"burst {BURST}: acknowledged {len(acked)}, stored {len(stored)}")
    assert len(stored) == len(set(stored)), "a write was stored twice"
    assert acked <= set(stored), f"lost acknowledged writes: {sorted(acked - set(stored))[:10]}"

    # Restart; the client reconnects with its token and re-sends the whole burst.
    server = await asyncio.to_thread(start_serve_process, data)
    try:
        ws = await authenticate(server.url, token)
        for i in range(BURST):
            await ws.send(json.dumps(sent_command(i)))
        dup = {}
        while len(dup) < BURST:
            msg = await recv_json(ws, timeout=60)
            if msg.get("type") == "result" and msg["id"] >= 1000:
                assert msg["success"], msg
                dup[msg["id"] - 1000] = msg["result"]["duplicate"]
        assert {i for i, d in dup.items() if d} == set(stored)
        await ws.send(json.dumps({"id": 1, "type": "outreach.list"}))
        listed = await recv_json(ws, timeout=30)
        while listed.get("id") != 1:
            listed = await recv_json(ws, timeout=30)
        total = sum(len(e["sent"]) for e in listed["result"]["entries"])
        assert total == BURST
        await ws.close()
    finally:
        server.stop()
