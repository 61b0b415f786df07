"""`tactful tone`: the politeness model on a text, or on a JSONL batch (docs/tone.md, "`tactful tone`").

Exit 0 on success, 2 on bad usage or input; with bad JSONL input nothing is written to stdout, so
no partial batch is mistaken for a whole one.
"""

import json
import sys

from companion.cli import fail
from companion.cli.textinput import MAX_BYTES, InputError, Lines, read_text, source


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "tone", help="politeness probability and strategies of a text",
        description="How polite a request reads, by a model trained on the Stanford Politeness Corpus "
                    "(Danescu-Niculescu-Mizil et al., ACL 2013), with the strategies and words behind "
                    "the score. Exit 0: done; 2: bad usage or input.")
    p.add_argument("file", nargs="?", default="-", help="UTF-8 text, or JSONL with --jsonl; '-' or omitted: stdin")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the result as one JSON object")
    mode.add_argument("--jsonl", action="store_true",
                      help='input lines {"id", "text"} -> output lines {"id", "polite_probability", "strategies"}')
    p.set_defaults(func=run)


def parse_jsonl(raw: str) -> list[tuple[object, str]]:
    """(id, text) per line; InputError naming the first bad line (1-based)."""
    items = []
    lines = raw.removesuffix("\n").split("\n") if raw else []  # a final newline ends a line, not a new one
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            raise InputError(f"line {number}: empty line (expected {{\"id\": ..., \"text\": \"...\"}})")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(f"line {number}: expected a JSON object with \"id\" and \"text\"")
        if "id" not in obj:
            raise InputError(f"line {number}: missing \"id\"")
        if isinstance(obj["id"], (dict, list)):
            raise InputError(f"line {number}: \"id\" must be a string, number or null")
        if not isinstance(obj.get("text"), str):
            raise InputError(f"line {number}: \"text\" must be a string"
                             + (" (missing)" if "text" not in obj else ""))
        items.append((obj["id"], obj["text"]))
    return items


def _line_col(lines: Lines, index: int) -> str:
    line, col, _ = lines.at(index)
    return f"{line}:{col}"


def render_human(name: str, text: str, result, model) -> str:
    from companion.coach.rules.tone_model import tone_label
    from companion.tone.strategies import LABELS

    lines = Lines(text)
    p = result.polite_probability
    out = [f"{name}: polite probability {p:.0%} ({tone_label(p)})", "", "Strategies:"]
    for strategy, spans in result.strategies.items():
        weight = model.weights.get("S:" + strategy, 0.0)
        where = ", ".join(f"{_line_col(lines, s.start)} \"{s.words}\"" for s in spans)
        out.append(f"  {weight:+.2f}  {LABELS[strategy]}: {where}")
    if not result.strategies:
        out.append("  (none)")
    out += ["", "Words that moved it most (log-odds; the baseline is "
                f"{result.bias:+.2f}, the total {result.logit:+.2f}):"]
    for c in result.contributions[:8]:
        s = c.spans[0]
        kind = LABELS[c.name] if c.kind == "strategy" else c.kind
        out.append(f"  {c.weight:+.2f}  \"{s.words}\" at {_line_col(lines, s.start)} ({kind})")
    return "\n".join(out) + "\n"


def _scores(result, model) -> dict:
    from companion.tone.model import strategies_json

    return {"polite_probability": round(result.polite_probability, 4), "strategies": strategies_json(result, model)}


def run(args) -> int:
    from companion.tone.model import ModelError, default_model

    try:
        raw = read_text(args.file, None if args.jsonl else MAX_BYTES)
        try:
            items = parse_jsonl(raw) if args.jsonl else None
        except InputError as exc:
            raise InputError(f"{source(args.file)}: {exc}") from None
        model = default_model()
    except (InputError, ModelError) as exc:
        return fail(str(exc), 2, "tactful tone")
    if items is not None:
        lines = [json.dumps({"id": item_id, **_scores(model.analyse(text), model)}, ensure_ascii=False) + "\n"
                 for item_id, text in items]
        sys.stdout.write("".join(lines))
        return 0
    name = "<stdin>" if args.file == "-" else args.file
    if not raw.strip() and not args.json:
        print(f"{name}: nothing to check (the text is empty)")
        return 0
    result = model.explain(raw)
    if args.json:
        doc = {
            **_scores(result, model),
            "explanation": {
                "bias": round(result.bias, 4), "logit": round(result.logit, 4),
                "contributions": [
                    {"feature": c.feature, "kind": c.kind, "weight": round(c.weight, 4),
                     "spans": [{"start": s.start, "end": s.end, "text": s.words} for s in c.spans]}
                    for c in result.contributions
                ],
            },
            "model": {"citation": model.citation},
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_human(name, raw, result, model))
    return 0
