"""Broken snapshots give partial results and warnings, never exceptions."""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.pages import classic_profile, parse_snapshot, sdui_profile

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
NAMES = sorted(p.name for p in FIXTURES.glob("*.html"))


@pytest.mark.parametrize("name", NAMES)
def test_truncated_snapshots_never_raise(name):
    html = (FIXTURES / name).read_text(encoding="utf-8")
    for fraction in (0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99):
        r = parse_snapshot("https://www.linkedin.com/in/x/", html[: int(len(html) * fraction)])
        assert r.kind in ("profile", "thread", "other")


def test_profile_cut_before_its_sections_keeps_the_top_card():
    html = (FIXTURES / "sdui_profile_2nd.html").read_text(encoding="utf-8")
    cut = html[: html.index("ExperienceTopLevelSection")]
    p = parse_snapshot(None, cut).profile
    assert (p.name, p.degree, p.mutual_count) == ("Priya Raman", 2, 3)
    assert p.experience is None and p.education is None  # not there: None, not an error


def test_profile_url_without_profile_markup_is_a_partial_result_with_a_warning():
    r = parse_snapshot("https://www.linkedin.com/in/nobody-42/", "<html><body><main>Loading…</main></body></html>")
    assert r.kind == "profile" and r.profile.slug == "nobody-42" and r.profile.name is None
    assert any("no profile markup" in w for w in r.warnings)


@pytest.mark.parametrize("html", [None, "", "   ", 42, "\x00\x01\x02", "<", "<<<>>>", "<div" * 5000,
                                  "<template shadowrootmode=open>" * 300, "<code id='bpr-guid-1'>{publicIdentifier"])
def test_garbage_gives_other_with_warnings(html):
    r = parse_snapshot("https://www.linkedin.com/feed/", html)
    assert r.kind in ("other", "profile", "thread")
    assert r.profile is None or r.profile.name is None


def test_deep_nesting_does_not_raise():
    html = "<div>" * 20000 + "<section componentkey='xTopcard'><h2>Deep Person</h2></section>" + "</div>" * 20000
    r = parse_snapshot(None, html)
    assert r.kind in ("profile", "other")


def test_unreadable_embedded_json_is_a_warning():
    html = (FIXTURES / "classic_profile_pending.html").read_text().replace("&quot;Hannah&quot;", "&quot;Hannah")
    r = parse_snapshot(None, html)
    assert any("embedded_json" in w for w in r.warnings)
    assert r.profile.name == "Hannah Voss" and r.profile.degree == 2  # the visible markup still works


def test_a_failing_adapter_is_a_warning_and_the_rest_still_parses(monkeypatch):
    def boom(*_args):
        raise RuntimeError("adapter bug")

    monkeypatch.setattr(sdui_profile, "parse", boom)
    r = parse_snapshot(None, (FIXTURES / "sdui_profile_message_overlay.html").read_text())
    assert r.profile is None and any(w.startswith("profile: could not be read (RuntimeError)") for w in r.warnings)
    assert r.thread is not None and len(r.thread.messages) == 3
    monkeypatch.setattr(classic_profile, "parse", boom)
    r = parse_snapshot(None, (FIXTURES / "classic_profile_1st.html").read_text())
    assert r.own_profile is not None  # the embedded viewer data is a separate step


def test_oversized_snapshot_is_truncated_with_a_warning():
    html = (FIXTURES / "sdui_profile_pending.html").read_text()
    big = html + "<!--" + "x" * (8 * 1024 * 1024) + "-->"
    r = parse_snapshot(None, big)
    assert r.profile.name == "Marco Bellini" and any("too large" in w for w in r.warnings)


_PIECES = []
for _name in NAMES:
    _text = (FIXTURES / _name).read_text(encoding="utf-8")
    _PIECES += [_text[i:i + 120] for i in range(0, len(_text), 97)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_shuffled_fixture_fragments_never_raise(pieces, rnd: random.Random):
    rnd.shuffle(pieces)
    r = parse_snapshot(rnd.choice([None, "https://www.linkedin.com/in/a/", "https://www.linkedin.com/messaging/thread/1/"]),
                       "".join(pieces))
    assert r.kind in ("profile", "thread", "other")
