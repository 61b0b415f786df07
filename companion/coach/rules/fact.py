"""fact.*: the greeting names the recipient, the company is the one they are at, their post exists, they have
a job to refer you at."""

import re
from datetime import date

from companion.coach.analysis import WORD_START, AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.matching import (
    TITLE_NOUNS, find_company, first_name, name_matches, negated, recipient_company, recipient_name, same_company,
    unknown_post,
)

# After the name: punctuation, an emoji, or a word that starts the next sentence ("Hi Priya I hope…").
_AFTER_NAME = (r"(?=[ \t]*(?:[,!.:;\n—–-]|$)|[ \t]*[^\w\s'’]"
               r"|[ \t]+(?:I|I['’](?:m|ve|d)|Hope|Hoping|Thanks|Thank|My|We|It|It['’]s|This|How|Just|Quick)\b)")
_GREETING = re.compile(
    r"^[^\w\[{<]*(?:(?i:hi|hello|hey|dear|respected|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))"
    r"(?:[ \t]+|[ \t]*,[ \t]*)"
    # A title, and an honorific before a name as many write it: "Ma'am Joanna", "Sir Mark", "Ate Liza",
    # "Brother Khalid", "Bhai Arjun".
    r"(?:(?:(?i:mr|mrs|ms|mx|dr|prof)\.?|(?i:sir|ma['’]?am|madam|mister|miss|ate|kuya|brother|sister|bro|sis|bhai|didi|"
    r"uncle|aunty|auntie|chef|coach|doc|engr|eng|capt|captain|pastor|rev|sensei|"
    # Titles in the writer's other language: "Madame Marchand", "Herr Vogel", "Señora Ruiz", "Dott.ssa Conti".
    r"madame|mme|monsieur|mademoiselle|herr|frau|señora?|senhora?|sra|sr|signora?|dott(?:\.?ssa)?)"
    r"\.?(?=[ \t]+[A-Z]))[ \t]+)?"
    r"([^\W\d_][\w'’-]*)(?:[ \t]+(?:or[ \t]+)?[A-Z][\w'’-]*)?" + _AFTER_NAME +
    r"|([A-Z][\w'’-]+)[ \t]*,[ \t]*\n)"
)
# Greeting words that are not a name: "Hi there", "Dear Hiring Manager", "Hello team".
_NOT_NAME = {
    "there", "all", "team", "everyone", "everybody", "folks", "hiring", "sir", "madam", "friend",
    "again", "i", "i'm", "im", "my", "how", "hope", "y'all", "you", "good", "recruiter",
    "recruiting", "colleague", "connection", "mate", "guys", "people", "world", "manager", "it's",
    "hi", "hello", "hey", "dear", "greetings", "hiya", "howdy", "thanks", "regards", "best", "cheers",
    "brother", "sister", "bro", "sis", "bhai", "didi", "hr", "talent", "recruitment", "human", "the",
    # A form of address by trade or rank, alone: "Hello chef", "Dear Maître" (a French avocat), "Hi Coach".
    "chef", "coach", "doc", "doctor", "professor", "prof", "captain", "capt", "pastor", "reverend", "sensei",
    "maître", "maitre", "madame", "monsieur", "señor", "señora", "senhor", "senhora", "signore", "signora",
}


# A salutation for anyone, where their name is known: "Dear Sir/Madam", "Respected Sir". ("Dear Hiring
# Manager" names what they are, perhaps rightly.)
_ANYONE = {"sir", "madam", "ma'am", "ma’am", "maam", "ma", "mam"}
_ANYONE_REST = re.compile(r"(?i:(?:[ \t]*/[ \t]*|[ \t]+or[ \t]+)(?:sir|madam|ma['’]?am))")


def _name_mismatch(draft: AnalysedDraft, ctx: CoachContext):
    name = recipient_name(ctx)
    m = _GREETING.match(draft.text) if name else None
    if not m:
        return
    group = 1 if m.group(1) else 2
    said = m.group(group)
    start, end = m.span(group)
    anyone = said.lower() in _ANYONE
    if anyone and ctx.thread is not None and any(m.sender == "them" for m in ctx.thread.messages):
        return  # "Hi mam" answering their message is a form of address, not a letter to anyone (audit 95-14)
    if anyone:
        if rest := _ANYONE_REST.match(draft.text, end):  # "Sir/Madam", "Sir or Madam": one salutation
            end = rest.end()
        why = "A greeting that could open any letter reads as a mass message; their name shows you wrote to them."
    elif said.lower() in _NOT_NAME or name_matches(said, name):
        return
    else:
        why = "A wrong name is the surest sign of a copy-pasted message, and most people stop reading there."
    first = name.split()[0]
    # Where "Sir" or "Madam" is the register (a senior stranger, in Nigerian or Indian English), their full
    # name keeps it without guessing a gender: "Sir" is the default many write to anyone, and "Mr. Mensah"
    # to Deborah would be worse than the salutation. "Sir/Madam" is no register: their first name.
    # The whole name as they write it: "Wei Ling Tan", not "Wei Tan".
    said_all = draft.text[start:end].lower()
    addressed = " ".join(name.split()) if said_all in _ANYONE and len(name.split()) > 1 else first
    # "Respected Madam" becomes "Dear Eva Novak", not "Respected Eva Novak": the honorific belongs to the salutation.
    lead = draft.text[m.start():start]
    fix_span, greeting = ((m.start() + len(lead) - len(lead.lstrip()), end), f"Dear {addressed}") \
        if anyone and lead.strip().lower() == "respected" else ((start, end), addressed)
    yield NAME_MISMATCH.finding(f"The greeting says \"{draft.text[start:end]}\" but you are writing to {name}. {why}",
                                draft, (start, end), replacement=greeting, fix_span=fix_span,
                                suggestion=f"Greet them as {addressed}.", severity="warning" if anyone else "error")


# What puts a company where theirs belongs, read on the lower-cased draft (no named groups or
# inline flags: either would stop re from skipping fast to where a word starts). Addressing them:
# "you're at", "you work at", "joining you at", "your team at"; naming the target: "the role at",
# "join", "work at". A job title between "you're a" and "at" still says where they work now: "you're a
# Software Development Engineer at Microsoft" (up to five words, the last a title noun; not "a former").
_LEAD = re.compile(WORD_START + (
    r"(?:\byou(?:(?:'re| are) (?:currently |now )?| (?:currently|now) )(?:at|with)|"
    r"\byou(?:'re| are) (?:currently |now |still )?(?:a|an|the) (?:(?!former\b|ex-|previous\b|past\b)[\w&/+.-]+ ){0,5}?"
    r"(?:" + TITLE_NOUNS + r"|lead) (?:at|with)|"
    r"\byou (?:currently |now )?work (?:at|for)|"
    r"\byou(?:'re| are) working (?:at|for)|\b(?:join|joining) you (?:at|over at)|"
    r"\byour (?:team|company|role|work|colleagues|org|organization|department|group|office|employer|"
    r"recruiters?|hiring team) (?:at|over at|with)"
    r"|\b(?:roles?|positions?|openings?|jobs?|internships?|teams?|referral|careers?|"
    r"opportunit(?:y|ies)|req) (?:at|with)|\bjoin(?:ing)?(?: the team at| the .{1,30}? team at)?|"
    r"\bwork(?:ing)? (?:at|for))"))
_ADDRESSES = re.compile(r"you|join(?:ing)? you")
# The name after it, in the draft as written: "Stripe", "Tata Consultancy Services", "J.P. Morgan".
_NAME = re.compile(r"[ \t]+((?:(?:St|Ste|Mt|Ft|Dr|Pt)\.|[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’-]*)(?:[ \t]+(?:[A-Z][a-z][\w&'’-]*|of|&))*)")


# The company first, then them in it: "the role at Vox Media, where I see you're a producer".
_WHERE_YOU = re.compile(r"\bat ((?:[A-Z][\w&'’-]*)(?:[ \t]+(?:[A-Z][a-z][\w&'’-]*|of|&)){0,3}), where "
                        r"(?i:(?:i see |i noticed |i know )?you(?:'re| are| work| now work)( an? )?)")


def _as_if(draft: AnalysedDraft):
    """(where the lead starts, whether it addresses them, the company named, where it starts, whether the
    lead gives them a job title) for each lead."""
    for m in _LEAD.finditer(draft.lower):
        name = _NAME.match(draft.text, m.end())
        if name:
            lead = m.group()
            yield (m.start(), bool(_ADDRESSES.match(lead)), name.group(1).rstrip(".’'"), name.start(1),
                   lead.startswith("you") and _TITLED.search(lead) is not None)
    if ", where" in draft.lower:
        for m in _WHERE_YOU.finditer(draft.text):
            yield m.start(), True, m.group(1), m.start(1), m.group(2) is not None


_TITLED = re.compile(r" (?:a|an|the) ")


# The writer's own employer: "I work at Acme", "my team at Acme", "previously at Acme".
_SELF_BEFORE = re.compile(
    r"(?:\b(?:i|we|i've|i have|i'm|i am|i was|i've been|i had)(?: also| currently| previously| recently| now)?"
    r"|\b(?:my|our|former|previous|past)(?: [\w-]+){0,2}"
    # what the writer did there: "did an internship at", "completed a summer internship at", "had a summer job at"
    r"|\b(?:did|done|completed|finished|had|held|spent)(?: an?| my| the| two| three| \d+)?(?: [\w-]+)?)\s*$"
)
# A sentence about the writer's own work, with nothing in it about the job asked for: "I've spent two
# years on the billing team at Intercom" (but "I'd love to join the team at Google" is the target).
_OWN_WORK = re.compile(r"\b(?:i|we|my|our)\b(?:(?!\byou)[^.;!?])*$")
_TARGET_CUE = re.compile(r"\b(?:join|joining|apply|applying|applied|role|position|opening|refer|referral|love to|"
                         r"like to|interest|interested|excited|dream|hoping)\b")
# How long the writer has done something: "four years of Flink work at Lantern". Work at a company after
# it in the sentence, with no wish in between ("3 years at Acme, I'd love to work at"), is the writer's
# own, even in a sentence that asks for a role.
_TENURE = re.compile(r"\b(?:\d+\+?|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)[ -]"
                     r"(?:years?|yrs?|months?)\b")
# Asking them to vouch for you elsewhere: the role is at another company, not theirs.
# (Not "for your reference".)
_REFERENCE = re.compile(r"\b(?:be|as|being) (?:a |my |one of my )?(?:professional |job |personal |character )?"
                        r"references?\b|"
                        r"\breference (?:for me|letter)\b|\brecommendation letter\b|\bletter of recommendation\b|"
                        r"\bvouch for\b")
# A list item ("- 3 years on the billing team at Stripe") lists the writer's background, as "I" does.
_BULLET = re.compile(r"[ \t]*(?:[-–—•*·▪►]|\d{1,2}[.)])[ \t]")
_NOT_COMPANY = {"i", "my", "your", "you", "the", "a", "an", "linkedin", "this", "that", "our", "it"}


# What draws the writer to a company, said of it by name: "passionate about Airbnb's mission".
_ADMIRED = re.compile(r"\b(?i:passionate about|excited about|enthusiastic about|inspired by|drawn to|admire|love) "
                      r"((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*){0,2})['’]s (?i:mission|vision|values|culture|products?|"
                      r"platform|journey|growth)\b")
# A site of a company rather than a company: "Oakland Medical Center" may be a hospital of Kaiser Permanente.
_SITE = re.compile(r"(?i:medical cent(?:er|re)|hospital|clinic|campus|plant|factory|warehouse|"
                   r"(?:distribution|fulfil?ment|data) cent(?:er|re)|branch|facility|depot)$")


def _names(said: str, company: str | None) -> bool:
    """Whether `said`, or its first words, name `company`: "TCS Stockholm" names Tata Consultancy Services."""
    words = said.split()
    return any(same_company(" ".join(words[:n]), company) for n in range(len(words), 0, -1))


def _company_mismatch(draft: AnalysedDraft, ctx: CoachContext):
    theirs = recipient_company(ctx)
    if not theirs:
        yield from _left(draft, ctx)
        return
    own = ctx.own_profile.current_company if ctx.own_profile is not None else None
    past = [e.company for e in (ctx.profile.experience or ()) if e.company] if ctx.profile else []
    for said, start, end, titled in _others(draft, ctx):
        if _in_their_words(said, ctx.profile):
            continue  # "the opening at JKIA" where their About says "out of JKIA": a place of theirs
        if _SITE.search(said):  # perhaps one of theirs: a question, not a must-fix
            yield COMPANY_MISMATCH.finding(
                f"Is {said} part of {theirs}? If it is not, they cannot refer you there.", draft, (start, end),
                severity="warning", suggestion=f"If {said} belongs to another employer, ask someone who works there.")
            continue
        left = next((p for p in past if same_company(said, p)), None)
        why = f"they were at {left} before and are at {theirs} now" if left else f"they are at {theirs}"
        # "you're a Software Development Engineer at Microsoft": their company alone swapped in would keep
        # a title they may not hold there, and a role asked for at Microsoft needs someone who is there.
        fix = {} if titled else {"replacement": theirs}
        yield COMPANY_MISMATCH.finding(
            f"\"{said}\" is named as if it were their company, but {why}. A wrong company reads as a "
            "copy-pasted message and they cannot refer you there.",
            draft, (start, end), **fix,
            suggestion=(f"Say what they do now, at {theirs}; for a role at {said}, ask someone who works there "
                        "now." if titled else f"Did you mean {theirs}?"),
        )
    if draft.subject and ctx.surface == "inmail":  # read first: "Referral for the PM role at HubSpot"
        for said, _start, _end, _titled in _named_as_theirs(AnalysedDraft(draft.subject), theirs, own):
            yield COMPANY_MISMATCH.finding(
                f"In the subject: \"{said}\" is named as if it were their company, but they are at {theirs}.",
                suggestion=f"Did you mean {theirs}?", data={"field": "subject"})


def _in_their_words(said: str, profile) -> bool:
    """Whether their own profile (headline, About, their posts) names `said`: a site, a client or a project of
    theirs, not another employer."""
    if profile is None:
        return False
    own = [profile.headline, profile.about, *(p.text for p in profile.posts or () if not p.reposted)]
    return any(find_company(text.lower(), said) for text in own if text)


def asks_reference(draft: AnalysedDraft) -> bool:
    """Whether the draft asks them to vouch for the writer elsewhere (a reference, a letter): the role may be
    at any company."""
    return bool(_REFERENCE.search(draft.lower))


def names_another_company(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft names a company as theirs, or as the ask's target, that is not where they are now
    (what fact.company-mismatch reports). ask.company-missing reads it: such a draft did name a company,
    the wrong one, and "say the role is at <theirs>" would rewrite the user's target."""
    return bool(_others(draft, ctx))


def _others(draft: AnalysedDraft, ctx: CoachContext) -> list:
    """`_named_as_theirs` once per draft (fact.company-mismatch reports them, ask.company-missing asks); none
    when their company is not known."""
    theirs = recipient_company(ctx)
    own = ctx.own_profile.current_company if ctx.own_profile is not None else None
    return draft.remember(f"fact.others:{theirs}:{own}",
                          lambda: list(_named_as_theirs(draft, theirs, own)) if theirs else [])


# A clause about a third person, by name or pronoun, with nothing of the ask before the company: "Sipho now
# leads a team at Volt Africa" (a blurb for the referral form), "She spent four years at Eskom".
_SOMEONE = re.compile(r"(?:^|[:;\"“(]\s*|,\s+(?:and\s+)?)(?:[A-Z][a-z]+|he|she|they)\s+(?:now\s+|also\s+|currently\s+|then\s+)?"
                      r"(?:[a-z]+(?:s|ed)|spent|was|has|had|ran|led|leads|is)\b(?:(?![.;!?\"”]|\byou)[^\n])*$")


def _of_someone(draft: AnalysedDraft, lead: int, theirs: str) -> bool:
    start = draft.sentence_start(lead, 160)
    m = _SOMEONE.search(draft.text, start, lead)
    if m is None or _TARGET_CUE.search(draft.lower, m.start(), lead):
        return False
    subject = draft.text[m.start():lead].lstrip(":;\"“( ,").removeprefix("and ").split()[0]
    return subject.lower() not in ("i", "we") and not _names(subject, theirs)


def _named_as_theirs(draft: AnalysedDraft, theirs: str, own: str | None):
    """(name, start, end, whether a job title is given them) of each company named as theirs or as the
    ask's target that is neither theirs nor the writer's own."""
    for lead, addresses, said, start, titled in _as_if(draft):
        if said.split()[0].lower() in _NOT_COMPANY or _names(said, theirs) or _names(said, own):
            continue
        if _SELF_BEFORE.search(draft.lower[max(0, lead - 40):lead]):
            continue
        before = draft.before_in_sentence(lead, 120)
        if draft.lower.startswith("work", lead):
            tenures = list(_TENURE.finditer(before))
            if tenures and not _TARGET_CUE.search(before, tenures[-1].end()):
                continue
        line = draft.lower.rfind("\n", 0, lead) + 1
        bullet = _BULLET.match(draft.lower, line, lead) and not _TARGET_CUE.search(draft.lower, line, start)
        own_work = _OWN_WORK.search(before)  # the cue must come in the writer's clause: "the role just opened,
        # and it lines up with what I do now: I run the release train for 14 teams at Zendesk" is their own job
        if not addresses and (own_work and not _TARGET_CUE.search(before, own_work.start()) or bullet
                              or asks_reference(draft) or _of_someone(draft, lead, theirs)):
            continue
        yield said, start, start + len(said), titled
    for m in _ADMIRED.finditer(draft.text):  # "passionate about Airbnb's mission", to someone at Stripe
        said = m.group(1)
        if not (_names(said, theirs) or _names(said, own)) and not negated(draft, m.start(), 25):
            yield said, m.start(1), m.end(1), False


def _left_named(draft: AnalysedDraft, ctx: CoachContext) -> list:
    """With no current employer on their profile: (name, start, the Experience) of each job they have left
    that the draft names as if they were there now ("you work at X"); once per draft (two rules ask)."""
    experience = ctx.profile.experience if ctx.profile is not None else None
    if not experience or any(r.current for e in experience for r in e.roles):
        return []  # not loaded, or they are somewhere now (named or not): nothing to compare with

    def find():
        for _lead, addresses, said, start, _titled in _as_if(draft):
            left = next((e for e in experience if e.company and same_company(said, e.company)), None)
            if addresses and left is not None:
                yield said, start, left
    return draft.remember("fact.left", lambda: list(find()))


def _ended(roles) -> str:
    """" in Aug 2025" for the latest end among `roles`, or ""."""
    ended = max((r.end for r in roles if r.end), key=lambda d: (d.year, d.month or 0), default=None)
    if ended is None:
        return ""
    return f" in {date(ended.year, ended.month, 1):%b %Y}" if ended.month else f" in {ended.year}"


def _left(draft: AnalysedDraft, ctx: CoachContext):
    for said, start, left in _left_named(draft, ctx):
        yield COMPANY_MISMATCH.finding(
            f"\"{said}\" is named as if they worked there now, but they left{_ended(left.roles)} and their profile "
            "shows no current employer. It reads as a message written from an old profile.",
            draft, (start, start + len(said)),
            suggestion="Ask what they are working on now, or write about their time there in the past tense.",
        )


def _no_employer(draft: AnalysedDraft, ctx: CoachContext):
    """A referral asked of someone whose profile shows only jobs that have ended, every one with its end."""
    from companion.coach.rules.cold_ask import first_referral_ask  # here: cold_ask's imports lead back to this module

    profile = ctx.profile
    roles = [(e, r) for e in profile.experience or () for r in e.roles]
    if not roles or profile.current_company or any(r.current or r.end is None for _, r in roles):
        return
    if _left_named(draft, ctx) or (ask := first_referral_ask(draft)) is None:
        return  # fact.company-mismatch already says they are there no longer
    last = max(roles, key=lambda er: (er[1].end.year, er[1].end.month or 0))
    at = f", at {last[0].company}," if last[0].company else ""
    who = first_name(ctx) or "They"
    yield NO_EMPLOYER.finding(
        f"\"{draft.text[slice(*ask.span())]}\": {who}'s profile shows no current job (the last one{at} ended"
        f"{_ended([last[1]])}). A referral goes through an employer's own referral system, so someone between "
        "jobs cannot refer you anywhere.", draft, ask.span(),
        suggestion="Check their profile is up to date. Ask for their advice, or for an introduction to someone at "
                   "the company you are applying to, instead of a referral.")


def _third_person(draft: AnalysedDraft, ctx: CoachContext):
    """The recipient spoken of, not to: "after Dana's introduction", "Dana mentioned you're hiring", in a draft
    to Dana. The draft was most likely written for someone else (the recruiter Dana introduced)."""
    first = first_name(ctx)
    if not first or len(first) < 3 or first.lower() not in draft.lower:
        return
    about = re.compile(rf"\b{re.escape(first.lower())}(?:['’]s\b| (?:mentioned|suggested|told me|introduced|said|"
                       rf"recommended|referred|put me in touch)\b)")
    greeting_end = _SALUTE.match(draft.lower).end()
    m = next((m for m in about.finditer(draft.lower) if m.start() >= greeting_end), None)
    if m is None:
        return
    yield THIRD_PERSON.finding(
        f"\"{draft.text[m.start():m.end()]}\" speaks of {first} in the third person, but this message goes to "
        f"{first}. It reads as written for someone else: is it in the right box?", draft, m.span(),
        suggestion=f"If it is for someone {first} introduced, send it to them; if it is for {first}, speak to them.")


_SALUTE = re.compile(r"\W*(?:(?:hi+|hey+|hello+|dear|good (?:morning|afternoon|evening|day))\b[^,\n!.]{0,30}[,!.]?)?")


NAME_MISMATCH = Rule(
    judges_words=True,
    code="fact.name-mismatch", severity="error", check=_name_mismatch,
    fires=("Hi Priya, I hope you're well.", "Respected Sir, I am applying for the Data Analyst role.",
           "Dear Sir/Madam, I hope you're well.", "Dear Sir or Madam, I hope you're well.", "Hello Ma'am, good day!"),
    quiet=("Hi Sam, I hope you're well.", 'Hello chef, I trained at Ferrandi.', 'Dear Eng. Sam, I am a graduate.', 'Hello Mister Sam, I am forklift driver.', 'Dear Maître, je vous écris…', "Hi there, I hope you're well.", 'Dear Hiring Manager,',
           "Hi Ma'am Sam, good day po!", "Dear Madame Lee, thank you for your time.", "Good day Mr. Lee, I hope you're well.", "Dear Brother Sam,\nI hope you're well.",
           "Hi bro, hope you're well!", "Hi Chef Sam! Hope you're well."),
    rationale="Greeting someone by another person's name ends the conversation.",
)
COMPANY_MISMATCH = Rule(
    judges_words=True,
    code="fact.company-mismatch", severity="error", check=_company_mismatch, checklist="specific",
    fires=('How do you like your team at Google?', 'Could you refer me for the Analyst role at Google?',
           "I am writing to express my interest in any suitable openings at Brightwave Analytics.",
           "Two roles caught my eye:\n- the Analyst role at Google\n- the Data Engineer role at Google",
           "I'd love to join the team at Google.", "I'm excited about joining Google.",
           'Could you refer me for the Analyst role at Google? My resume is attached for your reference.',
           "After 3 years at Acme I'd love to work at Google.",
           "I noticed you're a Software Development Engineer at Google.",
           "I see you're currently a Producer at Google.", "I'm really passionate about Airbnb's mission.",
           "I'm interested in the RN position at Oakland Medical Center.",
           "I'm applying for the Associate Producer role at Google, where I see you're a producer."),
    quiet=('How do you like your team at Stripe?', 'I worked at Google before.', 'I joined Google in 2019.',
           # A blurb about the writer for the referral form, in the third person.
           'For the form: "Sipho spent four years at Eskom and now leads a protection team at Volt Africa."',
           "I've spent two years on the billing team at Intercom.", 'Great meeting you at PyCon last week!',
           'Would you be willing to be a reference for me for the Operations role at Contoso Foods?',
           "I'm applying for the Specialist role at Epicore Health. Would you be willing to be one of my references?",
           "I am a final year B.Tech student and did an internship at Amara Raja Batteries. Could I ask you a question?",
           "My background:\n- 3 years on the billing team at Google\n- 4 years of Go at Acme",
           "I'm applying for the Data Analyst role at Stripe and have four years of SQL work at Acme.",
           "I'm applying for the Analyst role at Stripe and I think my four years of SQL and dbt work at Acme fit.",
           "I noticed you're a Senior Engineer at Stripe.", "You're an expert at Python, so I'd value your view.",
           "You're a former engineer at Google, right?",
           "A Program Manager role just opened, and it lines up with what I do now: I run releases for 14 teams at "
           "Zendesk."),
    rationale="A referrer can only refer you where they work; the wrong company shows a pasted message.",
)

# "Your recent post" when their page shows none of their own: checkable once the Activity section was
# loaded (Profile.posts is a list, possibly empty); when it was not (None), nothing is said.
_POST = re.compile(
    r"\b(?:your|ur) (?:(?:very |really )?(?:recent|latest|last|new|great|insightful|interesting|amazing|"
    r"thoughtful|inspiring) )*(?:linkedin )?(?:posts?|article|write-?up|update)\b"
)


# What the draft says the post was about: the rest of its sentence.
_ABOUT = re.compile(r"[^.!?\n]{0,160}")


def _post_missing(draft: AnalysedDraft, ctx: CoachContext):
    posts = ctx.profile.posts
    if posts is None:
        return
    if any(not p.reposted for p in posts):
        yield from _post_unknown(draft, ctx)
        return
    what = ("their recent activity shows only posts they reshared from others" if posts
            else "their profile shows no posts")
    for m in _POST.finditer(draft.lower):
        start, end = m.span()
        if negated(draft, start, 40):
            continue
        yield POST_MISSING.finding(
            f"\"{draft.text[start:end]}\" refers to a post of theirs, but {what}. Praise for a post "
            "that does not exist reads as a template.",
            draft, (start, end),
            suggestion="Mention something that is on their profile instead: a role, a project, a "
                       "shared employer or school.",
        )


def _post_unknown(draft: AnalysedDraft, ctx: CoachContext):
    """ "Your recent post about X" where X is in none of their own recent posts (which the page shows):
    an older post may be meant when the draft does not say "recent", so only a recent one is judged."""
    for m in _POST.finditer(draft.lower):
        start, end = m.span()
        if not _RECENT.search(m.group()) or negated(draft, start, 40):
            continue
        about = _ABOUT.match(draft.lower, end).group()
        if (found := unknown_post(about, ctx.profile)) is None:
            continue
        said = draft.text[start:end]
        why = ("it meets only a post they reshared from someone else, not their own words" if found == "repost"
               else "none of their recent posts on their profile is about that")
        yield POST_MISSING.finding(
            f"\"{said}\" describes a post of theirs, but {why}. Praise for a post they did not write shows "
            "the message was not written for them, or was meant for someone else.", draft, (start, end),
            suggestion="Check you have the right person, and name a post that is on their profile (the hints "
                       "offer one), or another true detail: a role, a project, a shared employer or school.",
        )


_RECENT = re.compile(r"\b(?:recent|latest|last|new)\b")


POST_MISSING = Rule(
    code="fact.post-missing", severity="warning", check=_post_missing, needs=frozenset({"profile"}),
    rationale="A compliment on a post they never wrote shows the message was not written for them.",
)

NO_EMPLOYER = Rule(
    code="fact.no-employer", severity="warning", check=_no_employer, needs=frozenset({"profile"}),
    judges_ask=True,
    rationale="Only someone who works at a company can refer you there; a profile with no current job cannot.",
)

THIRD_PERSON = Rule(
    judges_words=True, reads_english=True,
    code="fact.third-person", severity="warning", check=_third_person,
    fires=("Hello, thank you for reaching out after Sam's introduction!",
           "Thanks for writing. Sam mentioned you're hiring for the Data Analyst role."),
    quiet=("Hi Sam, thanks for your reply!", "Sam, as you mentioned, the role is open.",
           "Hi Sam, I loved Samantha's talk at PyCon."),
    rationale="A message about its own recipient was written for someone else; sent as is, it confuses both.",
)

RULES = [NAME_MISMATCH, COMPANY_MISMATCH, POST_MISSING, NO_EMPLOYER, THIRD_PERSON]
