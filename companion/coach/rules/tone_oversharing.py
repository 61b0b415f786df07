"""tone.oversharing: the writer's own hardship told at length to someone asked for a favour: health ("I had a
breakdown and was signed off for depression"), money ("behind on rent"), family ("my husband passed in March"),
the search itself ("rejected at final stage three times", "out of work for 8 months") and what hangs on the answer
("this means everything", "a disaster for my family").
One neutral line explains a gap; a string of private detail makes a stranger uneasy, turns the ask into a plea,
and says nothing a referrer can vouch for. It counts the details and their kinds, so a single mention ("after my
father passed away I took a year out") stays quiet."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.language import sentence_bounds

_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_KIN = (r"(?:father|mother|dad|mum|mom|papa|mama|husband|wife|partner|son|daughter|child|kids?|children|brother|"
        r"sister|grandmother|grandfather|grandma|grandpa|parents?)")
_KINDS = {
    "health": re.compile(
        r"\b(?:(?:nervous |mental )?breakdown|depress(?:ion|ed)|anxiety (?:disorder|attacks?)|panic attacks?|ptsd|"
        r"burn-?out|burn(?:ed|t) out|(?:for|with) my mental health|signed off(?: sick| work)?|sick leave|medical leave|on disability|chemo(?:therapy)?|"
        r"(?:my|his|her|had|have|with|diagnosed with|battling|beat) (?:\w+ )?cancer|(?:had|having|needed|major|back|"
        r"heart|after) surgery|(?:was|were|got|been|being) diagnosed|my diagnosis|rehab|addiction|"
        r"(?:had|has|suffered) an? (?:stroke|heart attack|seizure|miscarriage)|dementia|alzheimer's|parkinson's|"
        r"" + _KIN + r"(?:'s)? (?:is |was |has been |fell |got |became )?(?:very |seriously |terminally |chronically )?"
        r"(?:ill|sick)|(?:in|my|his|her|son's|daughter's) therapy|hospitali[sz]ed|in (?:the )?hospital|"
        r"hospital (?:stays?|visits?)|in and out of hospital|"
        r"(?:was|been|am|is|got) (?:very |seriously |terminally |chronically )?(?:ill|sick)|(?:my|his|her|a long) "
        r"illness|struggling with (?:my )?(?:mental health|confidence|depression|anxiety)|"
        r"(?:knocked|shot|destroyed|crushed) my confidence|my confidence (?:is|has been) (?:shot|gone|destroyed))\b"),
    "money": re.compile(
        r"\b(?:behind on (?:(?:my|the|our) )?(?:rent|bills|payments|mortgage)|(?:rent )?arrears|(?:can't|cannot|"
        r"couldn't) (?:afford|pay (?:my|the|our) (?:rent|bills|mortgage))|in debt|my debts?|overdraft|evict(?:ed|ion)|"
        r"bankrupt(?:cy)?|food banks?|(?:bank|banks|creditors|debt collectors|bailiffs|landlord) (?:is |are )?"
        r"(?:chasing|after (?:me|us)|threatening)|(?:lost|losing) (?:my|our) (?:home|house|flat|apartment)|"
        r"(?:no|zero) (?:income|savings|money left)|mortgage (?:renewal|payments?|is due)|savings (?:are )?running out|"
        r"running out of (?:money|savings))\b"),
    "family": re.compile(
        r"\b(?:(?:marriage|relationship) (?:ended|broke down|fell apart)|divorc(?:e|ed|ing)|separated from|"
        r"passed away|(?:he|she|they|" + _KIN + r") passed (?:in " + _MONTH + r"|last|away|on)|died|death of|"
        r"funeral|bereave\w*|to look after (?:them both|both of them|my " + _KIN + r")|"
        r"widow(?:ed|er)?|custody|(?:kids|children|son|daughter) (?:are|is) (?:staying|living) with|"
        r"single (?:mum|mom|parent|mother|father)|(?:wife|partner|girlfriend) is pregnant|family emergency|"
        r"(?:tough|hard|a strain) on (?:my|our) (?:family|marriage|kids|children)|"
        r"(?:his|her|their|my \w+'s) (?:full-time )?carer|caring for my|(?:wife|partner) is on maternity leave|"
        r"(?:stressful|tough|hard|difficult) at home)\b"),
    # The search itself as a hardship: rejections counted, months out of work.
    "search": re.compile(
        r"\b(?:(?:been |got |getting )?rejected\b[^.!?\n]{0,30}?\b(?:\d+|two|three|four|five|six|many|several|so many) "
        r"times|(?:\d+|dozens of|hundreds of|so many) rejections|(?:out of work|unemployed|without (?:a )?(?:job|work)) "
        r"(?:for|since) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|over a|almost a|nearly a) "
        r"(?:\w+ )?(?:months?|years?))\b"),
    # What hangs on the answer, laid on them: "this means everything", "it would mean the world to me and my family".
    "stakes": re.compile(
        r"\b(?:(?:this|it) (?:means|would mean|will mean) (?:everything|the world)|(?:disaster|devastating|the end) for "
        r"(?:me and )?my family|my family (?:depends|is depending|is counting|relies) on)\b"),
}
# A sentence about the writer's work with others' hardship is experience, not oversharing: "I nursed patients
# through chemotherapy", "I supported families after a bereavement".
_AT_WORK = re.compile(r"\b(?:patients?|clients?|residents?|service users?|caseload|ward|clinic(?:al)?|treat(?:ed|ing)?|"
                      r"support(?:ed|ing)? (?:people|families|adults|children|students)|counsel(?:l?ed|l?ing))\b")
_LABELS = {"family": "family", "health": "health", "money": "money", "search": "the search",
           "stakes": "what hangs on it"}
MIN_DETAILS, MIN_KINDS = 3, 2  # three details, or two of different kinds: more than one line on a gap
# A word every reading above needs. Most drafts have none, and a set lookup of their words is a tenth of what
# the three patterns cost to scan.
_ANCHORS = frozenset(
    "breakdown depression depressed anxiety panic ptsd burnout burn-out signed sick leave disability chemo "
    "chemotherapy cancer surgery diagnosed diagnosis rehab addiction stroke attack seizure miscarriage dementia "
    "alzheimer's parkinson's ill therapy hospital hospitalised hospitalized stays visits illness struggling rent "
    "behind arrears afford pay debt debts overdraft evicted eviction bankrupt bankruptcy food chasing after threatening "
    "lost losing income savings money marriage relationship divorce divorced divorcing separated passed died death "
    "funeral bereaved bereavement look widow widowed widower custody staying living single pregnant emergency "
    "tough hard strain carer caring knocked shot destroyed crushed confidence mortgage savings running maternity "
    "stressful difficult burned burnt mental".split())
# The two kinds read on ordinary words ("work", "family") are looked for by phrase, which few drafts have.
_KIND_PHRASES = {"search": ("rejected", "rejections", "unemployed", "out of work", "without a job", "without work"),
                 "stakes": ("everything", "the world", "disaster", "devastating", "the end for", "my family")}
_STRIP = ".,!?;:()\"'“”‘’…"


def private_details(draft: AnalysedDraft) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each private detail, in order, leaving out sentences about the writer's work."""
    return draft.remember("private details", lambda: _details(draft))


def _details(draft: AnalysedDraft) -> list[tuple[str, int, int]]:
    lower = draft.lower
    anchored = not _ANCHORS.isdisjoint(w.strip(_STRIP) for w in lower.split())
    found = []
    for kind, rx in _KINDS.items():
        phrases = _KIND_PHRASES.get(kind)
        if not (any(map(lower.__contains__, phrases)) if phrases else anchored):
            continue
        for m in rx.finditer(draft.lower):
            s, e = sentence_bounds(draft, m.start())
            if not _AT_WORK.search(draft.lower, s, e):
                found.append((kind, m.start(), m.end()))
    return sorted(found, key=lambda d: d[1])


def oversharing(found: list[tuple[str, int, int]]) -> bool:
    """Whether these private details are too many to tell: three, or two of different kinds."""
    return len(found) >= MIN_DETAILS or len({k for k, _, _ in found}) >= MIN_KINDS


def _oversharing(draft: AnalysedDraft, _ctx: CoachContext):
    found = private_details(draft)
    if not oversharing(found):
        return
    kinds = sorted({k for k, _, _ in found})
    said = ", ".join(f"\"{draft.text[s:e]}\"" for _, s, e in found[:3])
    labels = [_LABELS[k] for k in kinds]
    topics = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
    yield OVERSHARING.finding(
        f"This tells a lot of private hardship ({topics}: {said}) to someone you are asking for a favour. Detail like "
        "this makes a near-stranger uneasy and turns the ask into a plea, and none of it is something a referrer "
        "can vouch for.",
        draft, (found[0][1], found[0][2]),
        suggestion="Keep it to one neutral line, e.g. \"I took time away for family reasons and am ready to return "
                   "full time\", then say what you do well and what you ask.",
        data={"kinds": kinds, "details": len(found)})


OVERSHARING = Rule(
    code="tone.oversharing", severity="warning", check=_oversharing, reads_english=True,
    fires=("My marriage ended last year, I had a breakdown and was signed off for depression, and now I'm behind on "
           "rent. Could you refer me for the Front Office Manager role at Stripe?",
           "The last five years were hard: my husband was very ill and I was his carer until he passed in March, "
           "and I've been struggling with confidence since.",
           "My wife is on maternity leave and the mortgage renewal is coming up, so things are stressful at home.",
           "I've been rejected at final stage three times this year and honestly my confidence is shot.",
           "I was let go in September and my savings are running out, so honestly this means everything.",),
    quiet=("After my father passed away I took a year out; I'm now ready to return to nursing full time.",
           "I took a career break to care for a family member and kept my registration current.",
           "I worked on the oncology ward, where I helped patients through chemotherapy after surgery.",
           "For five years I supported families after a bereavement, many caring for my clients' parents.",
           "I'm an operations manager; I ran our surgery scheduling system for three hospitals.",
           "I broke the sales record at Stripe last year.", "Thank you, it would mean the world to me.",
           "I've been out of work for 4 months since the plant closed, and used the time to finish my PLC course."),
    rationale="One neutral line explains a gap; private hardship told at length unsettles a stranger and vouches "
              "for nothing.",
)

RULES = [OVERSHARING]
