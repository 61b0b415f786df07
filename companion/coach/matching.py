"""Matching helpers the rule families share (negation, company and person names, context lookup), so
every family answers "is this their company?" the same way. Per-name work is cached."""

import re
import unicodedata
from functools import lru_cache

from protocol.page import Education, Experience

from companion.coach.analysis import MONTHS, WEEKDAYS, AnalysedDraft
from companion.coach.due import COLD_DAYS, DAY_MS
from companion.coach.intent import replies_to_them, requests
from companion.coach.mentions import mentions_person
from companion.coach.outreach_view import message_times, to_ms
from companion.tone.model import default_model

# Words that turn a trigger into its opposite when they sit just before it in the same sentence:
# "I'm not demanding anything", "I won't ask about anything confidential".
_NEGATION = re.compile(
    # ("a yes or no" names an answer, it negates nothing.)
    r"\b(?:not|never|(?<!yes or )no|nothing|without|don't|dont|do not|doesn't|won't|wouldn't|can't|cannot|"
    r"couldn't|isn't|aren't|wasn't|shouldn't|haven't|hasn't|hadn't|didn't|neither|nor)\b"
)


# A disclaimer reaches over a list: "I'm not asking for a job or a referral" (until a "but": "I'm not asking for
# a referral, but could you…").
_NOT_ASKING = re.compile(r"\b(?:not|never) (?:asking|looking|here|writing) (?:you )?(?:for|to|about)\b"
                         r"(?:(?!\b(?:but|just|only|though|however|instead)\b)[^.!?\n])*$")


def negated(draft: AnalysedDraft, start: int, window: int = 30) -> bool:
    """True when a negation appears shortly before code-point `start` in its sentence, or the sentence
    disclaims the ask before it ("I'm not asking for a job or a referral")."""
    if _NEGATION.search(draft.before_in_sentence(start, window)):
        return True
    wide = draft.before_in_sentence(start, 80)  # substring tests in C first: this runs a dozen times a draft
    return ("not " in wide or "never " in wide) and bool(_NOT_ASKING.search(wide))


# Nouns that end a job title ("Software Development Engineer", "Producer", "Head of Growth"): what
# ask.* reads as the role asked for and fact.* as the job a draft says they hold. Lower-case.
TITLE_NOUNS = (
    r"(?:engineer|engineering manager|developer|designer|scientist|analyst|researcher|architect|"
    r"consultant|intern|internship|co-op|new grad|apprentice(?:ship)?|trainee|specialist|coordinator|"
    r"training contract|pupillage|residency|"  # the law's and medicine's entry roles
    r"director|manager|administrator|recruiter|accountant|marketer|copywriter|writer|strategist|"
    r"technician|sre|swe|sde|tpm|apm|pm|product owner|account executive|ae|sdr|bdr|representative|"
    r"counsel|attorney|paralegal|nurse|teacher|economist|actuary|auditor|controller|planner|"
    r"producer|editor|illustrator|animator|operator|head of [a-z]+|"
    # the trades, care and service work name their jobs too
    r"supervisor|foreman|foremen|lead|associate|assistant|clerk|cashier|driver|electrician|plumber|welder|machinist|"
    r"mechanic|chef|cook|barista|bartender|receptionist|secretary|bookkeeper|teller|underwriter|inspector|"
    r"surveyor|estimator|buyer|merchandiser|dispatcher|pharmacist|radiographer|technologist|therapist|"
    r"dietitian|paramedic|midwife|physician|surgeon|dentist|hygienist|psychologist|counsell?or|caregiver|"
    r"social worker|librarian|tutor|instructor|lecturer|professor|officer|advis[eo]r|agent|coder|"
    r"vp|svp|evp|vice president|cto|cfo|coo|cio|ciso|cmo|chief [a-z]+ officer)(?:s|-?[1-5])?\b"  # "SDE2"
)


# After "a referral": the programme, its form or its bonus, which no one asks for ("the referral portal").
NOT_THE_PROGRAMME = r"(?!\s+(?:form|portal|tool|link|bonus|program(?:me)?|process|system|code))"

# An introduction to whoever hires ("introduce me to your HR or hiring manager", "connect me with the recruiter
# for the controls roles") asks to be put forward, as a referral does; an intro to a person by name is advice.
HIRING_INTRO = (r"(?:introduc(?:e|ing)|connect(?:ing)?|put(?:ting)?)\s+(?:me|us)\s+(?:in\s+touch\s+)?(?:to|with)\s+"
                r"(?:your|the|a|an|their|someone\s+(?:in|on|from)(?:\s+(?:your|the))?)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:hr|hiring\s+(?:manager|team|lead)|recruit(?:er|ers|ing|ment)|talent(?:\s+acquisition)?(?:\s+team)?|"
                r"people\s+team|human\s+resources|personnel)\b")


# Legal and filler suffixes that people leave out when they name a company in a message.
_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "plc", "sa",
    "ag", "bv", "nv", "pte", "pty", "srl", "spa", "group", "holdings", "technologies", "labs", "laboratories",
    # the kind of firm, left out as often: "Lim Teo Architects" is "Lim Teo" to its people
    "architects", "partners", "associates", "consultants", "consulting", "studio", "studios",
}
_SAINT = ("st.", "st", "saint")  # "St. Mary's Medical Center" is also written "St Mary's" and "Saint Mary's"
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


# What kind of place a name goes on to say, after "The" and the name itself: "The Alder Hotel Group" is "the Alder".
_KIND_OF_PLACE = frozenset({"hotel", "hotels", "restaurant", "restaurants", "hospital", "clinic", "group", "inn",
                            "studio", "bakery", "kitchen", "gallery", "theatre", "theater", "school", "academy"})


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
        if any(w in _SAINT for w in words):
            aliases.update(" ".join(form if w in _SAINT else w for w in words) for form in _SAINT)
        if len(words) > 1 and all(w.isalnum() for w in words):  # "QA TestLab" is also written "QATestlab"
            aliases.add("".join(words))
        if len(words) > 1 and len(words[0]) >= 4 and words[0] not in _GENERIC_FIRST:
            aliases.add(words[0])
        if len(words) > 2 and words[0] == "the":  # "The Walt Disney Company" -> "walt disney"; "The Alder Hotel
            aliases.add(" ".join(words[1:]))        # Group" -> "the alder"
            if words[2] in _KIND_OF_PLACE:
                aliases.add(" ".join(words[:2]))
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
    initials = "".join(w[0] for w in parts)
    # Initials that spell a common word ("can", "was") would find the name in every other draft.
    found = {initials} if len(parts) >= 3 and initials not in _COMMON_WORDS else set()
    if len(parts) == 3:  # the first two by initials, the place in full: "TU München", "UC Berkeley"
        found.add(parts[0][0] + parts[1][0] + " " + parts[2])
    return found


# Short English words that initials may spell: as an alias they would match ordinary prose.
_COMMON_WORDS = frozenset(
    "all and any are but can did for get had has her him his how its let may new not now one our out own say see "
    "she the too two use was way who why yes yet you also been both came come does done each even from good have "
    "here into just know like made make many more most much must need next only over said same some such take "
    "than that them then they this time very want well were what when will with work your".split())
# Words that name the kind of school, not which one: "University of Waterloo" is "Waterloo" to its alumni.
SCHOOL_WORDS = frozenset({"university", "college", "institute", "school", "of", "the", "and", "&", "technology",
                          "state", "national", "polytechnic", "academy", "sciences", "science", "at", "in"})
_SCHOOL_KIND = frozenset({"university", "college", "institute", "school", "polytechnic", "academy"})
_CARE_KIND = frozenset({"hospital", "hospitals", "university", "teaching", "general", "clinic", "infirmary",
                        "medical", "center", "centre", "health", "care", "healthcare"})


# Words that say what kind of firm or place a name is, not which: "Minerals", "Health", "Bank".
_KIND_WORDS = _SUFFIXES | _GENERIC_FIRST | _COMMON_WORDS | SCHOOL_WORDS | _CARE_KIND | _KIND_OF_PLACE | frozenset({
    "minerals", "mining", "energy", "power", "logistics", "foods", "food", "systems", "solutions", "software",
    "services", "capital", "insurance", "motors", "pharma", "pharmaceuticals", "pharmaceutical", "farmaceutica",
    "analytics", "networks", "media", "bank", "finance", "financial", "industries", "manufacturing", "retail",
    "construction", "engineering", "transport", "airlines", "foundation", "trust", "council", "ministry",
    "department", "agency", "office", "city", "county", "region", "regional", "district", "state", "public"})

_BRANCH = re.compile(r"(?:the )?(?:u\.?s\.?a?\.?|united states|uk|royal|[a-z]+(?:ian|ish|ese|an|i)) "
                     r"(?P<branch>army|navy|air force|marine corps|coast guard|national guard)")


@lru_cache(maxsize=512)
def mention_aliases(name: str) -> tuple[str, ...]:
    """The lower-cased forms in which a draft may name company or school `name`: its `company_aliases`
    and the short forms people write but that do not make two names the same place (which is why
    `same_company` does not use them): for "Kakatiya Institute of Technology & Science, Yerragattu
    Hillocks, …, Warangal", the part before the first comma, which LinkedIn's long school names follow
    with a campus or an address, with its initials ("KITS", so "KITS Warangal"); for a school, the one
    word that is not a kind of school ("University of Waterloo" -> "waterloo")."""
    aliases = set(company_aliases(name))
    head = name.split(",", 1)[0].strip()
    if head != name.strip() and not all(w in SCHOOL_WORDS or w in _GENERIC_FIRST
                                        for w in re.findall(r"[\w&'-]+", head.lower())):
        aliases.update(company_aliases(head))  # not "University" of "University, Berlin"
    # A hospital or a clinic by its own name, as staff say it: "St. Brennan's" for "St. Brennan's University
    # Hospital", "Royal Liffey" for "Royal Liffey Hospital" (two words at least, or one of its own).
    place = re.findall(r"[\w&+.'’-]+", name.lower())
    if place and place[-1] in _CARE_KIND:
        while place and place[-1] in _CARE_KIND:
            place.pop()
        if len(place) >= 2 or place and len(place[0]) >= 4 and place[0] not in _GENERIC_FIRST | _COMMON_WORDS:
            aliases.update(company_aliases(" ".join(place)))
    # A service by its branch, as veterans say it: "fellow Army vet" for "U.S. Army", "Navy" for "Royal Navy" (not
    # "Army" for "Salvation Army").
    branch = _BRANCH.fullmatch(name.lower().strip())
    if branch:
        aliases.add(branch.group("branch"))
    words = re.findall(r"[\w'-]+", _fold(name))
    if _SCHOOL_KIND & set(words):
        own = [w for w in words if w not in SCHOOL_WORDS]
        if len(own) == 1 and len(own[0]) >= 4 and own[0] not in _GENERIC_FIRST | _COMMON_WORDS:
            aliases.add(own[0])
    return tuple(sorted(aliases, key=len, reverse=True))


def short_name(name: str) -> str:
    """`name` as a line of a message may say it: LinkedIn's long school names list an address after the
    name ("Kakatiya Institute of Technology & Science, Yerragattu Hillocks, Bheemaram, Hasanparthy,
    Warangal"); keep the name and the last part, the city ("…& Science, Warangal"). Two parts stay
    ("University of California, Los Angeles": the campus is the school)."""
    parts = [p.strip() for p in name.split(",")]
    return f"{parts[0]}, {parts[-1]}" if len(parts) > 2 and parts[0] and parts[-1] else name.strip()


@lru_cache(maxsize=512)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in aliases)
    return re.compile(rf"(?<![\w]){alts}(?![\w])")


def find_company(lower: str, name: str | None) -> re.Match[str] | None:
    """The first mention of company or school `name` in lower-cased text, or None. The one place that
    decides whether a draft names a place: the rules and the hints all ask it (`mention_aliases`)."""
    aliases = mention_aliases(name) if name else ()
    if not any(a in lower for a in aliases):  # substring tests in C before the regex
        return None
    return _alias_pattern(aliases).search(lower)


def names_in_part(text: str, name: str | None) -> bool:
    """Whether the draft, as typed, names company `name` by part of it written as a name: two of its capitalised
    words in a row ("Red Ridge" for "Red Ridge Minerals"), or one of four letters or more that says no kind of
    firm ("Solano" for "Farmacéutica Solano"). What `find_company`'s aliases leave out, as they must match
    lower-cased prose: "red" alone is no name, nor is "solano" typed as a word."""
    words = re.findall(r"[^\W\d_][\w&'’-]*", name or "")
    if len(words) < 2:
        return False
    runs = [f"{a} {b}" for a, b in zip(words, words[1:]) if a[0].isupper() and b[0].isupper()]
    own = [w for w in words if len(w) >= 4 and w[0].isupper() and _fold(w) not in _KIND_WORDS]
    return any(re.search(r"(?<![\w&'’-])" + re.escape(part) + r"(?![\w&'’-])", text)
               for part in runs + own if part in text)


def same_company(a: str | None, b: str | None, url_a: str | None = None, url_b: str | None = None) -> bool:
    """Whether two company (or school) names plausibly mean the same one ("Stripe" vs "Stripe, Inc."),
    or both link the same LinkedIn page (`url_a`, `url_b`: a profile entry's company or school URL)."""
    return bool(url_a and url_a == url_b) or bool(a and b and set(company_aliases(a)) & set(company_aliases(b)))


def any_same_company(name: str | None, others) -> bool:
    """Whether company (or school) `name` is one of `others` (`same_company`)."""
    return any(same_company(name, other) for other in others)


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


def _short_from_end(said: str, part: str) -> bool:
    """A name's end as its short form, as many are: "Seun" for Oluwaseun, "Tunde" for Babatunde, "Tina" for
    Christina; not "Anna" for Joanna (what comes off must be a syllable or more)."""
    return len(said) >= 4 and len(part) - len(said) >= 3 and part.endswith(said)


def name_matches(said: str, full_name: str) -> bool:
    """Whether `said` (a word from a greeting) can address the person called `full_name`."""
    said_f = _fold(said)
    for part in person_name_parts(full_name):
        if said_f == part or (len(said_f) >= 3 and (part.startswith(said_f) or said_f.startswith(part))) \
                or said_f in _NICKNAMES.get(part, ()) or _short_from_end(said_f, part):
            return True
    return False


def names_a_mutual(draft: AnalysedDraft, ctx) -> bool:
    """Whether the draft names one of the mutual connections their profile lists (not the writer naming
    themselves: `mentions.mentions_person`)."""
    names = ctx.profile.mutual_names if ctx.profile is not None else None
    own = ctx.own_profile.name if ctx.own_profile is not None else None
    return any(n and mentions_person(draft.text, n, own, draft.lower) for n in names or ())


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


def they_answered(draft: AnalysedDraft, ctx) -> bool:
    """Whether the thread shows them writing to you (not only an old pleasantry: left_at_pleasantry), or the log
    shows a reply of theirs."""
    rec = recipient_log(ctx)
    return in_conversation(draft, ctx) and not left_at_pleasantry(draft, ctx) or rec is not None and bool(rec.replies)


def they_wrote(draft: AnalysedDraft, ctx) -> bool:
    """Whether they answered (they_answered), or the log shows an answer to your ask (a state past "asked")."""
    rec = recipient_log(ctx)
    return they_answered(draft, ctx) or rec is not None and rec.state != "asked"


def known_to_them(draft: AnalysedDraft, ctx) -> bool:
    """Whether you already know each other: they wrote to you (they_wrote, or no more than a pleasantry long ago),
    or the draft thanks them for their reply (a Rule.abstains for the rules about strangers)."""
    return they_wrote(draft, ctx) or in_conversation(draft, ctx) or replies_to_them(draft)


def their_turn(draft: AnalysedDraft, ctx) -> bool:
    """Whether they spoke last: the conversation on the page ends with their message, or the log's newest
    reply is newer than its newest message to them, or (with no thread on the page) the draft thanks them
    for their reply. The draft answers them (a Rule.abstains for the advice on how to make a request of
    someone who has not answered)."""
    thread, rec = ctx.thread, recipient_log(ctx)
    if thread is not None and thread.messages:
        return thread.messages[-1].sender == "them" and not left_at_pleasantry(draft, ctx)
    return rec is not None and bool(rec.replies) and rec.replies[-1] > (rec.last_sent_ms or 0) \
        or replies_to_them(draft)  # "thanks for your reply": the draft says they answered


@lru_cache(maxsize=256)  # the thread stays while the draft changes at every keystroke
def _message_holds(test, text: str) -> bool:
    return bool(test(AnalysedDraft(text)))


def conversation_says(ctx, test, sender: str | None = None) -> bool:
    """Whether a message of the conversation on the page (of `sender`'s, or either side's) passes `test`, a
    predicate on an analysed text: what the conversation has said, the draft need not say again."""
    thread = ctx.thread
    return thread is not None and any((sender is None or m.sender == sender) and _message_holds(test, m.text)
                                      for m in thread.messages)


# Their own words on the page put them on the hiring side: "I'm recruiting a Senior Paralegal for Hollis & Grant",
# "thanks for your interest in the Process Engineer role", "we can sponsor the visa" (a referrer, too, may ask
# for a notice period).
_HIRING_SIDE = re.compile(r"\b(?:i(?:'m| am) (?:recruiting|hiring)|we(?:'re| are) (?:recruiting|hiring)|your interest in|"
                          r"your (?:application|candidacy)|(?:we|i) (?:can|could|will) sponsor|"
                          r"(?:schedule|set up|arrange|book) (?:a |an |the )?(?:first |initial |next |phone |video |quick |short )?"
                          r"(?:call|interview|screen)|salary expectations|(?:thanks|thank you) for applying)\b")


def _hiring_talk(text: AnalysedDraft) -> bool:
    return bool(_HIRING_SIDE.search(text.lower))


def speaks_for_hiring(ctx) -> bool:
    """Whether their messages on the page speak for the hiring side: pay and their outreach are theirs to discuss."""
    return conversation_says(ctx, _hiring_talk, "them")


def conversation_names_company(ctx) -> bool:
    """Whether a message of the conversation on the page names the recipient's company."""
    company = recipient_company(ctx)
    return company is not None and ctx.thread is not None and any(
        find_company(m.text.lower(), company) for m in ctx.thread.messages)


def left_at_pleasantry(draft: AnalysedDraft, ctx) -> bool:
    """Whether the conversation on the page ends, COLD_DAYS or more ago, with a message of theirs that asked
    nothing ("Thanks for connecting! Good luck with the pop-up.") and the draft does not answer it: it is
    written afresh, not as a reply ("Thanks so much, Ana! Here's the posting" still is one)."""
    thread = ctx.thread
    if thread is None or not thread.messages or thread.messages[-1].sender != "them":
        return False  # (before the memo: most drafts have no such thread)

    def decide() -> bool:
        theirs = message_times(thread)[1]
        return not replies_to_them(draft) and bool(theirs) and to_ms(ctx.now) - max(theirs) >= COLD_DAYS * DAY_MS \
            and not requests(AnalysedDraft(thread.messages[-1].text))
    return draft.remember("matching.pleasantry", decide)  # their_turn, they_answered and reply.late ask


def wrote_to_them(ctx, rec) -> bool:
    """Whether the log's record `rec` or the thread on the page shows a message of the user's to them."""
    return bool(rec and rec.sent) or ctx.thread is not None and any(m.sender == "me" for m in ctx.thread.messages)


def recipient_company(ctx) -> str | None:
    """The company the recipient is at now: --company, else the profile's current company."""
    profile = ctx.profile
    if ctx.company or profile is None:
        return ctx.company or None
    return profile.current_company or next(
        (e.company for e in profile.experience or () if e.company and any(r.current for r in e.roles)), None)


def recipient_titles(ctx) -> str:
    """What the recipient does, as their pages and the log say it: the profile's and the thread participant's
    headline and title, and the title the log kept ("Senior Technical Recruiter at Brightloom")."""
    rec = recipient_log(ctx)
    people = (ctx.profile, _participant(ctx))
    return " ".join(filter(None, [t for p in people if p is not None for t in (p.headline, p.current_title)]
                           + [rec.role if rec is not None else None]))


# Whose work is filling roles, in a headline or title (not "hiring", which many a manager's headline says).
_RECRUITER = re.compile(r"(?i)\b(?:recruit(?:er|ers|ing|ment)|talent (?:acquisition|partner|lead|sourcer)|head of talent|"
                        r"sourcer|technical sourcing|human resources|hrbp|hr|people partner|"
                        r"acquisition de talents?|recrute(?:u|us)r|recrutement|reclutamento|reclutadora?)\b")


def is_recruiter(ctx) -> bool:
    """Whether the recipient fills roles for a living, by their headline or title."""
    return bool(_RECRUITER.search(recipient_titles(ctx)))


def first_name(ctx, rec=None) -> str | None:
    name = recipient_name(ctx, rec)
    return name.split()[0] if name else None


def recipient_log(ctx):
    """The outreach log's record of the recipient, or None."""
    return ctx.outreach.recipient(recipient_slug(ctx)) if ctx.outreach is not None else None


# Which of their posts a draft talks about, by the words it shares with the post: "your Tech Trek post on the
# Google London visit", "the Big4 offers your student got" (of an Italian post: "offerte (anche Big4)").
_POST_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.!?\n]")
# Capitalised words that start no name: months (but "May", also a name), days, and what every message says.
_NOT_MARKS = frozenset(MONTHS).difference({"may"}).union(WEEKDAYS, (
    "today linkedin thanks thank congratulations congrats happy excited proud very really".split()))
# Ordinary words too common to point at one post, even in a draft that says "your post about …".
_ORDINARY = _COMMON_WORDS | frozenset(
    "about after again being could every first great really should their there these thing think those "
    "through where which while would years always thanks thank hello loved enjoyed liked reading post posts "
    "article recent recently share shared sharing learn learned people other today week month working "
    "worked experience looking forward please happy excited proud journey amazing".split())


# A reference with digits in two or more parts: "2026-114", "HC-2026-77", "JR/5520".
_ID = re.compile(r"\b[a-z]*\d+[a-z]*(?:[-/][a-z0-9]*\d[a-z0-9]*)+\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _post_marks(text: str) -> dict[str, int]:
    """Folded words of a post that point at it, by weight: 2 for a word with digits ("Big4", "'25D") or
    capitals inside ("SXSW", "INSEAD") and for a reference ("2026-114"), 1 for a capitalised word of four letters
    or more that starts no sentence ("Google", "London") or a word ordinary English rarely writes. Ordinary
    words get 0 here (see `mentioned_post`)."""
    marks: dict[str, int] = {}
    start = True
    for m in _POST_TOKEN.finditer(text):
        tok = m.group()
        if tok in ".!?\n":
            start = True
            continue
        weight = 0
        if any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok):
            weight = 2
        elif sum(c.isupper() for c in tok) >= 2:
            weight = 2
        elif tok[0].isupper() and not start and len(tok) >= 4:
            weight = 1
        start = False
        folded = _fold(tok)
        if weight and folded not in _NOT_MARKS:
            marks[folded] = max(weight, marks.get(folded, 0))
        elif len(folded) >= 5 and folded.isalpha() and folded not in _ORDINARY:
            # A word ordinary English rarely writes ("cataplana", "preceptorship") points at the post as a name does.
            marks[folded] = max(int(folded not in default_model().vocabulary), marks.get(folded, 0))
    for m in _ID.finditer(text):  # "Req. 2026-114": its reference, whole
        marks[m.group().lower()] = 2
    return marks


def _profile_words(profile) -> frozenset[str]:
    """Words that name them, their job or their places: shared with a post, they say nothing of the post."""
    parts = [profile.name, profile.headline, profile.location, getattr(profile, "current_company", None),
             getattr(profile, "current_title", None)]
    parts += [e.company for e in profile.experience or ()] + [e.school for e in profile.education or ()]
    return frozenset(_fold(w) for p in parts if p for w in re.findall(r"[^\W_]+", p))


# A post that announces an opening, and a draft that says it saw one: "I saw you're hiring", "your post".
_OPENING_POST = re.compile(r"\b(?:is|are|we're|we are|i'm|i am) (?:now )?(?:hiring|recruiting|looking for)\b"
                           r"|\bjoin (?:my|our|the) team\b|\b(?:roles?|positions?|openings?|vacanc\w+) (?:are |is )?open\b",
                           re.IGNORECASE)
# (Not "your company is hiring": that is known from any job board; audit 94-07.)
_SAW_OPENING = re.compile(r"\byou(?:'re| are| were) (?:now )?(?:hiring|recruiting|looking for)\b"
                          r"|\byou (?:posted|shared|announced)\b|\b(?:your|ur) (?:\w+ ){0,3}post\b")


def mentioned_post(lower: str, profile, about_a_post: bool = False) -> int | None:
    """The index of their own post (not a repost) that the lower-cased draft points at, or None: the
    post sharing the most marked words with it, with at least two points (`_post_marks`). When the draft
    says it is about a post ("your post about event sourcing"), its ordinary words count too, one each."""
    posts = profile.posts if profile is not None else None
    if not posts:
        return None
    words = {_fold(w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", lower)}
    if not words:
        return None
    words.update(m.group() for m in _ID.finditer(lower))
    skip = _profile_words(profile)
    # A post that announces an opening comes last: naming the role it advertises reads the job, not the post,
    # so it is credited only when the draft says it saw the opening and cites no other post (audit 93-09, 93-10).
    openings = {i for i, post in enumerate(posts) if post.text and _OPENING_POST.search(post.text)}
    # The opening's own ID ("job TL-0912") is read off the post as surely as "your post" says it.
    ids = {w for w in re.findall(r"[a-z]*\d[\w-]*", lower) if len(w) >= 3}
    saw_opening = about_a_post or _SAW_OPENING.search(lower) is not None \
        or any(i in posts[k].text.lower() for k in openings for i in ids)
    best = _best_post(lower, words, posts, skip, about_a_post, exclude=openings)
    if best is None and saw_opening and openings:
        best = _best_post(lower, words, posts, skip, about_a_post, exclude=set(range(len(posts))) - openings)
    return best


def _best_post(lower: str, words: set[str], posts, skip: frozenset[str], about_a_post: bool,
               exclude: set[int]) -> int | None:
    best, best_score = None, 1
    for i, post in enumerate(posts):
        if post.reposted or not post.text or i in exclude:
            continue  # a repost is someone else's words: not what the draft can credit them with
        marks = _post_marks(post.text)
        # Their name, job and places point at them, not at this post; ordinary words of the post count when
        # the draft says it is about a post, even when the headline has them too ("event sourcing").
        score = sum(w if w and t not in skip else about_a_post for t, w in marks.items() if t in words)
        if score == best_score and _retells(lower, words, post.text, skip,
                                            {t for t, w in marks.items() if w and t not in skip}):
            score += 1  # one mark with the post's own words around it ("the Venlo hub going live"): read, not a place
        if score > best_score:
            best, best_score = i, score
    return best


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [_fold(w) for w in re.findall(r"[^\W_]+", text)]
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _retells(lower: str, words: set[str], text: str, skip: frozenset[str], marked: set[str]) -> bool:
    """Whether the draft retells post `text` around one of its marked words: three of its words in a row with the
    mark among them ("a new hub in Venlo"), or two more of its words that are not everyday ones ("congrats on the
    Venlo hub going live" for "our new hub in Venlo went live")."""
    if any(marked.intersection(gram) for gram in _trigrams(text) & _trigrams(lower)):
        return True
    theirs = {_fold(w) for w in re.findall(r"[^\W\d_]{3,}", text)} - skip - marked - _COMMON_WORDS - _PLAIN
    return len(theirs & words) >= 2


# Words too plain to say which post the draft read: "team", "work", "great".
_PLAIN = frozenset("our team work great new year week today just really thanks thank about with into from proud "
                   "excited happy people role roles job jobs hiring join".split())


def echoes_about(lower: str, profile) -> bool:
    """Whether the draft repeats a phrase of their About, three words in a row with two uncommon words of four
    letters or more that do not name them, their job or their places ("I saw in your About that you review
    portfolios for career changers"): it read what they wrote of themselves."""
    about = profile.about if profile is not None else None
    if not about:
        return False
    skip = _profile_words(profile)
    return any(sum(len(w) >= 4 and w not in _ORDINARY and w not in skip for w in gram) >= 2
               for gram in _trigrams(about) & _trigrams(lower))


def _stems(text: str) -> set[str]:
    """Five-letter stems of a text's uncommon words of four letters or more: "certified" and
    "certification" share one, so a loose description of a post still meets the post."""
    return {w[:5] for w in map(_fold, re.findall(r"[^\W\d_]{4,}", text)) if w not in _ORDINARY}


def unknown_post(description: str, profile) -> str | None:
    """Whether the words a draft uses of "your recent post" ("about migrating retail clients to Databricks")
    meet none of their own posts on the page: "none", or "repost" when they meet only a post they reshared;
    None when one of theirs shares a word, the description has too few words of its own to tell, or a post of
    theirs is in another language."""
    said = _stems(description) - {w[:5] for w in _profile_words(profile)}
    posts = [p for p in profile.posts or () if p.text]
    own = [p for p in posts if not p.reposted]
    # Words of an English draft say nothing of a post in Italian ("Poland" is "Polonia").
    if len(said) < 2 or not own or not all(AnalysedDraft(p.text).english for p in own):
        return None
    if any(said & _stems(p.text) for p in own):
        return None
    return "repost" if any(len(said & _stems(p.text)) >= 2 for p in posts if p.reposted) else "none"
