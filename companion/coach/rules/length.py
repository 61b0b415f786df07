"""length.*: LinkedIn's hard limit per surface, and our recommended range."""

from companion.coach.engine import CoachContext, Rule
from companion.coach.limits import INMAIL_SUBJECT_LIMIT, RECOMMENDED, hard_limit
from companion.coach.utf16 import utf16_len


def _over_limit(draft, ctx: CoachContext):
    limit = hard_limit(ctx.surface, ctx.limit)
    used = draft.utf16_length
    if used > limit:
        cut = draft.offsets.from_utf16(limit)
        yield OVER_LIMIT.finding(
            f"{used} characters; LinkedIn allows {limit} here, so it will not let you send this. "
            f"Cut {used - limit} characters.",
            draft,
            (cut, len(draft.text)),
            data={"used": used, "allowed": limit},
        )
    if ctx.surface == "inmail" and draft.subject and utf16_len(draft.subject) > INMAIL_SUBJECT_LIMIT:
        yield OVER_LIMIT.finding(
            f"The InMail subject has {utf16_len(draft.subject)} characters; LinkedIn allows {INMAIL_SUBJECT_LIMIT}.",
            data={"field": "subject"},
        )


OVER_LIMIT = Rule(
    code="length.over-limit",
    severity="error",
    rationale="LinkedIn refuses to send text over the surface's limit; the user must cut it first.",
    check=_over_limit,
)

RULES = [OVER_LIMIT]
