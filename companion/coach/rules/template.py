"""template.placeholder: an unfilled placeholder left from a template ([Name], {company}, XXX, XYZ)."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import recipient_company, recipient_name

# Each kind of placeholder starts with its own character, so a draft without that character skips
# the pattern and one that has it is scanned from a literal prefix (fast in re).
_PLACEHOLDERS = [
    ("[", re.compile(r"\[(?!\d+\])[A-Za-z][^\[\]\n]{0,40}\](?!\()")),  # [Name]; not [1] or a [link](url)
    ("{", re.compile(r"\{\{?\s*[A-Za-z_][\w .-]{0,30}\}\}?")),  # {company}, {{first_name}}
    ("<", re.compile(r"<(?!/?(?:br|p|div|span|b|i|a)\b)[A-Za-z][\w .-]{0,30}>")),  # <role>; not stray HTML tags
    ("___", re.compile(r"_{3,}")),
    ("%", re.compile(r"%[A-Za-z_]+%")),
    ("$", re.compile(r"\$\{[A-Za-z_]+\}|\$(?:name|company|role|first_?name)\b")),
    ("(", re.compile(r"\((?:insert [^()\n]{0,30}|company(?: name)?|(?:first |full |your |their )?name|role|"
                     r"job title|position|recipient'?s? name|hiring manager)\)", re.IGNORECASE)),
    ("xxx", re.compile(r"\b(?:XXX+|xxx+)\b")),
    ("TODO", re.compile(r"\bTODO\b")),
    ("XYZ", re.compile(r"\bXYZ\b")),  # "my experience in XYZ", "company XYZ": capitals only (not "the xyz plane")
]
_NAMEISH = re.compile(r"name|first|recipient|contact|person", re.I)
_COMPANYISH = re.compile(r"company|employer|organi[sz]ation|firm|org\b", re.I)
# The name of a thing, not of a person: "[Hospital Name]", "[School Name]" (but "[First Name]", "[Manager Name]").
_THING_NAME = re.compile(r"\b(?!(?:first|full|last|given|recipient|contact|person|their|his|her|your|manager|"
                         r"referrer)\b)[a-z]+'?s?\s+name\b", re.I)


def _replacement(token: str, ctx: CoachContext) -> str | None:
    """What belongs in the placeholder when the context knows it."""
    if _COMPANYISH.search(token):
        return recipient_company(ctx)
    if _NAMEISH.search(token) and not _THING_NAME.search(token):
        name = recipient_name(ctx)
        if name:
            return name.split()[0] if "full" not in token.lower() else name
    return None


def _matches(text: str, lower: str):
    """The placeholders in `text` (`lower` is it lower-cased), in order, one per place ("[XXX]" is one, not two)."""
    hits = sorted((m for gate, pattern in _PLACEHOLDERS if gate in (lower if gate == "xxx" else text)
                   for m in pattern.finditer(text)), key=lambda m: m.start())
    last_end = -1
    for m in hits:
        if m.start() >= last_end:
            last_end = m.end()
            yield m


def _message(token: str) -> str:
    return (f"\"{token}\" looks like an unfilled template placeholder. Sent as is, it tells them this "
            "is a mass message nobody read before sending.")


def _placeholder(draft: AnalysedDraft, ctx: CoachContext):
    for m in _matches(draft.text, draft.lower):
        token = m.group()
        replacement = _replacement(token, ctx)
        yield PLACEHOLDER.finding(
            _message(token), draft, m.span(), replacement=replacement,
            suggestion=(f"Replace it with \"{replacement}\"." if replacement
                        else "Replace it with the real detail, or delete it."),
        )
    if ctx.surface == "inmail" and draft.subject:  # the subject is read first: "Referral for [Role]"
        for m in _matches(draft.subject, draft.subject_lower):
            yield PLACEHOLDER.finding("In the subject line: " + _message(m.group()),
                                      suggestion="Replace it with the real detail.", data={"field": "subject"})


PLACEHOLDER = Rule(
    judges_words=True,
    code="template.placeholder", severity="error", check=_placeholder,
    fires=("Hi [Name], I'd love to join {company}.", 'Hi <first name>, I saw the opening at XXX.',
           "My experience in XYZ makes me a strong fit."),
    quiet=('Hi Sam, my list [1] is below.', 'See [my portfolio](https://example.com).',
           "I plotted it on the xyz axes."),
    rationale="An unfilled placeholder proves the message is a template nobody checked.",
)

RULES = [PLACEHOLDER]
