"""The model's features: politeness strategies plus word n-grams, each tied to spans of the text.

Training (scripts/train_tone.py) and inference (model.py) both call `extract`, so a feature means
the same thing in both. Names:
  "S:<strategy>"  1.0 when the strategy is present (binary, as in the paper)
  "U:<word>"      1.0 when the word occurs (lower-cased; URLs are <url>, numbers <num>)
  "B:<w1> <w2>"   1.0 when the bigram occurs; "<s>" marks a sentence start, so "B:<s> please" is
                  "please" opening a sentence
Binary rather than counted so that repeating a word cannot run the score away.
"""

from companion.tone.strategies import Span, Token, find_strategies, parse

SENTENCE_START = "<s>"


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


def extract(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, list[Span]]]:
    """(n-gram features with the span of their first occurrence, strategies with all their spans)."""
    tokens = parse(text)
    return ngram_spans(tokens), find_strategies(text, tokens)


def feature_names(text: str) -> list[str]:
    """All active feature names of `text` (each with value 1.0)."""
    ngrams, strategies = extract(text)
    return [*("S:" + name for name in strategies), *ngrams]
