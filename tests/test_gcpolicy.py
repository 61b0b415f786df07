"""companion/server/gcpolicy.py: startup objects frozen, full collections on a timer instead of
CPython's automatic ones, and the defaults back after stop()."""

import asyncio
import gc

import pytest

from companion.server.gcpolicy import _NEVER, FullCollections

pytestmark = pytest.mark.asyncio


async def test_full_collections_run_on_the_timer_and_stop_restores_the_defaults():
    before = gc.get_threshold()
    policy = FullCollections(asyncio.get_running_loop(), every=0.05)
    try:
        policy.start()
        assert gc.get_freeze_count() > 0  # what existed at start is out of later collections
        assert gc.get_threshold()[2] == _NEVER and gc.get_threshold()[:2] == before[:2]
        full = gc.get_stats()[2]["collections"]
        await asyncio.sleep(0.3)
        assert gc.get_stats()[2]["collections"] >= full + 2  # the timer re-arms itself
    finally:
        policy.stop()
        gc.unfreeze()
    assert gc.get_threshold() == before
    full = gc.get_stats()[2]["collections"]
    await asyncio.sleep(0.15)
    assert gc.get_stats()[2]["collections"] == full  # no timer left behind
