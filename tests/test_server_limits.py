"""Abuse: floods of bad messages, oversized frames, dead peers. The server stays up for others."""

import asyncio
import json
import urllib.request
from pathlib import Path
from typing import get_args

import pytest
from conftest import authenticate, open_ws, pair, pair_and_connect, recv_json
from websockets.exceptions import ConnectionClosed

from companion.cli.pair_cmd import request_code
from protocol.messages import ClientMessage

DRAFT = {"type": "draft", "surface": "connection_note", "version": 1,
         "text": "Hi Dana, I'm applying for the Staff Engineer role at Acme. Would you be open to a referral?"}


def http_get(url: str) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=5) as resp:
        return resp.status, json.loads(resp.read())


async def read_until_closed(ws, timeout: float = 10.0) -> tuple[list[dict], int | None]:
    """Every message until the server closes, and its close code."""
    messages = []
    try:
        while True:
            messages.append(await recv_json(ws, timeout))
    except ConnectionClosed as exc:
        return messages, exc.rcvd.code if exc.rcvd else None


GARBAGE = ["not json", "[]", "{}", json.dumps({"id": 1, "type": "no.such.command"}),
           json.dumps({"id": 2, "type": "draft", "surface": "fax", "text": "x", "version": 1}),
           json.dumps({"id": 3, "type": "ping", "extra": True}), "{\"id\": 4", json.dumps({"type": "auth", "token": "x"})]


@pytest.mark.asyncio
async def test_flood_of_malformed_messages_closes_only_the_flooder(companion_server, ws_client):
    flooder = await ws_client(name="flooder")
    victim = await ws_client(name="victim")
    token = flooder.token

    async def flood() -> list[int]:
        """1,000 malformed messages from one client, each answered with an error until the server
        throws the client out (1008); then it reconnects with its token and goes on."""
        ws, codes, handled = flooder, [], 0
        while handled < 1000:
            try:
                await ws.send(GARBAGE[handled % len(GARBAGE)])
                reply = await recv_json(ws)
                assert reply["success"] is False
                assert reply["error"]["code"] in ("invalid_format", "unknown_command")
                handled += 1
            except ConnectionClosed as exc:
                handled += 1  # the message that tipped it over
                codes.append(exc.rcvd.code if exc.rcvd else None)
                ws = await authenticate(companion_server.url, token)
        await ws.close()
        return codes

    async def victim_drafts() -> int:
        """Meanwhile the other client keeps typing and keeps getting feedback."""
        answered = 0
        for v in range(1, 31):
            await victim.send(json.dumps({"id": v, **DRAFT, "version": v}))
            reply = await recv_json(victim)
            assert reply["id"] == v and reply["success"] is True and reply["result"]["version"] == v
            answered += 1
            status, body = await asyncio.to_thread(http_get, companion_server.http("/v1/health"))
            assert status == 200 and body["status"] == "ok"
        return answered

    codes, answered = await asyncio.gather(flood(), victim_drafts())
    assert answered == 30
    assert len(codes) >= 9 and all(code == 1008 for code in codes)  # thrown out every ~101 messages


@pytest.mark.asyncio
async def test_a_few_bad_messages_get_errors_and_the_connection_stays(ws_client):
    ws = await ws_client()
    await ws.send("{oops")
    assert (await recv_json(ws))["error"]["code"] == "invalid_format"
    await ws.send(json.dumps({"id": 5, "type": "teleport"}))
    bad = await recv_json(ws)
    assert bad["id"] == 5 and bad["error"]["code"] == "unknown_command"
    await ws.send(json.dumps({"id": 6, "type": "draft", "surface": "connection_note", "version": 1}))
    missing = await recv_json(ws)
    assert missing["id"] == 6 and missing["error"]["code"] == "invalid_format" and "text" in missing["error"]["message"]
    for odd in ({"id": 9, "type": [1]}, {"id": 9, "type": {"a": 1}}, {"id": 9, "type": None}, {"id": 9}):
        await ws.send(json.dumps(odd))
        assert (await recv_json(ws))["error"]["code"] == "unknown_command"
    await ws.send(b"\x00\x01")
    assert (await recv_json(ws))["error"]["code"] == "invalid_format"
    await ws.send(json.dumps({"id": 8, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}


@pytest.mark.asyncio
async def test_validation_errors_do_not_echo_the_draft(ws_client):
    ws = await ws_client()
    secret_text = "my very private draft text"
    await ws.send(json.dumps({"id": 1, "type": "draft", "surface": "fax", "text": secret_text, "version": 1}))
    reply = await recv_json(ws)
    assert reply["error"]["code"] == "invalid_format" and secret_text not in json.dumps(reply)


@pytest.mark.asyncio
async def test_oversized_command_closes_1009_but_page_may_be_larger(make_server):
    server = await make_server(max_message=64 * 1024, max_page_message=512 * 1024)
    ws = await pair_and_connect(server)
    page = {"id": 1, "type": "page", "url": "https://www.linkedin.com/in/dana/", "html": "<p>x</p>" * 20_000}
    await ws.send(json.dumps(page))  # ~160 KiB: over the general cap, under the page cap
    reply = await recv_json(ws)
    assert reply["id"] == 1  # answered (by the page handler, or unknown_command until it exists)
    await ws.send(json.dumps({"id": 2, **DRAFT, "text": "word " * 20_000}))  # ~100 KiB draft
    _, code = await read_until_closed(ws)
    assert code == 1009


@pytest.mark.asyncio
async def test_frame_over_the_page_cap_closes_1009(make_server):
    server = await make_server(max_message=16 * 1024, max_page_message=64 * 1024)
    ws = await pair_and_connect(server)
    try:
        await ws.send(json.dumps({"id": 1, "type": "page", "url": "u", "html": "x" * 100_000}))
    except ConnectionClosed:
        pass
    _, code = await read_until_closed(ws)
    assert code == 1009


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.asyncio
async def test_10_mib_frame_is_refused_with_1009_and_memory_stays_flat(serve_process):
    code_answer = await asyncio.to_thread(request_code, serve_process.data_dir)
    paired = await pair(serve_process.url, code_answer["code"])
    ws = await authenticate(serve_process.url, paired["token"])
    await ws.send(json.dumps({"id": 1, "type": "ping"}))
    await recv_json(ws)
    before = peak_rss_kib(serve_process.proc.pid)
    frame = "x" * (10 * 1024 * 1024)
    try:
        await asyncio.wait_for(ws.send(frame), 10)
    except (ConnectionClosed, ConnectionError):
        pass
    _, code = await read_until_closed(ws)
    assert code == 1009
    after = peak_rss_kib(serve_process.proc.pid)
    # The frame was refused from its header: the server's peak memory grew by far less than 10 MiB.
    assert after - before < 2 * 1024, (before, after)
    status, _ = await asyncio.to_thread(http_get, f"http://127.0.0.1:{serve_process.port}/v1/health")
    assert status == 200


@pytest.mark.asyncio
async def test_dead_peer_is_dropped_by_heartbeat(make_server):
    server = await make_server(heartbeat=0.2)
    ws = await pair_and_connect(server)
    assert len(server.services.connections) == 1
    ws.transport.pause_reading()  # the client stops answering pings, like a frozen or vanished peer
    for _ in range(50):
        if not server.services.connections:
            break
        await asyncio.sleep(0.1)
    assert not server.services.connections
    ws.transport.close()


@pytest.mark.asyncio
async def test_live_peer_survives_heartbeats(make_server):
    server = await make_server(heartbeat=0.1)
    ws = await pair_and_connect(server)
    await asyncio.sleep(0.6)
    await ws.send(json.dumps({"id": 1, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}
    await ws.close()


@pytest.mark.asyncio
async def test_too_much_queued_work_is_rate_limited(make_server):
    server = await make_server(pending_bytes=200)
    ws = await pair_and_connect(server)
    await ws.send(json.dumps({"id": 1, **DRAFT, "text": "x" * 300}))
    reply = await recv_json(ws)
    assert reply["id"] == 1 and reply["error"]["code"] == "rate_limited"
    await ws.send(json.dumps({"id": 2, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}
    await ws.close()


@pytest.mark.asyncio
async def test_a_client_that_stops_reading_is_dropped_with_1013(make_server):
    server = await make_server(send_queue=8)
    ws = await pair_and_connect(server)
    conn = next(iter(server.services.connections))
    ws.transport.pause_reading()  # the client keeps the socket open but reads nothing
    blob = "x" * 200_000
    for _ in range(400):  # ~80 MB of pushes: far more than the socket buffers hold
        conn.push_event("test", {"blob": blob})
        await asyncio.sleep(0)
        if conn.closing:
            break
    assert conn.closing
    ws.transport.resume_reading()
    _, code = await read_until_closed(ws, timeout=20)
    assert code == 1013


def random_value(rng, depth=0):
    choices = [None, True, 0, -1, 2**60, 1.5, "", "x" * rng.randint(0, 50), "🙂\u0000\ud7ff", "message", "draft"]
    if depth < 3:
        choices += ["list", "dict"]
    pick = rng.choice(choices)
    if pick == "list":
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if pick == "dict":
        return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return pick


FIELDS = ["id", "type", "surface", "text", "version", "draft_id", "limit", "url", "html", "recipient", "slug",
          "state", "notes", "all", "disabled_rules", "paused", "subject", "sent_at", "token", "code"]
MODELS = {m.model_fields["type"].default: m for m in get_args(get_args(ClientMessage)[0])}
TYPES = ["ping", "draft", "settings", "status", "page", "sent", "outreach.list", "outreach.update",
         "outreach.forget", "auth", "pair", "nope", None, 3]


@pytest.mark.asyncio
async def test_random_messages_get_one_reply_each_and_never_an_internal_error(make_server):
    import random

    rng = random.Random(20261127)
    server = await make_server(bad_message_limit=100_000)
    ws = await pair_and_connect(server)
    succeeded = set()
    for i in range(300):
        kind = rng.choice(TYPES)
        own = [f for f in MODELS[kind].model_fields if f not in ("id", "type")] if kind in MODELS else FIELDS
        fields = own if rng.random() < 0.7 else FIELDS  # mostly the command's own fields, so handlers run
        msg = {k: random_value(rng) for k in rng.sample(fields, rng.randint(0, len(fields)))}
        if kind == "sent" and rng.random() < 0.5:
            msg["recipient"] = {"slug": str(random_value(rng)), "name": random_value(rng)}
        msg["id"] = i
        msg["type"] = kind
        if msg["type"] == "draft" and rng.random() < 0.5:
            msg.update(surface=rng.choice(["connection_note", "message", "inmail", "follow_up"]),
                       text=str(random_value(rng)), version=i)
        await ws.send(json.dumps(msg))
        reply = await recv_json(ws)
        assert reply["type"] == "result" and reply["id"] == i, (msg, reply)
        if not reply["success"]:
            assert reply["error"]["code"] != "internal_error", (msg, reply)
        else:
            succeeded.add(kind)
    assert {"ping", "draft", "status"} <= succeeded  # the handlers really ran, not just the validator
    await ws.send(json.dumps({"id": 1000, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}
    await ws.close()
