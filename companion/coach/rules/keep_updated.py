"""referral.keep-updated: they agreed to refer you (or did), and you have not written since;
companion.coach.due decides when (the same advice shows in `tactful history` and outreach.list). And the reply
to their "I've referred you" on the page: thanks, and the promise to tell them how it goes.
"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import DONE, due
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import reports_back, they_referred, withdraws
from companion.coach.matching import first_name, recipient_log
from companion.coach.outreach_view import from_ms, say_date, to_ms


# A promise to tell them how it goes: "I'll keep you posted", "I'll let you know how it goes".
_KEEP_POSTED = re.compile(r"\b(?:keep you (?:posted|updated|informed|in the loop)|let you know (?:how|what|when|if)|"
                          r"update you|report back|keep in touch)\b")


def _keep_updated(draft: AnalysedDraft, ctx: CoachContext):
    if they_referred(ctx.thread) and not _KEEP_POSTED.search(draft.lower) and not withdraws(draft):
        first = first_name(ctx)
        yield KEEP_UPDATED.finding(
            f"{first or 'They'} just referred you. Besides the thanks, tell them you will let them know how it goes: "
            "referrers rarely hear back, and one who does is glad to help again.",
            suggestion=f"Thank you so much{', ' + first if first else ''}! I really appreciate you putting my name "
                       "forward. I'll keep you posted on how it goes.",
            data={"state": "referred", "thread": True})
        return
    rec = recipient_log(ctx)
    item = due(rec, to_ms(ctx.now)) if rec is not None else None
    if item is None or item.kind not in ("thank", "update") or reports_back(draft):
        return
    first = first_name(ctx, rec)
    since = say_date(item.since_ms, ctx.now)  # the day they agreed or referred
    yield KEEP_UPDATED.finding(
        f"{first or 'They'} {DONE[rec.state]} on {since}, and you have not written to them "
        "since. Thank them and tell them where things stand: referrers rarely hear how it went.",
        suggestion=(f"Hi {first or 'there'}, thank you again for "
                    f"{'referring me' if rec.state == 'referred' else 'offering to refer me'}"
                    f"{' at ' + rec.company if rec.company else ''}. A quick update: [where things stand]. "
                    "I really appreciate your help."),
        data={"state": rec.state, "since": from_ms(item.since_ms).isoformat()},
    )


KEEP_UPDATED = Rule(
    code="referral.keep-updated", severity="hint", check=_keep_updated,
    rationale="A referrer who hears back is glad to help again; one who does not may not.",
)

RULES = [KEEP_UPDATED]
