"""Autostart entries written, read back and removed in a temporary HOME.

Linux (XDG) runs for real: the CLI in a subprocess with HOME / XDG_CONFIG_HOME pointing at tmp_path.
The macOS plist is written to a temporary home and parsed with plistlib. The Windows Run key
cannot exist here, so its backend is driven against a small in-memory stand-in for `winreg`
(the only mock in this file).
"""

from __future__ import annotations

import configparser
import os
import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from companion import autostart

PY = sys.executable


def run_cli(tmp_path: Path, *args: str, xdg: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "TACTFUL_DATA_DIR")}
    env["HOME"] = str(tmp_path / "home")
    if xdg:
        env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    return subprocess.run([PY, "-m", "companion", "autostart", *args, "--data-dir", str(tmp_path / "data")],
                          env=env, capture_output=True, text=True, timeout=60)


def test_enable_status_disable_on_linux_in_a_temporary_home(tmp_path):
    (tmp_path / "home").mkdir()
    entry = tmp_path / "home" / ".config" / "autostart" / "tactful.desktop"
    assert "disabled" in run_cli(tmp_path, "status").stdout

    r = run_cli(tmp_path, "enable")
    assert r.returncode == 0, r.stderr
    assert entry.exists() and oct(entry.stat().st_mode & 0o777) == "0o644"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry)
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Tactful"
    argv = shlex.split(section["Exec"])
    assert argv == [PY, "-m", "companion", "tray", "--data-dir", str(tmp_path / "data")]
    # The command it names really starts the companion's CLI.
    assert subprocess.run(argv[:3] + ["--version"], capture_output=True, text=True).stdout.startswith("tactful ")

    r = run_cli(tmp_path, "status")
    assert r.returncode == 0 and "enabled" in r.stdout and "tray" in r.stdout
    assert '"autostart": true' in (tmp_path / "data" / "settings.json").read_text()

    r = run_cli(tmp_path, "disable")
    assert r.returncode == 0 and not entry.exists()
    assert "disabled" in run_cli(tmp_path, "status").stdout
    assert "nothing to remove" in run_cli(tmp_path, "disable").stdout
    assert '"autostart": false' in (tmp_path / "data" / "settings.json").read_text()


def test_xdg_config_home_is_honoured(tmp_path):
    (tmp_path / "home").mkdir()
    assert run_cli(tmp_path, "enable", xdg=True).returncode == 0
    assert (tmp_path / "xdg" / "autostart" / "tactful.desktop").exists()
    assert not (tmp_path / "home" / ".config").exists()


def test_a_users_own_desktop_file_is_never_removed_or_overwritten(tmp_path):
    b = autostart.XdgAutostart({"HOME": str(tmp_path / "home")})
    b.path.parent.mkdir(parents=True)
    b.path.write_text("[Desktop Entry]\nType=Application\nExec=something-else\n")
    assert b.disable() is False and b.path.exists()
    st = b.status()
    assert not st.enabled and "not written by Tactful" in st.problem
    # ... nor overwritten: enable refuses, from the CLI too, and the file stays as the user wrote it.
    with pytest.raises(autostart.AutostartBlocked):
        b.enable(["/usr/bin/python3", "-m", "companion", "tray"])
    assert "something-else" in b.path.read_text()
    r = run_cli(tmp_path, "enable")
    assert r.returncode == 1 and "not written by Tactful" in r.stderr and "something-else" in b.path.read_text()


@pytest.mark.parametrize("arg", ["/opt/My Apps/py thon", 'we"ird', "dollar$HOME", "back\\slash", "100%", "plain"])
def test_desktop_exec_quoting_round_trips(arg):
    argv = [arg, "-m", "companion", "tray"]
    line = autostart.desktop_entry(argv).split("Exec=", 1)[1].splitlines()[0]
    assert autostart._desktop_unquote(line) == argv


def test_status_reports_a_python_that_no_longer_exists(tmp_path):
    b = autostart.XdgAutostart({"HOME": str(tmp_path)})
    b.enable([str(tmp_path / "gone" / "python"), "-m", "companion", "tray"])
    st = b.status()
    assert st.enabled and "no longer exists" in st.problem


def test_macos_launch_agent_plist(tmp_path):
    b = autostart.LaunchAgentAutostart(home=tmp_path)
    assert not b.status().enabled
    b.enable(["/Applications/Tactful/bin/python", "-m", "companion", "tray"])
    assert b.path == tmp_path / "Library" / "LaunchAgents" / "app.tactful.companion.plist"
    plist = plistlib.loads(b.path.read_bytes())
    assert plist["Label"] == "app.tactful.companion"
    assert plist["ProgramArguments"][1:] == ["-m", "companion", "tray"]
    assert plist["RunAtLoad"] is True and plist["KeepAlive"] is False
    assert b.status().enabled
    assert b.disable() and not b.path.exists() and not b.disable()


class FakeWinreg:
    """Just the winreg calls the backend uses, over a dict: {key path: {value name: data}}."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = KEY_QUERY_VALUE = 0
    REG_SZ = 1

    def __init__(self):
        self.keys: dict[str, dict[str, str]] = {}

    class _Key:
        def __init__(self, store):
            self.store = store

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def CreateKeyEx(self, root, path, reserved, access):  # noqa: N802 (winreg's names)
        return self._Key(self.keys.setdefault(root + "\\" + path, {}))

    def OpenKey(self, root, path, reserved, access):  # noqa: N802
        if root + "\\" + path not in self.keys:
            raise FileNotFoundError(path)
        return self._Key(self.keys[root + "\\" + path])

    def SetValueEx(self, key, name, reserved, kind, value):  # noqa: N802
        key.store[name] = value

    def QueryValueEx(self, key, name):  # noqa: N802
        if name not in key.store:
            raise FileNotFoundError(name)
        return key.store[name], self.REG_SZ

    def DeleteValue(self, key, name):  # noqa: N802
        del key.store[name]


def test_windows_run_key_with_a_stand_in_registry():
    reg = FakeWinreg()
    b = autostart.WindowsRunKeyAutostart(registry=reg)
    assert not b.status().enabled and b.disable() is False
    b.enable([r"C:\Program Files\Tactful\pythonw.exe", "-m", "companion", "tray"])
    value = reg.keys["HKCU\\" + autostart.WINDOWS_RUN_KEY]["Tactful"]
    assert value == '"C:\\Program Files\\Tactful\\pythonw.exe" -m companion tray'
    assert b.status().enabled
    assert b.disable() and not b.status().enabled


def test_backend_choice_per_platform():
    assert isinstance(autostart.backend("linux"), autostart.XdgAutostart)
    assert isinstance(autostart.backend("darwin"), autostart.LaunchAgentAutostart)


@pytest.mark.parametrize("kind", ["binary", "folder"])
def test_a_desktop_file_that_is_not_text_or_is_a_folder_is_in_the_way_not_a_crash(tmp_path, kind):
    b = autostart.XdgAutostart({"HOME": str(tmp_path / "home")})
    b.path.parent.mkdir(parents=True)
    if kind == "binary":
        b.path.write_bytes(b"\xff\xfe[Desktop Entry]\x00")
    else:
        b.path.mkdir()
    assert b.disable() is False and b.path.exists()
    assert "not written by Tactful" in b.status().problem
    r = run_cli(tmp_path, "enable")
    assert r.returncode == 1 and "not written by Tactful" in r.stderr and "Traceback" not in r.stderr
