"""The classic build's embedded API responses: HTML-escaped `<code id="bpr-guid-N">` JSON blocks,
each described by a sibling `<code id="datalet-bpr-guid-N">` ({"request": "/voyager/api/…"}).

Two are useful: `/voyager/api/me` (the viewer: the user's own name, headline and slug) and the
profile query, whose `included[]` holds typed entities (Profile, Geo, MemberRelationship).
"""

import json
from dataclasses import dataclass, field

from protocol.page import Profile

from companion.pages.dom import Snapshot, clean
from companion.pages.profile_common import profile_url

_PROFILE_TYPES = ("identity.profile.Profile", "identity.shared.MiniProfile")
_DISTANCE = {"DISTANCE_1": 1, "DISTANCE_2": 2, "DISTANCE_3": 3}


@dataclass
class Embedded:
    viewer: Profile | None = None  # the user's own profile as far as it tells (name, headline, slug)
    people: dict[str, Profile] = field(default_factory=dict)  # by slug: what the markup lacks


def _load(text: str) -> dict | None:
    try:
        data = json.loads(text, strict=False)  # some blocks hold raw control characters
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _name(entity: dict) -> str | None:
    first, last = clean(entity.get("firstName")), clean(entity.get("lastName"))
    return clean(f"{first} {last}") or None


def _relationship(rel: dict) -> tuple[int | None, bool | None, bool]:
    """(degree, pending, is_self) from a MemberRelationship entity."""
    inner = rel.get("memberRelationship") or {}
    resolution = rel.get("memberRelationshipDataResolutionResult") or {}
    if inner.get("self") is not None or resolution.get("self") is not None:
        return None, False, True
    if inner.get("*connection") or inner.get("connection") or resolution.get("*connection"):
        return 1, False, False
    no_conn = inner.get("noConnection") or resolution.get("noConnection")
    degree = _DISTANCE.get(no_conn.get("memberDistance") or "") if isinstance(no_conn, dict) else None
    invitation = resolution.get("invitation") or resolution.get("*invitation")
    if not invitation and isinstance(inner.get("noConnection"), dict):
        invitation = inner["noConnection"].get("invitationUnion") or inner["noConnection"].get("*invitation")
    return degree, bool(invitation) and degree != 1, False


def _wanted(request: str) -> bool:
    """Only the viewer (/voyager/api/me) and profile queries hold people."""
    path = request.split("?")[0].rstrip("/")
    return path.endswith("/voyager/api/me") or "Profile" in request or "vanityName" in request \
        or "memberIdentity" in request


def read_embedded(snap: Snapshot, warnings: list[str]) -> Embedded:
    """Everything useful in the page's bpr-guid blocks; malformed blocks become warnings."""
    out = Embedded()
    if snap.tree.css_first('code[id^="bpr-guid-"]') is None:
        return out
    requests: dict[str, str] = {}
    for node in snap.tree.css('code[id^="datalet-bpr-guid-"]'):
        meta = _load(node.text())
        if meta and isinstance(meta.get("body"), str):
            requests[meta["body"]] = str(meta.get("request") or "")
    bad = 0
    for node in snap.tree.css('code[id^="bpr-guid-"]'):
        request = requests.get(node.attributes.get("id") or "")
        if request is not None and not _wanted(request):
            continue  # feature flags, navigation, launchpad: large and useless here
        text = node.text()
        if "publicIdentifier" not in text:
            continue
        data = _load(text)
        if data is None:
            bad += 1
            continue
        _read_block(data, request or "", out)
    if bad:
        warnings.append(f"embedded_json: {bad} block(s) could not be read")
    if out.viewer is not None:  # a copy: the person in `people` is also the profile's gap filler
        out.viewer = out.viewer.model_copy(
            update={"url": profile_url(out.viewer.slug), "degree": None, "pending_invite": None, "is_self": True})
    return out


def _read_block(data: dict, request: str, out: Embedded) -> None:
    included = [e for e in data.get("included") or [] if isinstance(e, dict)]
    by_urn = {e.get("entityUrn"): e for e in included if e.get("entityUrn")}
    is_me = request.split("?")[0].rstrip("/").endswith("/voyager/api/me")
    for entity in included:
        kind = str(entity.get("$type") or "")
        slug = entity.get("publicIdentifier")
        if not slug or not kind.endswith(_PROFILE_TYPES):
            continue
        person = out.people.get(slug) or Profile(slug=slug)
        person.name = person.name or _name(entity)
        person.headline = person.headline or clean(entity.get("headline") or entity.get("occupation")) or None
        geo_ref = entity["geoLocation"].get("*geo") if isinstance(entity.get("geoLocation"), dict) else None
        geo = by_urn.get(geo_ref) if geo_ref else None
        if geo and not person.location:
            person.location = clean(geo.get("defaultLocalizedName")) or None
        rel = by_urn.get(entity.get("*memberRelationship"))
        if rel:
            person.degree, person.pending_invite, person.is_self = _relationship(rel)
        out.people[slug] = person
        if is_me:
            person.is_self = True
            out.viewer = person
