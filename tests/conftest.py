"""Shared fixtures: a real companion server (in-process on port 0, or `tactful serve` as a
subprocess) and real `websockets` clients that pair and authenticate against it.

    async def test_x(companion_server, ws_client):
        ws = await ws_client()                 # paired, authenticated, hello/auth_ok consumed
        await ws.send(json.dumps({"id": 1, "type": "ping"}))

    def test_y(serve_process):                 # `python -m companion serve --port 0` in a temp dir
        serve_process.port, serve_process.url, serve_process.logs()
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from websockets.asyncio.client import connect

from companion.server.app import RunningServer, start_server
from companion.server.services import ServerConfig

EXT_ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2  # a well-formed extension origin
OTHER_EXT_ORIGIN = "chrome-extension://" + "ponmlkjihgfedcba" * 2
FIREFOX_ORIGIN = "moz-extension://4b1c6e0a-7f2d-4e1b-9a51-2f0c8d3e6a11"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"  # ../shared beside the repository: optional test data (pages, corpora)
from serve_process import launch  # noqa: E402  (starts real companion processes)



@pytest.fixture(autouse=True)
def _no_user_data(tmp_path, monkeypatch):
    """No test reads or writes the data of a user of this machine: commands that find their data
    folder from the environment get an empty one of the test's own."""
    monkeypatch.setenv("TACTFUL_DATA_DIR", str(tmp_path / "tactful-data"))


@contextmanager
def port_taken_by_another_program():
    """A loopback port another program listens on, for as long as the block runs."""
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    try:
        yield blocker.getsockname()[1]
    finally:
        blocker.close()

@dataclass
class CompanionServer:
    """An in-process companion on a free port with its own temp data dir."""

    running: RunningServer
    data_dir: Path

    @property
    def port(self) -> int:
        return self.running.port

    @property
    def url(self) -> str:
        return self.running.url

    @property
    def services(self):
        return self.running.services

    def http(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


async def open_ws(url: str, origin: str | None = EXT_ORIGIN, **kwargs):
    """A raw `websockets` connection (hello not yet read). No proxy, no client pings by default."""
    kwargs.setdefault("open_timeout", 5)
    kwargs.setdefault("ping_interval", None)
    kwargs.setdefault("max_size", 16 * 1024 * 1024)
    return await connect(url, origin=origin, proxy=None, **kwargs)


async def recv_json(ws, timeout: float = 5.0) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def pair(url: str, code: str, origin: str = EXT_ORIGIN, name: str = "test browser") -> dict:
    """Pair with `code` on a fresh connection; returns the `paired` (or `auth_invalid`) message."""
    async with await open_ws(url, origin) as ws:
        hello = await recv_json(ws)
        assert hello["type"] == "hello"
        await ws.send(json.dumps({"type": "pair", "code": code, "client_name": name}))
        return await recv_json(ws)


async def authenticate(url: str, token: str, origin: str = EXT_ORIGIN):
    """An open connection after `auth_ok` (asserted), with its auth_ok message as `.auth_ok`."""
    ws = await open_ws(url, origin)
    assert (await recv_json(ws))["type"] == "hello"
    await ws.send(json.dumps({"type": "auth", "token": token}))
    reply = await recv_json(ws)
    assert reply["type"] == "auth_ok", reply
    ws.auth_ok = reply
    return ws


async def pair_and_connect(server: CompanionServer, origin: str = EXT_ORIGIN, name: str = "test browser"):
    """Pair through the server's own code generator, then connect with the token."""
    code, _ = server.services.pairing.create_code()
    paired = await pair(server.url, code, origin, name)
    assert paired["type"] == "paired", paired
    ws = await authenticate(server.url, paired["token"], origin)
    ws.token = paired["token"]
    return ws


@pytest_asyncio.fixture
async def make_server(tmp_path):
    """Factory: `await make_server(**ServerConfig fields)` -> CompanionServer; all stopped after."""
    started: list[CompanionServer] = []

    async def factory(data_dir: Path | None = None, **config) -> CompanionServer:
        folder = data_dir or tmp_path / f"data{len(started)}"
        cfg = ServerConfig(port=0, **config)
        running = await start_server(folder, cfg)
        server = CompanionServer(running, folder)
        started.append(server)
        return server

    yield factory
    for server in started:
        await server.running.stop()


@pytest_asyncio.fixture
async def companion_server(make_server) -> CompanionServer:
    """A running in-process companion with default settings (runtime files written to its data dir)."""
    return await make_server()


@pytest_asyncio.fixture
async def ws_client(companion_server):
    """Factory: `await ws_client(origin=..., name=...)` -> a paired, authenticated connection."""
    opened = []

    async def factory(origin: str = EXT_ORIGIN, name: str = "test browser"):
        ws = await pair_and_connect(companion_server, origin, name)
        opened.append(ws)
        return ws

    yield factory
    for ws in opened:
        await ws.close()


@dataclass
class ServeProcess:
    """`python -m companion serve --port 0` in a temp data dir; logs go to a file."""

    proc: subprocess.Popen
    port: int
    url: str
    data_dir: Path
    log_path: Path
    extra: dict = field(default_factory=dict)

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 10.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


def start_serve_process(data_dir: Path, *args: str, env: dict | None = None, timeout: float = 20.0) -> ServeProcess:
    """Start `serve --port 0` and wait for its `listening on` line; raises with the logs if it never comes."""
    launched = launch(data_dir, *args, env=env, timeout=timeout)
    return ServeProcess(launched.proc, launched.port, launched.url, data_dir, launched.log_path)


@pytest.fixture
def serve_process(tmp_path):
    """A `tactful serve --port 0` subprocess with its own data dir, stopped (SIGTERM) after the test."""
    server = start_serve_process(tmp_path / "serve-data")
    yield server
    server.stop()
    if server.proc.stdout:
        server.proc.stdout.close()


@pytest.fixture(scope="module")
def real_secret_service():
    """Skip unless a real, unlocked Secret Service answers; while the module runs, this process
    talks to it too.

    The probe runs in a subprocess: keyring can hang without a usable HOME, and a hang must not
    take the test run with it. In-process, keyring's lazy pick happens after the whole suite (with
    its stand-in backends) was imported, so the Secret Service backend is installed explicitly.
    """
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session (run under dbus-run-session with gnome-keyring unlocked)")
    probe = "from companion.secrets import backend_status as b; s=b(); print(s.secure, s.backend)"
    try:
        r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.skip("the keyring did not answer within 20 s")
    if not r.stdout.startswith("True") or "SecretService" not in r.stdout:
        pytest.skip(f"no secure Secret Service: {r.stdout.strip()} {r.stderr.strip()[-200:]}")
    import keyring
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    yield
    keyring.set_keyring(previous)
