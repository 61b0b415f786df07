"""Connection limits: a deadline for the HTTP request head (aiohttp alone would wait as long as the
peer keeps the socket open), two pools of WebSockets (the handshake pool never refuses, it closes
the oldest socket of the most crowded Origin; authenticated ones are capped per client and in total,
1013 over a cap) and a cap on open sockets near the descriptor limit. Why and how: docs/security.md,
threats 24-25, and docs/reliability.md, "Limits".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import time
from collections import Counter
from dataclasses import dataclass

from aiohttp import web

log = logging.getLogger("tactful.server")


FD_TARGET = 65536  # soft descriptor limit asked for at start (when the hard limit allows)


def raise_fd_limit() -> None:
    """Raise the soft RLIMIT_NOFILE towards min(hard, FD_TARGET) where allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = FD_TARGET if hard == resource.RLIM_INFINITY else min(hard, FD_TARGET)
    if soft != resource.RLIM_INFINITY and soft < want:
        with contextlib.suppress(ValueError, OSError):  # not allowed: keep the limit we have
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


@dataclass(eq=False, slots=True)  # eq=False: hashed by identity, a key of ConnectionLimits.pending
class Ticket:
    """One WebSocket's place in the pools, from the upgrade until the connection ends."""

    transport: object
    origin: str
    frames: object = None  # frames.PreAuthCap, lifted once authenticated
    client: str | None = None
    state: str = "pending"  # -> "authenticated" | "evicted" | "refused" | "released"


class ConnectionLimits:
    def __init__(self, config):
        self.config = config
        self._waiting: dict[object, asyncio.TimerHandle] = {}  # handler -> its header deadline
        self.expired = 0  # sockets closed for not sending a request head in time
        self.pending: dict[Ticket, None] = {}  # unauthenticated WebSockets, oldest first
        self.by_client: Counter[str] = Counter()  # authenticated WebSockets of each paired client
        self.evicted = 0  # unauthenticated sockets closed to make room
        self.refused = 0  # authenticated connections over a cap
        # Sockets accepted before new ones are refused: the soft limit less a headroom for files, pipes and
        # one accept() batch (asyncio accepts up to the listen backlog, 128, before we see any of them).
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        self.socket_cap = 1 << 30 if soft == resource.RLIM_INFINITY else max(16, soft - max(256, soft // 8))
        self.sockets = 0  # open accepted sockets (HTTP or WebSocket)
        self._storm: list | None = None  # [when the storm started, sockets refused since]

    @property
    def total(self) -> int:
        return len(self.pending) + self.by_client.total()

    # --- the header deadline and the descriptor guard ---------------------------------------

    def watch(self, server: web.Server) -> None:
        """Arm a header deadline on every socket `server` (aiohttp's web.Server) accepts, and
        close new sockets at once near the descriptor limit."""
        made, lost = server.connection_made, server.connection_lost
        deadline = self.config.header_timeout

        def connection_made(handler, transport) -> None:
            made(handler, transport)
            self.sockets += 1
            if self.sockets > self.socket_cap:
                self._refuse_socket()
                # After aiohttp's handler task has started (it is scheduled by now), so its
                # connection_lost, which uncounts the socket, finds the handler set up.
                asyncio.get_running_loop().call_soon(transport.abort)
                return
            if self._storm is not None:
                self._storm_over()
            if deadline > 0:
                self._waiting[handler] = asyncio.get_running_loop().call_later(deadline, self._expire, handler)

        def connection_lost(handler, exc) -> None:
            self.sockets -= 1
            self.disarm(handler)
            lost(handler, exc)

        # Instance attributes shadow the methods aiohttp's RequestHandler calls on its manager.
        server.connection_made = connection_made
        server.connection_lost = connection_lost

    def count_accept_failures(self, loop: asyncio.AbstractEventLoop) -> None:
        """Count asyncio's "accept() out of system resource" (EMFILE despite the cap, e.g. files
        held elsewhere) as refusals of the storm instead of a traceback each (it retries in 1 s)."""
        previous = loop.get_exception_handler()

        def handler(loop, context) -> None:
            if "out of system resource" in str(context.get("message", "")):
                self._refuse_socket()
            elif previous is not None:
                previous(loop, context)
            else:
                loop.default_exception_handler(context)

        loop.set_exception_handler(handler)

    def _refuse_socket(self) -> None:
        if self._storm is None:
            log.warning("near the file-descriptor limit (%d sockets open, at most %d): refusing new connections",
                        self.sockets - 1, self.socket_cap)
            self._storm = [time.monotonic(), 0]
        self._storm[1] += 1

    def _storm_over(self) -> None:
        since, count = self._storm
        self._storm = None
        log.warning("accepting connections again; refused %d near the file-descriptor limit in %.0f s",
                    count, time.monotonic() - since)

    def disarm(self, handler) -> None:
        """A complete request head arrived on this socket, or it closed: no header deadline now."""
        timer = self._waiting.pop(handler, None)
        if timer is not None:
            timer.cancel()

    def _expire(self, handler) -> None:
        if self._waiting.pop(handler, None) is None:
            return
        self.expired += 1
        log.info("closed a connection that sent no complete request within %g s", self.config.header_timeout)
        handler.force_close()

    @property
    def waiting_for_headers(self) -> int:
        return len(self._waiting)

    # --- WebSocket pools ------------------------------------------------------------------------

    def admit(self, transport, origin: str) -> Ticket:
        """A ticket in the unauthenticated pool for a new WebSocket; when the pool is full, the
        oldest waiting socket of the Origin that has the most waiting is closed to make room."""
        while len(self.pending) >= max(1, self.config.max_unauthenticated):
            waiting = Counter(t.origin for t in self.pending)
            crowded = max(waiting.values())
            victim = next(t for t in self.pending if waiting[t.origin] == crowded)  # dicts keep arrival order
            del self.pending[victim]
            victim.state = "evicted"
            self.evicted += 1
            if victim.transport is not None:
                victim.transport.abort()
        ticket = Ticket(transport, origin)
        self.pending[ticket] = None
        return ticket

    def authenticate(self, ticket: Ticket, client: str) -> str | None:
        """Move `ticket` to the authenticated pool as `client`; None, or why it is over a cap."""
        if ticket.state != "pending":
            return "this connection was closed to make room; connect again"
        cfg = self.config
        del self.pending[ticket]
        if self.by_client[client] >= cfg.max_connections_per_client:
            reason = f"too many connections from this browser (at most {cfg.max_connections_per_client}); try again later"
        elif self.by_client.total() >= cfg.max_connections:
            reason = f"too many connections to the companion (at most {cfg.max_connections}); try again later"
        else:
            ticket.state, ticket.client = "authenticated", client
            self.by_client[client] += 1
            if ticket.frames is not None:
                ticket.frames.lift()
            return None
        ticket.state = "refused"
        self.refused += 1
        log.warning("closed an authenticated WebSocket: %s", reason)
        return reason

    def release(self, ticket: Ticket) -> None:
        """The WebSocket behind `ticket` has ended."""
        if ticket.state == "pending":
            self.pending.pop(ticket, None)
        elif ticket.state == "authenticated":
            self.by_client -= Counter([ticket.client])  # a client at zero is dropped
        ticket.state = "released"
