"""Politeness inference: a logistic regression whose weights ship as JSON inside the package.

P(polite) = sigmoid(bias + sum of the weights of the features present). The features are binary
(companion/tone/features.py), so the log-odds are exactly the bias plus one weight per feature
present, and `explain` can list every one of them with the words of the text that switched it on.
Pure Python; loading the packaged file takes a few milliseconds and is done once per process.

Trained on the Stanford Politeness Corpus (Danescu-Niculescu-Mizil et al., ACL 2013); the file
carries the citation, see docs/tone.md.
"""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from companion.tone.features import extract
from companion.tone.strategies import BY_NAME, Span

FORMAT = "tactful-politeness/1"
PACKAGED = "politeness_model.json"


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

    def strategy_weight(self, name: str, model: "ToneModel") -> float:
        return model.weights.get("S:" + name, 0.0)


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
        self.meta = {k: v for k, v in doc.items() if k != "weights"}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ToneModel":
        """The model in `path`, or the one shipped in companion/tone/data/."""
        try:
            if path is None:
                raw = resources.files("companion.tone").joinpath("data", PACKAGED).read_text(encoding="utf-8")
            else:
                raw = Path(path).read_text(encoding="utf-8")
            return cls(json.loads(raw))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ModelError(f"cannot load politeness weights: {exc}") from exc

    def analyse(self, text: str) -> ToneResult:
        """Probability and strategies, without the per-feature breakdown (the fast path)."""
        ngrams, strategies = extract(text)
        w = self.weights
        z = self.bias + sum(w.get("S:" + s, 0.0) for s in strategies) + sum(w.get(f, 0.0) for f in ngrams)
        return ToneResult(sigmoid(z), z, self.bias, strategies)

    def probability(self, text: str) -> float:
        return self.analyse(text).polite_probability

    def explain(self, text: str) -> ToneResult:
        """Like analyse, plus every non-zero contribution, largest first; bias + their sum = logit."""
        ngrams, strategies = extract(text)
        out: list[Contribution] = []
        for name, spans in strategies.items():
            weight = self.weights.get("S:" + name, 0.0)
            if weight:
                out.append(Contribution("S:" + name, "strategy", name, weight, tuple(spans)))
        for feat, (start, end) in ngrams.items():
            weight = self.weights.get(feat, 0.0)
            if weight:
                kind = "unigram" if feat[0] == "U" else "bigram"
                out.append(Contribution(feat, kind, feat[2:], weight, (Span(start, end, text[start:end]),)))
        out.sort(key=lambda c: (-abs(c.weight), c.feature))
        z = self.bias + sum(c.weight for c in out)
        return ToneResult(sigmoid(z), z, self.bias, strategies, out)

    def lift(self, result: ToneResult, name: str) -> float:
        """The probability if strategy `name` were added (its own weight only; the words it brings
        have n-gram weights of their own, so this is an estimate)."""
        return sigmoid(result.logit + self.weights.get("S:" + name, 0.0))


@lru_cache(maxsize=1)
def default_model() -> ToneModel:
    """The packaged model, loaded once per process."""
    return ToneModel.load()


def strategies_json(result: ToneResult, model: ToneModel) -> list[dict]:
    """Strategies as plain data: name, label, weight and code-point spans with their words."""
    return [
        {"name": name, "label": BY_NAME[name].label, "weight": round(model.weights.get("S:" + name, 0.0), 4),
         "spans": [{"start": s.start, "end": s.end, "text": s.words} for s in spans]}
        for name, spans in result.strategies.items()
    ]
