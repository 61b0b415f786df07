"""background.missing: a message or InMail says in a sentence or two why you fit the role."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import either, missing_phrase_rule
from companion.coach.matching import TITLE_NOUNS, conversation_says
from companion.coach.rules.ask import asks_no_job, asks_nothing_for_you, replies_without_referral
from companion.coach.stated import for_another, knows_your_fit

# What anyone can say of themselves is no summary of fit: "I am a hard worker and a team player", "I'm a
# big fan of Stripe", "I'm a great fit". Checked right after "I'm a", "I am a".
# Whatever the adjectives ("a highly motivated, results-driven professional", "a hard-working, passionate and
# result-oriented person"), a person in general says nothing of the work.
_CLICHE = (r"(?!(?:[\w-]+,? (?:and |& )?){0,6}?"  # "a hard working and quick learner"
           r"(?:worker|team player|learner|starter|getter|person|fan|fit|match|candidate|individual|"
           r"professional|believer)\b)")
_FIT = re.compile(
    # "I am Diego, data engineer": a name, then the title (as many write it, without an article).
    r"\bi(?:'m| am) [a-z][\w'-]*, (?:an? )?(?:[\w-]+ ){0,3}" + TITLE_NOUNS + r"\b|"
    r"\b(?:i'm (?:now |currently )?an? " + _CLICHE + r"|i am (?:now |currently )?an? " + _CLICHE +
    r"|i've been |i have been |i was an? |i used to (?:be an? |work (?:as|at|in|on))|"
    r"i spent |i've spent |i have spent |"
    r"i (?:currently )?work (?:as|on|at|in|with)|i worked (?:as|on|at|in|with)|i've worked|i have worked|"
    r"i (?:currently )?(?:lead|manage|build|design|run|own|teach|study)\b|"
    # the same verbs after "and", the writer still the subject: "I left in 2021 for Klarna and now lead a team"
    r"and (?:now |currently |also )?(?:lead|manage|run|teach|work (?:as|at|on|in|with))\b|"
    r"i (?:(?:also|since|recently|then|just) )?(?:built|led|shipped|launched|designed|created|developed|managed|"
    r"founded|grew|scaled|reduced|increased|improved|published|wrote|won|completed|finished|graduated|earned|"
    r"co-founded|ran|conducted|delivered|trained|taught|coordinated|organi[sz]ed|supervised|handled)\b|"
    r"i(?:'ve| have) (?:(?:also|since|recently|just) )?(?:built|led|shipped|launched|designed|created|developed|"
    r"managed|founded|grown|scaled|run|conducted|delivered|trained|taught|coordinated|organi[sz]ed|supervised|"
    r"handled|published|written|completed|finished|graduated|earned)\b|"
    r"i'm (?:currently |now )?(?:working|studying|finishing|completing|pursuing|leading|building|"
    r"graduating|an? \w+ (?:at|with|in))\b|"
    # A heading over a summary of yourself: "Here's more about me.\n- Self taught developer", "A bit about me:";
    # not "read more about me on my profile", which points elsewhere.
    r"about me(?::|\.? ?\n)|"
    r"years of experience|(?:years?|yrs) (?:of|in|as|at|\w+ing)\b|"
    r"(?:\d+\+?|two|three|four|five|six|seven|eight|nine|ten|several) (?:years?|yrs)\b(?! ago| back)|"
    r"my (?:current |day-to-day |daily )?(?:background|experience|work|role|team|thesis|research|degree|portfolio) "
    r"(?:is|was|has|in|at|as|on|with|spans|focuses)|"
    r"experience (?:in|with|building|leading|designing)|background in|specializ(?:e|ing) in|"
    r"currently (?:at|a|working|studying|leading)|as an? (?:\w+ ){0,3}(?:engineer|developer|designer|"
    r"analyst|scientist|manager|student|researcher|consultant|lead))"
)

# A measured result, said of yourself, is the best summary of fit: "I took Brisk from 20k to 1.2M users",
# "we cut churn by 30%", "my team doubled revenue to $3M". A figure (a change from X to
# Y, "by N", a percentage, money, a multiple, a count of users…) after "I"/"we" and a verb of achievement in
# its sentence; "your team grew from 10 to 50" is theirs. Numbers are bounded: "1.1.1.1…" stays linear.
_NUM = r"\$?\d{1,9}(?:[.,]\d{1,3}){0,3}"
_FIGURE = re.compile(
    r"\bfrom " + _NUM + r"[\w%]{0,8} (?:[a-z]+ )?to \$?\d|\bby (?:over |nearly |almost |about |around |roughly |"
    r"more than |up to )?\$?\d"
    r"|(?<![\w.,$])" + _NUM + r" ?(?:%|percent\b|x\b|[kmb]\b|bn\b|million\b|billion\b|(?:monthly |daily |active |"
    r"paying )?(?:users|customers|clients|subscribers|members|downloads|installs|visitors|orders|transactions|"
    r"requests|patients|students|accounts|leads|deals|stores|countries)\b)"
    r"|\$\d")
_ACHIEVED = re.compile(
    r"\b(?:i|we|my team|our team)(?:'ve| have| had)?(?: (?:also|then|personally|single-handedly|just|recently|"
    r"helped(?: to)?|help(?:ed)? to)){0,2} (?:took|taken|grew|grown|cut|raised|reduced|increased|improved|boosted|"
    r"doubled|tripled|quadrupled|halved|saved|drove|driven|generated|brought|lifted|delivered|closed|sold|scaled|"
    r"shipped|led|built|launched|moved|hit|reached|achieved|won|lowered|decreased|expanded|added|onboarded|"
    r"acquired|converted|processed|served|sped|trimmed|slashed|eliminated|recovered|secured|signed)\b")

# The figure is someone else's when they come between: "I took a minute to read your post on 20% growth".
_THEIRS = re.compile(r"\b(?:you|your|their|his|her|its)\b")


# Whose years or work a line gives: the last person named before it in its sentence.
_ME = re.compile(r"\b(?:i|my|me|we|our)\b")  # "i" opens "i'm", "i've", "i'd"


def _mine(draft: AnalysedDraft, at: int) -> bool:
    """Whether the words at `at` are the writer's: "You have 17 years of experience" are theirs, "you'll
    remember I led the rewrite" the writer's."""
    if _ME.match(draft.lower, at):
        return True
    before = draft.lower[draft.sentence_start(at, 80):at]
    before = before[before.rfind(":") + 1:]  # "a summary you could forward: 6 years of…" opens anew
    yours = [m.end() for m in _THEIRS.finditer(before)]
    return not yours or bool(_ME.search(before, yours[-1]))


# A degree and where it is from: "MS Analytics from Georgia Tech", "a Master's in Finance from LSE". Read
# in the original case: "Ms Lee from your team" is a person.
_DEGREE = re.compile(r"\b(?:M\.?S\.?c?|MBA|M\.?Eng|B\.?S\.?c?|B\.?Tech|M\.?Tech|Ph\.?D|[Mm]aster['’]?s|"
                     r"[Bb]achelor['’]?s)\b\.?(?: degree)?(?: (?:in|of))? [^.!?\n]{0,40}?\b(?:from|at)\b")


def sums_up_fit(draft: AnalysedDraft) -> bool:
    """A line about what you do, for how long, or what you achieved (a measured result), or your degree."""
    lower = draft.lower
    if any(_mine(draft, m.start()) for m in _FIT.finditer(lower)):
        return True
    if any(_mine(draft, m.start()) for m in _DEGREE.finditer(draft.text)):
        return True
    for m in _FIGURE.finditer(lower):
        start = draft.sentence_start(m.start(), 160)
        if any(not _THEIRS.search(lower, a.end(), m.start()) for a in _ACHIEVED.finditer(lower, start, m.start())):
            return True
    return False


def _fit_told(_draft: AnalysedDraft, ctx) -> bool:
    """Whether one of the user's messages in the conversation on the page already summed up their fit."""
    return conversation_says(ctx, sums_up_fit, sender="me")


def _message(draft: AnalysedDraft, _ctx) -> str:
    if for_another(draft):  # "could you refer him too?": the referrer knows the writer, not the one referred
        return ("No summary of their fit: the referral is for someone else, whom the referrer does not know. They "
                "need one or two sentences on what that person does and why they suit the role before they vouch.")
    return ("No summary of your fit: nothing says what you do, for how long, or what you have achieved. The referrer "
            "vouches for you, so they need one or two sentences on why you suit the role before they will.")


def _suggestion(draft: AnalysedDraft, _ctx) -> str:
    whose = "their" if for_another(draft) else "your"
    return (f"Add one or two sentences: {whose} current role or study, years of relevant experience, and one "
            "concrete result that matches the role.")


MISSING = missing_phrase_rule(
    "background.missing", sums_up_fit, _message, _suggestion,
    severity="warning", checklist="fit", surfaces=frozenset({"message", "inmail"}), judges_ask=True,
    # They have heard your fit (from you in this conversation, or in a talk), or said no.
    abstains=either(asks_no_job, asks_nothing_for_you, knows_your_fit, replies_without_referral, _fit_told),
    rationale="A referrer stakes their reputation; one or two sentences of fit make that easy.",
    fires=("Could you refer me for the Data Analyst role at Stripe? Thank you!",
           "We met two years ago at PyCon. Could you refer me for the Data Analyst role at Stripe?",
           "I am a hard worker and a team player. Could you refer me for the Data Analyst role at Stripe?",
           "I'm a big fan of Stripe. Could you refer me for the Data Analyst role?",
           "I took a minute to read your post on 20% growth. Could you refer me for the Data Analyst role?",
           "You have 17 years of experience, so your referral carries weight. Could you refer me?",
           "Ms Lee from your team suggested I write. Could you refer me for the Data Analyst role?",
           "I am a hard working and quick learner. Could you refer me for the Data Analyst role at Stripe?",
           "You left Acme for Klarna and now lead a data team. Could you refer me for the Data Analyst role?"),
    quiet=("I've run 40+ usability studies for a mortgage app, including getting consent flows through legal.",
           "I'm a data analyst with four years of experience in SQL.", "Would you be my mentor? Thank you!",
           "My current work is mostly dossier submissions to the regulator.",
           "Here is a summary you could forward: 6 years of cash management at MOL Group.",
           "I built the billing pipeline at Acme.",
           "I am Diego, data engineer. Could you refer me for the Data Analyst role at Stripe?",
           "I've spent five years building payment systems.", "I have 4 years producing video at BuzzFeed.",
           "Would you be willing to write a short LinkedIn recommendation about our work on the audit?",
           "I'm now a backend engineer at Acme.", "At Acme we cut checkout latency by 40%.",
           # Work before a gap is a background too (audit 85-06).
           "I used to be a front office supervisor at a big hotel. Could you refer me for the Front Office Manager "
           "role at Stripe?",
           "I took our app from 5k to 300k monthly users in a year.", "My team doubled revenue to $3M.",
           "A bit about me: self-taught developer, two shipped apps.",
           "Like you, I have 6 years of experience in data engineering.",
           "You'll remember I led the offline sync rewrite at Parcelly.",
           "A one-line summary: MS Analytics from Georgia Tech, with a capstone on demand forecasting.",
           "I've since led a Kubernetes migration at my company.",
           "I left Acme in 2021 for Klarna and now lead a small data engineering team there.",
           "Thanks for the quick chat yesterday! As we discussed, could you refer me for the Data Analyst role?"),
)

RULES = [MISSING]
