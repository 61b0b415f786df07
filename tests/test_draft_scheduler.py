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


async def test_the_freshest_waiting_draft_goes_first():
    runs = []
    now = time.monotonic()
    scheduler = DraftScheduler(max_wait=10)
    for name, age in (("a", 0.05), ("b", 0.001), ("c", 0.02)):
        scheduler.want(Queue(name, now - age, runs))
    await settle(scheduler)
    assert runs == ["b", "c", "a"]


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
    scheduler = DraftScheduler()
    scheduler.want(Queue("gone", None, runs))
    scheduler.want(Queue("fails", now, runs, fail=True))
    scheduler.want(Queue("ok", now - 0.01, runs))
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


async def test_every_busy_typist_gets_a_turn_every_fair_every_and_on_a_fresh_draft():
    runs = []
    scheduler = DraftScheduler(max_wait=10, fair_every=0.05, fresh=0.01)
    typists = [Typist(f"t{i}", None, runs) for i in range(5)]  # equally fresh: ties would always go one way
    for q in typists:
        q.scheduler = scheduler
    await keep_typing(typists, 0.5)
    for q in typists:
        scheduler.forget(q)
    counts = [runs.count(q.name) for q in typists]
    assert min(counts) >= 5, counts  # ~0.5 s / 0.05 s each, however the ties fall
