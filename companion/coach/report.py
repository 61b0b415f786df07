"""Turn findings into the Feedback result: score, checklist, hints, limits.

Score: start at 100 and subtract per finding by severity (error 35, warning 12, info 4, hint 0),
floored at 0; an error always caps the score at 40 so a message LinkedIn will not send never looks
good. See docs/rules.md for the formula.
"""

from protocol.feedback import Feedback, Limits

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext
from companion.coach.limits import RECOMMENDED, hard_limit

PENALTY = {"error": 35, "warning": 12, "info": 4, "hint": 0}


def score(findings) -> int:
    value = 100 - sum(PENALTY[f.severity] for f in findings)
    if any(f.severity == "error" for f in findings):
        value = min(value, 40)
    return max(0, min(100, value))


def build_feedback(draft: AnalysedDraft, ctx: CoachContext, findings, version: int) -> Feedback:
    lo, hi = RECOMMENDED[ctx.surface]
    limits = Limits(used=draft.utf16_length, allowed=hard_limit(ctx.surface, ctx.limit),
                    recommended_min=lo, recommended_max=hi)
    return Feedback(version=version, surface=ctx.surface, score=score(findings), findings=findings,
                    checklist=[], hints=[], limits=limits)
