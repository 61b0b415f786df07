"""`tactful check`'s text output of personalization hints: what to add, and apart from it what the
draft already says (the JSON marks those `used`)."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from protocol.page import Post, Profile

from companion.cli import main

ASK = "Could you refer me for the Backend Engineer role at Nimbus Labs? No worries if not. Thank you!"
MUTUAL = "We're both connected with Tomasz."


@pytest.fixture
def profile(tmp_path):
    """Priya: one mutual connection and a post of three weeks ago, so two hints."""
    posted = (datetime.now(timezone.utc) - timedelta(days=21)).isoformat()
    priya = Profile(name="Priya Raman", slug="priya-raman", current_company="Nimbus Labs",
                    mutual_names=["Tomasz"], mutual_count=1,
                    posts=[Post(text="We moved our billing ledger to event sourcing.", posted_at=posted)])
    path = tmp_path / "priya.json"
    path.write_text(priya.model_dump_json(), encoding="utf-8")
    return str(path)


def check(capsys, tmp_path, text, *args):
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    main(["check", str(path), *args])
    return capsys.readouterr().out


def section(out: str, heading: str) -> list[str]:
    """The lines under `heading` up to the next blank line ([] when the heading is not printed)."""
    lines = out.splitlines()
    if heading not in lines:
        return []
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_a_hint_the_draft_already_uses_is_not_offered_again(capsys, tmp_path, profile):
    text = f"Hi Priya, Tomasz suggested I write to you. {ASK}"
    hints = json.loads(check(capsys, tmp_path, text, "--profile", profile, "--json"))["hints"]
    assert {h["kind"]: h["used"] for h in hints} == {"recent_post": False, "mutual_connection": True}
    out = check(capsys, tmp_path, text, "--profile", profile)
    offered, done = section(out, "Hints:"), section(out, "Already in your draft:")
    assert len(offered) == 1 and "I enjoyed your" in offered[0]
    assert done == [f"  ✓ {MUTUAL}"]


def test_no_hints_heading_without_a_hint_to_offer(capsys, tmp_path, profile):
    uses_both = f"Hi Priya, Tomasz suggested I write, and your post about event sourcing was great. {ASK}"
    out = check(capsys, tmp_path, uses_both, "--profile", profile)
    assert "Hints:" not in out and len(section(out, "Already in your draft:")) == 2
    out = check(capsys, tmp_path, f"Hi Priya, {ASK}")  # no profile: no hints at all
    assert "Hints:" not in out and "Already in your draft:" not in out and "Score:" in out
