"""`tactful history`: see, change, export, import and erase the outreach log (docs/privacy.md).

Works on the database file directly, whether or not the companion runs: a running companion
notices the change within a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone

from companion.cli import DATA_DIR_HELP, fail
from companion.cli.terminal import safe
from companion.coach.due import COLD_DAYS, DAY_MS
from companion.coach.outreach_view import page_time, to_ms
from companion.store.db import STATES


def register(sub) -> None:
    p = sub.add_parser("history", help="see, export or erase the outreach log")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--json", action="store_true", help="print the log as JSON")
    p.add_argument("--due", action="store_true",
                   help="only what is due today (follow up, stop, thank, update), oldest first")
    p.set_defaults(func=run)
    acts = p.add_subparsers(dest="action", metavar="ACTION")

    f = acts.add_parser("forget", help="erase one person's log, or all of it")
    who = f.add_mutually_exclusive_group(required=True)
    who.add_argument("--recipient", metavar="SLUG")
    who.add_argument("--all", action="store_true")
    f.add_argument("--yes", action="store_true", help="with --all: erase without asking first")

    s = acts.add_parser("set", help="set a referral state and/or notes")
    s.add_argument("slug")
    s.add_argument("--state", choices=list(STATES),
                   help="what came of the ask (a reply shows as replied until you say what it meant)")
    s.add_argument("--notes", help='notes about this person ("" clears them)')

    e = acts.add_parser("export", help="write everything the log holds to a JSON file")
    e.add_argument("file", help='a .json path, or "-" for standard output')

    i = acts.add_parser("import", help="merge an exported JSON file into the log")
    i.add_argument("file")

    t = acts.add_parser("text", help="keep message text (encrypted with a keyring key), or not")
    t.add_argument("mode", choices=["on", "off", "status"])
    for sp in (f, s, e, i, t):
        # SUPPRESS: a subcommand without its own --data-dir keeps the one given before it
        # (`tactful history --data-dir D import F`) instead of resetting it to None.
        sp.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)


def _now_ms() -> int:
    return int(datetime.now(timezone.utc).timestamp() * 1000)


def _err(message: str, code: int = 1) -> int:
    """1: the action failed; 2: bad input (a file that cannot be read or used), as in other commands."""
    return fail(message, code, "tactful history")


def run(args) -> int:
    from companion.paths import data_dir
    from companion.store import LogDB, StoreError

    try:
        db = LogDB.in_dir(data_dir(args.data_dir))
    except StoreError as exc:
        return _err(str(exc))
    if db.notice:
        print(db.notice, file=sys.stderr)
    try:
        return ACTIONS[args.action or "show"](db, args)
    finally:
        db.close()


NEXT = {"follow_up": "follow up", "stop": "let it go", "thank": "thank them", "update": "update them",
        "answer": "answer them"}
WHY = {"follow_up": "no reply since {last}: one short, warm reminder",
       "stop": "your follow-ups went unanswered, the last on {last}: let it go, try another avenue",
       "answer": "replied on {last}: answer them, then record what they said (agreed, declined, referred)",
       "thank": "agreed to refer you on {last}: thank them", "update": "referred you on {last}: tell them how it went"}
TOO_LATE = "too late for a reminder; write afresh or let it go"


def too_late(e, now_ms: int) -> bool:
    """Whether a due follow-up's message is COLD_DAYS old, so there is no reminder to offer (as
    followup.too-late says): the table, --due and the tray's window all ask this, so they agree."""
    if e.due is None or e.due.kind != "follow_up":
        return False
    last = page_time(e.last_contact)  # the unanswered message: no reply came after it
    return last is not None and now_ms - to_ms(last) >= COLD_DAYS * DAY_MS


def next_step(e, now_ms: int) -> str:
    if e.due is None:
        return "decide: agreed, declined or referred?" if e.state == "replied" else ""
    if too_late(e, now_ms):
        return TOO_LATE
    step = NEXT[e.due.kind]
    # A stop holds at once (write no more); only its reminder waits a week.
    return step if e.due.due_now or e.due.kind == "stop" else f"{step} from {e.due.since[:10]}"


COLUMNS = ("Who", "Company", "Role", "State", "Last contact", "Next step")


def row(e, now_ms: int) -> tuple[str, ...]:
    """An entry's COLUMNS at `now_ms` (the clock its entry was made with): a line of the `tactful
    history` table, a row of the tray's Outreach window."""
    r = e.recipient
    return (r.name or r.slug, r.company or "", r.role or "", e.state, (e.last_contact or "")[:10] or "never",
            next_step(e, now_ms))


def profile_link(r) -> str:
    from companion.pages.profile_common import profile_url

    return r.url or profile_url(r.slug) or ""


def who(r) -> str:
    """'Name at Company' for a recipient (their slug when the name is unknown)."""
    return (r.name or r.slug) + (f" at {r.company}" if r.company else "")


def _due(entries, now_ms: int, as_json: bool) -> int:
    items = sorted((e for e in entries if e.due is not None and e.due.due_now), key=lambda e: e.due.since)
    if as_json:
        rows = [{"slug": e.recipient.slug, "name": e.recipient.name, "company": e.recipient.company,
                 "role": e.recipient.role, "kind": e.due.kind, "since": e.due.since, "late": e.due.late,
                 "state": e.state, "last_contact": e.last_contact, "url": profile_link(e.recipient)} for e in items]
        print(json.dumps([{k: v for k, v in r.items() if v is not None} for r in rows], indent=2))
        return 0
    if not items:
        print("Nothing is due today.")
        return 0
    for e in items:
        kind, since = e.due.kind, e.due.since
        when = (since if kind in ("thank", "update", "answer") else e.last_contact or "")[:10]
        step, why = NEXT[kind], WHY[kind].format(last=when)
        why += " (over two weeks ago: say so lightly)" if e.due.late else ""
        if too_late(e, now_ms):
            step, why = "write afresh", f"no reply since {when}, over two months ago: {TOO_LATE}"
        print(f"{since[:10]}  {step:<11}  {safe(who(e.recipient))}: {why}")
        print(f"            {safe(profile_link(e.recipient))}")
    return 0


def _table(entries, now_ms: int) -> None:
    head = tuple(c.upper() for c in COLUMNS)
    clip = (28, 24, 28, None, None, None)  # who, company and role are cut to fit a terminal
    rows = [tuple(safe(c)[:n] for c, n in zip(row(e, now_ms), clip)) for e in entries]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def _show(db, args) -> int:
    from companion.commands.outreach import entry

    now = _now_ms()
    entries = [entry(r, now) for r in db.load(index=False).all()]
    if args.due:
        return _due(entries, now, args.json)
    if args.json:
        print(json.dumps([e.model_dump(mode="json", exclude_none=True) for e in entries], indent=2))
        return 0
    if not entries:
        print("The outreach log is empty. Tactful records a message when you press Send with the extension on.")
        return 0
    _table(entries, now)
    for e in entries:
        if e.notes or e.advice:
            print(f"\n{safe(e.recipient.name or e.recipient.slug)} ({safe(e.recipient.slug)}):")
        if e.notes:
            print(f"    notes: {safe(e.notes)}")
        if e.advice:
            print(f"    -> {safe(e.advice)}")
    return 0


def _ask_before_erasing(people: int) -> int | None:
    """None to go ahead, else the exit code: asked on a terminal; without one (a script) --yes is needed."""
    if not people:
        return None
    whom = f"{people} {'person' if people == 1 else 'people'}"
    if sys.stdin is None or not sys.stdin.isatty():
        return _err(f"this erases everything logged about {whom}; add --yes to confirm", 2)
    try:
        answer = input(f"Erase everything logged about {whom}? [y/N] ")
    except EOFError:  # Ctrl-D: end the prompt's line
        print()
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return None
    print("Nothing was erased.")
    return 1


def _forget(db, args) -> int:
    if args.all and not args.yes and (refused := _ask_before_erasing(db.people())) is not None:
        return refused
    count = db.forget(None if args.all else args.recipient)
    if not args.all and not count:
        return _err(f"no one with the slug {args.recipient!r} is in the outreach log")
    print(f"Forgot {count} {'person' if count == 1 else 'people'} and everything logged about them.")
    return 0


def _set(db, args) -> int:
    from companion.store import NotFound

    if args.state is None and args.notes is None:
        return _err("give --state, --notes, or both")
    try:
        rec = db.update(args.slug, _now_ms(), state=args.state, notes=args.notes)
    except NotFound as exc:
        return _err(str(exc))
    print(safe(f"{rec.name or rec.slug}: {rec.state}" + (f"; notes: {rec.notes}" if rec.notes else "")))
    return 0


def _export(db, args) -> int:
    from pathlib import Path

    from companion.paths import write_private_file
    from companion.store.exchange import export_log

    text = json.dumps(export_log(db), indent=2, ensure_ascii=False) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    # 0600: it may hold message text; the folder is the user's choice and keeps its permissions.
    # Not resolve(): that would follow a symlink planted at the destination.
    try:
        write_private_file(Path(args.file).expanduser().absolute(), text, private_parent=False)
    except OSError as exc:
        return _err(f"cannot write {args.file}: {exc.strerror or exc}; nothing was written")
    print(f"Wrote the outreach log to {args.file} (readable only by you).")
    return 0


def _import(db, args) -> int:
    from companion.store.exchange import ImportError_, import_log

    try:
        with open(args.file, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        return _err(f"cannot read {args.file}: {exc.strerror}", 2)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _err(f"{args.file} is not JSON ({exc}); nothing was imported", 2)
    try:
        counts = import_log(db, data, _now_ms())
    except ImportError_ as exc:
        return _err(f"{args.file}: {exc}; nothing was imported", 2)
    print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()))
    if counts["texts_dropped"]:
        print("Message texts in the file were not kept: history-text is off (or no keyring). "
              "Turn it on with `tactful history text on` and import again to keep them.")
    return 0


def _text(db, args) -> int:
    from companion import secrets
    from companion.store.crypto import KeyUnavailable

    if args.mode == "status":
        print("history-text is " + ("on" if db.history_text() else "off"))
        return 0
    if args.mode == "on":
        try:
            db.set_history_text(True)
        except KeyUnavailable as exc:
            return _err(f"cannot keep message text without a secure keyring ({exc}). Nothing changed; the log "
                        f"keeps times and fingerprints only. To get a keyring, {secrets.HOW_TO_GET_ONE}.")
        print("history-text is on: message text is stored encrypted; the key is in your OS keyring.")
        return 0
    erased = db.set_history_text(False)
    print(f"history-text is off; erased {erased} stored message text{'s' if erased != 1 else ''}.")
    return 0


ACTIONS = {"show": _show, "forget": _forget, "set": _set, "export": _export, "import": _import, "text": _text}
