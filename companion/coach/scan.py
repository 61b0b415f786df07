"""Word-indexed regex matching: run a rule's pattern only where one of its first words occurs.

Python's `re` tries a big alternation like `\\b(?:thanks|thank you|appreciate|...)` at every
position of the draft; over a 1,900-character InMail that costs 50-400 µs per pattern, and the
coach has dozens. Instead the draft is tokenized once (AnalysedDraft.word_index: the first three
characters of every word -> where such words start), and each pattern declares, derived from the
pattern itself at import time, which word prefixes it can start with. A scan then tries the
pattern only at those positions: per keystroke the cost is proportional to the number of
candidate words, not to the length of the draft times the number of alternatives.

A pattern whose start cannot be derived (it starts with a character class, a digit run or
punctuation) falls back to a plain `finditer` over the whole text; patterns are written to start
at a word, so the index covers every match.
"""

import re
from re import _constants as C  # noqa: the parser's opcodes; stable across 3.11-3.13
from re import _parser

from companion.coach.analysis import AnalysedDraft

KEY_LEN = 3  # words are indexed by their first three characters
_TOKEN_CHAR = re.compile(r"[\w']")


class _Unknown(Exception):
    """The pattern's start is not a literal word prefix; scan the whole text instead."""


def _key(acc: str) -> str | None:
    """The index key for a literal prefix, or None if more characters are needed."""
    for i, ch in enumerate(acc[:KEY_LEN]):
        if not _TOKEN_CHAR.match(ch):
            if i == 0:
                raise _Unknown  # starts with punctuation: not word-indexed
            return acc[:i]
    return acc[:KEY_LEN] if len(acc) >= KEY_LEN else None


def _walk(stack: list, acc: str, out: set[str]) -> None:
    """Collect the keys of every literal prefix the items on `stack` can start with."""
    key = _key(acc)
    if key is not None:
        out.add(key)
        return
    if not stack:
        if acc:  # the whole pattern is a short word ("tia"): its key is itself
            out.add(acc)
            return
        raise _Unknown
    items, rest = stack[0], stack[1:]
    if not items:
        _walk(rest, acc, out)
        return
    op, av = items[0]
    after = [items[1:], *rest]
    if acc and _is_space(op, av):
        out.add(acc)  # whitespace ends the word: a short word like "ml " is a complete key
        return
    if op is C.LITERAL:
        _walk(after, acc + chr(av).lower(), out)
    elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        _walk(after, acc, out)  # zero-width: \b, lookarounds
    elif op is C.SUBPATTERN:
        _walk([list(av[-1]), *after], acc, out)
    elif op is C.BRANCH:
        for alt in av[1]:
            _walk([list(alt), *after], acc, out)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if hi != 1:
            raise _Unknown  # runs of a repeat would need more than one pass; not worth it
        if lo == 0:
            _walk(after, acc, out)
        _walk([list(sub), *after], acc, out)
    elif op is C.IN and all(o is C.LITERAL for o, _ in av) and len(av) <= 4:
        for _, ch in av:
            _walk(after, acc + chr(ch).lower(), out)
    else:
        raise _Unknown


def _is_space(op, av) -> bool:
    """Whether an item matches only whitespace (\\s, [ \\t], \\s+): it ends a word."""
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _, sub = av
        return lo >= 1 and len(sub) == 1 and _is_space(*sub[0])
    if op is C.IN:
        return all((o is C.CATEGORY and a is C.CATEGORY_SPACE) or (o is C.LITERAL and chr(a) in " \t\n")
                   for o, a in av)
    return op is C.LITERAL and chr(av) in " \t"


def first_keys(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The word-index keys a pattern can start at, or None when it must scan the whole text."""
    try:
        parsed = _parser.parse(pattern, flags)
        out: set[str] = set()
        _walk([list(parsed)], "", out)
        return frozenset(out)
    except _Unknown:
        return None


class Trigger:
    """A compiled pattern plus the word prefixes it can start with.

    `on="lower"` matches the lower-cased draft (curly apostrophes straightened), `on="text"` the
    original (for patterns that care about capitals, like company names after "at").
    """

    def __init__(self, pattern: str, flags: int = 0, on: str = "lower"):
        self.regex = re.compile(pattern, flags)
        self.keys = first_keys(pattern, flags)
        self.on = on

    def finditer(self, draft: AnalysedDraft):
        """Non-overlapping matches in order, like re.finditer, tried only at candidate words."""
        target = draft.lower if self.on == "lower" else draft.text
        if self.keys is None:
            yield from self.regex.finditer(target)
            return
        positions = draft.candidates(self.keys)
        end = -1
        match = self.regex.match
        for pos in positions:
            if pos < end:
                continue
            m = match(target, pos)
            if m is not None:
                end = m.end() if m.end() > pos else pos + 1
                yield m

    def search(self, draft: AnalysedDraft):
        """The first match, or None."""
        return next(self.finditer(draft), None)
