"""Worst-case inputs cost linear work: 10x the input must cost well under 20x (issue 14 item 1).

A regex that backtracks (nested or adjacent quantifiers over overlapping classes) turns a run of
one character into quadratic work: 100,000 dots froze the event loop for minutes. These tests run
the real pipelines (the coach with its tone model, the store's fingerprint, the page parser) on
runs of punctuation, spaces, emoji, combining marks, brackets and one long word, and compare the
CPU time of n and 10n characters. Robust on a loaded machine: CPU time of this process (not wall
time), the minimum of several runs, each on a fresh text so no cache answers; a linear cost gives
a ratio near 10, a quadratic one near 100, and the bound is 20.
"""

import asyncio
import gc
import itertools
import json
import time
import urllib.request
from pathlib import Path

import pytest

from companion.coach import CoachContext, analyze
from companion.pages import parse_snapshot
from companion.store.fingerprint import shingles
from conftest import pair_and_connect, recv_json
from resilience_fuzzing import WORST_CASE_UNITS as UNITS

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
_salt = itertools.count()


def run(unit: str, n: int, tail: str = "x") -> str:
    """A fresh text: a unique word (so no cache answers), then `unit` repeated to n characters."""
    return f"q{next(_salt)}z " + (unit * (n // len(unit) + 1))[:n] + tail


def cpu(fn, unit: str, n: int, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        text = run(unit, n)
        # The collector is paused for the timed call only: its full collections scan the whole
        # pytest heap, a cost of the process's size, not of the input, which made a linear
        # analysis look 22x slower at 10x the input.
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            fn(text)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return max(best, 1e-4)  # below the clock's useful resolution, the ratio means nothing


def assert_linear(fn, unit: str, n: int) -> None:
    small, big = cpu(fn, unit, n), cpu(fn, unit, 10 * n)
    assert big / small < 20, f"{unit!r}: {n} chars {small * 1e3:.1f} ms, {10 * n} chars {big * 1e3:.1f} ms"


CTX = CoachContext(surface="message", recipient_name="Dana Lee", company="Acme")


@pytest.mark.parametrize("shape", UNITS)
def test_coach_analysis_grows_linearly(shape):
    assert_linear(lambda text: analyze(text, CTX), UNITS[shape], 3_000)


def test_coach_analysis_of_one_long_word_grows_linearly():
    assert_linear(lambda text: analyze(text, CTX), "a", 100_000)  # 10x: a 1 MiB word


@pytest.mark.parametrize("shape", ["dots", "spaces", "newlines", "emoji", "combining", "apostrophes", "sentences"])
def test_sent_message_fingerprint_grows_linearly(shape):
    assert_linear(shingles, UNITS[shape], 10_000)


PAGE = (FIXTURES / "sdui_profile_2nd.html").read_text(encoding="utf-8")


def _page_with(text: str) -> str:
    """The text where a profile shows people's own words, and as a link."""
    block = f'<section><h2>About</h2><p>{text}</p><a href="/in/{text}/">{text}</a><time>{text}</time></section>'
    return PAGE.replace("</main>", block + "</main>", 1)


@pytest.mark.parametrize("shape", ["dots", "spaces", "dashes", "open-brackets", "emoji", "combining"])
def test_page_parse_grows_linearly(shape):
    assert_linear(lambda text: parse_snapshot("https://www.linkedin.com/in/x/", _page_with(text)), UNITS[shape],
                  20_000)


def _health(url: str) -> int:
    with urllib.request.urlopen(url, timeout=15) as resp:
        return resp.status


@pytest.mark.asyncio
async def test_a_draft_of_100000_dots_does_not_block_health(companion_server):
    """The reported freeze, through a real server: /v1/health answered while the draft is analysed."""
    ws = await pair_and_connect(companion_server)
    try:
        await ws.send(json.dumps({"type": "draft", "id": 1, "surface": "message", "text": "." * 100_000,
                                  "version": 1}))
        # A thread asks, so the event loop under test is free to serve it (it took 229 s before).
        assert await asyncio.to_thread(_health, companion_server.http("/v1/health")) == 200
        reply = await recv_json(ws, timeout=30)
        assert reply["id"] == 1 and reply["success"], reply
    finally:
        await ws.close()
