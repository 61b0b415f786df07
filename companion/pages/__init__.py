"""LinkedIn page snapshots -> protocol models (Profile, Thread, Composer), for both page builds:
one adapter per build and page kind; docs/pages.md lists their anchors.
"""

import logging
from datetime import datetime
from urllib.parse import urlparse

from protocol.page import PageResult, Profile

from companion.pages.bounds import PageTooComplex, check
from companion.pages.dom import Snapshot
from companion.pages.profile_common import profile_url, slug_from_url

log = logging.getLogger(__name__)

MAX_HTML_CHARS = 8 * 1024 * 1024
ABOUT_LIMIT = 2000  # characters of About kept: plenty for hints and fact checks


def page_kind_from_url(url: str | None) -> str | None:
    path = urlparse(url or "").path
    if path.startswith("/in/"):
        return "profile"
    if path.startswith("/messaging/"):
        return "thread"
    return None


def _step(warnings: list[str], what: str, fn, *args):
    """Run one extraction step; a failure is a warning (with the exception type only, no content)."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - a broken page must not break the connection
        log.debug("page parser step %s failed: %s", what, type(exc).__name__)
        warnings.append(f"{what}: could not be read ({type(exc).__name__})")
        return None


def parse_snapshot(url: str | None, html: str | None, captured_at: datetime | None = None,
                   own_slug: str | None = None) -> PageResult:
    """Parse one page snapshot; never raises: a broken page gives a partial result and warnings.
    `captured_at` (default: now) dates day headings without a year; `own_slug`: see _own_profile."""
    try:
        return read_snapshot(url, html, captured_at, own_slug)
    except PageTooComplex as exc:
        return PageResult(kind="other", url=url, warnings=[f"page: not read: {exc}"])


def read_snapshot(url: str | None, html: str | None, captured_at: datetime | None = None,
                  own_slug: str | None = None) -> PageResult:
    """parse_snapshot, but a snapshot that would take unbounded time raises PageTooComplex."""
    if not isinstance(html, str) or not html.strip():
        return PageResult(kind="other", url=url, warnings=["page: empty snapshot"])
    warnings: list[str] = []
    if len(html) > MAX_HTML_CHARS:
        warnings.append("page: snapshot too large, truncated")
        html = html[:MAX_HTML_CHARS]
    check(html)
    try:
        return _parse(url, html, warnings, captured_at, own_slug)
    except Exception as exc:  # noqa: BLE001 - last line of defence
        log.debug("page parser failed: %s", type(exc).__name__)
        warnings.append(f"page: could not be read ({type(exc).__name__})")
        return PageResult(kind="other", url=url, warnings=warnings)


def _parse(url: str | None, html: str, warnings: list[str], captured_at: datetime | None,
           own_slug: str | None) -> PageResult:
    from companion.pages import classic_profile, composer, embedded_json, sdui_profile, thread

    snap = Snapshot(html)
    emb = _step(warnings, "embedded_json", embedded_json.read_embedded, snap, warnings) or embedded_json.Embedded()
    result = PageResult(kind="other", url=url, warnings=warnings)
    kind = page_kind_from_url(url)

    profile: Profile | None = None
    if kind in ("profile", None) and sdui_profile.is_sdui(snap):
        profile = _step(warnings, "profile", sdui_profile.parse, snap, url, warnings)
    elif kind in ("profile", None) and classic_profile.is_classic(snap):
        profile = _step(warnings, "profile", classic_profile.parse, snap, url, emb, warnings)
    if profile is not None:
        result.kind, result.profile = "profile", profile

    found_thread = _step(warnings, "thread", thread.parse, snap, warnings, captured_at, profile)
    if found_thread is not None:
        result.thread = found_thread
        if result.kind == "other" and (kind == "thread" or found_thread.messages or found_thread.participant):
            result.kind = "thread"
    elif kind == "thread":
        result.kind = "thread"
        warnings.append("thread: no conversation found")
    if kind == "profile" and result.kind == "other":
        warnings.append("profile: no profile markup found (page not loaded yet?)")
        slug = slug_from_url(url)
        result.kind, result.profile = "profile", Profile(url=profile_url(slug), slug=slug)

    result.composer = _step(warnings, "composer", composer.parse, snap)

    if profile is not None and profile.about:
        profile.about = profile.about[:ABOUT_LIMIT]
    result.own_profile = _own_profile(profile, emb.viewer, url, own_slug)
    result.warnings = list(warnings)  # the model copied the list when it was built
    return result


def _own_profile(profile: Profile | None, viewer: Profile | None, url: str | None,
                 own_slug: str | None) -> Profile | None:
    """The user's own profile as this page shows it, or None; sets profile.is_self accordingly.

    The viewer record names the user; markup alone (edit links) counts only on the page's own /in/
    URL and the remembered slug (docs/pages.md, "Own profile", says why).
    """
    if profile is None:
        return viewer
    if viewer is not None and viewer.slug == profile.slug:
        profile.is_self = True
        return profile
    if profile.is_self and viewer is None and (url is None or (
            slug_from_url(url) == profile.slug and own_slug in (None, profile.slug))):
        return profile
    if profile.is_self:
        log.warning("a page marked as your own profile was not taken as yours (another address or account)")
    profile.is_self = False
    return viewer


def recipient(result: PageResult, previous: Profile | None = None) -> Profile | None:
    """Who a draft on this page is for: the profile shown, else the thread's other participant,
    for whom a richer profile of the same person seen before (`previous`) is kept."""
    if result.profile is not None and not result.profile.is_self:
        return result.profile
    if result.thread is not None and result.thread.participant is not None:
        part = result.thread.participant
        if previous is not None and ((part.slug and part.slug == previous.slug) or
                                     (not part.slug and part.name and part.name == previous.name)):
            return previous
        return part
    return None
