"""followup.*: when to nudge someone who has not answered, when to let it go (companion.coach.due
decides), and a follow-up that reproaches (followup.pressure). docs/rules.md, "Rules that read the
outreach log", has the details."""

import re
from datetime import datetime, timedelta

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import COLD_DAYS, LATE_DAYS, MAX_FOLLOW_UPS, WAIT_DAYS, follow_up_due, unanswered, waiting_on
from companion.coach.engine import CoachContext, Rule, phrase_rule
from companion.coach.intent import open_request, requests, they_declined
from companion.coach.matching import (first_name, negated, recipient_company, recipient_log, their_turn,
                                      wrote_to_them)
from companion.coach.outreach_view import from_ms, iso, message_times, say_date, to_ms
from companion.coach.rules.ask import bounded_ask, company_named, names_role
from companion.coach.rules.cold_ask import referral_asks
from companion.coach.stated import (NOT_FROM_OTHERS, checks_on_referral, stated_count, stated_days, stated_earlier,
                                    stated_gap, stated_no)

MATCH_MINUTES = 5


def _merge(a: list[int], b: list[int]) -> list[int]:
    """Union of two time lists, treating times within MATCH_MINUTES as one message."""
    out: list[int] = []
    for t in sorted(a + b):
        if not out or t - out[-1] > MATCH_MINUTES * 60_000:
            out.append(t)
    return out


def _due(draft: AnalysedDraft, ctx: CoachContext):
    """(the follow-up item or None, times of the user's messages since their last reply, that reply
    or None, the recipient's log), from the log and the thread together; worked out once per draft
    (three rules read it)."""
    return draft.remember("followup.due", lambda: _timeline(draft, ctx))


# Their acceptance, taken in: "thanks for accepting my connection request", "thank you for connecting".
_THANKS_ACCEPTING = re.compile(r"\b(?:thanks?|thank you)(?: so much)? for (?:accepting|connecting|the connection|"
                               r"adding me)\b")


def _timeline(draft: AnalysedDraft, ctx: CoachContext):
    rec = recipient_log(ctx)
    if rec is not None and rec.state != "asked":
        return None, [], None, rec  # they agreed, referred or it ended: nothing to nudge about
    t_mine, t_theirs = message_times(ctx.thread)
    if ctx.thread is not None and not open_request(ctx.thread):
        t_mine = []  # what they last got from the user asked nothing: no answer is owed
    now_ms = to_ms(ctx.now)
    # Writing them a message, they accepted any note; a follow-up chases the last thing sent, a note included,
    # unless it thanks them for accepting it.
    accepted = ctx.surface == "message" or bool(_THANKS_ACCEPTING.search(draft.lower))
    mine = _merge(waiting_on(rec.sent, accepted) if rec else [], t_mine)
    waiting, last_reply = unanswered(mine, [*(rec.replies if rec else ()), *t_theirs], now_ms)
    return follow_up_due(waiting, now_ms), waiting, last_reply, rec


def reminds(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft goes to someone whose last message from the user is still unanswered: a reminder,
    however soon or late (the log and the thread tell)."""
    due = _due(draft, ctx)[0]
    return due is not None and due.kind == "follow_up"


def _unknown(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Neither the log nor the thread knows a message of the user's to them: only the draft can tell; but
    not when the conversation shows the message the draft follows up on was never sent (followup.no-earlier)."""
    return not wrote_to_them(ctx, _due(draft, ctx)[3]) and _never_sent(draft, ctx) is None


def _untimed(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Nothing tells when the user last wrote, nor how often: not the log, the thread or the draft (a
    Rule.abstains, so the checklist claims no timing it cannot know)."""
    return _unknown(draft, ctx) and stated_gap(draft) is None and stated_days(draft) is None \
        and stated_count(draft) is None


def _never_sent(draft: AnalysedDraft, ctx: CoachContext) -> tuple[int, int] | None:
    """Where the draft follows up on a LinkedIn message of the user's that the conversation shows was never
    sent: it has messages, only theirs, and the log knows none to them either."""
    if ctx.thread is None or not ctx.thread.messages or wrote_to_them(ctx, recipient_log(ctx)):
        return None  # an empty conversation may not have loaded yet; a note or an InMail may be in the log
    return stated_earlier(draft)


def _since_weekday(draft: AnalysedDraft, ctx: CoachContext):
    """(days since the last weekday the draft says a message went, its span): "I messaged Wednesday" on a
    Friday is two days; on a Wednesday, a week."""
    if (said := stated_days(draft)) is None:
        return None
    today = ctx.now.astimezone().weekday()  # the user's own week: the companion runs on their machine
    return float(min((today - d) % 7 or 7 for d in said[0])), said[1]


def _said_gap(draft: AnalysedDraft, ctx: CoachContext, when: str):
    """The draft's own "my note from two days ago", when it is `when` ("soon" or "late") and nothing else knows."""
    if (said := stated_gap(draft) or _since_weekday(draft, ctx)) is None or not _unknown(draft, ctx):
        return None
    days = said[0]
    return said if (days < WAIT_DAYS if when == "soon" else days >= COLD_DAYS) else None


def _said_stop(draft: AnalysedDraft, ctx: CoachContext):
    """The draft's own "this is my fourth message", when that is past the follow-ups allowed."""
    said = stated_count(draft)
    return said if said is not None and said[0] > 1 + MAX_FOLLOW_UPS and _unknown(draft, ctx) else None


# Asking again after a no, besides a plain referral ask: "make an exception", "reconsider", "could you still submit it".
_AGAIN = re.compile(r"\b(?:reconsider|make an exception|change your mind|think it over|give me a chance|"
                    r"refer me anyway|(?:just )?this once|"
                    # The favour as "it": "can you just do it this once?"
                    r"(?:could|would|can|will) you (?:(?:please|still|maybe|at least|just) ){0,3}do (?:it|that|this)|"
                    r"(?:could|would|can|will) you (?:(?:please|still|maybe|at least|just) ){0,3}"
                    r"(?:refer|recommend|submit|forward|pass)|still (?:refer|recommend|submit|forward|pass)|"
                    r"you (?:can|could) (?:just |simply )?(?:refer|submit|forward|pass)|"
                    # Put forward anyway: "Just put my name in", "can you please just put my name in?"
                    r"put (?:my name|me|my (?:cv|resume)) (?:in|down|through|forward))\b")


def _said_no(draft: AnalysedDraft, ctx: CoachContext):
    """(their no as the draft reports it, the words that ask again) when the log knows of no answer: "I
    understand you said you don't refer…, but could you make an exception?". A graceful reply asks nothing
    again (a chat or an intro is no re-ask), and the words of their no are no ask ("…well enough to refer me")."""
    rec = recipient_log(ctx)
    if rec is not None and rec.state != "asked" or (no := stated_no(draft)) is None:
        return None
    again = _asks_again(draft, outside=no)
    return (no, again) if again else None


def _asks_again(draft: AnalysedDraft, outside: tuple[int, int] = (0, 0)) -> tuple[int, int] | None:
    """Where the draft asks again ("make an exception", or any referral ask), not within `outside` (the words
    of their no) and not negated, or None."""
    return next((m.span() for m in (*_AGAIN.finditer(draft.lower), *referral_asks(draft))
                 if not outside[0] <= m.start() < outside[1] and not negated(draft, m.start(), 25)), None)


_LET_GO = "Thank them for their time, say you understand, and ask elsewhere."


def _thread_no(draft: AnalysedDraft, ctx: CoachContext):
    """(their no as the conversation shows it, the words of the draft that ask again) when their last message
    declines ("Sorry, I can't refer people I haven't worked with") and the draft asks again ("could you make
    an exception?"); a chat, an introduction or thanks is no re-ask."""
    if (span := they_declined(ctx.thread)) is None:
        return None
    if (again := _asks_again(draft)) is None:
        return None
    said = ctx.thread.messages[-1].text
    sentence = said[said.rfind(".", 0, span[0]) + 1:].split(".")[0].strip()  # the sentence of their no
    return sentence, again


def _days(days: float) -> str:
    return "1 day" if int(days) == 1 else f"{int(days)} days"


def _ago(last_ms: int, now: datetime) -> str:
    """How long ago, by the calendar where the user is: sent at 6 pm on the 5th is "2 days ago" at 5 am on
    the 7th, though fewer than 48 hours have passed."""
    whole = (now.astimezone().date() - from_ms(last_ms).astimezone().date()).days
    return "today" if whole <= 0 else "yesterday" if whole == 1 else f"{whole} days ago"


def _reminder(ctx: CoachContext, rec, days: float) -> str:
    """A short, warm follow-up to adapt (never sent by us)."""
    company = recipient_company(ctx) or (rec.company if rec else None)
    # "a referral" only where the thread shows one was asked: a question or a chat is not one.
    referral = rec is not None and ctx.thread is None or ctx.thread is not None and any(
        m.sender == "me" and "refer" in m.text.lower() for m in ctx.thread.messages)
    about = f" about {'a referral at ' if referral else ''}{company}" if company else ""
    gap = " I know it has been a little while." if days >= LATE_DAYS else ""
    return (f"Hi {first_name(ctx, rec) or 'there'}, just bringing my note{about} back to the top of your inbox."
            f"{gap} No pressure at all if now is not a good time; I appreciate you reading it either way. Thank you!")


def _follow_up(draft: AnalysedDraft, ctx: CoachContext, when: str):
    """(the follow-up item, the unanswered times, the recipient's log, days since the last of them) when
    a reminder is `when`: "soon" (its wait is not over), "ok" (it is) or "late" (COLD_DAYS have passed)."""
    due, unanswered, _, rec = _due(draft, ctx)
    if due is None or due.kind != "follow_up":
        return None
    now_ms = to_ms(ctx.now)
    days = due.days(now_ms)
    now = "soon" if not due.is_due(now_ms) else "late" if days >= COLD_DAYS else "ok"
    return (due, unanswered, rec, days) if now == when else None


def _too_soon(draft: AnalysedDraft, ctx: CoachContext):
    if (found := _follow_up(draft, ctx, "soon")) is None:
        if said := _said_gap(draft, ctx, "soon"):
            yield TOO_SOON.finding(
                f'"{draft.text[slice(*said[1])]}": people often need a week to answer, and a reminder sooner '
                "reads as pressure. Wait until a week has passed since that message.", draft, said[1],
                suggestion=f"Save this draft and send it in about {_days(WAIT_DAYS - said[0])}.",
                data={"days": said[0], "stated": True})
        return
    due, _, rec, days = found
    fine_from = ctx.now + timedelta(days=WAIT_DAYS - days)
    from_day = say_date(to_ms(fine_from), ctx.now)
    last = " It would be your second reminder: make it the last." if due.unanswered > 1 else ""
    yield TOO_SOON.finding(
        f"You wrote to {first_name(ctx, rec) or 'there'} {_ago(due.last_ms, ctx.now)} ({say_date(due.last_ms, ctx.now)}) and they "
        "have not replied yet. People often need a week; a reminder sooner reads as pressure. A short reminder "
        f"is fine from {from_day}.{last}",
        suggestion=f"Save this draft and send it from {from_day}.",
        data={"last_sent": iso(due.last_ms), "days": round(days, 1), "reminder_from": iso(to_ms(fine_from))},
    )


def _too_late(draft: AnalysedDraft, ctx: CoachContext):
    # A hint beside what may be that fresh message; a warning on a draft that chases the old one ("just checking
    # if you had a chance to pass my CV along", months on).
    def severity() -> str:
        return "warning" if stated_earlier(draft) or checks_on_referral(draft) else "hint"

    if (found := _follow_up(draft, ctx, "late")) is None:
        if said := _said_gap(draft, ctx, "late"):
            yield TOO_LATE.finding(
                f'"{draft.text[slice(*said[1])]}": that is too long ago for a reminder, and the posting may be '
                "gone. If you still want to write, send a fresh message that stands on its own (who you are, what "
                "you want now) and do not ask about the old one.", draft, said[1],
                data={"days": said[0], "stated": True}, severity=severity())
        return
    _, unanswered, _, days = found
    yield TOO_LATE.finding(
        f"It has been {int(days)} days since your message ({say_date(unanswered[-1], ctx.now)}) with no reply: "
        "too long for a reminder, and the posting may be gone. If you still want to write, send a fresh "
        "message that stands on its own (who you are, what you want now) and do not ask about the old one.",
        data={"last_sent": iso(unanswered[-1]), "days": round(days, 1)}, severity=severity(),
    )


def _ok(draft: AnalysedDraft, ctx: CoachContext):
    if (found := _follow_up(draft, ctx, "ok")) is None or _PRESSURE.search(draft.lower):
        return  # not due yet, so late that followup.too-late speaks instead, or a reproach is the must-fix
    due, unanswered, rec, days = found
    text = _reminder(ctx, rec, days)
    late = " It has been a while, so say so lightly." if due.late else ""
    if due.unanswered > 1:
        late += " This is your second follow-up: make it the last, and if it goes unanswered too, let it go."
    yield OK.finding(
        f"It has been {int(days)} days since your message ({say_date(unanswered[-1], ctx.now)}) with no "
        f"reply. A short, warm reminder is appropriate now.{late}",
        suggestion=f"One to adapt: \"{text}\"",  # quoted, so the sidebar offers it to Copy or Insert
        data={"last_sent": iso(unanswered[-1]), "days": round(days, 1), "reminder": text},
    )


# A new posting, said to be one: "Now I see a new opening in your department", "another role on the team", "a new
# Customer Success Manager opening", "Bluefin just posted an MLOps Engineer role".
_NEW_ROLE = re.compile(r"\b(?:new|different|another|second) (?:[\w-]+ ){0,4}?(?:opening|role|position|posting|vacancy|req)\b"
                       r"|\b(?:just|recently|now|has|have) (?:just |recently )?(?:posted|opened|listed|advertised)\b"
                       r"|\bposted (?:a|an) (?:[\w-]+ ){0,4}?(?:role|position|opening|vacancy|job)\b")
NEW_ROLE_DAYS = 28  # a no some weeks old was to that ask; a new posting after it may be asked about once


# Why they said no, as the user's note on them keeps it, when the reason is the person and not the posting: "She
# only refers people she has worked with directly", "company policy", "doesn't know me well enough".
_NO_TO_THE_PERSON = re.compile(r"\bonly (?:refers?|recommends?|vouch(?:es)? for) (?:people|those|someone|anyone)\b"
                               r"|\b(?:haven't|hasn't|have not|has not|never) worked with\b|\bpolicy\b"
                               r"|\b(?:doesn't|does not|don't|do not|didn't|did not) know (?:me|you|my work|your work|"
                               r"my background|your background)(?: (?:well|closely))? enough\b")


# Or when the reason is the moment: "hiring freeze until Q2", "suggested I check back in April".
_NO_FOR_NOW = re.compile(r"\b(?:freeze|frozen|check back|come back|try again|reach out again|ask (?:her |him |them )?again|"
                         r"no budget|headcount|window (?:had |has )?closed|(?:intake|window|round|cycle) opens)\b")


def _asks_anew(draft: AnalysedDraft, rec, ctx: CoachContext) -> bool:
    """Whether the draft asks about a new posting, weeks after their no to an earlier one: a fair ask, once; not
    when the user's note says the no was about the person, which a new posting does not change."""
    return rec.state_at_ms is not None and to_ms(ctx.now) - rec.state_at_ms >= NEW_ROLE_DAYS * 86_400_000 \
        and bool(_NEW_ROLE.search(draft.lower)) and not (rec.notes and _NO_TO_THE_PERSON.search(rec.notes.lower()))


def _stop(draft: AnalysedDraft, ctx: CoachContext):
    rec = recipient_log(ctx)
    # "Can you make an exception?" asks again; "I'd love to stay in touch" or a question does not.
    if rec is not None and rec.state == "declined" and requests(draft) and not bounded_ask(draft) \
            and not _asks_anew(draft, rec, ctx):
        when = f" on {say_date(rec.state_at_ms, ctx.now)}" if rec.state_at_ms else ""
        notes = (rec.notes or "").lower()
        said = f"{first_name(ctx, rec) or 'They'} said no{when} (you marked it so in Tactful)."
        if _NO_FOR_NOW.search(notes) and not _NO_TO_THE_PERSON.search(notes):
            yield STOP.finding(
                f"{said} Your note says it was about timing (a freeze, or a time to check back): asking before then "
                "makes them say no twice. Wait until the time they gave.",
                suggestion="Save this for then, and send it as a short, fresh message that says what changed; until "
                           "then, a thank-you for their honesty is all it needs.",
                data={"state": "declined", "for_now": True})
            return
        why = (" Your note says the no was about referring you at all, which a new posting does not change."
               if _NEW_ROLE.search(draft.lower) and _NO_TO_THE_PERSON.search(notes) else "")
        yield STOP.finding(
            f"{said}{why} Asking again makes them say no twice and costs the goodwill you have: thank them and let "
            "this one go.",
            suggestion=_LET_GO,
            data={"state": "declined"})
        return
    if (no := _thread_no(draft, ctx)) is not None:
        theirs, again = no
        yield STOP.finding(
            f'{first_name(ctx) or "They"} said no here ("{theirs}"), and "{draft.text[slice(*again)]}" asks again: '
            "that makes them say no twice and costs the goodwill you have. Thank them and let this one go.",
            draft, again, suggestion=_LET_GO,
            data={"state": "declined", "thread": True})
        return
    if said := _said_no(draft, ctx):
        (no, again) = said
        # "Could you please reconsider?" says their no only by asking to undo it: nothing of theirs to quote.
        told = f'"{draft.text[slice(*no)]}", then "{draft.text[slice(*again)]}"' if no[0] < no[1] \
            else f'"{draft.text[slice(*again)]}" asks them to undo their answer'
        yield STOP.finding(
            f"{told}: by your own account they said no, "
            "and asking again makes them say no twice and costs the goodwill you have: thank them and let this "
            "one go.", draft, again,
            suggestion=_LET_GO,
            data={"state": "declined", "stated": True})
        return
    due, unanswered, last_reply, rec = _due(draft, ctx)
    if due is None or due.kind != "stop":
        if said := _said_stop(draft, ctx):
            yield STOP.finding(
                f'"{draft.text[slice(*said[1])]}": after one or two follow-ups without an answer, another message '
                "is more likely to cost goodwill than to get a reply: let this one go.", draft, said[1],
                suggestion=_avenues(ctx, rec), data={"follow_ups": said[0] - 1, "stated": True})
        return  # warned at once, before the item is due in the reminders: they are about to write
    follow_ups = len(unanswered) - 1
    times = "once" if follow_ups == 1 else "twice" if follow_ups == 2 else f"{follow_ups} times"
    since = "" if last_reply is None else f" since their last reply on {say_date(last_reply, ctx.now)}"
    yield STOP.finding(
        f"You have written to {first_name(ctx, rec) or 'there'} {len(unanswered)} times{since} (first on "
        f"{say_date(unanswered[0], ctx.now)}) and followed up {times} without an answer. Another "
        "message is more likely to cost goodwill than to get a reply: let this one go.",
        suggestion=_avenues(ctx, rec),
        data={"unanswered": len(unanswered), "follow_ups": follow_ups, "first_sent": iso(unanswered[0])},
    )


def _no_earlier(draft: AnalysedDraft, ctx: CoachContext):
    if (said := _never_sent(draft, ctx)) is None:
        return
    who = first_name(ctx) or "them"
    yield NO_EARLIER.finding(
        f'"{draft.text[slice(*said)]}" follows up on a message of yours, but your conversation with {who} '
        "shows none from you, and Tactful has none on record either. A reminder of a message they never got "
        "confuses them and reads as a template.", draft, said,
        suggestion="If you wrote to them elsewhere, say where (\"my email last week\"); if not, write this as a "
                   "first message: who you are, what you ask, and why them.")


def _avenues(ctx: CoachContext, rec) -> str:
    company = recipient_company(ctx) or (rec.company if rec else None)
    who = f"someone else at {company}" if company else "someone else on the team"
    return (f"Try other avenues: apply directly and name the team, ask {who} (a mutual connection can introduce "
            "you), or reconnect in a few months with real news.")


TOO_SOON = Rule(
    code="followup.too-soon", severity="warning", check=_too_soon, checklist="timing", abstains=_untimed,
    judges_ask=True,  # a thank-you, an update or a withdrawal is no reminder
    rationale="A reminder within a week of the first note reads as pressure; a week is a fair wait.",
)
OK = Rule(
    code="followup.ok", severity="hint", check=_ok,
    judges_ask=True,  # a thank-you, an update or a withdrawal is no reminder
    rationale="After a week without reply, one short, warm reminder is normal and often welcome.",
)
TOO_LATE = Rule(
    code="followup.too-late", severity="hint", check=_too_late,
    judges_ask=True,  # a thank-you, an update or a withdrawal is no reminder
    rationale="Two months without a reply: a reminder makes no sense, a fresh message might.",
)
STOP = Rule(
    code="followup.stop", severity="error", check=_stop, checklist="timing",  # do not send: a must-fix, before any polish
    fires=("I understand you said you don't refer people you haven't worked with, but could you make an exception?",
           "Thanks for letting me know you can't refer me. Could you please reconsider?",
           "I hear you that you don't know the team well enough to refer me, but could you refer me anyway?",
           "I have sent you 3 messages already about the Medical Coder job. Could you refer me?"),
    quiet=("Thanks for getting back to me, and totally understood that you can't refer me. Good luck with the launch!",
           "I understand you're not able to refer me. Could you introduce me to someone on the team for a quick chat?",
           "I understand if you can't refer me. Would you be open to referring me for the Data Analyst role?",
           "I understand you're not the hiring manager, but could you refer me for the Data Analyst role?",
           "I've written several notes on data pipelines. Could you refer me for the Data Engineer role?"),
    rationale="After two unanswered follow-ups, more messages cost goodwill; other routes work better.",
)

# A follow-up that guilt-trips ("did you see my message?", "still waiting") instead of nudging.
_PRESSURE = re.compile(
    r"\bdid you (?:see|get|read|receive|check|even (?:see|read|open)) my (?:last |previous |earlier )?"
    r"(?:message|note|email|inmail|request|dm)\b"
    r"|\bhave you (?:seen|read|gotten|received) my (?:last |previous |earlier )?(?:message|note|email|inmail|request)\b"
    r"|\b(?:see|check|ask|know) (?:if|whether) you (?:ever )?(?:received|got|saw|read|opened) my (?:last |previous |earlier )?"
    r"(?:message|note|email|e-mail|inmail|request)\b"
    r"|\b(?:i'm |i am )?still waiting\b"
    r"|\b(?:i|and) (?:haven't|have not|never) "
    r"(?:heard back|heard from you|(?:gotten|got|received|had) (?:a|any) (?:reply|response|answer))" + NOT_FROM_OTHERS +
    r"|\byou (?:never|haven't|have not|didn't|did not) (?:replied|reply|responded|respond|answered|answer|got back|get back|read)\b"
    r"|\byou(?:'re| are) (?:still )?not (?:replying|responding|answering)\b"
    r"|\bwhy (?:haven't|didn't|have you not|did you not) you\b"
    r"|\b(?:you(?:'re| are)|you must be|i guess you're|i guess you are) (?:ignoring|too busy for)\b"
    # "Following up once more" is how a polite second nudge reads; "again" and counting stress the silence
    # ("Since I got no response, I'm writing again."), unless it leads to the subject: "I'm writing again
    # about the HR Business Partner position" says what about.
    r"|\b(?:following up|reaching out|writing|messaging) "
    r"(?:(?:yet )?again(?! (?:about|regarding|re\b|on|concerning|with|to (?:ask|check|share|follow))\b)"
    r"|for the (?:second|third|fourth|\d+(?:st|nd|rd|th)) time)\b"
    r"|\b(?:this is )?(?:my|the) (?:second|third|fourth|\d+(?:st|nd|rd|th)) "
    r"(?:message|attempt|time (?:i've|i have|i'm|i am) "
    r"(?:written|writing|messaged|messaging|asked|asking|reached out|reaching out))\b"
    r"|\bi(?:'ve| have) (?:messaged|written|asked|pinged|reached out)(?: to)?(?: you)? (?:\w+ )?(?:several|multiple|many|\d+|two|three|a few) times\b"
    r"|\bas i (?:said|mentioned) (?:before|earlier|previously|in my last)\b|\bper my (?:last|previous) (?:message|email|note)\b"
    r"|\bjust (?:a )?(?:reminder|checking) (?:that )?(?:you (?:haven't|didn't))\b"
    r"|\b(?:hello|hi|hey)(?: [a-z]+)? ?\?+(?=\s|$)|\bany update\s*\?{2,}"
    r"|\bstill (?:haven't|have not|hasn't|has not|didn't|did not|never) (?:gotten|got|received|heard|had)\b"
    r"|\bstill (?:nothing|no (?:reply|response|answer|word)) from you\b"
    r"|\b(?:got|received|saw|seen|read) my (?:last |previous |earlier )?(?:two|three|four|several|\d+) "
    r"(?:messages|notes|emails|e-mails)\b"
    r"|\b(?:active|online|posting)\b[^.!?\n]{0,30}\bbut (?:haven't|have not|didn't|did not|never) "
    r"(?:answered|replied|responded)\b"
    r"|\b(?:just )?(?:let me know|tell me|answer) yes or no\b"
    r"|\bi (?:got|have got|received|had) no (?:reply|response|answer)\b"
    r"|\b(?:let me know|tell me|confirm)(?: today| now)? (?:whether|if) you (?:will|would|can|are going to) "
    r"[^.!?\n]{0,40}\bor not\b"
    r"|\b(?:ignored|ignoring) (?:all )?my (?:messages|notes|emails|e-mails|inmails|requests)\b"
    r"|\bdid you (?:submit|send|forward|pass|refer)\b[^.!?\n]{0,40}\bor not\b"
    r"|\b(?:circling|following|checking|coming) (?:back|up|in) (?:yet )?again\b"
    r"|\bmissed my (?:last |previous |earlier )?(?:two|three|four|several|multiple|\d+) "
    r"(?:messages|notes|emails|e-mails)\b"
    r"|\b(?:read|seen|saw|opened|viewed|visited|checked) my (?:messages?|notes?|emails?|e-mails?|inmails?|profile) but "
    r"(?:didn't|did not|haven't|have not|never)\b"
    r"|\bi know you(?:'ve| have)? (?:seen|saw|read|opened|got|received|viewed) my\b"
    r"|\bdid you (?:see|get|read|receive) (?:it|this|that)\s*\?"
    # An invitation left unanswered is an answer: "still you did not accept", "it seems you didn't accept yet".
    r"|(?<!if )\b(?:still )?you (?:still )?(?:haven't|have not|didn't|did not|never) (?:yet )?accept(?:ed)?\b"
    r"|\b(?:already )?sent you my (?:cv|resume|résumé|message|note|profile) (?:twice|(?:two|three|several|multiple|\d+) times)\b"
    r"|\b(?:delay|hold-?up|slowness) (?:on|from) your (?:side|end|part)\b"
    # Promising more of the same: "I'll keep checking in every couple of days until I hear back".
    r"|\b(?:i'll|i will|i'm going to|i am going to) keep (?:on )?(?:checking in|following up|messaging|"
    r"reaching out|writing|pinging|bumping|asking)\b[^.!?\n]{0,40}?\buntil\b"
)


PRESSURE = phrase_rule(
    "followup.pressure", _PRESSURE,
    "\"{w}\" reads as a reproach for not replying. They owe you nothing, and guilt makes silence easier "
    "than an answer.",
    lambda draft, ctx: "Do not send this one: after one or two unanswered follow-ups, let it go and try another route."
    if _said_stop(draft, ctx) else "Assume your message got buried: \"Bumping this in case it got lost in your "
    "inbox — no worries at all if now isn't a good time.\"",
    skip=lambda draft, m, ctx: (said := _said_stop(draft, ctx)) is not None and m.start() < said[1][1]
    and said[1][0] < m.end(),  # "this is my fourth message" is followup.stop's: one card for one phrase
    severity="error", surfaces=frozenset({"follow_up"}), checklist="polite",
    fires=('Hi Sam, did you see my message?', "I'm still waiting for your reply.", "You are not replying.",
           "I know you saw my profile.", "I sent you an invite but still you did not accept. Did you see it?",
           "It seems you didn't accept yet, so I am sending again.", "I already sent you my CV two times.",
           'Just following up to see if you received my last email?',
           "Circling back again since I still haven't gotten a response.",
           "Not sure if you missed my last two messages.", "I noticed you read my message but didn't reply.",
           "It's been two weeks and still nothing from you.", "Just checking whether you got my last three messages.",
           "I see you've been active on LinkedIn but haven't answered me.", "Please just let me know yes or no.",
           "I'll keep checking in every couple of days until I hear back.",
           "I see you viewed my profile but did not reply.", "I don't want to miss it because of a delay on your side.",
           "I know you've seen my previous messages.", "I messaged you on Monday and haven't heard back.",
           "This is the third time I'm writing about the role.", "Hi Sam?? Did you get a chance to look?",
           "Did you submit it or not?", "I have not gotten any reply till now.",
           "Since I got no response yet, I'm writing again.",
           "Please tell me whether you will refer me or not.", "Kindly confirm today whether you will refer me or not.",
           "You accepted my connection request but ignored all my messages."),
    quiet=("Hi Sam, bumping this in case it got buried. No worries if now isn't a good time.",
           "I'm writing again about the HR Business Partner position (req BA-6630).",
           "If you haven't accepted invitations from strangers, I understand.",
           "Hi Sam, following up once more on the Data Analyst role. No worries if not. Thanks!"),
    rationale="Follow-ups that guilt-trip get ignored; a light nudge with an out gets answers.",
)

# What a follow-up can point back at: the ask, the job, or the earlier message ("following up on my note",
# "bumping this": on LinkedIn the message it points at sits right above it).
_POINTS_BACK = re.compile(
    r"\b(?:this|that|above|earlier|previous|last|referr?al|refer(?:ring)?|recommend\w*|intro(?:duction)?|"
    r"application|applied|apply(?:ing)?|role|position|job|opening|posting|vacanc(?:y|ies)|req|cv|r[ée]sum[ée]|"
    r"portfolio|interview|message|note|e-?mail|inmail|dm|chat|call|coffee|conversation|question|process|offer|"
    r"candidacy|opportunit(?:y|ies)|team|test|assignment|assessment|task|spot|post|slot|gig|"
    r"placement|apprenticeship|internship|shift)\b")


def _no_context(draft: AnalysedDraft, ctx: CoachContext):
    if _POINTS_BACK.search(draft.lower) or company_named(draft, ctx) or names_role(draft):
        return
    # The example names no role it would have to guess: a wrong job pasted into a reminder is worse than none.
    company = recipient_company(ctx)
    yield NO_CONTEXT.finding(
        "This does not say what it follows up on. A few words on what you asked (or a \"bumping this\" under "
        "your message) let them act on it without working out what you mean.",
        suggestion="Name it in a few words, e.g. \"Following up on my note about the [role] role"
                   + (f" at {company}" if company else "") + ".\"")


NO_CONTEXT = Rule(
    code="followup.no-context", severity="info", check=_no_context, surfaces=frozenset({"follow_up"}),
    judges_ask=True, reads_english=True, judges_whole=True, checklist="specific",
    abstains=their_turn,  # an answer to their message is about what they said
    fires=("Hi Sam, any news? Thanks!", "Just checking in! I know you're busy. Thanks so much.",
           "Hi Sam, any update? No worries if not!"),
    quiet=("Hi Sam, following up on my note about the Data Analyst role. No worries if not. Thanks!",
           "Hi Sam, were you able to submit the referral? Thanks!",
           "Hi Sam, any news on Stripe's side? Thanks!", "Hi Sam, bumping this in case it got buried. Thanks!"),
    rationale="A reminder that says what it is about can be acted on without scrolling back.",
)
NO_EARLIER = Rule(
    code="followup.no-earlier", severity="warning", check=_no_earlier, needs=frozenset({"thread"}),
    rationale="A follow-up to a message that was never sent shows a template, or the wrong person.",
)

RULES = [TOO_SOON, OK, TOO_LATE, STOP, PRESSURE, NO_CONTEXT, NO_EARLIER]
