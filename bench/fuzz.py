"""A longer fuzz of the protocol (over a live connection) and the page parsers, with hypothesis.

    python bench/fuzz.py [--seconds 120] [--page-share 0.3] [--chunk 200] [--seed 1] [--shapes-only]

The properties are those of tests/test_resilience_fuzz.py (strategies and oracle in
tests/resilience_fuzzing.py): exactly one reply per message, an error for every message the
protocol models refuse, never `internal_error`, the connection still answering a ping after each
case; the page parser never raising on random trees, truncated or spliced fixtures, deep nesting
and huge attributes. Hypothesis runs in chunks of --chunk examples with a new seed each, until the
time is up. Prints the cases run per property, the outcome mix, and any falsifying example.

First it times the worst-case input shapes (a run of one unit: dots, spaces, emoji, combining
marks, brackets..., and one long word) through the coach, the sent-message fingerprint and the
page parser: CPU time per KB at 10 KB and 100 KB (the 1 MiB word: 100 KB and 1 MiB) and their
ratio, which stays near 1 when the work is linear (a quadratic regex shows 10 and more).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from resilience_fuzzing import WORST_CASE_UNITS, FuzzClient, check_page, frames, page_snapshots  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from companion.server.runner import ServerRunner  # noqa: E402
from companion.server.services import ServerConfig  # noqa: E402

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def paired_client(runner: ServerRunner) -> FuzzClient:
    code, _ = runner.call(runner.services.pairing.create_code)
    with connect(runner.url, origin=ORIGIN, proxy=None, open_timeout=10) as ws:
        json.loads(ws.recv(10))
        ws.send(json.dumps({"type": "pair", "code": code, "client_name": "bench fuzzer"}))
        token = json.loads(ws.recv(10))["token"]
    return FuzzClient(runner.url, ORIGIN, token)


def run_chunk(prop, strategy, n: int, chunk_seed: int) -> None:
    @seed(chunk_seed)
    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=HEALTH, print_blob=True)
    @given(value=strategy)
    def property_(value):
        prop(value)

    property_()


def _ms_per_kb(fn, unit: str, chars: int, runs: int = 3) -> float:
    best = float("inf")
    for i in range(runs):
        text = f"q{i}{chars}z " + (unit * (chars // len(unit) + 1))[:chars] + "x"  # fresh: no cache answers
        started = time.process_time()
        fn(text)
        best = min(best, time.process_time() - started)
    return best * 1000 / (len(text.encode("utf-8")) / 1024)


def shape_report() -> dict:
    """{pipeline: {shape: [ms/KB small, ms/KB 10x, ratio]}} for the worst-case shapes."""
    from companion.coach import CoachContext, analyze
    from companion.pages import parse_snapshot
    from companion.store.fingerprint import shingles

    ctx = CoachContext(surface="message", recipient_name="Dana Lee", company="Acme")
    page = (ROOT / "tests" / "fixtures" / "linkedin" / "sdui_profile_2nd.html").read_text(encoding="utf-8")
    pipelines = {
        "coach": lambda t: analyze(t, ctx),
        "fingerprint": shingles,
        "page": lambda t: parse_snapshot("https://www.linkedin.com/in/x/",
                                         page.replace("</main>", f"<p>{t}</p><a href=\"/in/{t}/\">{t}</a></main>", 1)),
    }
    shapes = {**WORST_CASE_UNITS, "1MiB-word": "a"}
    out: dict = {}
    for name, fn in pipelines.items():
        out[name] = {}
        for shape, unit in shapes.items():
            small = 100 * 1024 if shape == "1MiB-word" else 10 * 1024
            a, b = _ms_per_kb(fn, unit, small), _ms_per_kb(fn, unit, 10 * small, runs=2)
            out[name][shape] = [round(a, 3), round(b, 3), round(b / max(a, 1e-9), 2)]
            print(f"{name:12s} {shape:14s} {a:8.3f} ms/KB {b:8.3f} ms/KB  x{b / max(a, 1e-9):5.2f}", file=sys.stderr,
                  flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="total time budget")
    parser.add_argument("--page-share", type=float, default=0.3, help="share of the time spent on page parsers")
    parser.add_argument("--chunk", type=int, default=200, help="hypothesis examples per chunk")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes-only", action="store_true", help="only time the worst-case input shapes")
    args = parser.parse_args()

    shapes = shape_report()
    worst = max((r[2], f"{p}/{s}") for p, rows in shapes.items() for s, r in rows.items())
    if args.shapes_only:
        print(json.dumps({"shapes_ms_per_kb": shapes, "worst_ratio": worst}, indent=2))
        return 0
    report = {"protocol_cases": 0, "page_cases": 0, "chunks": 0, "failures": [], "shapes_ms_per_kb": shapes,
              "worst_ratio": worst}
    pages = {"n": 0}

    def page_prop(snapshot):
        check_page(*snapshot)
        pages["n"] += 1

    with tempfile.TemporaryDirectory(prefix="tactful-fuzz-") as tmp:
        runner = ServerRunner(Path(tmp), config=ServerConfig(port=0, bad_message_limit=10**9, write_runtime=False),
                              check_keyring=False).start()
        client = paired_client(runner)
        started = time.monotonic()
        protocol_until = started + args.seconds * (1 - args.page_share)
        chunk_seed = args.seed
        try:
            for label, prop, strategy, until in (("protocol", lambda f: client.check(f), frames(), protocol_until),
                                                 ("pages", page_prop, page_snapshots(), started + args.seconds)):
                while time.monotonic() < until:
                    try:
                        run_chunk(prop, strategy, args.chunk, chunk_seed)
                    except Exception as exc:  # a falsifying example: report it and go on with a new seed
                        report["failures"].append({"property": label, "seed": chunk_seed,
                                                   "error": "".join(traceback.format_exception_only(exc))[-2000:]})
                        if label == "protocol":  # the connection may be gone: start a fresh one
                            report["protocol_cases"] += client.cases
                            try:
                                client.close()
                            except Exception:
                                pass
                            client = paired_client(runner)
                    chunk_seed += 1
                    report["chunks"] += 1
        finally:
            report["protocol_cases"] += client.cases
            report["protocol_outcomes"] = client.outcomes  # of the last connection
            client.close()
            runner.stop()
    report["page_cases"] = pages["n"]
    report["seconds"] = round(time.monotonic() - started, 1)
    report["cases_per_second"] = round((report["protocol_cases"] + report["page_cases"]) / report["seconds"], 1)
    print(json.dumps(report, indent=2))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
