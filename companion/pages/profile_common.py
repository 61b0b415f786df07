"""Profile anchors both builds share: link patterns, which LinkedIn does not translate (slug,
mutual connections, location, own page, pending invite; docs/pages.md).
"""

import re
from urllib.parse import unquote

from selectolax.lexbor import LexborNode

from protocol.page import Post

from companion.pages.dates import activity_ms, ms_to_iso
from companion.pages.dom import Snapshot, clean, contains, text_of

_SLUG = re.compile(r"/in/([^/?#]+)/?")
_ACTIVITY = re.compile(r"urn:li:activity:(\d+)")
POST_PREFIX = 300  # characters kept of a post: enough for a topic, not a copy of the post


def slug_from_url(url: str | None) -> str | None:
    m = _SLUG.search(url or "")
    slug = unquote(m.group(1)) if m else None
    return slug if slug and slug != "me" else None


def resolve_slug(url: str | None, card: LexborNode | None, warnings: list[str]) -> str | None:
    """The profile's slug: the top card's own links win over the URL, which an SPA may not have
    updated yet (or a caller may not know); a disagreement is reported as a warning."""
    from_url = slug_from_url(url)
    links = card.css('a[href*="/in/"]') if card is not None else []
    from_dom = next(filter(None, (slug_from_url(a.attributes.get("href")) for a in links)), None)
    if from_dom and from_url and from_dom != from_url:
        warnings.append("profile: the URL and the page show different profiles; using the page's")
    return from_dom or from_url


def name_from_title(snap: Snapshot) -> str | None:
    """The name in the page title ("(3) Name | LinkedIn"); later titles are stale ones an SPA left."""
    title = next(filter(None, (clean(t.text()) for t in snap.tree.css("title"))), "")
    if " | " not in title:
        return None
    name = title.rsplit(" | ", 1)[0]
    if name.startswith("(") and ") " in name:
        name = name.split(") ", 1)[1]  # unread counter
    return clean(name) or None


def profile_url(slug: str | None) -> str | None:
    return f"https://www.linkedin.com/in/{slug}/" if slug else None


def _is_mutual_link(href: str) -> bool:
    h = unquote(href)
    if "/search/results/people/" not in h:
        return False
    if "facetConnectionOf" in h:  # classic build
        return 'facetNetwork="F"' in h or "facetNetwork=F" in h
    m = re.search(r"network=\[([^][]*)\]", h)  # stops at "[": linear on a repeated "network=["
    return bool(m) and m.group(1).replace('"', "").strip() == "F" and "connectionOf" in h


def mutual_connections(scope: LexborNode) -> tuple[int | None, list[str] | None]:
    """(count, names) from the mutual-connections link in the top card, or (None, None)."""
    links = [a for a in scope.css("a[href]") if _is_mutual_link(a.attributes.get("href") or "")]
    best = next((a for a in links if a.css_first("strong") is not None), None) or next(
        (a for a in links if text_of(a)), None)
    if best is None:
        return None, None
    # The classic build repeats the text for screen readers; read one copy only.
    holder = best.css_first('[aria-hidden="true"]') if best.css_first('[aria-hidden="true"] strong') else best
    names = list(dict.fromkeys(filter(None, (clean(strong.text()) for strong in holder.css("strong")))))
    rest = text_of(holder, skip="strong")
    numbers = [int(n.replace(",", "").replace(".", "")) for n in re.findall(r"\d[\d,.]*", rest)]
    count = len(names) + (numbers[0] if numbers else 0)
    return (count or None), names


def location_near_contact_info(card: LexborNode) -> str | None:
    """The location: the first text in the block that holds the contact-info link."""
    link = card.css_first('a[href*="/overlay/contact-info/"]')
    if link is None:
        return None
    block = link.parent
    for _ in range(4):  # climb to the row that holds more than the link itself
        if block is None:
            return None
        for node in block.css("p, span"):
            if contains(link, node) or node.css_first("a") is not None:
                continue
            text = clean(node.text())
            if text and not (len(text) <= 2 and not text.isalnum()):  # not a "·" separator
                return text
        block = block.parent
    return None


def is_own_page(snap: Snapshot, slug: str | None) -> bool:
    hrefs = (unquote(a.attributes.get("href") or "") for a in snap.tree.css('a[href*="/edit/"]'))
    return bool(slug) and any(f"/in/{slug}/edit/" in h or f"/in/{slug}/add-edit/" in h for h in hrefs)


def pending_from_action_row(card: LexborNode, slug: str | None) -> bool | None:
    """True when the action row shows the withdraw-invitation pill; None when no action row."""
    anchor = card.css_first('a[href*="/messaging/compose/"]') or card.css_first('a[href*="/preload/custom-invite/"]')
    if anchor is None:
        return None
    row = anchor.parent
    for _ in range(5):
        if row is None or row.css_first("button, a[aria-label]") is not None and len(row.css("a, button")) > 1:
            break
        row = row.parent
    if row is None or not slug:
        return False
    for a in row.css("a[aria-label][href]"):
        if slug_from_url(a.attributes.get("href")) == slug and "/overlay/" not in (a.attributes.get("href") or "") \
                and text_of(a) and a.css_first("h1, h2, img, figure") is None:
            return True
    return False


def activity_posts(items: list[tuple[LexborNode, str]], owner_slug: str | None) -> list[Post]:
    """Posts from (item node, text) pairs: link, text prefix, creation time, repost flag."""
    posts: list[Post] = []
    seen: set[str] = set()
    for node, text in items:
        link = node.css_first('a[href*="/feed/update/urn:li:activity:"]')
        href = link.attributes.get("href") if link is not None else None
        m = _ACTIVITY.search(href or "")
        key = m.group(1) if m else text
        if not key or key in seen:
            continue
        seen.add(key)
        url = f"https://www.linkedin.com/feed/update/urn:li:activity:{m.group(1)}/" if m else None
        ms = activity_ms(m.group(1)) if m else None
        posts.append(Post(text=text[:POST_PREFIX] or None, url=url, posted_at=ms_to_iso(ms) if ms else None,
                          reposted=_reposted(node, link, owner_slug)))
    return posts


def _reposted(item: LexborNode, text_link: LexborNode | None, owner_slug: str | None) -> bool:
    """A repost: the actor shown just above the text is someone else (a person or a page)."""
    if text_link is None or not owner_slug:
        return False
    actor = None
    for a in item.css("a[href]"):
        href = a.attributes.get("href") or ""
        if "/feed/update/" in href:
            break  # the post's own text link: the actor comes before it
        if not any(p in href for p in ("/in/", "/company/", "/school/")):
            continue
        if a.css_first("figure, img") is None:
            actor = a
    href = (actor.attributes.get("href") or "") if actor is not None else None
    return href is not None and ("/in/" not in href or slug_from_url(href) != owner_slug)
