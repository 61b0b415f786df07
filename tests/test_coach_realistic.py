"""Whole referral requests in the style people really write them, good and bad.

For each: the codes that must fire, the codes that must not, and (for the good ones) a high
score. These are the messages the coach exists for, so they guard against rules that pass their
unit examples but misread real prose.
"""


import pytest

from protocol.page import DateParts, Education, Experience, Profile, Role

from companion.coach import CoachContext, analyze
from conftest import SHARED

SAM = Profile(name="Sam Lee", current_company="Stripe", slug="sam-lee",
              experience=[Experience(company="Stripe", roles=[Role(title="Staff Engineer", current=True,
                                                                   start=DateParts(year=2022))]),
                          Experience(company="Acme Corp", roles=[Role(title="Engineer", start=DateParts(year=2018),
                                                                      end=DateParts(year=2021))])],
              education=[Education(school="University of Michigan")])
ANA = Profile(name="Ana Ruiz", is_self=True, current_company="Globex",
              experience=[Experience(company="Globex", roles=[Role(current=True, start=DateParts(year=2021))]),
                          Experience(company="Acme", roles=[Role(start=DateParts(year=2019), end=DateParts(year=2021))])],
              education=[Education(school="Ohio State University")])

CASES = [
    dict(
        id="good-warm-message",
        surface="message", ctx=dict(profile=SAM, own_profile=ANA),
        text="""Hi Sam,

Hope you're doing well! We overlapped at Acme back in 2020 (I was on the data platform team), and I've followed your posts about Stripe's ledger work since.

I'm applying for the Senior Data Engineer role on the Ledger team at Stripe (job ID 5123456). For the last three years I've been building streaming pipelines at Globex, most recently a Flink-based reconciliation system that cut settlement mismatches by 30%.

Would you be comfortable referring me? Happy to send my resume and a short blurb to make it easy. Totally understand if not, and thanks for reading!

Ana""",
        fires=set(), quiet={"ask.role-missing", "ask.company-missing", "ask.vague", "personal.generic",
                            "background.missing", "courtesy.gratitude-missing", "courtesy.out-missing",
                            "materials.missing", "tone.demanding", "fact.name-mismatch",
                            "fact.company-mismatch", "relationship.how-we-met"},
        min_score=90,
    ),
    dict(
        id="good-connection-note",
        surface="connection_note", ctx=dict(recipient_name="Sam Lee", company="Stripe"),
        text="Hi Sam, fellow Michigan alum here! I'm applying for the Data Analyst role at Stripe and would "
             "be grateful for a referral if you're comfortable. No worries if not. Thank you!",
        fires=set(), quiet={"ask.role-missing", "ask.company-missing", "personal.generic", "courtesy.out-missing",
                            "courtesy.gratitude-missing", "tone.demanding", "length.over-limit"},
        min_score=90,
    ),
    dict(
        id="mass-message-any-openings",
        surface="message", ctx=dict(profile=SAM),
        text="""Hello,

I came across your profile and was really impressed by your experience. I am currently looking for new opportunities. Are there any openings at your company? I would really appreciate it if you could refer me.

Thanks in advance!""",
        fires={"ask.vague", "ask.role-missing", "ask.company-missing", "personal.generic", "background.missing",
               "courtesy.out-missing", "materials.missing", "relationship.cold-ask"},
        quiet={"fact.name-mismatch", "courtesy.gratitude-missing", "template.placeholder"},
        max_score=40,
    ),
    dict(
        id="demanding-asap",
        surface="message", ctx=dict(recipient_name="Sam Lee", company="Stripe"),
        text="""Hi Sam,
I need a referral for the Backend Engineer position at Stripe ASAP, the posting closes Friday. Please refer me and make sure you mention I'm a strong candidate!! I've been a backend dev for 6 years.
Thanks""",
        fires={"tone.demanding", "courtesy.out-missing"},
        quiet={"ask.role-missing", "ask.company-missing", "background.missing", "courtesy.gratitude-missing"},
        max_score=70,
    ),
    dict(
        id="template-left-behind",
        surface="connection_note", ctx=dict(recipient_name="Sam Lee", company="Stripe"),
        text="Hi [First Name], I noticed you work at [Company] and I'm interested in the [Role] role. "
             "Would you be open to referring me? Thanks!",
        fires={"template.placeholder"}, quiet={"tone.demanding"},
        max_score=40,
    ),
    dict(
        id="copy-paste-wrong-name-and-company",
        surface="message", ctx=dict(profile=SAM),
        text="""Hi Priya,

I'm a product designer with 5 years of experience in fintech, and I saw that your team at Google is hiring for a Senior Product Designer. Would you be open to referring me? My portfolio is at anaruiz.design. No pressure at all, and thank you!""",
        fires={"fact.name-mismatch", "fact.company-mismatch"},
        quiet={"ask.role-missing", "background.missing", "materials.missing", "courtesy.out-missing"},
        max_score=40,
    ),
    dict(
        id="asks-for-confidential",
        surface="message", ctx=dict(company="Stripe"),
        text="""Hey Sam! I'm interviewing for the Data Scientist role at Stripe next week and I was hoping you could share the interview questions they usually ask, and maybe what the salary band is for L3? I've been a data scientist at Globex for 3 years. Thanks so much!""",
        fires={"privacy.confidential"},
        quiet={"ask.role-missing", "ask.company-missing", "background.missing", "tone.demanding"},
    ),
    dict(
        id="guilt-trip-follow-up",
        surface="follow_up", ctx=dict(recipient_name="Sam Lee"),
        text="Hi Sam, did you see my message from last week? I haven't heard back and I'm still waiting on "
             "the referral. Thanks",
        fires={"followup.pressure", "courtesy.out-missing"},
        quiet={"courtesy.gratitude-missing", "ask.role-missing"},
    ),
    dict(
        id="good-follow-up",
        surface="follow_up", ctx=dict(recipient_name="Sam Lee"),
        text="Hi Sam, just bumping this in case it got buried. I know things are busy, so no worries at all "
             "if now isn't a good time. Thanks again!",
        fires=set(), quiet={"followup.pressure", "tone.demanding", "courtesy.out-missing",
                            "courtesy.gratitude-missing", "courtesy.time-missing"},
        min_score=90,
    ),
    dict(
        id="shouting-note",
        surface="connection_note", ctx=dict(),
        text="HI!! I REALLY NEED A JOB AT STRIPE. PLEASE REFER ME FOR ANY ROLE!!!",
        fires={"tone.demanding", "courtesy.gratitude-missing", "ask.role-missing"},
        quiet={"length.over-limit"},
        max_score=40,
    ),
    dict(
        id="inmail-good-but-long",
        surface="inmail", ctx=dict(company="Stripe"), subject="Referral for Senior Backend Engineer (job 5123456)",
        text=("Hi Sam,\n\nI know your time is valuable, so thank you for reading. I watched your talk on "
              "idempotency at Strange Loop and it shaped how we built our payments retries at Globex. I'm a "
              "backend engineer with six years of experience, and I've led our ledger migration.\n\n"
              "I'm applying for the Senior Backend Engineer role at Stripe. Would you be open to referring "
              "me? I can send my resume. If it's not a fit, no worries at all.\n\n") + ("More detail on my work. " * 20) + "\n\nAna",
        fires={"length.too-long"},
        quiet={"ask.role-missing", "ask.company-missing", "personal.generic", "background.missing",
               "length.over-limit", "courtesy.out-missing", "tone.demanding"},
    ),
    dict(
        id="student-internship",
        surface="message", ctx=dict(recipient_name="Dr. Maya Okafor", company="Python Accelerator"),
        text="""Dear Dr. Okafor,

I'm a final-year computer science student at Ohio State and I loved your recent post on teaching Python from zero. I'm applying for the Summer 2026 Data Science Internship at Python Accelerator and would be grateful if you'd consider referring me. I've attached my CV. I completely understand if you're not able to, and thank you for your time!

Best regards,
Lena""",
        fires=set(), quiet={"fact.name-mismatch", "ask.role-missing", "ask.company-missing", "personal.generic",
                            "background.missing", "materials.missing", "courtesy.out-missing",
                            "courtesy.time-missing", "tone.demanding"},
        min_score=90,
    ),
    dict(
        id="vague-help-me-find-a-job",
        surface="message", ctx=dict(),
        text="hey can u help me find a job?? i have been applying everywhere and nothing works. "
             "i will take anything available",
        fires={"ask.vague", "ask.company-missing", "personal.generic", "courtesy.gratitude-missing",
               "courtesy.out-missing"},
        quiet={"fact.name-mismatch"},
        max_score=30,
    ),
]


CASES += [
    dict(
        id="hiring-announcement-no-context",
        surface="message", ctx=dict(),
        text="Hey Jordan! Hope you're doing well. I saw that Notion is hiring for a Product Designer and thought "
             "of your team. I've been designing B2B tools at Airtable for 3 years (portfolio: jordan.design). "
             "Would you be open to passing my name along? Totally fine if not. Thanks so much!",
        fires={"personal.generic"},
        quiet={"ask.role-missing", "ask.company-missing", "background.missing", "materials.missing",
               "courtesy.out-missing", "courtesy.gratitude-missing", "tone.demanding"},
    ),
    dict(
        id="formal-graduate",
        surface="message", ctx=dict(recipient_name="Alex Kim", company="Microsoft"),
        text="Hi Alex, I hope this message finds you well. My name is Priya and I am a recent graduate from NYU "
             "with a degree in Computer Science. I am very interested in the Software Engineer II position at "
             "Microsoft (Job #1654321). I would be grateful if you could refer me. I have attached my resume for "
             "your reference. Thank you for your time and consideration.",
        fires={"personal.generic", "courtesy.out-missing"},
        quiet={"ask.role-missing", "ask.company-missing", "background.missing", "materials.missing",
               "courtesy.gratitude-missing", "courtesy.time-missing", "tone.demanding", "fact.name-mismatch"},
    ),
    dict(
        id="formal-vague-inmail",
        surface="inmail", ctx=dict(),
        text="Dear Mr. Thompson,\n\nI am writing to express my interest in opportunities at Goldman Sachs. With my "
             "background in finance and strong analytical skills, I believe I would be a great fit. Could you "
             "please let me know if there are any openings and refer me? I look forward to hearing from you."
             "\n\nSincerely,\nKevin",
        fires={"ask.vague", "ask.role-missing", "courtesy.gratitude-missing", "courtesy.out-missing"},
        quiet={"ask.company-missing", "background.missing"},
        max_score=40,
    ),
    dict(
        id="texting-style",
        surface="message", ctx=dict(),
        text="yo! quick q - u work at meta right? any chance u could refer me? i'm a swe w/ 2 yoe. lmk, "
             "no worries if not 🙏",
        fires={"ask.role-missing", "personal.generic"},
        quiet={"courtesy.gratitude-missing", "courtesy.out-missing", "background.missing", "tone.demanding"},
    ),
    dict(
        id="polite-follow-up-with-role",
        surface="follow_up", ctx=dict(recipient_name="Jordan Lee"),
        text="Hi Jordan, just wanted to follow up on my note from last week about the Product Designer role at "
             "Notion. I know you're busy, so no worries if you can't. Thanks!",
        fires=set(), quiet={"followup.pressure", "tone.demanding", "courtesy.out-missing",
                            "courtesy.gratitude-missing", "courtesy.time-missing", "fact.name-mismatch"},
        min_score=90,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_realistic_message(case):
    ctx = CoachContext(surface=case["surface"], subject=case.get("subject"), **case["ctx"])
    fb = analyze(case["text"], ctx)
    got = {f.code for f in fb.findings}
    assert case["fires"] <= got, f"missing {case['fires'] - got}; got {sorted(got)}"
    assert not (case["quiet"] & got), f"unexpected {sorted(case['quiet'] & got)}"
    if "min_score" in case:
        assert fb.score >= case["min_score"], (fb.score, sorted(got))
    if "max_score" in case:
        assert fb.score <= case["max_score"], (fb.score, sorted(got))


def test_good_messages_outscore_bad_ones():
    scores = {}
    for case in CASES:
        ctx = CoachContext(surface=case["surface"], subject=case.get("subject"), **case["ctx"])
        scores[case["id"]] = analyze(case["text"], ctx).score
    good = [scores[k] for k in ("good-warm-message", "good-connection-note", "student-internship")]
    bad = [scores[k] for k in ("mass-message-any-openings", "template-left-behind", "shouting-note")]
    assert min(good) > max(bad)


POLITENESS = SHARED / "data" / "politeness"


@pytest.mark.skipif(not POLITENESS.exists(), reason="Stanford Politeness corpus not present")
def test_demanding_rarely_fires_on_requests_people_rated_polite():
    """8,764 real requests (Wikipedia and Stack Exchange) rated for politeness by five annotators each.

    tone.demanding must stay quiet on the requests people found most polite (false alarms) and fire
    more often on the ones they found least polite.
    """
    import csv

    rows = []
    for name in ("stack-exchange", "wikipedia"):
        with open(POLITENESS / f"{name}.annotated.csv", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    rows.sort(key=lambda r: float(r["Normalized Score"]))
    quarter = len(rows) // 4

    def rate(sample):
        ctx = CoachContext(surface="message")
        hit = sum(any(f.code == "tone.demanding" for f in analyze(r["Request"], ctx).findings) for r in sample)
        return hit / len(sample)

    polite, rude = rate(rows[-quarter:]), rate(rows[:quarter])
    assert polite <= 0.01 and rude > 2 * polite
