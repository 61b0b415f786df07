"""readability.long-sentence: a sentence of LONG words or more. A referrer skims, often on a phone,
and a long sentence buries the ask or the fit inside it. None of the messages their sources praise
(145 in the dev set and the held-out sets) has one; their longest sentences run to 35 words."""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import CoachContext, Rule

LONG = 40  # words
_LETTER_OR_DIGIT = re.compile(r"\w")


def _long_sentences(draft: AnalysedDraft, _ctx: CoachContext):
    text = draft.text
    ends = [*draft.sentence_ends, len(text)]
    for start, end in zip([0, *ends], ends):
        # Words need spaces between them: counting those in C first skips most sentences at once.
        if sum(text.count(space, start, end) for space in " \t\u00a0") < LONG - 1:
            continue
        sentence = text[start:end]
        words = sum(1 for token in sentence.split() if _LETTER_OR_DIGIT.search(token))
        if words < LONG:
            continue
        lead = len(sentence) - len(sentence.lstrip())
        yield LONG_SENTENCE.finding(
            f"This sentence runs {words} words. A referrer skims, often on a phone, and a sentence this "
            "long buries what you ask or why you fit.",
            draft, (start + lead, start + len(sentence.rstrip())),
            suggestion="Split it into two or three sentences, one point each.",
            data={"words": words},
        )


LONG_SENTENCE = Rule(
    code="readability.long-sentence", severity="warning", check=_long_sentences, checklist="time",
    fires=("I am reaching out because I saw that your team is hiring for a Data Engineer and I thought I would "
           "reach out directly to discuss how my background in building pipelines and my experience with cloud "
           "tools may fit what you are looking for so I hope we can connect soon.",),
    quiet=("Hi Sam, could you refer me for the Data Engineer role at Stripe? I have built pipelines on AWS for "
           "four years, most recently at Acme, where I cut a nightly job from six hours to forty minutes. I can "
           "send my resume. No worries if not, and thank you!",
           "Skills:\nPython, SQL, dbt, Airflow, Spark, Kafka, AWS, GCP, Docker, Terraform, Looker, Tableau\n"
           "Experience:\n4 years at Acme building pipelines with Node.js and Go, 3.5 years at Initech"),
    rationale="A reader who skims loses the point of a 40-word sentence; short sentences respect their time.",
)

RULES = [LONG_SENTENCE]
