"""Connection limits: a deadline for the HTTP request head, and caps on open WebSockets.

Header deadline. aiohttp reads request headers for as long as the peer keeps the socket open
(its idle timer is the keep-alive timeout, an hour by default, and older versions do not arm it
before the first request at all), so 200 sockets trickling a handshake one byte a second would
hold 200 file descriptors and handler objects forever. `watch(server)` arms a timer when aiohttp
accepts a socket; the request guard calls `request_started()` once a complete request head has
been parsed; a socket still without one after `header_timeout` seconds is closed. Sockets are
independent, so the tricklers never delay a real client meanwhile. After the first request,
aiohttp's keep-alive timer (set to the same value by start_server) closes idle HTTP connections.

WebSocket pools. Any local program can forge any extension Origin, so counting by Origin protects
nothing: 8 rotating fake origins holding 128 slots would lock the real extension out. So
unauthenticated and authenticated WebSockets are counted apart. The unauthenticated pool is
small (`max_unauthenticated`) with a short deadline (`auth_timeout`), and it never refuses: when
it is full a waiting socket is closed to make room: the oldest of the Origin with the most
sockets waiting. A program that parks sockets there only shortens their wait; a real client, one
socket from its Origin whose handshake takes milliseconds, is never the one closed while forged
Origins crowd the pool, and even against one socket per forged Origin it is the newest, closed
only if a pool's worth of sockets arrive within its handshake. Once authenticated, a
connection counts against its client (`max_connections_per_client`, by the paired name its token
proves) and the total (`max_connections`); only paired clients can fill those, and each only its
own share. Over them, the connection closes with 1013 (try again later), never auth_invalid, which
would make the extension forget its pairing.

File descriptors. Every socket is a descriptor; at the limit (`ulimit -n`, often 1024) accept()
fails, the companion cannot open clients.json or the outreach log either, and asyncio logged each
failure with a traceback. `raise_fd_limit()` lifts the soft limit towards the hard one at start;
`watch` closes a newly accepted socket at once when open sockets reach the limit less a headroom
(an eighth, at least 256), so files and existing clients keep working, and a storm of refusals is
logged twice: when it starts and, with a count, when it ends (asyncio's own accept failures are
counted into it rather than logged each with a traceback).
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter

from aiohttp import web

log = logging.getLogger("tactful.server")


FD_TARGET = 65536  # soft descriptor limit asked for at start (when the hard limit allows)
STORM_SUMMARY_EVERY = 60.0  # seconds between "still refusing" summaries during a long storm


def raise_fd_limit(target: int = FD_TARGET) -> int:
    """Raise the soft RLIMIT_NOFILE towards min(hard, target) where allowed; the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = target if hard == resource.RLIM_INFINITY else min(hard, target)
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            soft = want
        except (ValueError, OSError):
            pass
    return soft


def socket_cap(soft_limit: int) -> int:
    """Sockets we accept before refusing new ones: the limit less a headroom for files, pipes and
    one accept() batch (asyncio accepts up to the listen backlog, 128, before we see any of them)."""
    if soft_limit == resource.RLIM_INFINITY:
        return 1 << 30
    return max(16, soft_limit - max(256, soft_limit // 8))


class Ticket:
    """One WebSocket's place in the pools, from the upgrade until the connection ends."""

    __slots__ = ("limits", "transport", "origin", "frames", "client", "state")

    def __init__(self, limits, transport, origin: str):
        self.limits, self.transport, self.origin = limits, transport, origin
        self.frames = None  # frames.PreAuthCap, lifted once authenticated
        self.client: str | None = None
        self.state = "pending"  # -> "authenticated" | "evicted" | "refused" | "released"

    def authenticated(self, client: str) -> str | None:
        """Move to the authenticated pool as `client`; None, or why it is over a cap."""
        return self.limits._authenticate(self, client)


class ConnectionLimits:
    def __init__(self, config, fd_limit: int | None = None):
        self.config = config
        self._waiting: dict[object, asyncio.TimerHandle] = {}  # handler -> its header deadline
        self.expired = 0  # sockets closed for not sending a request head in time
        self.pending: dict[Ticket, None] = {}  # unauthenticated WebSockets, oldest first
        self.by_client: Counter[str] = Counter()
        self.authenticated = 0
        self.evicted = 0  # unauthenticated sockets closed to make room
        self.refused = 0  # authenticated connections over a cap
        if fd_limit is None:
            fd_limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        self.socket_cap = socket_cap(fd_limit)
        self.sockets = 0  # open accepted sockets (HTTP or WebSocket)
        self.fd_refused = 0  # sockets closed at once for being over socket_cap
        self._storm: tuple[float, int] | None = None  # (when the storm's last summary was, refusals since)

    @property
    def total(self) -> int:
        return len(self.pending) + self.authenticated

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
            if deadline and deadline > 0:
                loop = asyncio.get_running_loop()
                self._waiting[handler] = loop.call_later(deadline, self._expire, handler)

        def connection_lost(handler, exc) -> None:
            self.sockets -= 1
            timer = self._waiting.pop(handler, None)
            if timer is not None:
                timer.cancel()
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
                return
            if previous is not None:
                previous(loop, context)
            else:
                loop.default_exception_handler(context)

        loop.set_exception_handler(handler)

    def _refuse_socket(self) -> None:
        self.fd_refused += 1
        now = time.monotonic()
        if self._storm is None:
            log.warning("near the file-descriptor limit (%d sockets open, at most %d): refusing new connections",
                        self.sockets - 1, self.socket_cap)
            self._storm = (now, 1)
            return
        since, count = self._storm
        if now - since >= STORM_SUMMARY_EVERY:
            log.warning("still near the file-descriptor limit: refused %d connections in %.0f s", count + 1, now - since)
            self._storm = (now, 0)
        else:
            self._storm = (since, count + 1)

    def _storm_over(self) -> None:
        since, count = self._storm
        self._storm = None
        log.warning("accepting connections again; refused %d near the file-descriptor limit in %.0f s",
                    count, time.monotonic() - since)

    def request_started(self, handler) -> None:
        """A complete request head arrived on this socket: its header deadline no longer applies."""
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
        """A ticket in the unauthenticated pool for a new WebSocket; when the pool is full, a
        waiting socket is closed to make room: the oldest of the Origin that has the most waiting
        (see the module docstring)."""
        while len(self.pending) >= max(1, self.config.max_unauthenticated):
            waiting = Counter(t.origin for t in self.pending)
            crowded = max(waiting.values())
            victim = next(t for t in self.pending if waiting[t.origin] == crowded)  # dicts keep arrival order
            del self.pending[victim]
            victim.state = "evicted"
            self.evicted += 1
            if victim.transport is not None:
                victim.transport.abort()
        ticket = Ticket(self, transport, origin)
        self.pending[ticket] = None
        return ticket

    def _authenticate(self, ticket: Ticket, client: str) -> str | None:
        if ticket.state != "pending":
            return "this connection was closed to make room; connect again"
        cfg = self.config
        del self.pending[ticket]
        if self.by_client[client] >= cfg.max_connections_per_client:
            reason = f"too many connections from this browser (at most {cfg.max_connections_per_client}); try again later"
        elif self.authenticated >= cfg.max_connections:
            reason = f"too many connections to the companion (at most {cfg.max_connections}); try again later"
        else:
            ticket.state, ticket.client = "authenticated", client
            self.authenticated += 1
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
            self.authenticated -= 1
            self.by_client[ticket.client] -= 1
            if self.by_client[ticket.client] <= 0:
                del self.by_client[ticket.client]
        ticket.state = "released"
