"""tone.disparaging: running other people down ("the panel was a bit disorganised", "I don't think the recruiter
even read my CV", "better than any graduate", "more than most people in your team"). The reader may work with
the people criticised, or pass the message on; a referrer who sees you blame their colleagues, or lift yourself
by putting others down, is slow to put their name behind you."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import negated

# Harsh words, each searched as a substring first (in C, a few µs) before the pattern built from them.
_HARSH_WORDS = ("disorganised", "disorganized", "unprofessional", "incompetent", "rude", "clueless", "useless", "lazy",
                "terrible", "awful", "horrible", "chaotic", "biased", "unfair", "arrogant", "toxic", "ridiculous",
                "pathetic", "careless", "dismissive", "condescending", "a joke", "a mess", "a shambles",
                "a waste of time", "a waste of my time", "cutting it", "up to the job", "up to scratch", "clowns",
                "idiots", "morons", "amateurs")
_HARSH_AT = re.compile(r"\b(?:" + "|".join(map(re.escape, _HARSH_WORDS)) + r")\b")
_PEOPLE = (r"(?:recruiters?|panel|interviewers?|hiring (?:manager|team)|hr|manager|boss|team|process|company|"
           r"management|colleagues?|staff|employer|leadership|department|interview|case study|assessment|test|"
           r"exercise)")
# Who is judged, read back from the harsh word: "the panel was a bit disorganised", "my current manager is toxic",
# "my manager, who was pretty toxic".
_JUDGED = re.compile(
    r"\b(?:the|your|their|that|this|my(?: (?:current|old|former|previous|last))?) (?:[\w-]+ ){0,2}?" + _PEOPLE
    + r"(?: (?:at|in|of|from) [\w&.-]+(?: [\w&.-]+)?)?(?: there| here)?(?:,? (?:who|which|that))? (?:was|were|is|are|"
      r"seemed|seems|looked|felt|"
      r"(?:(?:obviously|clearly) )?(?:isn't|aren't|wasn't|weren't))(?: (?:a bit|a little|quite|very|so|really|totally|"
      r"completely|pretty|kind of|somewhat|honestly|frankly|just|clearly|obviously|rather|extremely))* $")
# Blame for not being read: "I don't think the recruiter even read my CV properly" (the reading first, then who).
_READ = re.compile(r"\b(?:read|look(?:ed)? at|open(?:ed)?) (?:my|the) (?:cv|resume|résumé|application|portfolio)\b"
                   r"(?: properly)?")
_READ_WORDS = ("read my", "read the", "look at my", "looked at my", "look at the", "looked at the", "open my", "opened my")
_READER = re.compile(
    r"\b(?:recruiters?|hr|hiring manager|panel|interviewers?|they|he|she|nobody|no one|no-one) (?:clearly |obviously )?"
    r"(?:didn't |did not |never |hasn't |has not |haven't |have not |hadn't |had not )?(?:even |actually |properly )?"
    r"(?:bother(?:ed)? to )?$")
# Lifting oneself by putting others down: "better than any graduate", "more than most people in your team".
# ("then" as many write it: "better then most germans in your workshop".)
_ABOVE = re.compile(
    r"(?:better|smarter|stronger|(?:more )?qualified|(?:more )?experienced) th[ae]n (?:"
    r"(?:any|most|all|half|every|the rest)(?: of)?(?: the| your| their)?(?: other)? (?:[\w-]+ )?(?:graduates?|"
    r"candidates?|applicants?|people|engineers|developers|staff|employees|colleagues|team|one|body|of them)\b"
    r"|(?:anyone|anybody|everyone|everybody) else\b"
    r"|most (?:[\w-]+ ){1,2}(?:in|on|at) (?:your|the|their) [\w-]+)"
    r"|more than (?:most|all|half|any)(?: of)?(?: the)? (?:people|engineers|developers|staff|employees|candidates|"
    r"applicants|one)(?: (?:in|on|at) (?:your|the|their) (?:team|company|department|office))\b")
_COMPARED = re.compile(r"\b(?:better|smarter|stronger|more qualified|more experienced|more)$")
# Blame with doubt in front ("I don't think the recruiter even read my CV") is still blame; the negation test
# below would take it for a denial, so these words are let through.
_DOUBT = re.compile(r"\b(?:don't|do not) think\b[^.!?]{0,40}$")


def _put_downs(lower: str):
    """Each (start, end) of a put-down. Each pattern is searched only when its words are in the draft: substring
    tests (in C) cost a few µs, a search tried at every word 30-70 on a long message."""
    for m in (_HARSH_AT.finditer(lower) if any(map(lower.__contains__, _HARSH_WORDS)) else ()):
        s = max(0, m.start() - 70)
        if j := _JUDGED.search(lower, s, m.start()):
            yield j.start(), m.end()
    if any(map(lower.__contains__, _READ_WORDS)):
        for m in _READ.finditer(lower):
            if who := _READER.search(lower, max(0, m.start() - 60), m.start()):
                yield who.start(), m.end()
    for than in (" than ", " then "):
        at = lower.find(than)
        while at != -1:  # each "than", and the comparative before it
            if (word := _COMPARED.search(lower, max(0, at - 20), at)) and (m := _ABOVE.match(lower, word.start())):
                yield m.span()
            at = lower.find(than, at + 6)


def _disparaging(draft: AnalysedDraft, _ctx: CoachContext):
    for start, end in sorted(_put_downs(draft.lower)):
        if negated(draft, start, 20) and not _DOUBT.search(draft.before_in_sentence(start, 50)):
            continue
        said = draft.text[start:end]
        comparison = " than " in said.lower() or " then " in said.lower()
        yield DISPARAGING.finding(
            f"\"{said}\" " + ("lifts you by putting others down" if comparison else "criticises other people")
            + ". The reader may work with them, or pass your message on, and blame or put-downs make them wary of "
              "putting their name behind you.", draft, (start, end),
            suggestion=("Say what you bring in your own terms: one result, with a number if you have one."
                        if comparison else
                        "Leave the criticism out; if you want to know something, ask it plainly, e.g. \"Is there any "
                        "feedback you could share?\""))
        return  # once: one card says it; the user will read the draft again


DISPARAGING = Rule(
    code="tone.disparaging", severity="warning", check=_disparaging, reads_english=True, judges_words=True,
    checklist="polite",
    rationale="Criticism of the referrer's colleagues or company, or of other candidates, reads as a risk to the "
              "person whose name would stand behind you.",
    fires=("Honestly the panel was a bit disorganised, so I'm not sure how it went.",
           "I left my last job after a conflict with my manager, who was pretty toxic.",
           "I don't think the recruiter even read my CV properly.",
           "I have 12 years driving for DHL so I know logistics better than any graduate.",
           "I have 10 years of experience, probably more than most people in your team.",
           "I think the process at Nova is very unfair.",
           "Your current team obviously isn't cutting it.",
           "I am better then most germans in your workshop.", "I'm stronger than anyone else you're talking to.",
           "Honestly the rest of the sales team there are clowns.",
           "The second interviewer was late and clearly hadn't read my CV, and the case study was unfair.",
           "My current manager is toxic, so I need to leave. Could you refer me for the Data Analyst role?"),
    quiet=("The panel was very kind, and I learned a lot. Thank you for the referral!",
           "I finished the course better than I started it, and then most of my evenings went to the project.",
           "The process was long but clear. Thanks for checking in.",
           "I have more than five years of experience with SQL.",
           "I'm not saying the team was disorganised; it was a busy week for everyone.",
           "She had read my CV closely and asked great questions about it.",
           "I was a bit disorganised in the first round, so I prepared better for the second.",
           "My manager is supportive of my move. Could you refer me for the Data Analyst role?"),
)

RULES = [DISPARAGING]
