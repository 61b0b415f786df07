"""Successive versions of a draft: what the sentence cache reuses from one keystroke to the next
gives exactly the feedback of a cold analysis of the same text."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.coach import CoachContext, analyze
from companion.tone.model import default_model

SENTENCES = (
    "I hope you are doing well and that the launch last week went smoothly.",
    "I am applying for the Senior Backend Engineer role at Acme on the payments team (job ID 48213).",
    "Your post on idempotent ledger writes was the clearest explanation of the problem I have read.",
    "I led a ledger migration at my last company that moved forty million accounts with no downtime.",
    "I would love to learn how your team approaches reliability and what the first months look like.",
    "Would you be open to a short chat, or to referring me if it seems like a good fit?",
    "No worries at all if not, I know how busy the end of the quarter gets.",
    "Send me the details now.",
)
VOCAB = "ledger payments team reliability quickly really migration resume chat role".split()


def versions(n: int, seed: int = 3) -> list[str]:
    """A draft of several sentences, one word changed per version (its punctuation stays)."""
    rng = random.Random(seed)
    body = " ".join(rng.choice(SENTENCES) for _ in range(8)).split()
    out = []
    for _ in range(n):
        i = rng.randrange(1, len(body))
        core = body[i].rstrip(".,?!)")
        body[i] = rng.choice(VOCAB) + body[i][len(core):]
        out.append("Hi Dana,\n\n" + " ".join(body) + "\n\nBest,\nSam")
    return out


def cold(text: str) -> dict:
    default_model().clear_cache()
    return analyze(text, CoachContext(surface="message"), 1).model_dump(mode="json")


def test_feedback_of_each_version_equals_a_cold_analysis():
    for text in versions(12):
        warm = analyze(text, CoachContext(surface="message"), 1).model_dump(mode="json")
        assert warm == cold(text)
