"""The classic ("Ember") profile build: readable classes, section anchors, embedded voyager JSON.

Every text appears twice (`span[aria-hidden="true"]` for the eye, `.visually-hidden` for screen
readers): read the aria-hidden copy only. Anchors: docs/pages.md.
"""

from selectolax.lexbor import LexborNode

from protocol.page import Profile

from companion.pages import entries
from companion.pages.dates import parse_degree
from companion.pages.dom import DESCEND, HIDDEN, SKIP, TAKE, Snapshot, ancestor_matching, clean, select, text_of
from companion.pages.embedded_json import Embedded
from companion.pages.profile_common import (POST_PREFIX, activity_posts, is_own_page, location_near_contact_info,
                                            mutual_connections, name_from_title, profile_url, resolve_slug)

_ENTITY = '[data-view-name="profile-component-entity"]'


def is_classic(snap: Snapshot) -> bool:
    return snap.tree.css_first('section[data-member-id], [data-view-name="profile-card"], '
                              'h1.text-heading-xlarge, .pv-top-card') is not None


def _section(snap: Snapshot, anchor_id: str) -> LexborNode | None:
    anchor = snap.tree.css_first(f"div#{anchor_id}")
    return (ancestor_matching(anchor, "section") or anchor.parent) if anchor is not None else None


def _top_card(snap: Snapshot) -> LexborNode | None:
    heading = snap.tree.css_first("main h1")
    return snap.tree.css_first("section[data-member-id]") or (
        ancestor_matching(heading, "section") if heading is not None else None)


def _visit_entity(node: LexborNode) -> int:
    """An entity's own fields: the visible copies outside sub-lists and descriptions."""
    if node.tag == "ul" or "inline-show-more-text" in (node.attributes.get("class") or ""):
        return SKIP
    if node.tag == "span" and node.attributes.get("aria-hidden") == "true":
        return TAKE
    return DESCEND


def _entity_fields(entity: LexborNode) -> list[str]:
    return [t for t in (clean(s.text()) for s in select(entity, _visit_entity)) if t]


def _entries(section: LexborNode) -> list[entries.RawEntry]:
    raws = []
    for entity in section.css(_ENTITY):
        if ancestor_matching(entity, _ENTITY, section) is not None:
            continue  # a role grouped under an employer: read with its parent
        roles = [_entity_fields(sub) for sub in entity.css(_ENTITY)
                 if sub.mem_id != entity.mem_id and ancestor_matching(sub, _ENTITY, section).mem_id == entity.mem_id]
        raws.append(entries.RawEntry(fields=_entity_fields(entity), link=entries.entry_link(entity),
                                     roles=[r for r in roles if r]))
    return raws


def parse(snap: Snapshot, url: str | None, emb: Embedded, warnings: list[str]) -> Profile:
    card = _top_card(snap)
    slug = resolve_slug(url, card, warnings)
    profile = Profile(slug=slug, url=profile_url(slug))
    person = emb.people.get(profile.slug or "")
    line_parts: list[str] = []
    if card is None:
        warnings.append("profile: top card not found")
    else:
        heading = card.css_first("h1") or card.css_first("h2")
        profile.name = text_of(heading) or None
        badge = card.css_first(".dist-value") or card.css_first(".distance-badge")
        if badge is not None:
            profile.degree = parse_degree(text_of(badge, skip=HIDDEN))
        profile.headline = text_of(card.css_first(".text-body-medium")) or None
        profile.location = location_near_contact_info(card) or \
            text_of(card.css_first("span.text-body-small.inline.t-black--light")) or None
        profile.mutual_count, profile.mutual_names = mutual_connections(card)
        line_parts = [t for t in (text_of(b, skip=HIDDEN) for b in card.css("ul li button[aria-label]")) if t]
    if person is not None:  # the embedded data fills gaps and gives the relationship
        profile.name = profile.name or person.name
        profile.headline = profile.headline or person.headline
        profile.location = profile.location or person.location
        profile.degree = profile.degree or person.degree
        profile.pending_invite = person.pending_invite
        profile.is_self = person.is_self
    if not profile.name:
        profile.name = name_from_title(snap)
    if profile.pending_invite is None and card is not None:
        profile.pending_invite = False if profile.degree == 1 else _pending_button(card)
    about = _section(snap, "about")
    if about is not None:
        body = about.css_first(".inline-show-more-text") or about.css_first(".pv-shared-text-with-see-more")
        profile.about = text_of(body, skip=HIDDEN) or text_of(about, skip="h2, " + HIDDEN) or None
    entries.read_sections(profile, _section(snap, "experience"), _section(snap, "education"), _entries)
    activity = _section(snap, "content_collections")
    if activity is not None:
        pairs = []
        for item in activity.css("li"):
            if item.css_first('a[href*="/feed/update/urn:li:activity:"]') is None or \
                    ancestor_matching(item, "li", activity) is not None:
                continue
            body = item.css_first(".inline-show-more-text") or item.css_first('[id^="mini-update-a11y-description"]')
            pairs.append((item, text_of(body, skip=HIDDEN, limit=POST_PREFIX)))
        profile.posts = activity_posts(pairs, profile.slug)
    entries.fill_current(profile, line_parts)
    profile.is_self = profile.is_self or is_own_page(snap, profile.slug)
    return profile


def _pending_button(card: LexborNode) -> bool:
    """Last resort without embedded data: the withdraw button of a sent invitation (English label)."""
    return any((node.attributes.get("aria-label") or "").lower().startswith("pending")
               for node in card.css("button[aria-label], a[aria-label]"))
