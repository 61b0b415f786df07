"""relationship.cold-ask: asking a stranger for a referral in the very first message, when nothing
shows a relationship (docs/rules.md lists what does)."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule
from companion.coach.intent import replies_to_them, their_last, they_agreed, told_as_history
from companion.coach.language import sentence_bounds
from companion.coach.matching import (
    HIRING_INTRO, NOT_THE_PROGRAMME, first_name, is_recruiter, names_a_mutual, negated, recipient_log,
)
from companion.coach.rules.personal import says_something_specific
from companion.coach.rules.relationship import (
    INTRODUCED, SHARED_PAST, TALKED_BEFORE, THANKED_FOR, THEY_SAID, claims_shared, shared_history,
)
from companion.coach.stated import follows_a_talk

ASK = re.compile(
    r"\b(?:refer(?:ring)?\s+me|(?:a|an|the|your)\s+(?:internal\s+)?referral" + NOT_THE_PROGRAMME
    # ("Submit my referral" asks; "any news on my referral?" and "did you submit my referral?" ask after one.)
    + r"|(?<!did you )(?<!have you )(?<!did you already )(?<!have you already )(?:submit|put\s+in|send\s+in|file|do)\s+my\s+referral"
    # Someone else's referral is an ask too: "could you refer her as well?"
    + r"|refer(?:ring)?\s+(?:him|her|them|my\s+(?:\w+\s+)?(?:friend|cousin|brother|sister|colleague|partner|wife|"
    r"husband|son|daughter))(?=\s+(?:too|as\s+well|also|for)\b|\s*[?.!,]|$)"
    + r"|recommendation\s+letter|"
    r"letter\s+of\s+recommendation|(?:be|as)\s+(?:a\s+|my\s+)?(?:professional\s+)?reference|"
    r"(?:get|put)\s+my\s+(?:resume|résumé|cv|application|name)\s+in\s+front\s+of|"
    r"(?:submit|forward|pass)(?:ed|ing)?(?:\s+on|\s+along)?\s+my\s+(?:resume|résumé|cv|application|profile|name)|"
    r"put(?:ting)?\s+(?:my\s+name|me)\s+forward|"
    r"put\s+in\s+a\s+(?:good\s+)?word|recommend\s+me|vouch\s+for\s+me|write\s+(?:me\s+)?a\s+(?:\w+\s+)?recommendation|"
    r"(?:everyone|anyone)\s+you\s+know|" + HIRING_INTRO + r")\b")
# Thanks for a referral already given, what it did, or talk about a referral programme, ask for nothing.
_NOT_ASK = re.compile(r"\b(?:thanks?|thank\s+you|grateful|owe\s+you(?:\s+\w+){0,2})\s+(?:\w+\s+){0,2}for\s+"
                      r"(?:the|your|that|this)\s*$"
                      # "thank you again for referring me" (not "…in advance for", nor "grateful for a referral")
                      r"|\b(?:thanks?|thank\s+you)\s+(?!in\s+advance\b)(?:\w+\s+){0,2}for\s+$"
                      r"|\b(?:without|because\s+of|thanks\s+to)\s+(?:the|your)\s*$|\bprogram")
# A line of the draft that shows the two have talked before. "Thanks for connecting" does not:
# accepting an invitation is not a relationship.
PRIOR_CONTACT = re.compile(
    r"\b(?:we\s+(?:met|spoke|talked|chatted|worked|studied|were|overlapped)|"
    r"we\s+connected\s+(?:[\w-]+\s+){0,3}?(?:after|at|during)\s+(?:your|the|a)\b|"  # in person, not a click
    # An old acquaintance's greeting and a memory shared: "Long time! Remember at Corvanta who stayed back…"
    r"(?:^|(?<=[.!?,]\s))long\s+time(?=\s*[!,.])|remember\s+(?:at|when|the\s+time|our|how\s+we)\b|"
    r"(?:great|good|nice|lovely)\s+"
    r"(?:meeting|seeing|chatting|talking|speaking|catching\s+up|to\s+(?:chat|talk|speak|catch\s+up)|"
    r"to\s+meet\s+you\s+(?:at|during|on|last|yesterday|earlier|today))|long\s+time\s+no\s+(?:talk|see|chat)|"
    r"thanks?\s+(?:you\s+)?(?:so\s+much\s+)?(?:again|for\s+(?:getting\s+back|your\s+(?:reply|response|help|advice)|"
    r"replying|the\s+(?:chat|call|conversation|advice|intro)|taking\s+the\s+time))|"
    r"as\s+(?:we\s+)?discussed|as\s+promised|(?:following|follow)\s+up\s+on|last\s+time\s+we|"
    r"since\s+we\s+(?:last|spoke|talked|met)|our\s+(?:previous|last|earlier|recent)\s+(?:conversation|chat|call|meeting)|"
    r"thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+(?:sharing|explaining|walking\s+me\s+through)|"
    r"worked\s+(?:together|(?:with|for|under)\s+you)|(?:former|old)\s+(?:colleague|teammate|classmate|manager)|"
    # Work done together, said of it: "I ran payroll for 600 staff at Nordlicht with you" (audit 87-06).
    r"(?:ran|built|led|managed|shipped|handled|taught|studied|trained|did)\s+"
    r"(?:(?!connect|chat|talk|speak|meet|share|work\b)[\w&'-]+\s+){0,8}?with\s+you(?!\s+(?:soon|again|later))|"
    r"(?:it's|it\s+has)\s+been\s+(?:ages|forever|too\s+long)|"
    r"reconnect|know\s+my\s+work|" + TALKED_BEFORE + "|" + SHARED_PAST + "|" + INTRODUCED + "|" + THANKED_FOR
    + "|" + THEY_SAID + r")\b")


def _has_history(ctx: CoachContext) -> bool:
    rec = recipient_log(ctx)
    return bool(rec is not None and (rec.sent or rec.replies) or ctx.thread is not None and ctx.thread.messages
                or ctx.profile is not None and ctx.own_profile is not None
                and shared_history(ctx.profile, ctx.own_profile))


def referral_asks(draft: AnalysedDraft):
    """Each request for a referral (or to be put forward) in the draft: not a thanks for one, not negated, not
    told as history ("thank you for agreeing to refer me")."""
    return (m for m in ASK.finditer(draft.lower)
            if not _NOT_ASK.search(draft.before_in_sentence(m.start(), 60)) and not negated(draft, m.start(), 20)
            and not told_as_history(draft, m.start()))


def first_referral_ask(draft: AnalysedDraft):
    """The first request for a referral (or to be put forward) in the draft, or None; once per draft."""
    return draft.remember("cold_ask.first", lambda: next(referral_asks(draft), None))


# A referral left for after a first talk: "If afterwards you felt comfortable referring me…", "if you think I am a
# good fit after, I will be happy for a referral". That is what the card would advise.
# A talk offered first, the referral its alternative: "Would you be open to a 15-minute chat about the team, or, if you
# think I'm a fit, referring me?" (audit 95-07).
_DEFERRED = re.compile(r"\bif\b.*\b(?:after(?:wards)?|later on|once we(?:'ve| have)? (?:talked|spoken|chatted|met))\b"
                       r"|\b(?:after(?:wards)?|later on|once we(?:'ve| have)? (?:talked|spoken|chatted|met))\b.*\bif\b"
                       r"|\b(?:chat|call|talk|coffee|conversation)\b[^.!?\n]{0,60}?\bor\b[^.!?\n]{0,30}?\bif you (?:think|feel)\b")


def _deferred(draft: AnalysedDraft, ask: re.Match[str]) -> bool:
    s, e = sentence_bounds(draft, ask.start())
    return bool(_DEFERRED.search(draft.lower, s, e))


# Their last message says you are strangers: "I don't think we've met though", "how did you find me?", "do I know you?"
_NEVER_MET = re.compile(r"\b(?:i )?(?:don't|do not) think we(?:'ve| have) (?:ever )?(?:met|spoken|talked|worked together)\b"
                        r"|\bhave we (?:ever )?(?:met|spoken|talked)\b|\bdo (?:i|we) know (?:you|each other)\b"
                        r"|\bhow did you find me\b|\bremind me how we (?:know|met)\b")


# Their last message offers a talk first: "happy to chat. Does Thursday at 4pm CET work for you?"
_THEY_OFFER_TALK = re.compile(r"\b(?:happy|glad|love|keen) to (?:chat|talk|speak|meet|hop on a call|jump on a call|have a call)\b"
                              r"|\b(?:a|quick|short|\d+[- ]?min(?:ute)?s?) (?:call|chat)\b")


def _cold_ask(draft: AnalysedDraft, ctx: CoachContext):
    ask = first_referral_ask(draft)
    theirs = their_last(ctx.thread)
    if ask is not None and theirs is not None and _THEY_OFFER_TALK.search(theirs) and not told_as_history(draft, ask.start()) \
            and not they_agreed(ctx.thread):
        who = first_name(ctx) or "They"
        yield COLD_ASK.finding(
            f"{who} offered to talk first, and \"{draft.text[ask.start():ask.end()]}\" asks for the referral before "
            "that talk. Let it come first: it is where they get to know you, and a referral asked after it is easier "
            "to give.", draft, ask.span(),
            suggestion="Confirm the time and keep the rest for the call; ask about the referral at the end of it, or "
                       "in your thank-you afterwards.")
        return
    if ask is not None and theirs is not None and _NEVER_MET.search(theirs) and not PRIOR_CONTACT.search(draft.lower) \
            and not claims_shared(draft, ctx) and not names_a_mutual(draft, ctx):
        who = first_name(ctx) or "They"
        yield COLD_ASK.finding(
            f"{who} just said you have not met, and \"{draft.text[ask.start():ask.end()]}\" asks them to vouch for "
            "you in the next line: a stranger who is wary rarely says yes to that.", draft, ask.span(),
            suggestion="Answer their question, say in a line why you wrote to them in particular, and ask one "
                       "question or for a short chat; ask for the referral once they know you.")
        return
    if ask is not None and is_recruiter(ctx):
        rec = recipient_log(ctx)
        if rec is None or rec.state not in ("agreed", "referred", "hired"):  # one who referred you before can again
            yield _to_recruiter(draft, ctx, ask)
        return
    if ask is None or PRIOR_CONTACT.search(draft.lower) or replies_to_them(draft) or claims_shared(draft, ctx) \
            or names_a_mutual(draft, ctx) or _has_history(ctx) or follows_a_talk(draft) or _deferred(draft, ask):
        return
    name = first_name(ctx)
    who, whose = (name, f"{name}'s") if name else ("them", "their")
    words = draft.text[ask.start():ask.end()]
    connected = ctx.profile is not None and ctx.profile.degree == 1
    stranger = "a connection they have never talked to" if connected else "a stranger"
    if says_something_specific(draft, ctx):
        # The draft already opens with something of theirs: not "build rapport" again, but the one choice left.
        yield COLD_ASK.finding(
            f"\"{words}\" asks {who} for a referral in your first message. What you say about them is a good "
            f"opening; still, many people answer a first message before they put their name behind {stranger}.",
            draft, ask.span(),
            suggestion="If the role can wait a few days, end with one question or a short chat instead, and ask for "
                       "the referral once they reply. If it cannot, send it as it is: specific, short and with an "
                       "easy out.")
        return
    # A connection may be someone you know: the page cannot tell, so the card says "if".
    history = (f"If you and {who} have not talked before, this" if connected else
               "This reads as your first message, with no earlier conversation or shared history between you: it")
    yield COLD_ASK.finding(
        f"\"{words}\" asks {who} to put their name behind you. {history} asks a lot; people rarely refer "
        f"{stranger}.",
        draft, ask.span(),
        suggestion=f"Build rapport first: say what drew you to {whose} work or team and ask one specific "
                   "question or for a short chat; ask for the referral once they have replied. If you do "
                   "share an employer, a school or a contact, say so first.",
    )


def _to_recruiter(draft: AnalysedDraft, ctx: CoachContext, ask: re.Match[str]):
    """A referral asked of a recruiter: a referral is an employee's word for you; a recruiter decides whether to
    put you forward for a role they fill, so the ask that works names the role and your fit."""
    who = first_name(ctx) or "They"
    return COLD_ASK.finding(
        f"\"{draft.text[ask.start():ask.end()]}\" asks a recruiter for a referral. A referral is an employee's word "
        f"for you; {who} fills roles, and puts forward candidates who fit one.",
        draft, ask.span(),
        suggestion="Ask to be considered for one role you name (title and job ID), with your fit in a sentence "
                   "and your resume; keep referral asks for people who would work with you.")


COLD_ASK = Rule(
    code="relationship.cold-ask", severity="info", check=_cold_ask, judges_ask=True,
    surfaces=ASK_SURFACES,
    fires=('Hi Sam, would you be open to referring me for the Data Analyst role at Stripe?', 'Can you refer me?',
           'Could you take a moment to write me a short recommendation?',
           'Could you forward my resume to anyone you know at Stripe?',
           "I saw the Data Analyst role at Stripe. I'd appreciate it if you passed my name along.",
           "Would you be willing to put my name forward for the Data Analyst role?",
           "It's been a while since I graduated, and I'm job hunting. Could you refer me?",
           "Could you refer me? I would be thrilled if you said yes.", "Could you vouch for me with the recruiter?",
           "I'm an electrician looking for new opportunities. Could you introduce me to your HR or hiring manager?",),
    quiet=("Would you be open to a 15-minute call? If afterwards you felt comfortable referring me, I'd be grateful.",
           "Would you be open to a 15-minute chat about the team, or, if you think I'm a fit, referring me?",
           "Hey Sam! Long time. Could you refer me for the Data Analyst role?",
           "I ran payroll for 600 staff at Nordlicht with you. Would you put in a good word for me for the Payroll "
           "Specialist role (job 2026-114)?",
           "Since I took over the dairy forecast you handed over to me, error is down to 22%. Would you refer me?",
           "Hey Sam, hope the Easton job is wrapping up ok. Any chance you could put in a good word for me?",
           'Hi Sam, great meeting you at PyCon! Would you be open to referring me?',
           'Hi Sam, since you kindly referred me last year, would you be open to referring me again?',
           'Thank you very much for the referral anyway. Could you refer me for the Senior role too?',
           'Hi Sam, I also interned at Stripe, back in 2019. Would you be open to referring me?',
           'Hi Sam, thanks again for the chat. Could you refer me?',
           'Thank you for speaking with me yesterday. Could you refer me?',
           'Do you feel you know my work well enough to refer me?',
           'Hi Sam, would you have 15 minutes to chat about your team?',
           "I'm a fellow DePaul accountancy grad (2020). Could you refer me for the Analyst role?",
           "Hi Sam, since our time together at Acme, I've moved into data. Could you refer me?",
           "It's been ages since our Microsoft days. Would you be open to referring me?",
           "I noticed we both spent time at Stripe. Could you refer me?",
           "I'm a final-year student at Kakatiya Institute, your alma mater! Could you refer me?",
           "You supervised my vacation work at Transnet. Would you write me a recommendation letter?",
           "Hi Sam, Jonah Reyes suggested I reach out. Would you consider referring me?",
           "Long time since IIT Kanpur hostel days! Could you refer me?",
           "It's been ages since Dr. Lin's compilers course at Purdue! Could you refer me for the SRE role?",
           "Thank you for the pointers on the interview loop at the career fair. Could you refer me?",
           "Thanks for your quick reply yesterday. Would you be open to referring me?",
           "I know you said the platform team is growing. Would you be open to referring me?",
           "You were my nurse manager at St. Anne's. Could you refer me?",
           "The role looks a lot like what we built at Ferro. Any chance you'd refer me?",
           "Sara Ito said you're at Mosaic. Could you refer me for the Analyst role?",
           "We connected last year after your talk at the Rust meetup. Could you introduce me to the hiring manager?",
           "Long time! Remember at Corvanta when we shipped the settlement batch at 2am? Could you refer me?",
           "Could you introduce me to Marcus Lee? I'd love to hear how he moved into data.",),
    rationale="A referral from a stranger is a favour with reputational risk; a short exchange first "
              "turns it into a recommendation they can stand behind.",
)

RULES = [COLD_ASK]
