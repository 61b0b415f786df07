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


def test_a_recent_post_described_unlike_any_of_theirs():
    p = profile("sdui_profile_2nd.html")
    made_up = ("Hi Priya, I loved your recent post about migrating retail clients from Snowflake to Databricks. "
               "Would you be open to referring me for the Staff Engineer role?")
    fb = analyze(made_up, CoachContext(surface="message", profile=p))
    hit = next(f for f in fb.findings if f.code == "fact.post-missing")
    assert "none of their recent posts" in hit.message
    start = made_up.index("your recent post")
    assert (hit.range.start, hit.range.end) == (start, start + len("your recent post"))
    # Their own post, in other words than its own ("sourced events", "billing"): no finding.
    for true in ("Hi Priya, I loved your recent post about billing and sourced events. Could you refer me?",
                 "Hi Priya, your latest post on what broke when you moved the ledger was great. Could you refer me?",
                 # Not said to be recent: it may be older than the posts the page shows.
                 "Hi Priya, I loved your post about migrating retail clients to Databricks. Could you refer me?"):
        assert "fact.post-missing" not in codes(p, true), true
    reshared = "Hi Priya, I saw your recent post that your team is hiring backend engineers in Toronto. Could you refer me?"
    fb = analyze(reshared, CoachContext(surface="message", profile=p))
    assert any(f.code == "fact.post-missing" and "reshared" in f.message for f in fb.findings)


def test_posts_in_another_language_are_not_compared_word_for_word():
    p = profile("sdui_profile_2nd.html")
    p.posts[0].text = "Tutto quello che la Polonia mi ha dato rispetto all'Italia, e perché non tornerò indietro."
    assert "fact.post-missing" not in codes(
        p, "Hi Priya, I loved your recent post about moving to Poland from Italy. Could you refer me?")
