"""`tactful serve / pair / clients / unpair` as real subprocesses: runtime files, single instance,
loud refusal of non-loopback hosts, logs without secrets."""

import asyncio
import json
import os
import socket
import stat
import subprocess
import sys

import pytest
from conftest import REPO, authenticate, open_ws, pair, recv_json, start_serve_process
from websockets.exceptions import InvalidStatus


def tactful(*args: str, env: dict | None = None, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, **(env or {})), timeout=timeout)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_serve_writes_private_runtime_files_and_removes_them_on_clean_exit(serve_process):
    data = serve_process.data_dir
    runtime = json.loads((data / "runtime.json").read_text())
    assert runtime == {"pid": serve_process.proc.pid, "port": serve_process.port, "url": serve_process.url,
                       "version": runtime["version"]}
    assert serve_process.url == f"ws://127.0.0.1:{serve_process.port}/v1/ws"
    assert mode(data / "runtime.json") == 0o600 and mode(data / "admin-secret") == 0o600
    assert mode(data) == 0o700
    assert serve_process.stop() == 0
    assert not (data / "runtime.json").exists() and not (data / "admin-secret").exists()


def test_pair_cli_json_then_clients_and_unpair(serve_process):
    data = str(serve_process.data_dir)
    out = tactful("pair", "--json", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert set(answer) == {"code", "expires_in"} and answer["expires_in"] == 120

    paired = asyncio.run(pair(serve_process.url, answer["code"], name="Chromium"))
    assert paired["type"] == "paired"
    assert mode(serve_process.data_dir / "clients.json") == 0o600
    stored = (serve_process.data_dir / "clients.json").read_text()
    assert paired["token"] not in stored  # only a salted verifier is kept

    listed = json.loads(tactful("clients", "--json", "--data-dir", data).stdout)
    assert [c["name"] for c in listed] == ["Chromium"] and listed[0]["origin"].startswith("chrome-extension://")
    assert "token" not in json.dumps(listed) and "verifier" not in json.dumps(listed)

    assert tactful("unpair", "Chromium", "--data-dir", data).returncode == 0
    assert json.loads(tactful("clients", "--json", "--data-dir", data).stdout) == []
    assert tactful("unpair", "Chromium", "--data-dir", data).returncode == 1

    async def refused():
        ws = await open_ws(serve_process.url)
        await recv_json(ws)
        await ws.send(json.dumps({"type": "auth", "token": paired["token"]}))
        assert (await recv_json(ws))["type"] == "auth_invalid"
        await ws.wait_closed()
        return ws.close_code

    assert asyncio.run(refused()) == 4401


def test_pair_without_a_running_companion_says_so(tmp_path):
    out = tactful("pair", "--data-dir", str(tmp_path))
    assert out.returncode == 1 and "tactful serve" in out.stderr
    assert "tactful tray" in out.stderr  # PySide6 is installed here: the tray is offered first, as doctor does


def test_second_serve_on_the_same_data_dir_is_refused(serve_process):
    out = tactful("serve", "--port", "0", "--data-dir", str(serve_process.data_dir))
    assert out.returncode != 0 and "already serves" in out.stderr and out.stdout == ""
    assert (serve_process.data_dir / "runtime.json").exists()  # the live one's files are untouched


def test_stale_runtime_json_is_cleaned_up(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (data / "runtime.json").write_text(json.dumps({"pid": dead.pid, "port": 1, "url": "ws://127.0.0.1:1/v1/ws",
                                                   "version": "0"}))
    (data / "admin-secret").write_text("old")
    server = start_serve_process(data)
    try:
        assert json.loads((data / "runtime.json").read_text())["pid"] == server.proc.pid
        assert (data / "admin-secret").read_text().strip() != "old"
    finally:
        server.stop()


def test_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = tactful("serve", "--port", str(port), "--data-dir", str(tmp_path / "d"))
    assert out.returncode == 1 and f"port {port}" in out.stderr and "already in use" in out.stderr
    assert not (tmp_path / "d" / "runtime.json").exists()
    assert "tray's Settings" in out.stderr  # the tray has no --port: say where else to change it


@pytest.mark.parametrize("port", ["99999", "-1", "abc"])
def test_a_port_out_of_range_is_a_usage_error_not_a_traceback(tmp_path, port):
    out = tactful("serve", "--port", port, "--data-dir", str(tmp_path))
    assert out.returncode == 2 and "0 to 65535" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_host_needs_the_loud_flag(tmp_path, host):
    out = tactful("serve", "--host", host, "--port", "0", "--data-dir", str(tmp_path))
    assert out.returncode == 2 and "--i-understand-this-exposes-tactful-to-the-network" in out.stderr
    assert out.stdout == ""


def test_headless_serve_starts_and_says_which_features_are_off(tmp_path):
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    server = start_serve_process(tmp_path / "d", env=env)
    try:
        logs = server.logs()
        assert "keyring: not available" in logs and "off until a keyring is available" in logs
        assert "gnome-keyring" in logs
        out = tactful("pair", "--json", "--data-dir", str(server.data_dir))
        paired = asyncio.run(pair(server.url, json.loads(out.stdout)["code"]))
        assert paired["type"] == "paired"  # pairing needs no keyring
    finally:
        server.stop()


def test_plaintext_keyring_override_is_refused_with_a_warning(tmp_path):
    pytest.importorskip("keyrings.alt")
    env = {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "HOME": str(tmp_path)}
    server = start_serve_process(tmp_path / "d", env=env)
    try:
        assert "keyring: not available" in server.logs()
    finally:
        server.stop()
    assert not (tmp_path / ".local/share/python_keyring").exists()


def test_tokens_and_codes_never_reach_the_logs(tmp_path):
    server = start_serve_process(tmp_path / "d", "--log-level", "DEBUG")
    try:
        secret_in_url = "QUERYSECRET-" + "z" * 30
        code = json.loads(tactful("pair", "--json", "--data-dir", str(server.data_dir)).stdout)["code"]

        async def scenario():
            with pytest.raises(InvalidStatus):
                await open_ws(f"{server.url}?token={secret_in_url}")
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(f"GET /v1/health?token={secret_in_url} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                         f"Connection: close\r\n\r\n".encode())
            await reader.read()
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(f"GET /{secret_in_url} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nConnection: close\r\n\r\n"
                         .encode())
            await reader.read()
            writer.close()
            for malformed in (f"GET /v1/health?token={secret_in_url} HTTP/1.1 junk\r\n",  # bad request line
                              f"GET /v1/health HTTP/1.1\r\nBad Header {secret_in_url}\r\n",  # bad header
                              f"G\x01T /{secret_in_url} HTTP/1.1\r\n"):  # bad method
                reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
                writer.write(f"{malformed}Host: 127.0.0.1:{server.port}\r\n\r\n".encode())
                assert (await reader.read()).startswith(b"HTTP/1.")
                writer.close()
            paired = await pair(server.url, code)
            ws = await authenticate(server.url, paired["token"])
            await ws.send(json.dumps({"id": 1, "type": "draft", "surface": "message", "version": 1,
                                      "text": "DRAFTSECRET please refer me"}))
            await recv_json(ws)
            await ws.close()
            bad = await open_ws(server.url)
            await recv_json(bad)
            await bad.send(json.dumps({"type": "auth", "token": "WRONGTOKENSECRET"}))
            await recv_json(bad)
            return paired["token"]

        token = asyncio.run(scenario())
    finally:
        server.stop()
    logs = server.logs()
    assert "GET /v1/health" in logs  # the access log is on, just without queries
    assert "malformed HTTP request refused" in logs
    for secret in (secret_in_url, token, code, code.replace("-", ""), "DRAFTSECRET", "WRONGTOKENSECRET"):
        assert secret not in logs


def test_serve_uses_the_port_from_settings_when_no_port_is_given(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    data = tmp_path / "d"
    data.mkdir(mode=0o700)
    (data / "settings.json").write_text(json.dumps({"port": free, "local_only": True}))
    proc = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO, text=True)
    try:
        assert proc.stdout.readline().strip() == f"listening on ws://127.0.0.1:{free}/v1/ws"
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
        proc.stdout.close()


def test_a_damaged_clients_file_is_one_line_with_the_fix_not_a_traceback(tmp_path):
    (tmp_path / "clients.json").write_text("{garbage", encoding="utf-8")
    for command in (("clients",), ("unpair", "--all")):
        out = tactful(*command, "--data-dir", str(tmp_path))
        assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
        assert "clients.json is unreadable; remove it and pair your browser again" in out.stderr


def test_a_bad_settings_file_is_named_on_start_and_the_safe_defaults_are_used(tmp_path):
    data = tmp_path / "d"
    data.mkdir(mode=0o700)
    (data / "settings.json").write_text(json.dumps({"port": 80000, "local_only": False}))
    proc = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--data-dir", str(data), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, text=True)
    try:
        assert proc.stdout.readline().startswith("listening on ws://127.0.0.1:")
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert "settings.json: 'port' must be a whole number" in err and "using the defaults (local-only on)" in err
