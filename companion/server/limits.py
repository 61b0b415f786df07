"""Connection limits: a deadline for the HTTP request head, and caps on open WebSockets.

Header deadline. aiohttp reads request headers for as long as the peer keeps the socket open
(its idle timer is the keep-alive timeout, an hour by default, and older versions do not arm it
before the first request at all), so 200 sockets trickling a handshake one byte a second would
hold 200 file descriptors and handler objects forever. `watch(server)` arms a timer when aiohttp
accepts a socket; the request guard calls `request_started()` once a complete request head has
been parsed; a socket still without one after `header_timeout` seconds is closed. Sockets are
independent, so the tricklers never delay a real client meanwhile. After the first request,
aiohttp's keep-alive timer (set to the same value by start_server) closes idle HTTP connections.

WebSocket caps. Each extension's service worker holds one WebSocket, so a few per origin and a
modest total are plenty; more means a bug or an attack. `admit()` counts upgrades from before
`prepare` until the connection ends (authenticated or not: the auth deadline bounds the latter),
and a request over a cap gets a plain HTTP 503 before the upgrade, which clients see as a clean
refusal to retry later, not as a dropped socket.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from aiohttp import web

log = logging.getLogger("tactful.server")


class ConnectionLimits:
    def __init__(self, config):
        self.config = config
        self._waiting: dict[object, asyncio.TimerHandle] = {}  # handler -> its header deadline
        self.expired = 0  # sockets closed for not sending a request head in time
        self.by_origin: Counter[str] = Counter()
        self.total = 0
        self.refused = 0

    # --- the header deadline -------------------------------------------------------------------

    def watch(self, server: web.Server) -> None:
        """Arm a header deadline on every socket `server` (aiohttp's web.Server) accepts."""
        made, lost = server.connection_made, server.connection_lost
        deadline = self.config.header_timeout

        def connection_made(handler, transport) -> None:
            made(handler, transport)
            if deadline and deadline > 0:
                loop = asyncio.get_running_loop()
                self._waiting[handler] = loop.call_later(deadline, self._expire, handler)

        def connection_lost(handler, exc) -> None:
            timer = self._waiting.pop(handler, None)
            if timer is not None:
                timer.cancel()
            lost(handler, exc)

        # Instance attributes shadow the methods aiohttp's RequestHandler calls on its manager.
        server.connection_made = connection_made
        server.connection_lost = connection_lost

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

    # --- WebSocket caps ------------------------------------------------------------------------

    def admit(self, origin: str) -> web.Response | None:
        """Count a new WebSocket from `origin`, or return the 503 to answer when over a cap."""
        cfg = self.config
        if self.total >= cfg.max_connections:
            reason = f"too many connections to the companion (at most {cfg.max_connections}); try again later"
        elif self.by_origin[origin] >= cfg.max_connections_per_origin:
            reason = (f"too many connections from this extension (at most {cfg.max_connections_per_origin}); "
                      "try again later")
        else:
            self.total += 1
            self.by_origin[origin] += 1
            return None
        self.refused += 1
        log.warning("refused a WebSocket: %s", reason)
        return web.json_response({"error": "too_many_connections", "message": reason}, status=503,
                                 headers={"Retry-After": "5"})

    def release(self, origin: str) -> None:
        """The WebSocket admitted for `origin` has ended."""
        self.total -= 1
        self.by_origin[origin] -= 1
        if self.by_origin[origin] <= 0:
            del self.by_origin[origin]
