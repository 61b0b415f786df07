"""The model's features: politeness strategies plus word n-grams, each tied to spans of the text.

Training (scripts/train_tone.py) and inference (model.py) both call `extract`, so a feature means
the same thing in both. Names:
  "S:<strategy>"  1.0 when the strategy is present (binary, as in the paper)
  "U:<word>"      1.0 when the word occurs (lower-cased; URLs are <url>, numbers <num>)
  "B:<w1> <w2>"   1.0 when the bigram occurs; "<s>" marks a sentence start, so "B:<s> please" is
                  "please" opening a sentence
Binary rather than counted so that repeating a word cannot run the score away.

Features are computed per sentence (text up to . ! ? and the whitespace after it, or a line break)
and cached by the sentence's text (in memory only). No feature spans two sentences (a bigram
across a boundary would start with "<s>" anyway), so this is the definition of the features, not
an approximation of it.
"""

import re
from functools import lru_cache

from companion.tone.strategies import NAMES, Span, Token, find_strategies, parse

SENTENCE_START = "<s>"
# It opens with a character class so re finds candidates in C (a leading look-behind is tried at
# every position: twice the cost on an InMail). Linear on any input: the look-behind (a run's first
# character is not preceded by another) tries a run of . ! ? only from its first character, and the
# possessive quantifiers never give back what they took (a run not followed by a space fails in one
# pass instead of once per shorter prefix: 100,000 dots took minutes). Same matches as without them.
_CHUNK_END = re.compile(r"[.!?](?<![.!?]{2})[.!?]*+[\"'”’)\]]*+\s+|\n\s*")


def ngram_spans(tokens: list[Token]) -> dict[str, tuple[int, int]]:
    """{feature name: (start, end) of its first occurrence} for the unigrams and bigrams."""
    out: dict[str, tuple[int, int]] = {}
    prev: Token | None = None
    for t in tokens:
        out.setdefault("U:" + t.norm, (t.start, t.end))
        if t.pos == 0:
            out.setdefault("B:" + SENTENCE_START + " " + t.norm, (t.start, t.end))
        elif prev is not None:
            out.setdefault("B:" + prev.norm + " " + t.norm, (prev.start, t.end))
        prev = t
    return out


def chunks(text: str) -> list[tuple[int, str]]:
    """(offset, sentence text) pieces that cover `text`, each ending after its boundary."""
    out = []
    start = 0
    for m in _CHUNK_END.finditer(text):
        if m.end() > start:
            out.append((start, text[start:m.end()]))
            start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _features(chunk: str):
    tokens = parse(chunk)
    return ngram_spans(tokens), find_strategies(chunk, tokens)


# One analysis reads each sentence up to three times (the whole draft, sentence pairs, the worst
# passage explained), and the next keystroke's draft has the same sentences but one: caching
# halves an analysis (0.38 against 0.82 ms for a 75-word message). What is derived from a sentence
# costs ~65 bytes per character, so only sentences of up to CACHED_CHARS are kept: at most ~17 MB.
CACHED_CHARS = 1_000
_cached_features = lru_cache(maxsize=256)(_features)


def _chunk_features(chunk: str):
    return _cached_features(chunk) if len(chunk) <= CACHED_CHARS else _features(chunk)


def extract(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, list[Span]]]:
    """(n-gram features with the span of their first occurrence, strategies with all their spans).

    The result may be shared with the cache: read it, do not mutate it."""
    pieces = chunks(text)
    if len(pieces) == 1 and pieces[0][0] == 0:
        return _chunk_features(text)
    ngrams: dict[str, tuple[int, int]] = {}
    strategies: dict[str, list[Span]] = {}
    for offset, chunk in pieces:
        c_ngrams, c_strategies = _chunk_features(chunk)
        for name, (s, e) in c_ngrams.items():
            if name not in ngrams:
                ngrams[name] = (s + offset, e + offset)
        for name, spans in c_strategies.items():
            strategies.setdefault(name, []).extend(Span(s.start + offset, s.end + offset, s.words) for s in spans)
    # Strategies in the table's order, as find_strategies gives them.
    return ngrams, {name: strategies[name] for name in NAMES if name in strategies}


def feature_names(text: str) -> list[str]:
    """All active feature names of `text` (each with value 1.0)."""
    ngrams, strategies = extract(text)
    return [*("S:" + name for name in strategies), *ngrams]
