"""Matching helpers the rule families share (negation, company and person names, context lookup), so
every family answers "is this their company?" the same way. Per-name work is cached."""

import re
import unicodedata
from functools import lru_cache

from protocol.page import Education, Experience

from companion.coach.analysis import AnalysedDraft
from companion.coach.intent import replies_to_them

# Words that turn a trigger into its opposite when they sit just before it in the same sentence:
# "I'm not demanding anything", "I won't ask about anything confidential".
_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|without|don't|dont|do not|doesn't|won't|wouldn't|can't|cannot|"
    r"couldn't|isn't|aren't|wasn't|shouldn't|haven't|hasn't|hadn't|didn't|neither|nor)\b"
)


def negated(draft: AnalysedDraft, start: int, window: int = 30) -> bool:
    """True when a negation appears shortly before code-point `start` in its sentence."""
    return bool(_NEGATION.search(draft.before_in_sentence(start, window)))


# Nouns that end a job title ("Software Development Engineer", "Producer", "Head of Growth"): what
# ask.* reads as the role asked for and fact.* as the job a draft says they hold. Lower-case.
TITLE_NOUNS = (
    r"(?:engineer|engineering manager|developer|designer|scientist|analyst|researcher|architect|"
    r"consultant|intern|internship|co-op|new grad|apprentice(?:ship)?|specialist|coordinator|"
    r"director|manager|administrator|recruiter|accountant|marketer|copywriter|writer|strategist|"
    r"technician|sre|swe|sde|tpm|apm|pm|product owner|account executive|sdr|bdr|representative|"
    r"counsel|attorney|paralegal|nurse|teacher|economist|actuary|auditor|controller|planner|"
    r"producer|editor|illustrator|animator|operator|head of [a-z]+)s?\b"
)


# Legal and filler suffixes that people leave out when they name a company in a message.
_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "plc", "sa",
    "ag", "bv", "nv", "pte", "pty", "srl", "spa", "group", "holdings", "technologies", "labs",
}
# First words too common to stand for the whole company name on their own ("Bank of America").
_GENERIC_FIRST = {
    "the", "bank", "university", "national", "american", "united", "general", "first", "global",
    "international", "new", "open", "data", "digital", "social", "great", "big", "blue", "red",
}


@lru_cache(maxsize=1024)
def _fold(text: str) -> str:
    """Lower-case without accents: "Société" and "societe" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=512)
def company_aliases(name: str) -> tuple[str, ...]:
    """Lower-cased forms a person might use for `name`: "Stripe, Inc." -> ("stripe, inc.", "stripe")."""
    name = name.strip()
    if not name:
        return ()
    aliases = {name.lower()}
    paren = re.search(r"\(([^()]+)\)", name)  # not [^)]: "((((" would rescan to the end from each "("
    if paren:  # "Amazon Web Services (AWS)" -> "aws" and "amazon web services"
        aliases.add(paren.group(1).strip().lower())
        name = (name[: paren.start()] + name[paren.end():]).strip()
        aliases.add(name.lower())
    name = re.sub(r"\b([A-Za-z])\.\s*(?=[A-Za-z]\b|[A-Za-z]\.)", r"\1", name)  # "J.P. Morgan" -> "JP. Morgan"
    name = re.sub(r"\b([A-Z]{2,})\.\s*", r"\1", name)  # -> "JPMorgan"
    words = re.findall(r"[\w&+.'-]+", name.lower())
    while len(words) > 1 and (words[-1].strip(".") in _SUFFIXES or words[-1] == "&"):  # "Chase & Co."
        words.pop()
    if words:
        aliases.add(" ".join(words).strip("."))
        if len(words) > 1 and all(w.isalnum() for w in words):  # "QA TestLab" is also written "QATestlab"
            aliases.add("".join(words))
        if len(words) > 1 and len(words[0]) >= 4 and words[0] not in _GENERIC_FIRST:
            aliases.add(words[0])
        if len(words) > 2 and words[0] == "the":  # "The Walt Disney Company" -> "walt disney"
            aliases.add(" ".join(words[1:]))
        aliases.update(_initials(words))
    return tuple(sorted((a for a in aliases if len(a) >= 2), key=len, reverse=True))


def _initials(words: list[str]) -> set[str]:
    """What people call a long name by its initials: "Tata Consultancy Services" -> "tcs", "Ernst & Young"
    -> "ey" and "e&y", "Bank of America" -> "bofa". Two-word names only around "&" or "of": "Lumen
    Health" is not "lh"."""
    parts = [w for w in words if w not in ("the", "of", "and", "&") and w[0].isalpha()]
    if "&" in words[1:-1] and len(parts) == 2:
        return {parts[0][0] + parts[1][0], parts[0][0] + "&" + parts[1][0]}
    if words[1:-1] == ["of"] and len(parts) == 2 and parts[0] not in ("university", "college", "institute"):
        return {parts[0][0] + "of" + parts[1][0], parts[0][0] + "o" + parts[1][0]}  # Bank of America: BofA, BoA
    return {"".join(w[0] for w in parts)} if len(parts) >= 3 else set()


@lru_cache(maxsize=512)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in aliases)
    return re.compile(rf"(?<![\w]){alts}(?![\w])")


def find_company(lower: str, name: str | None) -> re.Match[str] | None:
    """The first mention of company `name` in lower-cased text, or None."""
    aliases = company_aliases(name) if name else ()
    if not any(a in lower for a in aliases):  # substring tests in C before the regex
        return None
    return _alias_pattern(aliases).search(lower)


def same_company(a: str | None, b: str | None, url_a: str | None = None, url_b: str | None = None) -> bool:
    """Whether two company (or school) names plausibly mean the same one ("Stripe" vs "Stripe, Inc."),
    or both link the same LinkedIn page (`url_a`, `url_b`: a profile entry's company or school URL)."""
    return bool(url_a and url_a == url_b) or bool(a and b and set(company_aliases(a)) & set(company_aliases(b)))


def same_employer(a: Experience, b: Experience) -> bool:
    """Whether two profiles' experience entries are the same company, by name or by its page."""
    return same_company(a.company, b.company, a.company_url, b.company_url)


def same_school(a: Education, b: Education) -> bool:
    """Whether two profiles' education entries are the same school, by name or by its page."""
    return same_company(a.school, b.school, a.school_url, b.school_url)


# Common English short forms; enough to keep "Hi Bob" to Robert from looking like a wrong name.
_NICKNAMES = {
    "robert": {"bob", "rob", "bobby", "robbie"}, "william": {"bill", "will", "billy", "liam"},
    "michael": {"mike", "mikey"}, "elizabeth": {"liz", "beth", "betty", "eliza", "lizzie"},
    "james": {"jim", "jimmy", "jamie"}, "jennifer": {"jen", "jenny"}, "katherine": {"kate", "kathy", "katie"},
    "catherine": {"cathy", "kate", "katie"}, "christopher": {"chris"}, "christina": {"chris", "tina"},
    "richard": {"rick", "dick", "rich"}, "thomas": {"tom", "tommy"}, "joseph": {"joe", "joey"},
    "daniel": {"dan", "danny"}, "matthew": {"matt"}, "nicholas": {"nick"}, "anthony": {"tony"},
    "alexander": {"alex", "sasha"}, "alexandra": {"alex", "sasha"}, "margaret": {"maggie", "meg", "peggy"},
    "edward": {"ed", "eddie", "ted"}, "benjamin": {"ben"}, "samuel": {"sam"}, "samantha": {"sam"},
    "jonathan": {"jon"}, "patricia": {"pat", "trish"}, "patrick": {"pat"}, "stephen": {"steve"},
    "steven": {"steve"}, "rebecca": {"becky"}, "victoria": {"vicky", "tori"}, "andrew": {"andy", "drew"},
    "deborah": {"deb", "debbie"}, "susan": {"sue"}, "charles": {"charlie", "chuck"},
    "timothy": {"tim"}, "gregory": {"greg"}, "jacob": {"jake"}, "abigail": {"abby"},
}


_NAME_PART = re.compile(r"[^\W\d_][\w'-]*")


@lru_cache(maxsize=256)
def person_name_parts(full_name: str) -> tuple[str, ...]:
    """Folded name parts, without honorifics or credentials: "Dr. Maya Okafor, PhD" -> maya, okafor."""
    base = full_name.split(",")[0]
    parts = [_fold(p) for p in _NAME_PART.findall(base)]
    return tuple(p for p in parts if p not in {"dr", "mr", "mrs", "ms", "mx", "prof", "phd", "mba"})


def name_matches(said: str, full_name: str) -> bool:
    """Whether `said` (a word from a greeting) can address the person called `full_name`."""
    said_f = _fold(said)
    for part in person_name_parts(full_name):
        if said_f == part or (len(said_f) >= 3 and (part.startswith(said_f) or said_f.startswith(part))) \
                or said_f in _NICKNAMES.get(part, ()):
            return True
    return False


def names_a_mutual(draft: AnalysedDraft, ctx) -> bool:
    """Whether the draft names one of the mutual connections their profile lists."""
    names = ctx.profile.mutual_names if ctx.profile is not None else None
    return any(n and n.lower() in draft.lower for n in names or ())


def _participant(ctx):
    return ctx.thread.participant if ctx.thread is not None else None


def recipient_slug(ctx) -> str | None:
    """Who the draft is for: the explicit slug, else the profile's, else the thread participant's."""
    part, profile = _participant(ctx), ctx.profile
    return ctx.recipient_slug or (profile.slug if profile is not None else None) or (part.slug if part else None)


def recipient_name(ctx, rec=None) -> str | None:
    """The recipient's name: what the user said (the CLI's --recipient), else the page's profile,
    else the thread's participant, else the name in the outreach log (`rec`)."""
    part, profile = _participant(ctx), ctx.profile
    names = (ctx.recipient_name, profile.name if profile is not None else None, part.name if part else None,
             rec.name if rec is not None else None)
    return next((n.strip() for n in names if n and n.strip()), None)  # a blank name is no name


def in_conversation(_draft: AnalysedDraft, ctx) -> bool:
    """Whether the thread on the page shows them writing to the user: a reply there is part of a
    conversation, not a first message (a Rule.abstains for the rules about cold outreach)."""
    return ctx.thread is not None and any(m.sender == "them" for m in ctx.thread.messages)


def known_to_them(draft: AnalysedDraft, ctx) -> bool:
    """Whether you already know each other: the thread shows them writing to you, the log shows a reply
    or an answer to your ask, or the draft thanks them for their reply (a Rule.abstains for the rules
    about strangers)."""
    rec = recipient_log(ctx)
    return in_conversation(draft, ctx) or rec is not None and bool(rec.replies or rec.state != "asked") \
        or replies_to_them(draft)


def recipient_company(ctx) -> str | None:
    """The company the recipient is at now: --company, else the profile's current company."""
    profile = ctx.profile
    if ctx.company or profile is None:
        return ctx.company or None
    return profile.current_company or next(
        (e.company for e in profile.experience or () if e.company and any(r.current for r in e.roles)), None)


def first_name(ctx, rec=None) -> str | None:
    name = recipient_name(ctx, rec)
    return name.split()[0] if name else None


def recipient_log(ctx):
    """The outreach log's record of the recipient, or None."""
    return ctx.outreach.recipient(recipient_slug(ctx)) if ctx.outreach is not None else None
