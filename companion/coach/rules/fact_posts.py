"""fact.post-missing: the draft mentions "your recent post" but their page shows no post of theirs.

Only when the Activity section was loaded (Profile.posts is a list, possibly empty): else nothing is
known and nothing is said.
"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import negated

_POST = re.compile(
    r"\b(?:your|ur) (?:(?:very |really )?(?:recent|latest|last|new|great|insightful|interesting|amazing|"
    r"thoughtful|inspiring) )*(?:linkedin )?(?:posts?|article|write-?up|update)\b"
)


def _post_missing(draft: AnalysedDraft, ctx: CoachContext):
    posts = ctx.profile.posts if ctx.profile is not None else None
    if posts is None or any(not p.reposted for p in posts):
        return
    only_reposts = bool(posts)
    for m in _POST.finditer(draft.lower):
        start, end = m.span()
        if negated(draft, start, 40):
            continue
        what = ("their recent activity shows only posts they reshared from others" if only_reposts
                else "their profile shows no posts")
        yield POST_MISSING.finding(
            f"\"{draft.text[start:end]}\" refers to a post of theirs, but {what}. Praise for a post "
            "that does not exist reads as a template.",
            draft, (start, end),
            suggestion="Mention something that is on their profile instead: a role, a project, a "
                       "shared employer or school.",
        )


POST_MISSING = Rule(
    code="fact.post-missing", severity="warning", check=_post_missing, needs=frozenset({"profile"}),
    rationale="A compliment on a post they never wrote shows the message was not written for them.",
)

RULES = [POST_MISSING]
