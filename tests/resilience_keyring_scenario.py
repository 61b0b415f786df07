"""Run inside its own `dbus-run-session` (tests/test_resilience_keyring.py does): start a Secret
Service (gnome-keyring-daemon in the foreground, so we hold its pid), start `tactful serve`, use
the keyring, then kill the daemon and report, as one JSON line on stdout, what each credential
operation and the coach did afterwards. Nothing outside this D-Bus session is touched.

    dbus-run-session -- python tests/resilience_keyring_scenario.py WORKDIR
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import REPO, authenticate, pair, recv_json, start_serve_process  # noqa: E402

DRAFT = {"type": "draft", "surface": "message", "version": 1, "text": "Hi Dana, would you refer me for the role?"}


def tactful(*args: str, stdin: str = "", timeout: float = 60) -> dict:
    """Run the CLI; never hangs the scenario (a dead keyring can make D-Bus calls wait)."""
    started = time.monotonic()
    try:
        # No display: on a headless machine a re-activated keyring cannot show an unlock prompt
        # (under xvfb-run it would, and wait for an answer nobody gives).
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env["TACTFUL_KEYRING_TIMEOUT"] = "10"
        out = subprocess.run([sys.executable, "-m", "companion", *args], input=stdin, capture_output=True,
                             text=True, timeout=timeout, cwd=REPO, env=env)
        return {"rc": out.returncode, "stdout": out.stdout, "stderr": out.stderr,
                "seconds": round(time.monotonic() - started, 1)}
    except subprocess.TimeoutExpired:
        return {"rc": None, "stdout": "", "stderr": "TIMEOUT", "seconds": timeout}


async def command(ws, body: dict) -> dict:
    await ws.send(json.dumps(body))
    while True:
        msg = await recv_json(ws, timeout=30)
        if msg.get("type") == "result" and msg.get("id") == body["id"]:
            return msg


def sent(i: int) -> dict:
    return {"id": 100 + i, "type": "sent", "surface": "message", "text": f"Hi, message {i} about a referral.",
            "recipient": {"slug": f"person-{i}"}, "sent_at": f"2026-03-0{i}T09:00:00+00:00"}


async def scenario(work: Path) -> dict:
    report: dict = {}
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    daemon.stdin.write(b"scenario-password")
    daemon.stdin.close()
    time.sleep(1.0)
    report["before"] = {"secrets_set": tactful("secrets", "set", "probe-secret", stdin="value-1\n")}

    data = work / "data"
    server = start_serve_process(data)
    try:
        from companion.cli.pair_cmd import request_code

        code = (await asyncio.to_thread(request_code, data))["code"]
        token = (await pair(server.url, code))["token"]
        ws = await authenticate(server.url, token)
        report["before"]["history_text_on"] = await asyncio.to_thread(
            tactful, "history", "text", "on", "--data-dir", str(data))
        report["before"]["sent"] = (await command(ws, sent(1)))

        daemon.kill()  # the keyring goes away while the companion runs
        daemon.wait(10)
        time.sleep(0.5)

        after: dict = {}
        after["draft"] = await command(ws, {"id": 1, **DRAFT})
        after["sent"] = await command(ws, sent(2))
        after["status"] = await command(ws, {"id": 2, "type": "status"})
        after["secrets_set"] = await asyncio.to_thread(tactful, "secrets", "set", "probe-secret-2", stdin="value-2\n")
        after["secrets_list"] = await asyncio.to_thread(tactful, "secrets", "list")
        after["draft_again"] = await command(ws, {"id": 3, **DRAFT, "version": 2})
        report["after"] = after
        await ws.close()
    finally:
        report["serve_rc"] = server.stop()
        report["serve_log"] = server.logs()[-2000:]
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait(5)

    # A restart without a keyring: the companion starts and says what is off.
    again = start_serve_process(data)
    try:
        ws = await authenticate(again.url, token)
        report["restart"] = {"draft": await command(ws, {"id": 4, **DRAFT}), "sent": await command(ws, sent(3)),
                             "log": again.logs()[-2000:]}
        await ws.close()
    finally:
        report["restart"]["rc"] = again.stop()
    return report


def main() -> int:
    work = Path(sys.argv[1])
    work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(asyncio.run(scenario(work))), flush=True)
    return 0


if __name__ == "__main__":
    os.chdir(REPO)
    sys.exit(main())
