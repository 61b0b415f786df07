"""relationship.cold-ask: asking a stranger for a referral in the very first message.

A referral puts the referrer's name behind you; few people do that for someone they have never
exchanged a word with. The rule fires when the draft asks for a referral (or to pass on a
resume) and nothing shows a relationship: no message either way in the outreach log or the thread
on the page, no shared employer or school between the two profiles (when both are known), and no
line in the draft itself that refers to an earlier exchange ("great meeting you at ...").
"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.rules.relationship import shared_history
from companion.coach.matching import recipient_name, recipient_slug

ASK = re.compile(
    r"\b(?:refer(?:ral|rals|ring)?\s+me|refer(?:ral|ring)?\b(?=[^.?!]*\b(?:me|my|i)\b)|"
    r"(?:submit|forward|pass(?:\s+on|\s+along)?)\s+my\s+(?:resume|résumé|cv|application|profile)|"
    r"put\s+in\s+a\s+(?:good\s+)?word|recommend\s+me|internal\s+referral)",
    re.IGNORECASE)
PRIOR_CONTACT = re.compile(
    r"\b(?:we\s+(?:met|spoke|talked|chatted)|(?:great|good|nice|lovely)\s+(?:to\s+)?(?:meet|meeting|"
    r"chat|chatting|talk|talking|speak|speaking|catch(?:ing)?\s+up)|thanks?\s+(?:you\s+)?(?:again|for\s+"
    r"(?:getting\s+back|your\s+(?:reply|response|time|help)|replying|the\s+chat|the\s+call))|"
    r"as\s+(?:we\s+)?discussed|(?:following|follow)\s+up\s+on|last\s+time\s+we|since\s+we\s+last)\b",
    re.IGNORECASE)


def _has_history(ctx: CoachContext) -> bool:
    view = ctx.outreach
    rec = view.recipient(recipient_slug(ctx)) if view is not None else None
    if rec is not None and (rec.sent or rec.replies):
        return True
    if ctx.thread is not None and ctx.thread.messages:
        return True
    if ctx.profile is not None and ctx.own_profile is not None and shared_history(ctx.profile, ctx.own_profile):
        return True
    return False


def _cold_ask(draft: AnalysedDraft, ctx: CoachContext):
    if recipient_slug(ctx) is None and ctx.thread is None:
        return  # we do not know who this is for, so we cannot know it is cold
    ask = ASK.search(draft.text)
    if ask is None or PRIOR_CONTACT.search(draft.text) or _has_history(ctx):
        return
    name = recipient_name(ctx)
    who = name.split()[0] if name else "them"
    yield COLD_ASK.finding(
        f"\"{ask.group(0)}\" asks {who} for a referral in your first message, with no earlier "
        "conversation or shared history between you. A referral puts their name behind you, and "
        "people rarely do that for a stranger.",
        draft, ask.span(),
        suggestion=f"Build rapport first: say what drew you to {who}'s work or team and ask one "
                   "specific question about it; ask for the referral once they have replied.",
    )


COLD_ASK = Rule(
    code="relationship.cold-ask", severity="info", check=_cold_ask,
    surfaces=frozenset({"connection_note", "message", "inmail"}),
    needs=frozenset({"outreach"}),
    rationale="A referral from a stranger is a favour with reputational risk; a short exchange first "
              "turns it into a recommendation they can stand behind.",
)

RULES = [COLD_ASK]
