"""Handshake and pairing, end to end, on a real server with `websockets` as the client."""

import asyncio
import json
from pathlib import Path

import pytest
from conftest import EXT_ORIGIN, OTHER_EXT_ORIGIN, authenticate, open_ws, pair, recv_json
from pydantic import TypeAdapter
from websockets.exceptions import ConnectionClosed

from companion.cli.pair_cmd import request_code
from protocol.messages import ServerMessage

parse_server_message = TypeAdapter(ServerMessage).validate_json  # a reply that does not fit the protocol raises


async def expect_4401(ws, timeout: float = 5.0) -> dict:
    """Read until close: the last message must be auth_invalid and the close code 4401."""
    messages = []
    with pytest.raises(ConnectionClosed) as info:
        while True:
            messages.append(await recv_json(ws, timeout))
    assert info.value.rcvd is not None and info.value.rcvd.code == 4401
    assert messages and messages[-1]["type"] == "auth_invalid"
    return messages[-1]


@pytest.mark.asyncio
async def test_pair_with_cli_code_then_auth_on_new_connection(companion_server):
    # The code comes from the real `tactful pair` code path: admin secret from the data dir, HTTP POST.
    answer = await asyncio.to_thread(request_code, companion_server.data_dir)
    assert set(answer) == {"code", "expires_in"} and answer["expires_in"] == 120
    paired = await pair(companion_server.url, answer["code"], name="Chrome on laptop")
    parse_server_message(json.dumps(paired))
    assert paired["type"] == "paired" and paired["client_name"] == "Chrome on laptop"
    assert len(paired["token"]) >= 40 and paired["local_only"] is True

    ws = await authenticate(companion_server.url, paired["token"])
    parse_server_message(json.dumps(ws.auth_ok))
    assert ws.auth_ok["client_name"] == "Chrome on laptop" and ws.auth_ok["protocol"] == 1
    await ws.send(json.dumps({"id": 7, "type": "ping"}))
    assert await recv_json(ws) == {"type": "result", "id": 7, "success": True, "result": {"pong": True}}
    await ws.close()


@pytest.mark.asyncio
async def test_hello_is_first(companion_server):
    async with await open_ws(companion_server.url) as ws:
        hello = await recv_json(ws)
        parse_server_message(json.dumps(hello))
        assert hello["type"] == "hello" and hello["protocol"] == 1 and hello["server"].startswith("tactful/")


@pytest.mark.asyncio
async def test_wrong_token_is_refused(companion_server, ws_client):
    await ws_client()  # a paired client exists, so the token store is not empty
    async with await open_ws(companion_server.url) as ws:
        await recv_json(ws)
        await ws.send(json.dumps({"type": "auth", "token": "x" * 43}))
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_token_from_another_origin_is_refused(companion_server, ws_client):
    good = await ws_client(origin=EXT_ORIGIN)
    async with await open_ws(companion_server.url, origin=OTHER_EXT_ORIGIN) as ws:
        await recv_json(ws)
        await ws.send(json.dumps({"type": "auth", "token": good.token}))
        msg = await expect_4401(ws)
        assert good.token not in msg["message"]


@pytest.mark.asyncio
async def test_reused_code_is_refused(companion_server):
    code, _ = companion_server.services.pairing.create_code()
    assert (await pair(companion_server.url, code))["type"] == "paired"
    async with await open_ws(companion_server.url) as ws:
        await recv_json(ws)
        await ws.send(json.dumps({"type": "pair", "code": code, "client_name": "again"}))
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_expired_code_is_refused(companion_server):
    from datetime import timedelta

    services = companion_server.services
    start = services.clock()
    services.clock = lambda: start
    code, ttl = services.pairing.create_code()
    services.clock = lambda: start + timedelta(seconds=ttl + 1)  # no sleeping: move the clock
    async with await open_ws(companion_server.url) as ws:
        await recv_json(ws)
        await ws.send(json.dumps({"type": "pair", "code": code, "client_name": "late"}))
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_code_is_accepted_just_before_expiry_and_typed_loosely(companion_server):
    from datetime import timedelta

    services = companion_server.services
    start = services.clock()
    services.clock = lambda: start
    code, ttl = services.pairing.create_code()
    services.clock = lambda: start + timedelta(seconds=ttl - 1)
    paired = await pair(companion_server.url, code.lower().replace("-", " "))
    assert paired["type"] == "paired"


@pytest.mark.asyncio
async def test_five_wrong_codes_lock_pairing_even_for_the_right_code(companion_server):
    code, _ = companion_server.services.pairing.create_code()
    for _ in range(5):
        assert (await pair(companion_server.url, "WRNG-CODE"))["type"] == "auth_invalid"
    refused = await pair(companion_server.url, code)
    assert refused["type"] == "auth_invalid" and "try again in" in refused["message"]


@pytest.mark.asyncio
async def test_lockout_ends_after_a_while(companion_server):
    from datetime import timedelta

    from companion.server.pairing import LOCKOUT

    services = companion_server.services
    start = services.clock()
    services.clock = lambda: start
    for _ in range(5):
        assert (await pair(companion_server.url, "WRNG-CODE"))["type"] == "auth_invalid"
    services.clock = lambda: start + LOCKOUT + timedelta(seconds=1)
    code, _ = services.pairing.create_code()
    assert (await pair(companion_server.url, code))["type"] == "paired"


@pytest.mark.asyncio
@pytest.mark.parametrize("first", [
    "not json",
    json.dumps({"id": 1, "type": "ping"}),
    json.dumps({"type": "auth"}),
    json.dumps([1, 2]),
])
async def test_anything_but_auth_first_is_refused(companion_server, first):
    async with await open_ws(companion_server.url) as ws:
        await recv_json(ws)
        await ws.send(first)
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_binary_first_frame_is_refused(companion_server):
    async with await open_ws(companion_server.url) as ws:
        await recv_json(ws)
        await ws.send(b'{"type": "auth", "token": "x"}')
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_no_auth_in_time_is_refused(make_server):
    server = await make_server(auth_timeout=0.3)
    async with await open_ws(server.url) as ws:
        await recv_json(ws)
        msg = await expect_4401(ws)
        assert "0.3 s" in msg["message"]


@pytest.mark.asyncio
async def test_unpaired_token_is_refused_after_unpair(companion_server, ws_client):
    from companion.server.pairing import ClientStore

    ws = await ws_client(name="to revoke")
    assert ClientStore(companion_server.data_dir).remove("to revoke") == ["to revoke"]
    async with await open_ws(companion_server.url) as again:
        await recv_json(again)
        await again.send(json.dumps({"type": "auth", "token": ws.token}))
        await expect_4401(again)


@pytest.mark.asyncio
async def test_unpair_closes_an_open_connection(make_server):
    from conftest import pair_and_connect

    from companion.server.pairing import ClientStore

    server = await make_server(revocation_check=0.1)
    ws = await pair_and_connect(server, name="open one")
    assert ClientStore(server.data_dir).remove("open one") == ["open one"]
    msg = await expect_4401(ws)
    assert "unpaired" in msg["message"]


def test_only_the_newest_codes_stay_valid(tmp_path):
    from companion.server.pairing import MAX_ACTIVE_CODES, Pairing, PairingError

    pairing = Pairing(tmp_path)
    codes = [pairing.create_code()[0] for _ in range(MAX_ACTIVE_CODES + 1)]
    with pytest.raises(PairingError):
        pairing.pair(codes[0], "old", EXT_ORIGIN)
    token, record = pairing.pair(codes[-1], "new", EXT_ORIGIN)
    assert pairing.authenticate(token, EXT_ORIGIN).name == "new"
    with pytest.raises(PairingError):
        pairing.authenticate(token, OTHER_EXT_ORIGIN)


def test_revocation_check_reads_the_clients_file_as_it_is_now(tmp_path):
    """Open connections check every few seconds that their client is still paired, against
    clients.json as another process (the CLI) last wrote it."""
    from datetime import datetime, timezone

    from companion.server.pairing import ClientStore

    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    server_side, cli_side = ClientStore(tmp_path), ClientStore(tmp_path)
    kept = cli_side.add("kept", EXT_ORIGIN, "token-kept", now)
    gone = cli_side.add("gone", EXT_ORIGIN, "token-gone", now)
    assert server_side.verifiers() == {kept.verifier, gone.verifier}
    cli_side.remove("gone")
    assert server_side.verifiers() == {kept.verifier}
    (tmp_path / "clients.json").unlink()
    assert server_side.verifiers() == frozenset()


@pytest.mark.asyncio
async def test_a_damaged_clients_file_refuses_pairing_with_a_reason_not_a_dropped_socket(companion_server):
    answer = await asyncio.to_thread(request_code, companion_server.data_dir)
    (Path(companion_server.data_dir) / "clients.json").write_text("{garbage", encoding="utf-8")
    refused = await pair(companion_server.url, answer["code"])
    assert refused["type"] == "auth_invalid" and "tactful doctor" in refused["message"]
    assert str(companion_server.data_dir) not in refused["message"]  # no local path to the peer
