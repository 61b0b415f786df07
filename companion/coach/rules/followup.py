"""followup.*: when to nudge someone who has not answered, and when to let it go.

The timeline joins two sources: the outreach log (everything sent through LinkedIn's composers
while Tactful ran, including connection notes, plus replies seen earlier) and the thread on the
page (which also shows messages sent before Tactful was installed). A thread message within
MATCH_MINUTES of a logged one is the same message. "Unanswered" means sent after their last reply.

What is due comes from companion.coach.due (the same function `tactful history --due` uses):
- followup.too-soon: a follow-up is due, but not yet (the last unanswered message is under
  WAIT_DAYS (7) old): say on which day a reminder becomes fine. Busy people answer within a week
  or not because of a nudge.
- followup.ok: a follow-up is due now: a short, warm reminder is appropriate; the finding carries
  one as its suggestion (and in data.reminder for the panel's hint). Past LATE_DAYS (14) the
  reminder acknowledges the gap; a second follow-up is named as the last one.
- followup.stop: MAX_FOLLOW_UPS (2) follow-ups already went unanswered: let it go and try another
  avenue. One or two polite nudges are the norm; more reads as pressure.
"""

from datetime import timedelta

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import LATE_DAYS, WAIT_DAYS, follow_up_due
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import recipient_name, recipient_slug
from companion.coach.outreach_view import iso, parse_time, say_date, to_ms

MATCH_MINUTES = 5
DAY_MS = 86_400_000
SURFACES = frozenset({"message", "inmail", "follow_up", "connection_note"})


def _thread_times(ctx: CoachContext) -> tuple[list[int], list[int]]:
    mine, theirs = [], []
    if ctx.thread is None:
        return mine, theirs
    for m in ctx.thread.messages:
        at = m.sent_at_ms
        if at is None and m.sent_at:
            try:
                at = to_ms(parse_time(m.sent_at))
            except ValueError:
                continue
        if at is not None:
            (mine if m.sender == "me" else theirs).append(int(at))
    return mine, theirs


def _merge(a: list[int], b: list[int]) -> list[int]:
    """Union of two time lists, treating times within MATCH_MINUTES as one message."""
    out: list[int] = []
    for t in sorted(a + b):
        if out and t - out[-1] <= MATCH_MINUTES * 60_000:
            continue
        out.append(t)
    return out


def timeline(ctx: CoachContext):
    """(unanswered times of the user's messages, their last reply or None, recipient log)."""
    view = ctx.outreach
    rec = view.recipient(recipient_slug(ctx)) if view is not None else None
    t_mine, t_theirs = _thread_times(ctx)
    mine = _merge([s.at_ms for s in rec.sent] if rec else [], t_mine)
    theirs = sorted(set((list(rec.replies) if rec else []) + t_theirs))
    now_ms = to_ms(ctx.now)
    mine = [t for t in mine if t <= now_ms]  # a clock set back must not produce negative waits
    theirs = [t for t in theirs if t <= now_ms]
    last_reply = theirs[-1] if theirs else None
    unanswered = [t for t in mine if last_reply is None or t > last_reply]
    return unanswered, last_reply, rec


def _days(ctx: CoachContext, ms: int) -> float:
    return (to_ms(ctx.now) - ms) / DAY_MS


def _ago(days: float) -> str:
    whole = int(days)
    return "today" if whole == 0 else "yesterday" if whole == 1 else f"{whole} days ago"


def _first(ctx, rec) -> str:
    name = recipient_name(ctx, rec)
    return name.split()[0] if name else "there"


def reminder(ctx: CoachContext, rec, days: float) -> str:
    """A short, warm follow-up to adapt (never sent by us)."""
    company = (ctx.profile.current_company if ctx.profile else None) or ctx.company or (rec.company if rec else None)
    about = f" about a referral at {company}" if company else ""
    gap = " I know it has been a little while." if days >= LATE_DAYS else ""
    return (f"Hi {_first(ctx, rec)}, just bringing my note{about} back to the top of your inbox.{gap} "
            "No pressure at all if now is not a good time; I appreciate you reading it either way. Thank you!")


def _too_soon(draft: AnalysedDraft, ctx: CoachContext):
    unanswered, _, rec = timeline(ctx)
    due = follow_up_due(unanswered, to_ms(ctx.now))
    if due is None or due.kind != "follow_up" or due.is_due(to_ms(ctx.now)):
        return
    last = due.last_ms
    days = _days(ctx, last)
    fine_from = ctx.now + timedelta(days=WAIT_DAYS - days)
    yield TOO_SOON.finding(
        f"You wrote to {_first(ctx, rec)} {_ago(days)} ({say_date(last, ctx.now)}) and they have not "
        f"replied yet. People often need a week; a reminder sooner reads as pressure. A short reminder "
        f"is fine from {say_date(to_ms(fine_from), ctx.now)}.",
        data={"last_sent": iso(last), "days": round(days, 1), "reminder_from": iso(to_ms(fine_from))},
    )


def _ok(draft: AnalysedDraft, ctx: CoachContext):
    unanswered, _, rec = timeline(ctx)
    due = follow_up_due(unanswered, to_ms(ctx.now))
    if due is None or due.kind != "follow_up" or not due.is_due(to_ms(ctx.now)):
        return
    days = _days(ctx, due.last_ms)
    text = reminder(ctx, rec, days)
    late = " It has been a while, so say so lightly." if due.late else ""
    if due.unanswered > 1:
        late += " This is your second follow-up: make it the last, and if it goes unanswered too, let it go."
    yield OK.finding(
        f"It has been {int(days)} days since your message ({say_date(unanswered[-1], ctx.now)}) with no "
        f"reply. A short, warm reminder is appropriate now.{late}",
        suggestion=text,
        data={"last_sent": iso(unanswered[-1]), "days": round(days, 1), "reminder": text},
    )


def _stop(draft: AnalysedDraft, ctx: CoachContext):
    unanswered, last_reply, rec = timeline(ctx)
    due = follow_up_due(unanswered, to_ms(ctx.now))
    if due is None or due.kind != "stop":
        return  # warned at once, before the item is due in the reminders: they are about to write
    follow_ups = len(unanswered) - 1
    times = "once" if follow_ups == 1 else "twice" if follow_ups == 2 else f"{follow_ups} times"
    since = "" if last_reply is None else f" since their last reply on {say_date(last_reply, ctx.now)}"
    company = (ctx.profile.current_company if ctx.profile else None) or (rec.company if rec else None)
    elsewhere = f"someone else at {company}" if company else "someone else on the team"
    yield STOP.finding(
        f"You have written to {_first(ctx, rec)} {len(unanswered)} times{since} (first on "
        f"{say_date(unanswered[0], ctx.now)}) and followed up {times} without an answer. Another "
        "message is more likely to cost goodwill than to get a reply: let this one go.",
        suggestion=f"Try other avenues: apply directly and name the team, ask {elsewhere} (a mutual "
                   "connection can introduce you), or reconnect in a few months with real news.",
        data={"unanswered": len(unanswered), "follow_ups": follow_ups, "first_sent": iso(unanswered[0])},
    )


TOO_SOON = Rule(
    code="followup.too-soon", severity="warning", check=_too_soon, surfaces=SURFACES,
    rationale="A reminder within a week of the first note reads as pressure; a week is a fair wait.",
)
OK = Rule(
    code="followup.ok", severity="hint", check=_ok, surfaces=SURFACES,
    rationale="After a week without reply, one short, warm reminder is normal and often welcome.",
)
STOP = Rule(
    code="followup.stop", severity="warning", check=_stop, surfaces=SURFACES,
    rationale="After two unanswered follow-ups, more messages cost goodwill; other routes work better.",
)

RULES = [TOO_SOON, OK, STOP]
