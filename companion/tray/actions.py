"""What the tray's menu items do, without Qt (testable with no display): a controller around the
server runner. The widgets (app.py) call it on the GUI thread; calls into the server hop onto its
loop through the runner (thread-safe).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from companion import __version__, settings
from companion.server.runtime import ws_url
from companion.tray.state import TrayState

log = logging.getLogger("tactful.tray")

ERASE_WARNING = (
    "Erase your outreach log?\n\n"
    "This deletes, from this computer, everyone you have contacted: their names and profile links, "
    "when you wrote and followed up, replies seen, referral states, notes and any stored message "
    "text. It cannot be undone (use Export my data first to keep a copy).\n\n"
    "Your settings, stored credentials and paired browsers are kept.")


class TrayController:
    """One companion (server runner + settings + data dir) as the tray sees it.

    `runner_factory(data_dir, port, on_status)` builds a companion.server.runner.ServerRunner;
    `on_status(snapshot)` is called on the server thread (the GUI queues it to its own thread);
    `on_paired(name)` fires from refresh() for each new browser.
    """

    def __init__(self, data_dir: Path, runner_factory: Callable | None = None):
        self.data_dir = Path(data_dir)
        self._runner_factory = runner_factory
        self.on_status: Callable[[dict], None] | None = None
        self.on_paired: Callable[[str], None] | None = None
        self.runner = None
        self.error: str | None = None
        self._last_status: dict = {}
        self._known_clients: set[str] | None = None

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> bool:
        """Start the server on the port from settings; False (and `error` set) when it failed.

        Raises companion.server.runtime.AlreadyRunning unchanged: the caller (tactful tray) must
        exit rather than show a tray for a second companion."""
        from companion.server.runner import ServerRunner
        from companion.server.runtime import AlreadyRunning

        prefs = settings.load_or_default(self.data_dir)
        self._known_clients = set(self.browsers())
        runner = (self._runner_factory or ServerRunner)(self.data_dir, prefs.port, self._forward_status)
        try:
            runner.start()
        except AlreadyRunning:
            raise
        except Exception as exc:  # PortInUse, a bad data dir, ...: shown in the icon, not a crash
            self.error = str(exc) or type(exc).__name__
            log.error("the companion could not start: %s", self.error)
            return False
        self.runner, self.error = runner, None
        return True

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()
            self.runner = None

    def alive(self) -> bool:
        """False when the server thread ended without stop(): the icon then shows an error."""
        return self.runner is not None and self.runner._thread.is_alive()

    def store(self):
        """The running companion's outreach store, or None."""
        return self.runner.services.store if self.alive() else None

    def _forward_status(self, snapshot: dict) -> None:  # server thread
        self._last_status = snapshot
        if self.on_status:
            self.on_status(snapshot)

    # --- state ------------------------------------------------------------------------------

    def browsers(self) -> list[str]:
        """The paired browsers' names (for the Unpair menu)."""
        from companion.server.pairing import ClientStore

        return [r.name for r in ClientStore(self.data_dir).load_or_empty()]

    def refresh(self) -> TrayState:
        """The current state; reports newly paired browsers through `on_paired` (GUI thread)."""
        names = self.browsers()
        if self._known_clients is not None and self.on_paired:
            for name in names:
                if name not in self._known_clients:
                    self.on_paired(name)
        self._known_clients = set(names)
        return self.state(len(names))

    def state(self, paired: int | None = None) -> TrayState:
        paired = len(self.browsers()) if paired is None else paired
        if self.runner is not None and not self.alive() and self.error is None:
            self.error = "the companion stopped unexpectedly; choose Quit and start it again"
        if self.runner is None or self.error:
            prefs = settings.load_or_default(self.data_dir)
            return TrayState(running=False, error=self.error or "not running", local_only=prefs.local_only,
                             paired_browsers=paired, port=prefs.port)
        status = self._last_status or self.runner.call(self.runner.services.status)
        return TrayState.from_status(status, paired)

    # --- menu actions -----------------------------------------------------------------------

    def pair(self) -> tuple[str, int]:
        """A fresh one-time code and its lifetime in seconds, to show in the pairing window."""
        self._require_running()
        return self.runner.call(self.runner.services.pairing.create_code)

    def unpair(self, name: str) -> int:
        """Revoke the paired browser `name` and close its open connections now (4401); returns
        how many were closed. Raises KeyError when no browser has that name."""
        from companion.server.app import close_revoked
        from companion.server.pairing import ClientStore

        if not ClientStore(self.data_dir).remove(name):
            raise KeyError(name)
        if not self.alive():
            return 0
        return int(self.runner.call(close_revoked, self.runner.services, timeout=10))

    def toggle_pause(self) -> bool:
        """Pause or resume coaching for every browser; returns the new paused flag."""
        self._require_running()
        paused = not self.runner.services.is_paused
        self.runner.call(self.runner.services.set_paused, paused)
        return paused

    def set_local_only(self, on: bool) -> None:
        """Persist the mode and tell the running server (Services.set_local_only)."""
        settings.update(self.data_dir, local_only=bool(on))
        if self.alive():
            self.runner.call(self.runner.services.set_local_only, bool(on))

    def history_folder(self) -> Path:
        """The folder that holds the outreach log (the data dir), created if missing."""
        from companion.paths import ensure_private_dir

        return ensure_private_dir(self.data_dir)

    def export_data(self, dest: Path) -> Path:
        """Write everything Tactful holds about the user into `dest` (JSON, 0600)."""
        from companion.tray.export import export_everything

        return export_everything(self.data_dir, dest)

    def erase_data(self) -> int:
        """Erase the outreach log (everyone, everything about them); returns how many people.

        Through the running server's store when it has one (its cache updates at once), else
        directly in the database file."""
        store = self.store()
        if store is not None:
            return int(self.runner.call(store.run, lambda db: db.forget(None), timeout=30))
        from companion.store.logdb import with_log

        return int(with_log(self.data_dir, lambda db: db.forget(None), 0))

    def set_port(self, port: int) -> None:
        """Save a new port and restart the server on it. Raises ValueError (nothing changed) when
        the port is invalid or taken; the browser must then be told the new port (pair again)."""
        from companion.doctor import port_free

        if not 1024 <= int(port) <= 65535:
            raise ValueError("choose a port from 1024 to 65535")
        if self.runner is not None and self.runner.port == port:
            return
        if not port_free(int(port)):
            raise ValueError(f"port {port} is already in use by another program")
        settings.update(self.data_dir, port=int(port))
        self.stop()
        self.start()

    def set_autostart(self, on: bool) -> None:
        from companion import autostart

        if on:
            autostart.enable(self.data_dir)
        else:
            autostart.disable()
        settings.update(self.data_dir, autostart=bool(on))

    def autostart_enabled(self) -> bool:
        from companion import autostart

        try:
            return autostart.status().enabled
        except Exception:  # noqa: BLE001 - e.g. no registry: show it as off
            return False

    def about_text(self) -> str:
        st = self.state()
        where = ws_url(st.port) if st.port else "not listening"
        return (f"Tactful {__version__}\nA local-first coach for referral requests.\n\n"
                f"Companion: {where}\nData folder: {self.data_dir}\n"
                f"Local-only mode: {'on' if st.local_only else 'off'}")

    def _require_running(self) -> None:
        if not self.alive():
            raise RuntimeError(self.error or "the companion is not running")
