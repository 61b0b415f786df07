"""reply.their-condition: their last message set a condition, and the reply passes it by. Three kinds:

- a requirement stated ("this post needs a Level 3 water treatment certificate") that the reply never mentions,
  or waves away ("I'm sure that won't matter");
- a requirement that bars going further ("We can't progress international applicants without it", after "do you
  have your NMBI registration yet?"), which the reply says is not met yet ("I am in process, they say 8 to 10
  weeks more"), then asks them to pass the CV on anyway;
- a step they want first ("I'd like to learn a bit more about you first. Could we do a quick call?", "send me the
  job ID once you've applied"), which the reply passes over to ask for the referral.

A reply that meets the condition, says where it stands, takes up the step, or keeps its ask for later ("once it
comes through, could I come back to you?") is quiet; a question they asked and the reply leaves open is
reply.unanswered's.
"""

import re

from companion.coach.analysis import WEEKDAY, AnalysedDraft
from companion.coach.conditions import APPLIED, NOT_YET, SENTENCES, WAVED, capital, goes_on, topic
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import their_last, they_declined, withdraws
from companion.coach.matching import first_name

_PRONOUN = re.compile(r"\s*(?:it|that|this|one|them|those)\b")
# A requirement: "we can't progress applicants without it", "I can only refer people once they've applied",
# "a valid work permit is required".
_REQUIRED = re.compile(
    r"\b(?:can't|cannot|can not|won't|unable to|not able to|don't|do not)\s+(?:\w+\s+){0,2}?(?:progress|consider|"
    r"refer|submit|accept|shortlist|put|move|process|interview|hire|sponsor|take|pass|forward|recommend)\b"
    r"[^.?!]{0,60}?\b(?:without|until|unless)\s+(?P<what>[^.?!,;]{2,60})"
    r"|\bonly (?:refer|consider|progress|accept|shortlist|take|put forward|recommend)\b[^.?!]{0,40}?"
    r"\b(?:once|after|with|who (?:have|hold|are))\s+(?P<what2>[^.?!,;]{2,60})")
# A requirement stated: "this post needs a Level 3 water treatment certificate", "the role requires an active
# Massachusetts RN license". (Not what they need from the writer: "I need your CV".)
_NEEDS = re.compile(r"\b(?:role|post|position|job|opening|vacancy|it|this|scheme|team) "
                    r"(?:needs|requires|must have|must hold)\s+(?:an? |the |your |to (?:have|hold) (?:an? )?)?"
                    r"(?P<need>[^.?!,;]{2,60})|(?P<need2>\b[^.?!,;]{2,40}?)\s+is (?:required|mandatory|essential|a must)\b")
# A requirement inside a no ("sorry, we can't sponsor, and the role needs someone on-site") is not one to meet.
_REFUSES = re.compile(r"\b(?:sorry|unfortunately|not able to|unable to)\b")
_AND = re.compile(r"\s+(?:and|but|so|or)\s+")
# A step they want first: a call, to know you, your application.
_FIRST = re.compile(r"\bfirst\b|\bonce you(?:'ve| have) (?:applied|submitted)\b|\bbefore (?:i|we) (?:can |could )?"
                    r"(?:refer|pass|forward|submit|put|recommend|go ahead|do anything|take (?:it|this))\b")
_CALL = re.compile(r"\b(?:call|chat|talk|speak|meet|coffee|zoom|teams|learn (?:a bit |a little )?more about you|"
                   r"get to know you|know (?:a bit |a little )?more about you)\b")
_APPLY = re.compile(r"\b(?:appl(?:y|ied|ication)|portal|careers (?:site|page))\b")
# The step taken up: a yes, a time, the call named.
_TAKES_STEP = re.compile(r"\b(?:yes|sure|happy to|glad to|love to|sounds good|works|" + WEEKDAY + r"|tomorrow|"
                         r"call|chat|talk|speak|meet)\b|\d\s*(?:am|pm)\b|\d:\d\d")
_GREETING = re.compile(r"^(?:hi|hello|hey|dear)\b[^,.!?]{0,30}[,!]\s*", re.IGNORECASE)


def _requirements(theirs: list[str]):
    """(sentence, topic words, stated) of each requirement in their message: one that bars going further ("we can't
    progress applicants without it"; "it" is the sentence before), or one stated ("the role needs CeMAP")."""
    for i, sentence in enumerate(theirs):
        m = _REQUIRED.search(sentence)
        stated = m is None
        m = m or (None if "?" in sentence else _NEEDS.search(sentence))  # a question is reply.unanswered's
        if m is None:
            continue
        what = next(g for g in m.groups() if g is not None)
        if _PRONOUN.match(what):
            if stated or not i:
                continue  # "the role needs it" says nothing of what
            what = theirs[i - 1]
        yield sentence, topic(_AND.split(what)[0]), stated


def _step(theirs: list[str]) -> tuple[str, str] | None:
    """Their sentence that asks for a step first, and which: "call" or "apply"."""
    for i, sentence in enumerate(theirs):
        if not _FIRST.search(sentence):
            continue
        around = sentence + (theirs[i + 1] if i + 1 < len(theirs) else "")
        if _CALL.search(around):
            return sentence, "call"
        if _APPLY.search(sentence):
            return sentence, "apply"
    return None


# What each kind says, after "{who} wrote "{theirs}", and": the finding, then the suggestion.
_SAYS = {
    "unanswered": ("your reply does not say whether you meet it. It decides whether they can take you forward, so "
                   "they will have to ask again, or stop there.",
                   "Say where you stand in the first line: that you have it (with its number or date), or when you "
                   "will, e.g. \"Yes, I hold it (no. 123456).\" or \"Not yet: I expect it by March.\""),
    "waved": ("\"{yours}\" waves it away. A requirement is theirs to waive, not yours.",
              "Say where you stand and ask whether that works, e.g. \"I sit the last exam in January. Would that "
              "timing work for this role?\""),
    "requirement": ("you say you do not have it yet: \"{yours}\" asks for the exception they just said they cannot "
                    "make.",
                    "Thank them, say when you expect it, and ask whether you may come back then, e.g. \"It should "
                    "come through in about 8 weeks. May I get back to you once it has?\""),
    "call": ("\"{yours}\" skips that step: it asks for the referral before the call they want.",
             "Take up the call first (a yes and two times that suit you), and keep the ask for after it."),
    "apply": ("\"{yours}\" skips that step: it asks for the referral before the application they asked for.",
              "Apply first, as they asked, and send them the job ID or your application confirmation."),
}


def _passed_by(theirs: list[str], reply: list[tuple[str, str]], mine: set[str], declined: bool,
               asked: str | None, draft: AnalysedDraft) -> tuple[str, str, str | None] | None:
    """(kind, their sentence, the reply's words to quote) of the first condition the reply passes by, or None."""
    for sentence, about, stated in _requirements(theirs):
        about = about - mine if stated else about  # what the writer named first is common ground, not the requirement
        if not about:
            continue
        on_it = [r for r, _ in reply if about & topic(r)]
        if stated and not on_it and not declined:
            return "unanswered", sentence, None
        waved = next((text for r, text in reply if WAVED.search(r)), None)
        if on_it and waved is not None:
            return "waved", sentence, waved
        if asked is not None and any(NOT_YET.search(r) for r in on_it):
            return "requirement", sentence, asked
    step = _step(theirs)
    if step is None or asked is None:
        return None
    sentence, kind = step
    if kind == "call" and _TAKES_STEP.search(draft.lower) or kind == "apply" and APPLIED.search(draft.lower):
        return None
    return kind, sentence, asked


def _condition(draft: AnalysedDraft, ctx: CoachContext):
    lower = their_last(ctx.thread)
    if lower is None or withdraws(draft):
        return
    original = ctx.thread.messages[-1].text
    said = {s.group(): capital(_GREETING.sub("", original[s.start():s.end()].strip()))
            for s in SENTENCES.finditer(lower)}
    mine = topic(" ".join(m.text.lower() for m in ctx.thread.messages if m.sender == "me"))
    reply = [(s.group(), draft.text[s.start():s.end()].strip()) for s in SENTENCES.finditer(draft.lower)]
    declined = they_declined(ctx.thread) is not None or _REFUSES.search(lower) is not None
    found = _passed_by(list(said), reply, mine, declined, goes_on(draft), draft)
    if found is None:
        return
    kind, sentence, yours = found
    message, suggestion = _SAYS[kind]
    yield CONDITION.finding(f"{first_name(ctx) or 'They'} wrote \"{said[sentence]}\", and "
                            + message.format(yours=yours), draft, None, suggestion=suggestion, data={"kind": kind})


CONDITION = Rule(
    code="reply.their-condition", severity="warning", check=_condition, needs=frozenset({"thread"}),
    surfaces=frozenset({"message"}),
    rationale="Someone who names what they need before they can help (a registration, a call, your application) "
              "has told you how to get their help; asking past it asks them to make an exception.",
)

RULES = [CONDITION]
