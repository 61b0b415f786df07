"""Draft round trip vs a bare echo round trip, same client, same server process, same run.

    python bench/roundtrip.py [--drafts 1000] [--words 150] [--surface message] [--no-store]
                              [--echo-cpu-ms MS]

Starts a companion in a subprocess (its own interpreter, so client and server do not share a GIL),
with one extra bench-only command, `echo`, that returns the text it got. Then, over one paired
`websockets` connection, it alternates `draft` (the full coach) and `echo` with the same ~150-word
text, one request in flight at a time, and prints the median, p99 and mean of each, plus the
draft handler's time measured inside the server and the coach's analysis time in this process.

On a machine with more runnable processes than cores, any request that computes for a few ms
waits for the CPU again before its reply goes out, so the draft round trip grows by far more
than the handler's time. `--echo-cpu-ms` (e.g. the handler median) makes echo burn the same CPU:
the difference that remains is what the coach path itself costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
WORDS = ("hi i hope you are well i am applying for the senior backend engineer role at acme on the payments "
         "team and noticed you worked there since 2021 i led a ledger migration at my last company and would "
         "love to learn how your team approaches reliability would you be open to a short chat or to referring "
         "me if it seems like a fit thank you so much for considering it no worries if not").split()


def make_drafts(n: int, words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    drafts = []
    for _ in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        drafts.append("Hi Dana, " + body[0].upper() + body[1:] + ". Thanks, Sam")
    return drafts


# --- the server side (runs in the subprocess) ------------------------------------------------------

def serve_main(data_dir: str, with_store: bool = True, echo_cpu_ms: float = 0.0) -> None:
    from protocol.messages import Command

    from companion.commands import HANDLERS
    from companion.server.app import start_server
    from companion.server.services import ServerConfig

    class Echo(Command):
        type: str = "echo"
        text: str

    async def echo(msg, session, services) -> dict:
        # --echo-cpu-ms: a control that spends as much CPU as the coach, to tell the coach's cost
        # from what the OS scheduler adds to any request that computes for a few ms.
        end = time.perf_counter() + echo_cpu_ms / 1000
        while time.perf_counter() < end:
            pass
        return {"text": msg.text}

    HANDLERS["echo"] = (Echo, echo)  # bench only: the baseline goes through the same dispatch path
    draft_model, draft_handler = HANDLERS["draft"]
    handler_ms: list[float] = []

    async def timed_draft(msg, session, services) -> dict:  # the same handler, timed inside the server
        start = time.perf_counter()
        result = await draft_handler(msg, session, services)
        handler_ms.append((time.perf_counter() - start) * 1000)
        return result

    HANDLERS["draft"] = (draft_model, timed_draft)
    if not with_store:  # coach without the outreach log (its rules then cost nothing)
        from companion.store import service as store_service

        async def no_store(services) -> None:
            return None

        store_service.attach = no_store

    async def main():
        server = await start_server(Path(data_dir), ServerConfig(port=0))
        code, _ = server.services.pairing.create_code()
        print(json.dumps({"url": server.url, "code": code}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
        await server.stop()
        print(json.dumps({"handler_ms": handler_ms}), flush=True)

    asyncio.run(main())


# --- the client side ---------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run_bench(url: str, code: str, drafts: list[str], surface: str, warmup: int) -> dict[str, list[float]]:
    from websockets.asyncio.client import connect

    opts = dict(origin=ORIGIN, proxy=None, ping_interval=None, max_size=None)
    async with connect(url, **opts) as ws:
        await ws.recv()
        await ws.send(json.dumps({"type": "pair", "code": code, "client_name": "bench"}))
        token = json.loads(await ws.recv())["token"]
    times: dict[str, list[float]] = {"draft": [], "echo": []}
    async with connect(url, **opts) as ws:
        await ws.recv()
        await ws.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(await ws.recv())["type"] == "auth_ok"
        msg_id = 0
        for i, text in enumerate(drafts):
            for kind in ("draft", "echo") if i % 2 == 0 else ("echo", "draft"):
                msg_id += 1
                body = {"id": msg_id, "type": kind, "text": text}
                if kind == "draft":
                    body.update(surface=surface, version=msg_id)
                frame = json.dumps(body)
                start = time.perf_counter()
                await ws.send(frame)
                reply = json.loads(await ws.recv())
                elapsed = time.perf_counter() - start
                assert reply["id"] == msg_id and reply["success"], reply
                if i >= warmup:
                    times[kind].append(elapsed * 1000)
    return times


def analysis_times(drafts: list[str], surface: str) -> list[float]:
    from companion.coach import CoachContext, analyze

    out = []
    for i, text in enumerate(drafts):
        start = time.perf_counter()
        analyze(text, CoachContext(surface=surface), i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--surface", default="message", choices=["connection_note", "message", "inmail", "follow_up"])
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--no-store", action="store_true", help="run the server without the outreach log")
    parser.add_argument("--echo-cpu-ms", type=float, default=0.0,
                        help="make the echo handler busy-wait this long (a CPU-matched control)")
    parser.add_argument("--serve", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve_main(args.serve, with_store=not args.no_store, echo_cpu_ms=args.echo_cpu_ms)
        return 0

    drafts = make_drafts(args.drafts + args.warmup, args.words)
    with tempfile.TemporaryDirectory() as tmp:
        extra = (["--no-store"] if args.no_store else []) + ["--echo-cpu-ms", str(args.echo_cpu_ms)]
        proc = subprocess.Popen([sys.executable, __file__, "--serve", tmp, *extra], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            info = json.loads(proc.stdout.readline())
            times = asyncio.run(run_bench(info["url"], info["code"], drafts, args.surface, args.warmup))
        finally:
            proc.stdin.close()
            tail = proc.stdout.read()
            proc.wait(10)
    handler = json.loads(tail)["handler_ms"] if tail.strip() else []
    local = analysis_times(drafts[args.warmup:], args.surface)
    words = statistics.mean(len(d.split()) for d in drafts)
    print(f"{len(times['draft'])} drafts of ~{words:.0f} words ({args.surface}), one in flight, loopback, "
          f"after {args.warmup} warm-up pairs; outreach log {'off' if args.no_store else 'on'}"
          + (f"; echo busy-waits {args.echo_cpu_ms:g} ms" if args.echo_cpu_ms else ""))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':14}{'median':>10}{'p99':>10}{'mean':>10}  (ms)")
    rows = [("draft", times["draft"]), ("echo", times["echo"]), ("handler (srv)", handler[args.warmup:]),
            ("analysis only", local)]
    for label, values in [(label, values) for label, values in rows if values]:
        print(f"{label:14}{statistics.median(values):10.3f}{pct(values, 99):10.3f}{statistics.mean(values):10.3f}")
    d, e = statistics.median(times["draft"]), statistics.median(times["echo"])
    print(f"draft/echo median ratio: {d / e:.2f}x; coach cost at the median: {d - e:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
