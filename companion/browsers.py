"""Registering `tactful native-host` with the browsers (`tactful browser install|uninstall`, doctor).

Each browser finds the host through a JSON manifest in a per-user folder (on Windows, through a
registry key naming the manifest) that allows only Tactful's extension ids. The manifest's `path`
is a launcher in the data dir: the browser runs it with no shell and none of our environment.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from companion.native_host import CHROME_IDS, FIREFOX_IDS, HOST_NAME
from companion.paths import ensure_private_dir

# browser -> (Linux folder under ~, macOS folder under ~/Library/Application Support, Windows key under HKCU)
PLACES = {
    "chrome": (".config/google-chrome", "Google/Chrome", r"Software\Google\Chrome"),
    "chromium": (".config/chromium", "Chromium", r"Software\Chromium"),
    "brave": (".config/BraveSoftware/Brave-Browser", "BraveSoftware/Brave-Browser", r"Software\BraveSoftware\Brave-Browser"),
    "edge": (".config/microsoft-edge", "Microsoft Edge", r"Software\Microsoft\Edge"),
    "firefox": (".mozilla", "Mozilla", r"Software\Mozilla"),
}
BROWSERS = tuple(PLACES)


def manifest_path(browser: str, data_dir: Path, folder: Path | None = None) -> Path:
    """Where `browser` looks for our manifest (`folder` overrides, e.g. a profile's NativeMessagingHosts)."""
    linux, mac, _ = PLACES[browser]
    if folder is None and sys.platform == "win32":
        folder = Path(data_dir) / "native-host" / browser
    elif folder is None and sys.platform == "darwin":
        folder = Path.home() / "Library/Application Support" / mac / "NativeMessagingHosts"
    elif folder is None:
        folder = Path.home() / linux / ("native-messaging-hosts" if browser == "firefox" else "NativeMessagingHosts")
    return Path(folder) / f"{HOST_NAME}.json"


def here() -> list[str]:
    """The browsers with a settings folder for this user: registering the others would only leave
    folders in their home (on Windows, registry keys do the pointing: all of them)."""
    return [b for b in BROWSERS if sys.platform == "win32" or manifest_path(b, Path()).parent.parent.is_dir()]


def write_launcher(data_dir: Path, may_start: bool) -> Path:
    """The executable the manifests name: this Python, `-m companion native-host`, this data dir."""
    argv = [sys.executable, "-m", "companion", "native-host", "--data-dir", str(data_dir)] + ["--start"] * may_start
    folder = ensure_private_dir(Path(data_dir) / "native-host")
    if sys.platform == "win32":
        path = folder / "tactful-native-host.bat"
        path.write_text("@" + " ".join(f'"{a}"' for a in argv) + " %*\r\n", encoding="utf-8")
    else:
        path = folder / "tactful-native-host"
        path.write_text(f'#!/bin/sh\nexec {shlex.join(argv)} "$@"\n', encoding="utf-8")
        path.chmod(0o700)
    return path


def _registry(browser: str, manifest_file: Path | None) -> None:
    """Windows: point (None: stop pointing) the browser's per-user key at the manifest."""
    import winreg

    key = rf"{PLACES[browser][2]}\NativeMessagingHosts\{HOST_NAME}"
    if manifest_file is not None:
        winreg.SetValue(winreg.HKEY_CURRENT_USER, key, winreg.REG_SZ, str(manifest_file))
    else:
        try:
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
        except FileNotFoundError:
            pass


def install(data_dir: Path, browsers: list[str], folder: Path | None = None, may_start: bool = True) -> list[Path]:
    """Write the launcher and one manifest per browser; returns the manifests' paths."""
    launcher = write_launcher(data_dir, may_start)
    written = []
    for browser in browsers:
        allowed = ({"allowed_extensions": list(FIREFOX_IDS)} if browser == "firefox"
                   else {"allowed_origins": [f"chrome-extension://{i}/" for i in CHROME_IDS]})
        path = manifest_path(browser, data_dir, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"name": HOST_NAME, "description": "Tactful: introduces the extension to the "
                                    "companion", "path": str(launcher), "type": "stdio", **allowed}, indent=2) + "\n")
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
    """browser -> None when its manifest is fine, else what is wrong; only browsers that have one."""
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
