"""`tactful doctor`: checks that explain what is wrong and how to fix it.

Each check returns a Check with a status: ok, info (nothing to do), warn (works, but something the
user may want to fix), fail (broken: the exit code is non-zero). Every non-ok check carries a fix.
Checks never print secrets, tokens, codes or message text, and never touch the network beyond
127.0.0.1 (the companion's /v1/health).
"""

from __future__ import annotations

import os
import platform
import socket
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from companion import __version__, settings

OK, INFO, WARN, FAIL = "ok", "info", "warn", "fail"


@dataclass
class Check:
    name: str
    status: str
    summary: str
    fix: str | None = None


def check_versions() -> Check:
    parts = [f"tactful {__version__}", f"Python {platform.python_version()}", f"{platform.system()} {platform.release()}"]
    from importlib import metadata

    for dist in ("aiohttp", "pydantic", "keyring", "PySide6-Essentials"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            if dist.startswith("PySide6"):
                parts.append("PySide6 not installed (no tray: pip install 'tactful[tray]')")
    return Check("versions", INFO, ", ".join(parts))


def check_keyring(timeout: float = 5.0) -> Check:
    from companion import secrets

    st = secrets.probe(timeout)
    if st.secure and st.warning:
        return Check("keyring", WARN, f"secure backend {st.backend}; {st.warning}",
                     "unset PYTHON_KEYRING_BACKEND to use the recommended backend")
    if st.secure:
        return Check("keyring", OK, f"secure backend {st.backend}")
    off = "; ".join(secrets.FEATURES_NEEDING_KEYRING)
    return Check("keyring", WARN, f"no secure keyring: {st.reason}. The coach works, but these are off until "
                 f"there is one: {off}", f"To store credentials safely, {secrets.HOW_TO_GET_ONE}.")


def check_data_dir(data_dir: Path) -> Check:
    if not data_dir.exists():
        return Check("data dir", INFO, f"{data_dir} does not exist yet; it is created (0700) on first start")
    st = data_dir.stat()
    problems = []
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        problems.append(f"{data_dir} belongs to another user (uid {st.st_uid})")
    if os.name == "posix":
        if stat.S_IMODE(st.st_mode) & 0o077:
            problems.append(f"{data_dir} is mode {oct(stat.S_IMODE(st.st_mode))[2:]} (others can look inside)")
        loose = sorted(child.name for child in data_dir.iterdir()
                       if child.is_file() and stat.S_IMODE(child.stat().st_mode) & 0o077)
        if loose:
            problems.append("readable by others: " + ", ".join(loose))
    if not os.access(data_dir, os.W_OK | os.X_OK):
        problems.append(f"{data_dir} is not writable by you")
    if problems:
        return Check("data dir", FAIL, "; ".join(problems),
                     f"chmod 700 '{data_dir}' && chmod 600 '{data_dir}'/* (and chown it to yourself)")
    return Check("data dir", OK, f"{data_dir} (private: 0700, files 0600)")


def check_settings(data_dir: Path):
    """The settings (or None) and a Check; a bad file is a failure with the fix named."""
    try:
        s = settings.load(data_dir)
    except settings.SettingsError as exc:
        return None, Check("settings", FAIL, str(exc),
                           f"fix or delete {settings.settings_path(data_dir)}; until then local-only stays on")
    return s, Check("settings", OK, f"port {s.port}, local-only {'on' if s.local_only else 'off'}")


def running_companion(data_dir: Path):
    """(the runtime info of the companion that answers for data_dir, else None; whether a runtime.json
    is left without one)."""
    from companion.server import runtime

    info = runtime.read_runtime(data_dir)
    if info is not None and runtime.pid_alive(info.pid) and runtime.health_answers(info.port):
        return info, False
    return None, (data_dir / runtime.RUNTIME_FILE).exists()


def check_running(info, stale: bool) -> Check:
    if info is not None:
        return Check("companion", OK, f"running (pid {info.pid}) at {info.url}, version {info.version}")
    if stale:
        return Check("companion", WARN, "not running; a stale runtime.json is left from an earlier run",
                     f"{start_advice()}; the stale file is cleaned up then")
    return Check("companion", WARN, "not running", start_advice())


def start_advice() -> str:
    """How to start the companion: the tray only where PySide6 is installed."""
    import importlib.util

    try:
        has_qt = importlib.util.find_spec("PySide6") is not None
    except (ImportError, ValueError):  # a broken or blocked install counts as none
        has_qt = False
    if has_qt:
        return "start it with `tactful tray` (an icon in the system tray) or `tactful serve`"
    return "start it with `tactful serve` (for a tray icon, install PySide6: `.venv/bin/pip install -e '.[tray]'`)"


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        if os.name == "posix":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def check_port(info, port: int) -> Check:
    if info is not None:
        if info.port == port:
            return Check("port", OK, f"{port} is in use by this Tactful companion")
        return Check("port", INFO, f"the companion runs on {info.port} (settings say {port}; used at next start)")
    if port_free(port):
        return Check("port", OK, f"{port} on 127.0.0.1 is free")
    from companion.server import runtime

    who = "another Tactful companion (a different data dir)" if runtime.health_answers(port) else "another program"
    return Check("port", FAIL, f"{port} on 127.0.0.1 is in use by {who}; the companion cannot start there",
                 "stop that program, or start the companion on another port with `tactful serve --port N` "
                 "(or in the tray's Settings); then type the same port on the extension's settings page")


def check_paired(data_dir: Path):
    """(records or None, Check)."""
    from companion.server.pairing import ClientStore, ClientsFileUnreadable

    try:
        records = ClientStore(data_dir).load()
    except ClientsFileUnreadable as exc:
        return None, Check("paired browsers", FAIL, f"clients.json is unreadable ({type(exc).__name__})",
                           f"remove {data_dir / 'clients.json'} and pair your browser again")
    if not records:
        return [], Check("paired browsers", WARN, "no browser is paired yet",
                         "`tactful browser install`, then load the extension: it pairs itself; or tray menu > "
                         "Pair a browser (`tactful pair`) and enter the code in the extension")
    names = ", ".join(r.name for r in records)
    return records, Check("paired browsers", OK, f"{len(records)} paired: {names}")


def check_last_connection(records: list | None, now: datetime | None = None) -> Check:
    if not records:
        return Check("last browser connection", INFO, "none (no browser paired)")
    seen = [r.last_seen for r in records if r.last_seen]
    if not seen:
        return Check("last browser connection", WARN, "a browser is paired but has never connected",
                     "open LinkedIn in the paired browser with the Tactful extension enabled")
    last = max(seen)
    try:
        when = datetime.fromisoformat(last)
        age = ((now or datetime.now(timezone.utc)) - when).total_seconds()
        ago = f" ({_ago(age)})"
    except ValueError:
        ago = ""
    return Check("last browser connection", OK, f"{last}{ago}")


def _ago(seconds: float) -> str:
    if seconds < 90:
        return "just now"
    if seconds < 5400:
        return f"{round(seconds / 60)} min ago"
    if seconds < 172800:
        return f"{round(seconds / 3600)} h ago"
    return f"{round(seconds / 86400)} days ago"


def check_local_only(s) -> Check:
    if s is None:
        return Check("local-only mode", OK, "on (the settings file is unreadable, so the safe default holds)")
    if s.local_only:
        return Check("local-only mode", OK, "on: the companion only talks to this computer")
    return Check("local-only mode", WARN, "off: features you enable may contact the network",
                 "turn it back on: tray menu > Local-only mode (or set \"local_only\": true in settings.json)")


def check_database(data_dir: Path) -> Check:
    from companion.store.db import DB_NAME, SCHEMA_VERSION

    path = data_dir / DB_NAME
    if not path.exists():
        return Check("database", INFO, "no outreach log yet (created when you first send a message)")
    fix = ("quit the companion and start it again: a damaged log is kept aside as "
           f"{path.stem}.corrupt-<time>{path.suffix} and a fresh one is started")
    try:
        # Read-only: the doctor never changes the file (no WAL checkpoint, no migration).
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Check("database", FAIL, f"{path.name} cannot be read as a database ({exc})", fix)
    if result != ["ok"]:
        return Check("database", FAIL, f"{path.name} failed the integrity check ({len(result)} problems)", fix)
    if version > SCHEMA_VERSION:
        return Check("database", WARN, f"{path.name} was written by a newer Tactful (schema {version})",
                     "upgrade Tactful")
    return Check("database", OK, f"{path.name} passed the integrity check (schema {version})")


def check_autostart() -> Check:
    from companion import autostart

    try:
        st = autostart.status()
    except Exception as exc:  # noqa: BLE001 - e.g. no registry access
        return Check("start at login", INFO, f"unknown ({type(exc).__name__})")
    if st.problem:
        return Check("start at login", WARN, st.problem, "run `tactful autostart enable` again")
    return Check("start at login", INFO, f"{'enabled' if st.enabled else 'disabled'} ({st.location})",
                 None if st.enabled else "optional: `tactful autostart enable` or tray > Settings")


def check_browsers(data_dir: Path) -> Check:
    """Which browsers may start `tactful native-host` (so the extension pairs with no code)."""
    from companion import browsers

    found = browsers.installed(data_dir)
    broken = {b: why for b, why in found.items() if why}
    if broken:
        return Check("browser link", WARN, "; ".join(f"{b}: {why}" for b, why in broken.items()),
                     "run `tactful browser install` again")
    if not found:
        return Check("browser link", INFO, "no browser can introduce the extension (pairing needs a code)",
                     "optional: `tactful browser install`")
    return Check("browser link", OK, f"native messaging host registered for {', '.join(found)}")


def run_checks(data_dir: Path) -> list[Check]:
    data_dir = Path(data_dir)
    s, settings_check = check_settings(data_dir)
    records, paired_check = check_paired(data_dir)
    port = s.port if s is not None else settings.DEFAULT_PORT
    info, stale = running_companion(data_dir)  # asked once: it probes /v1/health
    return [
        check_versions(),
        check_data_dir(data_dir),
        settings_check,
        check_keyring(),
        check_running(info, stale),
        check_port(info, port),
        paired_check,
        check_last_connection(records),
        check_local_only(s),
        check_database(data_dir),
        check_autostart(),
        check_browsers(data_dir),
    ]


def render(checks: list[Check], data_dir: Path) -> str:
    marks = {OK: "ok  ", INFO: "info", WARN: "warn", FAIL: "FAIL"}
    lines = [f"Tactful doctor — data dir {data_dir}"]
    for c in checks:
        lines.append(f"[{marks[c.status]}] {c.name}: {c.summary}")
        if c.fix and c.status in (WARN, FAIL):
            lines.append(f"       fix: {c.fix}")
    bad = [c.name for c in checks if c.status == FAIL]
    lines.append("Broken: " + ", ".join(bad) if bad else "Nothing is broken.")
    return "\n".join(lines)

