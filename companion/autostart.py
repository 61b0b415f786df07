"""Start the tray companion at login, with each platform's own mechanism: an XDG .desktop file, a
macOS LaunchAgent, or the Windows per-user Run key (docs/tray.md, "Start at login", has the paths).

Each backend writes only its one entry and removes only an entry it recognises as ours. The command
is absolute (the venv's python), so it works whatever PATH the login session has.
"""

from __future__ import annotations

import os
import plistlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DESKTOP_FILE = "tactful.desktop"
LAUNCH_AGENT_LABEL = "app.tactful.companion"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_VALUE = "Tactful"
MARKER = "X-Tactful-Autostart=true"  # lets disable() tell our .desktop file from a user's own


@dataclass
class AutostartStatus:
    enabled: bool
    mechanism: str  # "xdg", "launchagent", "windows-run"
    location: str  # file path or registry path
    command: list[str] | None  # what would run at login (None when disabled)
    problem: str | None = None  # e.g. the python it names no longer exists


class AutostartBlocked(Exception):
    """A login entry of the same name that Tactful did not write is in the way: it is the user's."""


def _write_entry(path: Path, data: bytes) -> None:
    """Write a login entry atomically, 0644: the session manager or launchd reads it as this
    user, and launchd ignores agents that others can write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def tray_command(data_dir: Path | None = None) -> list[str]:
    """The argv that starts the tray; on Windows through pythonw.exe (no console window) where there is one."""
    python = sys.executable
    if os.name == "nt":
        candidate = Path(python).with_name("pythonw.exe")
        if candidate.exists():
            python = str(candidate)
    argv = [python, "-m", "companion", "tray"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return argv


def _desktop_quote(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry spec (double quotes; escape \\ " ` $; % -> %%)."""
    arg = arg.replace("%", "%%")
    if arg and not any(ch in arg for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    # The spec's string-value parsing un-escapes a backslash once more, so double them for Exec.
    return '"' + escaped.replace("\\", "\\\\") + '"'


# One Exec argument: "quoted, with \ escapes", or a bare word.
_EXEC_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s"]+)')


def _desktop_unquote(exec_line: str) -> list[str]:
    """Parse an Exec value back into argv (the inverse of _desktop_quote, for status)."""
    argv = []
    for m in _EXEC_ARG.finditer(exec_line.replace("\\\\", "\\")):
        arg = m[2] if m[1] is None else re.sub(r"\\(.)", r"\1", m[1])
        argv.append(arg.replace("%%", "%"))
    return argv


def desktop_entry(argv: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Tactful",
        "Comment=Local coach for referral requests (tray companion)",
        "Exec=" + " ".join(_desktop_quote(a) for a in argv),
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        MARKER,
        "",
    ])


class XdgAutostart:
    mechanism = "xdg"

    def __init__(self, env: dict | None = None):
        env = os.environ if env is None else env
        config = env.get("XDG_CONFIG_HOME") or Path(env.get("HOME") or Path.home()) / ".config"
        self.path = Path(config) / "autostart" / DESKTOP_FILE

    def enable(self, argv: list[str]) -> None:
        if self.path.exists() and self._ours() is None:  # as disable() leaves it alone, so does enable()
            raise AutostartBlocked(f"{self.path} was not written by Tactful; move it aside, then enable again")
        _write_entry(self.path, desktop_entry(argv).encode("utf-8"))

    def _ours(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # none, a folder, unreadable, not text: not an entry we wrote
            return None
        return text if MARKER in text else None

    def disable(self) -> bool:
        if self._ours() is None:
            return False
        self.path.unlink()
        return True

    def status(self) -> AutostartStatus:
        text = self._ours()
        if text is None:
            problem = "a tactful.desktop not written by Tactful is in the way" if self.path.exists() else None
            return AutostartStatus(False, self.mechanism, str(self.path), None, problem)
        exec_line = next((ln[5:] for ln in text.splitlines() if ln.startswith("Exec=")), "")
        argv = _desktop_unquote(exec_line)
        return AutostartStatus(True, self.mechanism, str(self.path), argv, _missing_program(argv))


def launch_agent_plist(argv: list[str]) -> bytes:
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(argv),
        "RunAtLoad": True,
        "KeepAlive": False,  # Quit in the tray means quit; launchd must not restart it
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",  # only in a graphical login, where a menu bar exists
    })


class LaunchAgentAutostart:
    mechanism = "launchagent"

    def __init__(self, home: Path | None = None):
        self.path = Path(home or Path.home()) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def enable(self, argv: list[str]) -> None:
        _write_entry(self.path, launch_agent_plist(argv))

    def disable(self) -> bool:
        if not self.path.exists():
            return False
        self.path.unlink()
        return True

    def status(self) -> AutostartStatus:
        try:
            plist = plistlib.loads(self.path.read_bytes())
        except FileNotFoundError:
            return AutostartStatus(False, self.mechanism, str(self.path), None)
        except Exception:
            return AutostartStatus(False, self.mechanism, str(self.path), None, "the plist cannot be read")
        argv = [str(a) for a in plist.get("ProgramArguments", [])]
        return AutostartStatus(True, self.mechanism, str(self.path), argv, _missing_program(argv))


class WindowsRunKeyAutostart:
    """The per-user Run key. `registry` is winreg, or a stand-in with the same few calls in tests."""

    mechanism = "windows-run"

    def __init__(self, registry=None):
        if registry is None:
            import winreg as registry  # noqa: N813 (only on Windows)
        self.reg = registry
        self.location = "HKCU\\" + WINDOWS_RUN_KEY + "\\" + WINDOWS_VALUE

    def enable(self, argv: list[str]) -> None:
        reg = self.reg
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, WINDOWS_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline(argv))

    def _read(self) -> str | None:
        reg = self.reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, reg.KEY_QUERY_VALUE) as key:
                value, _type = reg.QueryValueEx(key, WINDOWS_VALUE)
                return str(value)
        except FileNotFoundError:
            return None

    def disable(self) -> bool:
        if self._read() is None:
            return False
        reg = self.reg
        with reg.OpenKey(reg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.DeleteValue(key, WINDOWS_VALUE)
        return True

    def status(self) -> AutostartStatus:
        value = self._read()
        if value is None:
            return AutostartStatus(False, self.mechanism, self.location, None)
        return AutostartStatus(True, self.mechanism, self.location, [value], None)


def _missing_program(argv: list[str]) -> str | None:
    if argv and os.path.isabs(argv[0]) and not os.path.exists(argv[0]):
        return f"{argv[0]} no longer exists; run `tactful autostart enable` again from the current install"
    return None


def backend(platform: str | None = None):
    """The autostart backend for this platform (sys.platform by default)."""
    platform = platform or sys.platform
    if platform == "darwin":
        return LaunchAgentAutostart()
    if platform.startswith("win"):
        return WindowsRunKeyAutostart()
    return XdgAutostart()


def enable(data_dir: Path | None = None) -> AutostartStatus:
    b = backend()
    b.enable(tray_command(data_dir))
    return b.status()


def disable() -> bool:
    return backend().disable()


def status() -> AutostartStatus:
    return backend().status()
