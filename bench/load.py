"""Load: clients typing a fresh 150-word draft 10 times a second each, plus page snapshots.

    python bench/load.py [--bound interactive|survival|both] [--duration 10] [--runs 2]
                         [--clients N] [--rate 10] [--words 150] [--page-every 10] [--json FILE]

The two bounds (docs/reliability.md):
- interactive: 10 paired connections, two runs of 10 s: draft p99 < 25 ms, no errors, every draft
  answered (feedback or `superseded`), RSS growth run 1 -> run 2 < 10 %.
- survival: 100 connections: no errors, every draft answered, the newest version of every draft
  gets feedback, RSS growth run 1 -> run 2 < 10 %. No latency bound.

Starts `python -m companion serve --port 0` in a temp data dir (the real CLI, its own process, so
its memory can be read from /proc), pairs every client with its own extension origin, seeds the
outreach log, and then, for each run, every client sends a new version of its draft every 1/rate s
and a page snapshot every --page-every s. Every version is a fresh text (two words swapped and one
inserted), so no cache can answer it. Sends are paced on a schedule, not on replies, so a slow
companion meets a growing backlog, as it would in a browser.

Reported per run: drafts offered per second, latency median/p99 per command (feedback for the
version sent; `superseded` answers separately), errors (anything but feedback or superseded),
replies lost (never answered), the newest version's outcome, and the companion's RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/serve_process.py: a real `tactful serve` process

from serve_process import children, launch  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

# Drafts are built from sentences like these, as people write them: the coach's caches are per
# sentence (a keystroke re-reads the sentence it changed), so a draft with no sentence breaks
# would measure a case nobody types. `--shape words` keeps that worst case for comparison.
SENTENCES = (
    "I hope you are doing well and that the launch last week went smoothly.",
    "I am applying for the Senior Backend Engineer role at Acme on the payments team (job ID 48213).",
    "I noticed you moved to Acme from Globex in 2021 and have written about your on-call rotation.",
    "Your post on idempotent ledger writes was the clearest explanation of the problem I have read.",
    "I led a ledger migration at my last company that moved forty million accounts with no downtime.",
    "Before that I spent three years on the billing platform, mostly on reconciliation and alerting.",
    "I would love to learn how your team approaches reliability and what the first months look like.",
    "Would you be open to a short chat, or to referring me if it seems like a good fit?",
    "I am happy to send my resume and a two-line summary you could forward to the hiring manager.",
    "No worries at all if not, I know how busy the end of the quarter gets.",
    "Thank you so much for considering it, and for the talk you gave at the meetup in March.",
    "We both studied at the University of Toronto, though I think a few years apart.",
    "My portfolio has a write-up of the migration, including what went wrong and how we fixed it.",
    "I have read the job description twice and the role matches what I have been doing for five years.",
    "If a referral is not possible, any advice on the interview process would mean a lot.",
    "I completely understand if you are not able to help right now.",
)
# What the seeded outreach log holds: other notes the user sent before (the mass-message check
# compares every draft with them). Some boilerplate is shared with SENTENCES, as in real logs.
LOG_SENTENCES = (
    "Congratulations on the new role, it looks like a great team.",
    "I saw your talk on data contracts and wanted to ask a follow-up question about schema changes.",
    "I am exploring roles in developer tooling and would value your perspective on the space.",
    "We met briefly at the PyCon sprint last spring, where you helped me with a flaky test.",
    "I am reaching out because the platform team at Initech is hiring a site reliability engineer.",
    "Your article on migrating to event sourcing helped us avoid a painful rewrite.",
    "Would you have fifteen minutes in the next couple of weeks for a quick call?",
    "I have attached a short summary of my background in case it is useful.",
    "Thanks again for the advice on my resume, I made the changes you suggested.",
    "I wanted to let you know that I accepted the offer, and your referral made the difference.",
    "Thank you so much for considering it, and for the talk you gave at the meetup in March.",
    "No worries at all if not, I know how busy the end of the quarter gets.",
)
VOCAB = tuple(sorted({w.strip(".,?()").lower() for line in SENTENCES for w in line.split()} - {""}))
PAGES = [("https://www.linkedin.com/in/dana-whitfield/", "classic_profile_1st.html"),
         ("https://www.linkedin.com/in/priya-raman/", "sdui_profile_2nd.html")]
FIXTURES = ROOT / "tests" / "fixtures" / "linkedin"


def origin_for(i: int) -> str:
    """A distinct, well-formed chrome-extension origin per client (32 letters a-p)."""
    letters = "abcdefghijklmnop"
    digits, n = [], i + 1
    for _ in range(32):
        digits.append(letters[n % 16])
        n //= 16
    return "chrome-extension://" + "".join(reversed(digits))


def draft_texts(words: int, rng: random.Random, shape: str = "sentences") -> list[str]:
    """About `words` words of draft, as a list of words (punctuation stays on its word).

    "sentences": sentences from SENTENCES in random order (a typical referral message has 6-10);
    "words": `words` random words in one sentence (the worst case for the per-sentence caches)."""
    if shape == "words":
        body = [rng.choice(VOCAB) for _ in range(words)]
        body[0] = body[0].capitalize()
        return body
    body: list[str] = []
    while len(body) < words:
        body.extend(rng.choice(SENTENCES).split())
    return body


def log_text(rng: random.Random) -> str:
    """One earlier sent note for the seeded log: 3-7 sentences, mostly not from SENTENCES."""
    return " ".join(rng.choice(LOG_SENTENCES) for _ in range(rng.randrange(3, 8)))


def edit_word(body: list[str], rng: random.Random) -> None:
    """The typist changed one word (not the first): its punctuation stays, so sentences do too."""
    i = rng.randrange(1, len(body))
    old = body[i]
    core = old.rstrip(".,?!)")
    body[i] = rng.choice(VOCAB) + old[len(core):]


def freshen(body: list[str], words: int, rng: random.Random) -> None:
    """A new version no cache has seen: two words (not the first) swap places and a word is
    inserted; past 1.2 x `words` one is dropped, so the draft keeps its length."""
    i, j = rng.randrange(1, len(body)), rng.randrange(1, len(body))
    body[i], body[j] = body[j], body[i]
    body.insert(rng.randrange(1, len(body)), rng.choice(VOCAB))
    if len(body) > words * 1.2:
        del body[rng.randrange(1, len(body))]


_REPLY_HEAD = re.compile(r'^\{"type":"result","id":(\d+|null),"success":(true|false)')
_ERROR_CODE = re.compile(r'"error":\{"code":"([a-z_]+)"')


def parse_reply(raw: str) -> tuple[int | None, bool, str | None] | None:
    """(id, success, error code) of a `result`, None for anything else.

    Reads the head the server writes (type, id, success first) instead of parsing every ~3 KB
    feedback reply: the generator shares the machine, so its CPU is kept for sending on time.
    Anything not in that shape falls back to json."""
    head = _REPLY_HEAD.match(raw)
    if head is None:
        msg = json.loads(raw)
        if not isinstance(msg, dict) or msg.get("type") != "result":
            return None
        error = msg.get("error") or {}
        return msg.get("id"), bool(msg.get("success")), error.get("code")
    msg_id = None if head.group(1) == "null" else int(head.group(1))
    if head.group(2) == "true":
        return msg_id, True, None
    code = _ERROR_CODE.search(raw)
    return msg_id, False, code.group(1) if code else "unknown"


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _one_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time of `pid` and its live children: the companion parses pages in a child process."""
    return _one_cpu(pid) + sum(_one_cpu(kid) for kid in children(pid))


def tree_rss_kib(pid: int) -> int:
    """RSS of `pid` plus its children (shared pages counted in each: an upper bound)."""
    total = rss_kib(pid)
    for kid in children(pid):
        try:
            total += rss_kib(kid)
        except (OSError, RuntimeError):
            pass
    return total


# --- the companion under test --------------------------------------------------------------------

@dataclass
class Companion:
    """`python -m companion serve --port 0` on a data dir; stderr goes to a log file."""

    data_dir: Path
    proc: subprocess.Popen | None = None
    url: str = ""
    port: int = 0

    def start(self, timeout: float = 30.0, port: int = 0) -> "Companion":
        launched = launch(self.data_dir, "--log-level", "WARNING", port=port, timeout=timeout)
        self.proc, self.url, self.port = launched.proc, launched.url, launched.port
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_kib(self) -> int:
        """The companion's memory with its child processes."""
        return tree_rss_kib(self.proc.pid)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()
        return self.proc.returncode


async def open_ws(url: str, origin: str):
    return await connect(url, origin=origin, proxy=None, open_timeout=20, ping_interval=None,
                         max_size=16 * 1024 * 1024, close_timeout=2)


async def pair_client(companion: Companion, origin: str, name: str) -> str:
    """A token for `origin`, paired with a code from the companion's admin endpoint."""
    from companion.cli.pair_cmd import request_code

    code = (await asyncio.to_thread(request_code, companion.data_dir))["code"]
    ws = await open_ws(companion.url, origin)
    try:
        json.loads(await ws.recv())  # hello
        await ws.send(json.dumps({"type": "pair", "code": code, "client_name": name}))
        reply = json.loads(await ws.recv())
    finally:
        await ws.close()
    if reply.get("type") != "paired":
        raise RuntimeError(f"pairing failed: {reply}")
    return reply["token"]


async def authenticate(url: str, origin: str, token: str):
    ws = await open_ws(url, origin)
    hello = json.loads(await asyncio.wait_for(ws.recv(), 20))
    assert hello["type"] == "hello", hello
    await ws.send(json.dumps({"type": "auth", "token": token}))
    reply = json.loads(await asyncio.wait_for(ws.recv(), 20))
    if reply.get("type") != "auth_ok":
        raise RuntimeError(f"auth refused: {reply}")
    return ws


# --- one run -------------------------------------------------------------------------------------

@dataclass
class RunStats:
    offered: Counter = field(default_factory=Counter)  # command type -> sent
    latency_ms: dict = field(default_factory=dict)  # command type -> [ms] for successful answers
    superseded_ms: list = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)  # "type:code" or "closed:..." -> count
    lost: int = 0
    late_sends_ms: list = field(default_factory=list)  # how late the generator sent (its own lag)
    feedback_per_client: list = field(default_factory=list)  # drafts answered with feedback, per client
    final_ms: list = field(default_factory=list)  # each client's last version: ms to its feedback
    final_not_feedback: int = 0  # clients whose last version was not answered with feedback
    duration: float = 0.0
    server_cpu_s: float = 0.0
    generator_cpu_s: float = 0.0

    def to_raw(self) -> dict:
        return {"offered": dict(self.offered), "latency_ms": self.latency_ms, "superseded_ms": self.superseded_ms,
                "errors": dict(self.errors), "lost": self.lost, "late_sends_ms": self.late_sends_ms,
                "feedback_per_client": self.feedback_per_client, "final_ms": self.final_ms,
                "final_not_feedback": self.final_not_feedback, "generator_cpu_s": self.generator_cpu_s}

    def merge(self, raw: dict) -> None:
        self.offered.update(raw["offered"])
        for kind, values in raw["latency_ms"].items():
            self.latency_ms.setdefault(kind, []).extend(values)
        self.superseded_ms.extend(raw["superseded_ms"])
        self.errors.update(raw["errors"])
        self.lost += raw["lost"]
        self.late_sends_ms.extend(raw["late_sends_ms"])
        self.feedback_per_client.extend(raw["feedback_per_client"])
        self.final_ms.extend(raw["final_ms"])
        self.final_not_feedback += raw["final_not_feedback"]
        self.generator_cpu_s += raw["generator_cpu_s"]

    def answered(self) -> int:
        return sum(len(v) for v in self.latency_ms.values()) + len(self.superseded_ms) + sum(self.errors.values())

    def summary(self) -> dict:
        per = {}
        for kind, values in sorted(self.latency_ms.items()):
            per[kind] = {"answered": len(values), "median_ms": _r(statistics.median(values)),
                         "p90_ms": _r(percentile(values, 0.9)), "p99_ms": _r(percentile(values, 0.99)),
                         "max_ms": _r(max(values))}
        drafts = self.offered.get("draft", 0)
        return {
            "duration_s": _r(self.duration),
            "offered": dict(self.offered),
            "drafts_per_s": _r(drafts / self.duration) if self.duration else None,
            "answers_per_s": _r(self.answered() / self.duration) if self.duration else None,
            "latency": per,
            "superseded": {"count": len(self.superseded_ms),
                           "median_ms": _r(statistics.median(self.superseded_ms)) if self.superseded_ms else None},
            "errors": dict(self.errors),
            "lost": self.lost,
            "generator_lag_p99_ms": _r(percentile(self.late_sends_ms, 0.99)),
            # How often each typist saw feedback (the rest of its versions were superseded), and how
            # long the last version of each draft took: what a user sees when they stop typing.
            "feedback_per_client_per_s": {
                "min": _r(min(self.feedback_per_client) / self.duration),
                "median": _r(statistics.median(self.feedback_per_client) / self.duration),
            } if self.feedback_per_client and self.duration else None,
            "last_version": {"clients": len(self.final_ms) + self.final_not_feedback,
                             "not_answered_with_feedback": self.final_not_feedback,
                             "median_ms": _r(statistics.median(self.final_ms)) if self.final_ms else None,
                             "max_ms": _r(max(self.final_ms)) if self.final_ms else None},
            "server_cpu_percent": _r(100 * self.server_cpu_s / self.duration) if self.duration else None,
            "generator_cpu_percent": _r(100 * self.generator_cpu_s / self.duration) if self.duration else None,
            # CPU time the companion spent per answer: independent of how busy the machine was.
            "server_cpu_ms_per_answer": _r(1000 * self.server_cpu_s / self.answered()) if self.answered() else None,
            "load_average_1min": _r(os.getloadavg()[0]),
        }


def _r(x):
    return None if x is None else round(x, 2)


async def drive_client(ws, idx: int, run_id: int, stats: RunStats, start: float, stop_at: float, rate: float,
                       words: int, page_every: float, drain_timeout: float, shape: str = "sentences") -> None:
    """Send on schedule, match every reply by id; count what is never answered as lost."""
    rng = random.Random(idx * 7919 + run_id)
    body = draft_texts(words, rng, shape)
    pending: dict[int, tuple[str, float]] = {}
    done = asyncio.Event()
    sending_over = False
    next_id = run_id * 10_000_000 + 1
    feedback = 0
    final: dict = {}  # the last draft's id, then its outcome

    async def receive() -> None:
        nonlocal feedback
        try:
            async for raw in ws:
                now = time.perf_counter()
                parsed = parse_reply(raw)
                if parsed is None:
                    continue
                msg_id, success, code = parsed
                entry = pending.pop(msg_id, None)
                if entry is None:
                    stats.errors["unmatched_reply"] += 1
                    continue
                kind, sent = entry
                ms = (now - sent) * 1000
                if msg_id == final.get("id"):
                    final["ms"] = ms if success else None
                if success:
                    stats.latency_ms.setdefault(kind, []).append(ms)
                    feedback += kind == "draft"
                elif code == "superseded" and kind == "draft":
                    stats.superseded_ms.append(ms)
                else:
                    stats.errors[f"{kind}:{code}"] += 1
                if sending_over and not pending:
                    done.set()
        except ConnectionClosed as exc:
            stats.errors[f"closed:{exc.rcvd.code if exc.rcvd else 'abnormal'}"] += 1
        done.set()

    receiver = asyncio.create_task(receive())
    period = 1.0 / rate
    tick = start + rng.random() * period  # spread clients over the period
    next_page = start + rng.random() * page_every if page_every else None
    version = 0
    html = {name: (FIXTURES / name).read_text(encoding="utf-8") for _, name in PAGES}
    try:
        while tick < stop_at and not receiver.done():
            delay = tick - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            stats.late_sends_ms.append(max(0.0, (time.perf_counter() - tick) * 1000))
            if next_page is not None and tick >= next_page:
                url, name = PAGES[(idx + version) % len(PAGES)]
                pending[next_id] = ("page", time.perf_counter())
                await ws.send(json.dumps({"id": next_id, "type": "page", "url": url, "html": html[name]}))
                stats.offered["page"] += 1
                next_id += 1
                next_page += page_every
            version += 1
            freshen(body, words, rng)
            text = "Hi Dana,\n\n" + " ".join(body) + ("." if shape == "words" else "") + "\n\nBest,\nSam"
            pending[next_id] = ("draft", time.perf_counter())
            final["id"] = next_id
            final.pop("ms", None)
            await ws.send(json.dumps({"id": next_id, "type": "draft", "surface": "message", "text": text,
                                      "version": version, "draft_id": f"run{run_id}"}))
            stats.offered["draft"] += 1
            next_id += 1
            tick += period
    except ConnectionClosed:
        pass
    sending_over = True
    if pending and not receiver.done():
        try:
            await asyncio.wait_for(done.wait(), drain_timeout)
        except asyncio.TimeoutError:
            pass
    stats.lost += len(pending)
    stats.feedback_per_client.append(feedback)
    if final.get("ms") is not None:
        stats.final_ms.append(final["ms"])
    elif "id" in final:
        stats.final_not_feedback += 1
    if not receiver.done():
        receiver.cancel()
        await asyncio.gather(receiver, return_exceptions=True)


async def run_once(sockets: list, run_id: int, duration: float, rate: float, words: int, page_every: float,
                   pid: int | None = None, drain_timeout: float = 15.0, shape: str = "sentences") -> RunStats:
    stats = RunStats()
    cpu0 = cpu_seconds(pid) if pid else 0.0
    own0 = time.process_time()
    start = time.perf_counter() + 0.2
    await asyncio.gather(*(drive_client(ws, i, run_id, stats, start, start + duration, rate, words, page_every,
                                        drain_timeout, shape) for i, ws in enumerate(sockets)))
    stats.duration = duration
    stats.generator_cpu_s = time.process_time() - own0
    if pid:
        stats.server_cpu_s = cpu_seconds(pid) - cpu0
    return stats


# --- the generator in several processes ------------------------------------------------------------
# One Python process cannot send and read 2,000 frames a second on time; --procs splits the clients
# over worker processes (this file with --worker), which start each run at the same wall-clock time.

async def _readline() -> str:
    line = await asyncio.to_thread(sys.stdin.readline)
    if not line:
        raise EOFError
    return line


async def worker_async() -> None:
    spec = json.loads(await _readline())
    sockets = [await authenticate(spec["url"], origin, token) for origin, token, _ in spec["clients"]]
    indices = [idx for _, _, idx in spec["clients"]]
    print(json.dumps({"ready": True}), flush=True)
    while True:
        cmd = json.loads(await _readline())
        if cmd.get("quit"):
            break
        stats = RunStats()
        own0 = time.process_time()
        start = time.perf_counter() + (cmd["start"] - time.time())
        await asyncio.gather(*(drive_client(ws, idx, cmd["run"], stats, start, start + cmd["duration"], cmd["rate"],
                                            cmd["words"], cmd["page_every"], 15.0, cmd.get("shape", "sentences"))
                               for idx, ws in zip(indices, sockets)))
        stats.generator_cpu_s = time.process_time() - own0
        print(json.dumps({"stats": stats.to_raw()}), flush=True)
    for ws in sockets:
        await ws.close()


class Workers:
    """--procs generator processes, each driving its share of the paired clients."""

    def __init__(self, procs: int, url: str, creds: list[tuple[str, str]]):
        self.procs = []
        for p in range(procs):
            mine = [(o, t, i) for i, (o, t) in enumerate(creds) if i % procs == p]
            proc = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True, cwd=ROOT)
            proc.stdin.write(json.dumps({"url": url, "clients": mine}) + "\n")
            proc.stdin.flush()
            self.procs.append(proc)

    async def ready(self) -> None:
        for proc in self.procs:
            line = await asyncio.to_thread(proc.stdout.readline)
            if not json.loads(line or "{}").get("ready"):
                raise RuntimeError("a load worker failed to connect its clients")

    async def run(self, run_id: int, duration: float, rate: float, words: int, page_every: float,
                  pid: int | None, shape: str = "sentences") -> RunStats:
        cmd = {"run": run_id, "start": time.time() + 0.5, "duration": duration, "rate": rate, "words": words,
               "page_every": page_every, "shape": shape}
        cpu0 = cpu_seconds(pid) if pid else 0.0
        for proc in self.procs:
            proc.stdin.write(json.dumps(cmd) + "\n")
            proc.stdin.flush()
        stats = RunStats()
        for proc in self.procs:
            line = await asyncio.to_thread(proc.stdout.readline)
            stats.merge(json.loads(line)["stats"])
        stats.duration = duration
        if pid:
            stats.server_cpu_s = cpu_seconds(pid) - cpu0
        return stats

    def close(self) -> None:
        for proc in self.procs:
            try:
                proc.stdin.write(json.dumps({"quit": True}) + "\n")
                proc.stdin.close()
                proc.wait(15)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait(5)


async def connect_clients(companion: Companion, n: int) -> list:
    sockets = []
    for i in range(n):
        origin = origin_for(i)
        token = await pair_client(companion, origin, f"load client {i}")
        sockets.append(await authenticate(companion.url, origin, token))
    return sockets


async def seed_log(companion: Companion, count: int, origin: str, seed: int = 1) -> int:
    """Record `count` sent messages (to as many people) over the WebSocket, as the extension does
    when the user presses Send, so the mass-message check has a log to compare drafts with."""
    if count <= 0:
        return 0
    token = await pair_client(companion, origin, "load seeder")
    ws = await authenticate(companion.url, origin, token)
    rng = random.Random(seed)
    try:
        for i in range(count):
            text = log_text(rng)
            await ws.send(json.dumps({"id": i + 1, "type": "sent", "surface": "message", "text": text,
                                      "recipient": {"slug": f"seeded-person-{i}", "name": f"Person {i}"}}))
        ok = 0
        while ok < count:
            reply = parse_reply(await asyncio.wait_for(ws.recv(), 30))
            if reply is not None:
                if not reply[1]:
                    raise RuntimeError(f"seeding the outreach log failed: {reply}")
                ok += 1
    finally:
        await ws.close()
    return ok


BOUNDS = {"interactive": 10, "survival": 100}  # connections


async def main_async(args, bound: str) -> dict:
    clients = args.clients or BOUNDS[bound]
    with tempfile.TemporaryDirectory(prefix="tactful-load-") as tmp:
        companion = Companion(Path(tmp) / "data").start()
        report: dict = {"bound": bound, "clients": clients, "rate_per_client": args.rate, "words": args.words,
                        "shape": args.shape, "sent_in_log": args.sent,
                        "duration_s": args.duration, "page_every_s": args.page_every, "cores": os.cpu_count(),
                        "rss_kib": {"idle": companion.rss_kib()}, "runs": []}
        workers = None
        try:
            creds = []
            for i in range(clients):
                origin = origin_for(i)
                creds.append((origin, await pair_client(companion, origin, f"load client {i}")))
            report["sent_in_log"] = await seed_log(companion, args.sent, origin_for(clients))
            workers = Workers(args.procs, companion.url, creds)
            await workers.ready()
            report["generator_processes"] = args.procs
            report["rss_kib"]["connected"] = companion.rss_kib()
            if args.warmup:
                warm = await workers.run(0, args.warmup, args.rate, args.words, args.page_every, companion.pid,
                                         args.shape)
                report["warmup"] = warm.summary()
            report["rss_kib"]["after_warmup"] = companion.rss_kib()
            for run in range(1, args.runs + 1):
                stats = await workers.run(run, args.duration, args.rate, args.words, args.page_every, companion.pid,
                                          args.shape)
                summary = stats.summary()
                summary["rss_kib_after"] = companion.rss_kib()
                report["runs"].append(summary)
                print(f"run {run}: {json.dumps(summary)}", file=sys.stderr, flush=True)
        finally:
            if workers is not None:
                await asyncio.to_thread(workers.close)
            companion.stop()
        rss = [r["rss_kib_after"] for r in report["runs"]]
        if len(rss) >= 2:
            report["rss_growth_run1_to_run2_percent"] = round(100 * (rss[1] - rss[0]) / rss[0], 2)
        report["verdict"] = verdict(report)
        return report


def verdict(report: dict) -> dict:
    """The bound's targets, checked (see the module doc)."""
    runs = report["runs"]
    growth = report.get("rss_growth_run1_to_run2_percent")
    checks = {
        "no_errors": all(not r["errors"] for r in runs),
        "every_draft_answered": all(r["lost"] == 0 for r in runs),
        "rss_growth_under_10_percent": growth is None or growth < 10,
    }
    if report["bound"] == "interactive":
        p99 = max((r["latency"].get("draft", {}).get("p99_ms") or 0) for r in runs) if runs else None
        checks["draft_p99_ms"] = p99
        checks["draft_p99_under_25ms"] = p99 is not None and p99 < 25
    else:
        checks["newest_version_gets_feedback"] = all(r["last_version"]["not_answered_with_feedback"] == 0
                                                     for r in runs)
    checks["met"] = all(v for k, v in checks.items() if k != "draft_p99_ms")
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bound", choices=("interactive", "survival", "both"), default="both")
    parser.add_argument("--clients", type=int, help="override the bound's number of connections")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--rate", type=float, default=10.0, help="draft versions per second per client")
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--shape", choices=("sentences", "words"), default="sentences",
                        help="drafts of real sentences, or one sentence of random words (the caches' worst case)")
    parser.add_argument("--sent", type=int, default=200,
                        help="messages in the outreach log before the runs (the mass-message check reads it)")
    parser.add_argument("--page-every", type=float, default=10.0, help="seconds between page snapshots per client")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load before the runs")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--procs", type=int, default=2, help="generator processes the clients are split over")
    parser.add_argument("--json", help="also write the report to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_async())
        return 0
    bounds = ("interactive", "survival") if args.bound == "both" else (args.bound,)
    reports = [asyncio.run(main_async(args, bound)) for bound in bounds]
    text = json.dumps(reports, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    for r in reports:
        print(f"{r['bound']}: {json.dumps(r['verdict'])}", file=sys.stderr)
    return 0 if all(r["verdict"]["met"] for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
