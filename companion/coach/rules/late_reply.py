"""reply.late: answering their message weeks or months later as if no time had passed. They may
not remember what they offered, and the role may be gone; a few words about the gap fix both."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import COLD_DAYS, DAY_MS, LATE_DAYS
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import reports_back, they_agreed
from companion.coach.matching import first_name, left_at_pleasantry
from companion.coach.outreach_view import message_times, say_date, to_ms
from companion.coach.stated import checks_on_referral, speaks_of_time_passed, stated_count, stated_earlier, stated_no
from companion.tone.strategies import lower_keeping_offsets

# Their last message offered or spoke of a job: after months, it may be gone.
_OFFER = re.compile(r"\b(?:role|job|position|opening|posting|req|referr?al|refer|interview|offer|hiring|team)\b")


# Thanks for an answer just given: "thanks for letting me know so quickly", "thank you for the quick reply".
_JUST_NOW = re.compile(r"\b(?:so (?:quickly|fast|soon|promptly)|(?:quick|fast|prompt|speedy) "
                       r"(?:reply|response|answer))\b")


def _late(draft: AnalysedDraft, ctx: CoachContext):
    mine, theirs = message_times(ctx.thread)
    if not theirs or (mine and max(mine) > max(theirs)) or speaks_of_time_passed(draft.lower) \
            or left_at_pleasantry(draft, ctx):
        return  # they did not write last, or the draft already speaks of the gap, or theirs asked nothing long ago
    if reports_back(draft, answers=False) or stated_earlier(draft) or stated_count(draft) or stated_no(draft) \
            or _JUST_NOW.search(draft.lower) or checks_on_referral(draft) or they_agreed(ctx.thread):
        return  # thanks for a favour or news, a chase of the user's own messages, their no, a quick answer: they
        # talked since, elsewhere; or it asks after the referral they promised, and the wait was theirs
    days = (to_ms(ctx.now) - max(theirs)) / DAY_MS
    if days < LATE_DAYS:
        return
    first = first_name(ctx)
    months = days >= COLD_DAYS
    last = next(m for m in reversed(ctx.thread.messages) if m.sender == "them")
    offered = months and bool(_OFFER.search(lower_keeping_offsets(last.text)))
    ago = f"{int(days // 30)} months" if months else f"{int(days // 7)} weeks"
    fix = _opening(draft.text, first)
    yield LATE.finding(
        f"{first or 'They'} wrote {ago} ago ({say_date(max(theirs), ctx.now)}) and this replies as if no time had "
        "passed. Say a word about the gap first"
        + (": what they wrote about may have changed, and the role may be filled." if offered else "."),
        draft, None, **({"replacement": fix[1], "fix_span": fix[0]} if fix else {}),
        suggestion=f"Open with \"Sorry for the slow reply{', ' + first if first else ''}!\""
                   + (" and ask whether what they mentioned still stands." if offered else ""),
        severity="warning" if months else "info", data={"days": round(days, 1)},
    )


# The greeting that opens a draft: "Hi Dana,", "Dear Ms. Whitfield:", "Hello!" (up to three words before its
# punctuation), or a greeting word and a name without one ("Hi Dana thanks…").
_GREETING = re.compile(r"[ \t]*(?i:hi+|hey+|hello+|dear|good (?:morning|afternoon|evening|day))\b"
                       r"(?:(?:[ \t]+(?:(?i:mr|ms|mrs|dr|prof)\.|[^\s,.!?:]+)){0,3}[ \t]*[,:!.]+"
                       r"|[ \t]+[A-Z][\w'’-]*)?")
_WORD = re.compile(r"\s*(\S+)")


def _opening(text: str, first: str | None) -> tuple[tuple[int, int], str] | None:
    """(span, replacement) that opens the draft with the apology, where the card says to: after its greeting
    ("Hi Dana, sorry for the slow reply! Thanks so much…"), else first ("Sorry for the slow reply, Dana!
    Understood…"). The span takes the next word, so the sentence after the apology starts with a capital."""
    sorry = "sorry for the slow reply"
    greeting = _GREETING.match(text)
    if greeting and greeting.group().strip():
        said = greeting.group().strip()
        if not text[greeting.end():].strip() or text[greeting.end():].lstrip(" \t")[:1] == "\n":
            return (greeting.start(), greeting.end()), f"{said}\n{sorry.capitalize()}!"  # on a line of its own
        word = _WORD.match(text, greeting.end())
        joined = f"{said} {sorry.capitalize()}" if said[-1] in "!." else f"{said} {sorry}" if said[-1] in ",:" \
            else f"{said}, {sorry}"  # "Hello! Sorry…", "Hi Dana, sorry…", "Hi Dana" → "Hi Dana, sorry…"
        return (len(text) - len(text.lstrip()), word.end()), f"{joined}! {word.group(1)[:1].upper()}{word.group(1)[1:]}"
    word = _WORD.match(text)
    if word is None:
        return None
    return (word.start(1), word.end()), f"{sorry.capitalize()}{', ' + first if first else ''}! {word.group(1)}"


LATE = Rule(
    code="reply.late", severity="info", check=_late, needs=frozenset({"thread"}), surfaces=frozenset({"message"}),
    rationale="A reply weeks later that ignores the gap reads as careless; one line about it keeps the goodwill.",
)

RULES = [LATE]
