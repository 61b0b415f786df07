"""referral.more-favours: they have just referred you or said yes, and the reply piles more asks on them ("could you also
message the hiring manager? And would you mind reviewing my deck? Oh and could you refer my friend?"). Each
is a new favour from someone who already spent goodwill on you; one question is fine, a list is not."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import thanks_for_referral, their_last, they_declined, they_referred, withdraws
from companion.coach.matching import first_name
from companion.coach.rules.ask import asks_no_job

_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
# A sentence that asks something of them: a question, or "could you…", "would you mind…", "please…", "if you could
# introduce me to your VP, that would be amazing".
_ASKS_THEM = re.compile(r"\?|\b(?:could|would|can|will) you\b|\bwould you mind\b|\bif you (?:could|can|would)\b"
                        r"|\bplease (?!find\b|say no\b|don't\b|do not\b|feel free\b|ignore\b|disregard\b)")
# Small talk and thanks ask nothing: "How are you?", "How was the offsite?", "Can you believe it?"; nor does a
# check that what they asked for will do: "Is it enough? If you need more, please tell me."
_SMALL_TALK = re.compile(r"\W*(?:(?:and|so|also|btw)\W+)?(?:how (?:are|is|was|were|have|did) (?:you|things|your|the)\b|"
                         r"can you believe\b|(?:thank|thanks)\b|what a\b|is (?:it|this|that) (?:enough|ok|okay|fine|alright|"
                         r"good enough)\b|.*\bif you need\b)")
MANY = 2  # one question after thanks ("any tips for the onsite?") is fine; two or more are a list


# Their yes: "Yes of course, could you send me your CV?", "Sure, happy to refer you", "I can refer you for it".
_SAID_THEY_REFER = re.compile(r"\bi(?:'ll| will| can|'d be happy to| would be happy to) (?:gladly |happily )?"
                              r"(?:refer|recommend|submit|pass|forward|put you)\b|\b(?:happy|glad) to (?:refer|recommend)\b")
_THEY_SAID_YES = re.compile(r"(?:^|[.!?]\s+)(?:yes|yeah|sure|of course|absolutely|definitely)\b(?! not\b)|"
                            + _SAID_THEY_REFER.pattern)


def _they_helped(ctx: CoachContext) -> str | None:
    """ "referred you" when their last message on the page says the referral is done, "agreed to refer you" when
    it says yes (not a no that opens "Sure, but…"), or None."""
    theirs = their_last(ctx.thread)
    if theirs is None:
        return None
    if they_referred(ctx.thread):
        return "referred you"
    if not _THEY_SAID_YES.search(theirs) or they_declined(ctx.thread):
        return None
    # A yes to a question or a chat ("Would you have time to tell me about it?" "Sure, happy to help. What would you
    # like to know?") agreed to that: the questions that follow are what they invited.
    mine = next((m.text for m in reversed(ctx.thread.messages) if m.sender == "me"), None)
    if mine is not None and asks_no_job(AnalysedDraft(mine)) and not _SAID_THEY_REFER.search(theirs):
        return None
    return "agreed to refer you"


# A question put to them ("Do you know when they will decide?", "any tips?"), not one about oneself ("I think it
# went ok??").
_QUESTION = re.compile(r"\W*(?:(?:and|so|also|btw|oh|ok|okay|just|curious|quick question|one more thing)\W+)*(?:do|does|did|is|are|was|were|when|what|who|how|where|"
                       r"which|why|any|anything|should|can|could|would|will)\b|.*\byou")


def _asks(draft: AnalysedDraft) -> list[re.Match[str]]:
    return [s for s in _SENTENCES.finditer(draft.lower)
            if _ASKS_THEM.search(s.group()) and not _SMALL_TALK.match(s.group())
            and ("?" not in s.group() or _QUESTION.match(s.group()))]


# A referral asked for someone else: "could you refer him too?", "would you also recommend my friend Stefan?".
_FOR_ANOTHER = re.compile(r"\b(?:refer|recommend|vouch for|put forward)\w* (?:him|her|them|my (?:friend|brother|sister|"
                          r"cousin|wife|husband|partner|colleague|classmate|roommate|flatmate)s?)\b")


def _more_favours(draft: AnalysedDraft, ctx: CoachContext):
    helped = _they_helped(ctx) or ("referred you" if thanks_for_referral(draft) else None)
    if withdraws(draft) or helped is None:
        return
    asks = _asks(draft)
    name = first_name(ctx)
    who = name or "They"
    if other := next((m for a in asks if (m := _FOR_ANOTHER.search(draft.lower, a.start(), a.end()))), None):
        yield MORE_FAVOURS.finding(
            f"{who} {helped}, and \"{draft.text[other.start():other.end()]}\" asks them to put their name behind "
            "someone else too: a second referral, the biggest favour there is, asked the moment they did you one.",
            draft, other.span(),
            suggestion=f"Leave it out of this reply. If your friend fits, they can write to {name or 'them'} "
                       "with their own note, or you can mention them later, once your own process is settled.",
            data={"kind": "another"})
        return
    if len(asks) < MANY:
        return
    start = asks[0].start() + len(asks[0].group()) - len(asks[0].group().lstrip())
    first = draft.text[start:asks[0].end()].strip()
    yield MORE_FAVOURS.finding(
        f"{who} {helped}, and this reply asks {len(asks)} more things of them (from \"{first[:60]}\"). "
        "Each is a new favour from someone who already spent goodwill on you: keep the one that matters most, "
        "and save the rest, or ask someone else.", draft, (start, asks[0].end()),
        suggestion="Thank them, say what happens next, and ask at most one question, e.g. \"Thank you so much! "
                   "I'll let you know how it goes. If you have one tip for the interview, I'd love to hear it.\"")


MORE_FAVOURS = Rule(
    code="referral.more-favours", severity="warning", check=_more_favours,
    rationale="A referrer who is thanked and kept posted helps again; one handed a list of new favours the day "
              "they helped may not.",
    fires=("Thank you so much for referring me! Could you also put in a good word with the hiring manager? "
           "And would you mind reviewing my case study deck before the interview?",
           "Thanks again for the referral last month! Could you tell me who is on the panel? "
           "Also would you be able to message the hiring manager for me?",
           "Thank you for referring me! Could you submit me for the growth role too? And if you could introduce me "
           "to your VP of Product, that would be amazing.",
           "Thanks a lot for the referral! My friend Stefan is applying for the Validation Engineer role, could you "
           "refer him too?"),
    quiet=("Thank you so much for referring me! Any tips for the onsite?",
           "Thanks so much for referring me! My friend Stefan says hi, by the way.",
           "Thank you for the referral! Here is the link and my summary. Is it enough? If you need more please tell me.",
           "Thanks again for referring me last year. I know it's a big favour, so please say no if it's awkward. "
           "Would you be willing to refer me for the Content Lead role?",
           "Thank you for the referral! How was the offsite? I'll let you know how the interview goes.",
           "Could you refer me for the Data Analyst role? Would you like my resume?"),
)

RULES = [MORE_FAVOURS]
