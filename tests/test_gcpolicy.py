"""companion/server/gcpolicy.py: startup objects frozen, full collections from the event loop when
the companion is idle (or at the latest every AT_MOST seconds), and the defaults back after stop()."""

import asyncio
import gc
import time

import pytest

from companion.server.gcpolicy import _NEVER, MIDDLE_EVERY, FullCollections

pytestmark = pytest.mark.asyncio


async def run_policy(seconds: float, **kwargs) -> FullCollections:
    policy = FullCollections(asyncio.get_running_loop(), check_every=0.02, **kwargs)
    try:
        policy.start()
        assert gc.get_freeze_count() > 0  # what existed at start is left out of later collections
        assert gc.get_threshold()[2] == _NEVER  # no automatic full collection
        assert gc.get_threshold()[1] == MIDDLE_EVERY == 1  # short middle collections, five times as often
        middle = gc.get_stats()[1]["collections"]
        young = gc.get_stats()[0]["collections"]
        garbage = [[i] for i in range(20_000)]  # enough allocations for several young collections
        del garbage
        middle, young = gc.get_stats()[1]["collections"] - middle, gc.get_stats()[0]["collections"] - young
        assert young > 4 and 2 * middle >= young - 2  # one middle collection per two young ones (default: per ten)
        await asyncio.sleep(seconds)
    finally:
        policy.stop()
        gc.unfreeze()
    return policy


async def test_idle_companion_collects_and_stop_restores_the_defaults():
    before = gc.get_threshold()
    full = gc.get_stats()[2]["collections"]
    policy = await run_policy(0.4, every=0.05, idle=0.05, at_most=100)
    assert policy.collections >= 2
    assert gc.get_stats()[2]["collections"] >= full + policy.collections
    assert gc.get_threshold() == before
    done = gc.get_stats()[2]["collections"]
    await asyncio.sleep(0.1)
    assert gc.get_stats()[2]["collections"] == done  # no timer left behind


async def test_busy_companion_waits_for_at_most():
    busy = await run_policy(0.3, last_activity=time.monotonic, every=0.01, idle=0.05, at_most=100)
    assert busy.collections == 0  # a draft was analysed "just now" at every check
    capped = await run_policy(0.3, last_activity=time.monotonic, every=0.01, idle=0.05, at_most=0.1)
    assert capped.collections >= 1
