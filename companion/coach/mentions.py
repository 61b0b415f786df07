"""Whether a draft speaks of a person by name, as opposed to the writer naming themselves: a mutual
connection may share the writer's first name, and "My name is Oksana", "I'm Oksana" or the sign-off
"Best, Oksana" say nothing of the other Oksana.
"""

import re

from companion.tone.strategies import lower_keeping_offsets

# Just before the name, the writer introducing themselves: "my name is", "I'm", "this is", "call me".
_INTRO = re.compile(r"(?:\bmy name(?:'s| is)|\bi'm|\bi am|\bim|\bthis is|\bcall me|\bi go by)[ ,]+$")
# Just before a name that signs the draft: a closing ("Best,", "Thank you so much -", "Kind regards,\n").
_CLOSING = re.compile(r"\b(?:best|regards|thanks|thank you|cheers|sincerely|yours|warmly|respectfully|gratefully|"
                      r"gratitude|take care|wishes)(?: (?:so much|very much|in advance|again|a lot))?[^\w]*$")
# A name on a line of its own after the last sentence ("Thank you!\nOksana", "— Oksana").
_OWN_LINE = re.compile(r"(?:^|[,.!?]\s*\n|\n\s*[-–—~]+)\s*$")
# Before "<name> here": the start of the draft or of a sentence ("Hi Helen, Oksana here.").
_OPENS = re.compile(r"(?:^|[,.!?:\n])\s*$")
# What may follow a signing name: a surname or two on its line (capitalised, when the name stands on a line
# of its own: "Oksana suggested it." is no signature), then a short signature block (title, phone).
_SIGNATURE_BLOCK = r"[ \t.!]*(?:\n[^\n]{0,80}){0,3}\s*$"
_TAIL_ANY = re.compile(r"(?:[ \t,]+[\w.'-]+){0,2}" + _SIGNATURE_BLOCK)
_TAIL_NAMES = re.compile(r"(?:[ \t]+[A-Z][\w.'-]*){0,2}" + _SIGNATURE_BLOCK)


def _self_named(text: str, lower: str, start: int, end: int, own_name: str | None) -> bool:
    if lower.startswith("'s", end):
        return False  # "I'm Oksana's former colleague": someone else's
    if own_name and lower.startswith(own_name, start):
        return True  # the writer's full name, as their own profile has it
    lo = max(0, start - 60)
    if _INTRO.search(lower, lo, start) or re.match(r" here\b", lower[end:end + 6]) and _OPENS.search(lower, lo, start):
        return True  # "My name is Oksana Melnyk", "I'm Oksana", "Oksana here."
    return bool(_CLOSING.search(lower, lo, start) and _TAIL_ANY.match(text, end)
                or _OWN_LINE.search(lower, lo, start) and _TAIL_NAMES.match(text, end))


def mentions_person(text: str, name: str, own_name: str | None = None, lower: str | None = None) -> bool:
    """Whether the draft `text` names `name` (whole words, any case) other than where the writer names
    themselves: a self-introduction, a sign-off, or their own full name `own_name`. `lower`: the text as
    lower_keeping_offsets gives it, when the caller has it."""
    words = lower_keeping_offsets(name).split()
    if not words:
        return False
    lower = lower_keeping_offsets(text) if lower is None else lower
    own = " ".join(lower_keeping_offsets(own_name).split()) if own_name else None
    own = own if own and own != " ".join(words) else None  # the same full name says nothing of who is meant
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
    return any(not _self_named(text, lower, m.start(), m.end(), own) for m in pattern.finditer(lower))
