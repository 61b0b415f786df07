"""A few seconds of bench/load.py in the suite: 10 clients typing 150-word drafts at 10 versions a
second plus page snapshots against a real `tactful serve`. The bench runs as its own process (the
suite imports nothing from bench/) and writes its report as JSON. Asserts behaviour, not timings:
no errors, no lost replies, every draft answered exactly once (feedback or `superseded`), and the
newest version of every client's draft got feedback."""

import json
import subprocess
import sys

from conftest import REPO


def test_short_load_run_has_no_errors_and_loses_no_reply(tmp_path):
    report_path = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "load.py"), "--bound", "interactive", "--clients", "10", "--duration", "3", "--rate", "10",
         "--words", "150", "--page-every", "1", "--warmup", "0", "--runs", "1", "--procs", "1", "--sent", "20",
         "--json", str(report_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    # The exit code also reflects the latency bound, which a test does not judge (bench/ prints it).
    assert report_path.exists(), done.stderr[-3000:]
    (report,) = json.loads(report_path.read_text(encoding="utf-8"))
    (run,) = report["runs"]
    assert run["errors"] == {}, run["errors"]
    assert run["lost"] == 0
    drafts = run["offered"]["draft"]
    assert drafts >= 10 * 25  # ~30 per client were offered
    answered = run["latency"]["draft"]["answered"] + run["superseded"]["count"]
    assert answered == drafts, (answered, drafts)
    assert run["latency"]["page"]["answered"] == run["offered"]["page"] > 0
    assert run["latency"]["draft"]["answered"] >= 10
    # The newest version of every client's draft got feedback (nothing newer could supersede it).
    assert run["last_version"] == {**run["last_version"], "clients": 10, "not_answered_with_feedback": 0}
    assert run["feedback_per_client_per_s"]["min"] > 0  # every typist saw feedback
