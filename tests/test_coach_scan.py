"""Word-indexed scanning finds exactly what a plain regex scan finds, for every rule's patterns."""

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.coach.analysis import AnalysedDraft
from companion.coach.scan import Trigger, first_keys

RULE_MODULES = ["ask", "personal", "background", "courtesy", "tone_demanding", "privacy", "template",
                "fact", "followup_pressure", "relationship", "length"]


def all_triggers():
    found = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"companion.coach.rules.{name}")
        found += [(f"{name}.{k}", v) for k, v in vars(module).items() if isinstance(v, Trigger)]
    return found


WORDS = """I i'm I'm you you're your my me we refer Refer referral thanks Thanks thank you in advance
any openings opening opportunity role roles position job ID 12345 R-123456 at with join joining
Google Stripe stripe Acme Corp Inc team data Data analyst Analyst senior backend engineer Engineer
manager hiring salary band bands interview questions internal documents confidential other
candidates headcount plans need to must have make sure expect owe ASAP asap urgent by tomorrow
Friday immediately right away REALLY NEED THIS PLEASE HELP AWS NYU no not don't won't can't
worries pressure understand if comfortable open willing would could please did see message still
waiting haven't heard back never replied following up again time busy reading resume portfolio
github link https://ana.dev/jobs/1 fellow alum we met talk post suggested reach out years of
experience built led currently work worked as a an the for of and on Hi Hello Dear Sam Priya
[Name] {company} <role> XXX look forward to waiting""".split()
SEPARATORS = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " (", ") ", "!! ", "?! ", ": "]

text_strategy = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_indexed_scan_equals_plain_scan(text):
    draft = AnalysedDraft(text)
    for name, trig in all_triggers():
        target = draft.lower if trig.on == "lower" else draft.text
        expected = [m.span() for m in trig.regex.finditer(target)]
        assert [m.span() for m in trig.finditer(draft)] == expected, name


def test_most_rule_patterns_are_indexed():
    # A pattern that falls back to a full scan still works, but costs a pass over the draft.
    unindexed = [name for name, trig in all_triggers() if trig.keys is None]
    assert unindexed == []


def test_first_keys_of_alternations_optional_parts_and_short_words():
    assert first_keys(r"\b(?:thanks?|thank you|thx)\b") == {"tha", "thx"}
    assert first_keys(r"\bi(?:'ve| have) built\b") == {"i'v", "i"}
    assert first_keys(r"\b(?:(?:ml|data)\s+)?engineer") == {"ml", "dat", "eng"}
    assert first_keys(r"\btia\b") == {"tia"}
    assert first_keys(r"!{2,}") is None  # punctuation: scanned in full
    assert first_keys(r"\b\w+ing\b") is None


def test_trigger_on_text_keeps_case():
    trig = Trigger(r"(?:\bat[ \t]+)([A-Z]\w+)", on="text")
    draft = AnalysedDraft("lunch at noon, then at Stripe")
    assert [m.group(1) for m in trig.finditer(draft)] == ["Stripe"]


def test_lowercasing_keeps_offsets_aligned():
    draft = AnalysedDraft("İstanbul — thanks’ve")
    assert len(draft.lower) == len(draft.text)
    assert "'" in draft.lower
    assert re.search("thanks", draft.lower).start() == draft.text.index("thanks")
