"""What outlives one connection: the server's tunables (ServerConfig) and the Services object every
command handler receives; the status listener (the tray) hears about its changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from companion import __version__
from companion.settings import DEFAULT_PORT
from protocol import PROTOCOL_VERSION

log = logging.getLogger("tactful.server")


@dataclass
class ServerConfig:
    """Tunables of one server instance; tests shrink the timeouts."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    auth_timeout: float = 5.0  # seconds a new WebSocket has for the whole handshake (auth/pair)
    heartbeat: float = 20.0  # seconds between pings; a peer silent for heartbeat/2 after one is dropped
    max_message: int = 1024 * 1024  # bytes, every command but `page`
    max_page_message: int = 8 * 1024 * 1024  # bytes, `page` only
    bad_message_limit: int = 100  # more than this many bad messages ...
    bad_message_window: float = 10.0  # ... within this many seconds closes the connection (1008)
    send_queue: int = 256  # replies waiting for a slow client before it is dropped
    send_queue_bytes: int = 4 * 1024 * 1024  # ... or this many bytes of them
    pending_bytes: int = 16 * 1024 * 1024  # queued command payloads per connection before rate_limited
    header_timeout: float = 10.0  # seconds a new socket has to send a complete HTTP request head
    max_unauthenticated: int = 16  # WebSockets still in the handshake; when full the oldest is closed
    max_connections: int = 128  # authenticated WebSockets in total
    max_connections_per_client: int = 16  # ... of one paired client (its service worker holds one)
    revocation_check: float = 5.0  # seconds between checks that this connection's client is still paired
    write_runtime: bool = True  # write runtime.json + admin secret (off for in-process test servers)


@dataclass
class Services:
    """Shared state for one running companion. Handlers read it; only the server mutates flags."""

    data_dir: Path
    pairing: Any  # companion.server.pairing.Pairing
    config: ServerConfig = field(default_factory=ServerConfig)
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    is_paused: bool = False
    local_only: bool = True
    store: Any = None  # companion.store attaches the outreach log here
    keyring: Any = None  # companion.secrets.BackendStatus, checked at start
    port: int | None = None
    version: str = __version__
    connections: set = field(default_factory=set)  # authenticated companion.server.connection.Connection
    on_status: Callable[[dict], None] | None = None  # the tray's listener (ServerRunner)

    def status(self) -> dict:
        """A summary for the tray and the `status` command; never contains secrets or content."""
        return {
            "version": self.version,
            "protocol": PROTOCOL_VERSION,
            "port": self.port,
            "paused": self.is_paused,
            "local_only": self.local_only,
            "clients_connected": len(self.connections),
            "keyring": asdict(self.keyring) if self.keyring is not None else None,
            "store": self.store is not None,
        }

    def notify(self) -> None:
        """Tell the status listener something changed. A failing listener is logged, not fatal."""
        try:
            if self.on_status:
                self.on_status(self.status())
        except Exception:  # a tray bug must not take the server down
            log.exception("status listener failed")

    def set_paused(self, paused: bool) -> None:
        """Pause or resume coaching for every connection; connected clients get a `paused` event."""
        self.is_paused = bool(paused)
        self._broadcast("paused", {"paused": self.is_paused})

    def set_local_only(self, on: bool) -> None:
        """Record local-only mode; connected clients get a `local_only` event (the sidebar shows it)."""
        self.local_only = bool(on)
        self._broadcast("local_only", {"local_only": self.local_only})

    def _broadcast(self, event: str, data: dict) -> None:
        for conn in list(self.connections):
            conn.push_event(event, data)
        self.notify()
