"""The egress gate: local-only mode refuses every non-loopback destination before any packet leaves.

Real parts: a real aiohttp server on 127.0.0.1 port 0, real aiohttp client sessions built by the
gate, and an audit-hook socket guard (tests/socket_guard.py) that records any non-loopback
connect / DNS attempt made by anything in this process.
"""

from __future__ import annotations

import json
import os
import socket

import aiohttp
import pytest
from aiohttp import web

from companion import settings
from companion.egress import EgressBlocked, EgressGate, gate_for, is_loopback_ip
from companion.errors import CommandError
from protocol.errors import ErrorCode
from socket_guard import SocketGuard

REMOTE_NAME = "api.writing-assistant.example"
REMOTE_IP = "203.0.113.7"  # TEST-NET-3: never routed, but must not even be tried


def local_gate(on: bool = True) -> EgressGate:
    return EgressGate(lambda: on)


@pytest.mark.parametrize("addr,expected", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("10.0.0.1", False), ("192.168.1.5", False), ("8.8.8.8", False), ("::ffff:8.8.8.8", False),
    ("2001:db8::1", False), ("0.0.0.0", False), ("localhost", False), ("example.com", False),
])
def test_is_loopback_ip(addr, expected):
    assert is_loopback_ip(addr) is expected


def test_gate_refuses_non_loopback_url_with_a_clear_error():
    gate = local_gate(True)
    with pytest.raises(EgressBlocked) as info:
        gate.check_url(f"https://{REMOTE_NAME}/v1/complete")
    err = info.value
    assert isinstance(err, CommandError)
    assert err.code is ErrorCode.EGRESS_BLOCKED
    assert REMOTE_NAME in err.message and "local-only" in err.message and "Nothing was sent" in err.message
    with pytest.raises(EgressBlocked, match=REMOTE_IP):
        gate.check_url(f"http://{REMOTE_IP}:8080/")
    for ok in ("http://127.0.0.1:9/", "http://localhost/", "ws://[::1]:80/x", "http://app.localhost/"):
        gate.check_url(ok)


def test_gate_allows_everything_when_local_only_is_off():
    gate = local_gate(False)
    gate.check_url(f"https://{REMOTE_NAME}/")
    sock = gate.socket_factory((socket.AF_INET, socket.SOCK_STREAM, 6, "", (REMOTE_IP, 443)))
    sock.close()  # created, never connected


def test_gate_refuses_a_relative_url_as_bad_input():
    with pytest.raises(CommandError) as info:
        local_gate(True).check_url("/just/a/path")
    assert info.value.code is ErrorCode.INVALID_FORMAT


@pytest.mark.asyncio
async def test_session_refuses_remote_name_without_asking_dns():
    gate = local_gate(True)
    with SocketGuard() as guard:
        async with gate.client_session() as session:
            with pytest.raises(EgressBlocked, match=REMOTE_NAME):
                await session.get(f"https://{REMOTE_NAME}/v1/complete")
    assert guard.violations == []  # no DNS query, no connect


@pytest.mark.asyncio
async def test_session_refuses_remote_ip_literal_before_connecting():
    gate = local_gate(True)
    with SocketGuard() as guard:
        async with gate.client_session() as session:
            with pytest.raises(EgressBlocked, match=REMOTE_IP):
                await session.post(f"http://{REMOTE_IP}:8080/", json={"text": "never sent"})
    assert guard.violations == []


async def _hello_server():
    async def hello(request):
        return web.Response(text="hi")

    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, port


@pytest.mark.asyncio
async def test_session_reaches_loopback_in_local_only_mode():
    runner, port = await _hello_server()
    try:
        with SocketGuard() as guard:
            async with local_gate(True).client_session() as session:
                for host in ("127.0.0.1", "localhost"):
                    async with session.get(f"http://{host}:{port}/") as resp:
                        assert await resp.text() == "hi"
        assert guard.violations == []
    finally:
        await runner.cleanup()


@pytest.mark.asyncio
async def test_redirect_to_a_remote_host_is_blocked():
    app = web.Application()

    async def bounce(request):
        raise web.HTTPFound(f"http://{REMOTE_IP}/steal")

    app.router.add_get("/", bounce)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        with SocketGuard() as guard:
            async with local_gate(True).client_session() as session:
                with pytest.raises(EgressBlocked):
                    await session.get(f"http://127.0.0.1:{port}/")
        assert guard.violations == []
    finally:
        await runner.cleanup()


def test_gate_for_data_dir_follows_the_settings_file_live(tmp_path):
    gate = gate_for(tmp_path)
    assert gate.local_only is True  # on by default, no file yet
    with pytest.raises(EgressBlocked):
        gate.check_url(f"https://{REMOTE_NAME}/")
    settings.update(tmp_path, local_only=False)
    assert gate.local_only is False
    gate.check_url(f"https://{REMOTE_NAME}/")
    settings.update(tmp_path, local_only=True)
    with pytest.raises(EgressBlocked):
        gate.check_url(f"https://{REMOTE_NAME}/")


def test_unreadable_settings_keep_local_only_on(tmp_path):
    (tmp_path / "settings.json").write_text("{not json")
    assert gate_for(tmp_path).local_only is True


# --- the settings file the gate reads -----------------------------------------------------------


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
    assert raw == {"disabled_rules": ["ask.x"], "port": 9000, "local_only": False, "autostart": False}


@pytest.mark.parametrize("content,needle", [
    ("{oops", "not valid JSON"), ("[1]", "JSON object"), ('{"port": 0}', "port"),
    ('{"local_only": "no"}', "local_only"), ('{"port": true}', "port"),
])
def test_bad_settings_give_a_clear_error(tmp_path, content, needle):
    (tmp_path / "settings.json").write_text(content)
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
