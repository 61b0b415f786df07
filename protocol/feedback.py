"""Feedback on a draft: LSP-diagnostic-shaped findings, a score, a checklist, hints."""

from typing import Literal

from pydantic import Field

from protocol.base import Model

Severity = Literal["error", "warning", "info", "hint"]
Surface = Literal["connection_note", "message", "inmail", "follow_up"]


class Range(Model):
    """A span of the draft in UTF-16 code units (what the DOM counts), end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Fix(Model):
    range: Range
    replacement: str


class Finding(Model):
    code: str  # stable and dotted, e.g. "ask.role-missing"
    severity: Severity
    message: str  # says what triggered it and why it matters
    range: Range | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    docs: str | None = None  # link to the rule's entry in docs/rules.md
    data: dict | None = None  # rule-specific extras (e.g. counts) for the panel


class ChecklistItem(Model):
    id: str  # e.g. "specific", "personal", "fit", "time", "materials", "out", "thanks", "polite", "timing" (follow-ups)
    label: str
    ok: bool
    code: str | None = None  # the rule whose finding decides this item


class Hint(Model):
    kind: str  # e.g. "shared_employer", "shared_school", "recent_post"
    text: str  # the text to insert
    why: str
    source: str  # the exact source field, e.g. "profile.experience[1].company"
    link: str | None = None  # e.g. the recent post the hint is about
    used: bool = False  # the draft already says it: shown as done, not offered again


class Limits(Model):
    used: int  # characters as LinkedIn counts them (UTF-16 code units)
    allowed: int
    recommended_min: int | None = None
    recommended_max: int | None = None


class Feedback(Model):
    version: int
    surface: Surface
    score: int | None = Field(ge=0, le=100)  # None: an empty draft, or one not read as English
    findings: list[Finding] = []
    checklist: list[ChecklistItem] = []
    hints: list[Hint] = []
    limits: Limits
    tone: dict | None = None  # politeness summary when the tone model ran
