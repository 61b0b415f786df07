"""The politeness strategies of Danescu-Niculescu-Mizil et al. (ACL 2013), found with regexes and
token positions instead of the paper's dependency parses (docs/tone.md lists each)."""

import re
import unicodedata
from typing import NamedTuple

from companion.tone.lexicon import HEDGE_PHRASES, HEDGES, NEGATIVE, POSITIVE


class Span(NamedTuple):
    start: int  # code points into the text, end exclusive
    end: int
    words: str


# (name, what the sidebar calls it), in the order results list them.
STRATEGIES: tuple[tuple[str, str], ...] = (
    ("gratitude", "Gratitude"),
    ("deference", "Deference"),
    ("greeting", "Greeting"),
    ("positive_lexicon", "Positive words"),
    ("negative_lexicon", "Negative words"),
    ("apologizing", "Apologizing"),
    ("please", "Please"),
    ("please_start", "Please at sentence start"),
    ("indirect_btw", "Indirect (by the way)"),
    ("direct_question", "Direct question"),
    ("direct_start", "Direct start (so/and/but)"),
    ("counterfactual_modal", "Could/would you"),
    ("indicative_modal", "Can/will you"),
    ("first_person_start", "First person at sentence start"),
    ("first_person", "First person"),
    ("first_person_plural", "First person plural"),
    ("second_person_start", "Second person at sentence start"),
    ("second_person", "Second person"),
    ("hedges", "Hedges"),
    ("factuality", "Factuality"),
    ("subjunctive", "Hypothetical phrasing"),
    # Not in the paper's table: a sentence that opens with a bare command ("Send me the link.").
    ("imperative_start", "Bare imperative opening"),
)
NAMES = tuple(name for name, _label in STRATEGIES)
LABELS = dict(STRATEGIES)

# Words, URLs (the corpus writes them as <url>), line breaks, or single punctuation marks.
_TOKEN = re.compile(r"<url>|https?://\S+|www\.\S+|[^\W_]+(?:['’][^\W_]+)*|\n|[^\w\s]|_")
_BOUNDARY = frozenset(".!?\n")


class Token(NamedTuple):
    norm: str  # lower-cased, ’ -> ', URLs -> <url>, digits -> <num>; punctuation as itself
    start: int
    end: int
    pos: int  # index among the words of its sentence (0 = sentence start); -1 for punctuation


def parse(text: str) -> list[Token]:
    """Tokens with sentence positions (one regex pass, no NLP model); the n-gram features are built
    from them too, so both agree on what a word is. Line breaks end a sentence and are not tokens."""
    out: list[Token] = []
    append = out.append
    pos = 0
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if raw[0].isalnum() or len(raw) > 1:
            if raw == "<url>" or "://" in raw or raw.startswith("www."):
                norm = "<url>"
            elif raw.isdigit():
                norm = "<num>"
            else:
                norm = raw.lower().replace("’", "'")
            append(Token(norm, m.start(), m.end(), pos))
            pos += 1
        else:
            if raw in _BOUNDARY:
                pos = 0
            if raw != "\n":
                append(Token(raw, m.start(), m.end(), -1))
    return out


# Mathematical bold, italic and script letters and digits, which people paste to style LinkedIn posts and
# messages ("𝗝𝗼𝗯 𝗜𝗗", "𝘁𝗵𝗮𝗻𝗸𝘀"): read as the plain letter each one is, one code point for one.
_STYLED_CHAR = re.compile("[\U0001d400-\U0001d7ff]")
_STYLED = {cp: plain for cp in range(0x1D400, 0x1D800)
           if len(plain := unicodedata.normalize("NFKC", chr(cp))) == 1 and plain.isascii()}


def lower_keeping_offsets(text: str) -> str:
    """`text` lower-cased, curly apostrophes made straight (phones and LinkedIn's editor insert them),
    styled letters made plain, and as long as `text`: a character that lower-cases to two code points
    ("İ") is kept as it is."""
    if not text.isascii() and _STYLED_CHAR.search(text):
        text = text.translate(_STYLED)
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lower.replace("’", "'")


_FIRST = frozenset({"i", "my", "mine", "myself", "me"})
_FIRST_PLURAL = frozenset({"we", "our", "ours", "us", "ourselves", "let's"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ur", "y'all"})
_PRONOUN_HEADS = frozenset({"i", "we", "you"})
_PLEASE = frozenset({"please", "pls", "plz", "pleas"})
_GREETING = frozenset({"hi", "hello", "hey", "dear", "greetings", "hiya", "howdy"})
_DAYPART = frozenset({"morning", "afternoon", "evening", "day"})
_DEFERENCE = frozenset({"great", "good", "nice", "interesting", "cool", "excellent", "awesome",
                        "wonderful", "fantastic", "impressive", "congrats", "congratulations", "kudos"})
_QUESTION = frozenset({"what", "why", "who", "how"})
_DIRECT_START = frozenset({"so", "then", "and", "but", "or"})
# Verbs that open a command; "please"/"just"/"now"/"so" before them still make it a command.
_IMPERATIVE = frozenset("""
add answer ask call change check consider contact delete do don't email explain fill find fix
follow forward get give go help introduce keep leave look make mention message move note pass
put read reply refer remember remove respond revert review see send share sign stop submit take
talk tell try update use wait write
""".split())
_IMPERATIVE_LEAD = frozenset({"please", "pls", "plz", "just", "now", "so", "kindly"})
_FACT_WORDS = frozenset({"really", "actually", "honestly", "surely", "obviously", "clearly"})
_APOLOGY_WORDS = frozenset({"sorry", "oops", "woops", "apologies", "apologize", "apologise",
                            "apologizing", "apologising", "pardon"})
_GRATITUDE_WORDS = frozenset({"thank", "thanks", "thanked", "thankful", "thx", "grateful",
                              "gratitude", "appreciate", "appreciated", "appreciative"})

_ANY = frozenset().union(
    _FIRST, _FIRST_PLURAL, _SECOND, _PLEASE, _GREETING, _DEFERENCE, _QUESTION, _DIRECT_START,
    _FACT_WORDS, _APOLOGY_WORDS, _GRATITUDE_WORDS, _IMPERATIVE, HEDGES, POSITIVE, NEGATIVE)

# (strategy, cheap substrings one of which must occur, pattern on the lower-cased text). The
# substring test skips most patterns on most texts, which keeps long drafts fast.
_PHRASES = (
    ("apologizing", ("excuse", "forgive", "my bad"), r"\b(?:excuse me|forgive me|my bad)\b"),
    ("indirect_btw", ("way", "btw", "incidental"), r"\b(?:by the way|btw|incidentally)\b"),
    ("counterfactual_modal", ("ould",), r"\b(?:could|would)\s+(?:you|u)\b"),
    ("indicative_modal", ("can", "will"), r"\b(?:can|will)\s+(?:you|u)\b"),
    ("factuality", ("fact", " is"), r"\b(?:in fact|the (?:point|truth|reality|fact) is)\b"),
    ("hedges", ("a bit", "a little", " of", "tend", "in my", "knowledge", "far as", "understand", "seems",
                "not sure"), r"\b(?:" + "|".join(re.escape(p) for p in HEDGE_PHRASES) + r")\b"),
    ("subjunctive", ("would", "if ", "wonder", "i'd"),
     r"\b(?:would (?:it|that|this) be|if (?:you|u) (?:could|would|might|can|have|had|get|got|find|"
     r"are|were|don't|do not|happen|mind)|i(?: was|'m| am) wondering|i wonder(?:ed)? (?:if|whether)|"
     r"i(?:'d| would) (?:appreciate|love|like|be)|if (?:it's|it is) (?:not|no) )"),
)
_PHRASES = tuple((name, triggers, re.compile(pattern)) for name, triggers, pattern in _PHRASES)


# "Why I think I fit:" or "What I bring: SQL" labels what follows; it asks nothing: no "?" ends the line
# (looked for within a bound, so a line of many such sentences costs linear time). "C:\temp" is no label.
_HEADING = re.compile(r"[^.!?\n:]*:(?=\s|$)[^!?\n]{0,300}+(?![?])")


def _small_talk(words: list[Token], i: int) -> bool:
    """"How are you", "how have you been", "how's it going", "how is your week": a greeting's
    question, not a challenge, so not a direct question."""
    if words[i].norm not in ("how", "how's"):
        return False
    after = [t.norm for t in words[i + 1:i + 4] if t.pos > 0]
    if words[i].norm == "how's":
        return bool(after) and after[0] in ("it", "your", "everything", "life", "things")
    return len(after) >= 2 and (
        (after[0] in ("are", "have", "were") and after[1] in ("you", "u", "things"))
        or (after[0] in ("is", "was") and after[1] in ("it", "your", "everything", "life")))


def find_strategies(text: str, tokens: list[Token] | None = None) -> dict[str, list[Span]]:
    """{strategy name: spans} for every strategy present in `text`, in STRATEGIES order."""
    if tokens is None:
        tokens = parse(text)
    found: dict[str, list[Span]] = {}

    def add(name: str, start: int, end: int) -> None:
        found.setdefault(name, []).append(Span(start, end, text[start:end]))

    words = [t for t in tokens if t.pos >= 0]
    for i, t in enumerate(words):
        w, pos = t.norm, t.pos
        head = w.partition("'")[0] if "'" in w else w
        base = head if head in _PRONOUN_HEADS else w  # contractions count as their pronoun ("I'm" is "I")
        if base not in _ANY and w not in _ANY:
            continue  # most words trigger nothing; one set lookup instead of twenty
        nxt = words[i + 1].norm if i + 1 < len(words) and words[i + 1].pos > 0 else ""
        if w in _PLEASE:
            add("please_start" if pos == 0 else "please", t.start, t.end)
        if base in _FIRST:
            add("first_person_start" if pos == 0 else "first_person", t.start, t.end)
        elif base in _SECOND:
            add("second_person_start" if pos == 0 else "second_person", t.start, t.end)
        elif base in _FIRST_PLURAL:
            add("first_person_plural", t.start, t.end)
        if pos == 0:
            if w in _GREETING or (w == "good" and nxt in _DAYPART):
                end = words[i + 1].end if w == "good" else t.end
                add("greeting", t.start, end)
            elif w in _DEFERENCE:
                add("deference", t.start, t.end)
            elif w in _DIRECT_START:
                add("direct_start", t.start, t.end)
        if w in _IMPERATIVE and (pos == 0 or (pos == 1 and words[i - 1].norm in _IMPERATIVE_LEAD)):
            if not (nxt in _SECOND or nxt in ("i", "we")):  # "Do you ...?" is a question, not a command
                add("imperative_start", t.start, t.end)
        if pos in (0, 1) and (w in _QUESTION or w == "how's") and not _small_talk(words, i) \
                and not _HEADING.match(text, t.start):
            add("direct_question", t.start, t.end)
        if w in _GRATITUDE_WORDS:
            end = words[i + 1].end if w == "thank" and nxt in ("you", "u") else t.end
            add("gratitude", t.start, end)
        elif w in _APOLOGY_WORDS:
            add("apologizing", t.start, t.end)
        if w in _FACT_WORDS:
            add("factuality", t.start, t.end)
        if w in HEDGES:
            add("hedges", t.start, t.end)
        if w in POSITIVE and not (w == "good" and nxt in _DAYPART):
            add("positive_lexicon", t.start, t.end)
        elif w in NEGATIVE:
            add("negative_lexicon", t.start, t.end)
    lower = lower_keeping_offsets(text)
    for name, triggers, pattern in _PHRASES:
        if any(k in lower for k in triggers):
            for m in pattern.finditer(lower):
                add(name, m.start(), m.end())
    return {name: sorted(found[name], key=lambda s: s.start) for name in NAMES if name in found}
