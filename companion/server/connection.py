"""One WebSocket connection: handshake (handshake.py), then a reader that queues commands, one
worker that runs them in arrival order (a newer version of a waiting draft supersedes it), and one
writer behind a bounded queue (a client that stops reading is dropped). See docs/architecture.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import socket
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from pydantic import BaseModel, ValidationError

from companion.commands import HANDLERS
from companion.errors import CommandError, storage_error
from companion.server.frames import MAX_JSON_DEPTH, NOT_JSON, TOO_DEEP, json_value
from companion.server.handshake import handshake as run_handshake
from companion.session import Session
from protocol.errors import ErrorCode
from protocol.messages import AUTH_CLOSE, Draft

log = logging.getLogger("tactful.server")

MAX_DRAFT_IDS = 256  # composers remembered per connection for supersede
SLOW_CLIENT_CLOSE = 1013  # "try again later": we dropped a client that stopped reading
CLOSE_DEADLINE = 2.0  # seconds a dropped client's close handshake may take before the transport closes


def _utf8_len(text: str) -> int:
    """Byte length of `text` in UTF-8 (what the frame cap counts)."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def log_failure(what: str) -> None:
    """Log the current exception's type and stack, not its message: handlers' messages may quote
    draft text or page content, which must never reach a log."""
    exc_type, _, tb = sys.exc_info()
    frames = "".join(traceback.format_tb(tb))
    log.error("%s: %s (message withheld)\n%s", what, exc_type.__name__ if exc_type else "?", frames.rstrip())


def describe_validation_error(exc: ValidationError) -> str:
    """Which fields are wrong and why, without echoing the values (they may be draft text)."""
    fields = [(".".join(map(str, err["loc"])) or "message", err["msg"]) for err in exc.errors()[:3]]
    return "; ".join(f"{loc}: {why}" for loc, why in fields)


def error_reply(msg_id: int | None, code: ErrorCode, message: str) -> dict:
    return {"type": "result", "id": msg_id, "success": False, "error": {"code": code.value, "message": message}}


@dataclass
class _Pending:
    cmd: Any
    handler: Any
    size: int


class Connection:
    """Runs one accepted WebSocket until it closes. Create, then `await run()`."""

    def __init__(self, ws: web.WebSocketResponse, services, origin: str, limits, ticket):
        self.ws = ws
        self.services = services
        self.config = services.config
        self.session = Session(origin=origin)
        self._limits, self._ticket = limits, ticket  # its place in the connection pools (limits.py)
        self.closing = False
        # str frames, a (code, reason) close marker, or None to stop the writer.
        self._out: asyncio.Queue = asyncio.Queue(maxsize=self.config.send_queue + 1)
        self._queued_bytes = 0  # UTF-8 bytes of the str frames in _out
        self._pending: deque[_Pending] = deque()
        self._pending_bytes = 0
        self._wake = asyncio.Event()
        self._bad: deque[float] = deque()
        self._latest: dict[str, int] = {}  # draft_id -> newest version seen
        self._tasks: list[asyncio.Task] = []

    # --- writing -------------------------------------------------------------------------------

    def send(self, payload: dict) -> None:
        """Queue one frame without waiting (see send_frame)."""
        self.send_frame(json.dumps(payload, separators=(",", ":"), ensure_ascii=False))

    def send_frame(self, frame: str) -> None:
        """Queue one encoded text frame (see send). A client `send_queue` frames or
        `send_queue_bytes` behind is dropped (a lone frame may be bigger: it is one reply)."""
        if self.closing:
            return
        size = _utf8_len(frame)
        fits = self._queued_bytes + size <= self.config.send_queue_bytes or self._out.empty()
        if self._out.qsize() < self.config.send_queue and fits:
            self._queued_bytes += size
            self._out.put_nowait(frame)
        else:
            log.warning("client %r stopped reading; dropping it", self.session.client_name)
            self._close_soon(SLOW_CLIENT_CLOSE, "client too slow")

    def push_event(self, event: str, data: dict) -> None:
        self.send({"type": "event", "event": event, "data": data})

    async def _writer(self) -> None:
        while True:
            frame = await self._out.get()
            if isinstance(frame, str):
                self._queued_bytes -= _utf8_len(frame)
            if frame is None or self.ws.closed:
                return
            try:
                if isinstance(frame, tuple):  # (code, reason): close after the replies before it
                    await self.ws.close(code=frame[0], message=frame[1].encode())
                    return
                await self.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                return

    def _close_after_replies(self, code: int, reason: str) -> None:
        """Stop reading; the writer sends what is queued, then closes with `code` (unless a close is
        already under way). send_frame leaves the queue's last slot free for this one marker."""
        if not self.closing:
            self.closing = True
            self._out.put_nowait((code, reason))

    def _close_soon(self, code: int, reason: str) -> None:
        if not self.closing:
            self.closing = True
            self._tasks.append(asyncio.ensure_future(self._close_with_deadline(code, reason)))

    async def _close_with_deadline(self, code: int, reason: str) -> None:
        """Close, but never wait on a peer that stopped reading: ws.close() would block on the full
        socket forever, keeping the connection counted and its buffers held. After CLOSE_DEADLINE the
        socket is shut down, else asyncio's close would wait for the peer to read what is buffered."""
        sock = self.ws.get_extra_info("socket")
        try:
            await asyncio.wait_for(self.ws.close(code=code, message=reason.encode()), CLOSE_DEADLINE)
        except (asyncio.TimeoutError, ConnectionError, RuntimeError):
            if sock is not None and sock.fileno() != -1:
                with contextlib.suppress(OSError):  # the pending writes fail and asyncio frees the transport
                    sock.shutdown(socket.SHUT_RDWR)

    # --- handshake ----------------------------------------------------------------------------

    async def handshake(self) -> bool:
        """companion/server/handshake.py's exchange; True once auth_ok/paired is sent."""
        done = await run_handshake(self.ws, self.services, self.session.origin, self.config.auth_timeout)
        if done is None:
            return False
        record, reply = done
        self.session.client_name = record.name
        self._verifier = record.verifier
        refusal = self._limits.authenticate(self._ticket, record.name)
        if refusal is not None:  # over its client's cap: try again later, the pairing stays
            await self.ws.close(code=SLOW_CLIENT_CLOSE, message=refusal.encode()[:120])  # never raises once prepared
            return False
        self.services.connections.add(self)  # before auth_ok: a client that got auth_ok is already counted
        try:
            await self.ws.send_json(reply)
        except (ConnectionError, RuntimeError):
            self.services.connections.discard(self)
            return False
        return True

    # --- the command loop ----------------------------------------------------------------------

    async def run(self) -> None:
        if not await self.handshake():
            return
        svc = self.services
        svc.notify()
        writer = asyncio.ensure_future(self._writer())
        worker = asyncio.ensure_future(self._worker())
        watcher = asyncio.ensure_future(self._watch_revocation())
        try:
            async for msg in self.ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        await self._on_text(msg.data)
                    except Exception:  # a dispatch bug must cost one reply, not the connection
                        log_failure("could not dispatch a message")
                        self.send(error_reply(None, ErrorCode.INTERNAL_ERROR, "the companion failed on this message"))
                elif msg.type == WSMsgType.BINARY:
                    self._bad_message(None, ErrorCode.INVALID_FORMAT, "binary frames are not accepted; send JSON text")
                else:  # ERROR: aiohttp already closed with the right code (e.g. 1009)
                    break
                if self.closing:
                    break
        finally:
            self.closing = True
            svc.connections.discard(self)
            worker.cancel()
            watcher.cancel()
            await asyncio.gather(worker, watcher, return_exceptions=True)
            if not self._out.full():
                self._out.put_nowait(None)
            with contextlib.suppress(Exception):  # on timeout wait_for cancels the writer
                await asyncio.wait_for(writer, timeout=2.0)
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._release()
            svc.notify()

    def _release(self) -> None:
        """Drop what this connection held (queued commands, the page contexts) now: a closed connection's
        objects form reference cycles (aiohttp's request, tasks) that only a rare full collection frees."""
        self._pending.clear()
        self._pending_bytes = 0
        self._latest.clear()
        self._tasks.clear()
        self.session = Session(origin=self.session.origin, client_name=self.session.client_name)

    async def _watch_revocation(self) -> None:
        """Close (4401) soon after `tactful unpair` revokes this client, not only at its next auth."""
        while not self.closing:
            await asyncio.sleep(self.config.revocation_check)
            try:
                known = await asyncio.to_thread(self.services.pairing.clients.verifiers)  # off the event loop
            except (OSError, ValueError):  # an unreadable file is not a revocation
                continue
            if self.close_if_unpaired(known):
                return

    def close_if_unpaired(self, known: frozenset[str]) -> bool:
        """Close (4401) when this client's verifier is not among the `known` (clients.json as just
        read); True then. Also called at once by the admin route `tactful unpair` notifies (app.py)."""
        if self.closing or any(hmac.compare_digest(v, self._verifier) for v in known):
            return False
        log.info("client %r was unpaired; closing its connection", self.session.client_name)
        self.send({"type": "auth_invalid", "message": "this browser was unpaired; pair again"})
        self._close_after_replies(AUTH_CLOSE, "auth_invalid")
        return True

    def _bad_message(self, msg_id: int | None, code: ErrorCode, message: str) -> None:
        """Reply with an error; more than bad_message_limit in the window closes with 1008."""
        now = time.monotonic()
        self._bad.append(now)
        while self._bad and self._bad[0] < now - self.config.bad_message_window:
            self._bad.popleft()
        if len(self._bad) > self.config.bad_message_limit:
            log.warning("client %r sent too many bad messages; closing", self.session.client_name)
            self._close_after_replies(WSCloseCode.POLICY_VIOLATION, "too many bad messages")
            return
        self.send(error_reply(msg_id, code, message))

    async def _on_text(self, data: str) -> None:
        size = _utf8_len(data)
        if size > self.config.max_message:  # only a `page` may be this big: decode it off the loop
            raw = await asyncio.to_thread(json_value, data)
        else:
            raw = json_value(data)  # the decoded value, or NOT_JSON / TOO_DEEP: never raises
        kind = raw.get("type") if isinstance(raw, dict) else None
        if not isinstance(kind, str):
            kind = None
        if size > self.config.max_message and kind != "page":
            self.closing = True
            await self.ws.close(code=WSCloseCode.MESSAGE_TOO_BIG, message=b"message too big")
            return
        if raw is NOT_JSON:
            return self._bad_message(None, ErrorCode.INVALID_FORMAT, "not JSON")
        if raw is TOO_DEEP:
            return self._bad_message(None, ErrorCode.INVALID_FORMAT,
                                     f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        if not isinstance(raw, dict):
            return self._bad_message(None, ErrorCode.INVALID_FORMAT, "expected a JSON object")
        msg_id = raw.get("id")
        if not isinstance(msg_id, int) or isinstance(msg_id, bool):
            msg_id = None
        entry = HANDLERS.get(kind)
        if entry is None:
            if kind in ("auth", "auth_begin", "pair"):
                return self._bad_message(msg_id, ErrorCode.INVALID_FORMAT, "already authenticated")
            shown = kind[:40] if kind else "missing or not a string"
            return self._bad_message(msg_id, ErrorCode.UNKNOWN_COMMAND, f"unknown command type: {shown}")
        model, handler = entry
        try:
            cmd = model.model_validate(raw)
        except ValidationError as exc:
            return self._bad_message(msg_id, ErrorCode.INVALID_FORMAT, describe_validation_error(exc))
        self._enqueue(cmd, handler, size)

    def _enqueue(self, cmd, handler, size: int) -> None:
        if self._pending_bytes + size > self.config.pending_bytes:
            self.send(error_reply(cmd.id, ErrorCode.RATE_LIMITED, "too much work queued; slow down"))
            return
        if isinstance(cmd, Draft):
            newest = self._latest.get(cmd.draft_id)
            if newest is not None and cmd.version < newest:
                self.send(error_reply(cmd.id, ErrorCode.SUPERSEDED, f"version {newest} is newer"))
                return
            self._latest.pop(cmd.draft_id, None)
            self._latest[cmd.draft_id] = cmd.version  # re-inserted: the dict stays ordered by recency
            if len(self._latest) > MAX_DRAFT_IDS:  # forget the least recently typed draft
                del self._latest[next(iter(self._latest))]
            for item in list(self._pending):
                if isinstance(item.cmd, Draft) and item.cmd.draft_id == cmd.draft_id:
                    self._pending.remove(item)
                    self._pending_bytes -= item.size
                    self.send(error_reply(item.cmd.id, ErrorCode.SUPERSEDED, f"version {cmd.version} is newer"))
        self._pending.append(_Pending(cmd, handler, size))
        self._pending_bytes += size
        self._wake.set()

    async def _worker(self) -> None:
        """Runs the queued commands in arrival order, one at a time, so a `page` lands before the
        `draft` typed on it. After each it yields to the loop: the reader then queues what arrived
        meanwhile (a newer version supersedes a waiting draft) and other connections take a turn."""
        while not self.closing:
            if not self._pending:
                self._wake.clear()
                await self._wake.wait()
                continue
            item = self._pending.popleft()
            self._pending_bytes -= item.size
            await self._run(item)
            await asyncio.sleep(0)

    # --- running one command ---------------------------------------------------------------------

    async def _run(self, item: _Pending) -> None:
        cmd = item.cmd
        try:
            result = await item.handler(cmd, self.session, self.services)
        except Exception as exc:  # noqa: BLE001 - answered, see _reply_failure
            self._reply_failure(cmd, exc)
            return
        if isinstance(result, BaseModel):  # encoded by pydantic's core in one step, not dumped then re-walked
            self.send_frame(f'{{"type":"result","id":{cmd.id},"success":true,"result":{result.model_dump_json()}}}')
        else:
            self.send({"type": "result", "id": cmd.id, "success": True, "result": result})

    def _reply_failure(self, cmd, exc: Exception) -> None:
        """Call from the `except` block: log_failure reads the exception being handled."""
        if isinstance(exc, CommandError):
            self.send(error_reply(cmd.id, exc.code, exc.message))
            return
        failed = storage_error(exc)  # disk full / read-only: say so, not "internal error"
        if failed is not None:
            log.warning("command %s could not write: %s", cmd.type, failed.message)
            self.send(error_reply(cmd.id, failed.code, failed.message))
            return
        # The traceback goes to the log (it names no content); the client hears only that it failed.
        log_failure(f"command {cmd.type} failed")
        self.send(error_reply(cmd.id, ErrorCode.INTERNAL_ERROR, "the companion failed on this command"))
