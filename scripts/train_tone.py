"""Train Tactful's politeness model on the Stanford Politeness Corpus and write its JSON weights.

    python scripts/train_tone.py CORPUS_DIR [--out companion/tone/data/politeness_model.json]

CORPUS_DIR holds wikipedia.annotated.csv and stack-exchange.annotated.csv (the sudhof/politeness
layout). Following the paper, each domain is reduced to its binary task: requests in the top
quartile of Normalized Score are polite (1), those in the bottom quartile impolite (0), with the
quartile thresholds of the full original files. The shipped model is an L2 logistic regression over
politeness strategies + unigrams + bigrams (companion/tone/features.py), fitted on both domains.

Needs the `train` extra (scikit-learn, numpy); the companion itself never imports this file.
bench/tone_eval.py reuses the functions here for cross-validation.
"""

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.tone.features import feature_names  # noqa: E402

FILES = {"wikipedia": "wikipedia.annotated.csv", "stack-exchange": "stack-exchange.annotated.csv"}
# (Q1, Q3) of Normalized Score over each full original file, from the corpus's SOURCES.md.
THRESHOLDS = {"wikipedia": (-0.443, 0.514), "stack-exchange": (-0.344, 0.421)}
DEFAULT_C = 0.1  # chosen by 10-fold CV on the binary tasks (bench/tone_eval.py --sweep)
MIN_DF = 2  # a feature seen in a single training request carries no evidence worth shipping
CITATION = ("Cristian Danescu-Niculescu-Mizil, Moritz Sudhof, Dan Jurafsky, Jure Leskovec, Christopher "
            "Potts. A computational approach to politeness with application to social factors. "
            "ACL 2013 (ACL Anthology P13-1025; arXiv:1306.6078).")
KINDS = {"both": "SUB", "strategies": "S", "ngrams": "UB"}


@dataclass(frozen=True)
class Request:
    domain: str
    text: str
    score: float
    community: str = ""  # the Community column (Stack Exchange site; "Wikipedia")
    hit_group: str = ""  # Stack Exchange annotation batch group: "SO", "tail" or "structured"

    @property
    def label(self) -> int | None:
        """1 polite (top quartile), 0 impolite (bottom quartile), None in between."""
        q1, q3 = THRESHOLDS[self.domain]
        return 1 if self.score >= q3 else 0 if self.score <= q1 else None


def load_domain(folder: Path, domain: str) -> list[Request]:
    path = Path(folder) / FILES[domain]
    if not path.is_file():
        raise SystemExit(f"train_tone: {path} not found (expected the corpus folder with {FILES[domain]})")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "Request" not in rows[0] or "Normalized Score" not in rows[0]:
        raise SystemExit(f"train_tone: {path} lacks the Request / Normalized Score columns")
    groups = _hit_groups(Path(folder)) if domain == "stack-exchange" else {}
    return [Request(domain, r["Request"], float(r["Normalized Score"]), r.get("Community") or "",
                    groups.get(r.get("Id") or "", "")) for r in rows]


HIT_GROUPS = "stack-exchange.hit-groups.csv"


def _hit_groups(folder: Path) -> dict[str, str]:
    """Id -> hit_group from the corpus's stack-exchange.hit-groups.csv (empty when it is absent)."""
    path = folder / HIT_GROUPS
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["Id"]: r["hit_group"] for r in csv.DictReader(fh)}


def sound(requests: list[Request]) -> list[Request]:
    """Without the Stack Exchange rows of the "structured" annotation batches: their ratings belong
    to other texts (SOURCES.md of the corpus: text models are at chance on them)."""
    return [r for r in requests if r.hit_group != "structured"]


def binary(requests: list[Request]) -> list[Request]:
    """The paper's task: only the top and bottom quartiles."""
    return [r for r in requests if r.label is not None]


def featurize(texts, kinds: str = KINDS["both"]) -> list[list[str]]:
    """Feature names per text, keeping the kinds given by their prefix letters (S, U, B)."""
    return [[f for f in feature_names(t) if f[0] in kinds] for t in texts]


def fit(features: list[list[str]], labels: list[int], C: float = DEFAULT_C) -> tuple[dict[str, float], float]:
    """An L2 logistic regression on binary features; returns ({feature: weight}, bias)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for feats in features for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    rows, cols = [], []
    for r, feats in enumerate(features):
        for c in {vocab[f] for f in feats if f in vocab}:
            rows.append(r)
            cols.append(c)
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(features), len(vocab)))
    clf = LogisticRegression(C=C, max_iter=5000).fit(X, np.asarray(labels))
    coef = clf.coef_[0]
    return {f: float(coef[i]) for f, i in vocab.items()}, float(clf.intercept_[0])


def logit(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    return bias + sum(weights.get(f, 0.0) for f in feats)


def accuracy(weights, bias, features, labels) -> float:
    hits = sum((logit(weights, bias, f) > 0) == bool(y) for f, y in zip(features, labels))
    return hits / len(labels)


def export(weights: dict[str, float], bias: float, requests: list[Request], C: float) -> dict:
    """The JSON document the companion ships: weights rounded to 4 decimals, tiny ones dropped."""
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 5e-4}
    counts = Counter((r.domain, r.label) for r in requests)
    return {
        "format": "tactful-politeness/1",
        "description": "Logistic regression over politeness strategies and word n-grams; "
                       "P(polite) for a request, as in the paper's top-vs-bottom-quartile task.",
        "citation": CITATION,
        "corpus": {
            "name": "Stanford Politeness Corpus (Wikipedia and Stack Exchange requests)",
            "licence": "CC BY 4.0 (ConvoKit distribution); Apache-2.0 in github.com/sudhof/politeness",
            "rows_used": "80% sample of each annotated file; top vs bottom quartile of Normalized Score; "
                         "Stack Exchange without the 'structured' annotation batches, whose ratings belong "
                         "to other texts (stack-exchange.hit-groups.csv)",
            "thresholds": THRESHOLDS,
            "examples": {f"{d}/{'polite' if y else 'impolite'}": n for (d, y), n in sorted(counts.items())},
        },
        "training": {"model": "sklearn LogisticRegression (L2)", "C": C, "min_df": MIN_DF,
                     "features": len(kept), "script": "scripts/train_tone.py"},
        "bias": round(bias, 6),
        "weights": kept,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with the two annotated CSV files")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "companion/tone/data/politeness_model.json")
    parser.add_argument("--C", type=float, default=DEFAULT_C, help="inverse L2 strength (default %(default)s)")
    parser.add_argument("--all-rows", action="store_true",
                        help="keep the Stack Exchange rows whose ratings belong to other texts (not recommended)")
    args = parser.parse_args(argv)
    requests = [r for d in FILES for r in binary(load_domain(args.corpus, d))]
    if not args.all_rows:
        if not any(r.hit_group for r in requests):
            raise SystemExit(f"train_tone: {args.corpus / HIT_GROUPS} not found; it marks the unsound "
                             "Stack Exchange rows (pass --all-rows to train on the whole file anyway)")
        requests = sound(requests)
    features = featurize([r.text for r in requests])
    labels = [r.label for r in requests]
    weights, bias = fit(features, labels, args.C)
    doc = export(weights, bias, requests, args.C)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                        encoding="utf-8")
    train_acc = accuracy(doc["weights"], doc["bias"], features, labels)
    print(f"{len(requests)} requests, {len(doc['weights'])} weights, training accuracy {train_acc:.1%}, "
          f"{args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
