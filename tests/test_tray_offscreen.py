"""The tray's widgets and menu actions with Qt's offscreen platform (no display needed).

A real TrayApp (QSystemTrayIcon, QMenu, the pairing window, dialogs) in this process, in front of
a real companion (ServerRunner on port 0); a browser stand-in talks to it over a real WebSocket.
Menu items are fired with QAction.trigger(), modal dialogs are answered by clicking their buttons.
The only stand-in: "Open history folder" gets a recorder instead of the desktop's file manager.
Marked `tray`; skipped when PySide6 is not installed.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import time

import pytest

pytest.importorskip("PySide6.QtWidgets", reason="PySide6 is not installed (pip install '.[tray]')")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the first QApplication

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from companion import settings  # noqa: E402
from companion.tray.actions import TrayController  # noqa: E402
from companion.tray.app import TrayApp  # noqa: E402
from companion.tray.state import IconState  # noqa: E402
from tray_support import DRAFT, Browser, runner_on_free_port  # noqa: E402

pytestmark = pytest.mark.tray
PY = sys.executable


@pytest.fixture(scope="module")
def qapp():
    app = QApplication.instance() or QApplication(["tactful-test"])
    app.setQuitOnLastWindowClosed(False)
    yield app
    # TrayApp turned automatic GC off so Qt objects are only freed on this thread (see
    # companion.tray.app.MainThreadGC); collect what is left here, then give other tests it back.
    gc.collect()
    gc.enable()


def pump(app, until=lambda: False, timeout: float = 5.0) -> bool:
    """Run Qt's event loop until `until()` or the timeout; True when the condition was met."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            return True
        time.sleep(0.01)
    app.processEvents()
    return until()


def answer_next_dialog(handle, timeout: float = 5.0) -> list:
    """Call `handle(dialog)` on the next modal dialog (it runs inside the dialog's own loop)."""
    seen: list = []
    deadline = time.monotonic() + timeout

    def poll():
        widget = QApplication.activeModalWidget()
        if widget is not None:
            seen.append(widget)
            handle(widget)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def click(text: str):
    def handle(box):
        buttons = [b for b in box.findChildren(type(box.buttons()[0])) if b.text() == text]
        assert buttons, [b.text() for b in box.buttons()]
        buttons[0].click()
    return handle


@pytest.fixture
def tray(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # autostart entries go here
    opened: list = []
    quits: list = []
    ctl = TrayController(tmp_path / "data", runner_factory=runner_on_free_port)
    assert ctl.start(), ctl.error
    app = TrayApp(ctl, quit_app=lambda: quits.append(True), opener=opened.append)
    app.opened, app.quits = opened, quits
    pump(qapp, lambda: app.state.running)
    yield app
    app.quit()  # a no-op when the test already quit
    qapp.processEvents()
    gc.collect()  # dialogs the test held are freed here, on the GUI thread
    # Keep the widgets alive for the whole session: deleting a QSystemTrayIcon (or letting Python
    # collect one) while Qt still holds platform resources for it can crash the process.
    _KEEP.append(app)


_KEEP: list = []


def paired(tray, qapp) -> Browser:
    tray.pair_action.trigger()
    code = tray.pair_window.code_label.text()
    browser = Browser(tray.controller.runner.url)
    reply = browser.pair(code)
    assert reply["type"] == "paired", reply
    browser.connect(reply["token"])
    return browser


def test_the_menu_offers_every_item(tray):
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[1:] == ["Pair a browser…", "Unpair a browser", "Pause coaching", "Outreach…", "Remind me of what is due",
                         "Local-only mode", "Open history folder", "Export my data…", "Erase my data…", "Settings…",
                         "About Tactful", "Quit Tactful"]
    assert tray.reminders_action.isChecked()  # reminders are on by default
    assert not tray.status_action.isEnabled()
    assert tray.status_action.text() == "running, no browser paired yet · local-only"
    assert tray.local_only_action.isChecked()
    assert tray.tray.isVisible() and not tray.tray.icon().isNull()
    assert tray.tray.toolTip().startswith("Tactful · running")


def test_pairing_window_shows_a_working_code_with_copy_and_countdown(tray, qapp):
    tray.pair_action.trigger()
    win = tray.pair_window
    assert win.isVisible()
    code = win.code_label.text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert re.match(r"Valid for [12]:\d\d", win.countdown.text())
    win.copy_button.click()
    assert QGuiApplication.clipboard().text() == code
    browser = Browser(tray.controller.runner.url)
    reply = browser.pair(code, name="Home Firefox")
    assert reply["type"] == "paired"
    browser.connect(reply["token"])
    try:
        # The server's status push reaches the GUI thread: notification, window closed, icon green.
        assert pump(qapp, lambda: ("Browser paired", "Home Firefox is now connected to Tactful.") in tray.notifications)
        assert not win.isVisible()
        assert pump(qapp, lambda: tray.state.icon is IconState.CONNECTED)
    finally:
        browser.close()


def test_an_expired_code_is_shown_as_expired(qapp):
    from companion.tray.windows import PairWindow

    lifetimes = iter([0, 300])  # the first code is already used up, the next one lives 5 minutes
    win = PairWindow(lambda: ("ABCD-EFGH", next(lifetimes)))
    win.new_code()
    assert "expired" in win.countdown.text() and not win.copy_button.isEnabled()
    win.new_button.click()
    assert win.copy_button.isEnabled() and "Valid for" in win.countdown.text()


def test_pause_and_resume_from_the_menu(tray, qapp):
    browser = paired(tray, qapp)
    try:
        assert browser.draft(DRAFT, 1)["success"]
        tray.pause_action.trigger()
        assert tray.pause_action.text() == "Resume coaching"
        assert tray.state.icon is IconState.PAUSED and "coaching paused" in tray.tray.toolTip()
        assert browser.wait_event("paused")["data"]["paused"] is True
        reply = browser.draft(DRAFT, 2)
        assert reply["error"]["code"] == "paused"
        tray.pause_action.trigger()
        assert tray.pause_action.text() == "Pause coaching"
        assert browser.draft(DRAFT, 3)["success"]
    finally:
        browser.close()


def test_turning_local_only_off_needs_a_confirmation_that_names_what_leaves(tray, qapp):
    try:
        shown = answer_next_dialog(click("Cancel"))
        tray.local_only_action.trigger()  # unchecks, asks, user cancels
        assert "no installed feature uses the network" in shown[0].text()
        assert tray.local_only_action.isChecked()
        assert settings.load(tray.controller.data_dir).local_only is True

        answer_next_dialog(click("Turn off local-only"))
        tray.local_only_action.trigger()
        assert not tray.local_only_action.isChecked()
        assert settings.load(tray.controller.data_dir).local_only is False
        assert pump(qapp, lambda: tray.state.privacy_badge)
        assert "local-only OFF" in tray.tray.toolTip()

        tray.local_only_action.trigger()  # back on: no question asked
        assert QApplication.activeModalWidget() is None
        assert settings.load(tray.controller.data_dir).local_only is True
    finally:
        settings.update(tray.controller.data_dir, local_only=True)


def test_unpair_from_the_menu_closes_that_browser_at_once(tray, qapp):
    assert not tray.unpair_menu.isEnabled()  # nobody paired yet
    browser = paired(tray, qapp)
    try:
        pump(qapp, lambda: tray.unpair_menu.isEnabled())
        items = {a.text(): a for a in tray.unpair_menu.actions()}
        assert list(items) == ["Test Chrome"]
        answer_next_dialog(click("Unpair"))
        items["Test Chrome"].trigger()
        # The companion closed the connection before the action returned (not ~5 s later).
        assert json.loads(browser.ws.recv(timeout=0.5))["type"] == "auth_invalid"
        assert any("Test Chrome was unpaired; 1 open connection(s) closed" in text for _, text in tray.notifications)
        pump(qapp, lambda: not tray.unpair_menu.isEnabled())
        assert tray.unpair_menu.actions() == []
    finally:
        browser.close()


def test_erase_asks_first_and_then_empties_the_log(tray, qapp):
    browser = paired(tray, qapp)
    try:
        assert browser.sent("ada-example", DRAFT)["success"]
        shown = answer_next_dialog(click("Cancel"))
        tray.erase_action.trigger()
        assert "cannot be undone" in shown[0].text()
        assert len(browser.command("outreach.list")["result"]["entries"]) == 1

        answer_next_dialog(click("Erase everything"))
        tray.erase_action.trigger()
        assert browser.command("outreach.list")["result"]["entries"] == []
        assert any("erased (1 person)" in text for _, text in tray.notifications)
    finally:
        browser.close()


def test_export_writes_the_chosen_file(tray, qapp, tmp_path):
    target = tmp_path / "my-tactful.json"

    def save(dialog):
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    answer_next_dialog(save)
    tray.export_action.trigger()
    data = json.loads(target.read_text())
    assert data["format"] == "tactful-outreach-log" and data["recipients"] == []
    assert any(str(target) in text for _, text in tray.notifications)


def test_open_history_folder_opens_the_data_dir(tray):
    tray.history_action.trigger()
    assert tray.opened == [tray.controller.data_dir]


def test_settings_change_port_and_start_at_login(tray, qapp, tmp_path):
    import socket

    with socket.socket() as s:  # a port that is free right now
        s.bind(("127.0.0.1", 0))
        new_port = s.getsockname()[1]
    if new_port < 1024:
        pytest.skip("the OS handed out a privileged port")

    def change(dialog):
        dialog.port.setValue(new_port)
        dialog.autostart.setChecked(True)
        dialog.accept()

    answer_next_dialog(change)
    tray.settings_action.trigger()
    assert tray.controller.runner.port == new_port
    assert settings.load(tray.controller.data_dir).port == new_port
    assert (tmp_path / "config" / "autostart" / "tactful.desktop").exists()
    assert pump(qapp, lambda: tray.state.running and tray.state.port == new_port)
    browser = Browser(f"ws://127.0.0.1:{new_port}/v1/ws")
    browser._open().close()  # it really listens there

    def turn_off(dialog):
        dialog.autostart.setChecked(False)
        assert dialog.reminders.isChecked()
        dialog.reminders.setChecked(False)
        dialog.accept()

    answer_next_dialog(turn_off)
    tray.settings_action.trigger()
    assert not (tmp_path / "config" / "autostart" / "tactful.desktop").exists()
    # Reminders off in Settings: saved, and the menu's check mark follows.
    assert settings.load(tray.controller.data_dir).reminders is False and not tray.reminders_action.isChecked()


def test_about_box(tray, qapp):
    texts = []

    def read_and_close(box):
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    answer_next_dialog(read_and_close)
    tray.about_action.trigger()
    assert "Tactful" in texts[0] and str(tray.controller.data_dir) in texts[0]


def test_quit_stops_the_companion(tray):
    runtime = tray.controller.data_dir / "runtime.json"
    assert runtime.exists()
    tray.quit_action.trigger()
    assert tray.quits == [True]
    assert tray.controller.runner is None and not runtime.exists()


def test_a_failing_action_is_reported_not_raised(tray, qapp):
    tray.controller.runner.stop()  # the server died under the tray
    assert pump(qapp, lambda: tray.state.icon is IconState.ERROR, timeout=5)
    assert not tray.pair_action.isEnabled()
    tray._guard(tray.show_pairing)  # what a click on the item would run
    assert "That did not work" in tray.notifications[-1][1]


# --- single instance, with the real `tactful tray` process -----------------------------------


def tray_env(tmp_path) -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PYTHONUNBUFFERED": "1",
            "XDG_CONFIG_HOME": str(tmp_path / "config")}


def test_tray_refuses_to_start_next_to_a_running_serve(tmp_path):
    from conftest import start_serve_process

    serve = start_serve_process(tmp_path / "data")
    try:
        r = subprocess.run([PY, "-m", "companion", "tray", "--data-dir", str(tmp_path / "data")],
                           env=tray_env(tmp_path), capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and "already serves" in r.stderr
    finally:
        serve.stop()
        serve.proc.stdout.close()


def test_serve_refuses_to_start_next_to_a_running_tray(tmp_path):
    folder = tmp_path / "data"
    settings.update(folder, port=_free_port())
    tray_proc = subprocess.Popen([PY, "-m", "companion", "tray", "--data-dir", str(folder)], env=tray_env(tmp_path),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = tray_proc.stdout.readline()
        assert line.startswith("listening on ws://127.0.0.1:"), tray_proc.stderr.read() if not line else line
        for cmd in (["serve", "--port", "0"], ["tray"]):
            r = subprocess.run([PY, "-m", "companion", *cmd, "--data-dir", str(folder)], env=tray_env(tmp_path),
                               capture_output=True, text=True, timeout=60)
            assert r.returncode == 1 and "already serves" in r.stderr, (cmd, r.stderr)
    finally:
        tray_proc.terminate()  # SIGTERM: the tray quits cleanly
        assert tray_proc.wait(20) == 0
        tray_proc.stdout.close()
        tray_proc.stderr.close()
    assert not (folder / "runtime.json").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tray_without_a_display_says_so(tmp_path):
    env = {k: v for k, v in tray_env(tmp_path).items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([PY, "-m", "companion", "tray", "--data-dir", str(tmp_path / "d")], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "no graphical session" in r.stderr


def test_garbage_is_collected_on_the_gui_thread_whoever_allocates(tray, qapp):
    """The crash this guards against: a reference cycle holding a Qt object, collected on the
    server thread because that thread's allocations triggered a collection. While the tray runs,
    another thread's allocations collect nothing; the tray's timer frees the cycle on the GUI thread."""
    import threading

    from PySide6.QtCore import QObject

    freed_on: list[int] = []

    class Node:
        def __del__(self):
            freed_on.append(threading.get_ident())

    cyclic = Node()
    cyclic.me, cyclic.qt = cyclic, QObject()
    del cyclic
    kept: list = []  # the server thread's new objects, alive as a draft's analysis would be
    busy = threading.Thread(target=lambda: kept.extend([] for _ in range(50_000)))  # many young collections' worth
    busy.start()
    busy.join()
    assert freed_on == []  # with automatic collection on, the busy thread would have freed it
    assert pump(qapp, lambda: freed_on, timeout=5)
    assert freed_on == [threading.get_ident()]
    del kept


def test_first_start_offers_to_connect_the_browsers(tray, qapp, tmp_path, monkeypatch):
    """No browser registered and none paired: the tray offers `tactful browser install`; clicking
    the notice writes the manifests (into a fake HOME here), and a later start offers nothing."""
    from companion.tray.browser_link import OFFER, offer_browser_link

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home/.mozilla").mkdir(parents=True)  # only Firefox was ever started for this user
    assert OFFER in tray.notifications
    tray.tray.messageClicked.emit()
    assert pump(qapp, lambda: ("Browsers connected", "firefox can now pair the extension with no code.")
                in tray.notifications)
    manifest = tmp_path / "home/.mozilla/native-messaging-hosts/app.tactful.companion.json"
    assert json.loads(manifest.read_text())["allowed_extensions"] == ["tactful@tactful.app"]
    assert not (tmp_path / "home/.config").exists()  # no folders for browsers that are not here
    before = len(tray.notifications)
    offer_browser_link(tray)  # as on the next start
    assert len(tray.notifications) == before
