"""Page parser speed and memory: parse time per page (median, p99) and peak memory.

    /work/venv/bin/python bench/pages.py              # the shared real pages, 30 rounds each
    /work/venv/bin/python bench/pages.py -n 200       # longer, steadier figures
    /work/venv/bin/python bench/pages.py --own        # the repo's minimized fixtures too
    /work/venv/bin/python bench/pages.py FILE.html    # any saved page

Time: `parse_snapshot(url, html)` end to end (HTML parse, shadow roots, embedded JSON, profile,
thread and composer adapters), rounds interleaved across pages so load from other processes hits
every page alike; the HTML-parse-only time (selectolax/lexbor) is shown beside it as the floor.
Memory: each page is parsed once in a fresh child process; "peak RSS" is how far the child's peak
resident set (VmHWM, reset just before the parse) rose above its resident set before it, which
counts lexbor's C allocations that tracemalloc cannot see; "py peak" is tracemalloc's peak for
Python objects during a second parse. "x html" is the median parse time over the median time of
lexbor alone on the same page in the same run (the floor), so it holds up under machine load;
"min" is the fastest round and "cpu med" the median CPU time of the process during a parse
(time.process_time: time spent waiting for a core on a busy machine is not counted), both closer
to what a parse costs when nothing else competes for the CPU. Target: under 25 ms
median for a 600 KB page.
"""

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from companion.pages import parse_snapshot  # noqa: E402

SHARED = REPO.parent / "shared" / "fixtures" / "linkedin"
OWN = REPO / "tests" / "fixtures" / "linkedin"


def url_for(page: Path) -> str | None:
    truth = page.with_suffix("").with_suffix(".truth.json")
    if truth.exists():
        return json.loads(truth.read_text(encoding="utf-8")).get("url")
    return None


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def memory_child(path: str, url: str | None) -> None:
    """Run in a child: print the RSS peak rise (KiB) during one parse and tracemalloc's peak (bytes)."""
    import tracemalloc

    html = Path(path).read_text(encoding="utf-8")
    parse_snapshot(url, "<p>warm</p>")
    try:  # Linux: writing 5 resets the peak RSS (VmHWM) to the current RSS
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        base = _status_kib("VmRSS")
        parse_snapshot(url, html)
        rise = _status_kib("VmHWM") - base
    except OSError:
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        parse_snapshot(url, html)
        rise = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    tracemalloc.start()
    parse_snapshot(url, html)
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"rss_rise_kib": rise, "py_peak": py_peak}))


def measure_memory(page: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(page), url_for(page) or ""],
                         capture_output=True, text=True, timeout=120, cwd=REPO)
    if out.returncode != 0:
        return {"rss_rise_kib": float("nan"), "py_peak": float("nan")}
    return json.loads(out.stdout)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="pages to measure (default: the shared real pages)")
    ap.add_argument("-n", "--rounds", type=int, default=30)
    ap.add_argument("--own", action="store_true", help="also the repo's minimized fixtures")
    ap.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child[0], args.memory_child[1] or None)
        return 0
    pages = [Path(f) for f in args.files]
    if not pages:
        pages = sorted(SHARED.glob("*.html")) if SHARED.is_dir() else []
        if not pages:
            print(f"note: {SHARED} not found; measuring the repo's fixtures", file=sys.stderr)
    if args.own or not pages:
        pages += sorted(OWN.glob("*.html"))
    htmls = {p: p.read_text(encoding="utf-8") for p in pages}
    full: dict[Path, list[float]] = {p: [] for p in pages}
    floor: dict[Path, list[float]] = {p: [] for p in pages}
    cpu: dict[Path, list[float]] = {p: [] for p in pages}
    for p in pages:  # warm-up
        parse_snapshot(url_for(p), htmls[p])
    gc.disable()
    try:
        for _ in range(args.rounds):
            for p in pages:
                t0 = time.perf_counter()
                LexborHTMLParser(htmls[p])
                t1 = time.perf_counter()
                c1 = time.process_time()
                parse_snapshot(url_for(p), htmls[p])
                c2 = time.process_time()
                t2 = time.perf_counter()
                floor[p].append((t1 - t0) * 1000)
                full[p].append((t2 - t1) * 1000)
                cpu[p].append((c2 - c1) * 1000)
            gc.collect()
    finally:
        gc.enable()
    print(f"{'page':<42} {'KB':>5} {'median':>8} {'p99':>8} {'min':>7} {'cpu med':>8} {'html-only':>10} {'x html':>6} "
          f"{'peak RSS':>9} {'py peak':>8}")
    for p in pages:
        mem = measure_memory(p)
        print(f"{p.name[:42]:<42} {len(htmls[p].encode()) // 1024:>5} {statistics.median(full[p]):>6.1f}ms "
              f"{p99(full[p]):>6.1f}ms {min(full[p]):>5.1f}ms {statistics.median(cpu[p]):>6.1f}ms "
              f"{statistics.median(floor[p]):>8.1f}ms "
              f"{statistics.median(full[p]) / statistics.median(floor[p]):>6.2f} {mem['rss_rise_kib'] / 1024:>7.1f}MB "
              f"{mem['py_peak'] / 1024 / 1024:>6.1f}MB")
    print(f"({args.rounds} rounds; target: median < 25 ms for a 600 KB page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
