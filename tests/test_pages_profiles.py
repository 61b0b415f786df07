"""Every profile field on every minimized profile fixture (both builds, several relationships)."""

from pathlib import Path

import pytest

from protocol.page import Profile

from companion.pages import parse_snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"


def parse(name: str, url: str | None = None):
    return parse_snapshot(url, (FIXTURES / name).read_text(encoding="utf-8"))


def roles(profile):
    return [(r.title, e.company, r.dates, r.current) for e in profile.experience for r in e.roles]


def test_sdui_second_degree_profile_every_field():
    r = parse("sdui_profile_2nd.html", "https://www.linkedin.com/in/priya-raman-42/")
    p = r.profile
    assert r.kind == "profile" and r.warnings == []
    assert (p.slug, p.url) == ("priya-raman-42", "https://www.linkedin.com/in/priya-raman-42/")
    assert p.name == "Priya Raman"  # whitespace collapsed; the stale second <title> is ignored
    assert p.headline == "Staff Engineer at Nimbus Labs | Distributed systems, event sourcing"
    assert p.location == "Toronto, Ontario, Canada"
    assert p.degree == 2  # the visible label, not the hidden alternate "· 1st"
    assert p.pending_invite is False
    assert (p.mutual_count, p.mutual_names) == (3, ["Tomasz", "Ana Lucia"])
    assert (p.current_title, p.current_company) == ("Staff Engineer", "Nimbus Labs")
    assert p.about == "I build storage engines and the teams around them. Lately: event sourcing at scale, and mentoring new grads."
    assert roles(p) == [
        ("Staff Engineer", "Nimbus Labs", "Mar 2024 - Present", True),
        ("Senior Software Engineer", "Nimbus Labs", "Nov 2021 - Mar 2024", False),
        ("Software Engineer", "Stripe", "Jun 2019 - Oct 2021", False),
        ("Teaching Assistant", "University of Waterloo", "Sep 2017 - Apr 2019", False),
    ]
    nimbus, stripe, ta = p.experience
    assert nimbus.company_url == "https://www.linkedin.com/company/90001/" and len(nimbus.roles) == 2
    assert (nimbus.roles[0].start.year, nimbus.roles[0].start.month, nimbus.roles[0].end) == (2024, 3, None)
    assert (stripe.roles[0].end.year, stripe.roles[0].end.month) == (2021, 10)
    assert stripe.roles[0].location == "Dublin, Ireland"
    assert ta.company_url is None  # an employer without a company page
    assert [(e.school, e.degree, e.dates) for e in p.education] == [
        ("University of Waterloo", "Bachelor of Mathematics, Computer Science", "2015 – 2019"),
        ("Lycée International de Genève", None, "2012 – 2015"),
    ]
    assert p.education[0].school_url == "https://www.linkedin.com/school/80001/"
    assert (p.education[0].start.year, p.education[0].end.year) == (2015, 2019)
    first, repost = p.posts
    assert first.text.startswith("We moved our billing ledger to event sourcing.")
    assert first.url == "https://www.linkedin.com/feed/update/urn:li:activity:7408113942528000000/"
    assert first.posted_at == "2025-12-20T12:00:00+00:00" and first.reposted is False
    assert repost.text == "Our team is hiring two backend engineers in Toronto." and repost.reposted is True
    assert p.is_self is False and r.own_profile is None
    assert r.composer is None and r.thread is None


def test_classic_first_degree_profile_every_field_and_viewer():
    r = parse("classic_profile_1st.html", "https://www.linkedin.com/in/daniel-okoye/")
    p = r.profile
    assert r.kind == "profile" and r.warnings == []
    assert (p.slug, p.name) == ("daniel-okoye", "Daniel Okoye")
    assert p.headline == "Engineering Manager at Kite Payments"
    assert p.location == "Lagos, Lagos State, Nigeria"
    assert (p.degree, p.pending_invite) == (1, False)
    assert (p.mutual_count, p.mutual_names) == (5, ["Mira Haddad", "Leo Brandt"])  # one copy, not the a11y one
    assert (p.current_title, p.current_company) == ("Engineering Manager", "Kite Payments")
    assert p.about == "I grow payments teams in Lagos and Nairobi. Ask me about hiring for reliability."
    assert roles(p) == [
        ("Engineering Manager", "Kite Payments", "Jan 2022 - Present", True),
        ("Senior Engineer", "Kite Payments", "Jan 2020 - Dec 2021", False),
        ("Software Engineer", "Stripe", "Feb 2017 - Dec 2019", False),
    ]
    assert p.experience[0].roles[0].location == "Lagos, Nigeria"
    assert [(e.school, e.degree, e.dates) for e in p.education] == [("University of Lagos", "BSc, Computer Science", "2010 - 2014")]
    assert [post.text for post in p.posts] == ["How we cut payout failures by half with idempotent retries.",
                                               "We are hiring two SREs in Lagos."]
    assert p.posts[1].url == "https://www.linkedin.com/feed/update/urn:li:activity:7381975040000000000/"
    own = r.own_profile  # from the embedded /voyager/api/me block
    assert (own.slug, own.name, own.headline, own.is_self) == (
        "sara-lindgren-dev", "Sara Lindgren", "Backend engineer looking for my next role", True)


def test_classic_pending_invite_and_missing_sections():
    r = parse("classic_profile_pending.html")
    p = r.profile
    assert (p.slug, p.name, p.headline, p.location) == ("hannah-voss", "Hannah Voss", "Recruiter at Orbital Freight",
                                                       "Hamburg, Germany")
    assert (p.degree, p.pending_invite) == (2, True)
    assert p.experience is None and p.education is None and p.posts is None and p.about is None
    assert (p.mutual_count, p.mutual_names) == (None, None)


def test_classic_pending_comes_from_embedded_json_not_the_english_label(tmp_path):
    html = (FIXTURES / "classic_profile_pending.html").read_text().replace("Pending", "Ausstehend")
    p = parse_snapshot(None, html).profile
    assert p.pending_invite is True and p.degree == 2


def test_sdui_pending_invite_with_hidden_alternate_label():
    p = parse("sdui_profile_pending.html").profile
    assert (p.degree, p.pending_invite) == (2, True)
    assert p.headline == "Platform Engineer · Kubernetes, Go"
    assert p.current_company == "Orbital Freight" and p.current_title is None  # from the top card only
    assert (p.mutual_count, p.mutual_names) == (1, ["Ines"])
    assert p.experience is None and p.education is None and p.posts is None  # not loaded: None, not errors


def test_sdui_third_degree_without_mutuals():
    p = parse("sdui_profile_3rd_invite_dialog.html").profile
    assert (p.name, p.degree, p.pending_invite) == ("Yusuf Demir", 3, False)
    assert (p.headline, p.location) == ("Data Engineer at Tidewater Analytics", "Istanbul, Türkiye")
    assert p.mutual_count is None
    assert p.current_company == "Tidewater Analytics"  # no company line: the headline's "… at Company"


def test_a_headline_names_the_company_only_where_they_are_now():
    from companion.pages.entries import fill_current

    for headline, company in (("Engineering Manager at Nimbus Labs | Platform teams", "Nimbus Labs"),
                              ("SWE @ Google, ex-Meta", "Google"), ("Looking at new opportunities", None),
                              ("Incoming SWE Intern at Google", None), ("Student at University of Waterloo", None),
                              ("Former PM at Meta · Advisor", None), ("Data Scientist | Python", None)):
        p = Profile(slug="x", name="X", headline=headline)
        fill_current(p, [])
        assert p.current_company == company, headline


def test_page_in_french_ui():
    r = parse("sdui_profile_fr.html")
    p = r.profile
    assert r.warnings == []
    assert (p.name, p.degree) == ("Camille Durand", 2)  # "· 2e" visible, "· 1er" hidden
    assert (p.mutual_count, p.mutual_names) == (5, ["Paul", "Marie"])
    assert p.headline == "Responsable recrutement tech chez Atelier Numérique"
    assert (p.current_title, p.current_company) == ("Responsable recrutement tech", "Atelier Numérique")
    assert roles(p) == [("Responsable recrutement tech", "Atelier Numérique", "juil. 2019 - aujourd’hui", True),
                        ("Chargée de recrutement", "Stripe", "févr. 2016 - juin 2019", False)]
    assert (p.experience[1].roles[0].start.month, p.experience[1].roles[0].end.month) == (2, 6)
    assert [(e.school, e.degree, e.dates) for e in p.education] == [("INSA Lyon", "Diplôme d’ingénieur, Informatique", "2011 - 2016")]
    assert p.about == "Je recrute des développeuses et développeurs backend à Lyon."


def test_own_page_is_recognised_and_becomes_the_own_profile():
    r = parse("sdui_profile_own.html", "https://www.linkedin.com/in/sara-lindgren-dev/")
    assert r.profile.is_self is True and r.own_profile is r.profile
    assert r.profile.degree is None
    assert [(e.company, e.roles[0].dates) for e in r.profile.experience] == [
        ("Stripe", "Apr 2018 - Aug 2021"), ("Maple Systems", "Sep 2021 - Nov 2025")]
    assert r.profile.current_title is None and r.profile.current_company is None  # no ongoing role
    assert r.profile.location == "Toronto, Ontario, Canada"
    assert r.profile.headline == "Backend engineer looking for my next role"  # not the pronouns before it


def test_stale_url_loses_to_the_page_and_warns():
    r = parse("sdui_profile_2nd.html", "https://www.linkedin.com/in/someone-else/")
    assert r.profile.slug == "priya-raman-42"
    assert any("different profiles" in w for w in r.warnings)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_every_fixture_parses_without_warnings(name):
    r = parse(name)
    assert r.kind in ("profile", "thread") and r.warnings == []


def test_classic_third_degree_in_german():
    r = parse("classic_profile_3rd_de.html")
    p = r.profile
    assert r.warnings == [] and r.own_profile is None
    assert (p.slug, p.name, p.degree, p.pending_invite) == ("jonas-keller-koeln", "Jonas Keller", 3, False)
    assert (p.headline, p.location) == ("Teamleiter Backend bei Rheinwerk Logistik", "Köln, Nordrhein-Westfalen, Deutschland")
    assert (p.mutual_count, p.mutual_names) == (3, ["Anna Berg"])
    assert (p.current_title, p.current_company) == ("Teamleiter Backend", "Rheinwerk Logistik")
    assert roles(p) == [("Teamleiter Backend", "Rheinwerk Logistik", "Jan. 2020–Heute", True),
                        ("Softwareentwickler", "Rheinwerk Logistik", "März 2015 – Dez. 2019", False)]
    first, second = p.experience[0].roles
    assert (first.start.year, first.start.month, first.end) == (2020, 1, None)
    assert (second.start.month, second.end.year, second.end.month, second.location) == (3, 2019, 12, "Köln, Deutschland")
    assert [(e.school, e.degree, e.dates) for e in p.education] == [
        ("Universität zu Köln", "Bachelor of Science - BS, Informatik", "2010 – 2014")]
    assert p.about is None and p.posts is None


def test_classic_degree_falls_back_to_embedded_relationship():
    html = (FIXTURES / "classic_profile_3rd_de.html").read_text().replace(
        '<span class="dist-value" aria-hidden="true">3.</span>', "")
    assert parse_snapshot(None, html).profile.degree == 3
