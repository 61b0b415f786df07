"""How often the coach agrees with careful human labels on real referral messages.

    python bench/coach_eval.py [DATA.jsonl] [--misses]

DATA defaults to ../shared/data/referral-messages/referral_dev.jsonl next to the repository (127
published messages labelled per rule; its README defines every label). Each message is analysed
as `tactful check --json` would (surface = the record's `kind`, no profile), and for every label
the "finding present" of its rule is compared with the human label:

- balanced accuracy (mean of the true-positive and true-negative rates) over the messages where the
  label means something: where the rule runs (its surfaces; not a draft it abstains on, such as a
  thank-you that asks nothing or a draft in another language), and for the ask labels only the
  request types that ask for something (referral, referral_soft_ask, introduction_for_referral,
  job_inquiry);
- the macro average over the labels;
- the AUC of the score between messages their sources call good and bad (ties count half).

The coach's only learned part is the politeness model (companion/tone), trained on the Stanford
Politeness Corpus, never on these messages; nothing here is fitted to the dev set, so the figures
are not cross-validated because there is nothing to cross-validate. `--misses` lists every
disagreement (id, label, human, coach) for the error analysis in docs/quality.md.
The last three lines are a compact summary.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion.coach import CoachContext, analyze  # noqa: E402
from companion.coach.analysis import AnalysedDraft  # noqa: E402
from companion.coach.registry import RULES_BY_CODE  # noqa: E402



def _shared() -> Path:
    """../shared next to the repository (next to the main checkout when this is a git worktree)."""
    here = ROOT.parent / "shared"
    git = ROOT / ".git"
    if not here.is_dir() and git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        return gitdir.parents[2].parent / "shared"
    return here


DEFAULT_DATA = _shared() / "data" / "referral-messages" / "referral_dev.jsonl"
ASK_TYPES = frozenset({"referral", "referral_soft_ask", "introduction_for_referral", "job_inquiry"})
# label -> (rule code, whether a finding means the label is true, restricted to asks)
LABELS = {
    "names_role": ("ask.role-missing", False, True),
    "names_company": ("ask.company-missing", False, True),
    "vague_ask": ("ask.vague", True, True),
    "personalized": ("personal.generic", False, False),
    "gratitude": ("courtesy.gratitude-missing", False, False),
    "gives_out": ("courtesy.out-missing", False, False),
    "acknowledges_time": ("courtesy.time-missing", False, False),
    "offers_materials": ("materials.missing", False, False),
    "demanding_tone": ("tone.demanding", True, False),
    "asks_confidential": ("privacy.confidential", True, False),
    "cold_immediate_ask": ("relationship.cold-ask", True, False),
}
TARGET_MACRO, TARGET_LABEL, TARGET_AUC = 0.90, 0.80, 0.95


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> float:
    """Mean recall of the two classes over (human, coach) pairs; plain accuracy if one class is absent."""
    pos = [c for h, c in pairs if h]
    neg = [not c for h, c in pairs if not h]
    rates = [sum(x) / len(x) for x in (pos, neg) if x]
    return sum(rates) / len(rates) if rates else float("nan")


def auc(good: list[float], bad: list[float]) -> float:
    wins = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return wins / (len(good) * len(bad)) if good and bad else float("nan")


def evaluate(records: list[dict]) -> dict:
    per_label: dict[str, list] = {label: [] for label in LABELS}
    good, bad = [], []
    for rec in records:
        ctx = CoachContext(surface=rec["kind"])
        feedback = analyze(rec["text"], ctx)
        draft = AnalysedDraft(rec["text"])
        fired = {f.code for f in feedback.findings}
        if feedback.score is not None and rec["source_label"] in ("good", "bad"):
            (good if rec["source_label"] == "good" else bad).append(feedback.score)
        for label, (code, fires_when_true, asks_only) in LABELS.items():
            if not RULES_BY_CODE[code].runs(draft, ctx):
                continue  # not its surface, or a draft it abstains on (another language, a thank-you)
            if asks_only and rec["request_type"] not in ASK_TYPES:
                continue
            said = (code in fired) == fires_when_true
            per_label[label].append((rec["id"], bool(rec[label]), said))
    return {"labels": per_label, "auc": auc(good, bad), "n_good": len(good), "n_bad": len(bad)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    path = Path(args.data)
    if not path.is_file():
        print(f"coach_eval: {path} not found", file=sys.stderr)
        return 2
    records = load(path)
    t0 = time.perf_counter()
    result = evaluate(records)
    elapsed = time.perf_counter() - t0
    print(f"{len(records)} messages from {path.name}, analysed in {elapsed:.1f} s")
    print(f"{'label':<20} {'rule':<28} {'n':>4} {'pos':>4} {'TPR':>6} {'TNR':>6} {'bal.acc':>8}")
    scores = {}
    for label, rows in result["labels"].items():
        pairs = [(h, c) for _id, h, c in rows]
        pos = [c for h, c in pairs if h]
        neg = [not c for h, c in pairs if not h]
        tpr = f"{sum(pos) / len(pos):.2f}" if pos else "-"
        tnr = f"{sum(neg) / len(neg):.2f}" if neg else "-"
        scores[label] = balanced_accuracy(pairs)
        print(f"{label:<20} {LABELS[label][0]:<28} {len(pairs):>4} {len(pos):>4} {tpr:>6} {tnr:>6} "
              f"{scores[label]:>8.3f}")
    if args.misses:
        print("\nmisses (id label human coach):")
        for label, rows in result["labels"].items():
            for rec_id, human, said in rows:
                if human != said:
                    print(f"  {rec_id} {label} human={human} coach={said}")
    macro = sum(scores.values()) / len(scores)
    worst = min(scores, key=scores.get)
    ok = macro >= TARGET_MACRO and scores[worst] >= TARGET_LABEL and result["auc"] >= TARGET_AUC
    print()
    print(f"score AUC good ({result['n_good']}) vs bad ({result['n_bad']}): {result['auc']:.3f}")
    print(f"macro balanced accuracy {macro:.3f}; weakest {worst} {scores[worst]:.3f}")
    print(f"SUMMARY macro={macro:.3f} min={scores[worst]:.3f} ({worst}) auc={result['auc']:.3f} "
          f"targets {'met' if ok else 'NOT met'} (>= {TARGET_MACRO}, >= {TARGET_LABEL}, >= {TARGET_AUC})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
