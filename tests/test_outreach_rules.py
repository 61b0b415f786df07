"""The log-based rules on their own: the thread on the page and the log joined into one timeline,
and the cases where a rule must stay quiet. (The WebSocket tests drive the same rules end to end.)"""

from datetime import datetime, timedelta, timezone

import pytest

from protocol.page import DateParts, Education, Experience, Profile, Role, Thread, ThreadMessage

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import keep_updated_advice
from companion.coach.engine import CoachContext, run_rules
from companion.coach.rules import cold_ask, followup, keep_updated
from companion.store import LogDB
from companion.coach.outreach_view import to_ms

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=timezone.utc)
RULES = [*followup.RULES, *cold_ask.RULES, *keep_updated.RULES]


def at(days_ago: float) -> int:
    return to_ms(NOW - timedelta(days=days_ago))


def codes(text, view=None, **ctx):
    ctx.setdefault("surface", "message")
    context = CoachContext(outreach=view, now=NOW, **ctx)
    return {f.code: f for f in run_rules(RULES, AnalysedDraft(text), context)}


def all_codes(text, view, **ctx):
    """What the whole coach finds, for the rules outside this module's log-based ones."""
    from companion.coach import analyze

    return {f.code for f in analyze(text, CoachContext(surface="message", outreach=view, now=NOW, **ctx)).findings}


def thread(*msgs):
    return Thread(participant=Profile(slug="ana", name="Ana Lopez"),
                  messages=[ThreadMessage(sender=s, text="Would you be open to referring me?" if s == "me" else "Hi!",
                                          sent_at_ms=t) for s, t in msgs])


def make_view(tmp_path, *sends, replies=()):
    db = LogDB.in_dir(tmp_path)
    for slug, ms in sends:
        db.record_sent(slug, "message", "Hello there, a short note about a referral please.", ms, ms)
    for slug, ms in replies:
        db.record_replies(slug, [ms])
    view = db.load()
    db.close()
    return view


def test_thread_alone_drives_the_follow_up_clock():
    found = codes("Hi Ana, following up!", thread=thread(("me", at(2))), recipient_slug="ana")
    assert "followup.too-soon" in found and "2 days ago" in found["followup.too-soon"].message
    found = codes("Hi Ana, following up!", thread=thread(("me", at(8))), recipient_slug="ana")
    assert "followup.ok" in found and found["followup.ok"].suggestion.startswith('One to adapt: "Hi Ana,')


def test_days_ago_counts_calendar_days_where_the_user_is(monkeypatch):
    """Sent at 18:00 two days before noon today, under 48 hours ago, is "2 days ago", never "yesterday"."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        found = codes("Hi Ana, following up!", thread=thread(("me", at(1.75))), recipient_slug="ana")
        assert "2 days ago (8 May)" in found["followup.too-soon"].message
    finally:
        monkeypatch.undo()
        time.tzset()


def test_two_months_on_there_is_no_reminder_and_that_comes_first():
    from companion.coach import analyze

    old = thread(("me", at(81)))
    found = codes("Hi Ana!", thread=old, recipient_slug="ana")
    assert "followup.ok" not in found and "81 days" in found["followup.too-late"].message
    assert "followup.too-late" not in codes("Hi Ana!", thread=thread(("me", at(59))), recipient_slug="ana")
    # A hint, yet listed before the warnings about the draft: whether to write comes before how.
    fb = analyze("Hi Ana, could you refer me?", CoachContext(surface="message", thread=old, now=NOW,
                                                             recipient_slug="ana"))
    assert fb.findings[0].code == "followup.too-late" and fb.findings[1].severity == "warning"


def test_the_same_message_in_thread_and_log_counts_once(tmp_path):
    view = make_view(tmp_path, ("ana", at(8)))
    same = thread(("me", at(8) + 60_000))  # the thread shows it a minute later (minute precision)
    found = codes("Hi Ana!", view, thread=same, recipient_slug="ana")
    assert "followup.ok" in found and "followup.stop" not in found


def test_log_and_thread_together_count_follow_ups(tmp_path):
    # The original ask is only in the thread (sent before Tactful); two nudges are in the log.
    view = make_view(tmp_path, ("ana", at(20)), ("ana", at(10)))
    found = codes("Hi Ana!", view, thread=thread(("me", at(30))), recipient_slug="ana")
    stop = found["followup.stop"]
    assert "followed up twice" in stop.message and stop.data["unanswered"] == 3
    assert "followup.ok" not in found and "followup.too-soon" not in found


def test_the_follow_up_rules_name_the_company_the_coach_knows():
    # `tactful check --company` with no page: the stop and the reminder both name it.
    stop = codes("Hi Ana!", thread=thread(("me", at(30)), ("me", at(20)), ("me", at(10))), recipient_slug="ana",
                 company="Stripe")["followup.stop"]
    assert "someone else at Stripe" in stop.suggestion
    ok = codes("Hi Ana!", thread=thread(("me", at(8))), recipient_slug="ana", company="Stripe")["followup.ok"]
    assert "a referral at Stripe" in ok.suggestion
    asked = ThreadMessage(sender="me", text="Could I ask how you picked your team?", sent_at_ms=at(8))
    question = Thread(participant=Profile(slug="ana", name="Ana"), messages=[asked])
    ok = codes("Hi Ana!", thread=question, recipient_slug="ana", company="Stripe")["followup.ok"]
    assert "my note about Stripe back" in ok.suggestion and "referral" not in ok.suggestion


def test_a_reply_in_the_thread_ends_the_clock(tmp_path):
    view = make_view(tmp_path, ("ana", at(10)), ("ana", at(3)))
    found = codes("Hi Ana!", view, thread=thread(("them", at(2))), recipient_slug="ana")
    assert not any(c.startswith("followup.") for c in found)
    # And after their reply, a new unanswered message restarts it.
    view = make_view(tmp_path / "b", ("ana", at(10)), ("ana", at(1)), replies=[("ana", at(5))])
    assert "followup.too-soon" in codes("Hi Ana!", view, recipient_slug="ana")


def test_a_disabled_rule_stays_quiet():
    found = codes("Hi!", thread=thread(("me", at(2))), recipient_slug="ana",
                  disabled=frozenset({"followup.too-soon"}))
    assert "followup.too-soon" not in found


def test_cold_ask_needs_an_ask_and_no_history(tmp_path):
    view = make_view(tmp_path)
    ask = "Hi Ana, would you be able to refer me to the payments team?"
    assert "relationship.cold-ask" in codes(ask, view, recipient_slug="ana")
    assert "relationship.cold-ask" not in codes("Hi Ana, loved your talk on payments!", view, recipient_slug="ana")
    warm = "Hi Ana, it was great meeting you at PyCon. Would you be able to refer me?"
    assert "relationship.cold-ask" not in codes(warm, view, recipient_slug="ana")
    mine = Profile(slug="me", experience=[Experience(company="Shopify")], education=[Education(school="MIT")])
    theirs = Profile(slug="ana", name="Ana Lopez", education=[Education(school="MIT")])
    assert "relationship.cold-ask" not in codes(ask, view, profile=theirs, own_profile=mine)
    # An earlier exchange in the thread on the page is history too.
    assert "relationship.cold-ask" not in codes(ask, view, thread=thread(("them", at(40))), recipient_slug="ana")
    # Without knowing who it is for, the draft alone decides: an ask with no sign of an earlier exchange.
    assert "relationship.cold-ask" in codes(ask, view)
    assert "relationship.cold-ask" not in codes(warm, view)


def test_cold_ask_advice_reads_well_with_and_without_a_name(tmp_path):
    view = make_view(tmp_path)
    ask = "Hi, would you be able to refer me to the payments team?"
    unnamed = codes(ask, view)["relationship.cold-ask"]
    assert "drew you to their work" in unnamed.suggestion and "them's" not in unnamed.suggestion
    named = codes(ask, view, profile=Profile(slug="ana", name="Ana Lopez"))["relationship.cold-ask"]
    assert "drew you to Ana's work" in named.suggestion and "asks Ana to" in named.message


def test_keep_updated_from_the_log(tmp_path):
    db = LogDB.in_dir(tmp_path)
    db.record_sent("ana", "message", "Hi Ana, a note.", at(30), at(30), name="Ana Lopez", company="Stripe")
    db.update("ana", at(5), state="agreed")
    view = db.load()
    found = codes("Hi Ana, a question about the team.", view, recipient_slug="ana")
    hint = found["referral.keep-updated"]
    assert hint.severity == "hint" and "agreed to refer you on 5 May" in hint.message
    assert "Stripe" in hint.suggestion
    thanks = "Hi Ana, thank you so much for agreeing to refer me! My resume is attached. Thanks again!"
    assert "referral.keep-updated" not in codes(thanks, view, recipient_slug="ana")  # this is the thank-you
    # Someone who agreed to refer you knows where they work: no company card on a new ask (audit 68-26).
    assert "ask.company-missing" not in all_codes("Hi Ana, could you refer me for the Dublin team's new role too?",
                                                  view, recipient_slug="ana", company="Stripe")
    # So does someone who wrote back before, whatever the state; not someone who never answered.
    db.record_sent("bo", "message", "Hi Bo, a note.", at(60), at(60), name="Bo Lind", company="Stripe")
    db.record_sent("cy", "message", "Hi Cy, a note.", at(60), at(60), name="Cy Ng", company="Stripe")
    db.record_replies("bo", [at(58)])
    db.update("bo", at(30), state="closed")
    db.update("cy", at(30), state="closed")
    view = db.load()
    ask = "Hi, could you refer me for the new Data Analyst role?"
    assert "ask.company-missing" not in all_codes(ask, view, recipient_slug="bo", company="Stripe")
    assert "ask.company-missing" in all_codes(ask, view, recipient_slug="cy", company="Stripe")
    view = db.load()
    # An update promised is the update too (audit 67-23).
    promise = ("Hi Ana, my application came in through you, thank you for taking the time. "
               "I'll let you know as soon as I hear.")
    assert "referral.keep-updated" not in codes(promise, view, recipient_slug="ana")
    assert keep_updated_advice(view.recipient("ana"), to_ms(NOW)).startswith("Ana Lopez agreed to refer you 5 days ago")
    db.record_sent("ana", "message", "Thank you Ana!", at(1), at(1))
    view = db.load()
    assert "referral.keep-updated" not in codes("Hi Ana, a question.", view, recipient_slug="ana")
    assert keep_updated_advice(view.recipient("ana"), to_ms(NOW)) is None
    db.close()


def test_a_message_to_someone_whose_ask_is_unanswered_is_coached_as_a_follow_up(tmp_path):
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("ana", "message", "Hi Ana, could you refer me for the Analyst role at Acme?", at(1), at(1))
    db.record_sent("bo", "connection_note", "Hi Bo, I'd love to connect.", at(1), at(1))
    db.record_sent("cy", "message", "Hi Cy, could you refer me for the Analyst role at Acme?", at(3), at(3))
    db.record_replies("cy", [at(2)])
    view = db.load()
    db.close()
    nudge = "Hi Ana, just checking in on my message about the referral. Thanks!"

    def coached(slug):
        return analyze(nudge, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug=slug))

    fb = coached("ana")  # typed on her profile page, no thread shown: the log says the ask is open
    codes_ = {f.code for f in fb.findings}
    assert fb.surface == "follow_up" and "followup.too-soon" in codes_
    assert not codes_ & {"ask.role-missing", "personal.generic", "background.missing", "materials.missing"}
    # A connection note is no ask to follow up on by itself; a draft that says it follows one up makes it one.
    assert analyze("Hi Bo, could you refer me for the Analyst role at Acme? Thanks!",
                   CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="bo")).surface == "message"
    assert coached("bo").surface == "follow_up"
    assert coached("cy").surface == "message"  # they answered: this is a new message
    # Nobody in the log: the draft's own word makes it a follow-up (written from elsewhere, perhaps), but
    # the log has no times for it, so nothing says whether it is too soon; a first message stays one.
    dee = coached("dee")
    assert dee.surface == "follow_up" and not {f.code for f in dee.findings} & {"followup.too-soon", "followup.ok"}
    first = analyze("Hi Dee, could you refer me for the Analyst role at Acme? Thanks!",
                    CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="dee"))
    assert first.surface == "message"


def test_a_connection_note_is_answered_by_its_acceptance(tmp_path):
    """Note, accepted, then the real ask: the ask is no follow-up, and one nudge on it leaves one more."""
    from companion.coach import analyze
    from companion.coach.due import due

    db = LogDB.in_dir(tmp_path)
    db.record_sent("ana", "connection_note", "Hi Ana, I enjoyed your talk. I'd love to connect!", at(2), at(2))
    ask = "Thanks for connecting, Ana! Would you be open to referring me for the Analyst role at Acme? Thank you!"
    first = analyze(ask, CoachContext(surface="message", outreach=db.load(), now=NOW, recipient_slug="ana"))
    assert first.surface == "message"
    assert not {f.code for f in first.findings} & {"followup.too-soon", "followup.ok", "followup.stop"}
    assert db.record_sent("ana", "message", ask, at(30), at(30)).follow_up is False
    db.record_sent("bo", "connection_note", "Hi Bo, I'd love to connect!", at(41), at(41))
    db.record_sent("bo", "message", "Hi Bo, could you refer me for the Analyst role at Acme?", at(37), at(37))
    assert db.record_sent("bo", "message", "Hi Bo, bumping this. Thanks!", at(27), at(27)).follow_up is True
    view = db.load()
    db.close()
    nudge = analyze("Hi Bo, one last nudge on the Analyst role. No worries if not, thanks!",
                    CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="bo"))
    found = {f.code: f for f in nudge.findings}
    assert "followup.stop" not in found and "make it the last" in found["followup.ok"].message
    assert due(view.recipient("bo"), to_ms(NOW)).kind == "follow_up"  # `history --due` and the tray agree


def test_cold_ask_to_a_connection_does_not_call_them_a_stranger():
    ask = "Hi Ana, would you be open to referring me for the Analyst role at Acme?"
    connected = codes(ask, profile=Profile(slug="ana", name="Ana Lopez", degree=1))["relationship.cold-ask"]
    assert "a connection they have never talked to" in connected.message and "stranger" not in connected.message
    stranger = codes(ask, profile=Profile(slug="ana", name="Ana Lopez", degree=2))["relationship.cold-ask"]
    assert "a stranger" in stranger.message


def _said(*msgs) -> Thread:
    return Thread(participant=Profile(slug="lena", name="Lena Fischer"),
                  messages=[ThreadMessage(sender=who, text=text, sent_at_ms=at(days)) for who, text, days in msgs])


def test_a_thread_ending_with_a_pleasantry_leaves_nothing_to_follow_up():
    from companion.coach import analyze

    ask = "Hi Lena, I applied for the Junior UX Researcher role (job 3381). Would you be comfortable referring me?"
    chat = _said(("them", "Great meeting you at the meetup!", 12), ("me", "Likewise! Happy new year.", 10))
    assert analyze(ask, CoachContext(surface="message", thread=chat, now=NOW)).surface == "message"
    # A framework named in thanks ("the opportunity-tree tip") seeks no opportunity: nothing is owed.
    tip = _said(("them", "Let me know if you ever want to swap notes.", 12),
                ("me", "Likewise, and thanks for the opportunity-tree tip!", 10))
    fb = analyze(ask, CoachContext(surface="message", thread=tip, now=NOW))
    assert fb.surface == "message" and not {f.code for f in fb.findings} & {"followup.ok", "followup.too-soon"}
    asked = _said(("them", "Great meeting you at the meetup!", 12), ("me", "Could we chat about the team?", 10))
    assert analyze(ask, CoachContext(surface="message", thread=asked, now=NOW)).surface == "follow_up"
    thanks = "Hi Lena, thank you so much for the referral! I start on Monday."
    assert analyze(thanks, CoachContext(surface="message", thread=asked, now=NOW)).surface == "message"


def test_an_ask_unanswered_for_two_months_is_written_to_afresh(tmp_path):
    from companion.coach import analyze

    nudge = "Hi Ana, just checking in on my message about the referral. Thanks!"
    for days, surface in ((20, "follow_up"), (75, "message")):
        view = make_view(tmp_path / str(days), ("ana", at(days)))
        fb = analyze(nudge, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="ana"))
        [ok] = [f for f in fb.findings if f.code == ("followup.ok" if days == 20 else "followup.too-late")]
        assert fb.surface == surface and ("fresh message" in ok.message) == (days == 75)


def test_once_they_agreed_nothing_is_a_follow_up_or_a_cold_ask(tmp_path):
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    ask = "Hi Dana, could you refer me for the Backend Engineer role at Acme?"
    db.record_sent("dana", "message", ask, at(11), at(11))
    db.update("dana", at(1), state="agreed")
    view = db.load()
    db.close()
    waiting = _said(("them", "Great to meet you!", 12), ("me", "Would you be open to referring me?", 11))
    for text in ("Hi Dana, just bumping this in case it got buried. Any update on the referral?",
                 "Hi Dana, thank you again for agreeing to refer me! I submitted my application today."):
        fb = analyze(text, CoachContext(surface="message", outreach=view, thread=waiting, now=NOW,
                                        recipient_slug="dana"))
        codes_ = {f.code for f in fb.findings}
        assert fb.surface == "message" and not codes_ & {"followup.ok", "followup.stop", "followup.too-soon"}
        assert not codes_ & {"ask.role-missing", "relationship.cold-ask", "courtesy.out-missing", "materials.missing"}


def test_asking_how_a_promised_referral_stands_is_a_reminder_not_a_first_ask():
    """They agreed in the thread ("I'll submit it this week"); three weeks on the user asks how it stands. The
    ask, role, fit and resume are above: no card asks for them again, none asks to apologise for their wait."""
    from companion.coach import analyze

    agreed = _said(("me", "Hi Lena, could you refer me for the Junior UX Researcher role (job 3381)? I ran 40 "
                          "usability sessions at Hopscotch. Happy to send my CV. No worries if not!", 22),
                   ("them", "Sure, happy to. I'll submit it this week.", 21))
    first_ask = {"ask.role-missing", "ask.company-missing", "ask.vague", "background.missing", "materials.missing",
                 "personal.generic", "relationship.cold-ask", "length.too-short", "reply.late"}
    for text in ("Hi Lena, were you able to submit the referral yet? The posting closes Friday. Thanks!",
                 "Hi Lena, did you get a chance to put my name in? No worries if you've been busy. Thank you!",
                 "Hi Lena, any update on my referral? Thanks so much!"):
        fb = analyze(text, CoachContext(surface="message", thread=agreed, now=NOW, company="Hopscotch"))
        assert fb.surface == "follow_up" and not {f.code for f in fb.findings} & first_ask, text
    # With no page at all the draft's words say the same.
    bare = analyze("Hi Lena, were you able to submit the referral yet? Thanks!",
                   CoachContext(surface="message", now=NOW))
    assert bare.surface == "follow_up" and not {f.code for f in bare.findings} & first_ask
    asked_around = analyze("Hi Lena, just wanted to check if you got a chance to submit my referral for the UX "
                           "role (JR-5567)? Thanks so much!", CoachContext(surface="message", now=NOW))
    assert asked_around.surface == "follow_up" and not {f.code for f in asked_around.findings} & first_ask
    assert [(c.label, c.ok) for c in bare.checklist][0] == ("Says what it follows up on", True)
    # "were you able to" after "grateful" is the formal conditional of a first ask, not a status check.
    formal = analyze("Dear Dr. Adebayo, I would be most grateful were you able to refer my application for the Head "
                     "of Performance Management role (Ref: NPH-2026-031). Yours faithfully, Chukwuemeka",
                     CoachContext(surface="inmail", now=NOW))
    assert formal.surface == "inmail"
    # A reminder that does not say what it is about is told to; with a timeline nothing knows, the checklist
    # claims no wait.
    vague = analyze("Hi Lena, any news? Thanks!", CoachContext(surface="follow_up", now=NOW))
    assert "followup.no-context" in {f.code for f in vague.findings}
    assert [(c.label, c.ok) for c in vague.checklist][0] == ("Says what it follows up on", False)
    assert "timing" not in {c.id for c in vague.checklist}
    soon = analyze("Hi Lena, following up on my note from two days ago about the UX role. Thanks!",
                   CoachContext(surface="follow_up", now=NOW))
    assert ("timing", False) in {(c.id, c.ok) for c in soon.checklist}


def test_what_the_draft_says_of_the_conversation_after_the_ask():
    """Audit 18: a chase months late is warned, months count as messages, news of the search means they know
    you, and a re-sent message or their silence says a message went before."""
    from companion.coach import analyze

    def found(text, **ctx):
        return {f.code: f for f in analyze(text, CoachContext(surface="message", now=NOW, **ctx)).findings}

    chase = found("Hi Ravi, following up on my message from 11 months ago: did you have a chance to pass my CV "
                  "along for the SRE role? Thanks!")
    assert chase["followup.too-late"].severity == "warning"
    fresh = found("Hi Ravi, I wrote to you 11 months ago. Since then I have led the on-call rota at Acme; could you "
                  "refer me for the SRE role at Stripe? No worries if not. Thanks!")
    assert fresh["followup.too-late"].severity == "hint"  # it may be just that fresh message
    months = found("Dear Anil, I messaged you in September, October and November about the Audit Senior position. "
                   "Kindly consider referring me. Thanks")
    assert months["followup.stop"].severity == "error"
    news = found("Hi Jamal, I didn't get the Operations Supervisor job. Could you refer me to the Memphis hub team "
                 "instead? Thanks", company="FedEx")
    assert not set(news) & {"relationship.cold-ask", "personal.generic", "ask.company-missing", "background.missing"}
    for earlier in ("Hi Paolo, resending my message below in case it got lost! Could you refer me for the Pastry "
                    "Chef role? Thanks!",
                    "Hello Tunde, following up on the Logistics Coordinator role, I have not gotten any reply till "
                    "now. No worries if you can't help. Thank you."):
        assert analyze(earlier, CoachContext(surface="message", now=NOW)).surface == "follow_up", earlier
    assert "followup.pressure" in found("Hello Tunde, following up on the Logistics Coordinator role, I have not "
                                        "gotten any reply till now. No worries if you can't help. Thank you.")


def test_their_answer_on_the_page_decides_what_the_next_draft_is():
    """Audit 19: their yes above makes the next draft a reminder whose wait was theirs; their no makes a re-ask
    the must-fix; a yes that asked for the resume is still owed an answer."""
    from companion.coach import analyze

    ask = ("me", "Hi Kim, could you refer me for the Charge Nurse post (job 5521)? I have 6 years on a med-surg "
                 "unit. Happy to send my resume. No worries if not!", 24)

    def run(text, *theirs):
        fb = analyze(text, CoachContext(surface="message", thread=_said(ask, *theirs), now=NOW))
        return fb.surface, {f.code: f for f in fb.findings}

    yes = ("them", "Sure, I'll submit it this week!", 21)
    first_ask = {"ask.role-missing", "ask.company-missing", "ask.vague", "background.missing", "materials.missing",
                 "relationship.cold-ask", "reply.late", "courtesy.out-missing"}
    for text in ("Hi Kim, is the referral done? Thanks!", "Hi Ma'am Kim, good day po! Just want to ask if my referral "
                 "push through already? Thank you po", "Hi Kim, may I know the status of my referral? Thank you",
                 "Hi Kim, any news? Thanks!"):
        surface, found = run(text, yes)
        assert surface == "follow_up" and not set(found) & first_ask, (text, sorted(found))
    assert "followup.pressure" in run("Hi Kim, did you submit it or not? Thanks", yes)[1]
    asked = ("them", "Happy to refer you! Can you send me your resume and the job ID?", 21)
    assert "reply.late" in run("Here is my resume and the job ID 5521. Thanks!", asked)[1]  # the wait was the user's
    no = ("them", "Hi, thanks for thinking of me. Sorry, I can't refer people I haven't worked with.", 3)
    for again in ("Thanks for letting me know, Kim. Could you maybe make an exception just this once?",
                  "Thanks for letting me know. Would you be willing to refer me for the Charge Nurse post anyway?"):
        stop = run(again, no)[1]["followup.stop"]
        assert stop.severity == "error" and "can't refer people" in stop.message, again
    for theirs in ("I don't know your work, so I'm not comfortable referring you.",
                   "I'm moving teams next month, so I'm not the best person to refer you.",
                   # A policy, a doubt or help refused say no too (audits 67-08, 64-23).
                   "I only refer people I've worked with directly, so I won't be able to help with this one.",
                   "I only started here last month so I don't think a referral from me would carry much weight."):
        for again in ("I understand. Could you still refer me for the Charge Nurse post?",
                      "It's just a form. You can just submit it, I'll take it from there.",
                      "Come on Kim, it takes 2 minutes. Just put my name in."):
            found = run(again, ("them", theirs, 3))[1]
            assert "followup.stop" in found, (theirs, again)
    # A step first is no no: "I only refer people who have applied" (audit 48-16).
    assert "followup.stop" not in run("OK, I'll apply tonight. Could you then refer me tomorrow? Thanks!",
                                      ("them", "I only refer people who have already applied. Have you applied?", 3))[1]
    # A yes that says what a referral from them is worth is no no.
    assert "followup.stop" not in run("Thank you Kim! Could you refer me for the Charge Nurse post?",
                                      ("them", "A referral from me would carry real weight there, happy to!", 3))[1]
    assert run("Totally understand, thanks Kim! Would you be open to a short chat about the unit sometime?", no)[1] \
        .keys() <= {"courtesy.time-missing"}
    thanked = analyze("Hi Kim, thank you again for agreeing to refer me. Could you tell me who I will meet in the "
                      "interview, in general terms? Thanks!", CoachContext(surface="message", now=NOW))
    assert not {f.code for f in thanked.findings} & first_ask


def test_a_reply_in_a_conversation_is_not_judged_as_cold_outreach():
    from companion.coach import analyze

    asked = _said(("me", "Hi Ravi, could you refer me for the Data Platform Engineer role?", 3),
                  ("them", "Happy to take a look. Send me your CV and the job link.", 2))
    reply = "Thanks Ravi! Here's the posting: https://lumenfreight.com/careers/4412 and I've attached my CV."
    short = "Thanks Ravi! I've attached my CV."
    for text, as_first in ((reply, {"personal.generic"}), (short, {"personal.generic", "length.too-short"})):
        codes_ = {f.code for f in analyze(text, CoachContext(surface="message", thread=asked, now=NOW)).findings}
        assert not codes_ & {"personal.generic", "length.too-short"}
        # The same words with no thread, once the opening thanks (for what they wrote) is a greeting: a first message
        cold = text.replace("Thanks Ravi!", "Hi Ravi!")
        assert as_first <= {f.code for f in analyze(cold, CoachContext(surface="message", now=NOW)).findings}
        # and with the thanks, the draft itself says it answers them
        assert not {f.code for f in analyze(text, CoachContext(surface="message", now=NOW)).findings} & as_first


def test_no_answer_is_owed_for_what_asked_nothing():
    """They agreed to a call, the user confirmed the time: no follow-up clock runs, whatever the
    draft, and a thank-you afterwards is a message."""
    call = _said(("me", "Would you have 20 minutes for a call about the team?", 16),
                 ("them", "Happy to help! How about Tuesday at 11?", 15), ("me", "Tuesday at 11 works, thank you!", 15))
    thanks = "Hi Kwame, thank you again for the call on Tuesday. Would you be willing to refer me for the PM role?"
    from companion.coach import analyze

    assert not set(codes(thanks, thread=call)) & {"followup.ok", "followup.too-soon", "followup.stop"}
    assert analyze(thanks, CoachContext(surface="message", thread=call, now=NOW)).surface == "message"


def test_a_yes_to_their_offer_leaves_no_favour_to_chase():
    """The user took up what they offered ("Yes please!"), weeks ago: a new ask is no reminder; a question of the
    user's left unanswered still is."""
    def thread(last):
        return _said(("them", "So nice to meet you at the conference! Want the slides from the panel?", 40),
                     ("me", last, 39))
    ask = "Hi Noor, I'm applying for the Senior Analyst role (job 4471). Would you feel comfortable referring me?"
    assert "followup.ok" not in codes(ask, thread=thread("Yes please, thank you Noor!"))
    assert "followup.ok" in codes(ask, thread=thread("Yes please! Could you also tell me who ran the panel?"))


def test_answering_what_they_asked_for_is_not_an_ask_but_a_new_referral_to_a_referrer_is(tmp_path):
    from companion.coach import analyze

    asked = _said(("me", "Could you refer me for the firmware role?", 3),
                  ("them", "Sure Rahul, send me your resume and the req number and I'll put it in.", 1))
    reply = "Thank you so much Meera! Here is my resume: rahul.dev/resume.pdf and the req is JR-1043."
    found = {f.code for f in analyze(reply, CoachContext(surface="message", thread=asked, now=NOW)).findings}
    assert not found & {"ask.role-missing", "courtesy.out-missing", "background.missing", "materials.missing"}

    db = LogDB.in_dir(tmp_path)
    db.record_sent("dana", "message", "Hi Dana, could you refer me for the Backend role at Acme?", at(30), at(30))
    db.update("dana", at(20), state="referred")
    view = db.load()
    db.close()
    again = "Hi Dana, I saw your team is hiring a Staff Engineer. Could you refer me? Thanks"
    found = {f.code for f in analyze(again, CoachContext(surface="message", outreach=view, now=NOW,
                                                          recipient_slug="dana")).findings}
    assert "courtesy.out-missing" in found, found  # a new ask is coached as one


def test_asking_again_after_a_no_is_told_to_let_it_go(tmp_path):
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("dan", "message", "Hi Dan, could you refer me for the Analyst role at Acme?", at(20), at(20))
    db.update("dan", at(12), state="declined")
    view = db.load()
    db.close()

    def stop(text):
        fb = analyze(text, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="dan"))
        return [f for f in fb.findings if f.code == "followup.stop"]
    [found] = stop("Hi Dan, it's just one form. Could you make an exception?")
    dan = Profile(slug="dan", name="Dan Moss", current_company="Acme",
                  experience=[Experience(company="Acme", roles=[Role(start=DateParts(year=2019), current=True)])])
    assert analyze("Hi Dan, could you refer me?", CoachContext(surface="message", profile=dan, now=NOW)).hints
    assert analyze("Hi Dan, it's just one form. Could you make an exception?",
                   CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="dan",
                                profile=dan)).hints == []  # no line to polish what is not to be sent
    assert "said no" in found.message and found.data == {"state": "declined"} and found.severity == "error"
    assert stop("Hi Dan, thank you for letting me know, I understand completely.") == []
    assert stop("Hi Dan, thanks for letting me know, I understand. I'd love to stay in touch!") == []
    # The re-ask is to be dropped, not polished: no advice to add a resume, an out or a fit line.
    reask = analyze("Hi Dan, there's also a Platform Engineer opening. Would you be open to referring me for it?",
                    CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="dan"))
    assert [f.code for f in reask.findings] == ["followup.stop", "courtesy.gratitude-missing"]  # the verdict first
    goodbye = analyze("Hi Dan, totally understand, and thanks for the quick reply. Best of luck with the hiring!",
                      CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="dan"))
    assert goodbye.findings == [] and goodbye.score == 100


def test_a_new_posting_weeks_after_a_no_may_be_asked_about_once(tmp_path):
    """Their no was to the earlier ask: a new opening, said to be one, some weeks later is a fair ask; the same
    words days after the no, or the old ask again, are still a re-ask."""
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("dan", "message", "Hi Dan, could you refer me for the Analyst role at Acme?", at(90), at(90))
    db.update("dan", at(84), state="declined")
    db.record_sent("eve", "message", "Hi Eve, could you refer me for the Analyst role at Acme?", at(20), at(20))
    db.update("eve", at(10), state="declined")
    view = db.load()
    db.close()

    def stop(text, slug):
        fb = analyze(text, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug=slug))
        return [f for f in fb.findings if f.code == "followup.stop"]
    anew = ("Hi, in March you could not refer me as the role was in its final stage. Now I see a new opening in your "
            "department, Site Reliability Engineer (NE-7731). Would you be open to referring me? If not, no problem.")
    assert stop(anew, "dan") == []
    assert stop(anew.replace("Now I see a new opening in your department", "Acme just posted an opening"), "dan") == []
    assert stop(anew, "eve")  # ten days after the no
    assert stop("Hi Dan, could you make an exception for the Analyst role?", "dan")


@pytest.mark.parametrize("note", ["She only refers people she has worked with directly.",
                                  "Declined: said she doesn't know my work well enough to refer me."])
def test_a_no_about_the_person_holds_for_a_new_posting_too(tmp_path, note):
    """When the user's note on them says the no was about referring the user at all ("only refers people she has
    worked with", "doesn't know my work well enough"), a new posting weeks later changes nothing: the card says so."""
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("gia", "message", "Hi Gia, could you refer me for the Assistant role at Hollis?", at(40), at(40))
    db.update("gia", at(38), state="declined", notes=note)
    view = db.load()
    db.close()
    draft = ("Hi Gia, Hollis just posted a Junior Architect role (HC-77) which fits me better than the last one. "
             "Would you be able to refer me for this one? Thanks so much!")
    fb = analyze(draft, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="gia"))
    [stop] = [f for f in fb.findings if f.code == "followup.stop"]
    assert "a new posting does not change" in stop.message


def test_a_no_the_draft_reports_counts_when_the_log_does_not_know():
    from companion.coach import analyze

    def feedback(text):
        return analyze(text, CoachContext(surface="message", now=NOW, recipient_name="Dan Moss", company="Acme"))
    graceful = feedback("Hi Dan, thanks for getting back to me, and totally understood that you don't know the data "
                        "team well enough to refer me. If you ever meet someone there who'd chat, I'd be grateful "
                        "for an intro, but no pressure. Good luck with the launch!")
    assert graceful.findings == [] and graceful.score == 100  # "refer me" in their no asks nothing
    reask = feedback("Hi Dan, I know you said you can't refer people you haven't worked with, but it's just a "
                     "form. Could you please reconsider and submit it today? Thanks!")
    assert [f.code for f in reask.findings][0] == "followup.stop"
    stop = reask.findings[0]
    assert stop.severity == "error" and stop.data == {"state": "declined", "stated": True}
    assert '"you said you can\'t refer"' in stop.message and "reconsider" in stop.message
    assert not {f.code for f in reask.findings} & {"ask.role-missing", "background.missing", "relationship.cold-ask"}


def test_a_reply_weeks_later_speaks_of_the_gap():
    from companion.coach import analyze
    from companion.coach.rules import late_reply

    def late(text, *msgs):
        ctx = CoachContext(surface="message", thread=thread(*msgs), now=NOW, recipient_slug="ana")
        return [f for f in run_rules(late_reply.RULES, AnalysedDraft(text), ctx)]

    reply = "Thanks so much, Ana! Here's the posting and my resume."
    [months] = late(reply, ("me", at(300)), ("them", at(270)))  # their "Hi!" mentioned no job
    assert months.severity == "warning" and "9 months ago" in months.message and "filled" not in months.message
    assert months.suggestion == 'Open with "Sorry for the slow reply, Ana!"'
    # Its Apply opens the draft with it: after the greeting, else first; never at the end.
    fixed = reply[:months.fix.range.start] + months.fix.replacement + reply[months.fix.range.end:]
    assert fixed == "Sorry for the slow reply, Ana! Thanks so much, Ana! Here's the posting and my resume."
    greeted = "Hi Ana, thanks so much! Here's the posting."
    [f] = late(greeted, ("them", at(270)))
    assert greeted[:f.fix.range.start] + f.fix.replacement + greeted[f.fix.range.end:] == \
        "Hi Ana, sorry for the slow reply! Thanks so much! Here's the posting."
    offer = Thread(participant=Profile(slug="ana", name="Ana Lopez"), messages=[ThreadMessage(
        sender="them", text="Sure! Send me the posting for the analyst role.", sent_at_ms=at(270))])
    [months] = run_rules(late_reply.RULES, AnalysedDraft(reply), CoachContext(
        surface="message", thread=offer, now=NOW, recipient_slug="ana"))
    assert "role may be filled" in months.message and months.suggestion.endswith("still stands.")
    # A thank-you for a favour, or a chase of the user's own messages: they talked since, elsewhere.
    for elsewhere in ("Thank you so much for referring me, Ana! I have a phone screen on Thursday.",
                      "Hi Ana, this is my fourth message about the role. Did you submit it?"):
        assert not late(elsewhere, ("them", at(270))), elsewhere
    # Thanks for their message is no favour done: months late, it is still late.
    assert late("Hi Ana, thanks for your message. Could you refer me for the QA role?", ("them", at(270)))
    [weeks] = late(reply, ("them", at(20)))
    assert weeks.severity == "info" and "2 weeks ago" in weeks.message and "filled" not in weeks.message
    assert not late(reply, ("them", at(5)))  # days, not weeks: nothing to excuse
    assert not late(reply, ("them", at(270)), ("me", at(200)))  # they are the ones who owe a reply
    for said in ("Sorry for the slow reply, Ana! Here's the posting.", "Apologies for the delay, Ana.",
                 "It's been a while, Ana! Here's the posting."):
        assert not late(said, ("them", at(270))), said
    # Through the whole coach: a warning listed with the others, and only in a conversation.
    ctx = CoachContext(surface="message", thread=thread(("them", at(270))), now=NOW, recipient_slug="ana")
    assert "reply.late" in {f.code for f in analyze(reply, ctx).findings}
    assert "reply.late" not in {f.code for f in analyze(reply, CoachContext(surface="message", now=NOW)).findings}


def test_someone_who_answered_you_is_no_stranger(tmp_path):
    """personal.generic is for mass outreach: the log shows they replied or referred you."""
    from companion.coach import analyze

    ask = "Hi Dan, would you be open to referring me for the Platform Engineer role at Acme? Thanks!"
    db = LogDB.in_dir(tmp_path)
    db.record_sent("dan", "message", "Hi Dan, could you refer me for the Analyst role at Acme?", at(60), at(60))
    db.record_sent("eve", "message", "Hi Eve, could you refer me for the Analyst role at Acme?", at(60), at(60))
    db.update("dan", at(50), state="referred")
    view = db.load()
    db.close()

    globex = [Experience(company="Globex", roles=[Role(start=DateParts(year=2018), end=DateParts(year=2021))])]
    them, me = Profile(name="Someone", experience=globex), Profile(name="Me", experience=globex)

    def codes(slug):
        ctx = CoachContext(surface="message", outreach=view, now=NOW, recipient_slug=slug, profile=them, own_profile=me)
        return {f.code for f in analyze(ask.replace("Dan", slug.title()), ctx).findings}
    assert not {"personal.generic", "relationship.how-we-met"} & codes("dan")
    assert {"personal.generic", "relationship.how-we-met"} <= codes("eve")  # asked, never answered: a stranger
    # Whatever the log and the page know, a draft thanking them for their reply answers someone who wrote.
    ask = "Hi Eve, thanks for getting back to me! Would you be open to referring me for the Platform Engineer role?"
    assert not {"personal.generic", "relationship.how-we-met"} & codes("eve")


def test_the_draft_says_when_and_how_often_when_nothing_else_knows(tmp_path):
    soon = codes("Hi Ana, following up on my note from two days ago about the analyst role. Thanks!",
                 surface="follow_up")["followup.too-soon"]
    assert soon.data == {"days": 2.0, "stated": True} and "in about 5 days" in soon.suggestion
    assert "my note from two days ago" in soon.message and soon.range is not None
    late = codes("Hi Ana, I sent you a message about three months ago. Is the role still open?", surface="follow_up")
    assert late["followup.too-late"].data["days"] == 90.0 and "followup.too-soon" not in late
    stop = codes("Hi Ana, this is my fourth message about the role. Could you refer me?", surface="follow_up")
    assert stop["followup.stop"].data["follow_ups"] == 3 and stop["followup.stop"].severity == "error"  # do not send
    assert "followup.pressure" not in stop  # one card for "this is my fourth message"
    pressed = codes("Hi Ana, this is my fourth message about the role. Did you see my message? Could you refer me?",
                    surface="follow_up")
    assert pressed["followup.pressure"].suggestion.startswith("Do not send this one")
    fourth = codes("Hi Ana, this is the fourth time I'm writing about the role.", surface="follow_up")
    assert fourth["followup.stop"].data["follow_ups"] == 3
    assert "followup.stop" not in codes("Hi Ana, this is the third time I'm writing about the role.")
    # Days of the week and counts without "I've": NOW is a Sunday, so Wednesday was four days ago.
    week = codes("Hey Ana, following up (I messaged Monday and Wednesday). Could you refer me?", surface="follow_up")
    assert week["followup.too-soon"].data["days"] == 4.0 and "followup.stop" not in week  # this is the third
    thrice = codes("Hi Ana, I messaged you three times this week about the role.", surface="follow_up")
    assert thrice["followup.stop"].data["follow_ups"] == 3
    assert "followup.too-soon" not in codes("Hi Ana, I wrote to you on Sunday about the role.", surface="follow_up")
    # One or two follow-ups, a week or more, or something else sent on that day: nothing to say.
    for fine in ("Hi Ana, this is my second follow-up on the role. Thanks!",
                 "Hi Ana, following up on my message from two weeks ago. Thanks!",
                 "Hi Ana, I sent my application to your company two days ago. Could you refer me?",
                 # An accepted invitation is no message waiting for an answer: this is the first one.
                 "Hi Ana, thanks for accepting my connection request three days ago. Could you tell me about the team?"):
        assert not {"followup.too-soon", "followup.stop", "followup.too-late"} & set(codes(fine)), fine
    nudge = codes("Hi Ana, did you see my message?", surface="follow_up")["followup.pressure"]
    assert "Bumping this" in nudge.suggestion
    # The log knows better: sent eight days ago, whatever the draft says.
    found = codes("Hi Ana, following up on my note from two days ago. Thanks!",
                  make_view(tmp_path, ("ana", at(8))), recipient_slug="ana", surface="follow_up")
    assert "followup.too-soon" not in found and "followup.ok" in found


def test_a_follow_up_to_a_message_the_conversation_shows_was_never_sent(tmp_path):
    theirs = Thread(participant=Profile(slug="ana", name="Ana Lopez"),
                    messages=[ThreadMessage(sender="them", text="Hi! We are hiring QA engineers.", sent_at_ms=at(400))])
    for text, said in (("Hi Ana, just following up on my previous message about the QA role. Thanks!",
                        "following up on my previous message"),
                       ("Hi Ana, I sent you a message on Monday, two days ago. Could you refer me?",
                        "I sent you a message"),
                       ("Hi Ana, bumping this in case it got buried. Thanks!", "bumping this")):
        found = codes(text, thread=theirs, recipient_slug="ana")
        assert found["followup.no-earlier"].message.startswith(f'"{said}"') and "with Ana" in found[
            "followup.no-earlier"].message, text
        # The timing the draft states is of a message the conversation shows was never sent.
        assert "followup.too-soon" not in found
    # A message of theirs only, and a first message: nothing to say.
    assert "followup.no-earlier" not in codes("Hi Ana, thanks for your note! Could you refer me for the QA role?",
                                              thread=theirs, recipient_slug="ana")
    # Their message in the conversation and the user's in it, in the log, or not loaded: no contradiction.
    mine = Thread(participant=theirs.participant, messages=[*theirs.messages, ThreadMessage(
        sender="me", text="Could you refer me?", sent_at_ms=at(10))])
    text = "Hi Ana, just following up on my previous message about the QA role. Thanks!"
    assert "followup.no-earlier" not in codes(text, thread=mine, recipient_slug="ana")
    assert "followup.no-earlier" not in codes(text, make_view(tmp_path, ("ana", at(10))), thread=theirs,
                                              recipient_slug="ana")
    assert "followup.no-earlier" not in codes(text, thread=Thread(participant=theirs.participant), recipient_slug="ana")
    assert "followup.no-earlier" not in codes(text)
    # An email or a connection request is not in a LinkedIn conversation.
    for elsewhere in ("Hi Ana, following up on my connection request. Thanks!",
                      "Hi Ana, following up on my email from last week about the QA role. Thanks!"):
        assert "followup.no-earlier" not in codes(elsewhere, thread=theirs, recipient_slug="ana"), elsewhere


def test_taking_the_ask_back_is_no_reminder(tmp_path):
    view = make_view(tmp_path, ("ana", at(9)))
    withdraw = "Hi Ana, quick update: I've accepted an offer elsewhere, so please disregard my referral request."
    found = codes(withdraw, view, recipient_slug="ana")
    assert not {"followup.ok", "followup.too-soon", "followup.too-late"} & set(found)
    assert "followup.ok" in codes("Hi Ana, just bumping this in case it got buried. Thanks!", view, recipient_slug="ana")


def test_no_out_is_asked_of_an_answer_to_them(tmp_path):
    from companion.coach import analyze

    answer = ("Hi Ana, here's the link: https://jobs.stripe.com/123. Would you be able to refer me for it? "
              "My resume is attached. Thank you!")

    def out_missing(**ctx):
        ctx.setdefault("recipient_slug", "ana")
        return "courtesy.out-missing" in {f.code for f in analyze(answer, CoachContext(surface="message", now=NOW,
                                                                                        **ctx)).findings}
    assert out_missing()  # nothing says they answered
    assert not out_missing(outreach=make_view(tmp_path / "a", ("ana", at(3)), replies=[("ana", at(1))]))
    assert out_missing(outreach=make_view(tmp_path / "b", ("ana", at(3))))  # no reply yet
    assert not out_missing(thread=thread(("me", at(3)), ("them", at(1))))
    assert out_missing(thread=thread(("them", at(3)), ("me", at(1))))  # the user spoke last


def test_a_connection_note_that_held_the_ask_is_followed_up_on(tmp_path):
    """A note in the log, then "following up on my note from Friday": the note held the ask, so the draft is a
    follow-up, three days on too soon. A note chased by follow-ups: a third follow-up is one too many, for the
    coach and for `history --due` alike; a note answered by its acceptance and then the ask is still not chased."""
    from companion.coach import analyze
    from companion.coach.due import due

    db = LogDB.in_dir(tmp_path)
    db.record_sent("san", "connection_note", "Hi Sanjay, could you refer me for the Dispatcher job?", at(3), at(3))
    db.record_sent("hea", "connection_note", "Hi Heather, could you refer me for the SRE role?", at(35), at(35))
    assert db.record_sent("hea", "follow_up", "Hi Heather, following up on my note.", at(24), at(24)).follow_up
    assert db.record_sent("hea", "message", "Hi Heather, one more nudge on the SRE role.", at(12), at(12)).follow_up
    view = db.load()
    db.close()
    chase = analyze("Hi Sanjay, just following up on my note from Friday. Could you refer me for the dispatcher job?",
                    CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="san"))
    assert chase.surface == "follow_up" and "followup.too-soon" in {f.code for f in chase.findings}
    third = analyze("Hi Heather, following up again on my referral request for the SRE role. Thank you!",
                    CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="hea"))
    assert "followup.stop" in {f.code for f in third.findings}
    assert due(view.recipient("hea"), to_ms(NOW)).kind == "stop"
    # A draft that thanks them for accepting the note takes the acceptance as its answer, even as a follow-up.
    thanks = analyze("Hi Sanjay, thanks for accepting my connection request! Could you refer me for the Dispatcher "
                     "job?", CoachContext(surface="follow_up", outreach=view, now=NOW, recipient_slug="san"))
    assert not {f.code for f in thanks.findings} & {"followup.too-soon", "followup.ok", "followup.stop"}


def test_a_recruiter_who_referred_you_before_is_not_told_referrals_are_for_employees(tmp_path):
    """An HR Director who referred the writer once (the log says so) may be asked again; one the log knows
    nothing of is told what a recruiter does."""
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("sam", "message", "Hi Sam, could you refer me for the HR role at Pinecrest?", at(90), at(90),
                   name="Sam Rivera", company="Pinecrest", role="HR Director")
    db.update("sam", at(80), state="referred")
    db.record_sent("kim", "message", "Hi Kim, could you refer me for the HR role at Pinecrest?", at(90), at(90),
                   name="Kim Ode", company="Pinecrest", role="HR Director")
    view = db.load()
    db.close()
    again = ("Thank you again for referring me last time. Pinecrest just posted an HR Generalist role (job 5512); "
             "would you be able to submit the referral for it too?")

    def cold(slug):
        fb = analyze(again, CoachContext(surface="message", outreach=view, now=NOW, recipient_slug=slug))
        return [f for f in fb.findings if f.code == "relationship.cold-ask"]
    assert cold("sam") == []
    [card] = cold("kim")
    assert "asks a recruiter" in card.message and '"the referral"' in card.message  # not the thanks


@pytest.mark.parametrize("notes", ["Hiring freeze on finance until Q2; suggested I check back in April.",
                                   "The referral window had closed. Said to ask her again when the spring intake opens."])
def test_a_no_for_now_says_when_to_ask_again(tmp_path, notes):
    """A logged no whose note gives the moment as the reason ("hiring freeze until Q2, check back in April") is
    still a no today, but the card says to wait for that time, not to let it go."""
    from companion.coach import analyze

    db = LogDB.in_dir(tmp_path)
    db.record_sent("paul", "message", "Hi Paul, could you refer me for the Cost Analyst role at Boreal?", at(25), at(25))
    db.update("paul", at(20), state="declined", notes=notes)
    view = db.load()
    db.close()
    fb = analyze("Hi Paul, I just saw a Cost Accountant opening at Boreal. Would you be able to refer me for that one?",
                 CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="paul"))
    [stop] = [f for f in fb.findings if f.code == "followup.stop"]
    assert "about timing" in stop.message and "let this one go" not in stop.message


def test_a_message_not_to_be_sent_is_not_polished(tmp_path):
    """After two unanswered follow-ups, followup.stop says let it go: the rules on how the ask is put (an out,
    their time) say nothing (audits 84-28, 85-26), and the checklist shows the timing item failed."""
    from companion.coach import analyze

    view = make_view(tmp_path, ("ana", at(30)), ("ana", at(20)), ("ana", at(10)))
    ctx = CoachContext(surface="message", outreach=view, now=NOW, recipient_slug="ana")
    fb = analyze("Hi Ana, this is my fourth message. A simple yes or no would be appreciated.", ctx)
    codes_ = {f.code for f in fb.findings}
    assert "followup.stop" in codes_ and not codes_ & {"courtesy.out-missing", "courtesy.time-missing"}
    assert [c.ok for c in fb.checklist if c.id == "timing"] == [False]
    early = make_view(tmp_path / "early", ("ana", at(10)))  # a first reminder: the same words are polished
    fb = analyze("Hi Ana, this is my second message. A simple yes or no would be appreciated.",
                 CoachContext(surface="message", outreach=early, now=NOW, recipient_slug="ana"))
    assert "courtesy.out-missing" in {f.code for f in fb.findings}
