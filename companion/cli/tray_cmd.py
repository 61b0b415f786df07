"""`tactful tray`: the companion with a system-tray icon, in one process.

Qt's event loop runs on the main thread (macOS requires it); the server runs on its own asyncio
loop in a worker thread (companion.server.runner). Exit status: 0 after Quit, 1 when a companion
already serves the data dir or the server was not running at Quit, 2 when the tray cannot run at all
(PySide6 missing, no display).
"""

from __future__ import annotations

import logging
import os
import signal
import sys

from companion.cli import DATA_DIR_HELP, fail


def register(subparsers) -> None:
    p = subparsers.add_parser("tray", help="run the companion with a system-tray icon (needs the tray extra)")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        from PySide6.QtWidgets import QApplication, QSystemTrayIcon
    except ImportError:
        return fail("the tray needs PySide6: pip install 'tactful[tray]' (or use `tactful serve`)", 2)
    # Without a display Qt aborts the process, so say why first.
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return fail("no graphical session (DISPLAY / WAYLAND_DISPLAY unset); use `tactful serve` on a headless "
                        "machine", 2)

    from PySide6.QtCore import QTimer

    from companion.paths import data_dir
    from companion.server.runtime import AlreadyRunning
    from companion.tray.actions import TrayController
    from companion.tray.app import TrayApp

    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    folder = data_dir(args.data_dir)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Tactful")
    app.setQuitOnLastWindowClosed(False)  # closing the pairing window must not quit the companion
    controller = TrayController(folder)
    try:
        started = controller.start()
    except AlreadyRunning as exc:  # before the icon exists: a second tray must not flash one
        return fail(str(exc))
    if started:
        print(f"listening on {controller.runner.url}", flush=True)
    else:
        print(f"tactful: the companion could not start: {controller.error}", file=sys.stderr)
    if not QSystemTrayIcon.isSystemTrayAvailable():
        print("tactful: no system tray was found; the companion runs, but its icon stays hidden until a tray "
              "appears (on GNOME, install the AppIndicator extension)", file=sys.stderr)
    tray = TrayApp(controller, quit_app=app.quit)

    # Python runs signal handlers only between bytecodes; a short timer lets Ctrl-C / SIGTERM in.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: tray.quit())
    tick = QTimer()
    tick.start(250)
    tick.timeout.connect(lambda: None)
    try:
        app.exec()
    finally:
        controller.stop()
    return 0 if controller.error is None else 1  # a port fixed in Settings later counts as fixed
