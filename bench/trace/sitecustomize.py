"""Scheduler trace for bench/load.py: where a draft's time goes inside the companion.

Not part of the product. Python imports `sitecustomize` at startup from PYTHONPATH, so

    TACTFUL_TRACE=/tmp/trace PYTHONPATH=bench/trace python bench/load.py --runs 1
    python bench/trace_report.py /tmp/trace

records, for every draft the companion analyses, when it was queued, when its analysis started
and ended, and how many connections had a draft waiting, and writes them (times only, no text) to
TACTFUL_TRACE.<pid> when the companion exits. Garbage-collection pauses are summed per generation.
"""

import atexit
import gc
import json
import os
import time

if os.environ.get("TACTFUL_TRACE"):
    import companion.server.connection as _connection

    _records: list = []
    _gc = {"start": 0.0, "by_generation": {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}}
    _run_next_draft = _connection.Connection.run_next_draft

    def run_next_draft(self):
        arrived = self.draft_arrived()
        started = time.monotonic()
        _run_next_draft(self)
        if arrived is not None:
            _records.append((arrived, started, time.monotonic(), self.services.drafts.waiting))

    def _gc_callback(phase, info):
        if phase == "start":
            _gc["start"] = time.perf_counter()
        else:
            entry = _gc["by_generation"][info["generation"]]
            entry[0] += 1
            entry[1] += time.perf_counter() - _gc["start"]

    def _dump():
        if _records:  # the page parser's child process loads this file too, and analyses nothing
            with open(f"{os.environ['TACTFUL_TRACE']}.{os.getpid()}", "w") as out:
                json.dump({"drafts": _records, "gc": _gc["by_generation"]}, out)

    _connection.Connection.run_next_draft = run_next_draft
    gc.callbacks.append(_gc_callback)
    atexit.register(_dump)
