"""companion/server/scheduler.py: whose draft is analysed next when several wait.

The policy is tested on stand-in queues (the order is the behaviour under test); that the real
connections keep their order and answer every draft is tested against a real server in
test_server_draft.py and test_resilience_load.py."""

import asyncio
import time

import pytest

from companion.server.scheduler import DraftScheduler

pytestmark = pytest.mark.asyncio


class Queue:
    def __init__(self, name, arrived, runs, fail=False):
        self.name, self.arrived, self.runs, self.fail = name, arrived, runs, fail

    def draft_arrived(self):
        return self.arrived

    def run_next_draft(self):
        self.runs.append(self.name)
        self.arrived = None  # answered: nothing waits any more
        if self.fail:
            raise ValueError("boom")

    def __hash__(self):
        return hash(self.name)


async def settle(scheduler):
    for _ in range(50):
        await asyncio.sleep(0)
        if not scheduler.waiting:
            return


async def test_drafts_within_the_budget_go_oldest_first_then_late_ones_freshest_first():
    """Within the budget a draft can still be answered in time, so the one closest to missing it
    goes first; drafts already past it wait for a moment when none is in time, the freshest first."""
    runs = []
    now = time.monotonic()
    scheduler = DraftScheduler(max_wait=10, budget=0.5)
    for name, age in (("in-new", 0.01), ("late-old", 2.0), ("in-old", 0.2), ("late-new", 1.0), ("in-mid", 0.1)):
        scheduler.want(Queue(name, now - age, runs))
    await settle(scheduler)
    assert runs == ["in-old", "in-mid", "in-new", "late-new", "late-old"]


async def test_a_draft_past_max_wait_goes_before_fresher_ones_oldest_first():
    runs = []
    now = time.monotonic()
    scheduler = DraftScheduler(max_wait=0.1)
    for name, age in (("fresh", 0.001), ("stale", 0.3), ("staler", 0.5), ("mid", 0.05)):
        scheduler.want(Queue(name, now - age, runs))
    await settle(scheduler)
    assert runs == ["staler", "stale", "fresh", "mid"]


async def test_a_queue_whose_draft_went_is_dropped_and_a_failure_does_not_stop_the_others():
    runs = []
    now = time.monotonic()
    scheduler = DraftScheduler(budget=1.0)  # both within it: the older goes first
    scheduler.want(Queue("gone", None, runs))
    scheduler.want(Queue("fails", now - 0.01, runs, fail=True))
    scheduler.want(Queue("ok", now, runs))
    await settle(scheduler)
    assert runs == ["fails", "ok"]
    assert scheduler.waiting == 0


async def test_forget_removes_a_closing_connection():
    runs = []
    scheduler = DraftScheduler()
    q = Queue("closing", time.monotonic(), runs)
    scheduler.want(q)
    scheduler.forget(q)
    await settle(scheduler)
    assert runs == []


class Backlog(Queue):
    """A client with a backlog of distinct drafts: its head draft is always an old one."""

    def run_next_draft(self):
        self.runs.append(self.name)  # one answered, the next (just as old) is at the head


class Typist(Queue):
    """A busy typist: a fresh draft is always waiting (the server is saturated). Its versions
    arrive every `every` seconds, each announced with want(), as a connection does."""

    scheduler = None

    def type_now(self):
        self.arrived = time.monotonic()
        self.scheduler.want(self)

    def run_next_draft(self):
        self.runs.append(self.name)
        self.type_now()  # its next version is already queued, as a connection's would be


async def keep_typing(typists, seconds: float, every: float = 0.002, also=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for q in typists:
            q.type_now()
        for q in also:
            q.scheduler.want(q)
        await asyncio.sleep(every)


async def test_a_backlog_of_old_drafts_gets_one_turn_per_max_wait_while_others_type():
    runs = []
    scheduler = DraftScheduler(max_wait=0.1)
    flood = Backlog("flood", time.monotonic() - 5, runs)
    typists = [Typist(f"t{i}", None, runs) for i in range(3)]
    for q in (*typists, flood):
        q.scheduler = scheduler
    scheduler.want(flood)
    await keep_typing(typists, 0.5, also=[flood])
    for q in (*typists, flood):
        scheduler.forget(q)
    turns = runs.count("flood")
    assert 2 <= turns <= 7  # about one per max_wait, not one in every few dispatches
    assert len(runs) > 20 * turns


class Steady(Typist):
    """A typist whose waiting draft is always a little older than the fresh typist's, yet still
    within the budget: oldest-first alone would serve it every time."""

    def type_now(self):
        self.arrived = time.monotonic() - 0.003
        self.scheduler.want(self)


async def test_a_typist_always_overtaken_still_gets_a_turn_every_fair_every():
    runs = []
    scheduler = DraftScheduler(max_wait=10, fair_every=0.05, budget=0.01)
    steady = [Steady(f"s{i}", None, runs) for i in range(3)]
    fresh = Typist("fresh", None, runs)
    for q in (*steady, fresh):
        q.scheduler = scheduler
    await keep_typing([*steady, fresh], 0.5)
    for q in (*steady, fresh):
        scheduler.forget(q)
    assert runs.count("fresh") >= 5, runs.count("fresh")  # ~0.5 s / 0.05 s; without the rule, none
    assert min(runs.count(q.name) for q in steady) >= 5
