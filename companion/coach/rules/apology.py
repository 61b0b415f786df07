"""tone.over-apologetic: three apologies or more ("I'm so sorry to bother you… forgive me… sorry again")
read as unsure of your own ask. The apologies are the politeness model's own "apologizing" strategy
(companion/tone/strategies.py), so the coach and `tactful tone` count the same words."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.rules.tone_model import tone_result

MANY = 3
_NUMBER = {3: "Three", 4: "Four", 5: "Five", 6: "Six"}
# Sympathy is no apology: "sorry to hear about the layoffs".
_SYMPATHY = re.compile(r"\s+(?:to hear|for your loss|about your)\b")


def _over_apologetic(draft: AnalysedDraft, _ctx: CoachContext):
    lower = draft.lower
    if sum(map(lower.count, ("sorry", "apolog", "forgive", "pardon", "excuse"))) < MANY:
        return  # most drafts: no need to ask the model (it may be switched off)
    spans = [s for s in tone_result(draft).strategies.get("apologizing", ())
             if not _SYMPATHY.match(draft.lower, s.end)]
    if len(spans) < MANY:
        return
    said = ", ".join(f'"{s.words}"' for s in spans[:3]) + (", …" if len(spans) > 3 else "")
    yield OVER_APOLOGETIC.finding(
        f"{_NUMBER.get(len(spans), len(spans))} apologies ({said}) read as unsure of your own ask. Asking for a "
        "referral is a normal request, and people refer candidates who sound confident in their fit.",
        draft, (spans[0].start, spans[0].end),
        suggestion="Keep one short apology at most (\"Sorry for the cold message\") and cut the rest; "
                   "let the space go to why you fit.",
        data={"apologies": len(spans)})


OVER_APOLOGETIC = Rule(
    code="tone.over-apologetic", severity="info", check=_over_apologetic, reads_english=True,
    fires=("I'm so sorry to bother you, and I apologize for the cold note. Could you refer me for the Data "
           "Analyst role at Stripe? Sorry again, and thank you.",),
    quiet=("Sorry for the cold message! Could you refer me for the Data Analyst role at Stripe? Thank you.",
           "So sorry to hear about the layoffs, and sorry for the cold note. Sorry to hear about your team too."),
    rationale="One apology is courteous; a string of them undersells you and makes the ask feel heavier.",
)

RULES = [OVER_APOLOGETIC]
