"""Which connection's draft is analysed next when several are waiting.

The coach runs on the event loop, one draft at a time, a millisecond or two each. When drafts
arrive faster than that (many tabs typing at once, or bench/load.py's 100 clients), not every
version can be analysed: a waiting draft that a newer version replaces is answered `superseded`
by coalescing (companion/server/connection.py), so every draft still gets an answer, and the
order decides which versions get feedback and how long they wait for it.

The order is by a queueing budget (`budget`, 8 ms; the load target is a 25 ms p99 answer, and
reading, analysing and writing take the rest):

- A draft that has waited less than the budget can still be answered in time, and the oldest of
  those goes first, the one closest to missing it.
- A draft past the budget goes only when no draft is within it, and then the freshest first: it
  is late already, and while someone types its newer version, 100 ms away at most, will replace
  it; but rather than idle, the companion answers it.

Why, measured with bench/load.py and bench/trace_report.py at 100 clients: with the freshest
first throughout, the median answer was 3 ms but about 2 % of answers were drafts the companion
reached only after it had caught up with every fresh one, by then 20-35 ms old, so the p99 was
16-36 ms, and the faster the companion the more of them. Serving the oldest draft still within
the budget keeps that set from emptying, so late drafts are rarely reached (0.35 % of analyses
started more than 20 ms after arrival): p99 20 ms over two 60 s runs, while the median grew to
11 ms, well under what anyone can see.

Oldest-first alone is unfair to a typist whose drafts are always younger than someone else's.
So a connection that has had no turn for `fair_every` seconds (2 s) goes before the others as soon
as it has a draft within the budget: it is served on a current keystroke, not a stale one.

A draft that nothing replaces (its typist stopped) must not starve either: once its connection
has waited `max_wait` seconds for a turn it goes first, longest wait first. The wait counts from
the later of the draft's arrival and the connection's last turn, so a client with a backlog of
distinct drafts (a buggy or hostile extension) gets one turn per `max_wait` while others type,
not every turn. Well below saturation at most one draft waits at a time and the order makes no
difference.

One analysis per event-loop pass: after each, the loop reads the frames that arrived meanwhile
(their drafts join the waiting set) before the next is picked. That takes two hops. The next
dispatch is a call_later(0) timer rather than call_soon, because asyncio runs due timers after the
pass's I/O callbacks, so it comes after the reads of the frames that arrived during the analysis.
But a read only resolves the connection task's future, and the task itself runs in the following
pass, so the dispatch call_soon's the pick behind those wake-ups: the pass in between does I/O only.
Measured at 100 clients (bench/load.py): answering in the timer itself gave a median answer of
7.8 ms, picking one pass later 4.6 ms (p90 12.3 -> 8.1 ms), since a fresh draft no longer waits
through someone else's analysis before it is even queued. The analysis runs right in that
callback, not in the connection's task, so a draft starts as soon as it is queued instead of after
several task wake-ups.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

log = logging.getLogger("tactful.server")


class DraftQueue(Protocol):
    """What a connection offers the scheduler (companion.server.connection.Connection)."""

    def draft_arrived(self) -> float | None:
        """time.monotonic() when the draft at the head of its queue arrived; None if none is."""

    def run_next_draft(self) -> None:
        """Analyse and answer the draft at the head of its queue, synchronously."""


class DraftScheduler:
    def __init__(self, max_wait: float = 0.25, fair_every: float = 2.0, budget: float = 0.008):
        self.max_wait, self.fair_every, self.budget = max_wait, fair_every, budget
        # Each waiting connection with the arrival time of the draft at its queue's head, as of its
        # last want(): a pick then reads a dict instead of asking ~65 connections per analysis at
        # 100 clients (that was ~2 % of a core). Only the chosen one is asked again (see pick).
        self._waiting: dict[DraftQueue, float] = {}
        self._last_turn: dict[DraftQueue, float] = {}  # time.monotonic() of each connection's last turn
        self._kicked = False  # a _dispatch is already scheduled
        self.last_run = float("-inf")  # time.monotonic() of the last draft analysed (the GC policy reads it)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def want(self, conn: DraftQueue) -> None:
        """`conn` has a draft at the head of its queue (a new or a different one): analyse it when
        its turn comes. Connections call this whenever their head changes."""
        arrived = conn.draft_arrived()
        if arrived is None:
            self._waiting.pop(conn, None)
            return
        self._waiting[conn] = arrived
        if not self._kicked:
            self._kicked = True
            asyncio.get_running_loop().call_later(0, self._dispatch)

    def forget(self, conn: DraftQueue) -> None:
        self._waiting.pop(conn, None)
        self._last_turn.pop(conn, None)

    def pick(self, now: float) -> DraftQueue | None:
        """The connection whose draft goes next. The choice is made on the remembered arrival
        times and confirmed with the chosen connection: one with no draft at its head any more (a
        command before it, or it was answered) is dropped and the choice made again. A head can
        only have become newer since its want(), and it gets the turn all the same."""
        waiting = self._waiting
        while waiting:
            conn = self._choose(now)
            t = conn.draft_arrived()
            if t is not None:
                waiting[conn] = t
                return conn
            del waiting[conn]
        return None

    def _choose(self, now: float) -> DraftQueue:
        oldest_due = owed = in_time = late = None
        oldest_t, owed_since, in_time_t, late_t = now, float("inf"), float("inf"), float("-inf")
        last_turn = self._last_turn
        max_wait, budget, fair_every = self.max_wait, self.budget, self.fair_every
        for conn, t in self._waiting.items():
            last = last_turn.get(conn)
            since = t if last is None or last < t else last  # waiting for a turn since then
            if now - since >= max_wait:
                if since <= oldest_t:
                    oldest_due, oldest_t = conn, since
                continue
            if now - t < budget:  # can still be answered within the budget
                if last is None or now - last >= fair_every:
                    turnless = t if last is None else last  # owed a turn since then
                    if turnless <= owed_since:
                        owed, owed_since = conn, turnless
                if t < in_time_t:
                    in_time, in_time_t = conn, t
            elif t > late_t:
                late, late_t = conn, t
        if oldest_due is not None:
            return oldest_due
        if owed is not None:
            return owed
        return in_time if in_time is not None else late

    def _dispatch(self) -> None:
        """Due one pass after the last analysis: the frames that arrived during it were read by
        this pass's I/O callbacks, but their connections' tasks only wake in the next pass (a
        resolved future's callbacks are call_soon'd). Picking now would miss them, so the pick
        runs next pass, queued behind those wake-ups."""
        asyncio.get_running_loop().call_soon(self._run)

    def _run(self) -> None:
        self._kicked = False
        conn = self.pick(time.monotonic())
        if conn is not None:
            self.last_run = self._last_turn[conn] = time.monotonic()
            del self._waiting[conn]
            try:
                conn.run_next_draft()  # may call want() again when its next draft is already queued
            except Exception as exc:  # noqa: BLE001 - one connection's failure must not stop the others' turns
                log.error("analysing a draft failed outside its handler: %s", type(exc).__name__)
        if self._waiting and not self._kicked:
            self._kicked = True
            asyncio.get_running_loop().call_later(0, self._dispatch)
