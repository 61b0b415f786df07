"""The tray's Qt-free half: the state model and the controller behind every menu item.

No display and no PySide6 needed. The controller drives a real companion (ServerRunner: aiohttp
on its own loop in a worker thread, port 0, its own temp data dir) and a real browser stand-in
talks to it over a WebSocket (websockets' sync client).
"""

from __future__ import annotations

import json
import os
import socket

import pytest

from companion import settings
from companion.server.runtime import AlreadyRunning
from companion.tray.actions import TrayController
from companion.tray.state import LOCAL_ONLY_OFF_WARNING, IconState, TrayState
from tray_support import DRAFT, Browser, runner_on_free_port

# --- the state model -------------------------------------------------------------------------


def test_icon_state_priorities():
    assert TrayState().icon is IconState.STARTING
    assert TrayState(running=True).icon is IconState.RUNNING
    assert TrayState(running=True, clients_connected=2).icon is IconState.CONNECTED
    assert TrayState(running=True, clients_connected=2, paused=True).icon is IconState.PAUSED
    assert TrayState(running=True, paused=True, error="boom").icon is IconState.ERROR


def test_privacy_badge_is_independent_of_the_main_state():
    paused_open = TrayState(running=True, paused=True, local_only=False)
    assert paused_open.icon is IconState.PAUSED and paused_open.privacy_badge
    assert not TrayState(running=True).privacy_badge


def test_tooltips_and_labels_say_what_matters():
    st = TrayState(running=True, clients_connected=1, paired_browsers=1)
    assert st.tooltip() == "Tactful · 1 browser connected · local-only"
    assert TrayState(running=True).tooltip() == "Tactful · running, no browser paired yet · local-only"
    off = TrayState(running=True, paused=True, local_only=False)
    assert "coaching paused" in off.tooltip() and "local-only OFF" in off.tooltip()
    assert off.pause_label == "Resume coaching" and TrayState().pause_label == "Pause coaching"
    assert "port 8765 is taken" in TrayState(error="port 8765 is taken").tooltip()


def test_local_only_confirmation_names_what_would_leave():
    text = LOCAL_ONLY_OFF_WARNING
    assert "no installed feature uses the network" in text
    assert "outreach log" in text  # and what never leaves


def test_state_from_server_status():
    st = TrayState.from_status({"paused": False, "local_only": True, "clients_connected": 3, "port": 9,
                                "version": "0.1.0"}, paired_browsers=2)
    assert (st.icon, st.clients_connected, st.paired_browsers, st.port) == (IconState.CONNECTED, 3, 2, 9)


# --- the controller, on a real server ----------------------------------------------------------


@pytest.fixture
def controller(tmp_path):
    ctl = TrayController(tmp_path / "data", runner_factory=runner_on_free_port)
    ctl.paired_names = []
    ctl.on_paired = ctl.paired_names.append
    assert ctl.start(), ctl.error
    yield ctl
    ctl.stop()


def paired_browser(ctl) -> Browser:
    code, ttl = ctl.pair()
    assert 60 <= ttl <= 600
    browser = Browser(ctl.runner.url)
    reply = browser.pair(code)
    assert reply["type"] == "paired", reply
    browser.connect(reply["token"])
    return browser


def test_pairing_code_works_once_and_the_tray_hears_about_it(controller):
    code, _ = controller.pair()
    browser = Browser(controller.runner.url)
    reply = browser.pair(code, name="Work laptop")
    assert reply["type"] == "paired" and reply["local_only"] is True
    assert browser.pair(code)["type"] == "auth_invalid"  # one-time
    st = controller.refresh()
    assert controller.paired_names == ["Work laptop"] and st.paired_browsers == 1
    controller.refresh()
    assert controller.paired_names == ["Work laptop"]  # reported once


def test_pause_stops_feedback_and_resume_brings_it_back(controller):
    browser = paired_browser(controller)
    try:
        ok = browser.draft(DRAFT, 1)
        assert ok["success"] and "score" in ok["result"]
        assert controller.toggle_pause() is True
        assert browser.wait_event("paused")["data"] == {"paused": True}
        refused = browser.draft(DRAFT, 2)
        assert not refused["success"] and refused["error"]["code"] == "paused"
        assert controller.state().icon is IconState.PAUSED
        assert controller.toggle_pause() is False
        assert browser.wait_event("paused")["data"] == {"paused": False}
        assert browser.draft(DRAFT, 3)["success"]
    finally:
        browser.close()


def test_local_only_switch_is_persisted_and_reported(controller, tmp_path):
    browser = paired_browser(controller)
    try:
        assert browser.auth_ok["local_only"] is True
        controller.set_local_only(False)
        assert browser.wait_event("local_only")["data"] == {"local_only": False}
        assert settings.load(controller.data_dir).local_only is False
        assert controller.state().privacy_badge
        second = Browser(controller.runner.url)
        second._open().close()
        assert second.hello["local_only"] is False  # new connections hear the real mode
        controller.set_local_only(True)
        assert browser.wait_event("local_only")["data"] == {"local_only": True}
        assert settings.load(controller.data_dir).local_only is True
    finally:
        browser.close()


def test_the_server_reads_local_only_from_settings_at_start(tmp_path):
    folder = tmp_path / "data"
    settings.update(folder, local_only=False)
    ctl = TrayController(folder, runner_factory=runner_on_free_port)
    assert ctl.start()
    try:
        b = Browser(ctl.runner.url)
        b._open().close()
        assert b.hello["local_only"] is False
    finally:
        ctl.stop()


def test_erase_empties_the_log(controller):
    browser = paired_browser(controller)
    try:
        assert browser.sent("ada-example", DRAFT)["success"]
        assert browser.sent("bob-example", DRAFT, sent_at="2026-11-21T10:00:00Z")["success"]
        assert len(browser.command("outreach.list")["result"]["entries"]) == 2
        assert controller.erase_data() == 2
        assert browser.command("outreach.list")["result"]["entries"] == []
    finally:
        browser.close()
    controller.stop()  # and it is gone from the file, not just from the cache
    from companion.store.logdb import LogDB

    db = LogDB.in_dir(controller.data_dir)
    try:
        assert db.conn.execute("SELECT count(*) FROM recipients").fetchone()[0] == 0
        assert db.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    finally:
        db.close()


def test_erase_without_a_running_server_uses_the_file(tmp_path):
    ctl = TrayController(tmp_path / "data", runner_factory=runner_on_free_port)
    assert ctl.erase_data() == 0  # no log yet: nothing to do, no file created
    assert not (tmp_path / "data" / "outreach.sqlite3").exists()


def test_export_holds_the_log_settings_and_browsers_but_no_secrets(controller, tmp_path):
    browser = paired_browser(controller)
    try:
        assert browser.sent("ada-example", DRAFT)["success"]
    finally:
        browser.close()
    out = controller.export_data(tmp_path / "export.json")
    assert os.stat(out).st_mode & 0o777 == 0o600
    data = json.loads(out.read_text())
    assert data["format"] == "tactful-outreach-log"
    [person] = data["recipients"]
    assert person["slug"] == "ada-example" and person["company"] == "Stripe"
    assert person["messages"][0]["sent_at"] == "2026-11-20T10:00:00Z"
    assert data["companion"]["settings"]["local_only"] is True
    [client] = data["companion"]["paired_browsers"]
    assert client["name"] == "Test Chrome"
    text = json.dumps(data)
    assert "verifier" not in text and "salt" not in text and DRAFT not in text  # no text: history-text is off


def test_the_export_imports_back_with_tactful_history(controller, tmp_path):
    import subprocess
    import sys

    browser = paired_browser(controller)
    try:
        assert browser.sent("ada-example", DRAFT)["success"]
    finally:
        browser.close()
    out = controller.export_data(tmp_path / "export.json")
    controller.erase_data()
    controller.stop()
    # A decoy default data dir: should --data-dir be ignored, nothing lands in the real one.
    env = {**os.environ, "TACTFUL_DATA_DIR": str(tmp_path / "decoy")}
    folder = str(controller.data_dir)
    r = subprocess.run([sys.executable, "-m", "companion", "history", "import", str(out), "--data-dir", folder],
                       capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 0, r.stderr
    assert "recipients added: 1" in r.stdout
    r = subprocess.run([sys.executable, "-m", "companion", "history", "--json", "--data-dir", folder],
                       capture_output=True, text=True, timeout=60, env=env)
    assert "ada-example" in r.stdout


def test_export_does_not_touch_the_destination_folder_mode(controller, tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    controller.export_data(folder / "mine.json")
    assert os.stat(folder).st_mode & 0o777 == 0o755
    with pytest.raises(FileNotFoundError):
        controller.export_data(tmp_path / "missing" / "mine.json")


def test_a_port_in_use_shows_an_error_instead_of_crashing(tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    try:
        folder = tmp_path / "data"
        settings.update(folder, port=port)
        ctl = TrayController(folder)  # the real runner, on the configured port
        assert ctl.start() is False
        st = ctl.state()
        assert st.icon is IconState.ERROR and str(port) in st.error
        with pytest.raises(RuntimeError):
            ctl.pair()
    finally:
        blocker.close()


def test_a_second_companion_on_the_same_data_dir_is_refused(tmp_path):
    """`tactful serve` (another process) owns the data dir: the tray controller must not start."""
    from conftest import start_serve_process

    serve = start_serve_process(tmp_path / "data")
    try:
        second = TrayController(tmp_path / "data", runner_factory=runner_on_free_port)
        with pytest.raises(AlreadyRunning, match="already serves"):
            second.start()
        assert second.runner is None
    finally:
        serve.stop()
        serve.proc.stdout.close()


def test_set_port_refuses_a_taken_port_and_changes_nothing(controller):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    try:
        before = controller.runner.port
        with pytest.raises(ValueError, match="in use"):
            controller.set_port(blocker.getsockname()[1])
        with pytest.raises(ValueError, match="1024"):
            controller.set_port(80)
        assert controller.runner.port == before and controller.alive()
    finally:
        blocker.close()


def test_a_server_that_dies_turns_the_icon_to_error(controller):
    controller.runner.stop()  # behind the controller's back, as a crash would
    st = controller.state()
    assert st.icon is IconState.ERROR and "stopped unexpectedly" in st.error


def test_about_and_history_folder(controller):
    text = controller.about_text()
    assert "Tactful" in text and str(controller.data_dir) in text and "Local-only mode: on" in text
    assert controller.history_folder() == controller.data_dir
