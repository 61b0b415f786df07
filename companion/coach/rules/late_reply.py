"""reply.late: answering their message weeks or months later as if no time had passed. They may
not remember what they offered, and the role may be gone; a few words about the gap fix both."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import COLD_DAYS, DAY_MS, LATE_DAYS
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import first_name
from companion.coach.outreach_view import message_times, say_date, to_ms

# A word about the gap: an apology, or naming the time that passed.
_GAP = re.compile(
    r"\b(?:sorry|apolog\w*|belated\w*|delay\w*|(?:late|slow|tardy) (?:reply|response|answer)|"
    r"(?:been|took me) (?:a (?:little |good )?while|so long|ages|forever|too long|a long time|some time)|"
    r"(?:long|some) time (?:since|no)|(?:weeks?|months?|years?) (?:later|ago|since|back)|"
    r"just (?:now )?(?:seeing|saw|seen|getting|got) (?:this|your)|(?:finally|only now) (?:getting|writing|replying))\b")


def _late(draft: AnalysedDraft, ctx: CoachContext):
    mine, theirs = message_times(ctx.thread)
    if not theirs or (mine and max(mine) > max(theirs)) or _GAP.search(draft.lower):
        return  # they did not write last, or the draft already speaks of the gap
    days = (to_ms(ctx.now) - max(theirs)) / DAY_MS
    if days < LATE_DAYS:
        return
    first = first_name(ctx)
    months = days >= COLD_DAYS
    ago = f"{int(days // 30)} months" if months else f"{int(days // 7)} weeks"
    yield LATE.finding(
        f"{first or 'They'} wrote {ago} ago ({say_date(max(theirs), ctx.now)}) and this replies as if no time had "
        "passed. Say a word about the gap, so they know you value what they offered"
        + (", and check that it still stands: the role may be filled." if months else "."),
        suggestion=f"Open with \"Sorry for the slow reply{', ' + first if first else ''}!\""
                   + (" and ask whether the role is still open." if months else ""),
        severity="warning" if months else "info", data={"days": round(days, 1)},
    )


LATE = Rule(
    code="reply.late", severity="info", check=_late, needs=frozenset({"thread"}), surfaces=frozenset({"message"}),
    rationale="A reply weeks later that ignores the gap reads as careless; one line about it keeps the goodwill.",
)

RULES = [LATE]
