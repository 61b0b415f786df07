"""Run a folder of drafts through the coach in context, as the sidebar meets them: the audits of
docs/quality.md (rounds 16 on) are judged on what this writes.

    python scripts/audit_run.py AUDIT_DIR [--code CHECKOUT] [--only ID] [--out NAME]

AUDIT_DIR/drafts.jsonl holds one draft per line:
    {"id": "76-01", "kind": "first" | "reply" | "later",
     "surface": "connection_note" | "message" | "inmail" | "follow_up" | null (the page's composer, else message),
     "subject": the InMail subject or null, "text": the draft as typed,
     "page": a saved LinkedIn page (profile, invitation dialog or conversation), relative to AUDIT_DIR, or null,
     "recipient": their full name, to find them in the log when no page gives their profile, or null,
     "company": their company or null, "reply": true when it answers a message no page shows,
     "log": an outreach log in `tactful history export` form, relative to AUDIT_DIR, or null}
A time in a log written "-17d" or "-17d3h" means that long before now, so a folder of drafts keeps its follow-up
timing whenever it is run. Writes AUDIT_DIR/<out>.txt (what `tactful check` prints, which the auditor reads) and
AUDIT_DIR/<out>.jsonl (each draft's Feedback). `--code` runs another checkout's coach (a worktree of the code the
audit judged), so an audit can be re-run on later code and the two outputs compared.
"""

import argparse
import json
import re
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

_RELATIVE = re.compile(r"^-(\d+)d(?:(\d+)h)?$")


def absolute(obj, now: datetime):
    """The log with its "-17d" times as ISO 8601 times that long before `now`."""
    if isinstance(obj, dict):
        return {k: absolute(v, now) for k, v in obj.items()}
    if isinstance(obj, list):
        return [absolute(v, now) for v in obj]
    if isinstance(obj, str) and (m := _RELATIVE.match(obj)):
        return (now - timedelta(days=int(m.group(1)), hours=int(m.group(2) or 0))).strftime("%Y-%m-%dT%H:%M:%SZ")
    return obj


def run(root: Path, only: str | None = None, out: str = "results") -> int:
    from companion.cli.check_cmd import build_context, render_human
    from companion.coach import analyze
    from companion.coach.outreach_view import to_ms
    from companion.store import LogDB
    from companion.store.exchange import import_log

    now = datetime.now(timezone.utc)
    human, feedback = [], []
    for line in (root / "drafts.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        if only and d["id"] != only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp)
            if d.get("log"):
                db = LogDB.in_dir(data_dir)
                try:
                    import_log(db, absolute(json.loads((root / d["log"]).read_text(encoding="utf-8")), now), to_ms(now))
                finally:
                    db.close()
            args = argparse.Namespace(
                surface=d.get("surface"), subject=d.get("subject"), recipient=d.get("recipient"),
                company=d.get("company"), profile=None, own_profile=None,
                page=str(root / d["page"]) if d.get("page") else None, url=None, reply=bool(d.get("reply")),
                limit=None, disable=[], json=False, data_dir=str(data_dir), no_log=not d.get("log"))
            ctx = build_context(args)
            text = d["text"].rstrip("\r\n")
            fb = analyze(text, ctx)
        human.append(f"===== {d['id']} ({d.get('kind')}, {ctx.surface}) =====\n{text}\n-----\n"
                     + render_human(d["id"], text, fb))
        feedback.append(json.dumps({"id": d["id"], "feedback": json.loads(fb.model_dump_json())}))
    (root / f"{out}.txt").write_text("\n".join(human), encoding="utf-8")
    (root / f"{out}.jsonl").write_text("\n".join(feedback) + "\n", encoding="utf-8")
    return len(feedback)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("audit", type=Path)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout whose coach runs (default: this one)")
    parser.add_argument("--only", help="one draft id")
    parser.add_argument("--out", default="results", help="the output files' name, without extension")
    args = parser.parse_args(argv)
    if not (args.audit / "drafts.jsonl").is_file():
        print(f"audit_run: {args.audit / 'drafts.jsonl'} not found", file=sys.stderr)
        return 2
    sys.path.insert(0, str(args.code.resolve()))  # before any companion import: that checkout's coach runs
    n = run(args.audit, args.only, args.out)
    print(f"{n} drafts -> {args.audit / (args.out + '.txt')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
