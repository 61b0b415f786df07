"""The tray's reminders on a real X display with a real tray host: one scripted session, run as a
subprocess (Qt allows one platform per process; the in-process tray tests use `offscreen`).

    python tests/reminders_scenario.py RESULT.json [--outreach-screenshot PNG]

Needs DISPLAY (Xvfb) with a system tray (trayer) running. The clock is the scenario's: the log is
seeded relative to NOW and each tray gets `clock=`. It records what a user would see (notification
titles, the menu's count, the Outreach window's rows) into RESULT.json for
tests/test_tray_reminders.py to judge. Nothing opens a real browser: clicks go to a recorder.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tray_support
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # companion, when not installed

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion import settings  # noqa: E402
from companion.store import LogDB  # noqa: E402
from companion.tray.actions import TrayController  # noqa: E402
from companion.tray.app import TrayApp  # noqa: E402
from tray_scenario import pump, start_app  # noqa: E402
from tray_support import runner_on_free_port  # noqa: E402

NOW = int(datetime(2026, 3, 20, 15, 0, tzinfo=timezone.utc).timestamp() * 1000)
DAY = 86_400_000
ASK = "Hi {}, would you be open to referring me for the platform role at {}?"


def seed(data: Path) -> None:
    """Ana: note 8 days ago (follow up); Bo: two unanswered follow-ups (let it go); Cy: 3 days ago
    (too soon); Di: referred 2.5 days ago (update them); Ed: note 9 days ago (follow up)."""
    db = LogDB.in_dir(data)
    db.record_sent("ana-lopez", "message", ASK.format("Ana", "Stripe"), NOW - 8 * DAY, NOW,
                   url="https://www.linkedin.com/in/ana-lopez/", name="Ana Lopez", company="Stripe",
                   role="Staff Engineer")
    for i, days in enumerate((40, 30, 20)):
        db.record_sent("bo-chen", "follow_up" if i else "message", f"Hi Bo, note {i}.", NOW - days * DAY, NOW,
                       name="Bo Chen", company="Figma", role="Engineering Manager")
    db.record_sent("cy-park", "message", ASK.format("Cy", "Kite"), NOW - 3 * DAY, NOW, name="Cy Park", company="Kite",
                   role="Data Lead")
    db.record_sent("di-ng", "message", ASK.format("Di", "Loom"), NOW - 12 * DAY, NOW, name="Di Ng", company="Loom",
                   role="Recruiter")
    db.record_replies("di-ng", [NOW - 10 * DAY])
    db.update("di-ng", NOW - int(2.5 * DAY), state="referred")
    db.record_sent("ed-roy", "message", ASK.format("Ed", "Vox"), NOW - 9 * DAY, NOW, name="Ed Roy", company="Vox",
                   role="Platform Lead")
    db.close()


class Session:
    """One tray companion over the data dir, with the scenario's clock and a URL recorder."""

    def __init__(self, app, data: Path, clock: list):
        self.app = app
        self.opened: list[str] = []
        self.ctl = TrayController(data, runner_factory=runner_on_free_port)
        assert self.ctl.start(), self.ctl.error
        self.tray = TrayApp(self.ctl, quit_app=lambda: None, opener=lambda p: None, browse=self.opened.append,
                            clock=lambda: clock[0])
        pump(app, lambda: self.tray.state.running)

    def check(self, times: int = 1) -> list[str]:
        """Run the reminder check `times` times; the titles of the notifications it raised."""
        before = len(self.tray.notifications)
        for _ in range(times):
            self.tray.check_reminders()
            self.app.processEvents()
        return [t for t, _ in self.tray.notifications[before:]]

    def quit(self) -> None:
        self.tray.quit_action.trigger()


def balloon():
    return next((w for w in QApplication.topLevelWidgets()
                 if w.metaObject().className() == "QBalloonTip" and w.isVisible()), None)


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def select(window, who: str) -> None:
    table = window.table
    table.selectRow(next(r for r in range(table.rowCount()) if table.item(r, 0).text() == who))


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    shot = Path(argv[argv.index("--outreach-screenshot") + 1]) if "--outreach-screenshot" in argv else None
    res: dict = {}
    app = start_app(res)
    data = Path(tempfile.mkdtemp(prefix="tactful-reminders-"))
    seed(data)
    clock = [NOW]

    s = Session(app, data, clock)
    res["docked"] = pump(app, lambda: not s.tray.tray.geometry().isEmpty(), 10)
    res["first_check"] = s.check()
    res["balloon_after_first"] = balloon() is not None
    res["more_checks"] = s.check(5)
    s.tray.menu.popup(s.tray.tray.geometry().bottomLeft())  # opening the menu refreshes the count
    pump(app, s.tray.menu.isVisible, 5)
    res["menu_outreach"] = s.tray.outreach_action.text()
    s.tray.menu.hide()

    # A click on the notification on screen opens that person's profile (Ana, the last one shown).
    tip = balloon()
    res["clicked_balloon"] = tip is not None
    if tip is not None:
        QTest.mouseClick(tip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    else:  # a desktop notification service shows it instead: Qt reports its click the same way
        s.tray.tray.messageClicked.emit()
    pump(app, lambda: bool(s.opened), 5)
    res["opened"] = list(s.opened)

    # The Outreach window: the table, sorting, the state actions, snooze and dismiss.
    s.tray.outreach_action.trigger()
    w = s.tray.outreach_window
    pump(app, w.isVisible, 5)
    res["outreach_rows"] = rows(w.table)
    w.table.clearSelection()
    res["buttons_without_selection"] = sorted(label for label, b in w.buttons.items() if b.isEnabled())
    select(w, "Ana Lopez")
    res["buttons_with_selection"] = sorted(label for label, b in w.buttons.items() if b.isEnabled())
    header = w.table.horizontalHeader()
    for _ in range(2):  # a click on the "Who" header sorts by it; a second one reverses
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
        res.setdefault("sorted_by_who", []).append([r[0] for r in rows(w.table)])
    select(w, "Di Ng")
    w.buttons["Agreed"].click()
    select(w, "Ed Roy")
    w.buttons["Snooze a day"].click()
    select(w, "Bo Chen")
    w.buttons["Dismiss"].click()
    select(w, "Cy Park")
    w.buttons["Open in browser"].click()
    res["outreach_after"] = {r[0]: r[3:] for r in rows(w.table)}
    res["opened_from_window"] = s.opened[-1]
    if shot is not None:
        select(w, "Ana Lopez")
        pump(app, lambda: False, 0.5)
        w.grab().save(str(shot))
    w.close()
    res["after_actions"] = s.check(3)  # Di agreed: thanking her is a new item, notified once
    res["menu_after_actions"] = s.tray.outreach_action.text()
    s.quit()

    # A restart over the same data dir repeats nothing; a snooze that ran out reminds again.
    clock[0] = NOW + 3_600_000
    s = Session(app, data, clock)
    res["restart_check"] = s.check(3)
    clock[0] = NOW + 25 * 3_600_000
    res["after_snooze"] = s.check(3)

    # Cy's note turns a week old: nothing while coaching is paused or reminders are off.
    clock[0] = NOW + 5 * DAY
    s.tray.pause_action.trigger()
    pump(app, lambda: s.tray.state.paused)
    res["while_paused"] = s.check(3)
    s.tray.pause_action.trigger()
    pump(app, lambda: not s.tray.state.paused)
    s.tray.reminders_action.trigger()  # unchecks "Remind me of what is due"
    res["setting_after_off"] = settings.load(data).reminders
    res["while_off"] = s.check(3)
    res["menu_while_off"] = s.tray.outreach_action.text()
    s.tray.reminders_action.trigger()
    res["back_on"] = s.check(3)
    s.quit()
    res["data_dir"] = str(data)
    out.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
