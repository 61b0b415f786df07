"""tone.underselling: the writer argues against themselves ("I know I'm probably not experienced enough", "not
sure I'm the strongest fit"), begs ("please don't reject me", "I'm begging you") or gives their pay away before
it is discussed ("I will accept whatever you can offer"). A referrer passes on what the writer says of
themselves, so doubt spoken first is the doubt they carry to the hiring team; begging makes a no painful to
say, which people avoid by not answering."""

import re

from companion.coach.analysis import WORD_START, AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import negated


def _no_job(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    from companion.coach.rules.ask import asks_no_job  # here: ask's imports are many and reach the rules
    return asks_no_job(draft, ctx)

_LEVEL = r"(?:experienced|qualified|skilled|strong|senior|talented|good enough|ready|expert|an expert)"
_TOP = r"(?:strongest|best|ideal|perfect|most (?:experienced|qualified)|right) (?:fit|candidate|match|person|one)"
_TRIGGERS = re.compile(WORD_START + (
    # Doubt of the writer's own fit, in the writer's own voice.
    r"(?P<doubt>i(?:'m| am)(?: (?:probably|maybe|definitely|clearly|obviously|still))? not (?:as |very |that |really |"
    r"quite |yet |the |a |an )*(?:" + _LEVEL + r"|" + _TOP + r")\b(?! (?:at|in|with|on|for a|as a)\b)|"
    r"i (?:may|might|probably|certainly) (?:not|n't) be (?:as |the |a |an |very )*(?:" + _LEVEL + r"|" + _TOP + r")\b|"
    r"(?:not sure|unsure|don't know|do not know) (?:if |whether |that )?i(?:'m| am| would be|'d be) (?:the |a |an |"
    r"good |qualified |experienced |strong |enough )*(?:" + _TOP + r"|enough|qualified|experienced)\b|"
    r"i (?:don't|do not) have (?:much|enough|a lot of|the (?:right|required|necessary)) (?:experience|qualifications?|"
    r"skills|background)\b|"
    r"i(?:'m| am) (?:just|only) (?:an? )?(?:student|fresher|junior|beginner|nobody|newbie)\b)"
    # A no made painful: "please don't reject me", "I'm begging you", "I'll do anything".
    r"|(?P<beg>i(?:'m| am) begging\b|i beg (?:of )?you\b|please (?:don't|do not) reject me\b|"
    r"i(?:'ll| will) do (?:anything|whatever it takes)\b)"
    # Pay given away unasked: "I will accept whatever you can offer", "even lower than normal", "any shift, any pay".
    r"|(?P<pay>(?:i(?:'ll| will| would|'d)|happy to|willing to|ready to) (?:accept|take|work for) (?:whatever (?:you |they )?"
    r"(?:can )?(?:offer|pay)|any (?:salary|pay|wage|rate))\b|even (?:for )?(?:lower|less) (?:than (?:normal|usual|the market|market)|pay|salary)\b|"
    r"any (?:shift|pay|salary|hours),? any (?:shift|pay|salary|hours)\b)"))

_MESSAGES = {
    "doubt": ("\"{w}\" argues against you. A referrer passes on what you say of yourself, so a doubt you voice "
              "first is the one they carry to the hiring team.",
              "Cut it, and put what you bring in its place: years, a result, a skill the role asks for."),
    "beg": ("\"{w}\" begs. It makes a no painful to say, and people avoid a painful no by not answering.",
            "State your fit plainly, and tell them a no is fine."),
    "pay": ("\"{w}\" gives your pay away before anyone has made an offer, and tells them you rate yourself low.",
            "Give a researched range, or say you are flexible for the right role."),
}


# Where a trigger can start: every one opens with one of these. Scanning for them (a literal first character,
# which re finds in C) and matching the full pattern there costs a quarter of running it at every word start.
_OPENS = re.compile(r"(?:i[' ]|not sure|unsure|don't know|do not know|please|happy to|willing to|ready to|even |any )")


def _triggers(lower: str):
    end = 0  # as finditer: no match inside the one before
    for o in _OPENS.finditer(lower):
        at = o.start()
        if at >= end and not (at and (lower[at - 1].isalnum() or lower[at - 1] == "_")) \
                and (m := _TRIGGERS.match(lower, at)):
            end = m.end()
            yield m


def _underselling(draft: AnalysedDraft, _ctx: CoachContext):
    for m in _triggers(draft.lower):
        if m.lastgroup == "doubt" and negated(draft, m.start(), 25):
            continue  # "it's not because I'm not qualified": the doubt denied
        message, suggestion = _MESSAGES[m.lastgroup]
        yield UNDERSELLING.finding(message.format(w=draft.text[m.start():m.end()]), draft, m.span(),
                                   suggestion=suggestion, data={"kind": m.lastgroup})


UNDERSELLING = Rule(
    code="tone.underselling", severity="info", check=_underselling, reads_english=True,
    # A disclaimer in an ask for advice ("I know I'm not ready for it yet") lowers the ask; no referrer carries it.
    abstains=_no_job,
    fires=("I know I'm probably not experienced enough, but could you refer me for the Commis Chef role?",
           "Honestly I'm not sure I'm the strongest fit on paper.",
           "I know I am not as experienced as the other candidates.", "Please don't reject me because of money.",
           "I'm begging you, any shift, any pay.", "I will accept whatever you can offer, even lower than normal.",
           "I may not be the best candidate, but I learn fast.", "I'm just a student, but I'd love to learn."),
    quiet=("I'm not angling for the opening; I know I'm not ready for it yet. Could I ask how you made the switch?",
           "I'm not sure the role is still open.", "I'm not good at waiting, so I prepared early!",
           "I don't have a referral code yet.", "I'm a strong fit: six years on Vestas turbines.",
           "Not sure if you're the right person to ask, so no worries if not.",
           "I'm flexible on salary for the right role.", "I'll take whatever role you think fits best.",
           "It's not because I'm not qualified."),
    rationale="A referrer repeats what you say of yourself; lead with your strengths and leave them free to say no.",
)

RULES = [UNDERSELLING]
