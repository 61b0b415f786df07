"""subject.generic: an InMail subject that says nothing ("Hello", "Hi there", "Connect"). The subject
is what they read before deciding to open the message at all."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import recipient_name

# A subject of greetings and filler only (and their name), at most four words: "Hello!", "Hi Sam",
# "Greetings", "Quick hello", "Quick question", "A small favor", "Job inquiry", "Please help". Any other
# word (a role, a company, a talk) says something.
_FILLER = frozenset("hi hello hey hiya greetings dear there connect connecting connection request introduction "
                    "intro quick message note reaching out regarding re fw fwd question questions a small favor "
                    "favour ask help job jobs inquiry enquiry opportunity opportunities career careers employment "
                    "position role application for please".split())
# "Referral request", "Job referral": why, but not for what. Three auditors (84-08, 86-10, 87-05) read a subject
# that names no role as one more request in the pile.
_REFERRAL = frozenset({"referral", "referrals", "refer", "me"})
_WORD = re.compile(r"[a-z]+")


def _generic(draft: AnalysedDraft, ctx: CoachContext):
    words = _WORD.findall(draft.subject_lower)
    name = (recipient_name(ctx) or "").lower().split()
    if not words or len(words) > 4 or not all(w in _FILLER or w in _REFERRAL or w in name for w in words):
        return
    said = ("says you want a referral, but not for which role" if _REFERRAL.intersection(words) - {"me"}
            else "says nothing about why you write")
    yield GENERIC.finding(
        f"The subject \"{draft.subject.strip()}\" {said}. It is what they read before deciding to open an InMail "
        "from a stranger.",
        suggestion="Name the role or the reason, e.g. \"Referral for the Data Analyst role (job 48213)\" or "
                   "\"Your PyCon talk on event sourcing\".",
        data={"field": "subject"},
    )


GENERIC = Rule(
    code="subject.generic", severity="info", check=_generic, surfaces=frozenset({"inmail"}),
    needs=frozenset({"subject"}),
    rationale="An InMail is opened, or not, on its subject line; a greeting gives no reason to.",
)

RULES = [GENERIC]
