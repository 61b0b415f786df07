"""`tactful doctor` on a healthy setup and on broken ones, each broken part named with its fix.

The healthy setup is real: `tactful serve` (a subprocess) on a temp data dir, a browser paired
and connected over a real WebSocket, a `sent` written to the real SQLite log. Broken setups are
made the way they break in life: loose permissions, a hand-edited settings file, a damaged
database, a port taken by another program, a stale runtime file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from companion import doctor, settings
from conftest import port_taken_by_another_program, start_serve_process
from tray_support import DRAFT, Browser

PY = sys.executable


def run_doctor(data_dir, *extra: str, env: dict | None = None) -> tuple[int, dict]:
    env = {**os.environ, **(env or {})}
    env.setdefault("XDG_CONFIG_HOME", str(data_dir.parent / "config"))
    r = subprocess.run([PY, "-m", "companion", "doctor", "--json", "--data-dir", str(data_dir), *extra],
                       capture_output=True, text=True, timeout=60, env=env)
    report = json.loads(r.stdout)
    assert report["ok"] is (r.returncode == 0)
    return r.returncode, {c["name"]: c for c in report["checks"]}


def pair_through_admin(serve) -> str:
    """A pairing code the way `tactful pair` gets one (the admin endpoint), for a real client."""
    r = subprocess.run([PY, "-m", "companion", "pair", "--data-dir", str(serve.data_dir)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    import re

    return re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", r.stdout).group()


def test_healthy_setup(tmp_path):
    folder = tmp_path / "data"
    serve = start_serve_process(folder)
    browser = Browser(serve.url)
    try:
        reply = browser.pair(pair_through_admin(serve), name="Work Chrome")
        assert reply["type"] == "paired"
        browser.connect(reply["token"])
        assert browser.sent("ada-example", DRAFT)["success"]
        token = reply["token"]
        code, checks = run_doctor(folder)
    finally:
        browser.close()
        serve.stop()
        serve.proc.stdout.close()
    assert code == 0
    assert not [c for c in checks.values() if c["status"] == "fail"]
    assert checks["companion"]["status"] == "ok" and str(serve.port) in checks["companion"]["summary"]
    assert checks["data dir"]["status"] == "ok"
    assert checks["paired browsers"]["status"] == "ok" and "Work Chrome" in checks["paired browsers"]["summary"]
    assert checks["last browser connection"]["status"] == "ok"
    assert "just now" in checks["last browser connection"]["summary"]
    assert checks["local-only mode"]["status"] == "ok"
    assert checks["database"]["status"] == "ok" and "integrity" in checks["database"]["summary"]
    assert checks["keyring"]["status"] in ("ok", "warn")  # ok under a real Secret Service (CI)
    assert "tactful 0.1.0" in checks["versions"]["summary"]
    assert token not in json.dumps(checks)  # nothing secret in the report


def free_port() -> int:
    """A port nothing listens on, so the port check passes whatever runs on the default port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_fresh_install_is_not_broken(tmp_path):
    code, checks = run_doctor(tmp_path / "never-used")
    # A fresh data dir uses the default port, which a companion of the user's may hold: then the
    # port check says so, and only it.
    port = checks["port"]
    assert port["status"] == "ok" or "is in use by" in port["summary"]
    assert code == (0 if port["status"] == "ok" else 1)
    assert not [c for name, c in checks.items() if c["status"] == "fail" and name != "port"]
    assert checks["data dir"]["status"] == "info"
    assert checks["companion"]["status"] == "warn" and "tactful tray" in checks["companion"]["fix"]
    assert checks["paired browsers"]["status"] == "warn" and "Pair a browser" in checks["paired browsers"]["fix"]
    assert checks["database"]["status"] == "info"


def test_loose_permissions_are_broken_with_a_chmod_fix(tmp_path):
    folder = tmp_path / "data"
    settings.update(folder, port=settings.DEFAULT_PORT)
    os.chmod(folder, 0o755)
    os.chmod(folder / "settings.json", 0o644)
    code, checks = run_doctor(folder)
    assert code == 1
    c = checks["data dir"]
    assert c["status"] == "fail" and "755" in c["summary"] and "settings.json" in c["summary"]
    assert "chmod 700" in c["fix"]
    # The text form says the same, with the fix.
    r = subprocess.run([PY, "-m", "companion", "doctor", "--data-dir", str(folder)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "[FAIL] data dir" in r.stdout and "fix: chmod 700" in r.stdout
    assert "Broken: data dir" in r.stdout


def test_a_hand_broken_settings_file(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "settings.json"
    path.write_text('{"local_only": "yes please"}')
    os.chmod(path, 0o600)
    code, checks = run_doctor(folder)
    assert code == 1
    assert checks["settings"]["status"] == "fail" and "local_only" in checks["settings"]["summary"]
    assert "local-only stays on" in checks["settings"]["fix"]
    assert checks["local-only mode"]["status"] == "ok"  # the safe default holds meanwhile


def test_a_damaged_database(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / "outreach.sqlite3"
    db.write_bytes(b"this is not a database, it was overwritten" * 100)
    os.chmod(db, 0o600)
    code, checks = run_doctor(folder)
    assert code == 1
    c = checks["database"]
    assert c["status"] == "fail" and "corrupt" in c["fix"]
    assert db.read_bytes().startswith(b"this is not")  # the doctor never changes the file


def test_a_database_that_fails_the_integrity_check(tmp_path):
    import sqlite3

    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "outreach.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.execute("CREATE INDEX t_v ON t(v)")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [(f"value {i:05d}",) for i in range(3000)])
    conn.commit()
    conn.close()
    os.chmod(path, 0o600)
    # Scribble over the middle of the file (index and table pages), keeping the header valid.
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 4096] = bytes(4096)
    path.write_bytes(bytes(data))
    code, checks = run_doctor(folder)
    assert code == 1 and checks["database"]["status"] == "fail"


def test_port_taken_by_another_program(tmp_path):
    folder = tmp_path / "data"
    with port_taken_by_another_program() as port:
        settings.update(folder, port=port)
        code, checks = run_doctor(folder)
    assert code == 1
    c = checks["port"]
    assert c["status"] == "fail" and "another program" in c["summary"] and "Settings" in c["fix"]


def test_unreadable_paired_clients_file(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "clients.json").write_text("{garbage")
    os.chmod(folder / "clients.json", 0o600)
    code, checks = run_doctor(folder)
    assert code == 1 and checks["paired browsers"]["status"] == "fail"
    assert "pair your browser again" in checks["paired browsers"]["fix"]


def test_local_only_off_and_a_stale_runtime_file_are_warnings(tmp_path):
    folder = tmp_path / "data"
    settings.update(folder, local_only=False, port=free_port())
    dead = subprocess.Popen([PY, "-c", "pass"])
    dead.wait()
    (folder / "runtime.json").write_text(json.dumps({"pid": dead.pid, "port": 9, "url": "ws://127.0.0.1:9/v1/ws",
                                                      "version": "0.1.0"}))
    os.chmod(folder / "runtime.json", 0o600)
    code, checks = run_doctor(folder)
    assert code == 0
    assert checks["local-only mode"]["status"] == "warn" and "tray menu" in checks["local-only mode"]["fix"]
    assert checks["companion"]["status"] == "warn" and "stale" in checks["companion"]["summary"]


def test_no_secure_keyring_is_explained(tmp_path):
    settings.update(tmp_path / "d", port=free_port())
    code, checks = run_doctor(tmp_path / "d", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
    c = checks["keyring"]
    assert c["status"] == "warn" and "no secure keyring" in c["summary"] and "gnome-keyring" in c["fix"]
    assert code == 0  # the coach still works without one


def test_last_connection_wording():
    class Rec:
        def __init__(self, seen):
            self.last_seen = seen
            self.name = "x"

    from datetime import datetime, timezone

    now = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
    assert "3 h ago" in doctor.check_last_connection([Rec("2026-11-27T09:00:00+00:00")], now).summary
    assert doctor.check_last_connection([Rec(None)], now).status == "warn"
    assert doctor.check_last_connection([], now).status == "info"


@pytest.mark.keyring
def test_keyring_ok_under_a_real_secret_service(tmp_path):
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session (run under dbus-run-session with gnome-keyring unlocked)")
    check = doctor.check_keyring(timeout=20)
    if "SecretService" not in check.summary:
        pytest.skip(f"no unlocked Secret Service: {check.summary}")
    assert check.status == "ok"
