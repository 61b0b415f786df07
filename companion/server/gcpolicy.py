"""The garbage collector's settings for a server that runs for weeks with large, lasting objects.

Measured with bench/load.py (100 clients typing, 1,000 drafts a second): under CPython's defaults
a full collection ran every ~3 s and took 95-120 ms, stalling every connection's feedback for
that long; those stalls were most of the draft p99. What a full collection scans is almost all
alive for good: modules, pydantic's schemas, the tone model's weights, the caches, the outreach
index. So:

- `settle()` at startup collects once and then freezes what exists (gc.freeze: those objects are
  left out of every later collection; reference counting still frees them when they go). Right
  after a full collection, so no garbage cycle is frozen (a frozen cycle would never be freed).
- The automatic full collection is switched off (its threshold set out of reach) and replaced by
  one from the event loop when the companion is idle (no draft analysed for IDLE_FOR seconds) and
  the last one is FULL_EVERY seconds old, or regardless once it is AT_MOST old. With steady
  connections the full collections found nothing to free (0 objects in every one measured):
  cyclic garbage dies young, in the young generations, which keep CPython's settings and cost
  ~0.3 ms each. What does reach the old generation is closed connections (aiohttp's request and
  tasks form cycles); a connection drops its drafts' data itself when it closes
  (Connection._release), and the rest waits for the next full collection. So a user pays for
  full collections while not typing, and a companion that is never idle runs one every five
  minutes (bench/soak.py, with reconnects every 15-45 s and never idle, checks that memory
  stays flat meanwhile).
- The middle generation is collected after every second young collection (threshold 1: CPython
  collects a generation once its count exceeds the threshold; the default, 10, means every
  eleventh). Whatever outlives a keystroke (the per-sentence cache entries: feature sets, spans)
  is traversed by one young and one middle collection either way, so the work is the same, but
  in five times as many, shorter pauses: at 100 clients the middle collections took ~4.4 ms
  each, seven a second, each landing inside some draft's analysis (analysis p99 6.5 ms); with
  threshold 1 they take ~1.2 ms (analysis p99 4.5 ms, bench/trace_report.py).
"""

import asyncio
import gc
import logging
import time

log = logging.getLogger("tactful.server")

FULL_EVERY = 30.0  # seconds between full collections when the companion is idle
IDLE_FOR = 2.0  # seconds without a draft analysed that count as idle
AT_MOST = 300.0  # seconds after which a full collection runs even under load
CHECK_EVERY = 1.0
_NEVER = 1_000_000  # a gen-2 threshold nothing reaches: full collections only from here
MIDDLE_EVERY = 1  # middle collections after every second young one (CPython's default 10: every eleventh)


def settle(reason: str) -> None:
    start = time.perf_counter()
    gc.collect()
    gc.freeze()
    log.debug("gc: froze %d objects after %s in %.0f ms", gc.get_freeze_count(), reason,
              (time.perf_counter() - start) * 1000)


class FullCollections:
    """Full collections from `loop` when idle (see the module doc), instead of CPython's own.

    `last_activity()` gives time.monotonic() of the last draft analysed (DraftScheduler)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, last_activity=lambda: float("-inf"),
                 every: float = FULL_EVERY, idle: float = IDLE_FOR, at_most: float = AT_MOST,
                 check_every: float = CHECK_EVERY):
        self.loop, self.last_activity = loop, last_activity
        self.every, self.idle, self.at_most, self.check_every = every, idle, at_most, check_every
        self.collections = 0
        self._last_full = time.monotonic()
        self._timer: asyncio.TimerHandle | None = None
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        settle("startup")
        self._saved = gc.get_threshold()
        gc.set_threshold(self._saved[0], MIDDLE_EVERY, _NEVER)
        self._last_full = time.monotonic()
        self._timer = self.loop.call_later(self.check_every, self._tick)

    def _tick(self) -> None:
        now = time.monotonic()
        since = now - self._last_full
        if since >= self.at_most or (since >= self.every and now - self.last_activity() >= self.idle):
            gc.collect()
            self.collections += 1
            self._last_full = time.monotonic()
        self._timer = self.loop.call_later(self.check_every, self._tick)

    def stop(self) -> None:
        """Back to CPython's defaults (the frozen objects stay frozen)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
