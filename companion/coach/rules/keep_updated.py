"""referral.keep-updated: they agreed to refer you (or did), and you have not written since.

Referrers stick their neck out and rarely hear how it went; a thank-you and an update keeps the
relationship alive for the next time. The state comes from the outreach log (`outreach.update` or
`tactful history`): the reminder holds from the moment the state became agreed/referred until a
message is sent to them after it. The same advice shows in `tactful history` and outreach.list.
"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.store.cache import RecipientLog, as_view, from_ms, recipient_name, recipient_slug, say_date

THANKS = re.compile(r"\b(?:thank(?:s| you)?|grateful|appreciate[ds]?|update)\b", re.IGNORECASE)
_DONE = {"agreed": "agreed to refer you", "referred": "referred you"}


def advice(rec: RecipientLog, now_ms: int | None = None) -> str | None:
    """The reminder for one recipient, or None when none is due."""
    if not rec.needs_update():
        return None
    when = ""
    if rec.state_at_ms is not None and now_ms is not None:
        days = max(0, (now_ms - rec.state_at_ms) // 86_400_000)
        when = " today" if days == 0 else f" {days} day{'s' if days != 1 else ''} ago"
    who = rec.name or rec.slug
    return (f"{who} {_DONE[rec.state]}{when} and you have not written since: thank them and tell them "
            "where things stand.")


def _keep_updated(draft: AnalysedDraft, ctx: CoachContext):
    view = as_view(ctx.outreach)
    rec = view.recipient(recipient_slug(ctx)) if view is not None else None
    if rec is None or not rec.needs_update() or THANKS.search(draft.text):
        return
    name = recipient_name(ctx, rec)
    first = name.split()[0] if name else "there"
    since = say_date(rec.state_at_ms, ctx.now) if rec.state_at_ms else "recently"
    yield KEEP_UPDATED.finding(
        f"{first if name else 'They'} {_DONE[rec.state]} on {since}, and you have not written to them "
        "since. Thank them and tell them where things stand: referrers rarely hear how it went.",
        suggestion=(f"Hi {first}, thank you again for {'referring me' if rec.state == 'referred' else 'offering to refer me'}"
                    f"{' at ' + rec.company if rec.company else ''}. A quick update: [where things stand]. "
                    "I really appreciate your help."),
        data={"state": rec.state, "since": from_ms(rec.state_at_ms).isoformat() if rec.state_at_ms else None},
    )


KEEP_UPDATED = Rule(
    code="referral.keep-updated", severity="hint", check=_keep_updated,
    needs=frozenset({"outreach"}),
    rationale="A referrer who hears back is glad to help again; one who does not may not.",
)

RULES = [KEEP_UPDATED]
