"""runtime.json {"pid", "port", "url", "version"} says where the companion serving a data dir listens;
the per-run admin-secret file lets local tools prove they run as the same user (the extension cannot
read files). Both are 0600, removed on a clean exit, and cleaned up when stale (docs/security.md,
threats 8, 18 and 20).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from companion import __version__
from companion.paths import write_private_file

RUNTIME_FILE = "runtime.json"
ADMIN_SECRET_FILE = "admin-secret"
ADMIN_HEADER = "X-Tactful-Admin"
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy


class AlreadyRunning(Exception):
    """Another companion serves this data dir."""


class AdminError(Exception):
    """No companion runs for the data dir, or it refused or could not be reached (the message says which)."""


@dataclass
class RuntimeInfo:
    pid: int
    port: int
    url: str
    version: str


def ws_url(port: int) -> str:
    return f"ws://127.0.0.1:{port}/v1/ws"


def read_runtime(data_dir: Path) -> RuntimeInfo | None:
    try:
        raw = json.loads((Path(data_dir) / RUNTIME_FILE).read_text(encoding="utf-8"))
        return RuntimeInfo(int(raw["pid"]), int(raw["port"]), str(raw["url"]), str(raw.get("version", "")))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        pass
    return True


def health_answers(port: int, timeout: float = 1.0) -> bool:
    """True when a Tactful companion answers /v1/health on this loopback port."""
    try:
        with _LOOPBACK.open(f"http://127.0.0.1:{port}/v1/health", timeout=timeout) as resp:
            return resp.status == 200 and json.loads(resp.read()).get("status") == "ok"
    except (OSError, ValueError):
        return False


def admin_post(data_dir: Path, path: str, timeout: float = 5.0, body: dict | None = None) -> dict:
    """POST (`body` as JSON, if any) to an admin route of the companion serving `data_dir`, with its
    admin secret; the JSON answer, or AdminError."""
    info = read_runtime(data_dir)
    try:
        secret = (Path(data_dir) / ADMIN_SECRET_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        secret = ""
    if info is None or not secret:
        from companion.doctor import start_advice  # the tray where it is installed, else serve

        raise AdminError(f"no companion is running for {data_dir}; {start_advice()}")
    data = json.dumps(body).encode() if body is not None else b""
    base = f"http://127.0.0.1:{info.port}"
    req = urllib.request.Request(f"{base}{path}", data=data, method="POST",
                                 headers={ADMIN_HEADER: secret, "Content-Type": "application/json"})
    try:
        with _LOOPBACK.open(req, timeout=timeout) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        raise AdminError(f"the companion refused: HTTP {exc.code}") from None
    except (OSError, ValueError) as exc:
        raise AdminError(f"cannot reach the companion at {base} ({exc}); is it running?") from None


def check_single_instance(data_dir: Path) -> None:
    """Raise AlreadyRunning when runtime.json names a live companion; remove stale files.

    Live means the pid exists AND its port answers /v1/health: a pid alone may have been reused."""
    info = read_runtime(data_dir)
    if info is not None and pid_alive(info.pid) and info.pid != os.getpid() and health_answers(info.port):
        raise AlreadyRunning(
            f"a Tactful companion (pid {info.pid}) already serves {data_dir} at {info.url}; "
            "stop it first or use another --data-dir")
    remove_runtime(data_dir)  # stale or unreadable leftovers


def write_runtime(data_dir: Path, port: int, secret: str) -> None:
    """Write the admin secret, then runtime.json (both 0600): a reader that finds runtime.json
    also finds the secret."""
    write_private_file(Path(data_dir) / ADMIN_SECRET_FILE, secret + "\n")
    info = {"pid": os.getpid(), "port": port, "url": ws_url(port), "version": __version__}
    write_private_file(Path(data_dir) / RUNTIME_FILE, json.dumps(info) + "\n")


def remove_runtime(data_dir: Path, only_if_ours: bool = False) -> None:
    """Delete runtime.json and the admin secret (only when they name this process, if asked)."""
    if only_if_ours:
        info = read_runtime(data_dir)
        if info is not None and info.pid != os.getpid():
            return
    for name in (RUNTIME_FILE, ADMIN_SECRET_FILE):
        (Path(data_dir) / name).unlink(missing_ok=True)
