"""Property-based fuzzing (hypothesis) of the coach itself: whatever the draft, the page, the thread
and the outreach log hold (blank names, half-filled profiles, odd dates, texts in pieces), analyze()
returns feedback and never raises. The protocol fuzz (test_resilience_fuzz.py) only sees that a
crash becomes an internal_error reply; this one sees the crash. It found a blank recipient name
(`tactful check --recipient " "`) taking the first word of nothing."""

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol.page import Composer, DateParts, Education, Experience, Post, Profile, Role, Thread, ThreadMessage

from companion.coach import CoachContext, analyze
from companion.coach.outreach_view import to_ms
from companion.store import LogDB
from companion.store.logdb import NotFound

NOW = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
SURFACES = st.sampled_from(["connection_note", "message", "inmail", "follow_up"])
BLANKS = ["", " ", "\n", "\t", "\u200b", "\u00a0"]
NAMES = st.one_of(st.sampled_from([*BLANKS, "Ana", "  Ana  ", "Dr.", "Ana Lopez", "O'Neil", "李", "-", "(Sam)",
                                   "Sam Lee, PhD", "🙂"]), st.text(max_size=12))
OPT = st.one_of(st.none(), NAMES)
# Pieces of real requests, so the rules get past their first test, joined with and without spaces.
PIECES = ["Hi", "Dear", "Sam", "Ana", ",", ".", "!", "?", "\n", "refer me", "Could you refer me", "for the",
          "Data Analyst role", "at", "Stripe", "ASAP", "[Name]", "{company}", "thank you", "no worries if not",
          "https://jobs.lever.co/acme/123", "job ID 4821", "my resume", "I have 5 years", "please", "urgent",
          "following up", "Subject:", "—", "'", '"', "…", "🙂", "Hola", "gracias", "I", "you", "your", "team",
          "\u200b", "Respected Sir", "Dear Sir/Madam", "quick question:", "pick your brain", "\t", "@Stripe"]
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
                 st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=200))
ISO = st.one_of(st.none(), st.sampled_from(["", "garbage", "2026-01-01T00:00:00Z", "2026-13-01",
                                            "2026-12-01T10:00:00.000+05:30"]))
DATES = st.one_of(st.none(), st.builds(DateParts, year=st.integers(1900, 2100),
                                       month=st.one_of(st.none(), st.integers(1, 12))))
EXPERIENCE = st.builds(Experience, company=OPT, company_url=OPT, roles=st.lists(
    st.builds(Role, title=OPT, dates=OPT, start=DATES, end=DATES, current=st.booleans(), location=OPT), max_size=3))
PROFILE = st.builds(
    Profile, url=OPT, slug=OPT, name=OPT, headline=OPT, location=OPT, degree=st.one_of(st.none(), st.integers(0, 4)),
    pending_invite=st.one_of(st.none(), st.booleans()), mutual_count=st.one_of(st.none(), st.integers(-1, 500)),
    mutual_names=st.one_of(st.none(), st.lists(NAMES, max_size=3)), current_title=OPT, current_company=OPT,
    about=OPT, experience=st.one_of(st.none(), st.lists(EXPERIENCE, max_size=3)),
    education=st.one_of(st.none(), st.lists(st.builds(Education, school=OPT, degree=OPT, start=DATES, end=DATES),
                                            max_size=2)),
    posts=st.one_of(st.none(), st.lists(st.builds(Post, text=OPT, url=OPT, posted_at=ISO, reposted=st.booleans()),
                                        max_size=3)),
    is_self=st.booleans())
THREAD = st.builds(Thread, participant=st.one_of(st.none(), PROFILE), messages=st.lists(st.builds(
    ThreadMessage, sender=st.sampled_from(["me", "them"]), text=TEXT, sent_at=ISO,
    sent_at_ms=st.one_of(st.none(), st.integers(-10**13, 4 * 10**12))), max_size=5))
QUICK = settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@QUICK
@given(text=TEXT, surface=SURFACES, limit=st.one_of(st.none(), st.sampled_from([0, 1, 10, 200, 300, 1900, 8000])),
       subject=OPT, profile=st.one_of(st.none(), PROFILE), own=st.one_of(st.none(), PROFILE),
       thread=st.one_of(st.none(), THREAD), slug=OPT, name=OPT, company=OPT,
       composer=st.one_of(st.none(), st.builds(Composer, limit=st.one_of(st.none(), st.integers(0, 9000)),
                                               has_subject=st.booleans())),
       caret=st.one_of(st.none(), st.integers(0, 300)),  # the protocol refuses a negative caret
       captured=st.sampled_from([None, NOW - timedelta(days=3), NOW + timedelta(days=3)]))
def test_any_page_and_draft_get_feedback(text, surface, limit, subject, profile, own, thread, slug, name, company,
                                         composer, caret, captured):
    ctx = CoachContext(surface=surface, limit=limit, subject=subject, profile=profile, own_profile=own,
                       thread=thread, composer=composer, recipient_slug=slug, recipient_name=name, company=company,
                       now=NOW, captured_at=captured, caret=caret)
    feedback = analyze(text, ctx)
    if not text.strip():
        assert feedback.score is None and not feedback.findings
    length = len(text.encode("utf-16-le")) // 2
    assert all(f.range.start <= f.range.end <= length for f in feedback.findings if f.range)


SENDS = st.lists(st.tuples(st.sampled_from(["ana", "bob", "x"]), SURFACES, TEXT, st.integers(-400, 30), OPT, OPT),
                 max_size=6)
STATES = st.sampled_from([None, "asked", "agreed", "declined", "referred", "hired", "closed"])


@settings(QUICK, max_examples=150)
@given(text=TEXT, surface=SURFACES, sends=SENDS, replies=st.lists(st.integers(-400, 5), max_size=3), state=STATES,
       slug=st.sampled_from([None, "ana", "bob"]), name=OPT, thread=st.one_of(st.none(), THREAD),
       profile=st.one_of(st.none(), PROFILE))
def test_any_outreach_log_gets_feedback(text, surface, sends, replies, state, slug, name, thread, profile):
    with tempfile.TemporaryDirectory() as d:
        db = LogDB.in_dir(Path(d))
        for who, sent_on, sent_text, days, sent_name, sent_company in sends:
            ms = to_ms(NOW + timedelta(days=days))
            db.record_sent(who, sent_on, sent_text, ms, ms, name=sent_name, company=sent_company)
        db.record_replies("ana", [to_ms(NOW + timedelta(days=r)) for r in replies])
        if state:
            try:
                db.update("ana", to_ms(NOW), state=state)
            except NotFound:  # nothing sent to Ana
                pass
        view = db.load()
        db.close()
    ctx = CoachContext(surface=surface, outreach=view, recipient_slug=slug, recipient_name=name, thread=thread,
                       profile=profile, now=NOW)
    analyze(text, ctx)
