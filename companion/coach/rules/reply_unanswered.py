"""reply.unanswered: their last message asked for what a referral needs (which job: its ID or link; your
resume) and the reply does not give it. They cannot enter a referral without it, and one more round trip
costs days."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import withdraws
from companion.coach.matching import first_name
from companion.coach.rules.ask import job_reference
from companion.coach.rules.courtesy import offers_materials

# Which job, asked: "Which position exactly?", "what's the req number?", "send me the job link".
_ASKS_JOB = re.compile(
    r"\b(?:which|what(?:'s| is)?(?: the)?) (?:[\w-]+ )?(?:role|position|job|opening|posting|req|one|team)\b"
    r"|\b(?:job|req|requisition|posting|position) ?(?:id|number|no\.?|#|link)\b"
    # ("a link to a sample of your work" is no job's.)
    r"|\b(?:send|share|forward|paste|drop)(?: me| over)?\b[^.!?\n]{0,30}\b(?:the link|(?:job|posting|role|position) "
    r"(?:link|url)|link (?:to|for) the (?:job|posting|role|position|opening)|req|posting)\b")
# Your resume, asked: "send me your CV", "could you share your resume?".
_ASKS_CV = re.compile(r"\b(?:send|share|forward|attach|email|e-mail|drop)(?: me| over)?\b[^.!?\n]{0,30}"
                      r"\b(?:cv|r[ée]sum[ée])\b")


def _unanswered(draft: AnalysedDraft, ctx: CoachContext):
    messages = ctx.thread.messages if ctx.thread is not None else []
    if not messages or messages[-1].sender != "them" or withdraws(draft):
        return
    asked = messages[-1].text.lower()
    missing = []
    if _ASKS_JOB.search(asked) and not job_reference(draft.lower):
        missing.append("which job (its ID or the posting's link)")
    if _ASKS_CV.search(asked) and not offers_materials(draft):
        missing.append("your resume")
    if not missing:
        return
    who = first_name(ctx) or "They"
    yield UNANSWERED.finding(
        f"{who} asked for {' and '.join(missing)}, and this reply does not give it. A referral tool needs the "
        "exact posting and most need a resume: without them they cannot submit, and asking again costs days.",
        draft, None,
        suggestion="Answer what they asked in the first line, e.g. \"It's the Data Analyst role, job ID 48213: "
                   "https://… My resume is attached.\"")


UNANSWERED = Rule(
    code="reply.unanswered", severity="warning", check=_unanswered, needs=frozenset({"thread"}),
    surfaces=frozenset({"message"}),
    rationale="A referrer who asked for the job ID or a resume can do nothing until they have it.",
)

RULES = [UNANSWERED]
