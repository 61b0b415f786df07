"""What is due (companion.coach.due) at the day boundaries, the coach agreeing with it, replies
noticed from a thread page through the real WebSocket, and `tactful history --due --json` on a real
database file. Every clock is set by the test."""

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import due, keep_updated_advice, state_of
from companion.coach.engine import CoachContext, run_rules
from companion.coach.outreach_view import RecipientLog, SentItem, to_ms
from companion.coach.rules import followup, keep_updated
from companion.store import LogDB

NOW = datetime(2026, 3, 20, 15, 0, tzinfo=timezone.utc)
DAY = 86_400_000
FIXTURE = Path(__file__).parent / "fixtures" / "linkedin" / "overlay_thread_reply.html"


def rec(*sent_days_ago, replies_days_ago=(), state="asked", state_days_ago=None) -> RecipientLog:
    now = to_ms(NOW)
    sent = tuple(SentItem(i, now - int(d * DAY), "message", i > 0) for i, d in enumerate(sent_days_ago))
    return RecipientLog(1, "ana", name="Ana Lopez", company="Stripe", state=state,
                        state_at_ms=None if state_days_ago is None else now - int(state_days_ago * DAY),
                        sent=sent, replies=tuple(now - int(d * DAY) for d in replies_days_ago))


class View:
    def __init__(self, r):
        self.r = r

    def recipient(self, slug):
        return self.r if slug == self.r.slug else None

    def mass_check(self, *a, **k):
        return None


def coach_codes(r: RecipientLog) -> set[str]:
    ctx = CoachContext(now=NOW, outreach=View(r), recipient_slug="ana", surface="message")
    return {f.code for f in run_rules([*followup.RULES, *keep_updated.RULES], AnalysedDraft("Hi Ana, a quick note."), ctx)}


@pytest.mark.parametrize("days, kind, due_now, late, code", [
    (6, "follow_up", False, False, "followup.too-soon"),
    (7, "follow_up", True, False, "followup.ok"),
    (14, "follow_up", True, True, "followup.ok"),
    (15, "follow_up", True, True, "followup.ok"),
])
def test_one_unanswered_message_at_the_day_boundaries(days, kind, due_now, late, code):
    r = rec(days)
    item = due(r, to_ms(NOW))
    assert (item.kind, item.is_due(to_ms(NOW)), item.late) == (kind, due_now, late)
    assert item.since_ms == to_ms(NOW) - days * DAY + 7 * DAY
    # The panel says the same thing the reminder does.
    assert {c for c in coach_codes(r) if c.startswith("followup.")} == {code}


def test_just_under_seven_days_is_still_too_soon():
    item = due(rec(7 - 1 / 24), to_ms(NOW))
    assert item.kind == "follow_up" and not item.is_due(to_ms(NOW))


@pytest.mark.parametrize("sent, kind, due_now, code", [
    # One unanswered follow-up: a second (and last) one is allowed after its own week.
    ((20, 6), "follow_up", False, "followup.too-soon"),
    ((20, 7), "follow_up", True, "followup.ok"),
    # Two unanswered follow-ups: stop (warned at once, reminded once the last one had its week).
    ((30, 20, 6), "stop", False, "followup.stop"),
    ((30, 20, 7), "stop", True, "followup.stop"),
    ((40, 30, 20, 7), "stop", True, "followup.stop"),
])
def test_one_follow_up_allows_a_second_and_two_mean_stop(sent, kind, due_now, code):
    r = rec(*sent)
    item = due(r, to_ms(NOW))
    assert (item.kind, item.unanswered, item.is_due(to_ms(NOW))) == (kind, len(sent), due_now)
    assert item.since_ms == to_ms(NOW) - sent[-1] * DAY + 7 * DAY
    assert {c for c in coach_codes(r) if c.startswith("followup.")} == {code}


def test_the_second_follow_up_is_named_as_the_last():
    ctx = CoachContext(now=NOW, outreach=View(rec(20, 7)), recipient_slug="ana", surface="message")
    [ok] = [f for f in run_rules(followup.RULES, AnalysedDraft("Hi Ana."), ctx) if f.code == "followup.ok"]
    assert "second follow-up: make it the last" in ok.message


def test_a_reply_stops_the_clock_and_shows_as_replied_until_the_user_says_what_it_meant():
    r = rec(20, 8, replies_days_ago=(3,))
    item = due(r, to_ms(NOW))  # their answer waits for the user's: the follow-up clock stopped
    assert (item.kind, item.since_ms) == ("answer", to_ms(NOW) - 3 * DAY) and state_of(r) == "replied"
    assert not {c for c in coach_codes(r) if c.startswith("followup.")}
    # Writing again after their reply restarts the clock from that message.
    again = rec(20, 2, replies_days_ago=(3,))
    assert state_of(again) == "asked" and due(again, to_ms(NOW)).kind == "follow_up"
    for state in ("declined", "hired", "closed"):
        assert due(rec(30, state=state, state_days_ago=10), to_ms(NOW)) is None


@pytest.mark.parametrize("state, kind", [("agreed", "thank"), ("referred", "update")])
def test_agreed_or_referred_wants_thanks_or_an_update_until_the_user_writes(state, kind):
    r = rec(30, replies_days_ago=(20,), state=state, state_days_ago=10)
    item = due(r, to_ms(NOW))
    assert (item.kind, item.since_ms) == (kind, to_ms(NOW) - 10 * DAY) and item.is_due(to_ms(NOW))
    assert "referral.keep-updated" in coach_codes(r)
    written = rec(30, 9, replies_days_ago=(20,), state=state, state_days_ago=10)
    assert due(written, to_ms(NOW)) is None and "referral.keep-updated" not in coach_codes(written)


@pytest.mark.asyncio
async def test_a_reply_on_a_thread_page_marks_the_ask_replied(companion_server, ws_client):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_outreach_ws import Client

    companion_server.services.clock = lambda: datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    client = Client(await ws_client())
    await client.sent("ravi-menon", datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), name="Ravi Menon",
                      company="Lumen Freight")
    [before] = (await client.ok("outreach.list"))["entries"]
    assert before["state"] == "asked" and before["due"] == {
        "kind": "follow_up", "since": "2026-03-09T09:00:00Z", "due_now": True, "late": False}
    page = await client.ok("page", url="https://www.linkedin.com/feed/", html=FIXTURE.read_text(),
                           captured_at="2026-03-10T12:00:00Z")
    assert page["kind"] == "thread"
    [after] = (await client.ok("outreach.list"))["entries"]
    assert after["state"] == "replied" and after["replied_at"] == "2026-03-05T18:30:00Z"
    # The follow-up clock stopped: their reply waits for an answer.
    assert after["due"] == {"kind": "answer", "since": "2026-03-05T18:30:00Z", "due_now": True, "late": False}
    # The user says what the reply meant; now a thank-you is due.
    updated = (await client.ok("outreach.update", slug="ravi-menon", state="agreed"))["entry"]
    assert updated["state"] == "agreed" and updated["due"]["kind"] == "thank" and updated["due"]["due_now"]
    bad = await client.call("outreach.update", slug="ravi-menon", state="replied")
    assert not bad["success"]  # replied is what the page showed, not something to set


def test_history_due_json_lists_what_is_due_oldest_first(tmp_path):
    now = int(time.time() * 1000)  # the CLI reads the real clock: keep every time half a day off a boundary
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    text = "Hi {}, would you be open to referring me for the platform role at {}?"
    db.record_sent("ana-lopez", "message", text.format("Ana", "Stripe"), now - int(8.5 * DAY), now,
                   url="https://www.linkedin.com/in/ana-lopez/", name="Ana Lopez", company="Stripe")
    db.record_sent("bo-chen", "message", text.format("Bo", "Figma"), now - int(40.5 * DAY), now, name="Bo Chen")
    db.record_sent("bo-chen", "follow_up", "Hi Bo, bumping this in case it got buried.", now - int(30.5 * DAY), now)
    db.record_sent("bo-chen", "follow_up", "Hi Bo, one last note on this.", now - int(20.5 * DAY), now)
    db.record_sent("cy-park", "message", text.format("Cy", "Kite"), now - int(3.5 * DAY), now, name="Cy Park",
                   role="Staff Engineer")
    db.record_sent("di-ng", "message", text.format("Di", "Loom"), now - int(12.5 * DAY), now, name="Di Ng")
    db.record_replies("di-ng", [now - int(10.5 * DAY)])
    db.update("di-ng", now - int(2.5 * DAY), state="referred")
    db.record_sent("ed-roy", "message", text.format("Ed", "Vox"), now - int(9.5 * DAY), now, name="Ed Roy")
    db.record_replies("ed-roy", [now - int(0.5 * DAY)])
    db.close()
    run = subprocess.run([sys.executable, "-m", "companion", "history", "--due", "--json", "--data-dir", str(folder)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    # Bo's two follow-ups went unanswered (stop, since 13.5 days ago), Ana's note is 8.5 days old
    # (follow up, since 1.5 days ago), Di referred Ana 2.5 days ago, Ed replied half a day ago (answer him);
    # Cy is too soon.
    assert [(i["slug"], i["kind"]) for i in items] == [("bo-chen", "stop"), ("di-ng", "update"),
                                                       ("ana-lopez", "follow_up"), ("ed-roy", "answer")]
    assert items[2]["url"] == "https://www.linkedin.com/in/ana-lopez/" and items[2]["name"] == "Ana Lopez"
    assert items[1]["url"] == "https://www.linkedin.com/in/di-ng/"  # built from the slug when none was stored
    since = [datetime.fromisoformat(i["since"].replace("Z", "+00:00")) for i in items]
    assert since == sorted(since)
    assert abs(to_ms(since[2]) - (now - int(1.5 * DAY))) < 1000
    plain = subprocess.run([sys.executable, "-m", "companion", "history", "--due", "--data-dir", str(folder)],
                           capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert [l.split()[1:3] for l in plain[::2]] == [["let", "it"], ["update", "them"], ["follow", "up"],
                                                    ["answer", "them"]]
    assert "Ed Roy: replied on " in plain[6] and "record what they said" in plain[6]
    assert "Ana Lopez at Stripe: no reply since" in plain[4] and plain[5].strip() == items[2]["url"]
    table = subprocess.run([sys.executable, "-m", "companion", "history", "--data-dir", str(folder)],
                           capture_output=True, text=True, timeout=60)
    rows = {l.split()[0]: l for l in table.stdout.splitlines()[1:] if l.strip()}
    assert " replied " in rows["Ed"] and rows["Ed"].endswith("answer them")
    assert "follow up from " in rows["Cy"] and "Staff Engineer" in rows["Cy"] and "let it go" in rows["Bo"]


def test_the_history_table_agrees_with_due_on_a_message_too_old_for_a_reminder(tmp_path):
    """From COLD_DAYS (60) on, neither the table's NEXT STEP nor --due offers a reminder."""
    now = int(time.time() * 1000)  # the CLI reads the real clock: half a day off every boundary
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    for slug, name, days in (("jonas-keller", "Jonas Keller", 81), ("kim-ro", "Kim Ro", 59.5),
                             ("ana-lopez", "Ana Lopez", 8.5)):
        db.record_sent(slug, "message", f"Hi {name}, would you be open to referring me for the data role?",
                       now - int(days * DAY), now, name=name)
    db.close()

    def history(*args):
        run = subprocess.run([sys.executable, "-m", "companion", "history", *args, "--data-dir", str(folder)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        return run.stdout.splitlines()

    rows = {l.split()[0]: l for l in history()[1:] if l.strip()}
    assert rows["Jonas"].endswith("  too late for a reminder; write afresh or let it go")
    assert rows["Kim"].endswith("  follow up") and rows["Ana"].endswith("  follow up")
    due_lines = {l.split()[3]: l for l in history("--due")[::2]}
    assert "  write afresh  " in due_lines["Jonas"] and "warm reminder" not in due_lines["Jonas"]
    assert due_lines["Jonas"].endswith("over two months ago: too late for a reminder; write afresh or let it go")
    assert "too late" not in due_lines["Kim"] and "too late" not in due_lines["Ana"]


@pytest.mark.asyncio
async def test_a_pop_up_that_links_a_member_id_is_matched_to_the_profile_the_tab_showed(companion_server,
                                                                                      ws_client):
    """LinkedIn's pop-up links /in/ACoA… member ids, not slugs: the reply belongs to the profile the
    tab showed when the names agree, and to no one when they do not."""
    sys.path.insert(0, str(Path(__file__).parent))
    from test_outreach_ws import Client

    companion_server.services.clock = lambda: datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    client = Client(await ws_client())
    await client.sent("daniel-okoye", datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), name="Daniel Okoye")
    profile = (FIXTURE.parent / "classic_profile_1st.html").read_text()
    overlay = FIXTURE.read_text().replace("/in/ravi-menon/", "/in/ACoAAMadeUp0001RaviMenon/")
    stranger = overlay.replace("Ravi Menon", "Someone Else")
    for html, tab in ((profile, 1), (stranger, 1), (profile, 2), (overlay.replace("Ravi Menon", "Daniel Okoye"), 2)):
        await client.ok("page", url="https://www.linkedin.com/in/daniel-okoye/", html=html, tab=tab,
                        captured_at="2026-03-10T12:00:00Z")
        [entry] = (await client.ok("outreach.list"))["entries"]
        if html is stranger:
            assert entry["state"] == "asked" and entry["replies"] == []
    assert entry["state"] == "replied" and entry["replied_at"] == "2026-03-05T18:30:00Z"
    # A message sent from the tab that shows their profile stores their role for the table.
    later = await client.sent("daniel-okoye", datetime(2026, 3, 10, 11, 0, tzinfo=timezone.utc))
    assert later["entry"]["recipient"]["role"] == "Engineering Manager"
    assert later["entry"]["recipient"]["company"] == "Kite Payments" and later["entry"]["state"] == "asked"


def test_export_holds_what_due_items_are_computed_from_and_forget_removes_them(tmp_path):
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    db.record_sent("ed-roy", "message", "Hi Ed, would you refer me for the data role at Vox?", 1_772_442_000_000,
                   1_772_442_000_000, name="Ed Roy", role="Data Lead")
    db.record_replies("ed-roy", [1_772_735_400_000])
    db.update("ed-roy", 1_772_800_000_000, state="referred")
    db.close()

    def history(*args):
        r = subprocess.run([sys.executable, "-m", "companion", "history", *args, "--data-dir", str(folder)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return r.stdout

    [person] = json.loads(history("export", "-"))["recipients"]
    assert (person["role"], person["state"], person["state_changed_at"], person["replies"]) == (
        "Data Lead", "referred", "2026-03-06T12:26:40Z", ["2026-03-05T18:30:00Z"])
    assert [i["kind"] for i in json.loads(history("--due", "--json"))] == ["update"]
    history("forget", "--recipient", "ed-roy")
    assert json.loads(history("export", "-"))["recipients"] == []
    assert json.loads(history("--due", "--json")) == []


def test_after_a_job_is_taken_waiting_asks_are_not_chased_and_referrers_hear_of_it(tmp_path):
    """On a real database: Ana was asked 10 days ago (a follow-up is due), Ben referred the user 20
    days ago and was thanked, Cy replied to an ask. The user marks Dee hired: Ana is not chased any
    more, Ben is due an update from the day of the hire, Cy's reply still wants an answer. Writing to
    Ben settles his; unmarking the hire brings Ana's follow-up back."""
    now = to_ms(NOW)
    db = LogDB(tmp_path / "log.sqlite3")
    try:
        db.cache = db.load()  # as the server runs it: the cache the coach and the tray read, kept by each write
        db.record_sent("ana", "message", "Could you refer me for the Data Analyst role?", now - 10 * DAY, now)
        db.record_sent("ben", "message", "Could you refer me for the SRE role?", now - 25 * DAY, now)
        db.update("ben", now - 20 * DAY, state="referred")
        db.record_sent("ben", "message", "Thank you so much for the referral!", now - 19 * DAY, now)
        db.record_sent("cy", "message", "Could you refer me for the PM role?", now - 9 * DAY, now)
        db.record_replies("cy", [now - 8 * DAY])
        db.record_sent("dee", "message", "Could you refer me for the Analyst role?", now - 30 * DAY, now)
        view = db.cache
        assert due(view.recipient("ana"), now).kind == "follow_up"
        assert due(view.recipient("ben"), now) is None
        db.update("dee", now - 2 * DAY, state="hired")
        assert due(view.recipient("ana"), now) is None
        ben = due(view.recipient("ben"), now)
        assert (ben.kind, ben.since_ms) == ("update", now - 2 * DAY)
        assert keep_updated_advice(view.recipient("ben"), now).startswith("You took a job (2 days ago)")
        assert due(view.recipient("cy"), now).kind == "answer"
        assert due(view.recipient("dee"), now) is None
        db.record_sent("ben", "message", "I took a job at Acme, thank you again!", now - DAY, now)
        assert due(view.recipient("ben"), now) is None
        db.update("dee", now, state="asked")
        assert due(view.recipient("ana"), now).kind == "follow_up"
        assert due(db.load().recipient("ana"), now).kind == "follow_up"  # a fresh read agrees
    finally:
        db.close()
