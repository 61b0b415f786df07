"""The handshake of one WebSocket, before any command: who is the client?

    server: hello
    client: auth | pair | auth_begin
      auth_begin -> server: auth_challenge (salt, proof) -> client: auth   (once, and only auth)
    server: auth_ok | paired   -- or auth_invalid and close 4401 on any failure

`auth_begin` lets a paired client make the server prove it holds the verifier of the client's
token before the client reveals the token (docs/security.md, threat 22). One deadline, started
when the socket opens, covers the whole exchange, so the extra round trip cannot stretch it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiohttp import WSMsgType, web
from pydantic import ValidationError

from companion.server.frames import NOT_JSON, TOO_DEEP, json_value
from companion.server.pairing import ClientRecord, PairingError
from protocol import PROTOCOL_VERSION
from protocol.messages import AUTH_CLOSE, Auth, AuthBegin, Pair

log = logging.getLogger("tactful.server")

FIRST_FRAME_MAX = 4096  # handshake frames are tiny; a big one is refused without parsing


async def refuse(ws: web.WebSocketResponse, message: str) -> None:
    """auth_invalid with `message` (safe to show: no secrets in it), then close 4401."""
    with contextlib.suppress(ConnectionError, RuntimeError):  # the peer may be gone already
        await ws.send_json({"type": "auth_invalid", "message": message})
        await ws.close(code=AUTH_CLOSE, message=b"auth_invalid")


def _connected(ws: web.WebSocketResponse) -> bool:
    """Whether the peer is still there (a socket closed to make room in the pool is not)."""
    sock = ws.get_extra_info("socket")
    return not ws.closed and sock is not None and sock.fileno() != -1


async def _next_frame(ws: web.WebSocketResponse, deadline: float, timeout: float, allowed: dict) -> Any:
    """The next frame as one of the `allowed` models (type -> model), or None after refusing a
    late, oversized, binary, malformed or out-of-order frame (or when the peer left)."""
    names = " or ".join(allowed)  # "auth or pair or auth_begin", or just "auth"
    remaining = deadline - asyncio.get_running_loop().time()
    try:
        if remaining <= 0:
            raise asyncio.TimeoutError
        msg = await ws.receive(timeout=remaining)
    except asyncio.TimeoutError:
        await refuse(ws, f"no auth or pair within {timeout:g} s")
        return None
    if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
        return None
    if msg.type != WSMsgType.TEXT or len(msg.data) > FIRST_FRAME_MAX:
        await refuse(ws, f"the next message must be {names}")
        return None
    raw = json_value(msg.data)  # deep nesting is refused by a scan, not a RecursionError
    if raw is NOT_JSON or raw is TOO_DEEP:
        await refuse(ws, f"the next message must be a valid {names}")
        return None
    kind = raw.get("type") if isinstance(raw, dict) else None
    model = allowed.get(kind) if isinstance(kind, str) else None
    if model is None:
        await refuse(ws, f"authenticate first: send {names}")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError:
        await refuse(ws, f"the next message must be a valid {names}")
        return None


async def handshake(ws: web.WebSocketResponse, svc, origin: str, timeout: float) -> tuple[ClientRecord, dict] | None:
    """Run the exchange up to (not including) the final reply: returns the client's record and the
    auth_ok/paired message to send once the caller has registered the connection, or None after
    refusing (4401) or losing the peer. auth_begin is allowed once, first; only `auth` may follow
    it, with a token of the client it named."""
    deadline = asyncio.get_running_loop().time() + timeout
    about = {"protocol": PROTOCOL_VERSION, "server": f"tactful/{svc.version}", "local_only": svc.local_only}
    await ws.send_json({"type": "hello", **about})
    first = await _next_frame(ws, deadline, timeout, {"auth": Auth, "pair": Pair, "auth_begin": AuthBegin})
    if first is None:
        return None
    begun = None
    try:
        if isinstance(first, AuthBegin):
            salt, proof = svc.pairing.challenge(first.client_name, origin, first.nonce, svc.port)
            try:
                await ws.send_json({"type": "auth_challenge", "salt": salt, "proof": proof})
            except (ConnectionError, RuntimeError):
                return None
            begun = first.client_name
            first = await _next_frame(ws, deadline, timeout, {"auth": Auth})
            if first is None:
                return None
        if isinstance(first, Auth):
            record = svc.pairing.authenticate(first.token, origin)
            if begun is not None and record.name != begun:  # the token must be the named client's
                raise PairingError("this token belongs to another client than auth_begin named; pair again")
            reply = {"type": "auth_ok", **about, "client_name": record.name, "paused": svc.is_paused}
        else:
            # Every code attempt waits its turn (pairing.GuessPacer): guessing stays slow however
            # many Origins a program forges, and no program can lock the user's code out.
            remaining = deadline - asyncio.get_running_loop().time()
            if not await svc.pairing.pacer.turn(lambda: _connected(ws), remaining):
                if not ws.closed:
                    await refuse(ws, f"no auth or pair within {timeout:g} s")
                return None
            token, record = svc.pairing.pair(first.code, first.client_name, origin)
            reply = {"type": "paired", "token": token, "client_name": record.name, **about}
            log.info("paired a new client %r", record.name)
    except PairingError as exc:
        log.info("refused %s from a client: %s", first.type, exc)
        await refuse(ws, str(exc))
        return None
    return record, reply
