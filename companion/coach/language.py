"""The mood of a request: is the sentence around a trigger (the draft's sentence, analysis.sentence_ends) an
order, a question or a conditional?"""

import re

from companion.coach.analysis import AnalysedDraft

_INVERTED = re.compile(r"^(?:\W*(?:hi|hey|hello|so|and|but|also|btw|ok|okay)\b\W*)*"
                       r"(?:could|would|can|will|might|may|do|does|did|is|are|have|has|any)\b")
_CONDITIONAL = re.compile(
    # ("as soon as possible" presses: it conditions nothing.)
    r"\b(?:if|unless|(?<!as soon as )possible|possibly|perhaps|maybe|mind|open to|willing|happy to|able to|"
    r"comfortable|wonder(?:ing|ed)?|whether|hop(?:e|ing)|appreciate|grateful|would love|chance|"
    r"could|would|might|consider|moment|whenever)\b")
_PARTICLES = frozenset({"please", "pls", "plz", "kindly", "just", "so", "and", "now", "also", "then", "hi", "hey",
                        "hello", "sir", "madam", "ma'am", "dear", "again", "simply"})
_WORD = re.compile(r"[a-z']+")
_PLEASE = frozenset({"please", "pls", "plz", "kindly"})
# A request's own clause starts after the last comma, semicolon, colon or "and"/"so"/"but"/"then"
# before it: "Thanks, refer me ASAP" and "Kindly do the needful and refer me" are orders too.
_CLAUSE_BREAK = re.compile(r"(?:[,;:&]|\b(?:and|so|but|then)\b)\s*")
_PUNCTUATION_BREAK = re.compile(r"[,;:&—–]\s*|\s-\s")
_LY_VERBS = frozenset({"reply", "apply", "supply", "rely", "comply", "multiply"})
# Words that open a declarative sentence (a subject); a sentence opening with anything else after
# the particles ("Let me know by Friday", "Send it over") is read as a command.
_SUBJECTS = frozenset({
    "i", "i'm", "i'd", "i'll", "i've", "im", "we", "we're", "we'd", "you", "you're", "you'd", "he", "she", "they",
    "it", "it's", "this", "that", "there", "there's", "my", "our", "your", "his", "her", "their", "the", "a", "an",
    "as", "since", "because", "if", "when", "while", "after", "before", "hope", "thanks", "thank", "no", "not",
    "what", "why", "how", "who", "where", "which", "one", "any", "some", "all", "here", "here's", "with", "for",
    "in", "on", "at", "to", "from", "of", "by", "about", "being", "having", "also", "btw", "p.s", "ps"})


def sentence_bounds(draft: AnalysedDraft, index: int, limit: int = 240) -> tuple[int, int]:
    """(start, end) of the request sentence holding code-point `index` (at most `limit` each way)."""
    return draft.sentence_start(index, limit), draft.sentence_end(index, limit)


def mood(draft: AnalysedDraft, start: int) -> str:
    """"question", "conditional", "imperative" or "statement" for the request starting at `start`."""
    s, e = sentence_bounds(draft, start)
    sentence = draft.lower[s:e].strip()
    inverted = _INVERTED.match(sentence)
    # "Any openings at Stripe" asks without its "?"; "any role is fine mam, pls refer me asap" says, then orders.
    if inverted and inverted.group().endswith("any") and _PUNCTUATION_BREAK.search(draft.lower, s, start):
        inverted = None
    if sentence.endswith("?") or inverted:
        return "question"
    if _CONDITIONAL.search(sentence):
        return "conditional"
    words = [w for w in _clause_words(draft, s, start) if w not in _PARTICLES]
    first = words[0] if words else ""
    adverb_or_participle = first.endswith(("ing", "ed")) or (first.endswith("ly") and first not in _LY_VERBS)
    if not words or (first not in _SUBJECTS and not adverb_or_participle):
        return "imperative"
    return "statement"


def _after_last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """Where the last match of `pattern` in text[lo:hi] ends (a sentence's or clause's start), else `lo`."""
    found = lo
    for m in pattern.finditer(text, lo, hi):
        found = m.end()
    return found


def opens_clause(draft: AnalysedDraft, start: int, after_and: bool = True) -> bool:
    """Whether only greetings and particles ("please", "pls", "kindly") stand before `start` in its clause;
    with `after_and` false a clause begins only at the sentence's start or after punctuation."""
    s, _e = sentence_bounds(draft, start)
    words = _clause_words(draft, s, start, _CLAUSE_BREAK if after_and else _PUNCTUATION_BREAK)
    return all(w in _PARTICLES for w in words)


def _clause_words(draft: AnalysedDraft, s: int, start: int, breaks: re.Pattern[str] = _CLAUSE_BREAK) -> list[str]:
    """The words before `start` in its clause, within the sentence that begins at `s`; in a run-on sentence
    the request starts at "please" ("I'll apply on LinkedIn please give me a chance"), unless it sits in a
    question ("could you please") or after "to" ("I am writing to request you to kindly refer me")."""
    words = _WORD.findall(draft.lower[_after_last(breaks, draft.lower, s, start):start])
    if len(words) > 1 and words[-1] in _PLEASE and words[-2] not in ("you", "u", "to"):
        return words[-1:]
    return words
