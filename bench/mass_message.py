"""Benchmark: the mass-message check (dup.mass-message) against logs of 100, 10,000 and 100,000
sent messages. Prints median and p99 per draft, index build time, and memory.

    /work/venv/bin/python bench/mass_message.py                 # 100, 10k, 100k; 2,000 drafts each
    /work/venv/bin/python bench/mass_message.py --sizes 100000 --drafts 5000 --db
        --db also writes the log to a real SQLite file and times the companion's start-up load.

The synthetic log is what a heavy user's would look like, scaled up: 60% of messages come from
50 templates (each with its own content sentences, sharing a few stock phrasings for the ask
and the thanks), filled with the recipient's name, company and role and lightly edited (0-4 words
swapped, sometimes a personal sentence added); 40% are written from scratch (4-7 sentences from nine
frames filled with 2,000 made-up words of Zipf-like frequency: shared boilerplate, distinct content). Drafts to check are a mix of template copies
(which match thousands of sent messages), fresh notes (which match nothing), and light edits of a
random earlier note (which match one or two). A check is LogCache.mass_check: masking and
shingling the draft, the index lookup, and naming the recipients, exactly what the rule runs.
A reminder also asks LogCache.copies_sent_to (dup.mass-followup): its time, for 1,000 people of
the log, is the line under each size.

Memory: the growth of this process's resident set while the index is built (from /proc), and
optionally (--tracemalloc, slower) the bytes Python allocated for it.
"""

import argparse
import gc
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from companion.store.cache import LogCache, RecipientLog
from companion.store.fingerprint import shingles

FIRST = "Ana Bo Cy Dee Eve Finn Gus Hana Ivan Jo Kai Lena Milo Nia Omar Pia Quinn Ravi Sara Tom Uma Vic Wen Xia Yuri Zoe".split()
LAST = "Lopez Chen Diaz Patel Kim Novak Haddad Okafor Silva Berg Rossi Ito Nagy Costa Weber Singh Moreau Dahl".split()
COMPANIES = "Stripe Figma Datadog Notion Plaid Shopify Spotify Atlassian Canva Monzo Klarna Adyen Wise Revolut".split()
ROLES = ["backend engineer", "data scientist", "product designer", "site reliability engineer",
         "frontend developer", "machine learning engineer", "product manager", "security engineer"]
VOCAB = ("latency pipelines observability compilers payments search ranking onboarding growth caching "
         "storage streaming kernels accessibility billing fraud privacy tooling migrations testing "
         "design systems analytics recommendations infrastructure reliability databases queues").split()
VERBS = ["built", "scaled", "rewrote", "led", "shipped", "debugged", "designed", "measured", "automated", "mentored"]
OPENERS = ["Hi {n},", "Hello {n},", "Hey {n},", "Dear {n},", "Good morning {n},"]


def template_bank(rnd: random.Random, count: int = 50) -> list[str]:
    """Templates as people write them: each its own content sentences (frames filled with the
    Zipf vocabulary), with the ask and the closing drawn from a few stock phrasings they share."""
    out = []
    for _ in range(count):
        body = " ".join(_fill(rnd, rnd.choice(FRAMES)) for _ in range(rnd.randint(2, 4)))
        parts = [rnd.choice(OPENERS), "I noticed {c} is hiring a {r} and I would love to be considered.", body,
                 rnd.choice(["Would you be open to referring me?", "Could you refer me for the role?",
                             "Would you be willing to pass my resume along?"]),
                 rnd.choice(["Thank you so much for your time!", "Thanks for reading, I appreciate it.",
                             "No worries at all if not, and thank you either way."])]
        out.append(" ".join(parts))
    return out


_SYL = "ka lo mi ne ru sa ti vo pe da fi go ha ju ke li ma no pu re si to va we xi yo zu".split()
# 2,000 made-up content words drawn with Zipf-like frequencies: a few are everywhere, most are rare,
# as in real writing. Sentence frames carry the common function-word phrases.
WORDS = [a + b + c for a in _SYL for b in _SYL for c in _SYL[:3]][:2000]
_WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
FRAMES = ["I {v} the {w} {w} at {w} for {n} years.", "We {v} a {w} that cut {w} costs by {n} percent.",
          "Last year I {v} our {w} {w} and the {w} team adopted it.",
          "I am curious how your team thinks about {w} and {w}.", "My background is in {w} {w} and {w}.",
          "I would love to learn more about the {w} work at {w}.", "Recently I {v} a {w} {w} in my spare time.",
          "Your post about {w} {w} really stuck with me.", "I have been following the {w} project since {n}."]


def _fill(rnd: random.Random, frame: str) -> str:
    out = frame
    while "{w}" in out:
        out = out.replace("{w}", rnd.choices(WORDS, _WEIGHTS)[0], 1)
    return out.replace("{v}", rnd.choice(VERBS)).replace("{n}", str(rnd.randint(2, 40)))


def free_note(rnd: random.Random) -> str:
    return rnd.choice(OPENERS) + " " + " ".join(_fill(rnd, rnd.choice(FRAMES)) for _ in range(rnd.randint(4, 7)))


def light_edit(rnd: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rnd.randint(0, 4)):
        words[rnd.randrange(len(words))] = rnd.choice(VOCAB)
    if rnd.random() < 0.3:
        words += f"I also enjoyed your post on {rnd.choice(VOCAB)} last month.".split()
    return " ".join(words)


def person(rnd: random.Random) -> tuple[str, str, str]:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", rnd.choice(COMPANIES), rnd.choice(ROLES)


def make_log(n: int, seed: int = 1):
    """(slug, name, company, text, sent_ms) for n sent messages, one recipient each."""
    rnd = random.Random(seed)
    templates = template_bank(rnd)
    t0 = 1_700_000_000_000
    for i in range(n):
        name, company, role = person(rnd)
        if rnd.random() < 0.6:
            text = light_edit(rnd, rnd.choice(templates)).replace("{n}", name.split()[0]) \
                .replace("{c}", company).replace("{r}", role)
        else:
            text = free_note(rnd).replace("{n}", name.split()[0])
        yield f"p{i}", name, company, text, t0 + i * 60_000


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def build(n: int, trace: bool):
    gc.collect()
    before = rss_kib()
    if trace:
        tracemalloc.start()
    cache = LogCache()
    started = time.perf_counter()
    for rid, (slug, name, company, text, at) in enumerate(make_log(n), start=1):
        cache.by_slug[slug] = RecipientLog(id=rid, slug=slug, name=name, company=company)
        cache.index.add(shingles(text, (name, company)), slug, at)
    cache.index_ready = True
    took = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[0] if trace else None
    if trace:
        tracemalloc.stop()
    gc.collect()
    return cache, took, rss_kib() - before, traced


def drafts(n_log: int, count: int, seed: int = 2) -> list[tuple[str, str, tuple[str, ...]]]:
    rnd = random.Random(seed)
    log = list(make_log(n_log))
    templates = template_bank(random.Random(1))
    out = []
    for i in range(count):
        name, company, role = person(rnd)
        kind = i % 3
        if kind == 0:
            text = light_edit(rnd, rnd.choice(templates)).replace("{n}", name.split()[0]) \
                .replace("{c}", company).replace("{r}", role)
        elif kind == 1:
            text = free_note(rnd).replace("{n}", name.split()[0])
        else:
            _, n2, c2, old, _ = rnd.choice(log)
            text = light_edit(rnd, old.replace(n2.split()[0], name.split()[0]).replace(c2, company))
        out.append((text, f"new{i}", (name, company, role)))
    return out


def measure(cache: LogCache, queries) -> tuple[list[float], list[float], int]:
    """Per-draft wall-clock and CPU (this thread's) milliseconds, and how many drafts matched.

    Both are printed: on a shared machine the wall clock includes time the OS gave to other
    processes, which the CPU figure leaves out."""
    for text, slug, names in queries[:50]:  # warm up
        cache.mass_check(text, slug, names)
    wall, cpu, hits = [], [], 0
    for text, slug, names in queries:
        t, c = time.perf_counter_ns(), time.thread_time_ns()
        report = cache.mass_check(text, slug, names)
        cpu.append((time.thread_time_ns() - c) / 1e6)
        wall.append((time.perf_counter_ns() - t) / 1e6)
        hits += report is not None
    return wall, cpu, hits


def measure_copies(cache: LogCache, n: int, count: int = 1000) -> list[float]:
    """CPU milliseconds of dup.mass-followup's question on a reminder: did what this person got go to
    others too (LogCache.copies_sent_to), for `count` people of the log."""
    rnd = random.Random(3)
    cpu = []
    for _ in range(count):
        slug = f"p{rnd.randrange(n)}"
        c = time.thread_time_ns()
        cache.copies_sent_to(slug)
        cpu.append((time.thread_time_ns() - c) / 1e6)
    return cpu


def recall(n: int, cache: LogCache, queries, sample: int = 200) -> str:
    """Compare with brute force (every sent message, exact Jaccard) on a sample of drafts."""
    sent = [shingles(text, (name, company)) for _, name, company, text, _ in make_log(n)]
    found = missed = extra = 0
    ratios = []
    for text, slug, names in queries[:sample]:
        fp = shingles(text, names)
        truth = sum(1 for g in sent if len(fp) >= 8 and len(fp & g) / (len(fp | g)) >= 0.5)
        report = cache.mass_check(text, slug, names)
        got = report.messages if report else 0
        if truth and got:
            found += 1
            ratios.append(got / truth)
        elif truth:
            missed += 1
        elif got:
            extra += 1
    ratio = f"{statistics.median(ratios):.2f}" if ratios else "-"
    return (f"recall {found}/{found + missed} near-copies found, {extra} false alarms in {min(sample, len(queries))} "
            f"drafts; messages counted / true count, median {ratio}")


def p(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def db_load(n: int) -> tuple[float, float]:
    """Write n messages to a real log file (one transaction), then time LogDB.load() as at start-up."""
    from companion.store import LogDB

    with tempfile.TemporaryDirectory() as tmp:
        db = LogDB.in_dir(Path(tmp))
        started = time.perf_counter()
        db.conn.execute("BEGIN")
        from companion.store.fingerprint import pack
        for slug, name, company, text, at in make_log(n):
            rid = db.conn.execute("INSERT INTO recipients (slug, name, company, created_at, updated_at) "
                                  "VALUES (?,?,?,?,?)", (slug, name, company, at, at)).lastrowid
            db.conn.execute("INSERT INTO messages (recipient_id, surface, sent_at, fingerprint) VALUES (?,?,?,?)",
                            (rid, "message", at, pack(shingles(text, (name, company)))))
        db.conn.execute("COMMIT")
        write = time.perf_counter() - started
        started = time.perf_counter()
        db.load()  # with the index, as `tactful check` reads it
        load = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        db.close()
    return write, load, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,10000,100000")
    ap.add_argument("--drafts", type=int, default=2000)
    ap.add_argument("--tracemalloc", action="store_true", help="also count Python allocations (slower)")
    ap.add_argument("--recall", action="store_true", help="also check answers against brute force (slow)")
    ap.add_argument("--db", action="store_true", help="also time writing and loading a real SQLite log")
    args = ap.parse_args()
    print(f"{'log size':>9} {'build s':>8} {'shingles':>8} {'RSS +MiB':>9} {'py MiB':>7} | {'wall median':>11} "
          f"{'p99':>6} | {'CPU median':>10} {'p99':>6} {'max':>6} ms | {'matched':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        cache, took, rss, traced = build(n, args.tracemalloc)
        queries = drafts(n, args.drafts)
        wall, cpu, hits = measure(cache, queries)
        traced_s = f"{traced / 2**20:7.1f}" if traced is not None else f"{'-':>7}"
        print(f"{n:>9,} {took:8.1f} {len(cache.index.postings) + len(cache.index.common):>8,} {rss / 1024:9.1f} {traced_s} | "
              f"{statistics.median(wall):11.3f} {p(wall, 0.99):6.3f} | {statistics.median(cpu):10.3f} "
              f"{p(cpu, 0.99):6.3f} {max(cpu):6.3f}    | {hits / len(queries):7.0%}", flush=True)
        if hasattr(cache, "copies_sent_to"):
            copies = measure_copies(cache, n)
            print(f"{'':>9} a reminder's copies_sent_to: CPU median {statistics.median(copies):.3f} "
                  f"p99 {p(copies, 0.99):.3f} ms", flush=True)
        if args.recall:
            print(f"{'':>9} {recall(n, cache, queries)}", flush=True)
        if args.db:
            write, load, size = db_load(n)
            print(f"{'':>9} SQLite: wrote {n:,} in {write:.2f} s, file {size / 2**20:.1f} MiB; "
                  f"start-up load (read + index) {load:.2f} s")
        del cache
        gc.collect()


if __name__ == "__main__":
    main()
