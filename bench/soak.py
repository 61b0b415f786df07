"""Soak: steady drafts, page snapshots and `sent` records for a long time, with reconnects and
companion restarts (SIGTERM and SIGKILL in turn); then check the log and the memory.

    python bench/soak.py [--minutes 10] [--clients 10] [--rate 5] [--page-every 10] [--sent-every 2]
                         [--reconnect-every 30] [--restarts 2] [--json FILE]

The companion is `python -m companion serve` on a fixed loopback port and data dir, restarted
--restarts times at even intervals. Each client keeps typing (--rate draft versions a second),
sends a page snapshot every --page-every s and logs a sent message every --sent-every s (each
with its own recipient and time, so each is one row), reconnects on its own every ~--reconnect-every
s, and after any disconnect re-sends every `sent` it has no acknowledgement for (as the extension
does). At the end:

- every acknowledged `sent` is in the database exactly once, and nothing is there that was never
  sent (SIGKILL may land after a commit and before its acknowledgement: such a row is fine; the
  re-send then reports it as a duplicate);
- memory: the companion's RSS, sampled every few seconds, per companion lifetime: growth over
  the second half of each lifetime (the first half is warm-up; lifetimes under 2 minutes are
  reported, not judged), and the last lifetime's end against the first's;
- answers: drafts answered (feedback or superseded) vs. cut by a restart, errors, and replies
  lost on a live connection (must be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # serve_process.py

import load  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

T0 = datetime(2026, 4, 1, 8, 0, tzinfo=timezone.utc)


@dataclass
class SoakStats:
    draft_ms: list = field(default_factory=list)
    superseded: int = 0
    pages: int = 0
    errors: Counter = field(default_factory=Counter)
    lost_live: int = 0  # unanswered on a connection that stayed up (a bug)
    cut_by_restart: int = 0  # unanswered because the companion went away (expected)
    connects: int = 0
    connect_failures: int = 0
    sent_attempts: int = 0
    acked: set = field(default_factory=set)  # (slug, sent_at_ms) acknowledged
    attempted: set = field(default_factory=set)
    duplicates_reported: int = 0
    restarting: bool = False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def soak_client(idx: int, origin: str, token: str, url_of, stats: SoakStats, stop_at: float, args) -> None:
    rng = random.Random(idx)
    body = load.draft_texts(args.words, rng)
    html = {name: (load.FIXTURES / name).read_text(encoding="utf-8") for _, name in load.PAGES}
    unacked: dict[tuple[str, int], dict] = {}
    serial = 0
    next_id = 1
    version = 0
    while time.monotonic() < stop_at:
        try:
            ws = await load.authenticate(url_of(), origin, token)
        except Exception:
            stats.connect_failures += 1
            await asyncio.sleep(0.2)
            continue
        stats.connects += 1
        pending: dict[int, tuple[str, float, object]] = {}
        session_end = min(stop_at, time.monotonic() + args.reconnect_every * (0.5 + rng.random()))
        drained = asyncio.Event()
        draining = False

        async def receive():
            try:
                async for raw in ws:
                    msg = json.loads(raw)
                    if msg.get("type") != "result" or msg.get("id") not in pending:
                        continue
                    kind, sent_at, key = pending.pop(msg["id"])
                    if msg["success"]:
                        if kind == "draft":
                            stats.draft_ms.append((time.perf_counter() - sent_at) * 1000)
                        elif kind == "page":
                            stats.pages += 1
                        elif kind == "sent":
                            stats.acked.add(key)
                            unacked.pop(key, None)
                            stats.duplicates_reported += bool(msg["result"]["duplicate"])
                    elif kind == "draft" and msg["error"]["code"] == "superseded":
                        stats.superseded += 1
                    else:
                        stats.errors[f"{kind}:{msg['error']['code']}"] += 1
                    if draining and not pending:
                        drained.set()
            except ConnectionClosed:
                pass

        async def send(kind: str, body_: dict, key=None):
            nonlocal next_id
            body_["id"] = next_id
            pending[next_id] = (kind, time.perf_counter(), key)
            next_id += 1
            await ws.send(json.dumps(body_))

        receiver = asyncio.create_task(receive())
        try:
            for key, cmd in list(unacked.items()):  # re-send what was never acknowledged
                stats.sent_attempts += 1
                await send("sent", dict(cmd), key)
            tick = time.monotonic()
            next_page = tick + rng.random() * args.page_every
            next_sent = tick + rng.random() * args.sent_every
            while time.monotonic() < session_end and not receiver.done():
                tick += 1.0 / args.rate
                delay = tick - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                version += 1
                load.edit_word(body, rng)  # a word changes; sentences stay (bench/load.py's drafts)
                await send("draft", {"type": "draft", "surface": "message", "version": version, "draft_id": "soak",
                                     "text": "Hi Dana,\n\n" + " ".join(body) + "\n\nBest,\nSam"})
                if time.monotonic() >= next_page:
                    next_page += args.page_every
                    page_url, name = load.PAGES[version % len(load.PAGES)]
                    await send("page", {"type": "page", "url": page_url, "html": html[name]})
                if time.monotonic() >= next_sent:
                    next_sent += args.sent_every
                    serial += 1
                    sent_at = T0 + timedelta(minutes=serial, seconds=idx)
                    key = (f"soak-{idx}-{serial % 40}", int(sent_at.timestamp() * 1000))
                    cmd = {"type": "sent", "surface": "message", "recipient": {"slug": key[0]},
                           "text": f"Hi, this is message {serial} about the backend role. Thanks!",
                           "sent_at": sent_at.isoformat()}
                    unacked[key] = cmd
                    stats.attempted.add(key)
                    stats.sent_attempts += 1
                    await send("sent", dict(cmd), key)
        except ConnectionClosed:
            pass
        if not receiver.done() and pending:  # a planned reconnect: every reply must still come
            draining = True
            try:
                await asyncio.wait_for(drained.wait(), 15)
            except asyncio.TimeoutError:
                pass
        if receiver.done():  # the companion went away under us
            stats.cut_by_restart += sum(1 for kind, _, _ in pending.values())
        else:
            stats.lost_live += len(pending)
        await ws.close()
        receiver.cancel()
        await asyncio.gather(receiver, return_exceptions=True)


async def soak(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="tactful-soak-") as tmp:
        data = Path(tmp) / "data"
        port = free_port()
        companion = load.Companion(data).start(port=port)
        creds = []
        for i in range(args.clients):
            origin = load.origin_for(i)
            creds.append((origin, await load.pair_client(companion, origin, f"soak client {i}")))
        stats = SoakStats()
        duration = args.minutes * 60
        started = time.monotonic()
        stop_at = started + duration
        lifetimes: list[dict] = []
        current = {"pid": companion.pid, "started": 0.0, "samples": []}
        holder = {"companion": companion}

        async def sampler():
            while time.monotonic() < stop_at:
                comp = holder["companion"]
                try:
                    current["samples"].append((round(time.monotonic() - started, 1), comp.rss_kib()))
                except (OSError, RuntimeError):
                    pass
                await asyncio.sleep(args.sample_every)

        async def restarter():
            nonlocal current
            for n in range(1, args.restarts + 1):
                await asyncio.sleep(max(0.0, started + n * duration / (args.restarts + 1) - time.monotonic()))
                sig = signal.SIGTERM if n % 2 else signal.SIGKILL
                comp = holder["companion"]
                current["ended"] = round(time.monotonic() - started, 1)
                current["stopped_by"] = signal.Signals(sig).name
                lifetimes.append(current)
                rc = await asyncio.to_thread(comp.stop, sig)
                current = {"pid": None, "started": round(time.monotonic() - started, 1), "samples": [],
                           "previous_rc": rc}
                fresh = await asyncio.to_thread(load.Companion(data).start, 30.0, port)
                holder["companion"] = fresh
                current["pid"] = fresh.pid

        tasks = [asyncio.create_task(sampler()), asyncio.create_task(restarter())]
        await asyncio.gather(*(soak_client(i, o, t, lambda: holder["companion"].url, stats, stop_at, args)
                               for i, (o, t) in enumerate(creds)))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        current["ended"] = round(time.monotonic() - started, 1)
        current["stopped_by"] = "SIGTERM (end)"
        lifetimes.append(current)
        final_rc = holder["companion"].stop()
        report = summarise(args, stats, lifetimes, data, final_rc)
        return report


def report_end_growth(ends: list[int]) -> float:
    return round(100 * (ends[-1] - ends[0]) / ends[0], 2)


def summarise(args, stats: SoakStats, lifetimes: list[dict], data: Path, final_rc) -> dict:
    from companion.store import LogDB

    db = LogDB.in_dir(data)
    try:
        rows = db.conn.execute("SELECT r.slug, m.sent_at FROM messages m JOIN recipients r ON r.id = m.recipient_id"
                               ).fetchall()
        notice = db.notice
        integrity = db.conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    counts = Counter((slug, at) for slug, at in rows)
    missing = sorted(stats.acked - set(counts))
    doubled = [k for k, c in counts.items() if c > 1]
    strangers = [k for k in counts if k not in stats.attempted]
    memory = []
    for life in lifetimes:
        samples = [kib for _, kib in life["samples"]]
        if len(samples) >= 4:
            # Judge growth on the second half of a lifetime: the first is warm-up (imports, caches,
            # allocator arenas of the parser threads), which plateaus within about a minute.
            warm = samples[len(samples) // 2]
            span = (life.get("ended") or 0) - life["started"]
            memory.append({"pid": life["pid"], "from_s": life["started"], "to_s": life.get("ended"),
                           "stopped_by": life.get("stopped_by"), "rss_kib_first": samples[0],
                           "rss_kib_mid": warm, "rss_kib_end": samples[-1], "rss_kib_max": max(samples),
                           "growth_second_half_percent": round(100 * (samples[-1] - warm) / warm, 2),
                           "judged": span >= 120})
    ends = [m["rss_kib_end"] for m in memory]
    report = {
        "minutes": args.minutes, "clients": args.clients, "draft_rate_per_client": args.rate,
        "restarts": args.restarts, "connects": stats.connects, "connect_retries": stats.connect_failures,
        "drafts_answered": len(stats.draft_ms) + stats.superseded, "drafts_superseded": stats.superseded,
        "draft_median_ms": round(statistics.median(stats.draft_ms), 2) if stats.draft_ms else None,
        "draft_p99_ms": round(load.percentile(stats.draft_ms, 0.99), 2) if stats.draft_ms else None,
        "pages_answered": stats.pages, "errors": dict(stats.errors), "lost_on_live_connections": stats.lost_live,
        "cut_by_restart": stats.cut_by_restart,
        "sent": {"distinct": len(stats.attempted), "attempts_with_resends": stats.sent_attempts,
                 "acknowledged": len(stats.acked), "rows_in_db": len(rows),
                 "acknowledged_missing": len(missing), "stored_twice": len(doubled), "never_sent": len(strangers),
                 "duplicates_reported_on_resend": stats.duplicates_reported,
                 "db_integrity": integrity, "db_notice": notice},
        "memory": memory,
        "last_vs_first_lifetime_end_percent": report_end_growth(ends) if len(ends) > 1 else None,
        "final_exit_code": final_rc,
    }
    report["verdict"] = {
        "every_acknowledged_sent_once": not missing and not doubled and not strangers,
        "no_lost_replies_on_live_connections": stats.lost_live == 0,
        "no_errors": not stats.errors,
        # Lifetimes of 2 minutes or more are judged; shorter ones (a shortened soak) are reported only.
        "memory_flat_within_10_percent": all(abs(m["growth_second_half_percent"]) < 10 for m in memory if m["judged"])
        and (len(ends) < 2 or abs(report_end_growth(ends)) < 10),
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--rate", type=float, default=5.0, help="draft versions per second per client")
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--page-every", type=float, default=10.0)
    parser.add_argument("--sent-every", type=float, default=2.0)
    parser.add_argument("--reconnect-every", type=float, default=30.0)
    parser.add_argument("--restarts", type=int, default=2)
    parser.add_argument("--sample-every", type=float, default=3.0, help="seconds between RSS samples")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    report = asyncio.run(soak(args))
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0 if all(report["verdict"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
