"""The new (2026, "SDUI") profile build: hashed classes, so anchor on componentkeys, links and
structure (docs/pages.md).
"""

from selectolax.lexbor import LexborNode

from protocol.page import Profile

from companion.pages import entries
from companion.pages.dates import looks_like_degree_label, parse_degree
from companion.pages.dom import DESCEND, SKIP, TAKE, Snapshot, ancestor_matching, clean, depth_below, select, text_of
from companion.pages.profile_common import (POST_PREFIX, activity_posts, is_own_page, location_near_contact_info,
                                            mutual_connections, name_from_title, pending_from_action_row,
                                            profile_url, resolve_slug)

_EXPANDABLE = '[data-testid="expandable-text-box"]'


def is_sdui(snap: Snapshot) -> bool:
    return snap.tree.css_first('[componentkey$="Topcard"], [data-sdui-screen*="profile"]') is not None


def _cards(snap: Snapshot) -> list[tuple[str, LexborNode]]:
    """Every profile card (componentkey `com.linkedin.sdui.profile.card.ref<id><Card>`), the section
    itself before its wrapper; found in one pass, as a query per card would walk the tree each time."""
    found = [(n.attributes.get("componentkey") or "", n)
             for n in snap.tree.css('[componentkey^="com.linkedin.sdui.profile.card"]')]
    return sorted(found, key=lambda kn: kn[1].tag != "section")


def _card(cards: list[tuple[str, LexborNode]], suffix: str) -> LexborNode | None:
    return next((node for key, node in cards if key.endswith(suffix)), None)


def _visit_top(node: LexborNode) -> int:
    """The top card's own text paragraphs, in order (not those inside links or buttons)."""
    if node.tag in ("a", "button", "ul") or node.attributes.get("role") == "button":
        return SKIP
    if node.tag == "p":
        return TAKE if node.css_first("a") is None and clean(node.text()) else SKIP
    return DESCEND


def parse_top_card(snap: Snapshot, top: LexborNode, profile: Profile) -> list[str]:
    """Fills name, degree, headline, location, mutuals, pending; returns the company line's parts."""
    heading = top.css_first("h1, h2")
    profile.name = text_of(heading) or name_from_title(snap)
    fields = select(top, _visit_top)
    texts = [clean(p.text()) for p in fields]
    profile.location = location_near_contact_info(top)
    end = texts.index(profile.location) if profile.location in texts else len(texts)
    labels = [(depth_below(p, top), i) for i, p in enumerate(fields[:end]) if looks_like_degree_label(texts[i])]
    if labels:
        profile.degree = parse_degree(texts[min(labels)[1]])
    last_label = max((i for _, i in labels), default=-1)
    rest = [t for i, t in enumerate(texts[:end]) if i > last_label and not looks_like_degree_label(t)]
    if not labels and len(rest) >= 2 and len(rest[0]) <= 20 and "/" in rest[0]:
        rest = rest[1:]  # pronouns ("She/Her") sit before the degree label, which own pages lack
    buttons = {text_of(b) for b in top.css('[role="button"]') if text_of(b)}
    line = next((t for t in rest if all(part in buttons for part in t.split(" · "))), None)
    if line is not None and rest.index(line) > 0:
        profile.headline = rest[rest.index(line) - 1]
    elif rest and rest[0] != line:
        profile.headline = rest[0]
    profile.mutual_count, profile.mutual_names = mutual_connections(top)
    profile.pending_invite = pending_from_action_row(top, profile.slug)
    return line.split(" · ") if line else []


def _visit_entry(node: LexborNode) -> int:
    """An entry's own fields: paragraphs outside sub-lists, descriptions and media/skill links."""
    tag = node.tag
    if tag == "ul" or node.attributes.get("data-testid") == "expandable-text-box":
        return SKIP
    if tag == "a" and not entries.is_entry_link(node):
        return SKIP
    if tag == "p":
        if node.css_first(_EXPANDABLE) is not None or any(not entries.is_entry_link(a) for a in node.css("a")):
            return SKIP
        return TAKE
    return DESCEND


def _entry_fields(root: LexborNode) -> list[str]:
    return [t for t in (clean(p.text()) for p in select(root, _visit_entry)) if t]


def _text_links(scope: LexborNode) -> list[LexborNode]:
    """Company or school links that hold text (a paragraph), not only a logo."""
    return [a for a in scope.css("a[href]") if entries.is_entry_link(a) and a.css_first("p") is not None]


def _entry_roots(section: LexborNode) -> list[LexborNode]:
    roots = section.css('[componentkey^="entity-collection-item"]')
    if roots:
        return roots
    # Education has no item keys: an entry is the largest block holding exactly one text link.
    found: list[LexborNode] = []
    for node in _text_links(section):
        while node.parent is not None and node.parent.mem_id != section.mem_id:
            if len(_text_links(node.parent)) > 1:
                break
            node = node.parent
        if all(node.mem_id != f.mem_id for f in found):
            found.append(node)
    return found


def _raw_entries(section: LexborNode) -> list[entries.RawEntry]:
    raws = []
    for root in _entry_roots(section):
        ul = root.css_first("ul")
        items = [li for li in ul.css("li") if ancestor_matching(li, "li", root) is None] if ul is not None else []
        roles = [fields for fields in map(_entry_fields, items) if fields]
        raws.append(entries.RawEntry(fields=_entry_fields(root), link=entries.entry_link(root), roles=roles))
    return raws


def _posts(section: LexborNode | None, owner: str | None):
    if section is None:
        return None
    items = section.css('[role="listitem"]') or section.css('[data-testid="carousel-child-container"]')
    pairs = []
    for item in items:
        box = item.css_first(_EXPANDABLE)
        # The post's own links nest <a> in <a>, which HTML parsing splits: read the whole paragraph.
        holder = ancestor_matching(box, "p", item) if box is not None else None
        pairs.append((item, text_of(holder or box, skip="button", limit=POST_PREFIX)))
    return activity_posts(pairs, owner)


def parse(snap: Snapshot, url: str | None, warnings: list[str]) -> Profile:
    cards = _cards(snap)
    top = _card(cards, "Topcard")
    slug = resolve_slug(url, top, warnings)
    profile = Profile(slug=slug, url=profile_url(slug))
    line_parts: list[str] = []
    if top is None:
        warnings.append("profile: top card not found")
        profile.name = name_from_title(snap)
    else:
        line_parts = parse_top_card(snap, top, profile)
    about = _card(cards, "About")
    if about is not None:
        box = about.css_first(_EXPANDABLE)
        profile.about = (text_of(box, skip="button") if box is not None else text_of(about, skip="h2, button")) or None
    entries.read_sections(profile, _card(cards, "ExperienceTopLevelSection"), _card(cards, "EducationTopLevelSection"),
                          _raw_entries)
    profile.posts = _posts(_card(cards, "Activity"), profile.slug)
    entries.fill_current(profile, line_parts)
    profile.is_self = is_own_page(snap, profile.slug)
    return profile
