"""Registering `tactful native-host` with the browsers (`tactful browser install|uninstall`, doctor).

Each browser finds a host through a JSON manifest in a per-user folder (on Windows through a
registry key naming the manifest), allowing only Tactful's extension ids. The manifest's `path` is
a small launcher in the data dir, because the browser runs it without a shell or our environment.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from companion.native_host import CHROME_IDS, FIREFOX_IDS, HOST_NAME
from companion.paths import ensure_private_dir

BROWSERS = ("chrome", "chromium", "brave", "edge", "firefox")
_LINUX = {"chrome": ".config/google-chrome", "chromium": ".config/chromium", "brave": ".config/BraveSoftware/Brave-Browser",
          "edge": ".config/microsoft-edge", "firefox": ".mozilla"}
_MACOS = {"chrome": "Google/Chrome", "chromium": "Chromium", "brave": "BraveSoftware/Brave-Browser",
          "edge": "Microsoft Edge", "firefox": "Mozilla"}
_WINDOWS = {"chrome": r"Software\Google\Chrome", "chromium": r"Software\Chromium",
            "brave": r"Software\BraveSoftware\Brave-Browser", "edge": r"Software\Microsoft\Edge",
            "firefox": r"Software\Mozilla"}  # + \NativeMessagingHosts\<HOST_NAME>, value: the manifest's path


def manifest_path(browser: str, data_dir: Path, folder: Path | None = None) -> Path:
    """Where `browser` looks for our manifest (`folder` overrides, e.g. a profile's NativeMessagingHosts)."""
    if folder is None and sys.platform == "win32":
        folder = Path(data_dir) / "native-host" / browser
    elif folder is None and sys.platform == "darwin":
        folder = Path.home() / "Library/Application Support" / _MACOS[browser] / "NativeMessagingHosts"
    elif folder is None:
        hosts = "native-messaging-hosts" if browser == "firefox" else "NativeMessagingHosts"
        folder = Path.home() / _LINUX[browser] / hosts
    return Path(folder) / f"{HOST_NAME}.json"


def write_launcher(data_dir: Path, may_start: bool) -> Path:
    """The executable the manifests name: this Python, `-m companion native-host`, this data dir."""
    argv = [sys.executable, "-m", "companion", "native-host", "--data-dir", str(data_dir)] + (["--start"] if may_start else [])
    folder = ensure_private_dir(Path(data_dir) / "native-host")
    if sys.platform == "win32":
        path = folder / "tactful-native-host.bat"
        path.write_text("@" + " ".join(f'"{a}"' for a in argv) + " %*\r\n", encoding="utf-8")
    else:
        path = folder / "tactful-native-host"
        path.write_text(f"#!/bin/sh\nexec {shlex.join(argv)} \"$@\"\n", encoding="utf-8")
        path.chmod(0o700)
    return path


def manifest(browser: str, launcher: Path) -> dict:
    m = {"name": HOST_NAME, "description": "Tactful: introduces the browser extension to the companion",
         "path": str(launcher), "type": "stdio"}
    if browser == "firefox":
        m["allowed_extensions"] = list(FIREFOX_IDS)
    else:
        m["allowed_origins"] = [f"chrome-extension://{i}/" for i in CHROME_IDS]
    return m


def _registry(browser: str, manifest_file: Path | None) -> None:
    """Windows: point (or, with None, stop pointing) the browser's per-user key at the manifest."""
    import winreg

    key = rf"{_WINDOWS[browser]}\NativeMessagingHosts\{HOST_NAME}"
    if manifest_file is None:
        try:
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
        except FileNotFoundError:
            pass
    else:
        winreg.SetValue(winreg.HKEY_CURRENT_USER, key, winreg.REG_SZ, str(manifest_file))


def install(data_dir: Path, browsers: list[str], folder: Path | None = None, may_start: bool = True) -> list[Path]:
    """Write the launcher and one manifest per browser; returns the manifests' paths."""
    launcher = write_launcher(data_dir, may_start)
    written = []
    for browser in browsers:
        path = manifest_path(browser, data_dir, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest(browser, launcher), indent=2) + "\n", encoding="utf-8")
        if sys.platform == "win32" and folder is None:
            _registry(browser, path)
        written.append(path)
    return written


def uninstall(data_dir: Path, browsers: list[str], folder: Path | None = None) -> list[Path]:
    """Remove our manifests (and registry keys); returns the ones that existed."""
    removed = []
    for browser in browsers:
        path = manifest_path(browser, data_dir, folder)
        if sys.platform == "win32" and folder is None:
            _registry(browser, None)
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def installed(data_dir: Path) -> dict[str, str | None]:
    """browser -> None when its manifest is fine, else what is wrong, for the browsers that have one."""
    found = {}
    for browser in BROWSERS:
        path = manifest_path(browser, data_dir)
        if path.exists():
            try:
                target = Path(json.loads(path.read_text(encoding="utf-8"))["path"])
                found[browser] = None if target.exists() else f"its launcher {target} is missing"
            except (OSError, ValueError, KeyError, TypeError):
                found[browser] = f"{path} is unreadable"
    return found
