"""A draft analysed once: tokens, sentences and lower-cased text that every rule shares.

Rules run on every keystroke, so anything more than one pass over the text belongs here, computed
once per draft, not in each rule.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from companion.coach.utf16 import OffsetMap, utf16_len

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*|[^\sA-Za-z0-9]")
# A sentence ends at . ! ? (runs of them) or a blank line; abbreviations are rare in these notes.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    start: int  # code-point offsets into the draft
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass
class AnalysedDraft:
    text: str
    subject: str | None = None
    lower: str = field(init=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()

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
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        start = 0
        for m in _SENTENCE_END.finditer(self.text):
            end = m.end()
            chunk = self.text[start:end]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Sentence(chunk.strip(), start + lead, start + lead + len(chunk.strip())))
            start = end
        tail = self.text[start:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            out.append(Sentence(tail.strip(), start + lead, start + lead + len(tail.strip())))
        return out

    @cached_property
    def utf16_length(self) -> int:
        return utf16_len(self.text)

    def range(self, start: int, end: int) -> dict:
        """A wire Range (UTF-16 units) for a code-point span of the draft."""
        return {"start": self.offsets.to_utf16(start), "end": self.offsets.to_utf16(end)}
