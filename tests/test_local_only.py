"""Local-only mode: the companion makes no connection off this machine, proven by running all of
it under an audit-hook socket guard (tests/socket_guard.py) that records and stops any non-loopback
connect or DNS lookup made by anything in the process; and the settings file that holds the mode.
"""

from __future__ import annotations

import json
import os
import socket

import pytest

from companion import settings
from socket_guard import SocketGuard

REMOTE_NAME = "api.writing-assistant.example"
REMOTE_IP = "203.0.113.7"  # TEST-NET-3: never routed, but must not even be tried


def test_unreadable_settings_keep_local_only_on(tmp_path):
    (tmp_path / "settings.json").write_text("{not json")
    assert settings.load_or_default(tmp_path).local_only is True


# --- the settings file that holds the mode -----------------------------------------------------------


def test_settings_defaults_and_private_file(tmp_path):
    s = settings.load(tmp_path)
    assert (s.local_only, s.port, s.autostart) == (True, settings.DEFAULT_PORT, False)
    settings.update(tmp_path, port=9123, autostart=True)
    path = tmp_path / "settings.json"
    assert os.stat(path).st_mode & 0o777 == 0o600
    s = settings.load(tmp_path)
    assert (s.local_only, s.port, s.autostart) == (True, 9123, True)


def test_settings_keep_unknown_keys(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"disabled_rules": ["ask.x"], "port": 9000}))
    settings.update(tmp_path, local_only=False)
    raw = json.loads((tmp_path / "settings.json").read_text())
    assert raw == {"disabled_rules": ["ask.x"], "port": 9000, "local_only": False, "autostart": False,
                   "reminders": True}


@pytest.mark.parametrize("content,needle", [
    ("{oops", "not valid JSON"), ("[1]", "JSON object"), ('{"port": 0}', "port"),
    ('{"local_only": "no"}', "local_only"), ('{"port": true}', "port"), (b'{"port": "\xff"}', "not valid JSON"),
])
def test_bad_settings_give_a_clear_error(tmp_path, content, needle):
    (tmp_path / "settings.json").write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(settings.SettingsError, match=needle):
        settings.load(tmp_path)
    assert settings.load_or_default(tmp_path).local_only is True


def test_update_keeps_a_corrupt_file_aside(tmp_path):
    (tmp_path / "settings.json").write_text("{oops")
    settings.update(tmp_path, port=9999)
    assert (tmp_path / "settings.json.corrupt").read_text() == "{oops"
    assert settings.load(tmp_path).port == 9999


def test_update_refuses_a_bad_value_and_keeps_the_file(tmp_path):
    settings.update(tmp_path, port=9001)
    with pytest.raises(settings.SettingsError):
        settings.update(tmp_path, port=70000)
    assert settings.load(tmp_path).port == 9001


def test_the_socket_guard_itself_stops_and_records_a_remote_connect():
    from socket_guard import NetworkEscape

    with SocketGuard() as guard:
        with pytest.raises(NetworkEscape):
            socket.create_connection((REMOTE_IP, 9), timeout=0.1)
        with pytest.raises(NetworkEscape):
            socket.getaddrinfo(REMOTE_NAME, 443)
    assert len(guard.violations) == 2 and REMOTE_IP in guard.violations[0]


# --- the whole companion under the socket guard ------------------------------------------------

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "linkedin"


def test_the_whole_companion_makes_no_connection_off_this_machine(tmp_path):
    """Tray controller + server + store + keyring probe + export + doctor, all under the guard.

    Real LinkedIn pages are full of remote URLs (images, scripts, profile links): parsing them must
    never fetch anything."""
    from companion import doctor
    from companion.tray.actions import TrayController
    from tray_support import DRAFT, Browser

    pages = sorted(FIXTURES.glob("*.html"))
    assert pages, "the saved LinkedIn pages are missing"
    with SocketGuard() as guard:
        ctl = TrayController(tmp_path / "data", runner_factory=_guarded_runner)
        assert ctl.start(), ctl.error
        try:
            code, _ = ctl.pair()
            browser = Browser(ctl.runner.url)
            reply = browser.pair(code)
            browser.connect(reply["token"])
            for n, page in enumerate(pages):
                res = browser.command("page", url=f"https://www.linkedin.com/in/someone-{n}/",
                                      html=page.read_text(encoding="utf-8"))
                assert res["type"] == "result"
                assert browser.draft(DRAFT, n + 1)["type"] == "result"
            assert browser.sent("ada-example", DRAFT)["success"]
            assert browser.command("outreach.list")["success"]
            assert browser.command("status")["success"]
            ctl.toggle_pause()
            ctl.toggle_pause()
            ctl.set_local_only(False)  # even with local-only off, nothing in the companion reaches out
            ctl.set_local_only(True)
            ctl.export_data(tmp_path / "export.json")
            ctl.erase_data()
            browser.close()
            checks = doctor.run_checks(tmp_path / "data")
            assert not [c for c in checks if c.status == "fail"], checks
        finally:
            ctl.stop()
    assert guard.violations == []


def _guarded_runner(data_dir, port, on_status):
    from companion.server.runner import ServerRunner

    # The keyring probe is on: D-Bus goes over a Unix socket, which the guard allows.
    return ServerRunner(data_dir, port=0, on_status=on_status, check_keyring=True)


def test_tactful_serve_process_makes_no_connection_off_this_machine(tmp_path):
    """The real entry point (`python -m companion serve`) with the guard installed at start-up."""
    import subprocess
    import sys
    import threading

    from tray_support import DRAFT, Browser

    tests_dir = str(__import__("pathlib").Path(__file__).resolve().parent)
    boot = ("import sys, atexit; sys.path.insert(0, %r); from socket_guard import SocketGuard; "
            "g = SocketGuard().__enter__(); "
            "atexit.register(lambda: print('GUARD-VIOLATIONS', len(g.violations), g.violations, file=sys.stderr, flush=True)); "
            "from companion.cli import main; sys.exit(main(sys.argv[1:]))") % tests_dir
    folder = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", boot, "serve", "--port", "0", "--data-dir", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("listening on "), proc.stderr.read()
        url = line.split()[-1]
        code = subprocess.run([sys.executable, "-m", "companion", "pair", "--json", "--data-dir", str(folder)],
                              capture_output=True, text=True, timeout=30)
        browser = Browser(url)
        reply = browser.pair(json.loads(code.stdout)["code"])
        browser.connect(reply["token"])
        page = sorted(FIXTURES.glob("*.html"))[0]
        browser.command("page", url="https://www.linkedin.com/in/someone/", html=page.read_text(encoding="utf-8"))
        assert browser.draft(DRAFT, 1)["type"] == "result"
        assert browser.sent("ada-example", DRAFT)["success"]
        browser.close()
    finally:
        proc.terminate()
        err_box: list = []
        t = threading.Thread(target=lambda: err_box.append(proc.communicate(timeout=20)[1]))
        t.start()
        t.join(25)
    stderr = err_box[0] if err_box else ""
    assert proc.returncode == 0, stderr[-2000:]
    assert "GUARD-VIOLATIONS 0 []" in stderr, stderr[-2000:]
