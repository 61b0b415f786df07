"""Turn findings into the Feedback result: score, checklist, hints, limits.

The score formula (one penalty per rule at its worst severity, a must-fix caps it at 40) is
documented in docs/rules.md, "Score".
"""

import logging

from protocol.feedback import ChecklistItem, Feedback, Finding, Limits

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext
from companion.coach.hints import hints
from companion.coach.intent import asks, reports_back
from companion.coach.registry import RANK, RULES
from companion.coach.rules.length import TOO_SHORT, least, limits
from companion.coach.rules.tone_model import tone_summary

log = logging.getLogger(__name__)

PENALTY = {"error": 35, "warning": 12, "info": 4, "hint": 0}
ERROR_CAP = 40
# What one reply may list: a long draft can repeat a pattern thousands of times (a 100 KB draft of
# "I'm " would get a ~1 MB reply). Beyond this (and the tone summary's MAX_STRATEGY_RANGES per
# strategy, rules/tone_model.py), the reply says how many more there are.
MAX_FINDINGS = 30
_WHETHER = ("followup.", "dup.", "referral.")  # rule families about whether to send, listed before how

# The do's, in the order a user reads a message: (id, label). Each rule declares the item it
# decides (Rule.checklist); the demand checks (a follow-up's reproach among them) and the politeness
# model share "polite", so they cannot disagree.
CHECKLIST_LABELS = [
    ("specific", "Names the role and the company"),
    ("personal", "Says something specific to them"),
    ("fit", "Sums up why you fit"),
    ("time", "Respects their time"),
    ("materials", "Offers your resume or a link"),
    ("out", "Gives them an easy out"),
    ("thanks", "Thanks them"),
    ("polite", "Reads as polite"),
]
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
              empty: bool = False) -> list[ChecklistItem]:
    """One item per do whose rules ran for this surface and were not switched off; none for a do
    that a rule could not judge in the draft's language. For an empty draft nothing is done yet:
    every item is open, a guide to what a good request has."""
    fired = {f.code for f in findings}
    applies = [rule for rule in RULES if rule.applies(ctx)]
    active = {rule.code for rule in applies if rule.runs(draft, ctx)}
    unread = {rule.code for rule in applies} - active
    items = []
    for item_id, label, codes in CHECKLIST:
        ran = [c for c in codes if c in active]
        if not ran or unread.intersection(codes):
            continue
        failing = next((c for c in ran if c in fired), None)
        items.append(ChecklistItem(id=item_id, label=label, ok=failing is None and not empty,
                                   code=failing or ran[0]))
    return items


def _hints(draft: AnalysedDraft, ctx: CoachContext, findings: list[Finding]) -> list:
    """Personalization hints; a failure there is logged (type only, no content) and must not take
    the live feedback down with it. None for a draft in another language (they are English sentences),
    nor for one that thanks or updates them: it needs no line to warm up an ask (a reply in a thread
    still gets them: "It's been 9 months since we last spoke"); nor for one the coach says not to
    send (followup.stop): a line to polish it would say the opposite."""
    if not draft.english or not asks(draft) and reports_back(draft):  # asks() first: cheap, and memoized
        return []
    if any(f.code == "followup.stop" for f in findings):
        return []
    try:
        return hints(draft.text, ctx)
    except Exception as exc:  # noqa: BLE001 - hints are optional; findings still matter
        log.warning("personalization hints failed: %s", type(exc).__name__)
        return []


def build_feedback(draft: AnalysedDraft, ctx: CoachContext, findings: list[Finding], version: int) -> Feedback:
    allowed, _, hi = limits(ctx)
    # The minimum is room for an ask: a thank-you, an update or a reply in a conversation has none.
    sizes = Limits(used=draft.utf16_length, allowed=allowed, recommended_max=hi,
                   recommended_min=least(draft, ctx) if TOO_SHORT.runs(draft, ctx) else None)
    # Errors first; then whether to write this at all (followup.*: too soon, a reminder now, too late,
    # let it go; dup.*: a copy of what others got; referral.*: update them first) before how to write
    # it, whatever its severity; then by severity and place in the text. The sort is stable, so
    # registry order breaks ties among findings without a range.
    ordered = sorted(findings, key=lambda f: (
        0 if f.severity == "error" else 1 if f.code.startswith(_WHETHER) else 1 + RANK[f.severity],
        f.range.start if f.range else -1))
    empty = not draft.text.strip()
    return Feedback(version=version, surface=ctx.surface, score=None if empty else score(ordered),
                    findings=_capped(ordered), checklist=checklist(draft, ctx, ordered, empty),
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
