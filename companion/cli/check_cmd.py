"""`tactful check`: the coach offline, on a file or stdin, with exit statuses like a linter's (see the
parser's description). `--json` prints exactly the protocol's Feedback, as the WebSocket `draft`
command returns it for the same input.
"""

import json
import sys
from pathlib import Path

from companion.cli import DATA_DIR_HELP, fail
from companion.cli.textinput import InputError, Lines, read_text

SURFACES = ("connection_note", "message", "inmail", "follow_up")
_BOX = {"follow_up": "message"}  # a follow-up is typed in the message box, under its limit


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check a draft against the etiquette rules",
        description="Check a referral request draft. Exit 0: no errors; 1: an error-severity "
                    "finding; 2: bad usage or unreadable input.")
    p.add_argument("file", nargs="?", default="-", help="the draft (UTF-8 text); '-' or omitted: stdin")
    p.add_argument("--surface", choices=SURFACES, default=None,
                   help="where it will be sent (default: the --page composer's, else message); another "
                        "surface than the page's composer is checked against its own limit, not the page's")
    p.add_argument("--subject", help="the InMail subject line")
    p.add_argument("--recipient", metavar="NAME", help="the recipient's name: for the greeting check, and to find "
                   "them in the outreach log when no page gives their profile address")
    p.add_argument("--company", metavar="NAME", help="the company the recipient works at")
    p.add_argument("--profile", metavar="PROFILE.json",
                   help="the recipient's profile (protocol Profile or PageResult JSON)")
    p.add_argument("--own-profile", metavar="PROFILE.json", help="your own profile, for shared-history hints")
    p.add_argument("--page", metavar="FILE.html", help="a saved LinkedIn page of the recipient (profile or thread)")
    p.add_argument("--url", help="the page's URL, with --page (default: the page's canonical link)")
    p.add_argument("--reply", action="store_true",
                   help="the draft answers a message of theirs, as when a saved conversation ends with their "
                        "message (without a page or a log, the coach reads the stage from the words alone)")
    p.add_argument("--limit", type=int, metavar="N",
                   help="the character limit the composer shows (wins over the --page composer's and the table)")
    p.add_argument("--disable", action="append", default=[], metavar="CODE",
                   help="switch a rule off (repeatable, or comma-separated)")
    p.add_argument("--json", action="store_true", help="print the protocol Feedback as JSON")
    p.add_argument("--data-dir", default=None,
                   help=DATA_DIR_HELP + "; its outreach log, when there is one, is read as the sidebar reads it")
    p.add_argument("--no-log", action="store_true", help="do not read the outreach log")
    p.set_defaults(func=run)


def _load_profile(path: str):
    """A Profile from a JSON file holding a Profile, or a PageResult with a `profile`."""
    from pydantic import ValidationError

    from protocol.page import PageResult, Profile

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None
    try:
        if isinstance(raw, dict) and "kind" in raw and "profile" in raw:
            page = PageResult.model_validate(raw)
            if page.profile is None:
                raise InputError(f"{path} holds a page result without a profile")
            return page.profile
        return Profile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(f"{path} is not a profile: {where}: {first['msg']}") from None


def build_context(args):
    """The CoachContext for these arguments (raises InputError on bad input)."""
    from companion.coach import CoachContext
    from companion.coach.registry import RULES_BY_CODE

    disabled = {code.strip() for item in args.disable for code in item.split(",") if code.strip()}
    unknown = sorted(disabled - RULES_BY_CODE.keys())
    if unknown:
        raise InputError(f"unknown rule code(s) for --disable: {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(RULES_BY_CODE))})")
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be a positive number of characters")
    ctx = CoachContext(surface=args.surface or "message", limit=args.limit, subject=args.subject,
                       recipient_name=args.recipient, company=args.company, disabled=frozenset(disabled))
    if args.page:
        from companion.cli.page_cmd import parse_file
        from companion.pages import recipient

        page = parse_file(args.page, args.url)  # read and parsed as `tactful page` does
        ctx.profile = recipient(page)
        ctx.own_profile = page.own_profile
        ctx.thread = page.thread
        ctx.composer = page.composer
        box = page.composer.surface if page.composer is not None else None
        if args.surface is None and box:
            ctx.surface = box  # an invitation dialog is a connection note, as in the sidebar
        elif box and _BOX.get(args.surface, args.surface) != box:
            # The page was saved with another box open (an invitation dialog's 200 characters): its limit
            # is not the one of the surface named, whose own limit from the table applies.
            ctx.composer = page.composer.model_copy(update={"limit": None})
    if args.reply:
        if ctx.thread is not None and ctx.thread.messages:
            raise InputError("--reply: the --page conversation already shows who wrote last")
        from protocol.page import Thread, ThreadMessage

        # What a conversation page would show: their message last. Its words and time are unknown, so
        # nothing is read from them (no yes or no of theirs, no "last talked" date).
        ctx.thread = Thread(messages=[ThreadMessage(sender="them", text="")])
    if args.profile:
        ctx.profile = _load_profile(args.profile)
    if args.own_profile:
        ctx.own_profile = _load_profile(args.own_profile)
    if not args.no_log:
        ctx.outreach = _read_log(args.data_dir)
        if ctx.outreach is not None and args.recipient and not (ctx.profile and ctx.profile.slug) \
                and not (ctx.thread and ctx.thread.participant and ctx.thread.participant.slug):
            ctx.recipient_slug = _slug_by_name(ctx.outreach, args.recipient)
    return ctx


def _slug_by_name(log, name: str) -> str | None:
    """The log's one person of that name, so `--recipient "Ana Lopez"` reads her history as the sidebar
    does from her page; None when nobody or several people in the log have it."""
    wanted = " ".join(name.split()).casefold()
    found = [r.slug for r in log.all() if r.name and " ".join(r.name.split()).casefold() == wanted]
    return found[0] if len(found) == 1 else None


def _read_log(folder: str | None):
    """The outreach log, read only, with its mass-message index built (LogDB.load), so follow-up
    timing, dup.mass-message and the other log rules apply as in the sidebar; None where there is
    none (nothing is created)."""
    from companion.paths import data_dir
    from companion.store import LogDB, StoreError
    from companion.store.logdb import with_log

    try:
        return with_log(data_dir(folder), LogDB.load, None)
    except StoreError as exc:
        raise InputError(f"cannot read the outreach log: {exc} (or pass --no-log)") from None


def _after_fix(text: str, offsets, fix) -> str:
    """The sentence around a deletion as it reads once the fix is applied."""
    start, end = offsets.from_utf16(fix.start), offsets.from_utf16(fix.end)
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    right = min((i for i in (text.find(c, end) for c in ".!?\n") if i != -1), default=len(text) - 1) + 1
    return (text[left:start] + text[end:right]).strip()


def render_human(name: str, text: str, feedback) -> str:
    """Findings with line:col and a caret under the span, then the checklist and the score."""
    from companion.coach.utf16 import OffsetMap

    offsets = OffsetMap(text)
    lines = Lines(text)
    out: list[str] = []
    for f in feedback.findings:
        if f.range is None:
            out.append(f"{name}: {f.severity} [{f.code}] {f.message}")
        else:
            start, end = offsets.from_utf16(f.range.start), offsets.from_utf16(f.range.end)
            line, col, line_start = lines.at(start)
            out.append(f"{name}:{line}:{col}: {f.severity} [{f.code}] {f.message}")
            line_end = text.find("\n", line_start)
            source = text[line_start:line_end if line_end != -1 else len(text)]
            width = max(1, min(end, line_start + len(source)) - start)
            out += [f"    {source}", "    " + " " * (col - 1) + "^" * width]
        if f.suggestion:
            out.append(f"    suggestion: {f.suggestion}")
        if f.fix is not None:  # the words the fix takes out, which may be more than the caret marks
            fix = f.fix.range
            gone = text[offsets.from_utf16(fix.start):offsets.from_utf16(fix.end)]
            out.append(f"    fix: replace {gone!r} with {f.fix.replacement!r}" if f.fix.replacement
                       else f"    fix: delete {gone!r}, leaving {_after_fix(text, offsets, fix)!r}")
    if not feedback.findings:
        out.append(f"{name}: no findings")
    if feedback.checklist:
        out += ["", "Checklist:"]
    for item in feedback.checklist:
        out.append(f"  [{'x' if item.ok else ' '}] {item.label}")
    out += _hint_lines(feedback.hints)
    lim = feedback.limits
    span = f"{lim.recommended_min}-" if lim.recommended_min is not None else "at most "
    out += ["", f"Length: {lim.used}/{lim.allowed} characters (recommended {span}{lim.recommended_max})",
            f"Score: {feedback.score}/100" if feedback.score is not None else "Score: none (not read as English)"]
    return "\n".join(out) + "\n"


def _hint_lines(hints) -> list[str]:
    """Hints to add, then those the draft already uses (JSON: `used`) on their own, so the user is
    not told to add what is there; no heading over an empty list."""
    out: list[str] = []
    offered = [h for h in hints if not h.used and h.text]
    if offered:
        out += ["", "Hints:"] + [f"  - {h.text}  ({h.why})" for h in offered]
    done = [h for h in hints if h.used and h.text]
    if done:
        out += ["", "Already in your draft:"] + [f"  ✓ {h.text}" for h in done]
    return out


def run(args) -> int:
    from companion.coach import analyze

    try:
        # A file's final newline (every editor adds one, and so does `echo`) is not in the message box.
        text = read_text(args.file).rstrip("\r\n")
        ctx = build_context(args)
    except InputError as exc:
        return fail(str(exc), 2, "tactful check")
    name = "<stdin>" if args.file == "-" else args.file
    if not text.strip() and not args.json:
        print(f"{name}: nothing to check (the text is empty)")
        return 0
    feedback = analyze(text, ctx)
    sys.stdout.write(feedback.model_dump_json() + "\n" if args.json else render_human(name, text, feedback))
    return 1 if any(f.severity == "error" for f in feedback.findings) else 0
