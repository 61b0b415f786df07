"""The tray on a real X display (Xvfb) with a real tray host (trayer).

tests/tray_scenario.py runs in a subprocess (Qt allows one platform per process; the in-process
tray tests use `offscreen`) and reports what it saw; this test judges it: the icon docked and is
painted in the state's colour on screen, the menu opens, Pair a browser shows a code that pairs a
real WebSocket client, Pause stops feedback, Erase empties the log, Quit stops the companion.

Marked `tray`; skipped when PySide6, DISPLAY or trayer is missing (CI has all three: .ci/run
runs the suite under xvfb-run and dbus-run-session).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.tray
HERE = Path(__file__).resolve().parent


@pytest.fixture
def tray_host():
    pytest.importorskip("PySide6.QtWidgets", reason="PySide6 is not installed (pip install '.[tray]')")
    if not os.environ.get("DISPLAY"):
        pytest.skip("no DISPLAY: run under xvfb-run (CI does)")
    if not shutil.which("trayer"):
        pytest.skip("trayer (a system tray host) is not installed")
    proc = subprocess.Popen(["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                             "--height", "24", "--SetDockType", "true", "--transparent", "false",
                             "--tint", "0x303030"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # the scenario itself waits until Qt sees the tray
    if proc.poll() is not None:
        pytest.skip("trayer could not start on this display")
    yield proc
    proc.terminate()
    proc.wait(10)


def test_tray_on_a_real_display(tray_host, tmp_path):
    out = tmp_path / "result.json"
    shot = tmp_path / "tray-menu.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # xcb, the real thing
    env["NO_AT_BRIDGE"] = "1"
    r = subprocess.run([sys.executable, str(HERE / "tray_scenario.py"), str(out), "--screenshot", str(shot)],
                       env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(out.read_text())
    assert res["platform"] == "xcb"
    assert res["tray_available"] and res["started"] and res["docked"] and res["icon_visible"]
    assert res["icon_geometry"][2] > 0 and res["icon_geometry"][3] > 0
    # The icon is really painted in the tray, in each state's colour (about half of its square is
    # the coloured disc; the control colour is absent).
    for key in ("running_colour_share", "connected_colour_share", "paused_colour_share"):
        assert res[key] > 0.25, (key, res[key])
    assert res["running_error_colour_share"] < 0.05
    assert res["pair_window_visible"] and res["paired"] == "paired" and res["notified"]
    assert res["draft_before_pause"] is True
    assert res["paused_event"] == {"paused": True} and res["draft_while_paused"] == "paused"
    assert res["draft_after_resume"] is True
    assert (res["entries_before_erase"], res["entries_after_erase"]) == (1, 0)
    assert res["menu_visible"] and res["menu_geometry"][3] > 100
    assert shot.exists() and shot.stat().st_size > 1000
    assert res["stopped"]
