"""The model's binary features, each tied to spans of the text: "S:<strategy>", "U:<word>", "B:<w1> <w2>"
("<s>" marks a sentence start). Found per sentence (`chunks`), so training (`feature_names`) and inference
(model.py, which caches each sentence's features) see the same features; docs/tone.md.
"""

import re

from companion.tone.strategies import NAMES, Span, Token, find_strategies, parse

SENTENCE_START = "<s>"
# A class first (re scans for it in C); the look-behind and possessive quantifiers keep it linear
# on long runs of . ! ? (each run is tried once, from its first character).
_CHUNK_END = re.compile(r"[.!?](?<![.!?]{2})[.!?]*+[\"'”’)\]]*+\s+|\n\s*")


def chunks(text: str) -> list[tuple[int, str]]:
    """(offset, sentence text) pieces that cover `text`, each ending after its boundary."""
    out = []
    start = 0
    for m in _CHUNK_END.finditer(text):  # matches are never empty
        out.append((start, text[start:m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def sentence_features(chunk: str) -> tuple[dict[str, tuple[int, int]], dict[str, list[Span]]]:
    """(n-grams with the span of their first occurrence, strategies) of one piece of `chunks`."""
    tokens = parse(chunk)
    ngrams: dict[str, tuple[int, int]] = {}
    prev: Token | None = None
    for t in tokens:
        ngrams.setdefault("U:" + t.norm, (t.start, t.end))
        if t.pos == 0:
            ngrams.setdefault("B:" + SENTENCE_START + " " + t.norm, (t.start, t.end))
        elif prev is not None:
            ngrams.setdefault("B:" + prev.norm + " " + t.norm, (prev.start, t.end))
        prev = t
    return ngrams, find_strategies(chunk, tokens)


def merge_strategies(parts) -> dict[str, list[Span]]:
    """(offset, strategies of a piece) pairs as one dict over the whole text, in the table's order."""
    merged: dict[str, list[Span]] = {}
    for offset, strategies in parts:
        for name, spans in strategies.items():
            merged.setdefault(name, []).extend(
                spans if not offset else [Span(x.start + offset, x.end + offset, x.words) for x in spans])
    return {name: merged[name] for name in NAMES if name in merged}


def merge(parts: list) -> tuple[dict[str, tuple[int, int]], dict[str, list[Span]]]:
    """(n-gram features with the span of their first occurrence, strategies with all their spans) of
    a text from (offset, (n-grams, strategies, ...)) for each piece of `chunks`."""
    ngrams: dict[str, tuple[int, int]] = {}
    for offset, (piece_ngrams, *_rest) in parts:
        for name, (s, e) in piece_ngrams.items():
            ngrams.setdefault(name, (s + offset, e + offset))
    return ngrams, merge_strategies((offset, info[1]) for offset, info in parts)


def feature_names(text: str) -> list[str]:
    """All active feature names of `text` (each with value 1.0): what training sees."""
    ngrams, strategies = merge([(offset, sentence_features(chunk)) for offset, chunk in chunks(text)])
    return [*("S:" + name for name in strategies), *ngrams]
