"""Per-draft scratch (companion/session.py) for the outreach fingerprint: kept state gives exactly
what a fresh computation of the same text gives."""

import random
import sys

from conftest import REPO

from companion.session import MAX_SCRATCH, Session
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.store.fingerprint import _mask_by_sentence, _mask_tokens, shingles

sys.path.insert(0, str(REPO / "bench"))
import load  # noqa: E402  (the load bench's realistic drafts)


def versions(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    body = load.draft_texts(150, rng)
    out = []
    for _ in range(n):
        load.edit_word(body, rng)
        out.append("Hi Dana,\n\n" + " ".join(body) + "\n\nBest,\nSam")
    return out


def test_shingles_with_keep_equal_shingles_without():
    keep: dict = {}
    names = ("Dana Whitfield", "Acme")
    for text in versions(10, seed=7):
        assert shingles(text, names, keep) == shingles(text, names)
    assert keep["piece_hashes"] and all(isinstance(v, int) for hs in keep["piece_hashes"].values() for v in hs)
    assert shingles("too short", (), keep) == frozenset()


# Words chosen to hit every masking case at sentence boundaries: names, roles with modifiers,
# numbers, capitalised words, placeholders that repeat across a boundary.
_PARTS = ["Senior", "senior", "data", "engineer", "Engineer.", "Dana", "Whitfield", "Acme", "acme", "2021",
          "2021.", "the", "role", "at", "I", "I'm", "hi", "Hi", "thanks!", "?", ".", "\n", "\n\n", "Lead",
          "lead", "manager.", "Bo", "of", "and", "x_y", "é", "Ünïcode", "ok?!", "3.5", "1,000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), min_size=0, max_size=40),
       st.lists(st.tuples(st.integers(0, 39), st.sampled_from(_PARTS)), max_size=6),
       st.sampled_from([(), ("Dana Whitfield", "Acme"), ("Senior Engineer",)]))
def test_masking_and_shingles_by_sentence_equal_those_of_the_whole_text(words, edits, names):
    """Masked words reused per sentence, and the shingles inside each sentence plus those across
    its boundaries, are exactly what the whole text gives, version after version."""
    mask_keep: dict = {}
    shingle_keep: dict = {}
    for i, part in [(None, None), *edits]:
        if i is not None and words:
            words[i % len(words)] = part
        text = " ".join(words)
        assert _mask_by_sentence(text, names, mask_keep) == _mask_tokens(text, names), text
        assert shingles(text, names, shingle_keep) == shingles(text, names), text


def test_session_keeps_scratch_for_the_most_recent_drafts_only():
    session = Session()
    first = session.scratch("draft-0")
    first["tone"] = {"x": 1}
    assert session.scratch("draft-0") is first
    for i in range(1, MAX_SCRATCH + 1):
        session.scratch(f"draft-{i}")
    assert session.scratch("draft-0") == {}  # the least recently typed draft was dropped
