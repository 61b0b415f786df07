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
  one on the event loop every FULL_EVERY seconds: one pause of tens of ms a minute instead of one
  every few seconds, and garbage cycles (exceptions with tracebacks, closed connections) still go
  within a minute. The young generations keep CPython's settings: they are cheap (~0.3 ms).
"""

import asyncio
import gc
import logging
import time

log = logging.getLogger("tactful.server")

FULL_EVERY = 60.0  # seconds between full collections
_NEVER = 1_000_000  # a gen-2 threshold nothing reaches: full collections only from here


def settle(reason: str) -> None:
    start = time.perf_counter()
    gc.collect()
    gc.freeze()
    log.debug("gc: froze %d objects after %s in %.0f ms", gc.get_freeze_count(), reason,
              (time.perf_counter() - start) * 1000)


class FullCollections:
    """Full collections every `every` seconds on `loop`, instead of CPython's automatic ones."""

    def __init__(self, loop: asyncio.AbstractEventLoop, every: float = FULL_EVERY):
        self.loop, self.every = loop, every
        self._timer: asyncio.TimerHandle | None = None
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        settle("startup")
        self._saved = gc.get_threshold()
        gc.set_threshold(self._saved[0], self._saved[1], _NEVER)
        self._timer = self.loop.call_later(self.every, self._collect)

    def _collect(self) -> None:
        gc.collect()
        self._timer = self.loop.call_later(self.every, self._collect)

    def stop(self) -> None:
        """Back to CPython's defaults (the frozen objects stay frozen)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
