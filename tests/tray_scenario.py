"""The tray on a real X display with a real tray host: one scripted session, run as a subprocess.

    python tests/tray_scenario.py RESULT.json [--screenshot MENU.png] [--pair-screenshot PAIR.png]

Needs DISPLAY (Xvfb) with a system tray (trayer) running. It starts the tray companion on a free
port, waits for the icon to dock, then uses the menu like a user would (Pair a browser, Pause,
Erase) while a browser stand-in talks to the companion over a real WebSocket, and writes what it
observed to RESULT.json for tests/test_tray_xvfb.py to judge. With --screenshot it also saves the
screen around the icon with the menu open (how docs/img/tray-menu.png is made).

A subprocess because Qt allows one platform per process and the in-process tray tests use
`offscreen`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tray_support
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # companion, when not installed

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QSystemTrayIcon  # noqa: E402

from companion.tray.actions import TrayController  # noqa: E402
from companion.tray.app import TrayApp  # noqa: E402
from companion.tray.state import STATE_COLOURS, IconState  # noqa: E402
from tray_support import DRAFT, Browser, runner_on_free_port  # noqa: E402


def pump(app, until, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            return True
        time.sleep(0.02)
    return until()


def colour_share(image, rect: QRect, colour: str, tolerance: int = 40) -> float:
    """The share of pixels in `rect` close to `colour`: is the icon really painted on screen?"""
    want = QColor(colour)
    hits = total = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            c = QColor(image.pixel(x, y))
            total += 1
            if (abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue())) < tolerance:
                hits += 1
    return hits / total if total else 0.0


def start_app(result: dict) -> QApplication:
    """The scenario's QApplication (kept alive with no window open), with the platform and whether
    a tray host docks icons noted in `result`."""
    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    result["platform"] = QGuiApplication.platformName()
    result["tray_available"] = pump(app, QSystemTrayIcon.isSystemTrayAvailable, 10)
    return app


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    shot = Path(argv[argv.index("--screenshot") + 1]) if "--screenshot" in argv else None
    pair_shot = Path(argv[argv.index("--pair-screenshot") + 1]) if "--pair-screenshot" in argv else None
    result: dict = {}
    app = start_app(result)

    data = Path(tempfile.mkdtemp(prefix="tactful-tray-"))
    opened: list = []
    ctl = TrayController(data, runner_factory=runner_on_free_port)
    result["started"] = ctl.start()
    tray = TrayApp(ctl, quit_app=app.quit, opener=opened.append)
    result["docked"] = pump(app, lambda: not tray.tray.geometry().isEmpty(), 10)
    pump(app, lambda: False, 1.0)  # the tray host may still move the icon into place
    geo = tray.tray.geometry()
    result["icon_geometry"] = [geo.x(), geo.y(), geo.width(), geo.height()]
    result["icon_visible"] = tray.tray.isVisible()
    screen = QGuiApplication.primaryScreen()

    def icon_share(state: IconState) -> float:
        pump(app, lambda: False, 0.5)  # let the tray host repaint
        return colour_share(screen.grabWindow(0).toImage(), tray.tray.geometry(), STATE_COLOURS[state])

    result["running_colour_share"] = icon_share(IconState.RUNNING)
    result["running_error_colour_share"] = colour_share(screen.grabWindow(0).toImage(), tray.tray.geometry(),
                                                        STATE_COLOURS[IconState.ERROR])  # a control

    # Pair a browser from the menu: the window shows a code; the browser uses it.
    tray.pair_action.trigger()
    result["pair_window_visible"] = tray.pair_window.isVisible()
    code = tray.pair_window.code_label.text()
    if pair_shot is not None:
        pump(app, lambda: False, 0.5)
        tray.pair_window.grab().save(str(pair_shot))
    browser = Browser(ctl.runner.url)
    reply = browser.pair(code, name="Xvfb Chromium")
    result["paired"] = reply.get("type")
    browser.connect(reply["token"])
    result["notified"] = pump(app, lambda: any(t == "Browser paired" for t, _ in tray.notifications), 10)
    pump(app, lambda: tray.state.icon is IconState.CONNECTED, 10)
    result["connected_colour_share"] = icon_share(IconState.CONNECTED)

    # Feedback flows; Pause stops it; Resume brings it back.
    result["draft_before_pause"] = browser.draft(DRAFT, 1).get("success")
    tray.pause_action.trigger()
    result["paused_event"] = browser.wait_event("paused")["data"]
    result["draft_while_paused"] = browser.draft(DRAFT, 2).get("error", {}).get("code")
    result["paused_colour_share"] = icon_share(IconState.PAUSED)
    tray.pause_action.trigger()
    result["draft_after_resume"] = browser.draft(DRAFT, 3).get("success")

    # Erase my data (confirmed) empties the log.
    browser.sent("ada-example", DRAFT)
    result["entries_before_erase"] = len(browser.command("outreach.list")["result"]["entries"])
    tray.confirm = lambda *a: True  # the dialog itself is exercised in test_tray_offscreen.py
    tray.erase_action.trigger()
    result["entries_after_erase"] = len(browser.command("outreach.list")["result"]["entries"])

    # The menu, opened at the icon, for the screenshot.
    pump(app, lambda: tray.state.icon is IconState.CONNECTED, 5)
    geo = tray.tray.geometry()
    tray.menu.popup(geo.bottomLeft())
    result["menu_visible"] = pump(app, tray.menu.isVisible, 5)
    pump(app, lambda: False, 0.8)
    menu_geo = tray.menu.geometry()
    result["menu_geometry"] = [menu_geo.x(), menu_geo.y(), menu_geo.width(), menu_geo.height()]
    for widget in QApplication.topLevelWidgets():  # notification balloons would cover the menu
        if widget.metaObject().className() == "QBalloonTip":
            widget.hide()
    pump(app, lambda: False, 0.3)
    if shot is not None:
        area = geo.united(menu_geo).adjusted(-60, 0, 16, 16).intersected(screen.geometry())
        area.setTop(0)
        screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(str(shot))
        result["screenshot"] = str(shot)
    tray.menu.hide()

    browser.close()
    tray.quit_action.trigger()
    result["stopped"] = ctl.runner is None and not (data / "runtime.json").exists()
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
