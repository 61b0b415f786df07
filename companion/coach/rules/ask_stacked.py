"""ask.stacked: one message that asks several different favours at once: a call, a referral, introductions to
others, a look at the writer's CV. Each is a yes to earn, and a list makes the easiest answer none at all."""

import re

from companion.coach.analysis import AnalysedDraft, starts_word
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule
from companion.coach.language import sentence_bounds
from companion.coach.matching import first_name
from companion.coach.rules.cold_ask import first_referral_ask

# Each alternative opens with a literal, so re skips in C to its first letters; the word start is checked after.
_KINDS = {
    "a call": re.compile(r"(?:call|chat|coffee|zoom|video call|meeting|meet up)\b"),
    "introductions": re.compile(r"(?:introduce me|introduction to|intro to|connect me with|put me in touch|"
                                r"know (?:anyone|someone|anybody) (?:at|in|on|who))\b"),
    "a look at your materials": re.compile(r"(?:look (?:at|over|through)|review|feedback on|glance (?:at|over)|read) "
                                           r"(?:my |the )?(?:cv|resume|résumé|portfolio|cover letter|profile|deck|"
                                           r"case stud(?:y|ies)|application)\b"),
}
# A sentence that asks: a question, "could you", "would love", "please" ("I had a call with your recruiter" does not).
_ASKED = re.compile(r"\?|\b(?:could|can|would|will) (?:you|we|i)\b|\bif you (?:could|can|would)\b|"
                    r"\b(?:i'd|i would) (?:love|like|appreciate|be grateful)\b|\bplease\b")
MANY = 3
# Words each kind needs, tested as substrings in C first: most drafts cannot reach three kinds, and then no
# pattern runs.
_NEEDS = {"a call": ("call", "chat", "coffee", "zoom", "meet"),
          "introductions": ("intro", "connect me", "in touch", "anyone", "someone", "anybody"),
          "a look at your materials": ("cv", "resum", "résumé", "portfolio", "cover letter", "profile", "deck",
                                       "case stud", "application")}


def _asked(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    s, e = sentence_bounds(draft, m.start())
    return bool(_ASKED.search(draft.lower, s, e))


def _stacked(draft: AnalysedDraft, ctx: CoachContext):
    lower = draft.lower
    found = {}
    for kind, words in _NEEDS.items():
        if any(w in lower for w in words):
            if ms := [m for m in _KINDS[kind].finditer(lower) if starts_word(lower, m.start())]:
                found[kind] = ms
    if len(found) < MANY - 1:
        return  # two kinds at most, with a referral
    referral = first_referral_ask(draft)
    if len(found) + (referral is not None) < MANY:
        return
    asks = {} if referral is None else {"a referral": referral.start()}
    for kind, ms in found.items():
        if m := next((m for m in ms if _asked(draft, m)), None):
            asks[kind] = m.start()
    if len(asks) < MANY:
        return
    kinds = sorted(asks, key=asks.get)
    said = ", ".join(kinds[:-1]) + " and " + kinds[-1]
    yield STACKED.finding(
        f"This asks {len(kinds)} different favours at once: {said}. Each is a yes to earn from "
        f"{first_name(ctx) or 'them'}, and a list makes the easiest answer none at all.",
        suggestion="Ask for the one that matters most now (often a short call, or the referral for one role) and "
                   "keep the rest for after they answer.",
        data={"asks": kinds})


STACKED = Rule(
    code="ask.stacked", severity="warning", check=_stacked, surfaces=ASK_SURFACES, judges_ask=True, checklist="time",
    reads_english=True, judges_whole=True,
    fires=("Could we do a 15-minute call this week so I can learn about the team, and would you refer me for the "
           "Curriculum Specialist role? Also, if you know anyone at Eneza, could you connect me with them?",
           "Could we have a 30-minute call, could you take a look at my portfolio and give feedback, and would you "
           "refer me for the Instructional Designer role at Brightpath?"),
    quiet=("Would you be open to a 15-minute call about the team? If it goes well, I'd be grateful for a referral.",
           "I had a call with your recruiter last week. Could you refer me for the Data Analyst role (job 48213)?",
           "Could you refer me for the Data Analyst role? My portfolio is at ana.dev if you'd like to look at my work."),
    rationale="Each favour is a yes to earn; several at once from someone who owes you nothing invite no answer.",
)

RULES = [STACKED]
