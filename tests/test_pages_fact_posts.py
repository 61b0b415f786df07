"""fact.post-missing: "your recent post" checked against the posts the parsed page shows."""

from pathlib import Path

from companion.coach import CoachContext, analyze
from companion.pages import parse_snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
DRAFT = "Hi Priya, I loved your recent post on ledgers. Would you be open to referring me for the Staff Engineer role?"


def codes(profile, text=DRAFT):
    return {f.code for f in analyze(text, CoachContext(surface="message", profile=profile)).findings}


def profile(name):
    return parse_snapshot(None, (FIXTURES / name).read_text(encoding="utf-8")).profile


def test_post_praised_but_none_shown():
    p = profile("sdui_profile_2nd.html")
    assert "fact.post-missing" not in codes(p)  # she did post
    p.posts = []
    fb = analyze(DRAFT, CoachContext(surface="message", profile=p))
    hit = next(f for f in fb.findings if f.code == "fact.post-missing")
    assert hit.severity == "warning" and "no posts" in hit.message
    start = DRAFT.index("your recent post")
    assert (hit.range.start, hit.range.end) == (start, start + len("your recent post"))


def test_only_reposts_count_as_none_of_theirs():
    p = profile("sdui_profile_2nd.html")
    p.posts = [x for x in p.posts if x.reposted]
    fb = analyze(DRAFT, CoachContext(surface="message", profile=p))
    assert any(f.code == "fact.post-missing" and "reshared" in f.message for f in fb.findings)


def test_activity_not_loaded_says_nothing():
    p = profile("sdui_profile_pending.html")
    assert p.posts is None
    assert "fact.post-missing" not in codes(p)
    assert "fact.post-missing" not in codes(None)
