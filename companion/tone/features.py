"""The model's features: politeness strategies plus word n-grams, each tied to spans of the text.

Training (scripts/train_tone.py) and inference (model.py) both call `extract`: "S:<strategy>",
"U:<word>", "B:<w1> <w2>" ("<s>" marks a sentence start), all binary, computed per sentence and
cached by its text (no feature spans two sentences; docs/tone.md).
"""

import re
from functools import lru_cache

from companion.tone.strategies import NAMES, Span, Token, find_strategies, parse

SENTENCE_START = "<s>"
# A class first (re scans for it in C); the look-behind and possessive quantifiers keep it linear
# on long runs of . ! ? (each run is tried once, from its first character).
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


# An analysis reads each sentence up to three times, and the next keystroke changes one sentence:
# caching halves an analysis. Only sentences up to CACHED_CHARS are kept (at most ~17 MB).
CACHED_CHARS = 1_000
_cached_features = lru_cache(maxsize=256)(_features)


def _chunk_features(chunk: str):
    return _cached_features(chunk) if len(chunk) <= CACHED_CHARS else _features(chunk)


def merge_strategies(parts) -> dict[str, list[Span]]:
    """(offset, strategies of a piece) pairs as one dict over the whole text, in the table's order."""
    merged: dict[str, list[Span]] = {}
    for offset, strategies in parts:
        for name, spans in strategies.items():
            merged.setdefault(name, []).extend(
                spans if not offset else [Span(x.start + offset, x.end + offset, x.words) for x in spans])
    return {name: merged[name] for name in NAMES if name in merged}


def extract(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, list[Span]]]:
    """(n-gram features with the span of their first occurrence, strategies with all their spans).

    The result may be shared with the cache: read it, do not mutate it."""
    pieces = chunks(text)
    if len(pieces) == 1 and pieces[0][0] == 0:
        return _chunk_features(text)
    ngrams: dict[str, tuple[int, int]] = {}
    parts = []
    for offset, chunk in pieces:
        c_ngrams, c_strategies = _chunk_features(chunk)
        for name, (s, e) in c_ngrams.items():
            ngrams.setdefault(name, (s + offset, e + offset))
        parts.append((offset, c_strategies))
    return ngrams, merge_strategies(parts)


def feature_names(text: str) -> list[str]:
    """All active feature names of `text` (each with value 1.0)."""
    ngrams, strategies = extract(text)
    return [*("S:" + name for name in strategies), *ngrams]
