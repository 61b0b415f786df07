"""The coach's engine: run the registered rules, pure functions of (AnalysedDraft, CoachContext),
over a draft and build Feedback."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, get_args

from protocol.feedback import Feedback, Finding, Severity, Surface
from protocol.page import Composer, Profile, Thread

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import COLD_DAYS, DAY_MS, THANK_KIND, unanswered, waiting_on
from companion.coach.intent import answers_them, asks, asks_again, open_request, their_last, they_agreed, they_declined
from companion.coach.matching import recipient_log, wrote_to_them
from companion.coach.outreach_view import OutreachLog, message_times, to_ms
from companion.coach.stated import checks_on_referral, stated_count, stated_earlier, stated_gap, stated_no

ALL_SURFACES: frozenset[str] = frozenset(get_args(Surface))
ASK_SURFACES = ALL_SURFACES - {"follow_up"}  # a first message asks; a reminder points back at it
DOCS_BASE = "docs/rules.md#"  # relative to the repository; the panel links it to the docs it ships


@dataclass
class CoachContext:
    """Everything known besides the draft. Every field may be missing."""

    surface: Surface
    limit: int | None = None  # the page's declared limit wins over our table
    subject: str | None = None
    profile: Profile | None = None  # the recipient
    own_profile: Profile | None = None  # the user
    thread: Thread | None = None
    composer: Composer | None = None
    outreach: OutreachLog | None = None  # the outreach log, read-only, for log-based rules
    recipient_slug: str | None = None
    recipient_name: str | None = None  # from --recipient when no profile
    company: str | None = None  # from --company when no profile
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    captured_at: datetime | None = None  # when the page was captured; "recent" is relative to it
    disabled: frozenset[str] = frozenset()
    caret: int | None = None  # UTF-16 offset of the caret; the word being typed there is not judged


Check = Callable[[AnalysedDraft, CoachContext], Iterable[Finding]]
# What a rule's examples know besides the text: who the recipient is and where they work.
EXAMPLE_CONTEXT = {"recipient_name": "Sam Lee", "company": "Stripe"}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    rationale: str
    check: Check
    surfaces: frozenset[str] = ALL_SURFACES
    needs: frozenset[str] = frozenset()  # CoachContext fields that must be set, e.g. {"profile"}
    # Judges one word (a name, a placeholder): not the word still being typed ("Hi Ca|" is no wrong name).
    judges_words: bool = False
    # Reads English wording or tone: on a draft in another language it would only be wrong.
    reads_english: bool = False
    # Judges how something is asked: a thank-you or an update asks nothing (coach/intent.py).
    judges_ask: bool = False
    # Reports what the whole draft lacks ("no thanks anywhere"): nothing to say while its first sentence is typed.
    judges_whole: bool = False
    # Drafts it has nothing to judge, e.g. a short chat for the referral rules: not run, not evaluated.
    abstains: Callable[[AnalysedDraft, "CoachContext"], bool] | None = None
    # Drafts it must fire on and stay quiet on, in EXAMPLE_CONTEXT (tests/test_coach_examples.py, docs/rules.md).
    fires: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()
    checklist: str | None = None  # the checklist item (report.CHECKLIST_LABELS) this rule decides

    @property
    def docs(self) -> str:
        return DOCS_BASE + self.code.replace(".", "")

    def applies(self, ctx: CoachContext) -> bool:
        """Whether this rule runs for `ctx`: on, for this surface, with the context it needs."""
        if ctx.surface not in self.surfaces or self.code in ctx.disabled:
            return False
        for name in self.needs:  # a loop, not all(genexpr): this runs ~40 times per keystroke
            if getattr(ctx, name) is None:
                return False
        return True

    def runs(self, draft: AnalysedDraft, ctx: CoachContext) -> bool:
        """Whether this rule applies and the draft is one it can judge (language, ask, abstains)."""
        return (self.applies(ctx) and (not self.reads_english or draft.english)
                and (not self.judges_ask or asks(draft)) and (self.abstains is None or not self.abstains(draft, ctx)))

    def finding(self, message: str, draft: AnalysedDraft | None = None, span: tuple[int, int] | None = None,
                replacement: str | None = None, fix_span: tuple[int, int] | None = None, **extra: Any) -> Finding:
        """A finding of this rule; spans are in code points and are converted to UTF-16 here. A
        `replacement` for the span, or for `fix_span` (where "" deletes it), makes it a fix."""
        rng = draft.range(*span) if (draft is not None and span is not None) else None
        if replacement or (draft is not None and fix_span is not None):
            extra["fix"] = {"range": draft.range(*fix_span) if fix_span else rng, "replacement": replacement or ""}
        return Finding(code=self.code, severity=extra.pop("severity", self.severity), message=message,
                       range=rng, docs=self.docs, **extra)


def example_surface(rule: Rule) -> str:
    """The surface a rule's examples run on: a message when it applies there."""
    return "message" if "message" in rule.surfaces else sorted(rule.surfaces)[0]


def mixed_or(abstains: Callable[[AnalysedDraft, CoachContext], bool]):
    """An `abstains` that also holds for a draft partly in another language (AnalysedDraft.mixed)."""
    return lambda draft, ctx: draft.mixed or abstains(draft, ctx)


def either(*abstains: Callable[[AnalysedDraft, CoachContext], bool]):
    """An `abstains` that holds when any of `abstains` does."""
    def holds(draft: AnalysedDraft, ctx: CoachContext) -> bool:
        for a in abstains:
            if a(draft, ctx):
                return True
        return False
    return holds


def missing_phrase_rule(code: str, present: re.Pattern[str] | Callable[[AnalysedDraft], bool],
                        message: str | Callable[[AnalysedDraft, CoachContext], str],
                        suggestion: str | Callable[[AnalysedDraft, CoachContext], str], **fields: Any) -> Rule:
    """A rule that fires once, without a range, when `present` (a pattern on the lower-cased draft, or a
    predicate) finds nothing; not on a draft wholly or partly in another language, where it may be said.
    `message` and `suggestion` may depend on the draft and its context."""
    rule: Rule
    fields["abstains"] = mixed_or(fields["abstains"])

    def check(draft: AnalysedDraft, ctx: CoachContext):
        found = present.search(draft.lower) if isinstance(present, re.Pattern) else present(draft)
        if not found:
            yield rule.finding(message if isinstance(message, str) else message(draft, ctx),
                               suggestion=suggestion if isinstance(suggestion, str) else suggestion(draft, ctx))

    rule = Rule(code=code, check=check, reads_english=True, judges_whole=True, **fields)
    return rule


def phrase_rule(code: str, pattern: re.Pattern[str], message: str,
                suggestion: str | Callable[[AnalysedDraft, CoachContext], str],
                skip: Callable[[AnalysedDraft, re.Match[str], CoachContext], bool], **fields: Any) -> Rule:
    """A rule that fires on each match of `pattern` in the lower-cased draft unless `skip` says
    otherwise; `message` is formatted with the draft's words there as {w}; `suggestion` may depend on
    the draft."""
    rule: Rule

    def check(draft: AnalysedDraft, ctx: CoachContext):
        for m in pattern.finditer(draft.lower):
            if not skip(draft, m, ctx):
                yield rule.finding(message.format(w=draft.text[m.start():m.end()]), draft, m.span(),
                                   suggestion=suggestion if isinstance(suggestion, str) else suggestion(draft, ctx))

    rule = Rule(code=code, check=check, **fields)
    return rule


def typing_span(draft: AnalysedDraft, caret: int | None) -> tuple[int, int] | None:
    """UTF-16 span of the word being typed: the caret is inside a word, or at the end of the draft
    right after one. None when a boundary follows the caret (the word before it is finished)."""
    if caret is None or caret > draft.utf16_length:
        return None
    text, at = draft.text, draft.offsets.from_utf16(caret)
    left, right = "'’-_[{<", "'’-_]}>"  # what a word holds besides letters and digits: "[Na|me]"
    inside = at < len(text) and (text[at].isalnum() or text[at] in right)
    at_end = at == len(text) and at > 0 and (text[at - 1].isalnum() or text[at - 1] in left)
    if not (inside or at_end):
        return None
    start = end = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in left):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in right):
        end += 1
    return draft.offsets.to_utf16(start), draft.offsets.to_utf16(end)


def run_rules(rules: Iterable[Rule], draft: AnalysedDraft, ctx: CoachContext) -> list[Finding]:
    typing = typing_span(draft, ctx.caret)
    findings: list[Finding] = []
    for rule in [r for r in rules if r.runs(draft, ctx)]:
        for f in rule.check(draft, ctx):
            if typing and rule.judges_words and f.range is not None and \
                    f.range.start < typing[1] and typing[0] < f.range.end:
                continue  # the word is still being typed
            findings.append(f)
    return findings


def analyze(text: str, ctx: CoachContext, version: int = 0) -> Feedback:
    """The full analysis of one draft: findings, score, checklist, hints and limits."""
    from companion.coach.registry import RULES
    from companion.coach.report import build_feedback

    draft = AnalysedDraft(text, subject=ctx.subject)
    rec = recipient_log(ctx)
    if rec is not None and (rec.state in THANK_KIND and not asks_again(draft) or rec.state == "declined") \
            or answers_them(ctx.thread) or stated_no(draft) or they_declined(ctx.thread):
        # They agreed, referred or asked for it: this thanks, updates or answers. They declined (the log
        # says so, the thread, or the draft: "I understand you can't refer me"): a re-ask is not to be
        # polished but dropped (followup.stop says so), and a goodbye asks nothing.
        draft.memo["asks"] = False
    # Under their yes ("Sure, I'll submit it this week"), what the user writes asks after it, unless it asks anew.
    if ctx.surface in ("message", "inmail") and asks(draft) and (
            _awaiting_reply(ctx, rec) or _says_it_follows_up(draft, ctx, rec)
            or they_agreed(ctx.thread) and not asks_again(draft)):
        ctx = replace(ctx, surface="follow_up")
    # While the first sentence is typed ("Hi Dana, I'm applying for the"), what the draft lacks is not yet
    # missing: only what is there is judged (a wrong name, a demand), and there is no score.
    starting = ctx.caret is not None and draft.starting
    rules = [r for r in RULES if not r.judges_whole] if starting else RULES
    if not text.strip():
        return build_feedback(draft, ctx, [], version, starting)  # nothing to judge yet
    # "Let this one go" (followup.stop's error) first: a message not to be sent is not to be polished either,
    # so the rules that judge how it asks (its out, its resume, their time) abstain, as after a no.
    stop = run_rules([r for r in rules if r.code == "followup.stop"], draft, ctx)
    if any(f.severity == "error" for f in stop):
        draft.memo["asks"] = False
    findings = stop + run_rules([r for r in rules if r.code != "followup.stop"], draft, ctx)
    return build_feedback(draft, ctx, findings, version, starting)


def _says_it_follows_up(draft: AnalysedDraft, ctx: CoachContext, rec) -> bool:
    """Whether the draft says it follows an earlier message of the user's ("bumping my message from last
    week") that neither the log nor the thread knows: the user may have written from elsewhere, and its fit
    and resume were in that message (if there was none, followup.no-earlier says so); or one the log knows
    only as a connection note, which then held the ask. When they know a message, their times decide
    (_awaiting_reply)."""
    theirs = their_last(ctx.thread)
    if theirs is not None and "?" in theirs:
        return False  # they asked something: whatever the draft says of the referral, it is their answer that is due
    if checks_on_referral(draft):  # "were you able to submit the referral?": the ask went before, wherever
        return True
    said = stated_earlier(draft) is not None or stated_count(draft) is not None or stated_gap(draft) is not None
    # After a connection note and nothing else, "following up on my note from Friday" says the note held the ask.
    note_only = rec is not None and bool(rec.sent) and all(s.surface == "connection_note" for s in rec.sent) \
        and not wrote_to_them(ctx, None)  # (None: the thread alone)
    return said and (note_only or not wrote_to_them(ctx, rec))


def _awaiting_reply(ctx: CoachContext, rec) -> bool:
    """Whether the user's ask is still unanswered (the thread on the page says so, else the log; a
    connection note is no ask), so this is a follow-up; not after COLD_DAYS, when one writes afresh."""
    thread, now_ms = ctx.thread, to_ms(ctx.now)
    if rec is not None and rec.state != "asked":
        return False  # the log knows better than the page: they agreed, referred, or it is over
    if thread is not None and thread.messages:
        if not open_request(thread):
            return False  # "Likewise! Happy new year.", "Tuesday works, thanks!": nothing to follow up on
        mine = message_times(thread)[0]
        return not mine or now_ms - mine[-1] < COLD_DAYS * DAY_MS
    if rec is None or not rec.sent or rec.sent[-1].surface == "connection_note":
        return False
    waiting = unanswered(waiting_on(rec.sent, accepted=True), rec.replies, now_ms)[0]
    return bool(waiting) and now_ms - waiting[-1] < COLD_DAYS * DAY_MS
