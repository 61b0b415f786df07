"""Run the companion server on its own asyncio loop in a worker thread (for the tray).

start() returns once the server listens (or raises what start_server raised). Every control
method hops onto the server's loop, so it is safe to call from the GUI thread; `on_status` is
called from the server thread with Services.status() after every change.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

from companion.server.services import ServerConfig
from companion.settings import DEFAULT_PORT


class ServerRunner:
    def __init__(self, data_dir: Path, port: int = DEFAULT_PORT, on_status: Callable[[dict], None] | None = None,
                 config: ServerConfig | None = None, check_keyring: bool = True):
        self.data_dir = Path(data_dir)
        self.config = config or ServerConfig(port=port)
        self.on_status = on_status
        self.check_keyring = check_keyring
        self.loop: asyncio.AbstractEventLoop | None = None
        self.server = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> "ServerRunner":
        """Start the worker thread and wait until the server listens (or failed to)."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), name="tactful-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the companion server did not start in time")
        if self._error is not None:
            self._thread.join(timeout)
            raise self._error
        return self

    async def _serve(self) -> None:
        from companion.server.app import check_keyring, start_server

        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            status = await check_keyring() if self.check_keyring else None
            self.server = await start_server(self.data_dir, self.config, keyring_status=status)
        except BaseException as exc:  # handed to start()'s caller
            self._error = exc
            self._ready.set()
            return
        if self.on_status:
            self.server.services.listeners.append(self.on_status)
        self._ready.set()
        self.server.services.notify()
        try:
            await self._stop.wait()
        finally:
            await self.server.stop()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and wait for the thread; a no-op when not running."""
        if self.loop is not None and self._stop is not None and self._thread and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout)

    # --- control (any thread) ---------------------------------------------------------------------

    def _call(self, fn, *args, timeout: float = 5.0):
        if self.loop is None or self.server is None:
            raise RuntimeError("the server is not running")

        async def hop():
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(hop(), self.loop).result(timeout)

    @property
    def services(self):
        return self.server.services if self.server else None

    @property
    def port(self) -> int | None:
        return self.server.port if self.server else None

    @property
    def url(self) -> str | None:
        return self.server.url if self.server else None

    @property
    def client_count(self) -> int:
        return len(self.server.services.connections) if self.server else 0

    @property
    def is_paused(self) -> bool:
        return bool(self.server and self.server.services.is_paused)

    def set_paused(self, paused: bool) -> None:
        self._call(self.server.services.set_paused, paused)

    def create_pairing_code(self) -> tuple[str, int]:
        """(code, seconds it stays valid) — show it to the user."""
        return self._call(self.server.services.pairing.create_code)

    def status(self) -> dict:
        return self._call(self.server.services.status)
