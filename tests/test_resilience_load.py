"""A few seconds of bench/load.py in the suite: 10 clients typing 150-word drafts at 10 versions a
second plus page snapshots against a real `tactful serve`. Asserts behaviour, not timings: no
errors, no lost replies, every draft answered exactly once (feedback or `superseded`), and the
newest version of every client's draft got feedback."""

import glob
import json
import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import load  # noqa: E402  (bench/load.py: the same code as the long run)

pytestmark = pytest.mark.asyncio


async def test_short_load_run_has_no_errors_and_loses_no_reply(tmp_path, monkeypatch, capsys):
    # The companion runs with bench/trace's hook, which records every draft it analyses.
    monkeypatch.setenv("TACTFUL_TRACE", str(tmp_path / "trace"))
    monkeypatch.setenv("PYTHONPATH", str(REPO / "bench" / "trace"))
    companion = load.Companion(tmp_path / "data").start()
    sockets = []
    try:
        sockets = await load.connect_clients(companion, 10)
        stats = await load.run_once(sockets, 1, duration=3.0, rate=10, words=150, page_every=1.0,
                                    pid=companion.pid)
    finally:
        for ws in sockets:
            await ws.close()
        assert companion.stop() == 0  # and it shut down cleanly
    summary = stats.summary()
    print(summary)
    assert stats.errors == {}, stats.errors
    assert stats.lost == 0
    drafts = stats.offered["draft"]
    assert drafts >= 10 * 25  # ~30 per client were offered
    answered = len(stats.latency_ms.get("draft", [])) + len(stats.superseded_ms)
    assert answered == drafts, (answered, drafts)
    assert len(stats.latency_ms.get("page", [])) == stats.offered["page"] > 0
    assert len(stats.latency_ms["draft"]) >= 10
    # The newest version of every client's draft got feedback (nothing newer could supersede it).
    assert stats.final_not_feedback == 0 and len(stats.final_ms) == 10
    assert len(stats.feedback_per_client) == 10 and min(stats.feedback_per_client) >= 1
    # bench/trace saw every analysed draft: one per feedback answer (the rest were superseded).
    traces = glob.glob(str(tmp_path / "trace") + ".*")
    assert len(traces) == 1  # the companion's; its page parser analyses nothing and writes none
    records = json.loads(open(traces[0]).read())["drafts"]
    assert len(records) == len(stats.latency_ms["draft"])
    assert all(arrived <= started <= ended for arrived, started, ended, _waiting in records)
    import trace_report

    assert trace_report.main([str(tmp_path / "trace"), "--skip", "0", "--drain", "0"]) == 0
    assert f"drafts analysed: {len(records)}" in capsys.readouterr().out
