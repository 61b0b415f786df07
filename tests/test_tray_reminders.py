"""Reminders from the tray (companion.tray.reminders) and the Outreach window.

- What to show and notify, from companion.coach.due (the function behind `tactful history --due`),
  with the user's notified / snoozed / dismissed marks; no Qt, the clock set by the test.
- The marks in the log: `tactful history export` includes them, forget removes them.
- The real tray on a real X display (tests/reminders_scenario.py under Xvfb with trayer): one
  notification per due item, the menu's count, no repeat after a restart, snooze and dismiss, silence
  while paused or with reminders off, a click on the notification opens the profile, and the Outreach
  window's rows, sorting and state actions. With TACTFUL_UPDATE_SCREENSHOTS=1 it writes
  docs/img/tray-outreach.png.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.coach.outreach_view import RecipientLog, SentItem
from companion.store import LogDB
from companion.tray.reminders import due_now, notice, status_of, summary
from test_tray_xvfb import tray_host  # noqa: F401 - the fixture: trayer on the Xvfb display

HERE = Path(__file__).resolve().parent
NOW = 1_774_018_800_000  # 2026-03-20T15:00:00Z
DAY = 86_400_000


def person(slug, *sent_days_ago, **kw) -> RecipientLog:
    sent = tuple(SentItem(i, NOW - int(d * DAY), "message", i > 0) for i, d in enumerate(sent_days_ago))
    return RecipientLog(len(slug), slug, name=slug.title(), sent=sent, **kw)


PEOPLE = [person("ana", 8), person("bo", 40, 30, 20), person("cy", 3), person("ed", 9),
          person("di", 12, state="referred", state_at_ms=NOW - int(2.5 * DAY), replies=(NOW - 10 * DAY,))]


def test_what_is_due_oldest_first_and_what_to_notify():
    shown, fresh = due_now(PEOPLE, {}, NOW)
    assert [(r.slug, i.kind) for r, i in shown] == [("bo", "stop"), ("di", "update"), ("ed", "follow_up"),
                                                     ("ana", "follow_up")]
    assert fresh == shown  # nothing notified yet
    assert summary(shown) == "2 follow-ups due, 1 ask to let go, 1 update due"
    assert summary([]) == ""
    title, text, url = notice(*shown[2])
    assert title == "Follow up: Ed" and text.startswith("No reply since 2026-03-11") and url.endswith("/in/ed/")


def test_a_reply_waiting_for_an_answer_is_a_reminder():
    fay = person("fay", 9, replies=(NOW - 2 * DAY,))
    shown, fresh = due_now([fay, person("cy", 3)], {}, NOW)
    assert [(r.slug, i.kind) for r, i in shown] == [("fay", "answer")] and fresh == shown
    assert summary(shown) == "1 reply to answer"
    title, text, url = notice(*shown[0])
    assert title == "Answer them: Fay" and text.startswith("Replied on 2026-03-18: answer them")


def test_notified_snoozed_and_dismissed_marks():
    shown, _ = due_now(PEOPLE, {}, NOW)
    items = {r.slug: i for r, i in shown}
    marks = {"ana": ("follow_up", items["ana"].since_ms, "notified", None),
             "ed": ("follow_up", items["ed"].since_ms, "snoozed", NOW + DAY),
             "bo": ("stop", items["bo"].since_ms, "dismissed", None),
             "di": ("follow_up", 1, "dismissed", None)}  # about an older item: means nothing now
    shown, fresh = due_now(PEOPLE, marks, NOW)
    assert [r.slug for r, _ in shown] == ["di", "ana"] and [r.slug for r, _ in fresh] == ["di"]
    # A day later the snooze ran out: Ed is shown and notified again.
    shown, fresh = due_now(PEOPLE, marks, NOW + DAY)
    assert [r.slug for r, _ in fresh] == ["di", "ed"]
    assert status_of(items["ed"], marks["ed"], NOW + DAY - 1) == "snoozed"
    assert status_of(items["ed"], marks["ed"], NOW + DAY) is None


def history(folder, *args):
    r = subprocess.run([sys.executable, "-m", "companion", "history", *args, "--data-dir", str(folder)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_export_includes_the_reminder_marks_and_forget_removes_them(tmp_path):
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    for slug in ("ana", "bo"):
        db.record_sent(slug, "message", f"Hi {slug}, would you refer me?", NOW - 8 * DAY, NOW)
    db.set_reminder("ana", "follow_up", NOW - DAY, "snoozed", NOW + DAY)
    db.set_reminder("bo", "follow_up", NOW - DAY, "notified")
    db.set_reminder("nobody", "follow_up", NOW, "notified")  # not in the log: nothing stored
    assert set(db.reminders()) == {"ana", "bo"}
    db.close()
    people = {p["slug"]: p for p in json.loads(history(folder, "export", "-"))["recipients"]}
    assert people["ana"]["reminder"] == {"kind": "follow_up", "since": "2026-03-19T15:00:00Z", "status": "snoozed",
                                         "until": "2026-03-21T15:00:00Z"}
    assert people["bo"]["reminder"]["status"] == "notified"
    history(folder, "forget", "--recipient", "ana")
    db = LogDB.in_dir(folder)
    assert set(db.reminders()) == {"bo"}
    db.close()
    history(folder, "forget", "--all", "--yes")
    db = LogDB.in_dir(folder)
    assert db.conn.execute("SELECT count(*) FROM reminders").fetchone()[0] == 0
    db.close()


@pytest.mark.tray
def test_reminders_from_the_real_tray(tray_host, tmp_path):
    out, shot = tmp_path / "result.json", tmp_path / "tray-outreach.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # xcb, the real thing
    env["NO_AT_BRIDGE"] = "1"
    r = subprocess.run([sys.executable, str(HERE / "reminders_scenario.py"), str(out), "--outreach-screenshot",
                        str(shot)], env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(out.read_text())
    assert res["platform"] == "xcb" and res["tray_available"] and res["docked"]
    # One notification per due item, oldest first, one per check; then nothing more.
    assert res["first_check"] == ["Let it go: Bo Chen at Figma"] and res["balloon_after_first"]
    assert res["more_checks"] == ["Update them: Di Ng at Loom", "Follow up: Ed Roy at Vox",
                                  "Follow up: Ana Lopez at Stripe"]
    assert res["menu_outreach"] == "Outreach: 2 follow-ups due, 1 ask to let go, 1 update due…"
    # A click on the notification on screen opens that person's profile, in the recorder.
    assert res["opened"] == ["https://www.linkedin.com/in/ana-lopez/"]
    # The Outreach window: `tactful history`'s columns and order, sortable by a header click.
    assert [row[0] for row in res["outreach_rows"]] == ["Cy Park", "Ana Lopez", "Ed Roy", "Di Ng", "Bo Chen"]
    assert res["outreach_rows"][1] == ["Ana Lopez", "Stripe", "Staff Engineer", "asked", "2026-03-12", "follow up"]
    assert res["outreach_rows"][0][5] == "follow up from 2026-03-24"
    names = sorted(row[0] for row in res["outreach_rows"])
    assert res["sorted_by_who"] == [names, names[::-1]]
    # The buttons act on a selected person: none is enabled without one.
    assert res["buttons_without_selection"] == []
    assert res["buttons_with_selection"] == sorted(["Open in browser", "Agreed", "Declined", "Referred", "Hired",
                                                    "Closed", "Snooze a day", "Dismiss"])
    # State action, snooze, dismiss, open.
    after = res["outreach_after"]
    assert after["Di Ng"] == ["agreed", "2026-03-10", "thank them"]
    assert after["Ed Roy"][2] == "follow up (snoozed)" and after["Bo Chen"][2] == "let it go (dismissed)"
    assert res["opened_from_window"] == "https://www.linkedin.com/in/cy-park/"
    assert res["after_actions"] == ["Thank them: Di Ng at Loom"]  # a new item: notified once
    assert res["menu_after_actions"] == "Outreach: 1 follow-up due, 1 thank-you due…"
    # A second tray over the same data dir repeats nothing; the snooze runs out after a day.
    assert res["restart_check"] == [] and res["after_snooze"] == ["Follow up: Ed Roy at Vox"]
    # Paused or reminders off: silence (the count stays in the menu); back on: Cy, once.
    assert res["while_paused"] == [] and res["while_off"] == [] and res["setting_after_off"] is False
    assert res["menu_while_off"] == "Outreach: 3 follow-ups due, 1 thank-you due…"
    assert res["back_on"] == ["Follow up: Cy Park at Kite"]
    # The state the window set is in the log, as `tactful history` reads it.
    rows = {e["recipient"]["slug"]: e for e in json.loads(history(res["data_dir"], "--json"))}
    assert rows["di-ng"]["state"] == "agreed" and rows["di-ng"]["due"]["kind"] == "thank"
    assert shot.exists() and shot.stat().st_size > 5000
    if os.environ.get("TACTFUL_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, HERE.parent / "docs" / "img" / "tray-outreach.png")
    shutil.rmtree(res["data_dir"], ignore_errors=True)
