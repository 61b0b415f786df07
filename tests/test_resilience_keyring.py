"""The keyring locked or gone after the companion started: credential operations fail with a
clear error, and feedback (and the outreach log) keep working.

The scenario runs in its own `dbus-run-session` with its own gnome-keyring-daemon
(tests/resilience_keyring_scenario.py), so killing that daemon cannot disturb the Secret Service
other tests use. After the kill, D-Bus activation starts a fresh daemon whose login keyring is
locked (there is no one to type the password), so this covers "gone" and "locked" at once.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = [pytest.mark.keyring, pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon")]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("work")
    # No display either: the scenario is a headless machine, where a keyring re-activated after
    # its daemon died cannot show an unlock prompt (under xvfb-run it would, and wait forever).
    env = {k: v for k, v in os.environ.items()
           if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), PYTHONUNBUFFERED="1")
    out = subprocess.run(["dbus-run-session", "--", sys.executable, str(REPO / "tests" / "resilience_keyring_scenario.py"),
                          str(work)], capture_output=True, text=True, timeout=240, env=env, cwd=REPO)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert out.returncode == 0 and lines, out.stderr[-3000:]
    return json.loads(lines[-1])


def test_before_the_keyring_goes_credentials_work(report):
    before = report["before"]
    if before["secrets_set"]["rc"] != 0:
        pytest.skip(f"no working Secret Service in this session: {before['secrets_set']['stderr'][:200]}")
    assert before["history_text_on"]["rc"] == 0
    assert before["sent"]["success"] and before["sent"]["result"]["text_stored"] is True


def test_credential_operations_then_fail_with_a_clear_error(report):
    for op in ("secrets_set", "secrets_list"):
        result = report["after"][op]
        assert result["rc"] not in (0, None), result  # failed, and did not hang
        assert "keyring" in result["stderr"].lower() and "Traceback" not in result["stderr"], result["stderr"]
        assert "value-2" not in result["stderr"] + result["stdout"]  # the secret is never echoed


def test_feedback_and_the_log_keep_working_without_the_keyring(report):
    after = report["after"]
    assert after["draft"]["success"] and after["draft"]["result"]["version"] == 1
    assert after["draft_again"]["success"] and after["draft_again"]["result"]["version"] == 2
    assert after["sent"]["success"] and after["sent"]["result"]["recorded"] is True
    assert report["serve_rc"] == 0 and "Traceback" not in report["serve_log"]


def test_a_restart_without_the_keyring_says_what_is_off_and_still_coaches(report):
    restart = report["restart"]
    assert restart["rc"] == 0
    assert "keyring: not available" in restart["log"] and "still working: the coach" in restart["log"]
    assert restart["draft"]["success"]
    sent = restart["sent"]
    assert sent["success"] and sent["result"]["recorded"] is True and sent["result"]["text_stored"] is False
