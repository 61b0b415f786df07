"""ask.post-condition: an ask that passes by what their post announcing an opening says it takes."""

from datetime import datetime, timezone

import pytest

from protocol.page import Post, Profile

from companion.coach import CoachContext, analyze

NOW = datetime(2026, 12, 8, 12, tzinfo=timezone.utc)
NO_REFERRALS = ("We're recruiting a Senior Planning Officer. Under council recruitment rules I can't refer or endorse "
                "candidates, so please apply via the portal, but I'm happy to answer questions about the team.")
APPLY_FIRST = ("My team is hiring a Financial Planning Analyst. Please apply through the careers page first and then "
               "message me the job ID.")
REGISTERED = "Band 7 Specialist Pharmacist vacancy is live on Trac, closing 10 December. Must be GPhC registered."
NO_APPRENTICES = "Looking for qualified electricians for the Athlone job. Safe Pass and RECI-registered only, no apprentices."


def post_condition(post, draft, posted="2026-12-01T10:00:00+00:00"):
    them = Profile(name="Sam Lee", headline="Manager at Acme", current_company="Acme",
                   posts=[Post(text=post, posted_at=posted)])
    fb = analyze(draft, CoachContext(surface="message", profile=them, now=NOW))
    return [f for f in fb.findings if f.code == "ask.post-condition"]


@pytest.mark.parametrize("post, draft, kind", [
    (NO_REFERRALS, "Hi Sam, I'm a chartered planner. Would you be willing to put in a good word for me with the panel?",
     "no-referrals"),
    (APPLY_FIRST, "Hi Sam, I'm a management accountant with 4 years in budgeting. Could you pass my CV on?",
     "apply-first"),
    (REGISTERED, "Hi Sam, I should register with the GPhC next summer. Could you refer me for the Band 7 role?", "unmet"),
    (NO_APPRENTICES, "Hi Sam, I'm a 3rd year electrical apprentice. Can you refer me please?", "unmet"),
    (REGISTERED, "Hi Sam, I'm a pharmacist with 6 years on critical care wards. Could you refer me for the Band 7 "
                 "role?", "unsaid"),
])
def test_an_ask_past_what_their_post_says_it_takes_is_told_so(post, draft, kind):
    [f] = post_condition(post, draft)
    assert f.data["kind"] == kind and f.severity == ("info" if kind == "unsaid" else "warning")
    assert "post says" in f.message


@pytest.mark.parametrize("post, draft", [
    # Taking up what the post offers, having applied, meeting the requirement.
    (NO_REFERRALS, "Hi Sam, I've applied via the portal. Could I ask one question about how the team splits its "
                   "casework?"),
    (APPLY_FIRST, "Hi Sam, I've applied for the Financial Planning Analyst role (job ID 48213). Could you refer me?"),
    (REGISTERED, "Hi Sam, I've been GPhC registered since 2019 and work on critical care. Could you refer me?"),
    # An old post: the opening has likely closed.
    (NO_REFERRALS, "Hi Sam, would you be willing to put in a good word for me?"),
])
def test_an_ask_that_follows_their_post_is_not(post, draft):
    posted = "2026-06-01T10:00:00+00:00" if "good word" in draft else "2026-12-01T10:00:00+00:00"
    assert post_condition(post, draft, posted) == []
