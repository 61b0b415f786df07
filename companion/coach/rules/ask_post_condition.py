"""ask.post-condition: their recent post announces an opening and says what it takes, and the ask passes it by:
- they cannot refer ("Under council recruitment rules I can't refer or endorse candidates"), and the draft asks for
  a referral or a good word;
- they want the application first ("Please apply through the careers page first and then message me the job
  ID"), and the draft asks for a referral with no application and no job ID;
- a requirement ("Must be GPhC registered", "RECI-registered only, no apprentices", "EPA 608 certified HVAC
  techs") that the draft says it does not meet yet, or belongs to the group the post rules out ("I'm a 3rd year
  electrical apprentice"); or, as a tip, one it never mentions.

The post told everyone how to get their help; an ask that ignores it tells them the post was not read.
"""

import re
from datetime import timedelta

from companion.coach.analysis import AnalysedDraft
from companion.coach.conditions import APPLIED, NOT_YET, SENTENCES, WAVED, capital, goes_on, topic
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import first_name
from companion.coach.outreach_view import as_utc, page_time

RECENT_DAYS = 90  # an opening older than this has likely closed
# A post that announces an opening.
_OPENING = re.compile(r"\b(?:hiring|recruiting|looking for|vacancy|opening|we're recruiting|is live|apply)\b")
# They cannot refer: "I can't refer or endorse candidates", "I'm not able to give referrals".
_NO_REFERRALS = re.compile(r"\b(?:can't|cannot|can not|not able to|unable to|not allowed to|don't|do not)\s+"
                           r"(?:refer|endorse|recommend|give referrals|provide referrals|make referrals)\b")
# The application first: "please apply through the careers page first", "apply first and then message me the ID".
_APPLY_FIRST = re.compile(r"\bappl(?:y|ication)\b[^.!?\n]{0,50}\bfirst\b|\bfirst appl(?:y|ication)\b")
# What it takes: "Must be GPhC registered", "RECI-registered only", "EPA 608 certified HVAC techs", "EU work
# authorisation required", and who it rules out: "no apprentices on this one".
_MUST = re.compile(
    r"\bmust (?:be|have|hold) (?P<must>[^.;!?\n]{2,50})"
    r"|(?P<only>\b[\w-]+(?:[ -][\w-]+)?[ -](?:registered|certified|licensed|qualified)) only\b"
    r"|\b(?:hiring|seeking|looking for|recruiting) (?:\w+ )?(?P<held>[\w-]+(?: [\w-]+)?[ -](?:registered|certified|"
    r"licensed|qualified))\b"
    r"|(?P<req>\b[\w-]+(?: [\w-]+){0,2}) (?:required|essential|mandatory)\b"
    r"|\bno (?P<out>apprentices|trainees|graduates|students|juniors|sponsorship|visa sponsorship)\b")
_AND = re.compile(r"\s+(?:and|but|or|with)\s+|;")


def _posts(ctx: CoachContext):
    """Their own recent posts that announce an opening: (text, lower-cased text)."""
    profile = ctx.profile
    now = as_utc(ctx.captured_at or ctx.now)
    for post in profile.posts or () if profile is not None else ():
        when = page_time(post.posted_at)
        if post.reposted or not post.text or when is not None and now - when > timedelta(days=RECENT_DAYS):
            continue
        lower = post.text.lower()
        if _OPENING.search(lower):
            yield post.text, lower


def _said(text: str, lower: str, start: int) -> str:
    """The post's sentence around `start`, as written."""
    for s in SENTENCES.finditer(lower):
        if s.start() <= start < s.end():
            return capital(text[s.start():s.end()].strip())
    return ""


def _requirements(lower: str):
    """(start, topic words, rules out) of each requirement in the post."""
    for m in _MUST.finditer(lower):
        what = next(g for g in m.groups() if g is not None)
        about = topic(_AND.split(what)[0])
        if about:
            yield m.start(), about, m.group("out") is not None


# What each kind says, after "{who}'s post says "{theirs}", and": the finding, then the suggestion.
_SAYS = {
    "no-referrals": ("\"{yours}\" asks for just that.",
                     "Ask what their post offers instead (a question about the team, or the process), and apply the "
                     "way it says."),
    "apply-first": ("\"{yours}\" asks before you have: a referral needs the application it is attached to.",
                    "Apply as the post says, then send them the job ID with your ask."),
    "unmet": ("your draft says \"{yours}\": it asks for a role the post rules you out of, for now.",
              "Ask about what fits where you are (a trainee or junior opening, or when to apply again), or say when "
              "you will meet it and ask whether that timing could work."),
    "unsaid": ("your draft does not say whether you meet it. It is the first thing they will check.",
               "Say it in a few words, e.g. \"I hold it (since 2023)\"."),
}


def _passed_by(lower: str, draft: AnalysedDraft, asked: str | None) -> tuple[str, int, str | None] | None:
    """(kind, where in the post, the draft's words to quote) of the first condition of the post the ask passes by."""
    if asked is not None and (m := _NO_REFERRALS.search(lower)):
        return "no-referrals", m.start(), asked
    if asked is not None and (m := _APPLY_FIRST.search(lower)) and not APPLIED.search(draft.lower) \
            and not re.search(r"\d{3,}", draft.lower):
        return "apply-first", m.start(), asked
    said = [(s.group(), draft.text[s.start():s.end()].strip()) for s in SENTENCES.finditer(draft.lower)]
    unsaid = None
    for start, about, rules_out in _requirements(lower):
        on_it = [(r, as_written) for r, as_written in said if about & topic(r)]
        unmet = next((as_written for r, as_written in on_it if rules_out or NOT_YET.search(r) or WAVED.search(r)), None)
        if unmet is not None:
            return "unmet", start, unmet
        if not on_it and unsaid is None:
            unsaid = start
    return ("unsaid", unsaid, None) if unsaid is not None and asked is not None else None


def _post_condition(draft: AnalysedDraft, ctx: CoachContext):
    asked = goes_on(draft)
    for text, lower in _posts(ctx):
        if (found := _passed_by(lower, draft, asked)) is not None:
            kind, start, yours = found
            message, suggestion = _SAYS[kind]
            yield POST_CONDITION.finding(
                f"{first_name(ctx) or 'They'}'s post says \"{_said(text, lower, start)}\", and "
                + message.format(yours=yours), draft, None, suggestion=suggestion, data={"kind": kind},
                severity="info" if kind == "unsaid" else POST_CONDITION.severity)
            return


POST_CONDITION = Rule(
    code="ask.post-condition", severity="warning", check=_post_condition, needs=frozenset({"profile"}),
    judges_ask=True,
    rationale="A post that announces an opening says how to get their help and what the role takes; an ask that "
              "passes it by shows the post was not read.",
)

RULES = [POST_CONDITION]
