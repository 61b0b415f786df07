"""`tactful native-host` as the browser runs it: through the launcher `tactful browser install`
writes, as a subprocess speaking native-messaging frames on stdin/stdout, against a real companion.

Covers the framing (4-byte little-endian length + JSON, stdout carrying nothing else), the origin
the browser vouches for (Chrome's argument, Firefox's add-on id), oversized frames, a closed pipe,
a companion that is down (and one the host may start), and a squatter on a dead companion's port.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from websockets.sync.client import connect

from companion import browsers, native_host, settings
from companion.server import pairing, runtime

REPO = Path(__file__).resolve().parent.parent
CHROME_ORIGIN = f"chrome-extension://{native_host.CHROME_IDS[0]}"
FIREFOX_ORIGIN = "moz-extension://4b1c6e0a-7f2d-4e1b-9a51-2f0c8d3e6a11"
FIREFOX_ARGS = ["/home/u/.mozilla/native-messaging-hosts/app.tactful.companion.json", "tactful@tactful.app"]
INTRODUCE = {"type": "introduce", "client_name": "Tactful extension (Chrome) test"}


def frame(msg) -> bytes:
    body = msg if isinstance(msg, bytes) else json.dumps(msg).encode()
    return struct.pack("<I", len(body)) + body


def frames(out: bytes) -> list[dict]:
    """Every frame in `out`; fails unless stdout is frames and nothing else."""
    found = []
    while out:
        assert len(out) >= 4, f"stray bytes on stdout: {out!r}"
        (size,) = struct.unpack("<I", out[:4])
        assert len(out) >= 4 + size, f"truncated frame on stdout: {out!r}"
        found.append(json.loads(out[4:4 + size]))
        out = out[4 + size:]
    return found


@pytest.fixture
def launcher(tmp_path, serve_process):
    """The launcher `tactful browser install --dir` writes for the running companion's data dir."""
    out = subprocess.run([sys.executable, "-m", "companion", "browser", "install", "--browser", "chromium",
                          "--no-start", "--dir", str(tmp_path / "hosts"), "--data-dir", str(serve_process.data_dir)],
                         capture_output=True, text=True, cwd=REPO, timeout=30)
    assert out.returncode == 0, out.stderr
    written = json.loads((tmp_path / "hosts" / f"{native_host.HOST_NAME}.json").read_text())
    assert written["allowed_origins"] == [CHROME_ORIGIN + "/"]
    return Path(written["path"])


def host(launcher: Path, args: list[str], stdin: bytes, timeout: float = 30) -> tuple[int, list[dict], str]:
    """Run the launcher as a browser would (no shell, cwd elsewhere); (exit code, frames, stderr)."""
    p = subprocess.run([str(launcher), *args], input=stdin, capture_output=True, timeout=timeout, cwd="/")
    return p.returncode, frames(p.stdout), p.stderr.decode(errors="replace")


def clients(data_dir: Path) -> list[str]:
    return [r.name for r in pairing.ClientStore(data_dir).load()]


def authenticate(port: int, origin: str, name: str, token: str) -> dict:
    """The extension's handshake: auth_begin, check the server's proof, then auth; the last reply."""
    with connect(f"ws://127.0.0.1:{port}/v1/ws", origin=origin, open_timeout=10) as ws:
        assert json.loads(ws.recv(10))["type"] == "hello"
        nonce = os.urandom(32)
        ws.send(json.dumps({"type": "auth_begin", "client_name": name, "nonce": pairing.b64url(nonce)}))
        challenge = json.loads(ws.recv(10))
        if challenge["type"] != "auth_challenge":
            return challenge
        salt = base64.urlsafe_b64decode(challenge["salt"] + "==")
        verifier = hashlib.sha256(salt + token.encode()).hexdigest()
        assert pairing.b64url(pairing.server_proof(verifier, nonce, port)) == challenge["proof"]
        ws.send(json.dumps({"type": "auth", "token": token}))
        return json.loads(ws.recv(10))


def test_chrome_extension_is_introduced_and_the_token_authenticates(launcher, serve_process):
    code, replies, _ = host(launcher, [CHROME_ORIGIN + "/"], frame(INTRODUCE))
    assert code == 0
    [intro] = replies
    assert intro["type"] == "introduction" and intro["port"] == serve_process.port
    assert intro["client_name"] == INTRODUCE["client_name"]
    assert authenticate(intro["port"], CHROME_ORIGIN, intro["client_name"], intro["token"])["type"] == "auth_ok"
    # Bound to the origin the browser vouched for: another extension cannot use it.
    assert authenticate(intro["port"], "chrome-extension://" + "p" * 32, intro["client_name"],
                        intro["token"])["type"] == "auth_invalid"
    assert intro["token"] not in serve_process.logs()


def test_a_native_client_is_revoked_like_any_other(launcher, serve_process):
    _, [intro], _ = host(launcher, [CHROME_ORIGIN + "/"], frame(INTRODUCE))
    assert intro["client_name"] in clients(serve_process.data_dir)
    out = subprocess.run([sys.executable, "-m", "companion", "unpair", intro["client_name"], "--data-dir",
                          str(serve_process.data_dir)], capture_output=True, text=True, cwd=REPO, timeout=30)
    assert out.returncode == 0, out.stderr
    assert authenticate(intro["port"], CHROME_ORIGIN, intro["client_name"], intro["token"])["type"] == "auth_invalid"


def test_firefox_add_on_is_introduced_with_its_per_install_origin(launcher, serve_process):
    code, [intro], _ = host(launcher, FIREFOX_ARGS, frame({**INTRODUCE, "origin": FIREFOX_ORIGIN}))
    assert code == 0 and intro["type"] == "introduction"
    assert authenticate(intro["port"], FIREFOX_ORIGIN, intro["client_name"], intro["token"])["type"] == "auth_ok"


@pytest.mark.parametrize("args,request_", [
    (["chrome-extension://" + "abcdefghijklmnop" * 2 + "/"], INTRODUCE),  # another Chrome extension
    ([], INTRODUCE),  # no caller named at all
    (["/x/m.json", "someone@else.example"], {**INTRODUCE, "origin": FIREFOX_ORIGIN}),  # another add-on
    ([CHROME_ORIGIN + "/"], {**INTRODUCE, "origin": "chrome-extension://" + "p" * 32}),  # names another origin
    (FIREFOX_ARGS, INTRODUCE),  # Firefox without its origin
    (FIREFOX_ARGS, {**INTRODUCE, "origin": "https://evil.example"}),  # Firefox naming a web origin
])
def test_other_callers_get_no_token(launcher, serve_process, args, request_):
    before = clients(serve_process.data_dir)
    code, [reply], _ = host(launcher, args, frame(request_))
    assert reply["type"] == "error" and reply["code"] == "forbidden_origin" and "token" not in reply
    assert code == 1
    assert clients(serve_process.data_dir) == before


def test_oversized_frame_is_refused_unread(launcher, serve_process):
    big = frame({**INTRODUCE, "pad": "x" * (native_host.MAX_FRAME + 10)})
    code, [reply], _ = host(launcher, [CHROME_ORIGIN + "/"], big)
    assert (code, reply["type"], reply["code"]) == (1, "error", "too_large")
    # A 4 GiB length is refused from the header alone: the host does not wait for the body.
    code, [reply], _ = host(launcher, [CHROME_ORIGIN + "/"], struct.pack("<I", 0xFFFFFFFF), timeout=10)
    assert reply["code"] == "too_large"
    assert clients(serve_process.data_dir) == []


def test_bad_requests_get_an_error_and_the_next_request_is_answered(launcher, serve_process):
    stdin = frame(b"not json") + frame({"type": "hello"}) + frame([1, 2]) + frame(INTRODUCE)
    code, replies, _ = host(launcher, [CHROME_ORIGIN + "/"], stdin)
    assert code == 0
    assert [r.get("code") for r in replies[:3]] == ["bad_request"] * 3
    assert replies[3]["type"] == "introduction"


def test_closed_pipe_ends_the_host_with_nothing_written(launcher):
    for stdin in (b"", b"\x10\x00", frame(INTRODUCE)[:10]):  # nothing, half a header, half a body
        assert host(launcher, [CHROME_ORIGIN + "/"], stdin, timeout=15)[:2] == (0, [])
    # A browser that keeps the pipe open gets answers until it closes it; then the host exits.
    proc = subprocess.Popen([str(launcher), CHROME_ORIGIN + "/"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    proc.stdin.write(frame(INTRODUCE))
    proc.stdin.flush()
    (size,) = struct.unpack("<I", proc.stdout.read(4))
    assert json.loads(proc.stdout.read(size))["type"] == "introduction"
    proc.stdin.close()
    assert proc.wait(15) == 0
    assert proc.stdout.read() == b""
    proc.stdout.close()


def test_companion_down(tmp_path):
    data = tmp_path / "data"
    launcher = browsers.write_launcher(data, may_start=False)
    code, [reply], _ = host(launcher, [CHROME_ORIGIN + "/"], frame(INTRODUCE))
    assert (code, reply["type"], reply["code"]) == (0, "error", "not_running")
    assert "tactful serve" in reply["message"]


def test_host_starts_the_companion_when_allowed(tmp_path):
    data = tmp_path / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.update(data, port=port)  # never the default 8765, which may be taken here
    launcher = browsers.write_launcher(data, may_start=True)
    try:
        code, [intro], _ = host(launcher, [CHROME_ORIGIN + "/"], frame(INTRODUCE), timeout=60)
        assert intro["type"] == "introduction" and intro["port"] == port
        assert authenticate(port, CHROME_ORIGIN, intro["client_name"], intro["token"])["type"] == "auth_ok"
    finally:
        info = runtime.read_runtime(data)
        if info is not None:
            os.kill(info.pid, signal.SIGTERM)
            end = time.monotonic() + 10
            while runtime.pid_alive(info.pid) and time.monotonic() < end:
                time.sleep(0.1)


def test_squatter_on_a_dead_companions_port_is_never_asked(tmp_path, serve_process):
    """runtime.json left by a companion that died names a port someone else may hold now: the host
    must not send that program the admin secret or take a token from it."""
    seen = []

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            seen.append((self.path, dict(self.headers)))
            body = json.dumps({"token": "chosen-by-the-squatter", "client_name": "x", "port": self.server.server_port})
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body.encode())

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args):
            pass

    squatter = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=squatter.serve_forever, daemon=True).start()
    try:
        data = tmp_path / "dead"
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        data.mkdir()
        (data / runtime.RUNTIME_FILE).write_text(json.dumps(
            {"pid": dead.pid, "port": squatter.server_port, "url": "", "version": ""}))
        (data / runtime.ADMIN_SECRET_FILE).write_text("old-secret\n")
        launcher = browsers.write_launcher(data, may_start=False)
        code, [reply], _ = host(launcher, [CHROME_ORIGIN + "/"], frame(INTRODUCE))
        assert reply["type"] == "error" and reply["code"] == "not_running"
        assert seen == []
    finally:
        squatter.shutdown()
        squatter.server_close()


def test_admin_introduce_needs_the_admin_secret_and_a_valid_request(serve_process):
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{serve_process.port}/v1/admin/introduce"
    body = json.dumps({"origin": CHROME_ORIGIN, "client_name": "x"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=10)
    assert refused.value.code == 403
    for bad in ({"origin": "https://evil.example", "client_name": "x"}, {"origin": CHROME_ORIGIN},
                {"origin": CHROME_ORIGIN, "client_name": "bad\x1bname"}):
        with pytest.raises(runtime.AdminError, match="HTTP 400"):
            runtime.admin_post(serve_process.data_dir, "/v1/admin/introduce", body=bad)
    assert clients(serve_process.data_dir) == []


def test_chrome_id_is_the_extensions_key():
    key = json.loads((REPO / "extension" / "manifest.json").read_text())["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    assert native_host.CHROME_IDS == ("".join(chr(ord("a") + int(c, 16)) for c in digest),)


def test_install_and_uninstall_for_the_user(tmp_path, monkeypatch):
    """The per-user folders (a fake HOME), what doctor reports, and uninstall."""
    from companion import doctor

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    data = tmp_path / "data"
    run = lambda *a: subprocess.run([sys.executable, "-m", "companion", "browser", *a, "--data-dir", str(data)],  # noqa: E731
                                    capture_output=True, text=True, cwd=REPO, timeout=30)
    assert doctor.check_browsers(data).status == doctor.INFO
    out = run("install")  # no browser was ever started for this user: nothing to register with
    assert out.returncode == 1 and "--browser" in out.stderr and not (tmp_path / "home").exists()
    (tmp_path / "home/.mozilla").mkdir(parents=True)
    (tmp_path / "home/.config/google-chrome").mkdir(parents=True)
    out = run("install")
    assert out.returncode == 0, out.stderr
    assert "skipped chromium, brave, edge" in out.stdout
    assert sorted(p.name for p in (tmp_path / "home/.config").iterdir()) == ["google-chrome"]  # no empty folders
    ff = json.loads((tmp_path / "home/.mozilla/native-messaging-hosts/app.tactful.companion.json").read_text())
    chrome = json.loads((tmp_path / "home/.config/google-chrome/NativeMessagingHosts/app.tactful.companion.json")
                        .read_text())
    assert ff["allowed_extensions"] == ["tactful@tactful.app"] and "allowed_origins" not in ff
    assert chrome["allowed_origins"] == [CHROME_ORIGIN + "/"] and ff["path"] == chrome["path"]
    launcher = Path(chrome["path"])
    assert launcher.is_absolute() and os.access(launcher, os.X_OK) and "--start" in launcher.read_text()
    check = doctor.check_browsers(data)
    assert check.status == doctor.OK and "firefox" in check.summary
    launcher.unlink()
    assert doctor.check_browsers(data).status == doctor.WARN
    out = run("uninstall", "--browser", "firefox")
    assert out.returncode == 0 and "removed" in out.stdout
    assert not (tmp_path / "home/.mozilla/native-messaging-hosts/app.tactful.companion.json").exists()
    assert run("install", "--browser", "netscape").returncode == 2


def test_protocol_doc_lists_the_hosts_error_codes():
    """docs/protocol.md's native-messaging table names exactly the codes the host answers with."""
    doc = (REPO / "docs" / "protocol.md").read_text(encoding="utf-8").split("## Native messaging", 1)[1]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", doc, flags=re.M))
    used = set(re.findall(r'HostError\("([a-z_]+)"', (REPO / "companion" / "native_host.py").read_text()))
    assert documented == used
