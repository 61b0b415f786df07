"""ask.*: a referral request names one specific role and the company, and asks for it plainly."""

import re
from dataclasses import replace

from companion.coach.analysis import MONTHS, WEEKDAYS, WORD_START, AnalysedDraft, starts_word
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule, either, missing_phrase_rule, mixed_or
from companion.coach.language import sentence_bounds
from companion.coach.matching import (
    HIRING_INTRO, NOT_THE_PROGRAMME, TITLE_NOUNS, conversation_names_company, conversation_says, find_company,
    is_recruiter, names_in_part, negated, recipient_company, recipient_log, their_turn, they_answered,
)
from companion.coach.intent import asks_again, they_referred
from companion.coach.rules.fact import asks_reference, names_another_company
from companion.coach.stated import follows_a_talk, in_their_process

# Job titles and role nouns, lower-case. "manager" in "hiring manager" is excluded below.
_TRACK = (r"(?:software|backend|back-end|frontend|front-end|full[- ]?stack|data|ml|machine learning|"
          r"product|program|project|ux|ui|site reliability|platform|security|devops|mobile|ios|android|"
          r"qa|test|solutions|sales|marketing|growth|content|research|applied|staff|senior|junior|"
          r"principal|lead|associate|entry[- ]level)")
_TITLE = re.compile(
    WORD_START + r"(?:"
    r"\b(?:" + _TRACK + r"\s+)?"
    + TITLE_NOUNS + ")"
)
# "... role", "... II position", "... New Grad roles": a level or track word may sit in between; an executive
# "search"; "the Lifecycle Marketing Manager one", as a reply names it.
_ROLE_NOUN_AFTER = re.compile(r"(?:\s+(?:i{1,3}|iv|[1-5]|new grad|intern|level \d))?(?:\s*\([^()\n]{1,30}\))?\s*"
                              r"(?:roles?|positions?|openings?|job|posting|listing|req|vacancy|opportunity|"
                              r"program(?:me)?|scheme|search|one(?! (?:day|of|more|time|year|week|month|thing)\b))\b")
_TARGET_CUE = re.compile(
    r"\b(?:refer|referral|referring|apply|applied|applying|application|consider|considered|"
    r"candidacy|interview|opening|hiring|hire|looking for|posted|role|position|join|joining|for the|for a|search for|"
    r"search(?:es|ing)?|recruit(?:s|ing)?|seek(?:s|ing)?|needs|"  # "I see Compass Group search a Food Safety Coordinator"
    r"interested in|about the|for an|for your)\b"
)
# "I'm a data analyst", "I worked as a designer", "hiring manager": the writer's own title (or
# not a role at all), not the role sought. Checked on the last few words before the title, as
# tokens: a `$`-anchored regex here would be tried at every position of the lookback.
_SELF_ONE = {"i'm", "im", "currently", "my", "former", "formerly", "fellow", "hiring", "previously", "seeking", "seeking:"}
_SELF_TWO = {("i", "am"), ("i", "was"), ("i've", "been"), ("have", "been"), ("i", "worked"), ("i", "work"),
             ("as", "my")}
_BE = {"is", "are", "was", "were", "be", "been", "currently", "now", "actively", "still", "also"}
_ARTICLES = {"a", "an", "the"}
_PREPOSITIONS = {"for", "in", "to", "of", "at", "with"}


def _not_sought(before: str):
    """Whether the words before a title make it the writer's own, a kind of job, or a vague one ("any")."""
    return _is_self_title(before) or _KIND_OF_JOB.search(before) or _ASKED_KIND.search(before)


def _is_self_title(before: str) -> bool:
    toks = before.split()[-6:]
    for i in range(len(toks) - 1, -1, -1):
        if toks[i] in _SELF_ONE or (i and (toks[i - 1], toks[i]) in _SELF_TWO):
            if toks[i] in ("seeking", "hiring") and i and toks[i - 1] in _BE:
                return False  # "Haller Gruppe is seeking a new CFO", "Tidal is hiring coordinators": theirs to fill
            rest = toks[i + 1:]
            if toks[i] in ("hiring", "fellow"):
                return not rest  # "hiring manager", "fellow engineer"; not "hiring for a designer"
            if rest[:1] and rest[0].endswith("ing") and (rest[1:2] != ["as"] or rest[0] == "applying") \
                    and toks[i] in ("i'm", "im", "am"):
                return False  # "I'm considering the Senior SRE opening", "I am applying as Data Analyst": sought
            if rest and rest[0] == "as":
                rest = rest[1:]
            if rest and rest[0] in _ARTICLES:
                rest = rest[1:]
            # "I'm a senior data ..." yes; "I'm applying for the ...", "I'm a candidate for ..." no
            return len(rest) <= 2 and not _PREPOSITIONS.intersection(rest)
    return False


_JOB_ID = re.compile(r"\b(?:job|req|requisition|posting|position|role|stellen)[ -]?(?:id|#|number|no\.?|nr\.?)(?: is)?\s*[:#]?\s*[\w-]*\d{3,}"
                  r"|\b(?:job|req\.?|requisition)(?: is|:)?\s*#?\s*(?:\d{2,}-)?\d{3,}\b"  # "job 4821", "req is 5521", "Req. 2026-114"
                  r"|\b(?:vacancy|posting|opening|ref)\s*#?\s*\d{2,}-\d{3,}\b"  # "vacancy 2026-118"
                  # What a posting is filed under, in any English: "ref OE-1187", "reference no. 44812",
                  # "posting 4411", "vacancy VC-209", "ref VL-ALT-112", "ref 291-CC-4417" (NHS Jobs). A bare number
                  # must not be a year: "posted in 2024".
                  r"|\b(?:ref|reference|req|requisition|posting|vacancy|opening|job|id)\.? ?(?:id|no\.?|number|code)? ?"
                  r"(?:is )?[:#]? ?(?:(?:[a-z]{1,5}-){1,3}\d{3,}|\d{2,}(?:-[a-z]{1,5})*-\d{3,}|[a-z]{0,2}\d{4,}(?<!\b(?:19|20)\d\d))\b")
# Job IDs without a label ("R-123456", "#1234567") and links to job pages, checked only when the
# draft has a long digit run or a URL at all.
_JOB_NUM = re.compile(r"(?:\b[jr]{1,2}-?|#)\d{5,}\b|\bjr-?\d{4,}\b"
                      r"|\b(?:job|role|position|posting|opening|req)\b[^\d\n.?!]{0,20}\b\d{5,}\b")
# With or without "https://": "careers.walmart.com/us/jobs/R-1883" is pasted as often as the full link.
_JOB_URL = re.compile(
    r"(?:https?://|www\.|(?<![\w@.-])(?=[a-z0-9-]+(?:\.[a-z0-9-]+)+/))"
    # A job page's path in other languages too: "transmar.pt/vagas/…", "/vacatures/", "/stellen/", "/offres/".
    r"(?:jobs\.|\S*(?:/jobs?/|/positions?/|/(?:vagas|vacatures|vacantes|vacancies|stellen|stellenangebote|offres|empleos|"
    r"ofertas|lavora-con-noi|karriere|carreiras)/|careers|greenhouse\.io|grnh\.se|lever\.co|myworkdayjobs|ashbyhq|"
    r"smartrecruiters|workable|jobvite|icims))\S*"
)
_DIGITS = re.compile(r"[0-9][0-9]{4}")  # a class first: re scans for the first digit in C
# A code in parentheses after a title: "Data Engineer (48231)", "(KP-2291)" (a literal first: a fast scan).
# A number so marked, in any language: "Elektroniker Instandhaltung (Nr. 2318)", "(réf. 4471)".
_PAREN_CODE = re.compile(r"\((?:[a-z]{1,4}-\d{4,}|#?\d{5,}|(?:nr|no|n°|ref|réf|id|kennziffer|stelle|stellen-?nr|vacature|offre|vaga|plaza)\.?:? ?#?(?:[a-z]{1,4}-){0,3}"
                         r"\d[\d-]{2,})\)")


def job_reference(lower: str) -> bool:
    """A job ID ("job ID 48213", "R-123456", Workday's "JR-1043", "(KP-2291)") or a link to a job page in
    lower-cased text."""
    return bool(_JOB_ID.search(lower) or "/" in lower and _JOB_URL.search(lower)
                or (_DIGITS.search(lower) or "jr" in lower) and _JOB_NUM.search(lower)
                or "(" in lower and _PAREN_CODE.search(lower))


# A kind of job, not one a referrer can enter in their tool: "any PM role", "other engineering roles",
# "opportunities as a manager", "I'm seeking a Full Stack Developer role", "exploring Senior/Staff
# Data Engineer roles" (but "Stripe is looking for a data scientist"); and the writer's own past
# ("worked two years as a Staff Accountant").
_MODIFIERS = r"(?:(?!(?:the|this|that|your|their|our)\b)[\w+.-]+[\s/,]+){0,3}"
_KIND_OF_JOB = re.compile(
    r"\b(?<!is )(?<!are )(?<!'re )(?<!’re )(?:(?:looking for|seeking|exploring|interested in|open to|pursuing|searching for)"
    r"(?: the (?:perfect|right|next|ideal))?|ideally|probably|preferably|perhaps|possibly|something like|"
    r"(?:worked|working|served|serving|interned|employed|years?|left the (?:position|role|job))\b[^.;!?]{0,40}? as)"
    r"(?:\s+an?)?\s+" + _MODIFIERS + "$")
# A kind of job asked for is itself a vague ask: "any PM role", "a possible intern job", "need job as a developer".
_ASKED_KIND = re.compile(
    r"\b(?:any|some|relevant|other|all(?: of)?(?: the| your)?|various|similar|suitable|possible)[\s/]+" + _MODIFIERS + "$"
    r"|\b(?<!is )(?<!are )(?<!your )(?<!their )(?<!his )(?<!her )(?:opportunit(?:y|ies)|job|work) as(?:\s+an?)?\s+"
    + _MODIFIERS + "$")  # not "your work as a recruiter": theirs
# "Refer me to the relevant hiring manager or HR representative": a title after "to the" names a person.
_TO_PERSON = re.compile(r"\b(?:to|with)\s+(?:the|a|an|your|their)\s+(?:(?!as\b)[\w-]+\s+){0,5}$")


# A title as what a posting is for: "the vacancy for Process Safety Engineer", "the post of Process
# Engineer", "an opening for a data engineer" (one posting, named; not "any opening for…", checked above).
_NOUN_FOR_TITLE = re.compile(r"\b(?<!any )(?<!some )(?:vacancy|opening|position|post|opportunity|role|requisition)"
                             r" (?:for|of) (?:(?:the|a|an) )?(?:[\w&/+.-]+ ){0,3}$")


# "the X one" names a role as an answer does ("It's the Lifecycle Marketing Manager one"), not as options
# ("Maybe the planner or analyst one?").
_THE_ONE = re.compile(r"\b(?:it's|it is|that's|that is|is|was) the (?:[\w&/-]+ ){0,3}$")


def _title_is_target(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    before = draft.before_in_sentence(m.start(), 48)
    if before[-1:] in (" ", "/", "") and _not_sought(before):
        return False
    noun = _ROLE_NOUN_AFTER.match(draft.lower, m.end())
    if noun and noun.group().endswith("one"):
        return bool(_THE_ONE.search(before))
    if noun or _NOUN_FOR_TITLE.search(before):
        return True
    return bool(_TARGET_CUE.search(before)) and not _TO_PERSON.search(before)


# Any title in title case before a role noun names one posting, whatever the trade: "the Warehouse
# Associate job", "a Barista position". (A determiner or a quantifier is not a title.)
_CAP_TITLE = re.compile(r"[A-Z][\w&/+.'’-]*(?:[ \t]+(?:[A-Z][\w&/+.'’-]*|\d{1,2})){0,3}(?:[ \t]*\([^()\n]{1,30}\))?"
                        r"[ \t]+(?:roles?|positions?|job|opening|posting|listing|vacancy|search)\b")  # "QA Tester (Remote) position"
_NOT_TITLE = {"the", "this", "that", "any", "your", "a", "an", "our", "my", "their", "some", "other", "linkedin",
              "new", "open", "i", "dream", "next", "full-time", "part-time", "remote"}


def _cap_title_is_target(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    found = list(re.finditer(r"\S+", m.group()))
    words = [w.group() for w in found]
    ends = [i + 1 for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4]
    start = m.start()
    if ends:  # "…at OpenBiz. Exploring AI roles": the title cannot start before the sentence does
        start += found[ends[-1]].start()
        words = words[ends[-1]:]
    before = draft.before_in_sentence(start, 48)
    if not before.strip():  # a sentence's first word has a capital anyway: "Exploring AI roles", "Need job as…"
        before, words = words[0].lower() + " ", words[1:]
    if len(words) < 2 or words[0].lower() in _NOT_TITLE:
        return False
    return not _not_sought(before)


# Any title in title case as what a posting is for: "the position of Operations Lead", "the vacancy for
# Head Chef"; two capitalised words at least, and not after "opening": "the opening for Stripe Capital"
# may name a company.
_CAP_AFTER_NOUN = re.compile(r"\b(?<!any )(?<!some )(?:vacancy|position|post) (?:for|of) (?:(?:the|a|an) )?"
                             r"(?!(?:The|This|That|Your|Our|My|Their|LinkedIn)\b)"
                             r"[A-Z][\w&/+.'’-]*(?:[ \t]+[A-Z][\w&/+.'’-]*){1,3}")


# "the senior backend role at Kite", "the data platform position", "the L5 backend role": a track and a level
# before a role noun, with "the" (one posting), name a role even in lower case; "a backend role", "the backend
# roles" are a kind of job.
# A grade by its code before a job noun: "the CNM2 post", "the SDE2 role", "an L5 position" ("post" counts here:
# "your Venlo post" is theirs on LinkedIn, but a code with digits names a grade).
_GRADE_ROLE = re.compile(r"\b(?:the|a|an|this|that) (?:[A-Z]{1,5}\d{1,2}|[A-Z]{1,5}-\d{1,2}) (?:[A-Z][\w-]* )?"
                         r"(?:post|role|position|job|vacancy|opening)\b")
_TRACK_ROLE = re.compile(r"\bthe (?:(?:[lepm]|ic|sde|swe|t)[- ]?\d\s+)?(?:" + _TRACK + r"\s+){1,3}"
                         r"(?:role|position|opening|posting|req)\b")


# One posting named by who does it, in lower case and whatever the trade: "the gameplay programmer job", "your
# QA tester position" (an agent noun: -er, -or, -ist, -ian; "a programmer job" is a kind, "the other job" no title).
# (From the role noun, a literal re scans for, back to the determiner: tried from every "the" it cost 40 µs an InMail.)
_ROLE_NOUN = re.compile(r"(?:role|position|job|opening|posting|vacancy|req)s?\b")
_AGENT_BEFORE = re.compile(r"\b(?:the|this|that|your|their) (?:[\w+#-]+ ){0,2}([a-z]+(?:er|or|ist|ian))[ \t]+$")
_NOT_AGENT = {"other", "former", "newer", "better", "bigger", "earlier", "later", "summer", "winter", "under", "over",
              "proper", "major", "minor", "senior", "junior", "prior", "similar", "regular", "popular", "super", "after",
              "poor", "door", "floor", "another", "either", "neither", "whether", "rather", "higher", "lower", "easier",
              "smaller", "larger", "longer", "shorter", "faster"}


def _agent_role(draft: AnalysedDraft) -> bool:
    lower = draft.lower
    for noun in _ROLE_NOUN.finditer(lower):
        if not starts_word(lower, noun.start()):
            continue
        m = _AGENT_BEFORE.search(lower, max(0, noun.start() - 60), noun.start())
        if m and m.group(1) not in _NOT_AGENT and not _not_sought(draft.before_in_sentence(m.start(), 48)) \
                and not negated(draft, m.start(), 25):
            return True
    return False


# One posting of a company named as its own, whatever the trade: "Maré's commis opening", "Stripe's data
# analyst role" (not "Stripe's new roles", a kind).
# (From the possessive, a class first, which re scans for in C; the name before it is checked after.)
_ITS_ROLE = re.compile(r"['’]s[ \t]+((?:[\w/&+-]+[ \t]+){1,3})(?:opening|role|position|vacancy|job|posting|req|listing)\b")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&.-]*$")
_NOT_ITS_TITLE = _NOT_TITLE | {"latest", "current", "recent", "many", "few", "several", "first", "last", "only", "hiring"}


def _its_role(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    name = _NAME_BEFORE.search(draft.text, max(0, m.start() - 40), m.start())
    words = m.group(1).lower().split()
    return name is not None and words[0] not in _NOT_ITS_TITLE \
        and not _not_sought(draft.before_in_sentence(name.start(), 48))


def names_role(draft: AnalysedDraft) -> bool:
    """Whether the draft (or the InMail subject) names the role it asks about: a title, a job ID or a
    job link. ask.role-missing and ask.vague share it through the draft's memo."""
    lower, subject = draft.lower, draft.subject_lower
    return draft.remember("ask.role", lambda: bool(
        job_reference(lower)
        or any(m.group().strip() and _title_is_target(draft, m) for m in _TITLE.finditer(lower))
        or any(_cap_title_is_target(draft, m) for m in _CAP_TITLE.finditer(draft.text))
        or any(not negated(draft, m.start(), 25) for m in _CAP_AFTER_NOUN.finditer(draft.text))
        or any(not negated(draft, m.start(), 25) for m in _TRACK_ROLE.finditer(lower))
        or any(not negated(draft, m.start(), 25) for m in _GRADE_ROLE.finditer(draft.text))
        or any(_its_role(draft, m) for m in _ITS_ROLE.finditer(draft.text))
        or _agent_role(draft)
        or subject and (_TITLE.search(subject) or job_reference(subject))))


def asks_letter(draft: AnalysedDraft, _ctx: CoachContext | None = None) -> bool:
    """Whether the draft asks them to be a reference or to write a letter, and for no referral: the letter may serve
    any application, and nobody enters it in a referral tool, so no role or company is needed (a Rule.abstains)."""
    lower = draft.lower
    if "referen" not in lower and "recommendation" not in lower:  # a substring test in C: most drafts have neither
        return False
    return draft.remember("ask.letter", lambda: asks_reference(draft) and "vouch" not in lower
                          and not _REFERRAL.search(lower))


# The draft turns to a job other than the one talked of: "could you refer me for any other role at Meridian?"
_ANOTHER_ROLE = re.compile(r"\b(?:any other|another|a different|any different) (?:[\w-]+ )?(?:roles?|positions?|jobs?|"
                           r"openings?|vacanc(?:y|ies)|opportunit(?:y|ies))\b")


def role_settled(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the conversation on the page already names the role (a title, a job ID or a link, in a message
    of either side): they know which job, so a draft that does not repeat it ("please refer me asap") is no
    vague ask, and one for another job names it (a Rule.abstains). Not when the draft asks for "any other
    role": that one is not settled."""
    return conversation_says(ctx, names_role) and not _ANOTHER_ROLE.search(draft.lower)


def company_settled(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the conversation on the page already names their company, the draft names a recruiter's own
    posting, or the log shows they agreed to refer you, did, or wrote back before (a Rule.abstains). Anyone else's
    post about openings may share another company's."""
    from companion.coach.rules.personal import their_posting  # personal's imports lead back to this module
    rec = recipient_log(ctx)
    return conversation_names_company(ctx) or their_posting(draft, ctx) or they_referred(ctx.thread) \
        or recipient_company(ctx) is None and conversation_says(ctx, _names_a_company) \
        or rec is not None and (rec.state in ("agreed", "referred") or bool(rec.replies))


_NOBODY = CoachContext(surface="message")  # no recipient known: company_named's own reading of the text


def _names_a_company(text: AnalysedDraft) -> bool:
    """Whether a message names a company, theirs being unknown ("I admire Norrsken's work")."""
    return company_named(text, _NOBODY)


# Organisations named after "at/join/with", when no profile tells us the company.
_ORG_AFTER = re.compile(
    r"(?:\b(?:at|with|join|joining|to|for|about|within|into|your(?: company)?)[ \t]+\**)"
    r"((?:[A-Z][\w&'-]*)(?:[ \t]+(?:[A-Z][a-z][\w&'-]*|of|&)){0,3})",
)
_AT_ORG = re.compile(r"@([A-Z][\w&'-]+)")  # "@Stripe"
# Someone on a company's team names the company: "since you're on the QATestlab team", "joining the
# Stripe team" (checked only when the draft says " team").
_ORG_TEAM = re.compile(r"\b(?:on|in|join|joining|to) the ([A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*){0,2})[ \t]+team\b")
_NOT_ORG = {
    *WEEKDAYS, *MONTHS, "i", "my", "your", "you", "the", "a", "an", "linkedin", "hi", "hello", "thanks", "thank", "me",
    "we", "it", "this", "that", "our", "any", "some", "all", "no",
    "company", "organization", "organisation", "team", "firm", "corporation",  # "your Company" names none
    "here", "there", "what", "let", "he", "she", "who", "where",  # "Here's more": "is", not a possessive
}
# The writer speaks of themselves when "I"/"my" is the last person named before the company: "I saw
# your post about the API at Stripe" is about them, "I worked at Acme" about the writer.
_SELF_CONTEXT = re.compile(r"\b(?:i|we|my|years of experience)\b(?:(?!\byou)[^;])*$")
# What makes "at X" the company asked about even in a sentence about yourself.
_ORG_CUE = re.compile(
    r"\b(?:role|position|opening|opportunit|job|refer|apply|applied|join|interest|work at|"
    r"excited|love to|dream|hiring|career|team|considered|curious|learn more)"
)
_ORG_HIRING = re.compile(r"\b([A-Z][\w&-]+(?: [A-Z][\w&-]+)?) (?:just |recently |also )?"
                         r"(?:(?:is|are) (?:hiring|recruiting|looking|expanding|"
                         r"scaling|growing)|posted|opened|advertised|listed|"
                         # ("Kora Bank has a Product Manager role")
                         r"(?:has|have) (?:an? |any |several |a few )?(?:new |open )?(?:[\w/&-]+ ){0,3}?"
                         r"(?:openings?|roles?|positions?|vacanc(?:y|ies)))\b"
                         r"|\b([A-Z][\w&-]*[a-z][\w&-]*)(?:'s|’s) (?!own\b)\w")  # "Shopify's team"
# Tools and skills follow "experience with" or "proficient in", people "connected with" or "introduce
# me to": none of them is an employer.
_NOT_EMPLOYER_BEFORE = re.compile(
    r"\b(?:experience|experienced|familiar|skilled|proficient|expertise|work(?:ed|ing)?|built|build(?:ing)?|skills?|"
    r"knowledge)(?: \w+)? (?:with|in)\s*$"
    r"|\b(?:connect|connected|connecting|introduce|introduced|speak|spoke|talk|talked|chat|chatted|meet|met)"
    r"(?: \w+)? (?:with|to)\s*$")


_ATS = {"greenhouse", "lever", "myworkdayjobs", "ashbyhq", "smartrecruiters", "workable", "jobvite", "icims"}
# Job boards and forums list other companies' jobs: their host names no employer.
_BOARDS = {"linkedin", "indeed", "glassdoor", "reddit", "ycombinator", "wellfound", "angel", "monster",
           "ziprecruiter", "dice", "naukri", "seek", "stackoverflow", "twitter", "facebook"}
_NOT_A_NAME = _ATS | _BOARDS | {"grnh", "www", "jobs", "job", "careers", "career", "boards", "apply", "embed",
                                "job_app"}


def _names_employer(url: str) -> bool:
    """Whether a job link says whose job it is: stripe.com/jobs/…, careers.acme.com, acme.wd5.myworkdayjobs.com,
    jobs.lever.co/acme/…; not linkedin.com/jobs/view/…, a job board's post or an applicant tracker's bare
    token link."""
    host, _, path = url.split("://", 1)[-1].partition("/")
    parts = host.split(".")[:-1]  # without the top-level domain
    if _BOARDS.intersection(parts):
        return False
    if any(p in _ATS for p in parts):  # the tracker's own host: the company is the first path segment
        first = re.split(r"[/?#]", path, maxsplit=1)[0]
        return len(first) > 2 and first not in _NOT_A_NAME
    return any(p not in _NOT_A_NAME and not re.fullmatch(r"wd\d+|co|com?|\w{1,2}", p) for p in parts)


def company_named(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft names the company the ask is for (their company, when known)."""
    company = recipient_company(ctx)
    if company:
        return bool(find_company(draft.lower, company) or find_company(draft.subject_lower, company)
                    or names_in_part(draft.text, company) or names_in_part(draft.subject or "", company))
    if "@" in draft.text and _AT_ORG.search(draft.text):
        return True
    if "http" in draft.lower and any(_names_employer(m.group()) for m in _JOB_URL.finditer(draft.lower)):
        return True
    for m in _ORG_AFTER.finditer(draft.text):
        words = m.group(1).split()
        if words[0].lower().strip(".'") in _NOT_ORG or _TITLE.search(m.group(1).lower()):
            continue
        before = draft.before_in_sentence(m.start(1), 72)  # with "your company" when it leads the name
        if _NOT_EMPLOYER_BEFORE.search(draft.lower[max(0, m.start() - 30):m.start(1)]):
            continue
        if _SELF_CONTEXT.search(before) and not _ORG_CUE.search(before):
            continue  # "I worked at Acme": their own employer, not the company they ask about
        return True
    if " team" in draft.lower and any(m.group(1).split()[0].lower() not in _NOT_ORG and not _TITLE.search(
            m.group(1).lower()) for m in _ORG_TEAM.finditer(draft.text)):
        return True
    for m in _ORG_HIRING.finditer(draft.text):  # "Notion is hiring a designer", "Xendit's expansion"
        words = (m.group(1) or m.group(2)).split()
        if not draft.text[draft.sentence_start(m.start()):m.start()].strip():
            # A sentence-initial capital is no sign of a name: "Saw Canva is hiring", "Let's chat".
            words = words[1:] if m.group(1) and len(words) == 2 else words if m.group(1) else []
        if words and words[0].lower() not in _NOT_ORG:
            return True
    return False


# Firms other than theirs, unnamed: "one of the Big4 firms where your student got offers", "another
# company", "other startups" (not "your company", nor "a great company", which may be theirs, nor "a
# company like yours").
_OTHER_FIRMS = re.compile(r"\b(?:one of (?:the|these|those)|another|other|these|those) (?:[\w&-]+ ){0,2}?"
                          r"(?:firms?|compan(?:y|ies)|startups?|agenc(?:y|ies)|employers?|banks?)\b(?! like you)")


# The posting placed at them: "the Senior Data Engineer opening on your team (job 48213)". A literal first (re
# scans for it in C), the preposition checked before it.
_THEIRS = re.compile(r"your (?:[\w/&+-]+ ){0,4}?(?:team|company|org|organi[sz]ation|group|department|office|firm|"
                     r"role|position|opening|posting|vacancy)\b")
_PLACED = re.compile(r"\b(?:on|in|at|with|for|within|join) $")


def scoped_to_them(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft names a posting by ID or link, or places the ask on their team ("any opening in your
    science department"), and says something true of them or of a shared past: the two reasons to name their
    company (it scopes the ask, it shows the message was written for them) are met without it (a
    Rule.abstains)."""
    from companion.coach.rules.personal import THEIR_POSTING, says_something_specific  # personal's imports lead back here
    lower = draft.lower
    if not (job_reference(lower) or any(_PLACED.search(lower, max(0, m.start() - 8), m.start())
                                        for m in _THEIRS.finditer(lower))):
        return False
    if not is_recruiter(ctx) and THEIR_POSTING.search(lower):
        # Their post about openings may share another company's: something else must be theirs.
        draft = AnalysedDraft(THEIR_POSTING.sub(lambda m: " " * len(m.group()), draft.text.lower()))
    return says_something_specific(draft, ctx)


def _company_missing(draft: AnalysedDraft, ctx: CoachContext):
    company = recipient_company(ctx)
    if company_named(draft, ctx):
        return
    if names_another_company(draft, ctx):
        return  # a company is named, the wrong one: fact.company-mismatch's must-fix says so
    if company and asks_reference(draft) and company_named(draft, replace(ctx, company=None, profile=None)):
        return  # a reference for a role elsewhere, named: the role need not be at theirs
    other = _OTHER_FIRMS.search(draft.lower) if company else None
    if other:  # the ask is about somewhere else: "say the role is at <theirs>" would rewrite their target
        message = (f"The draft asks about \"{draft.text[other.start():other.end()]}\" but names no company, and "
                   f"they work at {company}: a referral can only be for a role there.")
        suggestion = (f"If the role is at {company}, say so; if it is at another company, name it and ask them "
                      "for an introduction to someone who works there, not a referral.")
    elif company:
        message = (f"The draft never names {company}, where they work. Naming the company shows this "
                   "is not a message pasted to everyone, and tells them which referral portal to use.")
        suggestion = f"Say the role is at {company}."
    else:
        message = ("No company named: a request that never says which company reads like a mass message, "
                   "and the recipient may not know which of their employers' roles you mean.")
        suggestion = "Name the company the role is at."
    yield COMPANY_MISSING.finding(message, suggestion=suggestion)


_VAGUE = re.compile(
    r"\bany (?:open )?(?:openings?|opportunit(?:y|ies)|open(?:ing)? roles?|roles?|positions?|"
    r"jobs?|internships?|vacanc(?:y|ies))\b"
    r"|\bhelp me (?:find|get|land|with) (?:a |any )?(?:job|role|position|work)\b"
    r"|\bif (?:anything|something) (?:comes up|opens up|becomes available)\b"
    r"|\b(?:anything|something|whatever) (?:available|suitable|relevant|that fits)\b"
    r"|\bany (?:kind of |type of )?work\b(?= at| with| in|\?|\.)"
    r"|\bkeep me in mind\b|\bopen to any\b|\bwhatever (?:role|position|job)\b"
    # The choice handed to them: "just pick whichever one fits me best".
    r"|\bpick (?:whichever|any|one)\b|\bwhichever (?:one |role |position |job )?(?:you think )?(?:fits|suits|works)\b"
    r"|\ba (?:role|position|job|opportunity) (?:at|in|with) your (?:company|team|org(?:anization)?)\b"
    r"|\b(?<!don't )(?<!do not )(?<!really )(?:has|have|know of|hear of|see) (?:anything|something)\b"
    r"(?! (?:to do with|about|special|else|much|to offer)\b)"  # not "I don't really have anything special"
    r"|\bif there (?:are|is|were|'s) (?:any )?(?:relevant |suitable |open |available |matching )?(?:openings?|"
    r"opportunit(?:y|ies)|roles?|positions?|vacanc(?:y|ies))\b"
)
# "any relevant engineering roles", "any open Backend Developer positions": a kind of job under "any"
# (checked for a negation in front: "I haven't seen any relevant roles posted" asks for nothing). A literal
# first, so re scans for it in C; the word boundary before it is checked by hand.
_ANY_KIND = re.compile(r"any (?:(?:relevant|suitable|open|available|current|upcoming|possible|potential|"
                       r"appropriate|matching)\s+)?[\w-]+\s+(?:openings?|opportunit(?:y|ies)|roles?|positions?|"
                       r"jobs?|internships?|vacanc(?:y|ies))\b")


# What a job seeker asks for when no role is named: a referral, "opportunities", "a job", whether
# they are hiring, to work at their company, how to get hired. Without a role, job ID or link the
# recipient cannot act on any of these.
_JOB_ASK = re.compile(
    r"\b(?:refer(?:ring)?\s+me(?!\s+to\s+(?:the\s+(?:best|right)\s+)?(?:person|people|someone|anyone|whoever))|"
    # ("opening the new place" is the verb.)
    r"(?:a|an|the)\s+referral" + NOT_THE_PROGRAMME + r"|referral\?|openings?(?!\s+(?:the|a|an|up|our|their|his|her|its|"
    r"new)\b)|vacanc(?:y|ies)|"
    r"(?:tell(?:ing)?|recommend(?:ing)?\s+me\s+to|mention(?:ing)?\s+me\s+to)\s+(?:your|the)\s+"
    r"(?:hiring\s+manager|recruiter)|"
    r"be\s+(?:a\s+)?part\s+of\s+(?:your|the|such|this)|"
    # "the opportunity to chat" is an idiom, not a job
    r"opportunit(?:y|ies)(?!\s+to\s+(?:chat|connect|learn|speak|talk|meet|discuss|ask|hear|share|catch))|"
    r"(?:a|any)\s+(?:job|position|role|work)\b|(?:you|your\s+\w+)\s+(?:are\s+|is\s+)?hiring|positions|jobs|roles|"
    r"internships|postings|(?:who(?:'s|\s+is|\s+are)?|that(?:'s|\s+is|\s+are)?)\s+hiring|"
    r"(?:company|companies|anyone|someone)\s+that\s+needs|(?:get|be|getting|being)\s+hired|hire\s+me|"
    r"put\s+(?:in\s+)?a\s+(?:good\s+)?word\s+in|put\s+in\s+a\s+(?:good\s+)?word|"
    r"(?:find|get)\s+me\s+(?:something|anything)|"
    r"(?:get|find|land|obtain(?:ing)?|secur(?:e|ing)|procur(?:e|ing)|give\s+me|offer\s+me)\s+"
    r"(?:a\s+|an\s+)?(?:summer\s+|paid\s+|full-time\s+|part-time\s+)?(?:jobs?|internships?)|"
    # A kind of job sought, with help asked: "I am trying to land a UX research role. Will you help me?"
    r"(?:get|find|land|secure)\s+(?:a|an)\s+(?:[\w-]+\s+){1,3}?(?:jobs?|roles?|positions?)(?=[^?]{0,80}\bhelp\b)|"
    r"interested\s+(?:to|in)\s+work(?:ing)?\s+(?:with|for|at)\s+(?:you|your)|"
    r"interested\s+in\s+(?:an?\s+|any\s+)?(?:internships?|jobs?|roles?|positions?|opportunit(?:y|ies))\s+(?:at|with|in)\s+"
    r"(?:your|the)\s+(?:company|team|firm|organi[sz]ation|org|lab)|"
    r"(?:need|apply\w*\s+(?:for|to|4))\s+(?:a\s+)?(?:job|work|internship)|"
    r"(?:(?:want|like|love|hope|hoping)\s+to|(?:can|could|may)\s+i)\s+(?:(?:work|intern)\s+(?:and/or|and|or)\s+)?"
    r"(?:work|intern)\s+(?:for|at|with\s+you|under)|"
    r"take\s+me\s+(?:in|on|into)|consider\s+me\s+for|(?:accept|consider)\s+my\s+(?:resume|cv|application)|"
    r"(?:work|join|be)\s+(?:(?:at|for|with|in)\s+)?(?:your|the)\s+(?:esteemed\s+|great\s+)?"
    r"(?:company|team|firm|agency|organi[sz]ation|org|lab))\b")
_WORD = re.compile(r"[^\W_][\w'’-]*")


def _vague_span(draft: AnalysedDraft) -> tuple[int, int] | None:
    """Where the draft asks vaguely, once per draft (ask.vague and ask.role-missing both read it)."""
    return draft.remember("ask.vague", lambda: _find_vague(draft))


# A bare plural ("roles", "jobs") is an ask only in a sentence that asks: not "print jobs" in a list of
# projects, nor "I'm exploring media strategy roles" (the dev set README: describing a search is no ask).
_BARE_PLURALS = frozenset({"positions", "jobs", "roles", "internships", "postings"})
_YOU = re.compile(r"\byou|\badvice\b")
_AT_YOURS = re.compile(r"\s+(?:in|at|with|on|within)\s+your\b")  # "explore potential roles in your company"


# "I'm exploring new opportunities", "open to new opportunities": where the writer stands, not an ask.
_STATUS = re.compile(r"\b(?:exploring|open to|looking (?:for|at)|seeking|pursuing|considering)(?: (?:new|other|fresh|"
                     r"my next|the next|some|exciting))?\s*$")


# "I'm not asking for a job or a referral": what the draft then says of roles describes, it does not ask.
_DISCLAIMS = re.compile(r"\b(?:not|never) (?:asking|looking) (?:you )?(?:for|about) (?:a |an |any )?(?:particular )?"
                        r"(?:job|referral|role|position|opening)")


# Thanks for a past referral: "thanks again for referring me" asks nothing now.
_THANKED_FOR = re.compile(r"\b(?:thanks?|thank you|grateful|appreciate\w*)\b[^.!?\n]{0,20}\bfor\s*$")


_SEEN = re.compile(r"\b(?:saw|see|seen|noticed|notice|heard|read|learned|know)\b")


def _asks_job(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    if m.group().startswith("refer") and _THANKED_FOR.search(draft.before_in_sentence(m.start(), 40)):
        return False
    if m.group() == "opportunity" and draft.before_in_sentence(m.start(), 6).endswith(("this ", "that ")):
        return False  # "learn more about this opportunity": the one they raised, named by them
    status = m.group().startswith("opportunit") and _STATUS.search(draft.before_in_sentence(m.start(), 40))
    if (m.group() in _BARE_PLURALS or status) and "not " in draft.lower and _DISCLAIMS.search(draft.lower):
        return False  # "…come mostly from bedside roles?" after "I'm not asking for a job"
    if m.group().endswith("hiring"):
        s, e = sentence_bounds(draft, m.start())  # "Saw your team is hiring." says why they write, asks nothing
        if "?" not in draft.lower[s:e] and _SEEN.search(draft.lower, s, m.start()):
            return False
    if m.group() in _BARE_PLURALS or status:
        s, e = sentence_bounds(draft, m.start())  # asked about: "Do you have relevant roles?", "Are internships…?"
        if "?" not in draft.lower[s:e] and not _YOU.search(draft.lower, s, m.start()) \
                and not _AT_YOURS.match(draft.lower, m.end()):
            return False  # "I'm applying for controller roles and wondered if you'd write…" asks about no roles
    return not negated(draft, m.start(), 25)


# An introduction to someone is a bounded ask: the README's "an intro to a named person"; one to whoever hires is not.
_INTRO_ME = r"introduc(?:e|ing) (?:me|us)\b|put(?:ting)? (?:me|us) in touch with\b"  # also a bounded ask, below
_INTRO = re.compile(r"\b(?:" + _INTRO_ME + r")|\bintro(?:duction)? (?:to|request)\b")
_HIRING_INTRO = re.compile(HIRING_INTRO)


def _intro_to_someone(lower: str) -> bool:
    return any(not _HIRING_INTRO.match(lower, m.start()) for m in _INTRO.finditer(lower))


def _find_vague(draft: AnalysedDraft) -> tuple[int, int] | None:
    lower = draft.lower
    if m := _VAGUE.search(lower):
        return m.span()
    if m := next((a for a in _ANY_KIND.finditer(lower)
                  if starts_word(lower, a.start()) and not negated(draft, a.start(), 25)),
                 None):
        return m.span()
    if _intro_to_someone(lower) or _intro_to_someone(draft.subject_lower):
        return None
    if m := next((a for a in _JOB_ASK.finditer(lower) if _asks_job(draft, a)), None):
        return m.span()
    for m in _TITLE.finditer(lower):
        kind = _ASKED_KIND.search(draft.before_in_sentence(m.start(), 48))
        if kind:
            return m.start() - len(kind.group()), m.end()
    if len(_WORD.findall(draft.text)) <= 3:  # "Hi": nothing is asked at all
        return (0, len(draft.text))
    return None


# Several roles left for them to choose from: "refer me for all of them, or whichever you think is best".
_SPREAD = re.compile(r"\b(?:all of (?:them|these|those)|whichever (?:you think|one|role|position|is best|fits|works)|"
                     r"(?:any|one|either) of (?:these|those|them)(?: roles| positions| openings| jobs)?)\b")


def _spread(draft: AnalysedDraft):
    """A referral asked over several roles, for them to pick: (start, end) or None."""
    lower = draft.lower
    if "refer" not in lower or not any(w in lower for w in (" of these", " of those", " of them", "whichever")):
        return None  # substring tests in C: most drafts get no further
    for m in _SPREAD.finditer(lower):
        s, e = sentence_bounds(draft, m.start())
        if "refer" in lower[s:e] and not negated(draft, m.start(), 25):
            return m.span()
    return None


_NOT_POSTED = re.compile(r"\b(?:coming up|upcoming|in the new year|next year|in (?:the )?future|future (?:roles|openings|"
                         r"positions|vacancies)|open(?:ing)? up|(?:be )?posted soon)\b[^.!?\n]*\?")


def _vague(draft: AnalysedDraft, ctx: CoachContext):
    if (span := _spread(draft)) is not None:
        yield VAGUE.finding(
            f"\"{draft.text[span[0]:span[1]]}\" leaves the choice of role to them. A referral is filed for one "
            "role, and picking among yours costs them the research you are asking them to skip.",
            draft, span, suggestion="Ask about the one role you fit best, by title and job ID; mention the others "
                                    "only if they ask.")
        return
    if names_role(draft):
        return  # "...or anything else that comes up" after a named role is a fair addendum
    span = _vague_span(draft)
    if span and _NOT_POSTED.search(draft.lower, *sentence_bounds(draft, span[0])):
        return  # "any other junior roles coming up in the new year?": what is not posted yet has no title to name
    if span:
        words = draft.text[span[0]:span[1]]
        yield VAGUE.finding(
            f"\"{words}\" is a vague ask: no role, job ID or link says what you want, so the recipient "
            "would have to search their job board for you, and a request that costs them research "
            "usually goes unanswered.",
            draft, span,
            suggestion="Ask about one posted role you have already picked, by title, job ID or link; or "
                       "ask for something bounded, like a 15-minute chat about their team.",
        )


# A bounded ask (the dev set README's word): a short chat, a coffee, a question, their advice, a
# LinkedIn recommendation, an introduction. It is how rapport starts and needs no role, company,
# resume or pitch; with a referral or job ask beside it, those are needed again.
# Each alternative opens with a literal, so re scans for their first letters in C; "minutes" and
# "questions" are bounded only after a small number ("15 minutes", "a few quick questions"). "Pick
# your brain" asks for their advice, not a job: it needs no role, and courtesy.time-missing asks to
# say how long.
_BOUNDED = re.compile(r"minutes?\b|mins?\b|coffee\b|(?:quick|short|brief) (?:chat|call|conversation)\b|pick your brain\b|"
                      r"(?:your|any|some) (?:advice|perspective|tips|pointers)\b|questions?\b|swap notes\b|"
                      r"linkedin recommendation\b|"
                      # An advice call, and a question about their team put as a wish: "Can we have call so you explain
                      # me the Anerkennung process?", "I'd love to ask how your product team works with technicians".
                      r"(?:(?<=can )|(?<=could ))we (?:have|do|set up) (?:a )?(?:call|chat)\b|"
                      r"(?:(?<=love )|(?<=like )|(?<=want )|(?<=wanted ))to (?:ask|hear|learn|understand) (?:you )?(?:how|what|"
                      r"whether) your (?:[\w-]+ ){0,3}?(?:team|group|department|unit|lab|org)\b|"
                      + _INTRO_ME + r"|stay in touch\b|keep in touch\b|"
                      r"connect(?:ing)? (?:with you|here)\b|(?:(?<=may )|(?<=can )|(?<=could )|(?<=shall ))(?:i|we) connect\b|"
                      r"add you to my (?:network|connections)\b|"
                      r"(?:(?<=could )|(?<=can )|(?<=may )|(?<=might ))i ask (?:you )?(?:how|what|why|whether|if|about|which|"
                      r"when|where)\b|learn (?:more )?from (?:you|your)\b|"
                      r"(?:love|like|value|enjoy|glad|happy|keen|great) (?:to )?connect(?:ing)?\b(?! with (?!you\b|me\b))")
_FEW = {"m": re.compile(r"\b(?:\d+|few|quick|short|brief|ten|fifteen|twenty|thirty)[- ]?$"),
        "q": re.compile(r"\b(?:(?:one|a|two|three|few|couple of|some|\d(?:\s?[-–]\s?\d)?) (?:quick |short |specific )?|"
                        r"quick |short )$")}  # "2-3 questions"
# Asks for something other than a job, not always small: information ("can you tell me which questions they ask",
# "I'm curious how the two teams split the work"), a mentor ("would you be my mentor?"), a review ("feedback on my
# portfolio"). No role, company or pitch is needed; an out may be.
# (Each alternative opens with a literal, so re scans for their first letters in C; the word start and the
# "can/could/would" before "you tell me" are checked after, in _not_a_job.)
_NOT_A_JOB = re.compile(r"(?:you|to) (?:tell|share with|explain to) me (?:(?:a (?:little )?bit|a little) )?"
                        r"(?:how|what|which|whether|if|about|when|why)\b|"
                        # A question asked leave for: "can I ask you shortly how you prepared?"
                        r"(?:can|could|may) i ask (?:you )?(?:\w+ ){0,2}?(?:how|what|which|whether|if|about|why|when)\b|"
                        r"(?:love|like) to (?:hear|know|learn) how you\b|"
                        r"curious (?:to (?:hear|know|learn) )?(?:how|what|whether|about|if)\b|"
                        r"be my mentor\b|become my mentor\b|mentor me\b|"
                        r"feedback on my |thoughts on my |input on my |notes on my |a look on my |a glance on my |"
                        r"look (?:at|over|through) my (?:portfolio|case stud)|glance (?:at|over|through) my (?:portfolio|case stud)")
_REVIEWED = re.compile(r"(?:portfolio|cv|resume|résumé|case stud(?:y|ies)|website|github)\b")
_ASKED_YOU = ("can ", "could ", "would ")


def _not_a_job(lower: str) -> bool:
    for m in _NOT_A_JOB.finditer(lower):
        if not starts_word(lower, m.start()):
            continue
        said = m.group()
        if said.startswith("you ") and not lower.endswith(_ASKED_YOU, 0, m.start()):
            continue
        if said.endswith(" my ") and not _REVIEWED.match(lower, m.end()):
            continue
        return True
    return False


# A referral in other words: "maybe pass my CV to the hiring manager?" (from "my …", a literal, back to the verb)
_MY_PAPERS = re.compile(r"my (?:cv|resume|résumé|profile|application|name)\b")
_PASSED_BEFORE = re.compile(r"\b(?:pass|forward|send|share|put|hand|submit)(?:ing)? (?:on |along |over )?$")


def _passed_on(lower: str) -> bool:
    return any(_PASSED_BEFORE.search(lower, max(0, m.start() - 20), m.start()) for m in _MY_PAPERS.finditer(lower))


_REFERRAL = re.compile(r"\brefer(?:ring)?\s+me\b|\b(?:a|an|the|your)\s+referral\b" + NOT_THE_PROGRAMME)


# A question about their team or work, asked outright: "does the systems team own the components in code too?",
# "how much of the team's time goes to toil?", "what's on-call really like?"
_THEIR_WORK_Q = re.compile(r"(?:^|[.!?:;]\s+|,\s*)(?:but |and |so )?(?:(?:does|do|is|are|how|what|what's|which)\b"
                           r"[^.!?\n]{0,160}?\b(?:team|group|department|org|lab|"
                           r"stack|codebase|code|components?|process|workflow|culture|product|project|tools?|on-?call|"
                           r"unit|ward|shifts?|staffing|rota|orientation|onboarding)\b"
                           # Their team named first: "in your Disposition team do you take people who…?"
                           r"|(?:in|on|for|at) your (?:[\w-]+ ){0,3}?(?:team|group|department|unit|ward|kitchen|lab),? "
                           r"(?:do|does|is|are|would|will|can|could|how|what)\b)"
                           r"[^.!?\n]{0,160}\?")


def _says_bounded(lower: str) -> bool:
    if "?" in lower and _THEIR_WORK_Q.search(lower):
        return True
    for m in _BOUNDED.finditer(lower):
        at = m.start()
        few = _FEW.get(lower[at])
        if few is not None and few.search(lower, max(0, at - 30), at) \
                or few is None and starts_word(lower, at) and not _HIRING_INTRO.match(lower, at):
            return True
    return False


def _only_asks(draft: AnalysedDraft, says) -> bool:
    """Whether `says` (a test of the lower-cased draft) holds, and the draft asks no referral ("I'm not asking for
    a referral" is none) and no job beside it, unless the job is one it names ("I'm looking at the Reliability
    Engineer opening (job 4471). Would you be open to a 15-minute chat?" asks for the chat)."""
    lower = draft.lower
    return ("refer" not in lower or all(  # most asks say "refer me": cheap first
        negated(draft, m.start(), 25) for m in _REFERRAL.finditer(lower))) and says(lower) \
        and (_vague_span(draft) is None or names_role(draft))


def bounded_ask(draft: AnalysedDraft, _ctx: CoachContext | None = None) -> bool:
    """Whether all the draft asks is bounded (_only_asks). (The context is unused: this is also a Rule.abstains.)"""
    return draft.remember("ask.bounded", lambda: _only_asks(draft, _says_bounded))


def _no_job_asked(lower: str) -> bool:
    return _not_a_job(lower) and not _passed_on(lower)


def asks_no_job(draft: AnalysedDraft, _ctx: CoachContext | None = None) -> bool:
    """Whether the draft asks for no job: a bounded ask, or information, a mentor or a review (_NOT_A_JOB) with
    nothing passed on (a Rule.abstains for the role, the company, the pitch and materials)."""
    return bounded_ask(draft) or draft.remember("ask.no-job", lambda: _only_asks(draft, _no_job_asked))


def asks_nothing_for_you(draft: AnalysedDraft, _ctx: CoachContext | None = None) -> bool:
    """Whether the draft asks no referral and no job, in any words (interview questions, advice, a chat): nobody is
    asked to vouch for the writer (a Rule.abstains for the summary of fit)."""
    return not asks_referral(draft) and _vague_span(draft) is None


def asks_referral(draft: AnalysedDraft) -> bool:
    """Whether the draft asks for a referral now (as relationship.cold-ask reads one)."""
    from companion.coach.rules.cold_ask import first_referral_ask  # here: cold_ask's imports lead back to this module
    return first_referral_ask(draft) is not None


def replies_without_referral(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft answers them (they spoke last, or it thanks them for their reply) and asks no
    referral, or goes on with an ask they have answered (the thread shows their message, the log their reply)
    and asks no new one ("Could you ask the hiring manager to look at my application?"): they know where they
    work and who you are, and a pitch after their answer reads as a re-ask (a Rule.abstains for the advice on
    how to ask)."""
    return their_turn(draft, ctx) and not asks_referral(draft) or they_answered(draft, ctx) and not asks_again(draft)


_ACRONYMS = {"ml", "ux", "ui", "qa", "sre", "swe", "sde", "tpm", "apm", "pm", "vp", "svp", "evp", "cto", "cfo", "coo",
             "cio", "ciso", "cmo", "sdr", "bdr", "ai", "it", "hr"}


def _own_title(draft: AnalysedDraft) -> str | None:
    """The writer's own title or the kind of job they seek, as the draft says it ("I'm a Registered Nurse", "I'm
    looking for a backend engineer role"), in title case: the example a role-missing finding gives."""
    for m in _TITLE.finditer(draft.lower):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        before = draft.before_in_sentence(start, 48)
        if before.endswith(("hiring ", "fellow ")) or not (_is_self_title(before) or _KIND_OF_JOB.search(before)):
            continue  # "the hiring manager", "a fellow engineer": not what the writer is or seeks
        words = draft.text[start:m.end()].split()
        prior = draft.text[:start].split()[-1:]  # "Registered" in "a Registered Nurse"
        if prior and prior[0].isalpha() and prior[0][0].isupper() and prior[0].lower() not in _NOT_TITLE:
            words = prior + words
        return " ".join(w.upper() if w.lower() in _ACRONYMS else w[:1].upper() + w[1:] for w in words)
    return None


def _role_example(draft: AnalysedDraft, ctx: CoachContext) -> str:
    own = ctx.own_profile.current_title if ctx.own_profile is not None else None
    kind = _sought_kind(draft)
    if kind:  # "a front office manager role": the title, without the article and the role noun
        words = kind.split()[1:]
        kind = " ".join(w.upper() if w.lower() in _ACRONYMS else w[:1].upper() + w[1:] for w in words
                        if not _ROLE_NOUN_AFTER.fullmatch(" " + w.lower())) or None
    title = kind or _own_title(draft) or (own if own and len(own) <= 40 else None) or "Senior Data Analyst"
    return ("Name the exact role as the posting titles it and, if you have it, the job ID or link, e.g. "
            f"\"the {title} role, job ID 48213\".")


def _sought_kind(draft: AnalysedDraft) -> str | None:
    """A title the draft seeks as a kind of job ("interested in a front office manager role", "any PM role"),
    as written, with the role noun after it; once per draft (the finding's message and its example ask)."""
    return draft.remember("ask.sought_kind", lambda: _find_sought_kind(draft))


def _find_sought_kind(draft: AnalysedDraft) -> str | None:
    for m in _TITLE.finditer(draft.lower):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        before = draft.before_in_sentence(start, 48)
        if before.endswith(("hiring ", "fellow ")) or _TO_PERSON.search(before):
            continue  # "forward my CV to the relevant hiring managers": people, not a job
        kind = _ASKED_KIND.search(before) or _KIND_OF_JOB.search(before)
        noun = _ROLE_NOUN_AFTER.match(draft.lower, m.end())
        if kind and not (kind.re is _KIND_OF_JOB and " as" in kind.group()) \
                and (noun or kind.re is _KIND_OF_JOB or " as" in kind.group()):  # not "the other analysts"
            article = list(re.finditer(r"\b(?:an?|any|some|other|all|various|similar|suitable|possible)\s", kind.group()))
            begin = start - (len(before) - kind.start() - article[-1].start()) if article else start
            return draft.text[begin:noun.end() if noun else m.end()].strip()
    return None


def _role_message(draft: AnalysedDraft, ctx: CoachContext) -> str:
    kind = _sought_kind(draft)
    said = (f"\"{kind}\" is a kind of job, not one posting, and the draft gives no job ID or link" if kind
            else "the draft names no job title, job ID or job link")
    if is_recruiter(ctx):  # a recruiter matches people to roles, and has no referral tool to fill in
        return (f"No specific role: {said}. A recruiter fills many roles at once; naming the one you want lets them "
                "check your fit against it, where \"any openings\" leaves the search to them.")
    return (f"No specific role: {said}. A referrer has to enter one role in their referral tool, so they cannot "
            "act on the ask as written.")


ROLE_MISSING = missing_phrase_rule(
    "ask.role-missing", names_role, _role_message,
    _role_example,  # in the writer's own field when the draft or their profile says it
    severity="warning", surfaces=ASK_SURFACES, checklist="specific", judges_ask=True,
    abstains=either(asks_no_job, replies_without_referral, role_settled, asks_letter),
    fires=('Hi Sam, could you refer me to Stripe? Thank you!', 'Any openings at Stripe?',
           "Honestly any ops role is fine for me. Maybe the planner or analyst one? Could you refer me at Stripe?",
           "Could you refer me for one of Stripe's new roles?",
           'Could you refer me to any PM role at Stripe?', "I'm seeking a Data Analyst role at Stripe.",
           'I worked two years as a Staff Accountant. Could you refer me at Stripe?',
           "I'm looking for the perfect Director of Operations position with a company like Stripe.",
           'Need job as a frontend developer at Stripe.',
           "I'd like to be considered for a possible intern job at Stripe.",
           "Could you refer me to the relevant hiring manager at Stripe?",
           "I'm an electrician. Could you introduce me to your HR team at Stripe?",
           "I'm looking for my next role, ideally a Head of Marketing, at Stripe. Could you refer me?",
           "I'm looking for a backend role at Stripe. Could you refer me?",
           "Could you refer me at Stripe? My reference letter from 2021 is attached.",
           "Could you refer me for the other job at Stripe?",
           "I am interested in the backend roles at Stripe. Could you refer me?",
           "Could you tell me if your team at Stripe hires returners, and maybe pass my CV to the hiring manager?"),
    quiet=('Could you refer me for the Data Analyst role at Stripe?', 'I applied for job ID 48213 at Stripe.',
           "I've seen the Band 6 Critical Care Staff Nurse post at Stripe on NHS Jobs (ref 291-CC-4417).",
           "I am applying as Data Analyst at Stripe (Stellen-ID 2024-118). Could you introduce me to the hiring manager?",
           "Could you refer me for the L5 backend role at Stripe?",
           "I'd love to do a stage at Stripe next spring. Any chance you could put me in touch with your exec chef?",
           "Can you refer me to the gameplay programmer job at Stripe?",
           "Would you be my mentor? Even one call a month would be amazing.",
           "Could I get your feedback on my portfolio? Thank you!",
           "You did the exam while working - can I ask you shortly how you prepared? Thank you very much",
           "Can you tell me which questions they ask in the technical round at Stripe?",
           "I'm curious how the frontend and platform folks at Stripe split the work. Any insight appreciated!",
           "I applied to your QA Tester (Remote) position at Stripe. Could you check on it?",
           "Before I apply, does the systems team own the components in code too, or hand them off? Thanks!",
           "Könnten Sie mich für die Stelle Elektroniker Instandhaltung (Nr. 2318) bei Stripe empfehlen? I would be "
           "grateful for a referral.", "Could you refer me for the Responsable des opérations entrepôt position "
           "(réf. LR-2026-114) at Stripe?", "I applied for BIM-Koordinator (Stelle 24-117) at Stripe. Can you refer me?",
           "I'd love to hear what the team values most. Would you be up for a short chat?",
           "I want to ask: in your Disposition team do you take people with German only at B1?",
           "Can we have call so you explain me the Anerkennung process at Stripe? Thank you.",
           "I'd love to ask how your product team at Stripe works with technicians. Merci!",
           "Saw your post that Stripe is hiring electrical foremen. Could you put my name in?",
           "Haller Gruppe is seeking a new Chief Financial Officer. Would you put my name forward?",
           "I'm a candidate in Nordlys's VP Engineering search. Would you refer me?",
           "I saw your post about a Senior Backend Engineer search. Could you refer me?",
           "Could you refer me for SDE2 at Amazon?",
           "Your path from Tisch to INSEAD is close to mine. Could I ask how you framed a theatre background?",
           "Your talk on sepsis screening stayed with me. I'm an ICU nurse and would be glad to learn from your work.",
           "I see Compass Group search a Food Safety Coordinator. Would you be open to referring me?",
           'Here is the posting: https://stripe.com/jobs/listing/123456',
           'Could you refer me for one of these at Stripe: Data Engineer (48231) or Solutions Architect (48255)?',
           'Vi el puesto en Stripe (KP-2291). Would you be open to referring me?',
           'Could you refer me for this job at Stripe: 43521?', 'Could you refer me? https://grnh.se/3b9f1c2e1us',
           'Hi Sam, would you have 15 minutes to chat about your team at Stripe?',
           "I'm exploring growth strategy roles in media and would value connecting. Thanks!",
           "I enjoyed your PyCon talk on event sourcing. May I connect? Thank you!",
           "I saw your post about the warehouse supervisor role at Stripe. Would you be open to referring me?",
           "I saw Stripe is hiring a pharmacist. Would you be open to referring me?",
           # What a company is hiring or needs is theirs to fill, not the writer's title ("hiring manager").
           "Saw Stripe is hiring project coordinators. Could you refer me?",
           "Saw Stripe needs an Enterprise AE. Could you refer me?",
           "Is the team open to a B1 French speaker for the alternance posting (réf. VL-ALT-112)?",
           # A letter or a reference serves any application: nobody enters it in a referral tool.
           "Would you write me a recommendation letter for my MSc applications? Thank you!",
           "Your posts are a true inspiration, and I learn so much. Grazie mille for everything you do!",
           'Could you refer me to the Data Analyst (Summer 2025) listing at Stripe?',
           'I saw the opening: https://jobs.stripe.com/4f1c2e1us',
           "Ana said you are close to the search for Stripe's VP of Engineering. Could you put me forward?",
           "Here's the job link: careers.stripe.com/us/jobs/R-1883. Could you refer me?",
           'I see there is a Warehouse Associate job opening at Stripe, can you refer me?',
           "I'm not asking for a referral! Could I ask you one question about how you picked your first team?",
           "Thank you! Here is my resume, and the req is JR-1043 (Senior Firmware Engineer).",
           "Would you be open to referring me for the senior backend role at Stripe?",
           "I'd love to be considered for Maré's commis opening. Could you refer me?",
           "Thanks Carlos! It's the Lifecycle Marketing Manager one.",
           "My friend is applying for the Grade 8 vacancy. Could you refer her as well?",
           "I want to apply for the training contract at Stripe. Can you refer me?",
           "Great meeting you at PyCon! Would love to stay in touch.",
           "I'd love to pick your brain about your move from design into product management.",
           "Hi Sam, quick question: how did you get into event sourcing? Thank you!",
           "I'm an agency designer moving in-house; could I ask you 2-3 questions about that jump?",
           "I saw you're looking for a chef de partie at Stripe. Would you put my name forward?",
           "Hi Sam, any advice on moving into event sourcing work?",
           "I saw the vacancy for Maintenance Planner at Stripe and would be grateful for a referral.",
           "Kindly refer me for the position of Operations Lead at Stripe.",
           "Could you refer me at Stripe? I applied under ref TK-3310.",
           "Could you refer me for posting 4411 at Stripe?",
           "I am applying for the Management Trainee, Marketing programme at Stripe.",
           "Could you refer me for the Summer Analyst program at Stripe?",),
    rationale="A referral is for one requisition; without a role or job ID the referrer cannot act.",
)
COMPANY_MISSING = Rule(
    code="ask.company-missing", severity="warning", surfaces=ASK_SURFACES, check=_company_missing, judges_whole=True,
    # Their company's name reads the same in any language, but whether a draft in another language asks
    # about a role there or elsewhere ("una società di consulenza a Cracovia") cannot be read.
    checklist="specific", judges_ask=True, reads_english=True,
    abstains=mixed_or(either(asks_no_job, follows_a_talk, in_their_process, replies_without_referral, scoped_to_them,
                             company_settled, asks_letter)),  # they know where
    fires=('Could you refer me for the Data Analyst role on your team?', 'Any openings at your company?',
           "Let's chat about the Data Analyst role on your team.",
           "I'd love to connect with Priya Nair about the Data Analyst role.",
           "Could you refer me for the Data Analyst role? https://wellfound.com/jobs/123-data-analyst",
           "Could you refer me for the Data Analyst opening on your team (job 48213)?",
           # Where the writer worked, in a sentence with an abbreviation in it, is not the company asked about.
           "Given my experience working with Prof. Poelman at Ghent University, could you refer me for the "
           "Data Analyst role?"),
    quiet=('Could you refer me for the Data Analyst role at Stripe?', "I'd love to join Stripe as a data analyst.",
           "I'm applying for the Nurse Informatics role at Epicore. Would you be one of my references?",
           "Saw Stripe is hiring a Frontend Engineer. Could you refer me for the role?",
           "Could I ask you a few quick questions about what your team looks for in new grads?",
           # A chat asked about an opening it names: the chat is the ask.
           "I'm looking at the Reliability Engineer opening on your team (job 4471). Would you be open to a "
           "15-minute chat about the team first?",
           # A company named as theirs that is not (fact.company-mismatch): not "say the role is at Stripe".
           "I see you're a Data Engineer at Google. Could you refer me for the Analyst role there?",
           # In another language, whether the ask is about their company or another cannot be read.
           "Ciao Sam, sto facendo domanda per la posizione di Data Analyst presso una società di consulenza "
           "e mi chiedevo se conosci qualcuno che lavora lì.",
           "Great talking with you at the meetup! Per our chat, could you refer me for the Data Analyst role?",
           "Would you write me a recommendation letter for my MSc applications?",
           # Placed on their team with a job ID, in a draft written for them: scoped and personal already.
           "I enjoyed your post on smart-meter outages. Could you refer me for the Data Engineer opening on your "
           "team (job 48213)?"),
    rationale="Naming their company shows the message was written for them and scopes the ask.",
)
VAGUE = Rule(
    code="ask.vague", severity="warning", surfaces=ASK_SURFACES, check=_vague, judges_whole=True,
    checklist="specific", judges_ask=True, abstains=either(role_settled, asks_letter),
    fires=('Any openings at your company?', 'Can you refer me?', "I'm interested in opportunities at Stripe.", 'Hi',
           'Could you forward my resume for any internal postings at Stripe?',
           "I'm exploring Senior/Staff Data Engineer roles. Do you have relevant roles at Stripe?",
           "This is my resume. I want to work for you at Stripe.", "Please guide me how I can get job at Stripe.",
           "Do you know anyone who's hiring?", "Can you think of a company that needs someone with my background?",
           "I am trying to land a UX research role. Will you help me?", "I'm interested in Internship at your organization.",
           "Hi, can I work for you?", "Sir, please take me in your lab.", "Please accept my resume for consideration.",
           "Need job as a frontend developer.", "Could you refer me at Stripe for some developer role?",
           "I'd like to intern and/or work for you.",
           "Would you feel comfortable telling your hiring manager about me?",
           "If Stripe has anything relevant opening up, I'd appreciate a heads-up.",
           "I'd love to be a part of such a dynamic environment.", "Any chance u could put in a good word for me?",
           "Is there any possibility of procuring a summer internship at Stripe?",
           "Could you refer me for the Data Engineer (48231) and Solutions Architect (48255) roles, or whichever "
           "you think is best?", "I'd love a referral for one of these: Data Engineer (48231) or SRE (48255).",
           "Would love to be considered for any relevant engineering roles at Stripe.",
           "Would you be willing to refer me if there are relevant openings at Stripe?",
           "hii, i am interested to work with you at Stripe!", "Please give me a jobs at Stripe",
           "I want to reach out to explore potential roles in your company, preferably a frontend developer role."),
    quiet=("Thanks for letting me know. Are there any other junior roles at Stripe coming up in the new year?",
           'Could you refer me for the Data Analyst role (job ID 48213)?',
           "Saw your team is hiring. How is the team? Do you use more GLM or ML now?",
           "What's your unit like for someone coming from the wards, and how's the night staffing?",
           "I don't really have anything special, but could you refer me for the Data Analyst role (job ID 48213)?",
           "I've settled in nicely at Greenfield, thanks again for referring me.",
           'Would you have 15 minutes to chat about your team?',
           "I'm not asking for a job or a referral. Do your analysts come mostly from finance roles?",
           "I saw Stripe is opening the new office in Lisbon and is hiring a Data Analyst.",
           "I haven't seen any relevant engineering roles posted at Stripe yet.",
           'I applied to all of them last year. Could you refer me for the Data Analyst role (job ID 48213)?',
           "I'm not asking about other openings, just this Data Analyst role.",
           'Quick update: thanks to your referral I got the job! Thank you again for the referral.',
           "I'd love the opportunity to chat about your team's work on payments.",
           "Last year I built Quotebook, instant quotes for print jobs.",
           "I'm looking for a new job as a data analyst. Could you introduce me to Marcus Lee at Stripe?",
           "Could you refer me to the right person to talk to at Stripe?",
           "I'm exploring media strategy roles in NYC and would love to swap notes over a quick call.",
           "I'm currently exploring new opportunities and would love to connect.",
           "I'm an ICU nurse hoping to join Stripe's critical care team one day. Would be glad to connect!",
           "I noticed your work as a Senior Technical Recruiter at Stripe. Would you be open to a quick chat?",
           "I'm applying for controller roles and wondered if you'd write a short LinkedIn recommendation.",
           "I saw the vacancy for Maintenance Planner at Stripe and would be grateful for a referral.",),
    rationale="'Any openings?' asks the recipient to do your job search; specific asks get answers.",
)

RULES = [ROLE_MISSING, COMPANY_MISSING, VAGUE]
