"""tone.flattery: over-the-top praise of a stranger in a first ask ("you're a genius", "literally the best game
ever made", "your biggest fan"). From someone they do not know it reads as buttering them up before the favour,
and it says less than one specific thing of theirs that helped you. Praise between people who know each other, or
thanks ("thx, you're a legend"), is left alone."""

import re

from companion.coach.analysis import WORD_START, AnalysedDraft
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule
from companion.coach.language import sentence_bounds
from companion.coach.matching import known_to_them, negated

# A title of worship, said of them; the best "ever" or "in the world"; a fan's devotion.
_GUSH = re.compile(WORD_START + (
    r"(?:(?:you(?:'re| are)|ur|u r) (?:(?:such|truly|literally|honestly|seriously|simply|an? absolute|a true|a total) )*"
    r"(?:a |an |the )?(?:genius|legend|rock ?star|idol|hero|god|goddess|icon|superstar|wizard|guru|visionary)\b"
    r"|(?:biggest|number one|#1) fan\b"
    r"|(?:the )?(?:best|greatest|most (?:amazing|inspiring|brilliant|incredible|talented|impressive|wonderful))\b"
    r"[\w\s,'’-]{0,50}?\b(?:ever|of all time|in the (?:whole )?(?:world|country|industry|universe))\b)"))


_THANKS = re.compile(r"\b(?:thx|thanks|thank you|cheers|ty)\b")  # "thx you're a legend" closes with thanks


# Every form ends in one of these words; most drafts have none, and substring tests (in C) cost a few µs where a
# search of _GUSH, tried at every word, costs 25-60.
_LAST_WORDS = ("genius", "legend", "rock", "idol", "hero", "god", " icon", "superstar", "wizard", "guru", "visionary",
               " fan", "all time", "world", "country", "industry", "universe")
_EVER = re.compile(r"\bever\b")


def _may_gush(lower: str) -> bool:
    return any(map(lower.__contains__, _LAST_WORDS)) or " ever" in lower and _EVER.search(lower) is not None


def _flattery(draft: AnalysedDraft, _ctx: CoachContext):
    if not _may_gush(draft.lower):
        return
    for m in _GUSH.finditer(draft.lower):
        if negated(draft, m.start(), 20) or _THANKS.search(draft.lower, *sentence_bounds(draft, m.start())):
            continue
        yield FLATTERY.finding(
            f"\"{draft.text[m.start():m.end()]}\" is praise a stranger reads as flattery before a favour. One "
            "specific thing of theirs that helped you says more, and sounds like you.", draft, m.span(),
            suggestion="Replace it with what you valued and why, e.g. \"Your post on pricing experiments changed how "
                       "I set up our tests.\"")
        return  # once: the card is about the register, not each phrase


FLATTERY = Rule(
    code="tone.flattery", severity="info", check=_flattery, surfaces=ASK_SURFACES, reads_english=True,
    abstains=known_to_them,  # an answer to them, or someone you know: warmth, not buttering up a stranger
    judges_ask=True, judges_words=True,  # (no checklist item: gushing is not rude, and "Reads as polite" is true)
    rationale="Gushing praise from a stranger reads as a lever for the favour; a specific, sincere line reads as "
              "interest.",
    fires=("Hi Lars!!! Your post is honestly the best thing I've ever read on LinkedIn, you're a genius. "
           "Could you introduce me to your hiring manager?",
           "You are literally the best game designer in the whole world. Could you refer me?",
           "I'm your biggest fan! Could you refer me for the Data Analyst role?"),
    quiet=("Your talk on sepsis screening changed how our ICU does handovers. Could you refer me for the role?",
           "Could you refer me for the Data Analyst role? thx you're a legend",
           "Could you refer me? I'd be grateful, and I know you're not a genius at everything.",
           "The best part of your post was the checklist. Could you refer me for the Data Analyst role?"),
)

RULES = [FLATTERY]
