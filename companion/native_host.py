"""`tactful native-host`: the program a browser starts for Tactful's extension (native messaging).

The browser names the caller it vouches for: Chrome passes `chrome-extension://ID/`, Firefox the
manifest's path and the add-on id. Frames on stdin/stdout are a 4-byte little-endian length and
UTF-8 JSON. The one request, `introduce`, gets the running companion's port and a new token bound
to the extension's origin (docs/protocol.md, "Native messaging"); the token never crosses the port.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

from companion.server import runtime, security

HOST_NAME = "app.tactful.companion"
CHROME_IDS = ("lejjfdkkilgackldcppcmhcgpokokfek",)  # from extension/manifest.json's "key"
FIREFOX_IDS = ("tactful@tactful.app",)
MAX_FRAME = 4096  # requests are tiny; anything bigger is refused unread
START_WAIT = 15.0  # seconds for a companion we started to answer


class HostError(Exception):
    def __init__(self, code: str, message: str):  # code: docs/protocol.md, "Native messaging"
        super().__init__(message)
        self.code = code


def vouched_origin(args: list[str]) -> str | None:
    """The Chrome origin the browser passed, or None for Tactful's Firefox add-on (whose origin is
    per install, so the request names it); HostError for any other caller."""
    for arg in args:
        found = re.fullmatch(r"chrome-extension://([a-p]{32})/?", arg)
        if found and found[1] in CHROME_IDS:
            return f"chrome-extension://{found[1]}"
    if args and args[-1] in FIREFOX_IDS:
        return None
    raise HostError("forbidden_origin", "this host serves only the Tactful extension")


def read_frame(stream) -> dict | None:
    """The next request, or None when the browser closed the pipe."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack("<I", head)
    if size > MAX_FRAME:
        raise HostError("too_large", f"a request is at most {MAX_FRAME} bytes")
    body = stream.read(size)
    if len(body) < size:
        return None
    try:
        msg = json.loads(body)
    except ValueError:
        msg = None
    if not isinstance(msg, dict):
        raise HostError("bad_request", "a request is a JSON object")
    return msg


def write_frame(stream, msg: dict) -> None:
    data = json.dumps(msg).encode("utf-8")
    stream.write(struct.pack("<I", len(data)) + data)
    stream.flush()


def start_companion(data_dir: Path) -> None:
    """`tactful serve` in its own session (it outlives the browser's pipe), until it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--data-dir", str(data_dir)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline and proc.poll() is None:
        info = runtime.read_runtime(data_dir)
        if info is not None and info.pid == proc.pid and runtime.health_answers(info.port):
            return
        time.sleep(0.1)
    raise HostError("not_running", "the companion did not start; run `tactful serve` to see why")


def introduce(msg: dict, origin: str | None, data_dir: Path, may_start: bool) -> dict:
    if msg.get("type") != "introduce":
        raise HostError("bad_request", "the only request is introduce")
    claimed = msg.get("origin")
    if origin is None:  # Firefox vouched for the add-on id; its moz-extension origin is per install
        if not (isinstance(claimed, str) and claimed.startswith("moz-extension://") and security.origin_ok(claimed)):
            raise HostError("forbidden_origin", "introduce needs the add-on's moz-extension:// origin")
        origin = claimed
    elif claimed not in (None, origin):
        raise HostError("forbidden_origin", "the request names another origin than the browser vouched for")
    info = runtime.read_runtime(data_dir)
    if info is None or not runtime.pid_alive(info.pid):  # a dead companion's port may be anyone's now
        if not may_start:
            raise HostError("not_running", "the companion is not running; start it (`tactful serve` or the tray)")
        start_companion(data_dir)
    try:
        answer = runtime.admin_post(data_dir, "/v1/admin/introduce",
                                    body={"origin": origin, "client_name": msg.get("client_name")})
        return {"type": "introduction", "port": int(answer["port"]), "token": str(answer["token"]),
                "client_name": str(answer["client_name"])}
    except (runtime.AdminError, KeyError, TypeError, ValueError) as exc:
        raise HostError("refused", f"the companion did not introduce this browser: {exc}") from None


def main(args: list[str], data_dir: Path, may_start: bool) -> int:
    """Answer requests until the browser closes stdin; nothing but frames reaches stdout."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to stderr, never into the frame stream
    stdin = sys.stdin.buffer
    try:
        while True:
            try:
                msg = read_frame(stdin)
                if msg is None:
                    return 0
                write_frame(out, introduce(msg, vouched_origin(args), data_dir, may_start))
            except HostError as exc:
                write_frame(out, {"type": "error", "code": exc.code, "message": str(exc)})
                if exc.code in ("too_large", "forbidden_origin"):  # no resync / no such caller
                    return 1
    except BrokenPipeError:
        return 0
