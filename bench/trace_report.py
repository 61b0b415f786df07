"""Summarise a scheduler trace (bench/trace/sitecustomize.py): queue waits, analysis times, and
the drafts answered after waiting behind fresher ones.

    python bench/trace_report.py /tmp/trace [--skip 0.33]

`--skip` drops that fraction of the records from the start (the warm-up run); the last `--drain`
(200) are dropped too (the drain after the load stops, when every typist's last version is
answered).
"""

import argparse
import glob
import json


def q(values: list[float], p: float) -> float:
    return round(values[min(len(values) - 1, int(p * len(values)))], 2)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", help="the TACTFUL_TRACE path (files are PREFIX.<pid>)")
    parser.add_argument("--skip", type=float, default=0.33)
    parser.add_argument("--drain", type=int, default=200)
    parser.add_argument("--late-ms", type=float, default=20.0, help="what counts as a late start")
    args = parser.parse_args(argv)
    files = sorted(glob.glob(args.prefix + ".*"))
    if not files:
        parser.error(f"no trace files {args.prefix}.<pid>")
    trace = json.load(open(max(files, key=lambda f: len(open(f).read()))))
    records = trace["drafts"]
    records = records[int(len(records) * args.skip):len(records) - args.drain]
    if not records:
        parser.error("too few records in the trace")
    waits = sorted((start - arrived) * 1000 for arrived, start, _end, _w in records)
    runs = sorted((end - start) * 1000 for _a, start, end, _w in records)
    print(f"drafts analysed: {len(records)}")
    print(f"queue wait ms   median {q(waits, .5)}  p90 {q(waits, .9)}  p99 {q(waits, .99)}")
    print(f"analysis ms     median {q(runs, .5)}  p90 {q(runs, .9)}  p99 {q(runs, .99)}")
    late = [i for i, (arrived, start, _e, _w) in enumerate(records) if (start - arrived) * 1000 > args.late_ms]
    print(f"started more than {args.late_ms:g} ms after arriving: {len(late)} ({100 * len(late) / len(records):.2f} %)")
    # A late start follows a run of ever older ones: the companion caught up with every fresh draft
    # and worked down the waiting ones (waits of the drafts analysed just before, in order).
    for i in late[:5]:
        print("  waits before and at it (ms):", [round((records[j][1] - records[j][0]) * 1000, 1)
                                                 for j in range(max(0, i - 4), i + 1)])
    print("gc pauses (count, seconds) by generation:", trace["gc"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
