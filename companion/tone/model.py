"""Politeness inference: a logistic regression, trained on the Stanford Politeness Corpus, whose weights
ship as JSON in the package. P(polite) = sigmoid(bias + the weights of the binary features present), so
`explain` can list every contribution with the words that switched it on (docs/tone.md).
"""

import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from companion.tone.features import chunks, merge, merge_strategies, sentence_features
from companion.tone.strategies import LABELS, Span

FORMAT = "tactful-politeness/1"
PACKAGED = "politeness_model.json"
CACHED_CHARS = 1_000


class ModelError(ValueError):
    """The weights file is missing, not JSON, or not in the expected format."""


@dataclass(frozen=True)
class Contribution:
    """One feature present in the text and what it adds to the log-odds of "polite"."""

    feature: str  # "S:gratitude", "U:thanks", "B:<s> please"
    kind: str  # "strategy", "unigram" or "bigram"
    name: str  # the strategy name, or the n-gram as text ("<s>" = sentence start)
    weight: float
    spans: tuple[Span, ...]  # where in the text; an n-gram cites its first occurrence


@dataclass(frozen=True)
class ToneResult:
    polite_probability: float
    logit: float
    bias: float
    strategies: dict[str, list[Span]]
    contributions: list[Contribution] = field(default_factory=list)  # filled by explain()


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


class ToneModel:
    def __init__(self, doc: dict):
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} weights document")
        weights, bias = doc.get("weights"), doc.get("bias")
        if not isinstance(weights, dict) or not isinstance(bias, (int, float)):
            raise ModelError("weights document lacks 'weights' or 'bias'")
        self.weights: dict[str, float] = {str(k): float(v) for k, v in weights.items()}
        self.bias = float(bias)
        self.citation: str = doc.get("citation", "")
        self._known = frozenset(self.weights)
        # An analysis reads each sentence up to three times, and a keystroke changes one sentence.
        # Only sentences up to CACHED_CHARS are kept (at most ~17 MB).
        self._cached_piece = lru_cache(maxsize=256)(self._piece)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The words its features were learned on: ordinary English as the corpus's requests wrote it (no
        trade acronyms: "CDISC", "SDTM")."""
        return frozenset(w for k in self.weights if k[:2] in ("U:", "B:") for w in k[2:].split()
                         if w.replace("'", "").isalpha())

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ToneModel":
        """The model in `path`, or the one shipped in companion/tone/data/."""
        try:
            source = resources.files("companion.tone").joinpath("data", PACKAGED) if path is None else Path(path)
            return cls(json.loads(source.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ModelError(f"cannot load politeness weights: {exc}") from exc

    def pieces(self, text: str) -> list[tuple[int, str, tuple]]:
        """(offset, sentence, (n-grams, strategies, feature set, sum of their weights)) per sentence,
        cached by the sentence's text, so a keystroke re-extracts only the sentence it changed."""
        cached, piece = self._cached_piece, self._piece
        return [(offset, chunk, cached(chunk) if len(chunk) <= CACHED_CHARS else piece(chunk))
                for offset, chunk in chunks(text)]

    def _piece(self, chunk: str) -> tuple:
        ngrams, strategies = sentence_features(chunk)
        feats = frozenset(ngrams).union(["S:" + name for name in strategies])
        return ngrams, strategies, feats, sum(map(self.weights.__getitem__, feats & self._known))

    def clear_cache(self) -> None:
        """Forget the cached sentence features: for cold timings."""
        self._cached_piece.cache_clear()

    def analyse(self, text: str, pieces: list | None = None) -> ToneResult:
        """Probability and strategies, without the per-feature breakdown (the fast path).
        `pieces`: what `pieces(text)` returned, when the caller already has it."""
        pieces = self.pieces(text) if pieces is None else pieces
        if len(pieces) == 1:
            _ngrams, strategies, _feats, weight = pieces[0][2]
            z = self.bias + weight
        else:
            union = frozenset().union(*(feats for _o, _c, (_n, _s, feats, _w) in pieces))
            # Set intersection and map run in C: a keystroke in a long draft re-sums ~500 features.
            z = self.bias + sum(map(self.weights.__getitem__, union & self._known))
            strategies = merge_strategies((offset, info[1]) for offset, _chunk, info in pieces)
        return ToneResult(sigmoid(z), z, self.bias, strategies)

    def explain(self, text: str) -> ToneResult:
        """Like analyse, plus every non-zero contribution, largest first; bias + their sum = logit."""
        ngrams, strategies = merge([(offset, info) for offset, _chunk, info in self.pieces(text)])
        w = self.weights
        out = [Contribution("S:" + name, "strategy", name, w["S:" + name], tuple(spans))
               for name, spans in strategies.items() if w.get("S:" + name)]
        out += [Contribution(feat, "unigram" if feat[0] == "U" else "bigram", feat[2:], w[feat],
                             (Span(s, e, text[s:e]),)) for feat, (s, e) in ngrams.items() if w.get(feat)]
        out.sort(key=lambda c: (-abs(c.weight), c.feature))
        z = self.bias + sum(c.weight for c in out)
        return ToneResult(sigmoid(z), z, self.bias, strategies, out)

    def passages(self, text: str, pieces: list | None = None) -> list[tuple[int, int, float]]:
        """(start, end, P(polite)) for every two consecutive sentences; [] for two sentences or fewer. The
        corpus's requests are about two sentences long; a long draft scored whole reads polite around one
        rude sentence (many small positive weights add up), which pairs find."""
        pieces = [p for p in (self.pieces(text) if pieces is None else pieces) if p[1].strip()]
        if len(pieces) <= 2:
            return []
        w, known = self.weights, self._known
        out = []
        for (o1, c1, (*_x1, f1, w1)), (o2, c2, (*_x2, f2, w2)) in zip(pieces, pieces[1:]):
            # Binary features: a feature in both sentences counts once.
            z = self.bias + w1 + w2 - sum(map(w.__getitem__, f1 & f2 & known))
            out.append((o1 + len(c1) - len(c1.lstrip()), o2 + len(c2.rstrip()), sigmoid(z)))
        return out


@lru_cache(maxsize=1)
def default_model() -> ToneModel:
    """The packaged model, loaded once per process."""
    return ToneModel.load()


def strategies_json(result: ToneResult, model: ToneModel) -> list[dict]:
    """Strategies as plain data: name, label, weight and code-point spans with their words."""
    return [
        {"name": name, "label": LABELS[name], "weight": round(model.weights.get("S:" + name, 0.0), 4),
         "spans": [{"start": s.start, "end": s.end, "text": s.words} for s in spans]}
        for name, spans in result.strategies.items()
    ]
