"""A linear look at a snapshot before it is parsed: refuse shapes that would make parsing slow
(lexbor's tree building is quadratic in depth; a parse cannot be stopped). Why these limits:
docs/pages.md, "The `page` command"; MAX_DEPTH is ten times the deepest real page.
"""

import re

MAX_DEPTH = 512
MAX_ELEMENTS = 500_000

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))
# [^<>]*: an attempt at one "<" never scans past the next "<", so the scan is linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>|<!--")


class PageTooComplex(ValueError):
    """The snapshot nests too deep or holds too many elements to be parsed in bounded time."""


def check(html: str) -> None:
    """Raise PageTooComplex when `html` passes MAX_DEPTH or MAX_ELEMENTS; else return."""
    depth = elements = pos = 0
    lower: str | None = None
    while (m := _TAG.search(html, pos)) is not None:
        name = m.group(2)
        if name is None:  # a comment: its text is not markup
            end = html.find("-->", m.end())
            if end < 0:
                return
            pos = end + 3
            continue
        pos = m.end()
        if m.group(1):
            depth = max(0, depth - 1)
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            raise PageTooComplex(f"the page has more than {MAX_ELEMENTS:,} elements")
        name = name.lower()
        if name in _VOID or m.group(3).endswith("/"):
            continue
        if name in _RAW_TEXT:
            lower = html.lower() if lower is None else lower
            end = lower.find("</" + name, pos)
            if end < 0:
                return
            pos = end
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise PageTooComplex(f"the page nests elements more than {MAX_DEPTH} deep")
