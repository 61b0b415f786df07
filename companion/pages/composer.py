"""Which composer is open (invite note, message, InMail), and the character limit the page itself
declares (`maxlength`, else a "0/300" counter). Anchors: docs/pages.md, "Composer".
"""

import re

from selectolax.lexbor import LexborNode

from protocol.page import Composer

from companion.pages.dom import Snapshot, ancestor_matching, clean

_COUNTER = re.compile(r"^\s*\d{1,5}\s*/\s*(\d{2,6})\s*$")


def _maxlength(node: LexborNode) -> int | None:
    raw = (node.attributes.get("maxlength") or "").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 100_000 else None


def _counter(scope: LexborNode | None) -> int | None:
    if scope is None:
        return None
    for node in scope.css("span, div, p, small"):
        if any(child.tag in ("span", "div", "p") for child in node.iter()):
            continue  # (css_first would match the node itself)
        m = _COUNTER.match(clean(node.text()))
        if m:
            return int(m.group(1))
    return None


def _scope(node: LexborNode) -> LexborNode | None:
    return ancestor_matching(node, "[role=dialog], dialog") or ancestor_matching(node, "form, .msg-form") \
        or ancestor_matching(node, ".msg-overlay-conversation-bubble")


def _note(snap: Snapshot) -> Composer | None:
    for area in snap.css("textarea"):
        dialog = ancestor_matching(area, "[role=dialog], dialog")
        named = area.attributes.get("name") == "message" or area.attributes.get("id") == "custom-message"
        invite = dialog is not None and (named or dialog.css_first('a[href*="/preload/custom-invite/"]') is not None
                                        or dialog.css_first("[name=subject]") is None)
        if invite and ancestor_matching(area, ".msg-form") is None:
            return Composer(surface="connection_note", limit=_maxlength(area) or _counter(dialog))
    return None


def _message(snap: Snapshot) -> Composer | None:
    box = snap.css_first('[contenteditable="true"][role="textbox"], .msg-form__contenteditable, '
                         '[contenteditable="true"][aria-multiline="true"]')
    if box is None:
        return None
    scope = _scope(box)
    forms = (scope, ancestor_matching(box, "form") or ancestor_matching(box, ".msg-form"))
    inmail = any(f is not None and f.css_first('[name="subject"], .msg-form__subject') is not None for f in forms)
    limit = _maxlength(box) or _counter(scope)
    return Composer(surface="inmail" if inmail else "message", limit=limit, has_subject=inmail)


def parse(snap: Snapshot) -> Composer | None:
    """The open composer, or None when the page shows none."""
    # A simple query that finds nothing is cheap: probe with it before the full search.
    return _note(snap) or (_message(snap) if snap.css_first("[contenteditable]") is not None else None)
