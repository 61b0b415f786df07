"""Run the companion server on its own asyncio loop in a worker thread (for the tray); `on_status`
is called from that thread with Services.status() after every change.
"""

from __future__ import annotations

import asyncio
import inspect
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
        """Start the worker thread and wait until the server listens; raises what start_server raised."""
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), name="tactful-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the companion server did not start in time")
        if self._error is not None:
            self._thread.join(timeout)
            raise self._error
        return self

    async def _serve(self) -> None:
        from companion import secrets
        from companion.server.app import start_server

        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            status = await asyncio.to_thread(secrets.probe) if self.check_keyring else None
            self.server = await start_server(self.data_dir, self.config, keyring_status=status)
        except BaseException as exc:  # handed to start()'s caller
            self._error = exc
            self._ready.set()
            return
        self.server.services.on_status = self.on_status
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

    def call(self, fn, *args, timeout: float = 5.0):
        """fn(*args) run on the server's loop (awaited when it returns a coroutine); its result."""
        if self.loop is None or self.server is None:
            raise RuntimeError("the server is not running")

        async def hop():
            result = fn(*args)
            return await result if inspect.isawaitable(result) else result

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
