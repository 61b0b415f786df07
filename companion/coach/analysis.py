"""A draft analysed once: lower-cased text, offsets and shared facts that every rule reads. Rules run
on every keystroke, so a pass over the text belongs here, computed lazily once per draft, not in each rule.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from companion.coach.utf16 import OffsetMap, utf16_len
from companion.tone.strategies import lower_keeping_offsets

# Prefix for a pattern whose every alternative opens with \b and a word character: one check where
# no word starts instead of trying each alternative there.
WORD_START = r"(?<!\w)(?=\w)"


# Names of days and months, lower-case: dates in a draft, and capitalised words that name no company.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAY = "|".join(WEEKDAYS)  # a bare alternation, to put in a group

# A greeting that opens the draft, with the name after it, and the sentence end that closes a first sentence.
_SALUTATION = re.compile(r"\W*(?:(?:hi+|hey+|hello+|dear|greetings|good (?:morning|afternoon|evening|day))\b"
                         r"(?:[ \t]+[^\s.!?,:]+){0,2}[,:.!]*)?\s*")
_SENTENCE_DONE = re.compile(r"[.!?\n]")
# A sentence ends at a run of . ! ? or … (with any closing quotes or brackets) before a space or the end, so
# "3.5 years", "stripe.com" and "Node.js" end none; or at a line break, so each line of a list is read on its
# own, but not at one before a lower-case word (a paragraph wrapped by hand, as in an email). Possessive, and
# never inside a run of marks: a run of dots before a letter must cost linear time.
_CLOSERS = "\"')]”’"
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"')\]”’]*+(?=\s|$)|\n(?![ \t]*[a-z])")
# The dot of "e.g.", "U.S.", "Dr.", "Inc." or an initial ("Abhijit V.") ends no sentence; the last letter of
# "GD&T." or "R&D." is no initial.
_ABBREVIATION = re.compile(r"(?<![\w.&/-])(?:[a-hj-z](?:\.[a-z])*|i\.e|mrs?|ms|dr|prof|inc|ltd|corp|jr|sr|vs|approx)$",
                           re.IGNORECASE)


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends, in order (the offset after its mark, where the next one starts). An
    ellipsis ends none: in "if you see this... I'm looking... pls refer me" the condition governs the request."""
    ends = []
    for m in _END.finditer(text):
        mark = text[m.start()]
        if mark == "…" or text.startswith("..", m.start()):
            continue
        if mark == "." and text[m.start():m.end()].rstrip(_CLOSERS) == "." and _ABBREVIATION.search(
                text, max(0, m.start() - 8), m.start()):
            continue
        ends.append(m.end())
    return ends


def starts_word(text: str, at: int) -> bool:
    """Whether a word may start at `at`: a pattern that opens with a literal (which re finds fast) checks
    this after the match instead of opening with \\b."""
    return at == 0 or not text[at - 1].isalnum()

def search_if(lower: str, words, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """`pattern.search(lower)` when one of `words`, without which it cannot match, is in `lower`: most
    drafts have none, and a substring test in C costs less than a search."""
    return pattern.search(lower) if any(map(lower.__contains__, words)) else None


# Short, frequent English words: a fifth or more of an English message's words, under a tenth in other
# languages (docs/rules.md).
_ENGLISH = frozenset(
    "the and to i you a of for in is my your at with on be would could me it this that have am are was will can "
    "if not thanks thank hi hello dear about as an or so do we our from by but i'm i'd i've it's you're happy "
    "love role position team company job work working".split())
_PUNCTUATION = ".,!?;:\"'()[]-—–…*¿¡“”‘’"
# Function words of the languages job seekers most often mix into English (Spanish, Portuguese,
# French, German, Italian, Hindi and Urdu written in Latin letters), none of them an English word.
_FOREIGN = frozenset(
    "que el los las una por para con estoy pero muy gracias puedo puedes estás eres usted ustedes nada como "
    "y si hay yo mi te del tengo tienes espero estés bien también porque muchas mucho cuando está quiero "
    "podrías sería años "
    "mais est je suis vous nous avec pour les des une merci votre bonjour très pas mon mes dans c'est "
    "ich und der das nicht mit für sie ist bin ein eine danke ihr ihnen auch wir mich wenn gerne sehr aber habe "
    "sono che della grazie sei "
    "não você obrigado obrigada uma com sou estou tenho muito posso seu sua meu minha "
    "hai hain hoon hun kya aap mujhe mein nahi nahin bhi toh agar karna kar sakte sakti raha rahi rahe "
    "kuch koi baat bahut aapka aapki mera meri apna yaar bhai kaise liye aapse ".split())


@dataclass
class AnalysedDraft:
    """The draft text (and the InMail subject) with everything rules share, computed once."""

    text: str
    subject: str | None = None
    lower: str = field(init=False)
    # Facts one rule works out and another reuses (e.g. "names a specific role"), keyed by name.
    memo: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.lower = lower_keeping_offsets(self.text)  # rules match straight apostrophes, at text's offsets

    @cached_property
    def subject_lower(self) -> str:
        return (self.subject or "").lower().replace("’", "'")

    @cached_property
    def starting(self) -> bool:
        """Whether only the first sentence is being typed: after the greeting ("Hi Dana,"), fewer than
        eight words and no sentence end yet ("Hi Dana, I'm applying for the")."""
        rest = self.lower[_SALUTATION.match(self.lower).end():]
        return not _SENTENCE_DONE.search(rest) and len(rest.split()) < 8

    @cached_property
    def english(self) -> bool:
        """Whether the draft reads as English, judged on its first 1,000 characters; under 12 words there
        is too little to tell, and English is assumed."""
        words = self.lower[:1000].split()
        return len(words) < 12 or sum(w.strip(_PUNCTUATION) in _ENGLISH for w in words) >= 0.1 * len(words)

    @cached_property
    def mixed(self) -> bool:
        """Whether an English draft has a sentence in another language ("Main 4 saal se Maple Systems mein
        on-call kar rahi hoon"): at least two foreign function words, more than English ones, in four words or
        more (a sign-off such as "Muito obrigada!" or "Vielen Dank!" is a courtesy, not a passage)."""
        words = self.lower.split()
        # Fast exit in C: a foreign sentence has at least one such word without punctuation attached.
        if _FOREIGN.isdisjoint(words):
            return False
        # A greeting line and a sign-off block of short lines are courtesies in the writer's language ("Bonjour
        # Chef Marchand," … "Obrigado pelo seu tempo,\nRafael"), not passages: only the lines between are read.
        lines = [line for line in self.lower.split("\n") if line.strip()]
        if len(lines) > 2 and len(lines[0].split()) <= 4 and lines[0].rstrip()[-1:] in ",!:":
            lines = lines[1:]
        while len(lines) > 1 and len(lines[-1].split()) <= 6 and "?" not in lines[-1]:
            lines = lines[:-1]
        foreign = english = n = 0
        for line in lines:
            for word in line.split():
                w = word.strip(_PUNCTUATION)
                foreign += w in _FOREIGN
                english += w in _ENGLISH
                n += 1
                if word[-1] in ".!?":  # a sentence ends: judge it
                    if foreign >= 2 and foreign > english and n >= 4:
                        return True
                    foreign = english = n = 0
            if foreign >= 2 and foreign > english and n >= 4:  # a line ends: so does what is on it
                return True
            foreign = english = n = 0
        return False

    @cached_property
    def offsets(self) -> OffsetMap:
        return OffsetMap(self.text)

    @cached_property
    def sentence_ends(self) -> list[int]:
        """Where each sentence ends (the next one's start), in order: see `sentence_ends`."""
        return sentence_ends(self.text)

    def sentence_start(self, index: int, limit: int = 80) -> int:
        """Where the sentence holding `index` starts, looking back at most `limit` characters."""
        ends = self.sentence_ends
        i = bisect_right(ends, index)
        return max(ends[i - 1] if i else 0, index - limit, 0)

    def sentence_end(self, index: int, limit: int = 240) -> int:
        """Where the sentence running on from `index` ends, looking ahead at most `limit` characters."""
        ends = self.sentence_ends
        i = bisect_right(ends, index)
        return min(ends[i] if i < len(ends) else len(self.text), index + limit)

    def ends_in_question(self, index: int, limit: int = 160) -> bool:
        """Whether the sentence running on from `index` ends with a question mark."""
        ends = self.sentence_ends
        i = bisect_right(ends, index)
        return (i < len(ends) and ends[i] - index <= limit
                and self.text[max(index, ends[i] - 8):ends[i]].rstrip(_CLOSERS + "\n").endswith("?"))

    def before_in_sentence(self, index: int, limit: int = 80) -> str:
        """Lower-cased text from the start of `index`'s sentence (at most `limit` chars) to `index`:
        where rules look for a softener or a negation in front of a trigger."""
        return self.lower[self.sentence_start(index, limit):index]

    @cached_property
    def utf16_length(self) -> int:
        return utf16_len(self.text)

    def remember(self, key: str, compute):
        """`compute()` once per draft under `key`: rules share derived facts without recomputing."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def range(self, start: int, end: int) -> dict:
        """A wire Range (UTF-16 units) for a code-point span of the draft."""
        return {"start": self.offsets.to_utf16(start), "end": self.offsets.to_utf16(end)}
