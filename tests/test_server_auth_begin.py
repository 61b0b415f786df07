"""The server proves itself before the client reveals its token (auth_begin -> auth_challenge).

A real server on port 0 and `websockets` as the client. The proof is recomputed here from the
published formula with hashlib/hmac, not with the server's own helper, so a drift in either fails.
"""

import base64
import hashlib
import hmac
import json
import os
import re
from pathlib import Path

import pytest
from conftest import EXT_ORIGIN, OTHER_EXT_ORIGIN, open_ws, recv_json
from test_server_handshake import expect_4401, parse_server_message

DOCS = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def expected_proof(token: str, salt: bytes, nonce: bytes, port: int) -> bytes:
    verifier = hashlib.sha256(salt + token.encode()).digest()
    return hmac.new(verifier, b"tactful-server-proof-v1" + nonce + port.to_bytes(2, "big"), hashlib.sha256).digest()


async def begin(ws, name: str, nonce: bytes) -> dict:
    """Read hello, send auth_begin, return the reply."""
    assert (await recv_json(ws))["type"] == "hello"
    await ws.send(json.dumps({"type": "auth_begin", "client_name": name, "nonce": b64(nonce)}))
    return await recv_json(ws)


@pytest.mark.asyncio
async def test_good_proof_then_auth(companion_server, ws_client):
    client = await ws_client(name="Chrome on laptop")
    nonce = os.urandom(16)
    async with await open_ws(companion_server.url) as ws:
        challenge = await begin(ws, "Chrome on laptop", nonce)
        parse_server_message(json.dumps(challenge))
        assert challenge["type"] == "auth_challenge"
        salt = unb64(challenge["salt"])
        assert len(salt) == 16
        assert hmac.compare_digest(unb64(challenge["proof"]),
                                   expected_proof(client.token, salt, nonce, companion_server.port))
        await ws.send(json.dumps({"type": "auth", "token": client.token}))
        ok = await recv_json(ws)
        assert ok["type"] == "auth_ok" and ok["client_name"] == "Chrome on laptop"
        await ws.send(json.dumps({"id": 1, "type": "ping"}))
        assert (await recv_json(ws))["result"] == {"pong": True}


@pytest.mark.asyncio
async def test_the_proof_does_not_verify_with_another_token_nonce_or_port(companion_server, ws_client):
    client = await ws_client(name="a")
    other = await ws_client(name="b")
    nonce = os.urandom(32)
    async with await open_ws(companion_server.url) as ws:
        challenge = await begin(ws, "a", nonce)
    salt, proof = unb64(challenge["salt"]), unb64(challenge["proof"])
    port = companion_server.port
    assert hmac.compare_digest(proof, expected_proof(client.token, salt, nonce, port))
    assert not hmac.compare_digest(proof, expected_proof(other.token, salt, nonce, port))
    assert not hmac.compare_digest(proof, expected_proof(client.token, salt, os.urandom(32), port))
    assert not hmac.compare_digest(proof, expected_proof(client.token, salt, nonce, port + 1 if port < 65535 else 1))
    # Each client has its own salt, and a fresh nonce gives a fresh proof.
    async with await open_ws(companion_server.url) as ws:
        assert unb64((await begin(ws, "b", nonce))["salt"]) != salt
    async with await open_ws(companion_server.url) as ws:
        assert unb64((await begin(ws, "a", os.urandom(32)))["proof"]) != proof


@pytest.mark.asyncio
async def test_unknown_client_name_is_refused(companion_server, ws_client):
    await ws_client(name="known")
    async with await open_ws(companion_server.url) as ws:
        msg = await expect_4401_after_begin(ws, "not paired here")
        assert "unknown client" in msg["message"]


@pytest.mark.asyncio
async def test_a_client_from_another_origin_is_refused_alike(companion_server, ws_client):
    await ws_client(name="chrome one", origin=EXT_ORIGIN)
    async with await open_ws(companion_server.url, origin=OTHER_EXT_ORIGIN) as ws:
        msg = await expect_4401_after_begin(ws, "chrome one")
        assert "unknown client" in msg["message"]  # the same words: no hint that the name exists


async def expect_4401_after_begin(ws, name: str, nonce: bytes | None = None) -> dict:
    assert (await recv_json(ws))["type"] == "hello"
    await ws.send(json.dumps({"type": "auth_begin", "client_name": name, "nonce": b64(nonce or os.urandom(16))}))
    return await expect_4401(ws)


@pytest.mark.asyncio
@pytest.mark.parametrize("nonce", [os.urandom(15), os.urandom(65)], ids=["15 bytes", "65 bytes"])
async def test_a_nonce_outside_16_to_64_bytes_is_refused(companion_server, ws_client, nonce):
    await ws_client(name="n")
    async with await open_ws(companion_server.url) as ws:
        await expect_4401_after_begin(ws, "n", nonce)


@pytest.mark.asyncio
async def test_a_nonce_of_a_length_no_base64_has_is_refused(companion_server, ws_client):
    """25 base64url characters fit auth_begin's pattern and length but decode to no bytes."""
    await ws_client(name="n")
    async with await open_ws(companion_server.url) as ws:
        assert (await recv_json(ws))["type"] == "hello"
        await ws.send(json.dumps({"type": "auth_begin", "client_name": "n", "nonce": "A" * 25}))
        assert "nonce of 16 to 64 random bytes" in (await expect_4401(ws))["message"]


@pytest.mark.asyncio
async def test_auth_begin_twice_is_refused(companion_server, ws_client):
    await ws_client(name="twice")
    async with await open_ws(companion_server.url) as ws:
        assert (await begin(ws, "twice", os.urandom(16)))["type"] == "auth_challenge"
        await ws.send(json.dumps({"type": "auth_begin", "client_name": "twice", "nonce": b64(os.urandom(16))}))
        await expect_4401(ws)


@pytest.mark.asyncio
@pytest.mark.parametrize("second", [
    {"type": "pair", "code": "ABCD-EFGH", "client_name": "x"},
    {"id": 1, "type": "ping"},
    {"type": "auth", "token": "x" * 43},
])
async def test_only_a_right_auth_may_follow_the_challenge(companion_server, ws_client, second):
    await ws_client(name="c")
    async with await open_ws(companion_server.url) as ws:
        assert (await begin(ws, "c", os.urandom(16)))["type"] == "auth_challenge"
        await ws.send(json.dumps(second))
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_auth_must_be_for_the_client_that_auth_begin_named(companion_server, ws_client):
    await ws_client(name="first")
    second = await ws_client(name="second")
    async with await open_ws(companion_server.url) as ws:
        assert (await begin(ws, "first", os.urandom(16)))["type"] == "auth_challenge"
        await ws.send(json.dumps({"type": "auth", "token": second.token}))
        await expect_4401(ws)


@pytest.mark.asyncio
async def test_auth_begin_after_auth_is_an_error_and_the_connection_stays(companion_server, ws_client):
    ws = await ws_client(name="already")
    await ws.send(json.dumps({"type": "auth_begin", "client_name": "already", "nonce": b64(os.urandom(16))}))
    reply = await recv_json(ws)
    assert reply["type"] == "result" and reply["success"] is False
    assert reply["error"]["code"] == "invalid_format" and "already authenticated" in reply["error"]["message"]
    await ws.send(json.dumps({"id": 2, "type": "ping"}))
    assert (await recv_json(ws))["result"] == {"pong": True}


@pytest.mark.asyncio
async def test_plain_auth_without_auth_begin_still_works(companion_server, ws_client):
    client = await ws_client(name="old extension")
    async with await open_ws(companion_server.url) as ws:
        assert (await recv_json(ws))["type"] == "hello"
        await ws.send(json.dumps({"type": "auth", "token": client.token}))
        assert (await recv_json(ws))["type"] == "auth_ok"


@pytest.mark.asyncio
async def test_auth_begin_does_not_extend_the_handshake_deadline(make_server):
    from conftest import pair_and_connect

    server = await make_server(auth_timeout=0.5)
    client = await pair_and_connect(server, name="slow")
    await client.close()
    async with await open_ws(server.url) as ws:
        assert (await begin(ws, "slow", os.urandom(16)))["type"] == "auth_challenge"
        msg = await expect_4401(ws)  # no auth follows: refused once the one deadline passes
        assert "0.5 s" in msg["message"]


@pytest.mark.asyncio
async def test_a_client_paired_before_auth_begin_existed_can_use_it(make_server, tmp_path):
    """clients.json written by the earlier code (hex salt, hex SHA-256(salt || token)) needs no
    migration: the verifier is already H."""
    data = tmp_path / "old"
    data.mkdir(mode=0o700)
    token, salt = "q3V9l2n0y2mQeE8o0c5JpW7xK1sR4tU6vY8zA0bC2dE", bytes.fromhex("00112233445566778899aabbccddeeff")
    record = {"name": "Chrome on laptop", "origin": EXT_ORIGIN, "salt": salt.hex(),
              "verifier": hashlib.sha256(salt + token.encode()).hexdigest(),
              "paired_at": "2026-01-01T00:00:00+00:00", "last_seen": None}
    (data / "clients.json").write_text(json.dumps({"clients": [record]}))
    (data / "clients.json").chmod(0o600)
    server = await make_server(data_dir=data)
    nonce = os.urandom(16)
    async with await open_ws(server.url) as ws:
        challenge = await begin(ws, "Chrome on laptop", nonce)
        assert unb64(challenge["salt"]) == salt
        assert hmac.compare_digest(unb64(challenge["proof"]), expected_proof(token, salt, nonce, server.port))
        await ws.send(json.dumps({"type": "auth", "token": token}))
        assert (await recv_json(ws))["type"] == "auth_ok"


def test_the_documented_example_is_a_real_proof():
    """docs/protocol.md's auth_challenge example: its token, salt 00..ff, nonce 00..0f, port 8765."""
    text = DOCS.read_text(encoding="utf-8")
    challenge = json.loads(re.search(r'```json\n(\{"type": "auth_challenge".*?)```', text, re.S).group(1))
    begin_msg = json.loads(re.search(r'```json\n(\{"type": "auth_begin".*?)```', text, re.S).group(1))
    token = "q3V9l2n0y2mQeE8o0c5JpW7xK1sR4tU6vY8zA0bC2dE"
    salt, nonce = unb64(challenge["salt"]), unb64(begin_msg["nonce"])
    assert salt == bytes.fromhex("00112233445566778899aabbccddeeff") and nonce == bytes(range(16))
    assert unb64(challenge["proof"]) == expected_proof(token, salt, nonce, 8765)
