"""Turn findings into the Feedback result: score (docs/rules.md, "Score"), checklist, hints, limits."""

import logging

from protocol.feedback import ChecklistItem, Feedback, Finding, Limits

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext
from companion.coach.hints import hints
from companion.coach.intent import asks, reports_back
from companion.coach.matching import their_turn
from companion.coach.registry import RANK, RULES
from companion.coach.rules.length import TOO_SHORT, least, limits
from companion.coach.rules.tone_model import tone_summary

log = logging.getLogger(__name__)

PENALTY = {"error": 35, "warning": 12, "info": 4, "hint": 0}
ERROR_CAP = 40
# What one reply may list: a long draft can repeat a pattern thousands of times; beyond this the
# reply says how many more there are (the tone summary has its own cap, rules/tone_model.py).
MAX_FINDINGS = 30
_WHETHER = ("followup.", "dup.", "referral.")  # rule families about whether to send, listed before how

# The do's, in the order a user reads a message: (id, label). Each rule declares the item it
# decides (Rule.checklist); the demand checks and the politeness model share "polite", so they cannot disagree.
CHECKLIST_LABELS = [
    ("specific", "Names the role and the company"),
    ("personal", "Says something specific to them"),
    ("fit", "Sums up why you fit"),
    ("time", "Respects their time"),
    ("materials", "Offers your resume or a link"),
    ("out", "Gives them an easy out"),
    ("thanks", "Thanks them"),
    ("polite", "Reads as polite"),
    ("timing", "Waits a week, and stops after two"),
]
# A reminder is judged on what it is: whether it says what it follows up on, and when it goes.
FOLLOW_UP_LABELS = {"specific": "Says what it follows up on"}
FOLLOW_UP_ONLY = {"timing"}
# (id, label, the codes whose findings fail it), from the rules' declarations.
CHECKLIST = [(item, label, tuple(r.code for r in RULES if r.checklist == item)) for item, label in CHECKLIST_LABELS]


def score(findings: list[Finding]) -> int:
    """100 minus one penalty per rule that fired (at its worst severity); an error caps it at 40."""
    worst: dict[str, int] = {}
    for f in findings:
        worst[f.code] = max(worst.get(f.code, 0), PENALTY[f.severity])
    cap = ERROR_CAP if any(f.severity == "error" for f in findings) else 100
    return max(0, min(cap, 100 - sum(worst.values())))


def checklist(draft: AnalysedDraft, ctx: CoachContext, findings: list[Finding],
              starting: bool = False) -> list[ChecklistItem]:
    """One item per do whose rules ran, none for a do a rule could not judge in the draft's language.
    For an empty draft, or one whose first sentence is still being typed, every item is open: a guide to
    what a good request has."""
    empty = not draft.text.strip() or starting
    fired = {f.code for f in findings}
    applies = [rule for rule in RULES if rule.applies(ctx)]
    active = {rule.code for rule in applies if rule.runs(draft, ctx)}
    unread = {rule.code for rule in applies} - active
    items = []
    follow_up = ctx.surface == "follow_up"
    for item_id, label, codes in CHECKLIST:
        if item_id in FOLLOW_UP_ONLY and not follow_up:
            continue
        label = FOLLOW_UP_LABELS.get(item_id, label) if follow_up else label
        ran = [c for c in codes if c in active]
        failing = next((c for c in ran if c in fired), None)
        if not ran or unread.intersection(codes) and failing is None:
            continue  # (a do one of whose rules could not judge is not claimed, but one that failed is shown)
        items.append(ChecklistItem(id=item_id, label=label, ok=failing is None and not empty,
                                   code=failing or ran[0]))
    return items


def _hints(draft: AnalysedDraft, ctx: CoachContext, findings: list[Finding]) -> list:
    """Personalization hints, logging a failure (type only, no content) rather than failing the feedback.
    None for a draft in another language, one that thanks or updates them (no ask to warm up), or one
    the coach says not to send (followup.stop); only when you last talked for a reply to them."""
    if not draft.english or not asks(draft) and reports_back(draft):  # asks() first: cheap, and memoized
        return []
    if any(f.code == "followup.stop" for f in findings):
        return []
    try:
        return hints(draft.text, ctx, icebreakers=not their_turn(draft, ctx))
    except Exception as exc:  # noqa: BLE001 - hints are optional; findings still matter
        log.warning("personalization hints failed: %s", type(exc).__name__)
        return []


def build_feedback(draft: AnalysedDraft, ctx: CoachContext, findings: list[Finding], version: int,
                   starting: bool = False) -> Feedback:
    allowed, _, hi = limits(ctx)
    # The minimum is room for an ask: a thank-you, an update or a reply in a conversation has none.
    sizes = Limits(used=draft.utf16_length, allowed=allowed, recommended_max=hi,
                   recommended_min=least(draft, ctx) if TOO_SHORT.runs(draft, ctx) else None)
    # Errors first, and among them whether to write this at all (_WHETHER: "let this one go") before how;
    # then whether before how, whatever its severity; then by severity and place. The sort is stable:
    # registry order breaks ties without a range.
    ordered = sorted(findings, key=lambda f: (
        (0 if f.code.startswith(_WHETHER) else 1) if f.severity == "error"
        else 2 if f.code.startswith(_WHETHER) else 2 + RANK[f.severity],
        f.range.start if f.range else -1))
    # No score for what the rules could not read (a 96 on a Spanish draft would read as "good"), nor while
    # the first sentence is typed.
    scored = draft.text.strip() and draft.english and not starting
    return Feedback(version=version, surface=ctx.surface, score=score(ordered) if scored else None,
                    findings=_capped(ordered), checklist=checklist(draft, ctx, ordered, starting),
                    hints=_hints(draft, ctx, ordered), limits=sizes, tone=tone_summary(draft, ctx, ordered))


def _capped(findings: list[Finding]) -> list[Finding]:
    """The first MAX_FINDINGS (the most severe come first) and one "and N more" summary; the score
    and checklist still count them all."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    kept = findings[:MAX_FINDINGS - 1]
    more = len(findings) - len(kept)
    return [*kept, Finding(code="more.findings", severity="info", message=f"and {more} more findings like these; "
                           "fix the ones above first", docs="docs/rules.md#morefindings", data={"more": more})]
