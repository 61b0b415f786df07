"""Reminders from the tray, without Qt: what is due now (companion.coach.due, the function behind
`tactful history --due` and the coach), which of it to notify, and the user's snooze / dismiss.

A person's `reminders` row (docs/tray.md) names the due item it is about (kind, since): a row about
an older item means nothing, so a new item (the next follow-up) is notified once again.
"""

from collections import Counter

from companion.coach.due import DAY_MS, due
from companion.coach.outreach_view import iso

SNOOZE_MS = DAY_MS
LABELS = {"follow_up": ("follow-up due", "follow-ups due"), "stop": ("ask to let go", "asks to let go"),
          "thank": ("thank-you due", "thank-yous due"), "update": ("update due", "updates due"),
          "answer": ("reply to answer", "replies to answer")}


def status_of(item, mark, now_ms: int) -> str | None:
    """What the user did about this due item: notified, snoozed (still running) or dismissed; None
    when it was not notified yet (or its snooze ran out)."""
    if mark is None or (mark[0], mark[1]) != (item.kind, item.since_ms):
        return None
    return None if mark[2] == "snoozed" and mark[3] <= now_ms else mark[2]


def due_now(people, marks: dict, now_ms: int):
    """(items due now and not set aside, oldest first; those of them to notify), as (person, Due)."""
    shown = []
    for rec in people:
        item = due(rec, now_ms)
        if item is not None and item.is_due(now_ms):
            status = status_of(item, marks.get(rec.slug), now_ms)
            if status not in ("snoozed", "dismissed"):
                shown.append((rec, item, status))
    shown.sort(key=lambda x: x[1].since_ms)
    return [(r, i) for r, i, _ in shown], [(r, i) for r, i, s in shown if s is None]


def summary(items) -> str:
    """'3 follow-ups due, 1 thank-you due' for the menu; '' when nothing is due."""
    counts = Counter(item.kind for _, item in items)
    return ", ".join(f"{counts[k]} {LABELS[k][counts[k] != 1]}" for k in LABELS if counts[k])


def notice(rec, item) -> tuple[str, str, str]:
    """A notification's title and text (the CLI's words), and the profile URL a click opens."""
    from companion.cli.history_cmd import NEXT, WHY, profile_link, who

    why = WHY[item.kind].format(last=iso(item.last_ms)[:10])
    return (f"{NEXT[item.kind].capitalize()}: {who(rec)}", f"{why[0].upper()}{why[1:]}. Click to open their profile.",
            profile_link(rec))


class Reminders:
    """The running companion's outreach log as the tray uses it (every write on its writer thread)."""

    def __init__(self, controller, clock):
        self.controller, self.clock = controller, clock

    def _run(self, fn, *args):
        return self.controller.runner.call(fn, *args, timeout=10)

    def _people_and_marks(self):
        store = self.controller.store()
        return (store.view().all(), self._run(store.run, lambda db: db.reminders())) if store else ([], {})

    def review(self):
        """due_now() for the log as it is now; nothing when the companion is not running."""
        return due_now(*self._people_and_marks(), self.clock())

    def pipeline(self):
        """Everyone as `tactful history` lists them (most recent contact first), each with what the
        user did about their due item (snoozed, dismissed, else None)."""
        from companion.commands.outreach import entry

        people, marks = self._people_and_marks()
        now = self.clock()
        rows = []
        for rec in people:
            item = due(rec, now)
            status = status_of(item, marks.get(rec.slug), now) if item else None
            rows.append((entry(rec, now), status if status in ("snoozed", "dismissed") else None))
        return rows

    def mark(self, slug: str, status: str) -> None:
        """Note that this person's current due item was notified, snoozed (a day) or dismissed."""
        store, now = self.controller.store(), self.clock()
        item = due(store.view().recipient(slug), now)
        if item is not None:
            until = now + SNOOZE_MS if status == "snoozed" else None
            self._run(store.run, lambda db: db.set_reminder(slug, item.kind, item.since_ms, status, until))

    def set_state(self, slug: str, state: str) -> None:
        """What came of the ask: the same LogDB.update that `tactful history set` runs."""
        now = self.clock()
        self._run(self.controller.store().run, lambda db: db.update(slug, now, state=state))
