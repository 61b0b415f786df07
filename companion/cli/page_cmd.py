"""`tactful page FILE.html`: what the page parser extracts from a saved LinkedIn page (docs/pages.md).

`--json` prints the protocol's PageResult, the same data the WebSocket `page` command returns.
Exit 0 on success (even with warnings: a partial page is still a page), 2 when the file cannot be read.
"""

import json
import os
import re

from companion.cli import fail
from companion.cli.textinput import InputError, read_bytes, source

MAX_BYTES = 8 * 1024 * 1024
# Tags, then their attributes: [^<>] and the look-behind keep both scans linear on any file.
_TAG = re.compile(r"<(link|meta)\b([^<>]*)>")
_ATTR = re.compile(r'(?<![\w:-])([\w:-]+)="([^"<>]*)"')


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "page", help="show what Tactful reads from a saved LinkedIn page",
        description="Parse a saved LinkedIn page (profile, messaging thread, open composer) and print "
                    "what was extracted. Exit 2 when the file cannot be read.")
    p.add_argument("file", help="the saved page (HTML, UTF-8); '-' for stdin")
    p.add_argument("--url", help="the page's URL (default: the page's canonical link, else guessed)")
    p.add_argument("--json", action="store_true", help="print the protocol PageResult as JSON")
    p.set_defaults(func=run)


def parse_file(path: str, url: str | None):
    """The saved page at `path` ('-': stdin) as a PageResult; `url` defaults to the page's canonical
    link. InputError when the file is missing, too large or binary; bytes not UTF-8 are replaced."""
    from companion.pages import parse_snapshot

    # A folder, a pipe or a device is no saved page (`check <(cmd)` does read a pipe).
    if path != "-" and os.path.exists(path) and not os.path.isfile(path):
        raise InputError(f"cannot read {path}: not a regular file")
    data = read_bytes(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise InputError(f"cannot read {source(path)}: larger than {MAX_BYTES // (1024 * 1024)} MiB, "
                         "not a page snapshot")
    if b"\x00" in data[:4096]:
        raise InputError(f"cannot read {source(path)}: binary data, not an HTML page")
    html = data.decode("utf-8", errors="replace")
    return parse_snapshot(url or _guess_url(html), html)


def _guess_url(html: str) -> str | None:
    for tag in _TAG.finditer(html[:200_000]):
        attrs = dict(_ATTR.findall(tag.group(2)))
        if tag.group(1) == "link" and attrs.get("rel") == "canonical" and attrs.get("href"):
            return attrs["href"]
        if tag.group(1) == "meta" and attrs.get("property") == "og:url" and attrs.get("content"):
            return attrs["content"]
    return None


def run(args) -> int:
    try:
        result = parse_file(args.file, args.url)
    except InputError as exc:
        return fail(str(exc), 2, "tactful page")
    if args.json:
        print(json.dumps(result.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0


def _line(label: str, value: str | None) -> str | None:
    return f"  {label:<12} {value}" if value else None


def render(result) -> str:
    """A human summary: one line per known field, sections indented."""
    out = [f"kind: {result.kind}"]
    p = result.profile
    if p is not None:
        degree = {1: "1st", 2: "2nd", 3: "3rd"}.get(p.degree or 0)
        rows = [
            _line("name", p.name), _line("profile", p.url), _line("headline", p.headline),
            _line("location", p.location), _line("degree", degree),
            _line("pending", "invitation sent" if p.pending_invite else None),
            _line("mutual", f"{p.mutual_count}" + (f" ({', '.join(p.mutual_names)})" if p.mutual_names else "")
                  if p.mutual_count else None),
            _line("current", " at ".join(x for x in (p.current_title, p.current_company) if x) or None),
            _line("about", (p.about[:100] + "…") if p.about and len(p.about) > 100 else p.about),
            _line("own page", "yes" if p.is_self else None),
        ]
        out.append("profile:")
        out += [r for r in rows if r]
        out.append("  experience:  " + ("(not loaded)" if p.experience is None else f"{len(p.experience)} employer(s)"))
        for exp in p.experience or []:
            for role in exp.roles:
                out.append(f"    - {role.title or '?'} at {exp.company or '?'}, {role.dates or 'no dates'}"
                           + (" (current)" if role.current else ""))
        out.append("  education:   " + ("(not loaded)" if p.education is None else f"{len(p.education)}"))
        for edu in p.education or []:
            out.append(f"    - {edu.school or '?'}" + (f", {edu.degree}" if edu.degree else "")
                       + (f", {edu.dates}" if edu.dates else ""))
        out.append("  posts:       " + ("(not loaded)" if p.posts is None else f"{len(p.posts)}"))
        for post in (p.posts or [])[:5]:
            text = (post.text or "")[:70]
            out.append(f"    - {'(repost) ' if post.reposted else ''}{text}" + (f"  {post.url}" if post.url else ""))
    t = result.thread
    if t is not None:
        who = t.participant.name if t.participant and t.participant.name else "?"
        out.append(f"thread with {who}: {len(t.messages)} message(s)")
        for msg in t.messages[-10:]:
            out.append(f"  [{msg.sent_at or 'time unknown'}] {msg.sender}: {msg.text[:80]}")
    c = result.composer
    if c is not None:
        out.append(f"composer: {c.surface}" + (f", limit {c.limit}" if c.limit else "")
                   + (", with subject" if c.has_subject else ""))
    own = result.own_profile
    if own is not None and (p is None or not p.is_self):
        out.append(f"you: {own.name or '?'} ({own.url or 'no link'})")
    for w in result.warnings:
        out.append(f"warning: {w}")
    return "\n".join(out)
