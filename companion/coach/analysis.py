"""A draft analysed once: tokens, sentences and lower-cased text that every rule shares.

Rules run on every keystroke, so anything more than one pass over the text belongs here, computed
once per draft (lazily: a property nobody asks for costs nothing), not in each rule.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from companion.coach.utf16 import OffsetMap, utf16_len

# Prefix for a pattern whose every alternative opens with \b and a word character: one check
# where no word starts instead of trying each alternative there. The same matches; a scan of an
# InMail costs 10-40% less for large grouped alternations, but more where re already skips
# literal alternatives fast (background._FIT): measure before adding it.
WORD_START = r"(?<!\w)(?=\w)"
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*|[^\sA-Za-z0-9]")
# A sentence ends at . ! ? (runs of them) or a line break; abbreviations are rare in these notes.
# Line breaks end sentences too because greetings and sign-offs stand on their own lines.
# Class first, then look-behind, and possessive quantifiers: scanned in C and linear on runs of
# . ! ? (see tone/features.py).
_SENTENCE_END = re.compile(r"[.!?](?<![.!?]{2})[.!?]*+[\"')\]]*+(?=\s|$)|\n")


class Token(NamedTuple):
    # A NamedTuple, not a dataclass: a 1,900-character InMail has ~350 of them per keystroke.
    text: str
    lower: str
    start: int  # code-point offsets into the draft
    end: int


class Sentence(NamedTuple):
    text: str
    start: int
    end: int


@dataclass
class AnalysedDraft:
    """The draft text (and the InMail subject) with everything rules share, computed once."""

    text: str
    subject: str | None = None
    lower: str = field(init=False)
    # Facts one rule works out and another reuses (e.g. "names a specific role"), keyed by name.
    memo: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()
        if len(self.lower) != len(self.text):
            # A few characters lower-case to two code points ("İ"); keep offsets aligned with text.
            self.lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        # Curly apostrophes are what phones and LinkedIn's editor insert; rules match straight ones.
        if "’" in self.lower:
            self.lower = self.lower.replace("’", "'")

    @cached_property
    def subject_lower(self) -> str:
        return (self.subject or "").lower().replace("’", "'")

    @cached_property
    def offsets(self) -> OffsetMap:
        return OffsetMap(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(self.text)]

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.text[0].isalnum()]

    @cached_property
    def word_count(self) -> int:
        return len(self.words)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        text = self.text
        start = 0
        for m in _SENTENCE_END.finditer(text):
            self._add_sentence(out, start, m.end())
            start = m.end()
        self._add_sentence(out, start, len(text))
        return out

    def _add_sentence(self, out: list[Sentence], start: int, end: int) -> None:
        chunk = self.text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Sentence(stripped, start + lead, start + lead + len(stripped)))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, index: int) -> Sentence | None:
        """The sentence containing code-point `index` (or the one before it, in the gap)."""
        i = bisect_right(self._sentence_starts, index) - 1
        return self.sentences[i] if i >= 0 else None

    def sentence_start(self, index: int, limit: int = 80) -> int:
        """Where the sentence holding `index` starts, looking back at most `limit` characters.

        A few C-level rfind calls instead of a sentence split: this runs for every candidate
        trigger on every keystroke.
        """
        lo = max(0, index - limit)
        text = self.text
        cut = max(text.rfind(".", lo, index), text.rfind("!", lo, index), text.rfind("?", lo, index),
                  text.rfind("\n", lo, index))
        return cut + 1 if cut >= 0 else lo

    def ends_in_question(self, index: int, limit: int = 160) -> bool:
        """Whether the sentence running on from `index` ends with a question mark."""
        tail = self.text[index:index + limit]
        stops = [i for i in (tail.find("."), tail.find("!"), tail.find("?"), tail.find("\n")) if i >= 0]
        return bool(stops) and tail[min(stops)] == "?"

    def before_in_sentence(self, index: int, limit: int = 80) -> str:
        """Lower-cased text from the start of `index`'s sentence (at most `limit` chars) to `index`.

        Rules use it to look for a softener or a negation in front of a trigger ("could you refer
        me", "I'm not demanding") without re-scanning the draft.
        """
        return self.lower[self.sentence_start(index, limit):index]

    @cached_property
    def utf16_length(self) -> int:
        return utf16_len(self.text)

    def remember(self, key: str, compute):
        """`compute()` once per draft under `key`: rules share derived facts without recomputing."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute()
            return value

    def range(self, start: int, end: int) -> dict:
        """A wire Range (UTF-16 units) for a code-point span of the draft."""
        return {"start": self.offsets.to_utf16(start), "end": self.offsets.to_utf16(end)}
