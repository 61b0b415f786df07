"""courtesy.*: thanks, an easy out, and a nod to their time; materials.missing: something to review.

A referral is a favour from someone who owes you nothing. Thanking them, making "no" painless and
acknowledging their time are what separate a request from a demand; offering your resume or a
link saves them a round trip.
"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.scan import Trigger

_GRATITUDE = Trigger(
    r"\b(?:thanks?|thank you|thank u|thx|tysm|ty|tia|appreciated?|appreciating|appreciative|grateful|"
    r"gratitude|many thanks|much obliged|cheers for)\b"
)
# "no thanks" declines; it is not gratitude.
_NOT_GRATITUDE = re.compile(r"\bno,? thanks?\b")


def has_gratitude(draft: AnalysedDraft) -> bool:
    def compute():
        if "🙏" in draft.text:  # folded hands: how many people say thanks in chat
            return True
        for m in _GRATITUDE.finditer(draft):
            if not _NOT_GRATITUDE.match(draft.lower, max(0, m.start() - 4)):
                return True
        return False
    return draft.remember("courtesy.gratitude", compute)


def _gratitude_missing(draft: AnalysedDraft, ctx: CoachContext):
    if not has_gratitude(draft):
        yield GRATITUDE_MISSING.finding(
            "No thanks anywhere: a referral is a favour from someone who owes you nothing, and a "
            "message without a \"thank you\" reads as an entitlement.",
            suggestion="End with a thank-you, e.g. \"Thank you for considering it.\"",
        )


_OUT = Trigger(
    r"\bno (?:worries|pressure|problem|obligation|stress|hard feelings)\b"
    r"|\b(?:(?:totally|completely|fully|i'd|i would|i'll|i will|i) )?(?:understand|get it)\b[^.!?\n]{0,30}\bif\b"
    r"|\bif (?:you're|you are|you feel|you'd be|you would be) (?:not )?(?:comfortable|open|willing|able|too busy|busy|swamped)\b"
    r"|\bif (?:it's|it is|that's|that is|this is|this isn't|it isn't|that isn't) (?:not )?(?:a fit|possible|appropriate|something|not|too)\b"
    r"|\bif (?:not|you can't|you cannot|you'd rather not|you would rather not|now isn't|now is not|the timing)\b"
    r"|\b(?:feel free to|free to) (?:say no|decline|ignore|pass)\b"
    r"|\beither way\b|\ball good if\b|\bokay if not\b|\bok if not\b|\bfine if not\b"
    r"|\b(?:you|you're|you are) (?:under )?no obligation\b|\bno need to\b|\bdon't feel obligated\b"
    r"|\bif you have (?:the )?(?:time|bandwidth|a moment|a minute|capacity)\b"
    r"|\bonly if\b|\bwhatever (?:you decide|works)\b|\bno is (?:a )?fine\b"
)


def has_out(draft: AnalysedDraft) -> bool:
    return draft.remember("courtesy.out", lambda: bool(_OUT.search(draft)))


def _out_missing(draft: AnalysedDraft, ctx: CoachContext):
    if not has_out(draft):
        yield OUT_MISSING.finding(
            "No easy out: nothing like \"no worries if not\" tells them a no is fine. Without one "
            "the ask feels like pressure, and people ignore pressure rather than decline it.",
            suggestion="Add a line that makes “no” easy, e.g. \"No worries at all if it's not a fit.\"",
        )


_TIME = Trigger(
    r"\b(?:your time|you(?:'re| are) (?:probably |likely )?(?:busy|swamped|slammed)|busy schedule|"
    r"thanks? (?:you )?for (?:reading|taking a (?:look|moment|minute))|a (?:few|couple of) minutes|"
    r"(?:a|one) quick (?:question|ask|favou?r)|keep (?:this|it) (?:short|brief)|i'll be brief|"
    r"when(?:ever)? you (?:have|get|find) (?:a |the )?(?:moment|minute|chance|time|second)|"
    r"at your convenience|whenever (?:convenient|works)|no rush|no hurry|sorry to bother|"
    r"out of the blue|(?:appreciate|thank you for|thanks for) (?:reading|considering|your consideration)|"
    r"if you have (?:the )?(?:time|bandwidth|a moment|a minute)|"
    r"(?:i know|i imagine|i realize|i'm sure) (?:things|life|work|it|you|your (?:inbox|schedule|week|calendar))"
    r"(?:'s|'re| are| is| gets?| must be| can get)? (?:\w+ )?(?:busy|hectic|crazy|full|packed|swamped))\b"
)


def respects_time(draft: AnalysedDraft) -> bool:
    return draft.remember("courtesy.time", lambda: bool(_TIME.search(draft)))


def _time_missing(draft: AnalysedDraft, ctx: CoachContext):
    if not respects_time(draft):
        yield TIME_MISSING.finding(
            "Nothing acknowledges their time. A short \"I know you're busy\" or \"thanks for reading\" "
            "signals you know you are asking for a slice of their day.",
            suggestion="Add a brief nod to their time, e.g. \"I know your time is limited.\"",
        )


_MATERIALS = Trigger(
    r"\b(?:resume|résumé|cv|portfolio|github|gitlab|attached|attaching|attachment|cover letter|"
    r"writing samples?|case stud(?:y|ies)|personal (?:site|website)|my (?:site|website|blog|work samples?)|"
    r"happy to (?:send|share|forward)|can (?:send|share|forward)|link(?:ed)? (?:below|here|to my)|"
    r"behance|dribbble|kaggle)\b"
)
_LINK = re.compile(r"https?://|www\.|\.(?:com|io|dev|me|net|org)\b")


def offers_materials(draft: AnalysedDraft) -> bool:
    return draft.remember("materials", lambda: bool(_MATERIALS.search(draft) or _LINK.search(draft.lower)))


def _materials_missing(draft: AnalysedDraft, ctx: CoachContext):
    if not offers_materials(draft):
        yield MATERIALS_MISSING.finding(
            "No resume, portfolio or link offered. Most referral tools ask for a resume, so offering "
            "one up front saves them a round trip.",
            suggestion="Offer it, e.g. \"Happy to send my resume\" or add a link to your portfolio.",
        )


GRATITUDE_MISSING = Rule(
    code="courtesy.gratitude-missing", severity="warning", check=_gratitude_missing,
    rationale="Thanks acknowledge the request is a favour, not a transaction.",
)
OUT_MISSING = Rule(
    code="courtesy.out-missing", severity="warning", check=_out_missing,
    rationale="An explicit out removes pressure; people say yes more readily when no is easy.",
)
TIME_MISSING = Rule(
    code="courtesy.time-missing", severity="info", check=_time_missing,
    surfaces=frozenset({"message", "inmail", "follow_up"}),
    rationale="Acknowledging someone's time shows you know what you are asking for.",
)
MATERIALS_MISSING = Rule(
    code="materials.missing", severity="info", check=_materials_missing,
    surfaces=frozenset({"message", "inmail"}),
    rationale="Referral forms need a resume; offering it up front saves a round trip.",
)

RULES = [GRATITUDE_MISSING, OUT_MISSING, TIME_MISSING, MATERIALS_MISSING]
