"""tone.register: texting shorthand ("u", "pls", "thx"), a string of emoji, a heart or an endearment
("babe", "xx", "bro", "dude"), or "revert" for "reply" ("please revert"), which reads oddly outside South Asia, in a
message to someone who does not know you yet. Each is a small thing; together they tell a stranger
how much care went into asking them to vouch for you. In the dev set and the five held-out sets it fires on four
labelled messages, all of them ones their sources criticise, and on none labelled good. Where their
own messages on the page talk that way, it is how the two of you talk, so the rule stays quiet there."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import conversation_says

_WRITTEN_OUT = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "plzz": "please", "thx": "thanks", "thnx": "thanks",
    "tnx": "thanks", "thanx": "thanks", "coz": "because", "cuz": "because", "bcoz": "because", "bcz": "because",
    "wud": "would", "cud": "could", "shud": "should", "abt": "about", "sry": "sorry", "tmrw": "tomorrow",
    "lmk": "let me know", "idk": "I don't know", "tbh": "to be honest",
}
_LAUGHS = {"lol", "lmao", "rofl"}  # no written-out form: the joke does not carry in writing
# Endearments, kisses and a friend's address, as a heart is ("Cheers mate" is left alone: in Britain and
# Australia it is how many greet anyone).
_FAMILIAR = {"babe", "hun", "hunny", "sweetie", "xx", "xxx", "xoxo", "bro", "bruh", "dude", "ily"}
# A whole word, not an initial: "the U.S.", "U of T" and "U-Haul" are no shorthand.
_SHORTHAND = re.compile(r"(?<![\w'’.-])(?i:" + "|".join(sorted([*_WRITTEN_OUT, *_LAUGHS, *_FAMILIAR], key=len, reverse=True)) + r")"
                        r"(?![\w'’-]|\.\w| of\b)")
_SHORT_WORDS = frozenset([*_WRITTEN_OUT, *_LAUGHS, *_FAMILIAR])
_SPACES = str.maketrans({c: " " for c in ".,!?;:()[]\"'’“”…/-"})
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_HEARTS = frozenset("❤♥\U0001F618\U0001F60D\U0001F970\U0001F495\U0001F496\U0001F497\U0001F498\U0001F49E\U0001F48B")
# "Revert" for "reply" is South Asian office English; elsewhere it means "undo", and a referrer abroad may
# stumble on it. ("Do the needful" is an order: tone.demanding's.)
_OFFICE = {"please revert": "please reply", "kindly revert": "please reply", "revert back": "reply",
           "revert to me": "reply to me"}
_OFFICE_RE = re.compile(r"\b(?:" + "|".join(_OFFICE) + r")\b", re.I)
MANY_EMOJI = 5  # a wave and a smile are friendly; five read as a chat with a friend


def _shorthand(draft: AnalysedDraft):
    # A set test over the words first, in C: the pattern's lookarounds at every position cost ~80 µs
    # on an InMail, the test ~10 µs, and most drafts have no shorthand at all.
    if _SHORT_WORDS.isdisjoint(draft.lower.translate(_SPACES).split()):
        return ()
    return _SHORTHAND.finditer(draft.text)


def _as_written(said: str, plain: str) -> str:
    """`plain`, capitalised as `said` is ("Pls" -> "Please")."""
    return plain.capitalize() if said[0].isupper() else plain


def _register(draft: AnalysedDraft, _ctx: CoachContext):
    for m in _shorthand(draft):
        word = m.group()
        if word.lower() in _LAUGHS:
            yield REGISTER.finding(
                f"\"{word}\" is chat shorthand. To someone deciding whether to vouch for you, it reads as "
                "flippant.", draft, m.span(), suggestion=f"Leave \"{word}\" out.")
            continue
        if word.lower() in _FAMILIAR:
            yield REGISTER.finding(
                f"\"{word}\" is for friends and family; to someone you are asking a favour of, it comes across as "
                "too familiar.", draft, m.span(), suggestion=f"Leave \"{word}\" out.")
            continue
        full = _as_written(word, _WRITTEN_OUT[word.lower()])
        yield REGISTER.finding(
            f"\"{word}\" is texting shorthand. To someone deciding whether to vouch for you, words written "
            "out show the care you would bring to the job.", draft, m.span(), replacement=full,
            suggestion=f"Write it out: \"{full}\".")
    if "revert" in draft.lower:
        for m in _OFFICE_RE.finditer(draft.text):
            said = m.group()
            plain = _as_written(said, _OFFICE[said.lower()])
            yield REGISTER.finding(
                f"\"{said}\" is South Asian office English: elsewhere \"revert\" means \"undo\", and a referrer "
                "may stumble on it.",
                draft, m.span(),
                replacement=plain, suggestion=f"Say it plainly: \"{plain}\".")
    emoji = [] if draft.text.isascii() else list(_EMOJI.finditer(draft.text))
    heart = next((m for m in emoji if m.group() in _HEARTS), None)
    if heart is not None or len(emoji) >= MANY_EMOJI:
        first = heart or emoji[0]
        what = f"\"{heart.group()}\" is for friends and family" if heart else f"{len(emoji)} emoji read as a chat " \
                                                                             "with a friend"
        yield REGISTER.finding(
            f"{what}; to someone you are asking a favour of, it comes across as too familiar.", draft,
            first.span(), suggestion="Keep one friendly emoji at most, or none.")


def _flagged(text: AnalysedDraft) -> bool:
    return next(_register(text, None), None) is not None


def _they_write_so(_draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether their own messages on the page use shorthand or emoji this rule would flag: then it is how the
    two of you talk. Without their words (only a log, or nothing) the draft's register is judged."""
    return conversation_says(ctx, _flagged, "them")


REGISTER = Rule(
    code="tone.register", severity="info", check=_register, reads_english=True, judges_words=True,
    # Where they write so to you, you may answer in kind; a draft's own "thx" shows nothing of how they write.
    abstains=_they_write_so,
    fires=("Hi Sam, can u refer me for the Data Analyst role at Stripe? Thx!", "Could you refer me? lmk!",
           "Hi Sam 👋😊 I would love a referral 🙏🙏 thanks 🎉", "Thanks a ton ❤️",
           "I have attached my resume. Please revert at your convenience.",
           "could u just refer me before the call so i dont miss the deadline lol",
           "Fancy a coffee so I can pick your brains about the team? My treat xx", "Good times babe.",
           "Can you refer me for the Data Analyst role? Thanks dude", "You're the best. ILY!!!"),
    quiet=("I studied at U of T and moved to the U.S. last year.", "Thanks! 🙂", "Hi Sam 👋, thanks for reading!",
           "I renovated a U-shaped kitchen.", "I helped revert a bad deploy in minutes.",
           "I ran the XX-large tier of the 2.xx release.", "Cheers mate, thanks for reading."),
    rationale="Texting shorthand and strings of emoji tell a stranger how much care went into the ask.",
)

RULES = [REGISTER]
