"""background.missing: a message or InMail says in a sentence or two why you fit the role."""

import re

from companion.coach.engine import missing_phrase_rule
from companion.coach.rules.ask import bounded_ask

_FIT = re.compile(
    r"\b(?:i'm (?:now |currently )?an? |i am (?:now |currently )?an? |i've been |i have been |i was an? |"
    r"i spent |i've spent |i have spent |"
    r"i (?:currently )?work (?:as|on|at|in|with)|i worked (?:as|on|at|in|with)|i've worked|i have worked|"
    r"i (?:currently )?(?:lead|manage|build|design|run|own|teach|study)\b|"
    r"i (?:built|led|shipped|launched|designed|created|developed|managed|founded|grew|scaled|"
    r"reduced|increased|improved|published|wrote|won|completed|finished|graduated|earned|co-founded)\b|"
    r"i've (?:built|led|shipped|launched|designed|created|developed|managed|founded|grown|scaled|"
    r"published|written|completed|finished|graduated|earned)\b|"
    r"i'm (?:currently |now )?(?:working|studying|finishing|completing|pursuing|leading|building|"
    r"graduating|a (?:senior|junior|final-year|recent)|an? \w+ (?:at|with|in))\b|"
    r"years of experience|(?:years?|yrs) (?:of|in|as|at|\w+ing)\b|"
    r"(?:\d+\+?|two|three|four|five|six|seven|eight|nine|ten|several) (?:years?|yrs)\b(?! ago| back)|"
    r"my (?:background|experience|work|role|team|thesis|research|degree|portfolio) (?:is|was|has|in|at|as|on|with|includes|spans|focuses)|"
    r"experience (?:in|with|building|leading|designing)|background in|specializ(?:e|ing) in|"
    r"currently (?:at|a|an|working|studying|leading)|as an? (?:\w+ ){0,3}(?:engineer|developer|designer|"
    r"analyst|scientist|manager|student|researcher|consultant|lead))"
)


MISSING = missing_phrase_rule(
    "background.missing", _FIT,
    "No summary of your fit: nothing says what you do, for how long, or what you have "
    "achieved. The referrer vouches for you, so they need one or two sentences on why "
    "you suit the role before they will.",
    "Add one or two sentences: your current role or study, years of relevant "
    "experience, and one concrete result that matches the role.",
    severity="warning", checklist="fit", surfaces=frozenset({"message", "inmail"}), judges_ask=True,
    abstains=bounded_ask,
    rationale="A referrer stakes their reputation; one or two sentences of fit make that easy.",
    fires=("Could you refer me for the Data Analyst role at Stripe? Thank you!",
           "We met two years ago at PyCon. Could you refer me for the Data Analyst role at Stripe?"),
    quiet=("I'm a data analyst with four years of experience in SQL.", "I built the billing pipeline at Acme.",
           "I've spent five years building payment systems.", "I have 4 years producing video at BuzzFeed.",
           "Would you be willing to write a short LinkedIn recommendation about our work on the audit?",
           "I'm now a backend engineer at Acme."),
)

RULES = [MISSING]
