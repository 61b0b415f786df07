"""What is due for one person in the outreach log, and from when: the one place that decides, so the
rules, the extension and `tactful history --due` agree (docs/rules.md, "What is due"). Times are ms, UTC.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from protocol.outreach import DueKind

from companion.coach.outreach_view import RecipientLog, SentItem

WAIT_DAYS = 7
LATE_DAYS = 14
COLD_DAYS = 60  # after two months unanswered a reminder makes no sense: write afresh, or not at all
MAX_FOLLOW_UPS = 2
DAY_MS = 86_400_000
FINISHED = frozenset({"declined", "hired", "closed"})
THANK_KIND = {"agreed": "thank", "referred": "update"}
DONE = {"agreed": "agreed to refer you", "referred": "referred you"}


@dataclass(frozen=True)
class Due:
    kind: DueKind
    since_ms: int  # from when it is due (may be in the future: "too soon" before then)
    last_ms: int  # the message (or state change) the clock runs from
    unanswered: int = 0  # the user's messages after their last reply
    late: bool = False  # a follow-up past LATE_DAYS

    def is_due(self, now_ms: int) -> bool:
        return self.since_ms <= now_ms

    def days(self, now_ms: int) -> float:
        return (now_ms - self.last_ms) / DAY_MS


def follow_up_due(unanswered: list[int], now_ms: int) -> Due | None:
    """The follow-up item for the user's unanswered message times (oldest first), or None."""
    if not unanswered:
        return None
    last = unanswered[-1]
    if len(unanswered) > MAX_FOLLOW_UPS:  # the first message and MAX_FOLLOW_UPS follow-ups went unanswered
        return Due("stop", last + WAIT_DAYS * DAY_MS, last, len(unanswered))
    return Due("follow_up", last + WAIT_DAYS * DAY_MS, last, len(unanswered),
               late=now_ms - last >= LATE_DAYS * DAY_MS)


def waiting_on(sent: Iterable[SentItem], accepted: bool = False) -> list[int]:
    """Times of the user's messages that wait for an answer, oldest first. A connection note is
    answered by its acceptance, which shows as a message sent after it (LinkedIn lets you message
    only your connections) or as `accepted` (the draft is a message to them now); not when the message
    after it was a follow-up: the note held the ask, and acceptance is no answer to it."""
    out: list[int] = []
    chased = False  # the item after this one (in time) was a follow-up
    for s in reversed(tuple(sent)):
        if s.surface != "connection_note" or not accepted or chased:
            out.append(s.at_ms)
        accepted = accepted or s.surface in ("message", "follow_up")
        chased = s.follow_up
    return out[::-1]


def unanswered(sent: list[int], replies: Iterable[int], now_ms: int) -> tuple[list[int], int | None]:
    """The user's message times after the other person's last reply, and that reply. Nothing later
    than now counts: a clock set back must not produce negative waits."""
    last_reply = max((t for t in replies if t <= now_ms), default=None)
    return [t for t in sent if t <= now_ms and (last_reply is None or t > last_reply)], last_reply


def replied_at(rec: RecipientLog) -> int | None:
    """When they answered the user's last message (their first reply after it), else None."""
    last = rec.last_sent_ms
    return next((t for t in rec.replies if last is None or t > last), None)


def state_of(rec: RecipientLog) -> str:
    """The state to show: `replied` for an open ask they answered; the user's choice otherwise."""
    return "replied" if rec.state == "asked" and replied_at(rec) is not None else rec.state


def due(rec: RecipientLog, now_ms: int) -> Due | None:
    """What is (or will become) due for this person; None when nothing is. Once the user has taken a
    job (an ask marked hired), an ask still waiting is not chased any more, and whoever agreed to refer
    or referred them before that hears where things stand."""
    if rec.state in FINISHED:
        return None
    hired = rec.hired_ms
    if hired is not None and not any(s.at_ms > hired for s in rec.sent):
        if rec.state in THANK_KIND and (rec.state_at_ms or 0) <= hired:
            return Due("update", hired, hired)
        if rec.state == "asked" and replied_at(rec) is None:
            return None
    if rec.state in THANK_KIND:  # due unless something was sent to them since they agreed or referred
        if rec.state_at_ms is None or any(s.at_ms > rec.state_at_ms for s in rec.sent):
            return None
        return Due(THANK_KIND[rec.state], rec.state_at_ms, rec.state_at_ms)
    answered = replied_at(rec)
    if answered is not None and answered <= now_ms:  # they wrote back to the user's last message: answer them
        return Due("answer", answered, answered)
    return follow_up_due(unanswered(waiting_on(rec.sent), rec.replies, now_ms)[0], now_ms)


def keep_updated_advice(rec: RecipientLog, now_ms: int) -> str | None:
    """The thank-or-update reminder for one recipient (the panel's log, `tactful history`), or None."""
    item = due(rec, now_ms)
    if item is None or item.kind not in ("thank", "update"):
        return None
    days = max(0, (now_ms - item.since_ms) // DAY_MS)
    when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
    who = rec.name or rec.slug
    if item.since_ms != rec.state_at_ms:  # since the user took a job elsewhere
        return (f"You took a job ({when}); {who} {DONE[rec.state]} before that: tell them, and thank them for "
                "their help.")
    return f"{who} {DONE[rec.state]} {when} and you have not written since: thank them and tell them where things " \
           "stand."
