"""What someone says they need before they can help (a registration, a certificate, the application first), and
what a draft says of it: not met yet, waved away, or a referral asked for now. Read by reply.their-condition
(their last message) and ask.post-condition (their post announcing an opening)."""

import re

from companion.coach.analysis import AnalysedDraft

SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
# Going further: a referral, a good word, or the CV passed on.
GO_ON = re.compile(r"\b(?:refer(?:ring)? me|recommend me|endorse me|(?:submit|put in) (?:a|the|my) referral|put (?:me|"
                   r"my name|my (?:cv|resume|profile)|it) forward|put in a (?:good )?word|(?:send|forward|pass|share|give|"
                   r"take) (?:my (?:cv|resume|résumé|profile|application|details|name)|it|them)(?: on| along)?"
                   r"(?: (?:to|with)\b|\?))")
_ASKING = re.compile(r"\?|\b(?:please|pls|kindly|could you|can you|would you|will you|hoping you|hope you (?:can|could))\b")
_LATER = re.compile(r"\b(?:once|when|after|as soon as)\b")
# Not met yet, by the draft's own account: "in process", "not registered with the GDC yet", "should register with
# the GPhC next summer".
NOT_YET = re.compile(r"\b(?:not yet|(?:not|n't) (?:\w+ ){0,4}yet|in process|in progress|pending|processing|waiting|"
                     r"under review|being processed|should (?:have|get) it|expect (?:it|to)|(?:weeks?|months?) (?:more|"
                     r"away|to go|left)|(?:should|will|hope to|expect to|plan to) (?:be )?(?:register|qualif|certif|"
                     r"licens)\w*|(?:haven't|have not|don't|do not) (?:got|received|had|have) (?:it|that|one|my)? ?(?:yet)?)"
                     r"\b")
# Waved away: "I'm sure that won't matter".
WAVED = re.compile(r"\b(?:won't|will not|wouldn't|shouldn't|doesn't|does not|should not) (?:really )?(?:matter|be an? "
                   r"(?:issue|problem))\b|\bnot (?:an? )?(?:issue|problem|big deal)\b|\bdoesn't (?:really )?apply\b")
APPLIED = re.compile(r"\bi(?:'ve| have)? (?:just |already |now )?(?:applied|submitted my application)\b"
                     r"|\bapplication (?:id|number|reference|no)\b")
_STOP = frozenset("the a an your you my our we their any to of in for and or with yet have has had be been is are was "
                  "were can not this that it get got do does".split())
_WORD = re.compile(r"[a-z][a-z0-9]+")


def capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def topic(text: str) -> set[str]:
    """The words that say what a requirement is about, as five-letter stems: "GPhC registered" -> {"gphc", "regis"}."""
    return {w[:5] for w in _WORD.findall(text) if w not in _STOP and len(w) >= 3}


def goes_on(draft: AnalysedDraft) -> str | None:
    """The draft's sentence that asks them to go further now (not "once it comes through"), as written."""
    for s in SENTENCES.finditer(draft.lower):
        sentence = s.group()
        if GO_ON.search(sentence) and _ASKING.search(sentence) and not _LATER.search(sentence):
            return draft.text[s.start():s.end()].strip()
    return None
