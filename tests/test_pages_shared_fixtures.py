"""The parsers over the real (pseudonymized) pages in ../shared/fixtures/linkedin, against their
.truth.json. Skipped where that folder is absent: the product never depends on it."""

import json
from pathlib import Path

import pytest

from companion.pages import parse_snapshot

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "linkedin"
PAGES = sorted(SHARED.glob("*.html")) if SHARED.is_dir() else []

pytestmark = pytest.mark.skipif(not PAGES, reason=f"{SHARED} is not available")


def extracted(profile, truth: dict) -> dict:
    """The parser's result in the truth files' shape (prefixes cut to the truth's length)."""
    about_len = len(truth.get("about_prefix") or "")
    posts_len = len(truth.get("recent_post_prefixes") or [])
    return {
        "slug": profile.slug, "url": profile.url, "name": profile.name, "headline": profile.headline,
        "location": profile.location, "degree": profile.degree, "pending_invite": profile.pending_invite,
        "mutual_connections": profile.mutual_count,
        "current": ({"title": profile.current_title, "company": profile.current_company}
                    if (profile.current_title or profile.current_company) else None),
        "about_prefix": (profile.about or "")[:about_len] or None,
        "experience": None if profile.experience is None else [
            {"title": r.title, "company": e.company, "dates": r.dates} for e in profile.experience for r in e.roles],
        "education": None if profile.education is None else [
            {"school": e.school, "degree": e.degree, "dates": e.dates} for e in profile.education],
        "recent_post_prefixes": None if profile.posts is None else [
            (p.text or "")[:50] for p in profile.posts[:posts_len]],
    }


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_shared_page_matches_its_truth(page):
    truth = json.loads(page.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    result = parse_snapshot(truth["url"], page.read_text(encoding="utf-8"))
    assert result.kind == truth["kind"]
    assert result.warnings == []
    got = extracted(result.profile, truth)
    for key, want in truth.items():
        if key != "kind":
            assert got[key] == want, key


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_shared_page_without_url_finds_the_same_profile(page):
    truth = json.loads(page.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    result = parse_snapshot(None, page.read_text(encoding="utf-8"))
    assert (result.profile.slug, result.profile.name, result.profile.degree) == (truth["slug"], truth["name"], truth["degree"])
