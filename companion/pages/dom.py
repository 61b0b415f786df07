"""The parsed snapshot: the light DOM plus every serialized open shadow root, and text helpers.

Open shadow roots arrive as `<template shadowrootmode="open">` inside their host; a parser keeps a
template's content out of the tree, so `Snapshot.css` searches each root too (LinkedIn's new build
mounts the message overlay and the invite dialog in one on `div#interop-outlet`).
"""

import re
from collections.abc import Callable
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_SHADOW_ROOTS = 200  # a page has a handful; a hostile snapshot must not make us loop for long
_WS = re.compile(r"\s+")
SHADOW_ATTRS = ("shadowrootmode", "shadowroot")  # the standard name, and Chrome's old one
HIDDEN = ".visually-hidden, .a11y-text"  # the classic build's screen-reader copies of visible text


def clean(text: str | None) -> str:
    """Whitespace collapsed and trimmed (non-breaking spaces count as whitespace)."""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip() if text else ""


def text_of(node: LexborNode | None, skip: str | None = None, limit: int | None = None) -> str:
    """The node's text, whitespace collapsed, without the subtrees matching selector `skip`; line
    breaks and block ends become spaces. With `limit`, reading stops soon after that many characters."""
    if node is None:
        return ""
    if not skip or node.css_first(skip) is None and node.css_first("br, p, div, li") is None:
        text = clean(node.text(deep=True))  # fast path: nothing to leave out, no line breaks to keep
    else:
        parts: list[str] = []
        _collect(node, skip, parts, [limit or 1 << 62])
        text = clean("".join(parts))
    return text[:limit] if limit else text


def _collect(node: LexborNode, skip: str, parts: list[str], budget: list[int]) -> None:
    for child in node.iter(include_text=True):
        if budget[0] <= 0:
            return
        if child.tag == "-text":
            piece = child.text_content or ""
            parts.append(piece)
            budget[0] -= len(piece)
        elif child.tag in ("script", "style", "template", "-comment"):
            continue
        elif child.is_element_node and matches(child, skip):
            parts.append(" ")
        else:
            _collect(child, skip, parts, budget)
            if child.tag in ("br", "p", "div", "li"):
                parts.append(" ")


_COMPOUND = re.compile(r"^([a-zA-Z0-9-]*|\*)((?:\.[\w-]+|#[\w-]+|\[[^\]]+\])*)$")
_PART = re.compile(r"\.([\w-]+)|#([\w-]+)|\[\s*([\w-]+)\s*(?:([~^$*|]?=)\s*[\"']?(.*?)[\"']?\s*)?\]")


# [attr op value] tests; an unknown operator ("|=") never matches.
_OPS = {"": lambda have, v: True, "=": str.__eq__, "^=": str.startswith, "$=": str.endswith,
        "*=": lambda have, v: v in have, "~=": lambda have, v: v in have.split()}


@lru_cache(maxsize=256)
def _compile(selector: str) -> tuple[tuple[str | None, tuple], ...]:
    """(tag, [(attribute, test, value)]) per comma-separated compound selector (tag, .class, #id,
    [attr op value]), no combinators: selectolax's css_matches() tests the whole subtree, not the
    element itself."""
    compiled = []
    for compound in selector.split(","):
        compound = compound.strip()
        m = _COMPOUND.match(compound)
        if not m:
            raise ValueError(f"unsupported selector: {compound}")
        tag = m.group(1).lower() if m.group(1) not in ("", "*") else None
        conds = []
        for cls, ident, attr, op, value in _PART.findall(m.group(2)):
            if cls:
                conds.append(("class", _OPS["~="], cls))
            elif ident:
                conds.append(("id", _OPS["="], ident))
            else:
                conds.append((attr.lower(), _OPS.get(op, lambda have, v: False), value))
        compiled.append((tag, tuple(conds)))
    return tuple(compiled)


def matches(node: LexborNode, selector: str) -> bool:
    """Whether the element itself matches `selector` (a simple compound selector list)."""
    if not node.is_element_node:
        return False
    node_tag, attrs = node.tag, node.attributes
    return any((not tag or node_tag == tag) and all(
        name in attrs and test(attrs[name] or "", value) for name, test, value in conds)
        for tag, conds in _compile(selector))


SKIP, TAKE, DESCEND = 0, 1, 2


def select(root: LexborNode, visit: Callable[[LexborNode], int]) -> list[LexborNode]:
    """Elements under `root` in document order that `visit` TAKEs; SKIP prunes a subtree. One pass
    with an explicit stack: no query plus ancestor walk per match, no recursion on deep pages."""
    out: list[LexborNode] = []
    stack = [root.iter()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        action = visit(child)
        if action == TAKE:
            out.append(child)
        elif action == DESCEND:
            stack.append(child.iter())
    return out


def ancestor_matching(node: LexborNode, selector: str, stop: LexborNode | None = None) -> LexborNode | None:
    """The nearest ancestor (not the node itself) matching `selector`, below `stop`."""
    cur = node.parent
    stop_id = stop.mem_id if stop is not None else None
    while cur is not None and cur.is_element_node and cur.mem_id != stop_id:
        if matches(cur, selector):
            return cur
        cur = cur.parent
    return None


def depth_below(node: LexborNode, top: LexborNode) -> int:
    depth, cur, top_id = 0, node, top.mem_id
    while cur is not None and cur.mem_id != top_id:
        depth += 1
        cur = cur.parent
    return depth


def contains(outer: LexborNode, inner: LexborNode) -> bool:
    cur, target = inner, outer.mem_id
    while cur is not None:
        if cur.mem_id == target:
            return True
        cur = cur.parent
    return False


class Snapshot:
    """One page: the light DOM tree and its shadow roots, queried together."""

    def __init__(self, html: str):
        self.tree = LexborHTMLParser(html)
        self.shadow_roots: list[LexborNode] = []
        if "<template" in html:  # cheap test first: most pages have none
            self._find_shadow_roots(self.tree.root, 0)
        self.roots = [root for root in (self.tree.root, *self.shadow_roots) if root is not None]

    def _find_shadow_roots(self, node: LexborNode | None, depth: int) -> None:
        if node is None or depth > 8:
            return
        for fragment in node.template_fragments():
            if len(self.shadow_roots) >= MAX_SHADOW_ROOTS:
                return
            template = fragment.parent
            attrs = template.attributes if template is not None else {}
            if any((attrs.get(a) or "").lower() == "open" for a in SHADOW_ATTRS):
                self.shadow_roots.append(fragment)
                self._find_shadow_roots(fragment, depth + 1)

    def css(self, selector: str) -> list[LexborNode]:
        """Matches in the light DOM, then in each shadow root, in document order per tree."""
        return [node for root in self.roots for node in root.css(selector)]

    def css_first(self, selector: str) -> LexborNode | None:
        return next((hit for root in self.roots if (hit := root.css_first(selector)) is not None), None)
