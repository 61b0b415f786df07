"""length.*: LinkedIn's hard limit per surface, and our recommended range (docs/rules.md,
"Recommended lengths"), which the report also states for every draft.

Lengths are UTF-16 code units, what LinkedIn's counter and the DOM count (an emoji is two).
"""

import re

from companion.coach.engine import ASK_SURFACES, CoachContext, Rule, either
from companion.coach.intent import their_last
from companion.coach.matching import first_name, in_conversation, their_turn
from companion.coach.rules.ask import bounded_ask, company_named, names_role
from companion.coach.stated import follows_a_talk
from companion.coach.utf16 import utf16_len

HARD_LIMITS = {"connection_note": 300, "message": 8000, "inmail": 1900, "follow_up": 8000}
INMAIL_SUBJECT_LIMIT = 200
FREE_NOTE_LIMIT = 200  # a note's limit on a free account; Premium has HARD_LIMITS["connection_note"]
RECOMMENDED = {"connection_note": (60, 300), "message": (250, 800), "inmail": (200, 800), "follow_up": (40, 400)}


def _declared(ctx: CoachContext) -> int | None:
    """The limit the draft (--limit) or the page's composer declares, or None."""
    return ctx.limit or (ctx.composer.limit if ctx.composer is not None else None)


def limits(ctx: CoachContext) -> tuple[int, int, int]:
    """(what LinkedIn allows, recommended min, recommended max) for the context's surface; the
    limit the draft or its composer declares wins, and the range never exceeds it. A limit below
    the usual minimum leaves room from half of it ("150-150" would recommend one exact length)."""
    allowed = _declared(ctx) or HARD_LIMITS[ctx.surface]
    lo, hi = RECOMMENDED[ctx.surface]
    hi = min(hi, allowed)
    return allowed, min(lo, hi // 2) if lo >= hi else lo, hi


def note_room(draft, ctx: CoachContext) -> int | None:
    """Characters left in a connection note under the limit that applies (the declared one, else a free account's
    while the note fits it), or None for other surfaces."""
    if ctx.surface != "connection_note":
        return None
    used = draft.utf16_length
    return (_declared(ctx) or (FREE_NOTE_LIMIT if used <= FREE_NOTE_LIMIT else HARD_LIMITS["connection_note"])) - used


def _over_limit(draft, ctx: CoachContext):
    limit = limits(ctx)[0]
    used = draft.utf16_length
    if used > limit:
        cut = draft.offsets.from_utf16(limit)
        yield OVER_LIMIT.finding(
            f"{used} characters; LinkedIn allows {limit} here, so it will not let you send this. "
            f"Cut {used - limit} characters.", draft, (cut, len(draft.text)), data={"used": used, "allowed": limit})
    if ctx.surface == "inmail" and draft.subject and utf16_len(draft.subject) > INMAIL_SUBJECT_LIMIT:
        yield OVER_LIMIT.finding(
            f"The InMail subject has {utf16_len(draft.subject)} characters; LinkedIn allows {INMAIL_SUBJECT_LIMIT}.",
            data={"field": "subject"},
        )


def _free_note(draft, ctx: CoachContext):
    """A note over 200 characters where nothing says which limit applies to the user's account."""
    if _declared(ctx):
        return  # the page's note dialog (or --limit) says which one does
    used = draft.utf16_length
    if FREE_NOTE_LIMIT < used <= HARD_LIMITS["connection_note"]:
        cut = draft.offsets.from_utf16(FREE_NOTE_LIMIT)
        yield FREE_NOTE.finding(
            f"{used} characters: a note may have {HARD_LIMITS['connection_note']} with Premium, but only "
            f"{FREE_NOTE_LIMIT} on a free account. If yours is free, LinkedIn will not take the last "
            f"{used - FREE_NOTE_LIMIT}.", draft, (cut, len(draft.text)),
            suggestion="Check the counter in the note dialog; on a free account keep one line each for who you "
                       "are and the ask.", data={"used": used, "allowed": FREE_NOTE_LIMIT})


def _too_long(draft, ctx: CoachContext):
    allowed, lo, hi = limits(ctx)
    used = draft.utf16_length
    if hi < used <= allowed:  # over the hard limit, length.over-limit already says so
        yield TOO_LONG.finding(
            f"{used} characters; aim for at most {hi} here. Shorter requests get more replies: "
            "a busy person reads a short message now and leaves a long one for later.",
            suggestion="Keep one line each for who you are, why them, and the ask.",
            data={"used": used, "recommended_max": hi},
        )


def least(draft, ctx: CoachContext) -> int:
    """The recommended minimum for this draft: a chat or a question (a bounded ask) needs no role,
    only what a connection note needs (who you are, why them)."""
    lo = limits(ctx)[1]
    return min(lo, RECOMMENDED["connection_note"][0]) if bounded_ask(draft) else lo


def _too_short(draft, ctx: CoachContext):
    used, lo = draft.utf16_length, least(draft, ctx)
    if not 0 < used < lo:
        return
    if bounded_ask(draft):
        yield TOO_SHORT.finding(
            f"Only {used} characters; at least {lo} leaves room to say who you are and why you are "
            "writing to them. A bare ask reads as a mass message.",
            suggestion="Add one line on who you are and why them.", data={"used": used, "recommended_min": lo})
    elif missing := [what for what, named in (("role", names_role(draft)), ("company", company_named(draft, ctx)))
                     if not named]:  # a short, specific ask is fine
        yield TOO_SHORT.finding(
            f"Only {used} characters, and no {' or '.join(missing)} named; at least {lo} leaves room to name "
            "the role and the company and say why them. Short is fine when it names both; a short ask without "
            "them reads as a mass message.",
            suggestion="Name the role and the company; a short ask that names both is fine.",
            data={"used": used, "recommended_min": lo, "item": "specific"},  # shown on the role card
        )


# The size they asked the answer to fit: "a 3-line summary", "two or three sentences", "under 100 words".
_THEIR_SIZE = re.compile(r"\b(\d{1,3}|one|two|three|four|five|six|a couple of|a few)(?:(?:[- ](?:or|to)[- ]|[-–])(\d{1,3}|"
                         r"two|three|four|five|six))?[- ](line|sentence|word|bullet(?: point)?)s?"
                         r"(?: (?:summary|blurb|intro|pitch|description|note|paragraph|bio))?\b")
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2, "a few": 3}
_PER = {"line": 100, "sentence": 150, "bullet": 100, "bullet point": 100}  # characters a line or sentence holds
_SLACK = 150  # a greeting and a thank-you around what they asked for
# The size is asked of the user: "Can you send me a 3-line summary?", "write two or three sentences I can forward".
_ASKED = re.compile(r"\?|\b(?:can|could|would|will) you\b|\bplease\b|\bkeep it\b|"
                    r"\b(?:send|write|share|give|paste|drop) (?:me|us|over|across)\b")


_QUOTED = re.compile(r"[\"“]([^\"“”\n]{60,})[\"”]")


def _answer_block(text: str) -> str:
    """What answers their ask for a few lines: a passage in quotes ("For the form: \"4 years building…\""), else
    the longest paragraph (a reply may also hold the job link and the resume, which they asked for too)."""
    quoted = [m.group(1) for m in _QUOTED.finditer(text)]
    return max(quoted or [p for p in text.split("\n") if p.strip()] or [""], key=len)


def _their_size(draft, ctx: CoachContext):
    theirs = their_last(ctx.thread)
    if theirs is None:
        return
    for m in _THEIR_SIZE.finditer(theirs):
        start, end = theirs.rfind(".", 0, m.start()) + 1, theirs.find(".", m.end())
        if not _ASKED.search(theirs[start:end if end >= 0 else len(theirs)]):
            continue
        n = max(int(x) if x.isdigit() else _COUNT[x] for x in filter(None, m.group(1, 2)))
        unit = m.group(3)
        block = _answer_block(draft.text)
        if unit == "word":
            used, allowed = len(block.split()), n + _SLACK // 6
            size = f"{used} words"
        else:
            used, allowed = utf16_len(block), n * _PER[unit] + _SLACK
            size = f"{used} characters"
        if n == 0 or used <= allowed:
            return
        who = first_name(ctx) or "They"
        yield THEIR_SIZE.finding(
            f"{who} asked for \"{ctx.thread.messages[-1].text[m.start():m.end()]}\", and this runs to {size}. What "
            "they asked for is what they can forward as it is; a longer answer they must cut down themselves.",
            suggestion="Keep it to what they asked: your role and years, one result, and why this team.",
            data={"asked": n, "unit": unit, "used": used})
        return


THEIR_SIZE = Rule(
    code="length.their-size", severity="warning", check=_their_size, needs=frozenset({"thread"}),
    checklist="time",
    rationale="A referrer who asks for a three-line summary means to forward it; one that fits saves them the work.",
)
OVER_LIMIT = Rule(
    code="length.over-limit", severity="error", check=_over_limit,
    checklist="time",
    fires=("word " * 2000,),
    quiet=('Hi Sam, a short note.',),
    rationale="LinkedIn refuses to send text over the surface's limit; the user must cut it first.",
)
TOO_LONG = Rule(
    code="length.too-long", severity="warning", check=_too_long,
    checklist="time",
    fires=("word " * 250,),
    quiet=('Hi Sam, a short note about the Data Analyst role at Stripe.',),
    rationale="Short messages get more replies (LinkedIn InMail data; Boomerang email study).",
)
TOO_SHORT = Rule(
    code="length.too-short", severity="info", check=_too_short, judges_ask=True, reads_english=True,
    judges_whole=True, surfaces=ASK_SURFACES,  # a reminder may be a line
    # (followup.no-context judges whether it says enough)
    abstains=either(in_conversation, their_turn, follows_a_talk),  # a reply, or a note after a talk, may be short
    fires=('Hi Sam', 'Hi Sam, could you refer me for the Data Analyst role? Thanks!', 'Coffee sometime?'),
    quiet=("Hi Sam, I'm applying for the Data Analyst role at Stripe and would be grateful for a referral. "
           "I've spent four years on SQL and dbt pipelines at Acme, where I cut the nightly reporting run "
           "from six hours to forty minutes. I'm happy to send my resume, and no worries at all if not.",
           "Hi Sam, could you refer me for the Data Analyst role at Stripe (job ID 48213)? I have 4 years of SQL. "
           "Happy to send my resume. No worries if not. Thanks!",
           "Hi Sam, loved your PyCon talk on typing. Could I pick your brain about your move into developer tools?",
           "Hi Sam, as promised, could you refer me for the Data Analyst role (job 48213)? Thanks!",
           "Hi Sam, thanks for your reply! Could you tell me who the hiring manager is?"),
    rationale="Too short to carry a specific ask reads as mass outreach.",
)

FREE_NOTE = Rule(
    code="length.free-note", severity="hint", check=_free_note, surfaces=frozenset({"connection_note"}),
    fires=("Hi Sam, " + "word " * 45,),
    quiet=("Hi Sam, a short note about the Data Analyst role at Stripe.",),
    rationale="Free LinkedIn accounts get 200 characters in a note; the page's counter says which applies.",
)

RULES = [OVER_LIMIT, TOO_LONG, TOO_SHORT, FREE_NOTE, THEIR_SIZE]
