"""dup.mass-message: the draft is a near-copy of notes already sent to other people (names,
companies and roles masked; companion.store.massindex documents the similarity and threshold).
dup.mass-followup: the draft reminds someone of a note that went, near word for word, to others too.
dup.says-mass: the draft itself says it went to many ("I'm reaching out to everyone I can find at X").
"""

import re

from companion.coach.analysis import AnalysedDraft, starts_word
from companion.coach.engine import CoachContext, Rule, phrase_rule
from companion.coach.matching import first_name, recipient_company, recipient_log, recipient_slug, same_company
from companion.coach.outreach_view import iso, say_date
from companion.coach.rules.followup import reminds


def _mask_words(ctx: CoachContext) -> tuple[str, ...]:
    words = [ctx.recipient_name, ctx.company]
    if ctx.profile is not None:
        words += [ctx.profile.name, ctx.profile.current_company, ctx.profile.current_title]
    return tuple(w for w in words if w)


def _mass_message(draft: AnalysedDraft, ctx: CoachContext):
    m = ctx.outreach.mass_check(draft.text, recipient_slug(ctx), _mask_words(ctx))
    if m is None:
        return
    first, last = say_date(m.first_ms, ctx.now), say_date(m.last_ms, ctx.now)
    when = f"on {last}" if first == last else f"between {first} and {last}"
    company = recipient_company(ctx) or ((rec := recipient_log(ctx)) and rec.company)
    # Colleagues compare notes, and a referral tool shows each of them the same candidate: copies to one
    # company are a campaign they can see, where copies spread over several companies may go unnoticed.
    colleagues = sum(same_company(company, theirs) for theirs in m.companies)
    if m.recipients == 1:
        to_whom = f"{m.names[0] if m.names else '1 other person'} {when}"
    else:
        at = (f" at {company}" if colleagues == m.recipients else f", {colleagues} of them at {company},"
              if colleagues > 1 else "")
        to_whom = f"{m.recipients} other people{at} {when}" + (f", most recently {m.names[0]}" if m.names else "")
    campaign = colleagues > 1
    yield MASS_MESSAGE.finding(
        f"This draft is {round(m.similarity * 100)}% the same (names and companies aside) as what you "
        f"sent to {to_whom}. " + (
            f"Colleagues at {company} talk, and their referral tool shows them the same name again and again: "
            "to them this is a campaign, and the easiest answer to a campaign is no answer." if campaign else
            "People compare notes, and a message that could go to anyone reads as one that did."),
        severity="error" if campaign else "warning" if m.recipients > 1 else "info",
        suggestion=(f"Stop writing to everyone at {company}. Choose the one or two people best placed to help "
                    "(on the role's team, or with a shared employer or school), and write to them about one "
                    "posting, with a line on why them." if campaign else
                    "Rewrite the opening around them: their work, a post, a shared employer or school, "
                    "and why this team in particular."),
        data={"recipients": m.recipients, "messages": m.messages, "similarity": m.similarity,
              "threshold": m.threshold, "first_sent": iso(m.first_ms), "last_sent": iso(m.last_ms),
              "recent": list(m.names[:5]), "same_company": colleagues},
    )


MASS_MESSAGE = Rule(
    code="dup.mass-message", severity="warning", check=_mass_message,
    needs=frozenset({"outreach"}),
    rationale="A copy-pasted note signals a mass campaign; referrers want to vouch for someone who "
              "chose them for a reason.",
)


def _people(names: tuple[str, ...], count: int) -> str:
    """"Ben Ortiz", "Ben Ortiz and Carla Mendes", "Ben Ortiz, Carla Mendes and 3 others"."""
    shown, rest = names[:2], count - len(names[:2])
    if not shown:
        return f"{count} other people"
    if not rest:
        return " and ".join(shown)
    return ", ".join(shown) + f" and {rest} other" + ("s" if rest > 1 else "")


def _mass_followup(draft: AnalysedDraft, ctx: CoachContext):
    if not reminds(draft, ctx) or (m := ctx.outreach.copies_sent_to(recipient_slug(ctx))) is None:
        return
    rec = recipient_log(ctx)
    them = first_name(ctx, rec) or "them"
    when = f" on {say_date(rec.sent[0].at_ms, ctx.now)}" if rec is not None and rec.sent else ""
    yield MASS_FOLLOWUP.finding(
        f"What you sent {them}{when} went near word for word to {_people(m.names, m.recipients)} too. A reminder "
        "of a message that could have gone to anyone reads as part of a campaign, and colleagues compare notes.",
        severity="warning" if m.recipients > 1 else "info",
        suggestion=f"Follow up only with the one or two best placed to help, not everyone who got it, and let "
                   f"this reminder be the message written for {them}: one line on why them (their team, something "
                   "they wrote or built, a shared employer or school), then the ask in a sentence.",
        data={"recipients": m.recipients, "messages": m.messages, "similarity": m.similarity,
              "first_sent": iso(m.first_ms), "last_sent": iso(m.last_ms), "recent": list(m.names[:5])},
    )


MASS_FOLLOWUP = Rule(
    code="dup.mass-followup", severity="warning", check=_mass_followup,
    needs=frozenset({"outreach"}), judges_ask=True,  # a thank-you or an update reminds them of nothing
    rationale="A reminder of a copy-pasted note repeats the campaign; the follow-up is the chance to write to "
              "this person.",
)

# The writer, writing or having written, to many people at once. It opens with the letter "i", so re
# finds candidates fast; the word start is checked after (skip).
_CROWD = (r"(?:many|several|multiple|numerous|a (?:number|lot|bunch) of|lots of|dozens of|hundreds of|"
          r"all (?:the )?|every|everyone|everybody|anyone|as many)\b")
_PEOPLE = (r"(?:people|employees|professionals|recruiters|engineers|managers|folks|contacts|connections|companies|"
           r"colleagues|coworkers|co-workers|teammates|seniors|alumni)\b")
# Messaging takes the people as its object ("I've messaged several people"); writing and sending take a
# thing ("I've written several notes on pipelines"), so with those the crowd comes after "to".
_SAYS_MASS = re.compile(
    r"i(?:(?:(?:'m| am|'ve been| have been) (?:also )?(?:reaching out|messaging|contacting|e-?mailing)|"
    r"(?:'ve| have) (?:also )?(?:reached out|messaged|contacted|e-?mailed))(?: to(?: (?:connect|network) with)?)?"
    r"|(?:(?:'m| am|'ve been| have been) (?:also )?(?:writing|sending (?:this|it))|"
    r"(?:'ve| have) (?:also )?(?:written|sen[dt] (?:this|it|the same|same)))"
    r"(?: (?:note|message|msg|request|email|invite|invitation))? to)"  # "I'm sending this note to everyone"
    r" (?:" + _CROWD + r"|(?:over |more than |about |around |nearly |almost )?(?:\d+\+?|two|three|four|five|"
    r"six|seven|eight|nine|ten|a few|a couple) (?:other |more )?(?:of your )?" + _PEOPLE
    + r"|(?:[\w-]+ )?(?:people|employees|professionals|recruiters|folks|contacts|managers|engineers|leaders) "
    r"(?:(?:at|in|across|from) (?:" + _CROWD + r"|\d+\+?(?!\w))|in (?:your|the|my) (?:industry|field|sector|space)\b|"
    # "professionals at leading companies like yours": a class of companies, not theirs
    r"(?:at|in|from) (?:(?:leading|top|various|different|great|other) )?(?:companies|firms|organi[sz]ations) like yours\b))")

SAYS_MASS = phrase_rule(
    "dup.says-mass", _SAYS_MASS,
    "\"{w}\" tells them they are one of a crowd you wrote to. A referral is a personal vouch, "
    "and nobody wants to be one name on a list.",
    "Drop it, and say why you wrote to them in particular: their team, their work, or a shared past.",
    skip=lambda draft, m, _ctx: not starts_word(draft.lower, m.start()),
    severity="warning", reads_english=True,
    fires=("I'm reaching out to everyone I can find at Stripe who works in engineering.",
           "I am reaching out to professionals at leading companies like yours.",
           "I am writing to many professionals at top companies.", "I've messaged several people on your team.",
           "I've messaged 40 people at Stripe and nobody replied.",
           "I am reaching out to employees at several companies in fintech.",
           "I'm sending this note to everyone because I'm open to any role.",
           "I'm reaching out to engineering managers at several companies in Toronto.",
           "I've also messaged five of your colleagues about the Facilities Officer post.",
           "I've reached out to a few of your colleagues too.",
           "I am reaching out to connect with professionals in your industry.",
           "I have send same msg to many seniors but no one reply."),
    quiet=("I'm reaching out because I loved your post on event sourcing.", "I've written to you before about it.",
           "I'm writing to ask about the Data Analyst role.", "I've written 40 blog posts on data engineering.",
           "I'm reaching out to people at Stripe whose work I admire, starting with you.",
           "I'm reaching out to engineering managers at Stripe who work on payments.",
           "I've also reached out to your colleague Dana, who suggested I write to you.",
           "I've written two cover letters this week.", "I've written several notes on data pipelines."),
    rationale="Saying you wrote to many undoes any personal word; referrers vouch for people who chose them.",
)

RULES = [MASS_MESSAGE, MASS_FOLLOWUP, SAYS_MASS]
