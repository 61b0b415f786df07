"""Threads (send times from the urn and from the visible headings), composers, shadow roots, dates."""

import base64
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from companion.pages import parse_snapshot
from companion.pages.dates import (activity_ms, event_urn_ms, is_date_range, looks_like_degree_label, parse_date,
                                   parse_degree, parse_range)
from companion.pages.dom import Snapshot, matches

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"


def parse(name: str, url: str | None = None):
    return parse_snapshot(url, (FIXTURES / name).read_text(encoding="utf-8"))


def test_classic_messaging_page_thread_with_exact_send_times():
    r = parse("classic_messaging_thread.html", "https://www.linkedin.com/messaging/thread/2-ZmFrZQ==/")
    assert r.kind == "thread" and r.profile is None and r.warnings == []
    t = r.thread
    assert (t.participant.name, t.participant.slug) == ("Daniel Okoye", "daniel-okoye")
    assert t.participant.url == "https://www.linkedin.com/in/daniel-okoye/"
    assert [(m.sender, m.sent_at, m.sent_at_ms) for m in t.messages] == [
        ("me", "2026-01-01T10:00:00+00:00", 1767261600000),
        ("them", "2026-01-01T10:30:00+00:00", 1767263400000),
        ("me", "2026-01-02T10:00:00+00:00", 1767348000000),
    ]
    assert t.messages[0].text == "Hi Daniel, I saw the SRE opening at Kite Payments. Would you be open to a quick chat?"
    assert t.messages[1].text == "Sure, send me your CV and the job link."
    assert (r.composer.surface, r.composer.limit, r.composer.has_subject) == ("message", None, False)


def test_the_conversation_card_gives_the_participant_a_headline_and_a_company_said_with_at():
    html = (FIXTURES / "overlay_thread_reply.html").read_text(encoding="utf-8")
    part = parse_snapshot(None, html).thread.participant
    assert (part.name, part.headline, part.current_company) == (
        "Ravi Menon", "Engineering Manager – Lumen Freight", None)  # a dash may join anything: no company
    at = html.replace("Engineering Manager – Lumen", "Engineering Manager at Lumen")
    part = parse_snapshot(None, at).thread.participant
    assert part.current_company == "Lumen Freight"
    no_card = html.replace("artdeco-entity-lockup__subtitle", "something-else")
    assert parse_snapshot(None, no_card).thread.participant.headline is None


def test_overlay_in_shadow_root_falls_back_to_visible_headings_and_names():
    r = parse("sdui_profile_message_overlay.html", "https://www.linkedin.com/in/lena-fischer-ux/")
    assert r.kind == "profile" and r.profile.degree == 1
    t = r.thread  # the open bubble, not the minimized one
    assert t.participant.name == "Lena Fischer"
    assert t.participant.slug == "lena-fischer-ux"  # linked to the profile behind the pop-up
    assert [(m.sender, m.text, m.sent_at, m.sent_at_ms) for m in t.messages] == [
        ("them", "Great meeting you at the meetup!", "2025-12-29T16:05", None),
        ("them", "Let me know if you ever want to talk research ops.", "2025-12-29T16:05", None),  # carried forward
        ("me", "Likewise! Happy new year.", "2026-01-03T09:15", None),
    ]
    assert r.composer.surface == "message"



def with_paragraph_messages() -> str:
    """The messaging page with the messages of thread_paragraph_messages.html after its own."""
    html = (FIXTURES / "classic_messaging_thread.html").read_text(encoding="utf-8")
    end = html.index("</ul></div></div>")
    return html[:end] + (FIXTURES / "thread_paragraph_messages.html").read_text(encoding="utf-8") + html[end:]


PARAGRAPH_TEXTS = [  # each message whole, paragraphs in order, as one line like a <br> or a newline gives
    ("me", "Hi Daniel, The referral form asks for a short note. Could I send you a draft?"),
    ("them", "Hi Sara, sure. Keep it to three sentences, please."),
    ("them", "Also, which team is the role in? Thanks, Daniel"),
    ("me", "Here is the draft. It's the payments reliability team."),
]


def test_a_message_of_several_paragraphs_is_read_whole_without_what_surrounds_it():
    r = parse_snapshot("https://www.linkedin.com/messaging/thread/2-ZmFrZQ==/", with_paragraph_messages())
    t = r.thread
    assert (t.participant.slug, len(t.messages), r.warnings) == ("daniel-okoye", 7, [])
    # Nothing else: no sender name, time, reaction, attachment or "Seen" receipt.
    assert [(m.sender, m.text) for m in t.messages[3:]] == PARAGRAPH_TEXTS
    assert [m.sent_at for m in t.messages[3:]] == [
        "2026-01-03T09:00:00+00:00", "2026-01-03T09:40:00+00:00", "2026-01-03T09:41:00+00:00",
        "2026-01-03T10:05:00+00:00"]


RAVI_TEXT = "Happy to take a look. Send me your CV and the job link."
RAVI_BODY = f'<p class="msg-s-event-listitem__body t-14 t-black--light t-normal">{RAVI_TEXT}</p>'
FIRST, SECOND = "<p>Happy to take a look.</p>", "<p>Send me your CV and the job link.</p>"


@pytest.mark.parametrize("body", [
    "\n".join(p.replace("<p>", '<p class="msg-s-event-listitem__body">') for p in (FIRST, SECOND)),
    f'<p class="msg-s-event-listitem__body">{FIRST}<p><br></p>{SECOND}</p>',
])
@pytest.mark.parametrize("content_div", [True, False])
def test_a_pop_up_message_of_several_paragraphs_reads_as_the_same_text_in_one(body, content_div):
    html = (FIXTURES / "overlay_thread_reply.html").read_text(encoding="utf-8")
    assert RAVI_BODY in html
    html = html.replace(RAVI_BODY, body)
    if not content_div:
        html = html.replace('class="msg-s-event__content"', 'class="x"')
    assert [(m.sender, m.text) for m in parse_snapshot(None, html).thread.messages] == [
        ("me", "Hi Ravi, I saw the data platform opening at Lumen Freight. Would you be open to referring me?"),
        ("them", RAVI_TEXT),
    ]


def test_reading_paragraphs_is_bounded():
    def text(paragraphs: str) -> str:
        html = ('<main><ul><li class="msg-s-message-list__event"><div class="msg-s-event-listitem" data-event-urn="x">'
                f'<p class="msg-s-event-listitem__body">First.</p>{paragraphs}</div></li></ul></main>')
        return parse_snapshot(None, html).thread.messages[0].text
    assert len(text("<p>Lorem ipsum dolor sit amet.</p>" * 300)) == 4000  # TEXT_LIMIT
    assert text("<p></p>" * 300 + "<p>Too far.</p>") == "First."  # a long run of empty ones is not walked through


EMPTY_POPUP = "classic_profile_empty_popup_minimized_chat.html"
MAREN_URL = "https://www.linkedin.com/in/maren-solberg-data/"


def test_an_open_empty_pop_up_is_the_conversation_not_a_minimized_chat_with_someone_else():
    r = parse(EMPTY_POPUP, MAREN_URL)
    t = r.thread  # they never wrote to each other: her conversation, with nothing in it
    assert (t.participant.name, t.participant.slug, t.messages) == ("Maren Solberg", "maren-solberg-data", [])
    assert r.kind == "profile" and r.composer.surface == "message" and r.warnings == []
    html = (FIXTURES / EMPTY_POPUP).read_text(encoding="utf-8")
    start = html.rindex("<div", 0, html.index("--is-active"))  # the open pop-up, taken out
    collapsed_only = html[:start] + html[html.index("</aside>"):]
    assert parse_snapshot(MAREN_URL, collapsed_only).thread is None  # collapsed, and with someone else
    t = parse_snapshot(MAREN_URL, collapsed_only.replace("Theo Marchetti", "Maren Solberg")).thread
    assert t.participant.slug == "maren-solberg-data" and [m.sender for m in t.messages] == ["them", "me"]
    # A "New message" pop-up whose recipient is not chosen yet is the one typed in, and no one's conversation.
    new = html.replace('<a href="/in/ACoAAMadeUp0021MarenS/"><span>Maren Solberg</span></a>', "New message")
    new = re.sub(r'<a class="profile-card[^>]*>Maren Solberg</a>', "", new)
    assert parse_snapshot(MAREN_URL, new).thread is None


def test_on_the_messaging_page_the_thread_in_main_is_the_conversation():
    html = (FIXTURES / "classic_messaging_thread.html").read_text(encoding="utf-8")
    bubble = ('<aside class="msg-overlay-container"><div class="msg-overlay-conversation-bubble" role="dialog">'
              '<header class="msg-overlay-bubble-header"><h2><a href="/in/theo-marchetti/">Theo Marchetti</a></h2></header>'
              '<ul><li class="msg-s-message-list__event"><div class="msg-s-event-listitem" data-event-urn="x">'
              '<p class="msg-s-event-listitem__body">See you Tuesday.</p></div></li></ul></div></aside>')
    html = html.replace('<body class="ember-application">', '<body class="ember-application">' + bubble)
    t = parse_snapshot("https://www.linkedin.com/messaging/thread/2-ZmFrZQ==/", html).thread
    assert t.participant.slug == "daniel-okoye" and len(t.messages) == 3


def test_invite_dialog_inside_serialized_shadow_root():
    r = parse("sdui_profile_3rd_invite_dialog.html")
    assert (r.composer.surface, r.composer.limit, r.composer.has_subject) == ("connection_note", 200, False)


def test_invite_dialog_limit_from_counter_when_no_maxlength():
    html = (FIXTURES / "sdui_profile_3rd_invite_dialog.html").read_text().replace(' maxlength="200"', "").replace("0/200", "0/300")
    assert parse_snapshot(None, html).composer.limit == 300


def test_shadow_root_content_is_invisible_without_the_template_support():
    html = (FIXTURES / "sdui_profile_3rd_invite_dialog.html").read_text()
    snap = Snapshot(html)
    assert snap.tree.css_first("textarea") is None  # the light DOM alone does not show it
    assert snap.css_first("textarea[name=message]") is not None
    closed = html.replace('shadowrootmode="open"', 'shadowrootmode="closed"')
    assert parse_snapshot(None, closed).composer is None  # only open roots are serialized by the browser


def test_inmail_composer_with_subject_and_counter():
    r = parse("sdui_profile_inmail_composer.html")
    assert (r.composer.surface, r.composer.limit, r.composer.has_subject) == ("inmail", 1900, True)
    assert r.profile.degree == 2 and r.thread.messages == []  # a new conversation: nothing written yet
    assert r.thread.participant.slug == "grace-chen-pm"


def test_nested_shadow_roots_are_searched():
    html = ('<div id="interop-outlet"><template shadowrootmode="open"><div><template shadowrootmode="open">'
            '<div role="dialog"><textarea name="message" maxlength="300"></textarea></div></template></div></template></div>')
    assert parse_snapshot(None, html).composer.limit == 300


@pytest.mark.parametrize("text,start,end,ongoing", [
    ("Jul 2025 - Aug 2025 · 2 mos", (2025, 7), (2025, 8), False),
    ("Feb 2019 - Present · 5 yrs 7 mos", (2019, 2), None, True),
    ("juil. 2019 - aujourd’hui · 5 ans", (2019, 7), None, True),
    ("ene. de 2020 - actualidad", (2020, 1), None, True),
    ("März 2021 – Heute · 3 J. 2 Mon.", (2021, 3), None, True),
    ("2025年7月 - 現在", (2025, 7), None, True),
    ("2016 – 2020", (2016, None), (2020, None), False),
    ("2016-2020", (2016, None), (2020, None), False),
    ("2020", (2020, None), (2020, None), False),
])
def test_date_ranges_in_several_languages(text, start, end, ongoing):
    assert is_date_range(text)
    _, s, e, cur = parse_range(text)
    assert (s.year, s.month) == start
    assert ((e.year, e.month) if e else None) == end
    assert cur is ongoing


@pytest.mark.parametrize("text", ["Intern 2019", "Full-time · 3 yrs 3 mos", "Paris, Île-de-France, France · On-site",
                                  "Stripe", "", "Class of 2020 honours"])
def test_non_dates_are_not_date_ranges(text):
    assert not is_date_range(text)


def test_degree_labels_and_numbers():
    assert [parse_degree(x) for x in ("· 1st", "· 2e", "3rd+", "· 1er", "2º", "· 2.")] == [1, 2, 3, 1, 2, 2]
    assert parse_degree("500+ connections and more") is None
    assert looks_like_degree_label("· 3rd+") and not looks_like_degree_label("Python Accelerator · 2 things")
    assert parse_date("07/2025").month == 7 and parse_date("no year") is None


def test_event_urn_decoding_and_activity_ids():
    token = base64.b64encode(b"1778979564076b69974-100&x").decode()
    assert event_urn_ms(f"urn:li:msg_message:(urn:li:fsd_profile:ACoA,2-{token})") == 1778979564076
    assert event_urn_ms("urn:li:msg_message:(x,2-bm90LWEtdGltZXN0YW1w)") is None  # "not-a-timestamp"
    assert event_urn_ms(None) is None and event_urn_ms("garbage") is None
    ms = activity_ms("7408113942528000000")
    assert datetime.fromtimestamp(ms / 1000, timezone.utc) == datetime(2025, 12, 20, 12, tzinfo=timezone.utc)
    assert activity_ms("12") is None and activity_ms(None) is None


def test_selector_matcher_tests_the_element_itself():
    node = Snapshot('<div id="a" class="x y" data-k="abc"><span role="button">b</span></div>').tree.css_first("#a")
    assert matches(node, 'div.y[data-k^="ab"]') and matches(node, "p, #a")
    assert not matches(node, '[role="button"]')  # a descendant matching does not count


def test_visible_day_headings_and_clock_times():
    from companion.pages.dates import parse_clock, parse_day_heading

    now = datetime(2026, 3, 1)
    assert parse_day_heading("Aug 3", now) == datetime(2025, 8, 3)  # no year, after "now": last year
    assert parse_day_heading("Feb 3", now) == datetime(2026, 2, 3)
    assert parse_day_heading("3. Jan. 2026", now) == datetime(2026, 1, 3)
    assert parse_day_heading("29 déc. 2025", now) == datetime(2025, 12, 29)
    assert parse_day_heading("TODAY", now) is None and parse_day_heading("viernes", now) is None
    assert [parse_clock(x) for x in ("4:05 PM", "12:10 AM", "16:05", "9.15", "14h30", "noon")] == [
        (16, 5), (0, 10), (16, 5), (9, 15), (14, 30), None]


def test_relative_day_headings_leave_the_time_unknown_with_a_warning():
    html = (FIXTURES / "sdui_profile_message_overlay.html").read_text().replace("Dec 29, 2025", "TODAY").replace(
        "Jan 3, 2026", "YESTERDAY")
    r = parse_snapshot(None, html)
    assert [m.sent_at for m in r.thread.messages] == [None, None, None]
    assert any("send time unknown for 3 message(s)" in w for w in r.warnings)


def test_profile_fields_behind_pop_ups():
    p = parse("sdui_profile_inmail_composer.html").profile
    assert (p.name, p.headline, p.location, p.degree, p.pending_invite) == (
        "Grace Chen", "Director of Product at Lumen Health", "San Francisco Bay Area", 2, False)
    assert p.mutual_count is None and p.experience is None and p.posts is None
    p = parse("sdui_profile_message_overlay.html").profile
    assert (p.name, p.headline, p.location, p.degree, p.pending_invite) == (
        "Lena Fischer", "UX Researcher at Quill Books", "Berlin, Germany", 1, False)


def test_headings_without_year_near_new_year_and_capture_time():
    from companion.pages.dates import parse_day_heading

    assert parse_day_heading("Dec 29", datetime(2026, 1, 3)) == datetime(2025, 12, 29)
    assert parse_day_heading("Jan 2", datetime(2026, 1, 3)) == datetime(2026, 1, 2)
    html = (FIXTURES / "sdui_profile_message_overlay.html").read_text().replace("Dec 29, 2025", "Dec 29").replace(
        "Jan 3, 2026", "Jan 3")
    r = parse_snapshot(None, html, captured_at=datetime(2026, 1, 5, 8, 0))
    assert [m.sent_at for m in r.thread.messages] == ["2025-12-29T16:05", "2025-12-29T16:05", "2026-01-03T09:15"]
