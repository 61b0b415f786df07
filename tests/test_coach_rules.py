"""Every coach rule with examples that must fire and near-misses that must not.

Each case runs the full analysis (all rules, the real registry) and asks only whether one code
is among the findings, so a rule that fires for the wrong reason elsewhere still shows up.
"""

import pytest

from protocol.page import DateParts, Education, Experience, Post, Profile, Role

from companion.coach import CoachContext, analyze


def codes(text, surface="message", **ctx):
    return {f.code for f in analyze(text, CoachContext(surface=surface, **ctx)).findings}


def findings(text, code, surface="message", **ctx):
    return [f for f in analyze(text, CoachContext(surface=surface, **ctx)).findings if f.code == code]


def span_text(text, finding):
    return text[finding.range.start:finding.range.end]  # ASCII-only texts here: UTF-16 == code points


# (code, surface, text, context) -> must fire
FIRES = [
    # A message that says it follows one of yours is coached as a follow-up: the reproach is the must-fix.
    ("followup.pressure", "message", "Did you see my message?", {}),
    ("ask.role-missing", "message", "Hi Sam, could you refer me at Stripe? Thanks!", {}),
    ("ask.role-missing", "message", "I'm a data analyst at Acme and would love a referral to Stripe.", {}),
    ("ask.role-missing", "connection_note", "Hi, I'd love a referral at your company. Thanks!", {}),
    ("ask.role-missing", "message", "I worked as a senior designer at Acme. Could you refer me?", {}),
    ("ask.role-missing", "message", "Could the hiring manager for your team take a look at my profile?", {}),
    ("ask.company-missing", "message", "Could you refer me for the Data Analyst role? Thanks!", {}),
    ("ask.company-missing", "message", "Could you refer me for the Data Analyst role at your company?", {"company": "Stripe"}),
    ("ask.company-missing", "message", "I worked at Google. Could you refer me for the Data Analyst role?", {}),
    ("ask.company-missing", "message", "I spoke to Amara Okafor. Could you refer me for the Data Analyst role?", {}),
    ("ask.company-missing", "message", "Could you refer me? https://www.linkedin.com/jobs/view/3912345678", {}),
    ("ask.company-missing", "message", "Refer me? https://boards.greenhouse.io/embed/job_app?token=58392", {}),
    ("ask.company-missing", "message", "Could you refer me for this role? https://apply.workable.com/j/ABC123", {}),
    ("ask.vague", "message", "Are there any openings on your team?", {}),
    ("ask.vague", "message", "Could you help me find a job there?", {}),
    ("ask.vague", "message", "Is there any opportunity at your company for me?", {}),
    ("ask.vague", "message", "Please keep me posted if anything comes up.", {}),
    ("ask.vague", "message", "Hey, I'd love to work at your company!", {}),
    ("ask.vague", "message", "How do I get hired here?", {}),
    ("ask.vague", "message", "Would you know if you have any internships for the summer?", {}),
    ("personal.generic", "message", "I came across your impressive profile and see you work at Stripe.", {}),
    ("personal.generic", "message", "Your background is amazing and I admire your work.", {}),
    ("personal.generic", "message", "I also worked at Google for two years.", {"company": "Stripe"}),
    ("personal.generic", "message", "I noticed we share a mutual connection. Could you refer me?", {}),
    ("personal.generic", "message", "I'd appreciate it if you wrote me a recommendation letter.", {}),
    ("personal.generic", "message", "I also have five years of Python and I worked on data pipelines.", {}),
    ("relationship.cold-ask", "message", "I also worked at Google. Could you refer me?", {"company": "Stripe"}),
    ("background.missing", "message", "Would you refer me for the Data Analyst role at Stripe? Thanks!", {}),
    ("background.missing", "inmail", "Would you refer me for the Data Analyst role at Stripe? Thanks!", {}),
    ("courtesy.gratitude-missing", "message", "Would you refer me for the Data Analyst role at Stripe?", {}),
    ("courtesy.gratitude-missing", "message", "No thanks needed, just refer me for the Analyst role.", {}),
    ("courtesy.out-missing", "message", "Would you refer me for the Data Analyst role at Stripe? Thanks!", {}),
    ("courtesy.out-missing", "message", "If you're open to it, I'd appreciate a referral. Thanks!", {}),
    ("courtesy.time-missing", "message", "Would you refer me for the Data Analyst role at Stripe? Thanks!", {}),
    ("materials.missing", "message", "Would you refer me for the Data Analyst role at Stripe? Thanks!", {}),
    ("privacy.confidential", "message", "Could you share the salary band for this role?", {}),
    ("privacy.confidential", "message", "Can you send me the interview questions they ask?", {}),
    ("privacy.confidential", "message", "Could you forward any internal documents about the team?", {}),
    ("privacy.confidential", "message", "Do you know who else applied? How many other candidates are there?", {}),
    ("privacy.confidential", "message", "What are the headcount plans for next year?", {}),
    ("template.placeholder", "message", "Hi [Name], I'd love to join {company}.", {}),
    ("template.placeholder", "message", "I'm applying for the <role> position.", {}),
    ("template.placeholder", "message", "The job ID is XXX, thanks.", {}),
    ("template.placeholder", "message", "Hi {{first_name}}, hope all is well.", {}),
    ("template.placeholder", "message", "I'd love to work at (company name) someday.", {}),
    ("fact.name-mismatch", "message", "Hi Priya,\nHope you're well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Dear Mr. Jones, hope you're well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "👋🏽 Hi Priya! 🚀 Could you refer me?", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hello Priya 👋 I saw your post.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hi Priya I hope you are well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hi Anna, hope you're well.", {"recipient_name": "Joanna Berg"}),
    ("fact.company-mismatch", "message", "I'd love to hear about your team at Google.", {"company": "Stripe"}),
    ("fact.company-mismatch", "message", "Could you refer me for the Analyst role at Google?", {"company": "Stripe"}),
    ("fact.company-mismatch", "message", "I know you work at Meta and love it.", {"company": "Stripe"}),
    ("length.over-limit", "connection_note", "x " * 151, {}),
    ("length.over-limit", "connection_note", "x " * 101, {"limit": 200}),
    ("length.over-limit", "inmail", "y" * 1901, {}),
    ("length.too-long", "message", "word " * 200, {}),
    ("length.too-short", "message", "Refer me?", {}),
    ("followup.pressure", "follow_up", "Hi Sam, did you see my message?", {}),
    ("followup.pressure", "follow_up", "I'm still waiting for a reply.", {}),
    ("followup.pressure", "follow_up", "I haven't heard back from you yet.", {}),
    ("followup.pressure", "follow_up", "You never replied to my note.", {}),
    ("followup.pressure", "follow_up", "Following up again on this.", {}),
]

# Near-misses and good wording: must NOT fire.
QUIET = [
    ("ask.role-missing", "message", "Could you refer me for the Senior Backend Engineer role?", {}),
    ("ask.role-missing", "message", "I'm applying for job ID 12345 at Stripe.", {}),
    ("ask.role-missing", "message", "I'm interviewing for the Data Scientist role at Stripe.", {}),
    ("ask.role-missing", "message", "I saw that your team is hiring for a Product Designer.", {}),
    ("ask.role-missing", "connection_note", "Would you refer me for the PM role?", {}),
    ("courtesy.out-missing", "connection_note",
     "Hi Edin, I'm an electrician applying for the Electrical Technician role at Toyota. Could I ask you two quick "
     "questions about the team? Thanks!", {}),
    ("ask.role-missing", "message", "As a data analyst myself, I'd love to be considered for the Senior Data Analyst opening.", {}),
    ("ask.role-missing", "message", "Here is the posting: https://boards.greenhouse.io/stripe/jobs/5123456", {}),
    ("ask.role-missing", "inmail", "Would you be open to a referral?", {"subject": "Data Analyst role at Stripe"}),
    ("ask.company-missing", "message", "Could you refer me for the Data Analyst role at Stripe?", {}),
    ("ask.company-missing", "message", "Would you refer me to the Data team at stripe?", {"company": "Stripe, Inc."}),
    ("ask.company-missing", "message", "I'd love to join the AWS Lambda team.", {"company": "Amazon Web Services (AWS)"}),
    ("ask.company-missing", "message", "I saw that Notion is hiring designers.", {}),
    ("ask.company-missing", "message", "I am writing about opportunities at Goldman Sachs.", {}),
    ("ask.company-missing", "message", "I saw your post about the payments API at Stripe. Could you refer me?", {}),
    ("ask.company-missing", "message", "I saw that your company Ascendion was hiring for a Data Engineer.", {}),
    ("ask.company-missing", "message", "I'm curious to learn more about Paystack. Could you introduce me?", {}),
    ("ask.company-missing", "message", "Could you refer me for this role? https://jobs.lever.co/acme/4821", {}),
    ("ask.company-missing", "message", "Could you refer me? https://careers.example.com/jobs/4821", {}),
    # Audit 10, draft 20: a thread whose page gives no company; "the QATestlab team" names it.
    ("ask.company-missing", "message", "Since you're on the QATestlab team, could you refer me for the QA "
     "Automation Engineer opening (job ID QTL-441)?", {}),
    ("ask.vague", "message", "Could you refer me for the Data Analyst role? If anything else comes up, great.", {}),
    ("ask.vague", "message", "I saw an opening for a Data Analyst and applied.", {}),
    ("ask.vague", "message", "Happy to return the favour if you ever need any help.", {}),
    ("personal.generic", "message", "I really enjoyed your talk on event sourcing at PyCon.", {}),
    ("personal.generic", "message", "Fellow Michigan alum here!", {}),
    ("personal.generic", "message", "Priya Shah suggested I reach out to you.", {}),
    ("personal.generic", "message", "We met at the Data Council meetup last spring.", {}),
    ("personal.generic", "connection_note", "Hi Rahul, saw you worked on the Arrow Flight SQL driver.", {}),
    ("personal.generic", "message", "I noticed you're an engineer at Duolingo and also an alum from Wooster.", {}),
    ("personal.generic", "message", "Thank you for sharing all this, it gave me a clearer picture of the team.", {}),
    ("personal.generic", "message", "You know, that I worked for you and what sort of job I did.", {}),
    ("relationship.cold-ask", "message", "Thank you for sharing all this. I'd appreciate a referral.", {}),
    ("personal.generic", "message", "Congrats on six years at TCS! I also started my career there in 2017.", {}),
    ("personal.generic", "message", "I too spent two summers interning at Stripe.", {"company": "Stripe, Inc."}),
    ("relationship.cold-ask", "message", "I was there too, 2015-2018. Could you refer me for the Analyst role?", {}),
    ("relationship.cold-ask", "message", "I still use the handover sheet you walked us through on Ward 12. Could you "
                                         "refer me for the Staff Nurse role?", {}),
    ("background.missing", "message", "I'm a data analyst with 4 years of experience in SQL.", {}),
    ("background.missing", "message", "I've built dashboards used by 200 people at Acme.", {}),
    ("background.missing", "connection_note", "Would you refer me for the Analyst role at Stripe?", {}),
    ("courtesy.gratitude-missing", "message", "Thanks for reading!", {}),
    ("courtesy.gratitude-missing", "message", "I'd really appreciate it.", {}),
    ("courtesy.gratitude-missing", "message", "Thank you in advance.", {}),
    ("courtesy.gratitude-missing", "message", "Could you take a look? 🙏", {}),
    ("courtesy.out-missing", "message", "No worries at all if not.", {}),
    ("courtesy.out-missing", "message", "I completely understand if it's not possible.", {}),
    ("courtesy.out-missing", "message", "Only if you're comfortable, of course.", {}),
    ("courtesy.time-missing", "message", "I know you're busy, so I'll keep this short.", {}),
    ("courtesy.time-missing", "message", "Thanks for reading!", {}),
    ("courtesy.time-missing", "connection_note", "Hi!", {}),
    ("materials.missing", "message", "Happy to send my resume.", {}),
    ("materials.missing", "message", "My portfolio: https://ana.dev", {}),
    ("privacy.confidential", "message", "I know you can't share anything confidential.", {}),
    ("privacy.confidential", "message", "Any tips for the interview process would be great.", {}),
    ("privacy.confidential", "message", "I'm not asking about salary bands or anything like that.", {}),
    ("privacy.confidential", "message", "That's what I liked about the interview questions: they were fair.", {}),
    ("template.placeholder", "message", "See [my portfolio](https://ana.dev) and reference [1].", {}),
    ("template.placeholder", "message", "I love it <3 and my GPA is 3.9.", {}),
    ("template.placeholder", "message", "The posting (R-12345) closes soon.", {}),
    ("fact.name-mismatch", "message", "Hi Sam,\nHope you're well.", {"recipient_name": "Samantha Lee"}),
    ("fact.name-mismatch", "message", "Hi Bob, hope you're well.", {"recipient_name": "Robert Lee"}),
    ("fact.name-mismatch", "message", "Hi there, hope you're well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "👋 Hi Sam I hope you are well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hi there I hope you are well.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Dear Hiring Manager, hello.", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hello,\nCan we talk?", {"recipient_name": "Sam Lee"}),
    ("fact.name-mismatch", "message", "Hi José, hope you're well.", {"recipient_name": "Jose Alvarez"}),
    ("fact.name-mismatch", "message", "Hi Priya, hope you're well.", {}),
    ("fact.name-mismatch", "message", "Hi Seun, hope you're well.", {"recipient_name": "Oluwaseun Adeyemi"}),
    ("fact.name-mismatch", "message", "Hi Tina, hope you're well.", {"recipient_name": "Christina Moss"}),
    ("fact.company-mismatch", "message", "I'd love to hear about your team at Stripe.", {"company": "Stripe"}),
    ("fact.company-mismatch", "message", "I currently work at Google on search.", {"company": "Stripe"}),
    ("fact.company-mismatch", "message", "My team at Google ships weekly.", {"company": "Stripe"}),
    ("fact.company-mismatch", "message", "Could you refer me for the role at Google?", {}),
    ("length.over-limit", "connection_note", "x" * 300, {}),
    ("length.over-limit", "connection_note", "😀" * 150, {}),
    ("length.too-long", "connection_note", "x" * 300, {}),
    ("length.too-short", "message", "", {}),
    ("followup.pressure", "follow_up", "Bumping this in case it got buried. No worries if now isn't a good time!", {}),
    ("followup.pressure", "follow_up", "I haven't heard back from the recruiter yet, so I wanted to check in.", {}),
    ("followup.pressure", "message", "Still waiting on my visa, so I could start in March.", {}),
]


@pytest.mark.parametrize("code,surface,text,ctx", FIRES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FIRES)])
def test_rule_fires(code, surface, text, ctx):
    assert code in codes(text, surface, **ctx)


@pytest.mark.parametrize("code,surface,text,ctx", QUIET, ids=[f"{c[0]}-{i}" for i, c in enumerate(QUIET)])
def test_rule_stays_quiet(code, surface, text, ctx):
    assert code not in codes(text, surface, **ctx)


# tone.demanding: the exact words that triggered it, or silence for near-misses.
DEMANDING = [
    ("Please refer me for the role.", "refer me"),
    ("Refer me to the hiring manager.", "Refer me"),
    ("I need you to forward my resume.", "I need you to"),
    ("Make sure you mention my name.", "Make sure you"),
    ("I expect a reply by Friday.", "I expect"),
    ("You owe me one after last year.", "You owe me"),
    ("Please get back to me ASAP.", "ASAP"),
    ("Let me know by tomorrow.", "by tomorrow"),
    ("I look forward to your referral.", "look forward to your referral"),
    ("I REALLY NEED THIS JOB.", "I REALLY NEED THIS JOB"),
    ("This is URGENT for me.", "URGENT"),
    ("Can you help me out!!", "!!"),
    ("Are you hiring?!", "?!"),
    ("Can you get me a job?", "get me a job"),
    ("Can you write me a letter by tomorrow?", "by tomorrow"),
    ("I'd appreciate a timely response from you all.", "a timely response"),
    ("I haven't heard back, so I wanted to remind you how much I need this job.", "remind you how"),
    ("Thought I would hear from you this week. I guess no interest.", "Thought I would hear from you"),
    # An order in a clause of its own, after a comma or "and"/"so".
    ("Thanks, refer me ASAP.", "refer me"),
    ("I need this job, so send me the link today.", "send me"),
    ("I really need this referral, please let me know by Friday.", "by Friday"),
    ("Kindly do the needful and refer me for any suitable position.", "refer me"),
    ("You have not shown me the courtesy of responding.", "have not shown me the courtesy"),
]
NOT_DEMANDING = [
    "I'm not demanding anything, just curious.",
    "Would you be open to referring me for the role?",
    "Could you refer me if you feel comfortable?",
    "I was wondering whether you might refer me.",
    "I don't expect anything, of course.",
    "I know you have to field a lot of these.",
    "You must be busy with the launch.",
    "It's not urgent at all.",
    "I can start right away if that helps.",
    "The application closes by Friday.",
    "I studied at NYU and have an MBA and AWS certifications.",
    "Thank you for considering it!",
    "No rush!",
    "Could you make sure you mention the team name? Thanks.",
    "What do you have to lose?",
    "Let me know if you need to reschedule.",
    "I follow WP:PROD and PEP 8 closely.",
    "What is it you need to do first?",
    "Thanks in advance for the referral.",
    "Can you refer me?",
    "if you see this and like what I do... pls refer me to your company",
    "Please find my resume attached.",
    "I saw the opening and immediately thought of you.",
    "We worked together at ACME. I hope you're well.",
    "When you have a moment, please send me the link.",
    "If you can, refer me for the role.",
    "Thanks for reading, and feel free to send me questions.",
    "Based on the lack of reply, maybe the form is broken.",
]


@pytest.mark.parametrize("text,words", DEMANDING)
def test_demanding_points_at_the_words(text, words):
    found = findings(text, "tone.demanding")
    assert words in [span_text(text, f) for f in found]
    f = next(f for f in found if span_text(text, f) == words)
    assert words in f.message and f.suggestion


@pytest.mark.parametrize("text", NOT_DEMANDING)
def test_demanding_near_misses(text):
    assert findings(text, "tone.demanding") == []


@pytest.mark.parametrize("text,kind,fixed", [
    ("Please refer me for the role.", "refer", "Could you please refer me for the role?"),
    ("Hi Sam,\n\nSend me the link\nThanks", "refer", "Hi Sam,\n\nCould you send me the link?\nThanks"),
    ("Please add my profile to your contacts!", "order", "Could you please add my profile to your contacts?"),
    ("Hi Sam, please refer me for the role.", "refer", "Hi Sam, could you please refer me for the role?"),
    ("Thanks. And please send me the job link.", "refer", "Thanks. And could you please send me the job link?"),
    ("Could you please get back to me ASAP?", "urgent", "Could you please get back to me?"),
    ("Would you refer me by tomorrow?", "urgent", "Would you refer me?"),
])
def test_apply_turns_an_order_into_a_question_or_drops_the_deadline(text, kind, fixed):
    """Apply on a must-fix: the fix leaves a sentence that no longer demands (the finding is gone)."""
    [f] = [f for f in findings(text, "tone.demanding") if f.data["kind"] == kind]
    r = f.fix.range
    after = text[:r.start] + f.fix.replacement + text[r.end:]
    assert after == fixed
    assert findings(after, "tone.demanding") == []


@pytest.mark.parametrize("text", ["Hi Sam, refer me for the role, and I will send my CV.",
                                  "You need to reply by Friday, since I leave on Monday."])
def test_no_fix_where_a_rewrite_would_not_be_safe(text):
    """An order inside a longer sentence, a deadline mid-sentence: no Apply, the suggestion stays."""
    found = findings(text, "tone.demanding")
    assert found and all(f.fix is None for f in found)


ASK_RULES = {"ask.role-missing", "ask.company-missing", "ask.vague", "background.missing", "courtesy.out-missing",
             "courtesy.time-missing", "materials.missing", "relationship.cold-ask", "length.too-short",
             "personal.generic"}


def test_a_thank_you_that_asks_nothing_is_not_coached_as_an_ask():
    """Updating a referrer is part of the etiquette: the note is not told to name a role, offer a
    resume or give an out, and its checklist keeps only what applies (thanks, tone)."""
    note = "Hi Dana, quick update: I got the offer! Thank you so much for the referral, it made all the difference."
    fb = analyze(note, CoachContext(surface="message"))
    assert {f.code for f in fb.findings} & ASK_RULES == set() and fb.score == 100
    assert [item.id for item in fb.checklist] == ["thanks", "polite"]
    # The same thanks with a request in it is an ask again: the rules are back.
    asking = note + " Would you also be open to referring my friend Sam for the Data Analyst role?"
    assert {f.code for f in analyze(asking, CoachContext(surface="message")).findings} & ASK_RULES


def test_a_company_asked_about_by_name_is_named_without_a_profile():
    ask = "I wanted to ask whether Kite Payments has any openings for backend engineers. Could you refer me?"
    assert "ask.company-missing" not in codes(ask)
    assert "ask.company-missing" in codes("I wanted to ask whether you have any openings. Could you refer me?")


def test_a_note_that_only_invites_needs_no_out_but_a_note_that_asks_does():
    invite = "Hi Yusuf, I enjoyed your PyData talk on Airflow backfills and would love to connect. Thanks!"
    assert "courtesy.out-missing" not in codes(invite, surface="connection_note")
    ask = "Hi Yusuf, I enjoyed your PyData talk. Would you be open to referring me for the Data Engineer role?"
    assert "courtesy.out-missing" in codes(ask, surface="connection_note")
    assert "courtesy.out-missing" in codes(invite.replace("connect", "connect and refer me"), surface="connection_note")


def test_taking_a_no_gracefully_asks_nothing():
    note = "Hi Camille, totally understand, and thank you for getting back to me so quickly. Best of luck!"
    assert codes(note, recipient_name="Camille Durand", company="Atelier") & ASK_RULES == set()


def test_a_question_to_someone_thanked_for_their_referral_is_not_coached_as_a_referral_ask():
    """They referred the user already: what follows asks something else of a referrer (no fit line,
    resume or personal line to add), but a confidential ask is still one, and a new referral is an ask."""
    note = "Hi Daniel, thank you again for the referral! Do you know who else made it to the final round? Thanks!"
    found = codes(note, recipient_name="Daniel Okoye", company="Kite Payments")
    assert found & ASK_RULES == set() and "privacy.confidential" in found
    again = "Hi Daniel, thanks again for the referral! Could you also refer me for the Staff SRE role? Thanks!"
    assert codes(again, recipient_name="Daniel Okoye", company="Kite Payments") & ASK_RULES
    advance = "Hi Daniel, thanks in advance for the referral for the SRE role!"
    assert "courtesy.out-missing" in codes(advance, recipient_name="Daniel Okoye", company="Kite Payments")


def test_a_thank_you_without_the_words_thank_you_for_is_still_a_thank_you():
    note = ("Daniel, I just wanted to say thank you. I didn't get the SRE role in the end, but your referral got "
            "me the interview and the feedback was really useful. I'm grateful you took the time.")
    fb = analyze(note, CoachContext(surface="message", recipient_name="Daniel Okoye", company="Kite Payments"))
    assert {f.code for f in fb.findings} & ASK_RULES == set()


@pytest.mark.parametrize("note", [
    "Dana, I just got the email from Acme's recruiter that your referral went through. Thank you so much for "
    "taking the time, I really appreciate it! I'll let you know how the interviews go.",
    "Hi Dana, your recommendation came through and the recruiter called me today. I'll update you on how it goes.",
    # "before applying", in the advice it thanks them for, asks nothing of them
    "Good evening Dana, thank you so much for speaking with me yesterday. Your advice about building a portfolio "
    "of Tableau dashboards before applying for the Data Analyst role was really helpful. I really appreciate it.",
    # the words "refer me" told as history, not asked
    "Hi Dana, a quick update since you were kind enough to refer me: I had my final-round interview for the "
    "Learning Designer role yesterday. I'll let you know the outcome. Best, Tomasz",
    "Hi Dana, thank you for getting back to me so fast and for offering to refer me! The job ID is 312847. My "
    "resume is attached. Thanks again, Johanna",
    # news of the search in words of its own, and a social offer that asks nothing of the search
    "Dear Dana, Happy to inform you that I have received the offer letter for Assistant Manager and I have "
    "accepted it. This would not have been possible without your referral. Please do let me know whenever you "
    "are in Pune, lunch is on me. Warm regards, Kavita",
    "Hey Dana, it's been three months since I started as a Field Service Technician thanks to your referral, and "
    "I wanted to say I'm loving it. Thanks again, man. Beers on me next time you're in Tulsa.",
])
def test_a_thank_you_for_a_referral_that_went_through_is_not_coached_as_an_ask(note):
    fb = analyze(note, CoachContext(surface="follow_up", recipient_name="Dana Whitfield", company="Acme Robotics"))
    assert {f.code for f in fb.findings} & ASK_RULES == set()
    assert "reply.late" not in {f.code for f in fb.findings}


@pytest.mark.parametrize("note", [
    "Hi Dana, could you refer me for the Data Analyst role at Acme Robotics? Please let me know if you can.",
    "Hi Dana, I had my interview for the Data Analyst role. Could you refer me for the Analyst II role too?",
    "Please let me know if you could refer me. Coffee is on me!",
])
def test_an_ask_beside_news_or_a_social_offer_is_still_an_ask(note):
    fb = analyze(note, CoachContext(surface="message", recipient_name="Dana Whitfield", company="Acme Robotics"))
    assert {f.code for f in fb.findings} & ASK_RULES


PITCH = {"ask.company-missing", "background.missing", "materials.missing", "courtesy.out-missing"}


def test_a_reply_to_their_message_that_asks_no_referral_is_not_told_to_pitch():
    after_no = ("Hi Dana, thanks for your honest reply, I understand you can only refer people you have worked "
                "with. Could you tell me the name of the hiring manager for the Production Technologist role?")
    assert not codes(after_no, recipient_name="Dana Whitfield", company="Acme Robotics") & PITCH
    # A referral asked in the same reply still needs what a referral needs.
    again = "Hi Dana, thanks for your reply! Could you refer me for the Production Technologist role?"
    assert {"ask.company-missing", "background.missing"} <= codes(again, recipient_name="Dana Whitfield",
                                                                  company="Acme Robotics")



@pytest.mark.parametrize("note", [
    "Thanks so much, Dana! Here is my resume: https://example.com/cv.pdf and the posting: Data Analyst, job 88213.",
    "Hi Dana, thank you, a call would be great! I'm free Tuesday 10:00-12:00 or Thursday after 15:00 CET.",
    "Hi Dana, thank you for offering a call! Tuesday or Thursday morning both work for me.",
])
def test_a_reply_recognised_by_its_opening_thanks_or_their_offer_is_not_told_to_pitch(note):
    """With no thread on the page, thanks that open the draft for nothing named, or thanks for their offer,
    answer what they wrote: no role, company, fit, resume or out to add."""
    assert not codes(note, recipient_name="Dana Whitfield", company="Acme Robotics") & (PITCH | {"personal.generic"})


@pytest.mark.parametrize("note, surface", [
    ("Hi Dana, thanks for that referral! Can you put in a good word with Pieter too?", "message"),
    ("Hi Dana, any update?", "message"),
    ("thx for the link! applied already. pls refer asap, job id is in the link", "message"),
    ("Sure! It's the Backend Developer (Java) role in the Gdansk office, job 23-0117.", "message"),
    ("Ok, but I think it is better you refer me first? I can send my CV.", "message"),
    ("Thanks for the link, Dana! I applied already. Would you refer me for job 23-0117? No worries if not.", "message"),
    ("Hi Dana, sorry for not being clear! It's the Backend Developer (Java) role, job 23-0117. Thanks!", "message"),
    ("Hello Dana, following up on my previous message about the BMS Hardware Engineer role, in case it got buried. "
     "Happy to resend my resume. No worries if not. Thanks, Venkatesh", "inmail"),
])
def test_what_comes_after_the_first_ask_is_not_coached_as_one(note, surface):
    """A referral thanked for as "that referral", a bare status question, an answer to their question, and an
    InMail that says it follows up, a reply to the link they sent: none is a first message, so none is told it
    reads as mass outreach, asks a stranger or is too short (a referral asked in a reply still needs the fit)."""
    found = codes(note, surface=surface, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"personal.generic", "relationship.cold-ask", "length.too-short"}


def test_their_no_disputed_then_asked_again_is_a_stop():
    note = "I understand but I don't agree. Can you please reconsider and refer me for the Process Engineer role?"
    assert "followup.stop" in codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")


def test_a_referral_for_someone_else_asked_of_a_referrer_needs_their_fit_but_they_know_you():
    note = "Dana, I owe you big time for the referral! Also my cousin Tyler needs a job, can you refer him too?"
    found = codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert "background.missing" in found and not found & {"personal.generic", "relationship.cold-ask"}
    [fit] = findings(note, "background.missing", recipient_name="Dana Whitfield", company="Acme Robotics")
    assert fit.message.startswith("No summary of their fit") and "their current role" in fit.suggestion


def test_a_first_ask_that_thanks_for_connecting_is_still_coached_as_one():
    note = "Hi Dana, thank you for connecting! Could you refer me for the Data Analyst role?"
    assert {"ask.company-missing", "background.missing"} <= codes(note, recipient_name="Dana Whitfield",
                                                                  company="Acme Robotics")


@pytest.mark.parametrize("note", [
    "Hi Dana, I wanted to gently check in on my note from two weeks ago about the Data Analyst role (job 1203377). "
    "If it's not something you can help with, I completely understand. Thank you either way!",
    "Hi Dana, I wanted to follow up on my note about the Data Analyst role (job 1203377). No worries if not. Thanks!",
    "Hi Dana, a gentle nudge on my note from late November about the Data Analyst role (job 1203377). No worries if "
    "now isn't a good time. Thanks either way!",
    "Hi Dana, did you get a chance to see my note about the Data Analyst role (job 1203377)? No worries if not. "
    "Thank you!",
])
def test_a_message_that_says_it_follows_an_earlier_note_is_coached_as_a_follow_up(note):
    """Its fit and resume went in the earlier note: no first-ask cards for what a reminder need not repeat."""
    found = codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"background.missing", "materials.missing", "personal.generic", "length.too-short"}


@pytest.mark.parametrize("note", [
    "Dear Dana, I am very pleased to inform you that I have received an offer for the Robotics Engineer position. "
    "This would not have been possible without your kind referral.",
    "Dana, you're the best, I owe you big time for the referral! See you soon.",
    "Dana, I owe you a bottle of wine for that referral! See you soon.",
    "Hi Dana, small update: I did the test task for the Technical Artist role and sent it on Monday.",
])
def test_news_and_thanks_for_a_referral_in_other_words_are_not_coached_as_an_ask(note):
    assert not codes(note, recipient_name="Dana Whitfield", company="Acme Robotics") & ASK_RULES


def test_stacked_marks_are_worth_fixing_but_no_must_fix():
    """"!!" reads as impatience, so it is flagged, but it is no reason not to send: a warning, in the body
    and in an InMail's subject alike; the demand beside it keeps its own must-fix."""
    body = findings("Can you help me out!!", "tone.demanding")
    assert [f.severity for f in body] == ["warning"]
    subject = findings("Hi Sam, would you refer me for the Data Analyst role? Thanks!", "tone.demanding",
                       surface="inmail", subject="Referral request!!")
    assert [f.severity for f in subject] == ["warning"] and subject[0].message.startswith("In the subject")
    both = findings("Please refer me asap!!", "tone.demanding")
    assert "error" in {f.severity for f in both} and "warning" in {f.severity for f in both}


def test_shouting_fix_lowercases_and_stacked_marks_collapse():
    text = "PLEASE HELP me!!!"
    by_words = {span_text(text, f): f.fix.replacement for f in findings(text, "tone.demanding")}
    assert by_words == {"PLEASE HELP": "Please help", "!!!": "!"}


def test_shouting_fix_keeps_i_and_acronyms_and_swallows_inner_marks():
    text = "Hello. I REALLY NEED AN AWS JOB!! PLEASE HELP"
    found = findings(text, "tone.demanding")
    assert [(span_text(text, f), f.fix.replacement) for f in found] == [
        ("I REALLY NEED AN AWS JOB!! PLEASE HELP", "I really need an AWS job!! Please help")]


def test_placeholder_overlaps_count_once():
    text = "Role: [XXX] at ___ and TODO"
    assert [span_text(text, f) for f in findings(text, "template.placeholder")] == ["[XXX]", "___", "TODO"]


def test_placeholder_fix_uses_context():
    text = "Hi [Name], I'd love to join [Company]."
    found = findings(text, "template.placeholder", recipient_name="Sam Lee", company="Stripe")
    assert [(span_text(text, f), f.fix.replacement) for f in found] == [("[Name]", "Sam"), ("[Company]", "Stripe")]
    assert all(f.severity == "error" for f in found)
    # "[Hospital Name]" names a place, not them: no "Sam" offered for it (audit 64-10); "[Manager Name]" is a person.
    text = "I'd love to work at [Hospital Name]. Dear [Manager Name],"
    found = findings(text, "template.placeholder", recipient_name="Sam Lee", company="Stripe")
    assert [(span_text(text, f), f.fix and f.fix.replacement) for f in found] == [("[Hospital Name]", None),
                                                                                ("[Manager Name]", "Sam")]


def test_name_mismatch_span_and_fix():
    text = "Hi Priya,\nI hope you're well."
    (f,) = findings(text, "fact.name-mismatch", recipient_name="Sam Lee")
    assert span_text(text, f) == "Priya" and f.fix.replacement == "Sam" and f.severity == "error"
    assert "Priya" in f.message and "Sam Lee" in f.message


@pytest.mark.parametrize("text, fixed", [
    ("Respected Madam, could you refer me?", "Dear Sam Lee, could you refer me?"),  # not "Respected Sam Lee"
    ("Dear Sir/Madam, could you refer me?", "Dear Sam, could you refer me?"),  # no register: the first name
    ("Hello Ma'am, could you refer me?", "Hello Sam Lee, could you refer me?"),
    # The register kept by the full name, with no gender guessed from the writer's default "Sir".
    ("Good afternoon Sir,\nCould you refer me?", "Good afternoon Sam Lee,\nCould you refer me?"),
])
def test_a_salutation_for_anyone_is_fixed_into_a_greeting_by_name(text, fixed):
    (f,) = findings(text, "fact.name-mismatch", recipient_name="Sam Lee")
    start, end = f.fix.range.start, f.fix.range.end  # ASCII: UTF-16 == code points
    assert f.severity == "warning" and text[:start] + f.fix.replacement + text[end:] == fixed


def test_thanks_in_irish_and_the_alder_for_the_alder_hotel_group():
    assert "courtesy.gratitude-missing" not in codes("Could you refer me for the Data Analyst role? Go raibh maith agat!")
    assert "ask.company-missing" not in codes("I'd love to join your kitchen at The Alder as a Sous Chef. Could you "
                                              "refer me? Thanks!", company="The Alder Hotel Group")


def test_the_full_name_in_the_fix_is_the_whole_name_as_written():
    (f,) = findings("Hello Sir, could you refer me?", "fact.name-mismatch", recipient_name="Wei Ling Tan")
    assert f.fix.replacement == "Wei Ling Tan"


def test_company_mismatch_is_a_must_fix_however_it_is_worded():
    addressed = findings("How do you like your team at Google?", "fact.company-mismatch", company="Stripe")
    target = findings("Could you refer me for the Analyst role at Google?", "fact.company-mismatch", company="Stripe")
    assert addressed[0].severity == "error" and target[0].severity == "error"
    assert addressed[0].fix.replacement == "Stripe"


def test_company_mismatch_knows_where_they_were_before():
    profile = Profile(name="Sam Lee", current_company="Stripe",
                      experience=[Experience(company="Stripe", roles=[Role(current=True)]),
                                  Experience(company="Google", roles=[Role()])])
    (f,) = findings("How is your team at Google?", "fact.company-mismatch", profile=profile)
    assert "before" in f.message and "Stripe" in f.message


def test_a_job_title_at_a_past_employer_is_a_claim_about_their_job_now():
    # Audit 10, drafts 03 and 11: a title between "you're a" and "at" still says where they work now.
    profile = Profile(name="Sam Lee", current_company="Stripe",
                      experience=[Experience(company="Stripe", roles=[Role(title="Architect", current=True)]),
                                  Experience(company="Google", roles=[Role(title="Software Engineer")])])
    text = "I noticed you're a Software Development Engineer at Google. Could you refer me for the Analyst role?"
    (f,) = findings(text, "fact.company-mismatch", profile=profile)
    assert span_text(text, f) == "Google" and "before" in f.message and "Stripe" in f.message
    assert f.fix is None  # "a Software Development Engineer at Stripe" would keep a title they may not hold
    left = Profile(name="Leela Sandoval", experience=[Experience(company="Vox Media", roles=[
        Role(title="Producer", start=DateParts(year=2022, month=3), end=DateParts(year=2024, month=12))])])
    [f] = findings("Hi Leela, I see you're currently a Producer at Vox Media.", "fact.company-mismatch", profile=left)
    assert "left in Dec 2024" in f.message
    assert findings("Hi Leela, you're a former Producer at Vox Media, right?", "fact.company-mismatch",
                    profile=left) == []


def test_vague_points_at_the_phrase():
    text = "Hi! Are there any openings at Stripe?"
    (f,) = findings(text, "ask.vague")
    assert span_text(text, f) == "any openings"


def test_company_missing_names_their_company_from_the_profile():
    profile = Profile(name="Sam Lee", current_company="Stripe")
    (f,) = findings("Could you refer me for the Data Analyst role?", "ask.company-missing", profile=profile)
    assert "Stripe" in f.message
    assert "ask.company-missing" not in codes("Could you refer me for the Data Analyst role at Stripe?", profile=profile)


def test_company_missing_does_not_move_an_ask_about_other_firms_to_their_company():
    # Audit 10, draft 09: "say the role is at Python Accelerator" for a role at a Big4 firm was wrong advice.
    profile = Profile(name="Sam Lee", current_company="Stripe")
    (f,) = findings("Could you refer me to one of the Big4 firms where your student got offers?",
                    "ask.company-missing", profile=profile)
    assert "one of the Big4 firms" in f.message and "introduction" in f.suggestion
    assert f.suggestion != "Say the role is at Stripe."
    (f,) = findings("Could you refer me for the Data Analyst role? I admire a company like yours.",
                    "ask.company-missing", profile=profile)
    assert f.suggestion == "Say the role is at Stripe."


def test_personal_counts_their_past_employer_and_school_but_not_current_company():
    profile = Profile(name="Sam Lee", current_company="Stripe",
                      experience=[Experience(company="Stripe", roles=[Role(current=True)]),
                                  Experience(company="Square", roles=[Role()])],
                      education=[Education(school="Georgia Tech")])
    assert "personal.generic" in codes("I see you work at Stripe.", profile=profile)
    assert "personal.generic" not in codes("I see you were at Square before Stripe.", profile=profile)
    assert "personal.generic" not in codes("Go Georgia Tech! I studied there too.", profile=profile)
    # A service by its branch, as veterans say it (audit 64-09); not "Army" for the Salvation Army.
    served = Profile(name="Olivia Mensah", current_company="Cascade County",
                     experience=[Experience(company="Cascade County", roles=[Role(current=True)]),
                                 Experience(company="U.S. Army", roles=[Role()])])
    assert "personal.generic" not in codes("Hi Olivia, fellow Army vet here (88N, 12 yrs).", profile=served)
    charity = served.model_copy(update={"experience": [Experience(company="Salvation Army", roles=[Role()])]})
    assert "personal.generic" in codes("Hi Olivia, fellow Army vet here (88N, 12 yrs).", profile=charity)


def _exp(company, start, end=None, current=False):
    return Experience(company=company, roles=[Role(start=DateParts(year=start),
                                                   end=DateParts(year=end) if end else None, current=current)])


def test_how_we_met_hints_shared_employer_and_school():
    them = Profile(name="Sam Lee", current_company="Stripe",
                   experience=[_exp("Stripe", 2022, current=True), _exp("Acme Corp", 2019, 2021)],
                   education=[Education(school="University of Michigan")])
    me = Profile(name="Ana Ruiz", experience=[_exp("Acme", 2020, 2023)],
                 education=[Education(school="University of Michigan")])
    found = findings("Could you refer me for the Analyst role at Stripe?", "relationship.how-we-met",
                     profile=them, own_profile=me)
    assert [f.severity for f in found] == ["hint", "hint"]
    assert "Acme Corp" in found[0].message and "2019–2021" in found[0].message and "2020–2023" in found[0].message
    assert "University of Michigan" in found[1].message
    assert found[0].data["source"] == "profile.experience[1].company"
    mentioned = findings("We overlapped at Acme! Could you refer me?", "relationship.how-we-met",
                         profile=them, own_profile=me)
    assert mentioned == []
    thanks = findings("Quick update: I got the offer! Thank you so much for the referral.",
                      "relationship.how-we-met", profile=them, own_profile=me)
    assert thanks == []  # they already helped: no reason to give them for helping


def test_shared_history_also_matches_the_company_or_school_page_as_the_hints_do():
    # The same LinkedIn company and school pages under other names ("Meta" / "Facebook"): the
    # shared-employer hint always said so; the rule and the cold-ask check now agree with it.
    meta, umich = "https://www.linkedin.com/company/meta/", "https://www.linkedin.com/school/umich/"
    them = Profile(name="Sam Lee", experience=[Experience(company="Meta", company_url=meta, roles=[Role()])],
                   education=[Education(school="University of Michigan", school_url=umich)])
    me = Profile(name="Ana Ruiz", experience=[Experience(company="Facebook", company_url=meta, roles=[Role()])],
                 education=[Education(school="UMich", school_url=umich)])
    feedback = analyze("Could you refer me for the Analyst role?", CoachContext(
        surface="message", profile=them, own_profile=me))
    found = [f for f in feedback.findings if f.code == "relationship.how-we-met"]
    assert [f.data["name"] for f in found] == ["Meta", "University of Michigan"]
    assert {h.kind for h in feedback.hints} >= {"shared_employer", "shared_school"}
    assert "relationship.cold-ask" not in {f.code for f in feedback.findings}
    stranger = me.model_copy(update={"experience": [Experience(company="Facebook", roles=[Role()])],
                                     "education": [Education(school="UMich")]})
    assert "relationship.cold-ask" in codes("Could you refer me for the Analyst role?", profile=them,
                                            own_profile=stranger)


def test_how_we_met_needs_both_profiles():
    them = Profile(name="Sam Lee", experience=[_exp("Acme", 2019, 2021)])
    assert findings("Hello", "relationship.how-we-met", profile=them) == []


def test_over_limit_span_starts_at_the_cut():
    text = "a" * 295 + "😀😀😀"  # 301 UTF-16 units: the last emoji crosses the 300 limit
    (f,) = findings(text, "length.over-limit", surface="connection_note")
    assert f.data == {"used": 301, "allowed": 300}
    assert f.range.start == 299 and f.range.end == 301  # UTF-16: from the emoji that crosses it


def test_page_declared_limit_wins():
    assert "length.over-limit" in codes("x" * 250, "connection_note", limit=200)
    assert "length.over-limit" not in codes("x" * 250, "connection_note")


def test_inmail_subject_over_limit():
    found = findings("Hi", "length.over-limit", surface="inmail", subject="s" * 201)
    assert found and found[0].data == {"field": "subject"}


def test_every_finding_has_message_docs_and_known_severity():
    from companion.coach.registry import RULES

    text = "Hi [Name]!! Refer me ASAP to any openings. Share the salary band? " * 3
    for f in analyze(text, CoachContext(surface="message", recipient_name="Sam")).findings:
        assert f.message and f.docs.startswith("docs/rules.md#")
    for rule in RULES:
        assert rule.rationale and rule.severity in {"error", "warning", "info", "hint"} and rule.surfaces



@pytest.mark.parametrize("text", [
    "I saw Stripe is hiring a Senior Backend Engineer; would you be open to referring me?",
    "Would you refer me for job 4821 at Stripe?",
    "Would you be open to referring me for req #12345 at Stripe?",
    "Stripe is looking for a data scientist and I would love to be considered.",
])
def test_role_named_through_hiring_cues_and_bare_job_numbers(text):
    assert "ask.role-missing" not in codes(text)


def test_hiring_manager_is_still_not_a_role():
    assert "ask.role-missing" in codes("I am a hiring manager at Acme; could you refer me at Stripe?")


@pytest.mark.parametrize("text,named", [
    ("Saw Canva is hiring a Frontend Engineer. Could you refer me for the role?", True),
    ("I'm excited about Xendit's expansion into payouts. Could you refer me for the Data Analyst role?", True),
    ("Notion is hiring a designer. Could you refer me for the role?", True),
    ("Let's chat about the Data Analyst role on your team.", False),
    ("I have experience with Spark and Airflow. Could you refer me for the Data Engineer role?", False),
    ("I'm interested in Shopify's Checkout team. Could you refer me for the Frontend Engineer role?", True),
    ("I saw Brightwave is scaling the marketing team. Could you refer me for the Head of Marketing role?", True),
    ("I'd love to work with your Company. Could you refer me for the Data Analyst role?", False),
    ("I have two years of experience at Nagarro. Could you refer me for the Data Analyst role?", False),
    ("I saw Acme Robotics has an opening for a Senior Embedded Engineer (R-20311). Could you refer me?", True),
    ("I really want to work at Lumen Health. Could you refer me for the Senior PM role (job 44120)?", True),
])
def test_company_named_without_a_profile(text, named):
    ctx = CoachContext(surface="message")
    assert ("ask.company-missing" not in {f.code for f in analyze(text, ctx).findings}) == named


def test_the_role_example_is_a_fragment_to_adapt_not_a_sentence_to_insert():
    # The panel offers Insert only for a quoted whole sentence: the example role and job ID must not
    # go into the message, where they would pass for real. A fragment ("the … role, job ID …") is
    # advice to adapt (tests/js: copyableSentence gives null for it).
    import re

    [f] = findings("Hi Sam, could you refer me? Thanks!", "ask.role-missing")
    example = re.search(r'"([^"]+)"', f.suggestion).group(1)
    assert example.startswith("the ") and example[-1] not in ".!?"
    assert "ask.role-missing" not in codes("Hi Sam, could you refer me for " + example + " at Stripe? Thanks!")


def test_an_inmail_subject_is_read_for_demanding_wording():
    body = "Hi Sam, I'm applying for the Data Analyst role at Stripe. Would you be open to referring me? Thanks!"
    loud = findings(body, "tone.demanding", surface="inmail", subject="URGENT: referral needed!!!")
    assert {f.data["kind"] for f in loud} == {"shout", "exclaim"}
    assert all(f.message.startswith("In the subject: ") and f.range is None for f in loud)
    assert findings(body, "tone.demanding", surface="inmail", subject="Referral for the Data Analyst role") == []
    assert findings(body, "tone.demanding", subject="URGENT: referral needed!!!") == []  # a message has no subject


def test_an_order_that_is_not_about_a_referral_gets_advice_that_fits_it():
    [f] = findings("Send me the internal salary bands for L4.", "tone.demanding")
    assert "referring" not in f.suggestion and "Would you be able to" in f.suggestion
    [f] = findings("Please refer me for the role.", "tone.demanding")
    assert "Would you be open to referring me" in f.suggestion


def test_a_company_they_left_is_not_their_company_now():
    left = Profile(name="Leela Sandoval", experience=[Experience(company="Vox Media", roles=[
        Role(title="Producer", start=DateParts(year=2022, month=3), end=DateParts(year=2024, month=12))])])
    [f] = findings("Hi Leela, I see you work at Vox Media. Could you refer me?", "fact.company-mismatch", profile=left)
    assert "left in Dec 2024" in f.message and span_text("Hi Leela, I see you work at Vox Media.", f) == "Vox Media"
    assert findings("Hi Leela, I also worked at Vox Media.", "fact.company-mismatch", profile=left) == []
    where = "I'm applying for the Associate Producer role at Vox Media, where I see you're a producer."
    [f] = findings(where, "fact.company-mismatch", profile=left)  # the company first, then them in it
    assert "left in Dec 2024" in f.message and span_text(where, f) == "Vox Media"
    left.experience[0].roles[0].end, left.experience[0].roles[0].current = None, True  # still there
    assert findings("Hi Leela, I see you work at Vox Media.", "fact.company-mismatch", profile=left) == []


def test_a_referral_asked_of_someone_between_jobs():
    between = Profile(name="Leela Sandoval", experience=[
        Experience(company="Vox Media", roles=[Role(title="Producer", start=DateParts(year=2022, month=3),
                                                    end=DateParts(year=2024, month=12))]),
        Experience(company="Value Retail", roles=[Role(title="MBA Intern", start=DateParts(year=2025, month=6),
                                                       end=DateParts(year=2025, month=8))])])
    text = "Hi Leela, I'm applying for the Strategy Analyst role at Condé Nast. Could you refer me?"
    [f] = findings(text, "fact.no-employer", profile=between)
    assert "Leela's profile shows no current job (the last one, at Value Retail, ended in Aug 2025)" in f.message
    assert span_text(text, f) == "refer me" and "introduction" in f.suggestion
    # Advice asked instead of a referral, or a thank-you: nothing to say.
    assert findings("Hi Leela, could I ask your advice on strategy roles in media?", "fact.no-employer",
                    profile=between) == []
    assert findings("Hi Leela, thank you so much for the referral! I start on Monday.", "fact.no-employer",
                    profile=between) == []
    # "You work at Vox Media" is the error fact.company-mismatch reports; one finding says it.
    said = codes("Hi Leela, I see you work at Vox Media. Could you refer me?", profile=between)
    assert "fact.company-mismatch" in said and "fact.no-employer" not in said
    # A current job, a role without dates (unknown), or experience not loaded: no finding.
    for exp in ([Experience(company="Vox Media", roles=[Role(title="Producer", current=True)])],
                [Experience(company="Vox Media", roles=[Role(title="Producer")])], None):
        assert findings(text, "fact.no-employer", profile=Profile(name="Leela Sandoval", experience=exp)) == []


def test_pay_asked_of_a_recruiter_is_their_job_but_of_an_engineer_is_confidential():
    from protocol.page import Profile

    ask = "Thanks for asking about my expectations! What's the salary range budgeted for the role?"

    def fired(headline):
        ctx = CoachContext(surface="message", recipient_name="Priyanka Rao",
                           profile=Profile(slug="p", name="Priyanka Rao", headline=headline))
        return "privacy.confidential" in {f.code for f in analyze(ask, ctx).findings}
    assert not fired("Senior Technical Recruiter at Acme") and not fired("Talent Acquisition Partner")
    assert fired("Staff Engineer at Acme")
    # Interview questions stay confidential, recruiter or not; "if you have" asks for them.
    leak = "Also, if you have the list of system design questions they use, that would be amazing."
    ctx = CoachContext(surface="message", profile=Profile(slug="p", name="P", headline="Recruiter at Acme"))
    [found] = [f for f in analyze(leak, ctx).findings if f.code == "privacy.confidential"]
    assert "A recruiter who shares it" in found.message  # not "a referrer": they are not one (audit 65-20)
    others = "Can you tell me what the other BAs on that team are making? What did you offer her?"
    assert len([f for f in analyze(others, ctx).findings if f.code == "privacy.confidential"]) == 2
    assert "A referrer who shares it" in findings(leak, "privacy.confidential")[0].message
    assert "privacy.confidential" in codes("If you have the take-home from last year, could you forward it?")


def test_a_placeholder_in_the_inmail_subject_is_a_must_fix():
    body = "Hi Sam, could you refer me for the Data Analyst role at Stripe? Thanks!"
    fb = analyze(body, CoachContext(surface="inmail", subject="Referral for [Role]"))
    [found] = [f for f in fb.findings if f.code == "template.placeholder"]
    assert found.severity == "error" and found.range is None and found.data == {"field": "subject"}
    assert "[Role]" in found.message and "subject" in found.message and fb.score <= 40
    fine = analyze(body, CoachContext(surface="inmail", subject="Referral for the Data Analyst role"))
    assert "template.placeholder" not in {f.code for f in fine.findings}


@pytest.mark.parametrize("subject,generic", [
    ("Hello", True), ("Hi Sam!", True), ("Connecting", True), ("Quick hello", True), ("Re: hi", True),
    ("Quick question", True), ("A small favor", True), ("Job inquiry", True), ("Opportunity", True), ("Please help", True),
    ("Referral request", True), ("Job Referral", True), ("Job inquiry: Data Analyst", False),
    ("Referral for the Data Analyst role", False), ("Quick question about your PyCon talk", False),
    ("Hi Priya", False), ("", False),
])
def test_an_inmail_subject_that_says_nothing(subject, generic):
    body = "Hi Sam, could you refer me for the Data Analyst role at Stripe? Thanks!"
    codes = {f.code for f in analyze(body, CoachContext(surface="inmail", subject=subject or None,
                                                        recipient_name="Sam Lee")).findings}
    assert ("subject.generic" in codes) == generic
    if generic and "referral" in subject.lower():  # why, but not for what (audits 84-08, 86-10, 87-05)
        [f] = [f for f in analyze(body, CoachContext(surface="inmail", subject=subject)).findings
               if f.code == "subject.generic"]
        assert "says you want a referral, but not for which role" in f.message
    assert "subject.generic" not in {f.code for f in analyze(body, CoachContext(surface="message", subject=subject,
                                                                               recipient_name="Sam Lee")).findings}


def test_each_long_sentence_is_marked_with_its_word_count_and_decimals_do_not_end_one():
    first = ("I moved to Toronto and joined Acme as a developer, where I spent 3.5 years building Node.js services "
             "for payments, designing Kafka pipelines, moving us from MySQL to Postgres, mentoring two engineers, "
             "running on-call, writing runbooks and leading our move to Kubernetes.")
    second = ("I would be very grateful if you could refer me for this position or forward my application to the "
              "hiring manager, as I believe a referral from you would help me stand out among the many applicants "
              "for it in the team.")
    text = f"Hi Sam! {first} Could you refer me? {second}\nThank you!"
    found = findings(text, "readability.long-sentence")
    assert [span_text(text, f) for f in found] == [first, second]
    assert [f.data["words"] for f in found] == [len(first.split()), len(second.split())]
    assert all(f.data["words"] >= 40 for f in found)
    # The same words in sentences of under 40 are fine, and a line break ends a sentence too.
    assert not findings(text.replace(", where", ".\nThere").replace(", as I", ". I"), "readability.long-sentence")


def test_every_finding_on_the_inmail_subject_says_so_and_has_no_range():
    """The subject is not in the body's text: a range there would point at the wrong words."""
    subject = "URGENT: referral for the Data Analyst role at Initech, [Name] " + "x" * 200
    body = ("Hi Sam, I loved your PyCon talk on typing. Could you refer me for the Data Analyst role at Stripe? "
            "I have four years of SQL at Acme. I can send my resume. No worries if not. Thank you!")
    found = [f for f in analyze(body, CoachContext(surface="inmail", subject=subject, recipient_name="Sam Lee",
                                                    company="Stripe")).findings if "subject" in f.message.lower()]
    assert {f.code for f in found} >= {"tone.demanding", "template.placeholder", "fact.company-mismatch",
                                       "length.over-limit"}
    assert all(f.range is None and f.data["field"] == "subject" for f in found)
    generic = findings("Hi Sam, could you refer me?", "subject.generic", surface="inmail", subject="Hello",
                       recipient_name="Sam Lee")
    assert generic and generic[0].data == {"field": "subject"}


def test_a_long_sentence_wrapped_by_hand_or_with_abbreviations_is_still_one_sentence():
    wrapped = ("Hi Tom,\n\nI am applying for the Data Engineer role at Ferrow (job ID 221) and I\nsaw your talk at "
               "DataConf where you explained how your team rebuilt the\nclickstream pipeline and I have been doing "
               "very similar work at Lantern\nfor the past four years so I wanted to ask if you would refer me.\n\n"
               "Thank you!")
    [found] = findings(wrapped, "readability.long-sentence")
    assert span_text(wrapped, found).startswith("I am applying") and span_text(wrapped, found).endswith("refer me.")
    abbreviated = ("I am applying for the Data Engineer role at Ferrow, e.g. the one on the U.S. analytics team led "
                   "by Dr. Patel, and I have been doing similar streaming work at Lantern Inc. for four years, mostly "
                   "Flink, Kafka and dbt, so I think it fits. Thank you!")
    sentence = abbreviated.removesuffix(" Thank you!")
    assert [f.data["words"] for f in findings(abbreviated, "readability.long-sentence")] == [len(sentence.split())]
    # A list, each item on its own line, is not one sentence.
    listed = "My stack:\n" + "\n".join(f"- {w} and more tools for pipelines and dashboards" for w in "ABCDEFGH")
    assert not findings(listed, "readability.long-sentence")


# A made-up school with a long LinkedIn name: its name, then an address.
_LONG_SCHOOL = "Harrowgate Institute of Engineering & Design, Old Mill Road, Eastfield, Kessington"


def test_how_we_met_accepts_the_school_by_its_initials_or_its_first_part():
    # The initials of a long name's first part (its name, before the address): "HIED", "HIED Kessington".
    them = Profile(name="Dev Rao", education=[Education(school=_LONG_SCHOOL)])
    me = Profile(name="Ana Ruiz", education=[Education(school="Harrowgate Institute of Engineering & Design")])
    for text in ("Fellow HIED alum here! Could you refer me for the Analyst role?",
                 "Fellow hied Kessington alum here. Could you refer me for the Analyst role?"):
        assert findings(text, "relationship.how-we-met", profile=them, own_profile=me) == [], text
    # Initials are of the significant words: "of", "&" and "the" are no letters of them.
    assert findings("Fellow HIOE&D alum. Could you refer me for the Analyst role?", "relationship.how-we-met",
                    profile=them, own_profile=me)


def test_how_we_met_names_a_school_listed_twice_once_and_without_its_address():
    them = Profile(name="Dev Rao", education=[Education(school=_LONG_SCHOOL, degree="MTech"),
                                              Education(school=_LONG_SCHOOL, degree="BTech")])
    me = Profile(name="Ana Ruiz", education=[Education(school="Harrowgate Institute of Engineering & Design")])
    message = findings("Could you refer me for the Analyst role (job 12)?", "relationship.how-we-met",
                       profile=them, own_profile=me)
    assert len(message) == 1
    assert "Harrowgate Institute of Engineering & Design, Kessington," in message[0].message
    assert "Old Mill Road" not in message[0].message + message[0].suggestion
    # On a connection note a whole-name line would eat the room the ask needs: name it briefly.
    note = "Hi Dev, I'm applying for the Analyst role at Lumen and would love to hear about your team. " * 2
    [found] = findings(note.strip(), "relationship.how-we-met", surface="connection_note", profile=them,
                       own_profile=me)
    assert "Harrowgate" not in found.suggestion and "short name" in found.suggestion


def test_personal_generic_accepts_one_of_their_posts_by_what_it_was_about():
    from protocol.page import Post
    them = Profile(name="Mira Olsen", headline="Python teacher", posts=[
        Post(text="Oggi una mia studentessa ha ricevuto 3 offerte (anche Big4) grazie al corso.",
             posted_at="2026-02-04T10:00:00+00:00")])
    text = "Hi Mira, could you refer me to one of the Big4 firms where your student got offers?"
    assert findings(text, "personal.generic", profile=them) == []
    # A word the post shares with every message, or a repost of someone else's, is no such line.
    assert findings("Hi Mira, could you refer me to a firm where I could use Python?", "personal.generic",
                    profile=them)
    them.posts[0].reposted = True
    assert findings(text, "personal.generic", profile=them)


def test_a_note_over_200_characters_may_be_too_long_for_a_free_account():
    from protocol.page import Composer

    note = "Hi Sam, I'm applying for the Data Analyst role at Stripe (job ID 48213). " + "I have four years of SQL. " * 6
    [f] = findings(note, "length.free-note", surface="connection_note")
    assert f.severity == "hint" and f.data == {"used": len(note), "allowed": 200} and span_text(note, f) == note[200:]
    # The page's note dialog or --limit says which limit applies: length.over-limit speaks for 200.
    for ctx in ({"limit": 300}, {"composer": Composer(surface="connection_note", limit=300)},
                {"composer": Composer(surface="connection_note", limit=200)}):
        assert findings(note, "length.free-note", surface="connection_note", **ctx) == [], ctx
    assert findings(note[:200], "length.free-note", surface="connection_note") == []
    assert findings(note, "length.free-note", surface="message") == []


def test_a_cold_ask_that_already_says_something_of_theirs_is_told_the_one_choice_left():
    specific = "Hi Sam, I loved your PyCon talk on typing. Would you be open to referring me for the Analyst role?"
    [f] = findings(specific, "relationship.cold-ask", recipient_name="Sam Lee", company="Stripe")
    assert "good opening" in f.message and "Build rapport" not in f.suggestion
    assert f.suggestion.startswith("If the role can wait a few days")
    [f] = findings("Hi Sam, would you be open to referring me for the Analyst role?", "relationship.cold-ask",
                   recipient_name="Sam Lee", company="Stripe")
    assert "no earlier conversation or shared history" in f.message and f.suggestion.startswith("Build rapport")


def test_a_cold_ask_to_a_connection_does_not_claim_they_never_talked():
    """A 1st-degree connection may be someone you know: the page cannot tell, so the card says "if"."""
    connection = Profile(name="Sam Lee", degree=1, current_company="Stripe")
    [f] = findings("Hi Sam, would you be open to referring me for the Analyst role?", "relationship.cold-ask",
                   profile=connection)
    assert "If you and Sam have not talked before" in f.message and "no earlier conversation" not in f.message


def test_while_the_first_sentence_is_typed_only_what_is_there_is_judged():
    def live(text, caret=None):
        return analyze(text, CoachContext(surface="message", recipient_name="Dana Whitfield", company="Acme",
                                          caret=len(text) if caret is None else caret))
    started = live("Hi Dana, I'm applying for the")
    assert started.score is None and started.findings == [] and not any(c.ok for c in started.checklist)
    assert started.checklist  # the checklist stays, as a guide
    # A wrong name or a demand is there already; what the draft lacks is not missing yet.
    wrong = live("Hi Sarah, I'm applying for the")
    assert {f.code for f in wrong.findings} == {"fact.name-mismatch"} and wrong.score is None
    assert "tone.demanding" in {f.code for f in live("Hi Dana, refer me asap").findings}
    # The first sentence done, or the command line (no caret): the whole draft is judged.
    done = live("Hi Dana, I'm applying for the Backend Engineer role.")
    assert done.score is not None and "courtesy.gratitude-missing" in {f.code for f in done.findings}
    cli = analyze("Hi Dana, I'm applying for the", CoachContext(surface="message", recipient_name="Dana Whitfield"))
    assert cli.score is not None and "ask.role-missing" in {f.code for f in cli.findings}


@pytest.mark.parametrize("text, says", [
    ("Hi Sam, could you refer me to Stripe? I have 5 years of SQL. Thanks!", "no role named"),
    ("Hi Sam, could you refer me for the Data Analyst role? I have 5 years of SQL. Thanks!", "no company named"),
    ("Hi Sam, could you refer me? Thanks!", "no role or company named"),
])
def test_a_short_draft_says_which_of_role_and_company_it_lacks(text, says):
    [f] = findings(text, "length.too-short")
    assert f.message.startswith(f"Only {len(text)} characters, and {says};")


def test_a_draft_that_says_it_follows_up_is_coached_as_a_follow_up():
    """"Bumping my message from last week": its fit and resume were in that message, so a nudge is not
    polished like a first ask. With a conversation that shows no message of the user's, the coach
    still says so (followup.no-earlier)."""
    from protocol.page import Thread, ThreadMessage

    bump = ("Hi Dana, just bumping my message from last week about the Platform Engineer role (job ID 51207) in "
            "case it got buried. No pressure at all. Thanks!")
    fb = analyze(bump, CoachContext(surface="message", recipient_name="Dana Whitfield", company="Acme Robotics"))
    assert fb.surface == "follow_up"
    assert not {"background.missing", "materials.missing", "ask.company-missing"} & {f.code for f in fb.findings}
    theirs = Thread(messages=[ThreadMessage(sender="them", text="Great to meet you at the meetup!",
                                            sent_at="2026-03-03T10:00:00+00:00")])
    fb = analyze(bump, CoachContext(surface="message", recipient_name="Dana Whitfield", company="Acme Robotics",
                                    thread=theirs))
    assert fb.surface == "follow_up" and "followup.no-earlier" in {f.code for f in fb.findings}
    first = analyze("Hi Dana, could you refer me for the Platform Engineer role (job ID 51207)? Thanks!",
                    CoachContext(surface="message", recipient_name="Dana Whitfield", company="Acme Robotics"))
    assert first.surface == "message"


@pytest.mark.parametrize("text, ctx, title", [
    ("Hi Sam, I'm a Registered Nurse with 6 years in the ICU. Could you refer me at Stripe? Thanks!", {},
     "Registered Nurse"),
    ("Hi Sam, I'm looking for a backend engineer role at Stripe. Could you refer me?", {}, "Backend Engineer"),
    ("Hi Sam, I'm an ml engineer. Could you refer me at Stripe?", {}, "ML Engineer"),
    ("Hi Sam, could you refer me at Stripe?", {"own_profile": Profile(current_title="Line Cook")}, "Line Cook"),
    ("Could you refer me to the hiring manager at Stripe?", {}, "Senior Data Analyst"),
])
def test_role_missing_gives_its_example_in_the_writers_own_field(text, ctx, title):
    (f,) = findings(text, "ask.role-missing", **ctx)
    assert f'"the {title} role, job ID 48213"' in f.suggestion


def _their_thread(text="Sure, happy to help! Send me the job ID and your resume."):
    from protocol.page import Thread, ThreadMessage
    return Thread(messages=[ThreadMessage(sender="them", text=text)])


def _exchange(mine, theirs):
    """A conversation of the user's ask and their answer, theirs last."""
    from protocol.page import Thread, ThreadMessage
    return Thread(messages=[ThreadMessage(sender="me", text=mine), ThreadMessage(sender="them", text=theirs)])


ASKING = {"ask.role-missing", "ask.company-missing", "background.missing", "materials.missing",
          "courtesy.time-missing", "courtesy.out-missing"}


@pytest.mark.parametrize("reply", [
    "Thank you so much, Dana! The job ID is 51207 (Platform Engineer), and I've attached my resume. Happy to write "
    "a two-line blurb for the referral form if that saves you time.",
    "Thank you so much Dana ma'am for agreeing to refer me. PFA my resume. Job ID is 51207.",
    "Hi Dana, thank you very much for accept to refer me! I send you my CV attached.",
    "Totally understand, Dana, and thanks for letting me know so quickly. Good luck with the launch!",
    "Hello Dana, I have received the offer and accepted it. Thank you for your recommendation. If I can help you "
    "once, please tell me.",
])
def test_a_reply_to_them_that_asks_no_referral_is_not_coached_as_an_ask(reply):
    assert not codes(reply, thread=_their_thread(), recipient_name="Dana Whitfield") & ASKING


def test_a_new_referral_asked_in_a_reply_still_needs_what_a_referral_needs():
    ask = "Hi Dana, could you refer me for the Platform Engineer role?"
    assert {"background.missing", "ask.company-missing"} <= codes(ask, thread=_their_thread("Hi!"))


def test_thanks_for_an_honest_answer_then_reconsider_is_a_re_ask_after_a_no():
    text = "Understood, thanks for the honest answer. Would you reconsider if I sent my resume?"
    [stop] = findings(text, "followup.stop", thread=_their_thread("Honestly, that's tricky for me with people "
                                                                   "outside my team."))
    assert stop.data["stated"] and span_text(text, stop) == "reconsider"
    # Where their words on the page say no, the card quotes them.
    [stop] = findings(text, "followup.stop", thread=_their_thread("Sorry, I only refer people I've worked with."))
    assert "I only refer people I've worked with" in stop.message and span_text(text, stop) == "reconsider"


def test_a_draft_that_counts_its_messages_is_a_follow_up():
    fb = analyze("Hi Dana, me again. This is my third message about the referral. Let me know either way.",
                 CoachContext(surface="message"))
    assert fb.surface == "follow_up" and "followup.pressure" in {f.code for f in fb.findings}


def test_the_confidential_card_suggests_what_fits_the_stage():
    before = findings("Could you share the questions they usually ask?", "privacy.confidential")
    after = findings("Thanks again for the referral! Could you share the questions they usually ask?",
                     "privacy.confidential")
    assert "comfortable referring you" in before[0].suggestion
    assert "how they prepared" in after[0].suggestion and "referring you" not in after[0].suggestion


def test_an_order_softened_by_kindly_or_please_is_worth_rewording_not_a_must_fix():
    """"Kindly refer me" is the polite form in Indian, Nigerian and Kenyan English: tone.demanding
    still says it reads as an instruction, as a warning; a bare "Refer me" stays a must-fix."""
    ctx = CoachContext(surface="message", recipient_name="Sam Lee", company="Stripe")
    severity = {}
    for opener in ("Kindly refer me", "Please refer me", "Refer me"):
        text = f"Hi Sam, I'm a data analyst with 4 years of SQL. {opener} for the Data Analyst role (job 4411). Thanks!"
        found = [f for f in analyze(text, ctx).findings if f.code == "tone.demanding"]
        severity[opener] = [f.severity for f in found]
    assert severity == {"Kindly refer me": ["warning"], "Please refer me": ["warning"], "Refer me": ["error"]}


def test_a_connection_note_that_asks_to_be_recommended_gets_an_out_like_one_that_asks_for_a_referral():
    """A note asks nothing but to connect only when it asks no referral in any words: "I would be grateful
    if you could recommend me" needs its easy out as "…refer me" does."""
    ctx = CoachContext(surface="connection_note", recipient_name="Fiona Hartley", company="The Northern Ledger")
    for ask in ("recommend me", "refer me"):
        text = f"I saw the Data Reporter position at The Northern Ledger. I would be grateful if you could {ask}."
        assert "courtesy.out-missing" in {f.code for f in analyze(text, ctx).findings}, ask
    referred = "I'm a CPA with 6 years in audit and would love to be referred for the Senior Auditor position."
    assert "courtesy.out-missing" in {f.code for f in analyze(referred, ctx).findings}
    plain = "I loved your talk on data journalism and would love to connect. Thanks!"
    assert "courtesy.out-missing" not in {f.code for f in analyze(plain, ctx).findings}


@pytest.mark.parametrize("note", [
    "ok",
    "sure thing, attached my cv",
    "Dana, that's really kind of you, thank you. The posting is Reliability Engineer (job ID 60714); my resume is "
    "attached.",
    "Completely understand, and thanks for being straight with me. I'll apply through the portal.",
    "Hi Dana, I heard back from Acme yesterday: they went with another candidate for the Reliability Engineer role. "
    "I wanted you to hear it from me, and to say how much I appreciated you putting your name behind me.",
    "Hello Dana, I want to tell you the interview happened yesterday. Do you maybe know how it went? Thank you for "
    "everything.",
    "Dana! I signed the offer today: Reliability Engineer, starting in March. Lunch is on me; I'd love to hear what "
    "you wish someone had told you in your first month.",
])
def test_an_answer_news_or_thanks_after_the_ask_asks_nothing_the_ask_rules_judge(note):
    """With no page and no log, a one-word answer, an opening that takes in their reply ("that's really kind of
    you"), news of the process ("they went with another candidate", "the interview happened") and thanks for
    their help are not a first ask: no role, company, fit, resume, out or "reads as mass outreach"."""
    assert not codes(note, recipient_name="Dana Whitfield", company="Acme Robotics") & ASK_RULES


@pytest.mark.parametrize("note", [
    "Hi Dana, I applied like you said. Let me know when the referral is in.",
    "Hey Dana, it's been three weeks since you submitted the referral and the portal still says under review.",
    "Hi Dana, long time! We last spoke last year when I was looking at the Staff Developer role. Could you refer "
    "me for the Checkout team's Senior Developer role?",
])
def test_a_draft_that_refers_to_the_referral_or_their_advice_is_no_first_message(note):
    found = codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"personal.generic", "relationship.cold-ask"}


def test_a_thank_you_in_chat_shorthand_still_gets_the_register_card_without_their_messages():
    """The draft's own "ty" says it answers them, but not how they write: only their messages on the page do."""
    assert "tone.register" in codes("ty u the best ❤️", recipient_name="Dana Whitfield")
    assert "tone.register" not in codes("ty u the best ❤️", recipient_name="Dana Whitfield",
                                        thread=_their_thread("done, referred you! ❤️"))


def test_what_goes_on_with_an_answered_ask_in_a_thread_is_not_pitched_again():
    """Their answer on the page: a draft that asks them to chase the hiring manager, or answers their question
    and asks after the referral, asks no new referral, so no role, company, fit or resume to add; a new one
    does."""
    from protocol.page import Thread, ThreadMessage
    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Dana, could you refer me for the Account Executive role (job 7731)?"),
        ThreadMessage(sender="them", text="Done, I've submitted the referral. Good luck!"),
        ThreadMessage(sender="me", text="Thanks Dana!!")])
    chase = ("Hey Dana, it's been three weeks and I haven't heard from your recruiters. Can you ask the hiring "
             "manager to look at my application?")
    found = codes(chase, thread=thread, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"ask.role-missing", "ask.company-missing", "background.missing", "materials.missing"}
    again = "Hi Dana, could you refer me for the Senior Account Executive role too?"
    assert "background.missing" in codes(again, thread=thread, recipient_name="Dana Whitfield",
                                         company="Acme Robotics")


@pytest.mark.parametrize("note", [
    "Hi Dana sir, had my onsite for SDE-2 yesterday. 4 rounds happened. Kindly let me know if you hear anything. "
    "Thanks a lot for referring me.",
    "Hi Dana, thanks for reply. The position is Manufacturing Engineer II, job number 24-1187. My resume is attach.",
    "Hi Dana, good question. I'm interested in the QA Automation Engineer position in Poznan. I know Playwright.",
    "Hi Dana, I wanted you to hear it from me: Acme closed the Staff Engineer search with another candidate. Thank "
    "you again for vouching for me.",
])
def test_more_answers_and_news_in_their_own_words_are_no_first_message(note):
    """An answer's opening without an article or as a judgement of their question, news of the process without
    "I", thanks "a lot" or for "vouching for me": none is told it reads as mass outreach or a first message."""
    found = codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"personal.generic", "relationship.cold-ask", "ask.company-missing"}


def test_pressing_after_their_no_in_the_thread_is_a_stop_however_the_ask_is_softened():
    from protocol.page import Thread, ThreadMessage
    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Dana, could you refer me for the Graphics Engineer role?"),
        ThreadMessage(sender="them", text="Sorry, I don't know your work well enough to refer you. Good luck!")])
    again = "I understand but it's just one click for you. Could you please just submit it?"
    assert "followup.stop" in codes(again, thread=thread, recipient_name="Dana Whitfield")


@pytest.mark.parametrize("note", [
    "Thursday at 4 works perfectly, I'll call your mobile then. Thanks for making time, Dana!",
    "thx for putting me in. its been 4 days and nobody from hr called me yet, can u ping them?",
    "Dana, you told me two weeks ago you would refer me. I am still waiting. Please do it today.",
])
def test_a_time_taken_up_thanks_for_putting_me_in_and_their_yes_quoted_back_are_no_first_message(note):
    found = codes(note, recipient_name="Dana Whitfield", company="Acme Robotics")
    assert not found & {"personal.generic", "relationship.cold-ask", "ask.company-missing", "background.missing",
                        "length.too-short"}


def test_a_reply_that_does_not_give_what_they_asked_for_is_told_so():
    """Their last message asks which job and for the resume: a reply without the job's ID or link, or without
    the resume, gets reply.unanswered naming what is missing; a reply with both, or a thread where they asked
    nothing, does not."""
    def thread(theirs):
        return _exchange("Hi Dana, could you refer me at Acme?", theirs)
    asked = thread("Sure! Which position exactly? Send me the job ID and your CV.")
    [f] = findings("ok cool thanks!! its the data analyst one on the site, lmk when its done", "reply.unanswered",
                   thread=asked, recipient_name="Dana Whitfield")
    assert "which job" in f.message and "your resume" in f.message
    [f] = findings("Thanks Dana! It's the Data Analyst role, job ID 48213.", "reply.unanswered", thread=asked,
                   recipient_name="Dana Whitfield")
    assert "which job" not in f.message and "your resume" in f.message
    full = "Thanks Dana! It's the Data Analyst role, job ID 48213. My resume is attached."
    assert "reply.unanswered" not in codes(full, thread=asked, recipient_name="Dana Whitfield")
    # "Which one?" after their message names the kinds: a role in their words answers it, no job ID needed.
    which = thread("Our scheme only covers Performance Audit roles; Financial Audit goes to a panel. Which one is it?")
    assert "reply.unanswered" not in codes("Thanks! It's the Financial Audit Senior role.", thread=which,
                                           recipient_name="Dana Whitfield")
    assert "reply.unanswered" in codes("Thanks! It's the Senior Auditor role.", thread=which,
                                       recipient_name="Dana Whitfield")
    told = thread("Done, I submitted it. Good luck!")
    assert "reply.unanswered" not in codes("Thank you so much!", thread=told, recipient_name="Dana Whitfield")
    # A link to a sample of your work is no job's link; a vacancy number with a year in it is a job ID.
    sample = thread("Can you send me your resume and a link to a sample of your work?")
    assert "reply.unanswered" not in codes("Resume attached, and my portfolio: https://example.com/work",
                                           thread=sample, recipient_name="Dana Whitfield")
    # A portfolio promised for after it is updated is not sent.
    folio = thread("Do you have a portfolio link I could look at?")
    [f] = findings("I'll send my portfolio as soon as I've updated it!", "reply.unanswered", thread=folio,
                   recipient_name="Dana Whitfield")
    assert "for your portfolio" in f.message
    assert "reply.unanswered" not in codes("Here it is: https://example.com/work, thank you!", thread=folio,
                                           recipient_name="Dana Whitfield")
    which = thread("Which role specifically? We have two open.")
    assert "reply.unanswered" not in codes("The role is Network Planner (vacancy 2026-118).", thread=which,
                                           recipient_name="Dana Whitfield")
    # A title without the ID is half an answer: the card says so, as a tip, not that nothing answered it.
    [f] = findings("Thank you! I was looking at the Legal Operations Specialist position.", "reply.unanswered",
                   thread=which, recipient_name="Dana Whitfield")
    assert f.severity == "info" and "you name the role" in f.message and "does not answer" not in f.message


@pytest.mark.parametrize("theirs, unanswered, answered, named", [
    ("Happy to chat first. When are you free this week?", "Thank you so much, Dana! Looking forward to it.",
     "Thank you! Tuesday after 2pm or Thursday morning works for me.", "when you are free"),
    ("Sure, I can refer you. What's your notice period?", "Amazing, thank you! I'll keep you posted.",
     "Thank you! My notice period is four weeks.", "when you could start"),
    ("Before I submit: what are your salary expectations?", "Thanks Dana, I really appreciate it!",
     "Thanks Dana! I'm looking at 95-105k, and I'm flexible for the right team.", "salary expectations"),
    ("The team is in Austin. Would you relocate?", "Great, thanks for letting me know!",
     "Yes, I'd happily relocate to Austin.", '"relocate"'),
    ("I'd like a quick call first. Does Thursday at 2pm or Friday at 10am work for you?", "ya sure whenever",
     "Friday at 10am works great, thank you!", "which of the times offered"),
    # A deadline's day is no pick: "closes friday".
    ("Sure! Could we do a 20-minute call Thursday or Friday afternoon?",
     "whenever works, just call me. the posting closes friday", "Thursday afternoon is perfect, thank you!",
     "which of the times offered"),
    # A proposal needs a yes, a no or a word on it.
    ("Would you be open to a 6-month contract rather than a permanent role?",
     "Honestly I'm really looking for something permanent, is the Data Analyst role still open?",
     "A 6-month contract would suit me well, thank you!", '"a 6-month contract"'),
    # The times in one sentence, the question in the next (audit 66-19).
    ("Sure! I could do Wednesday at 4pm or Monday at 9am. Which is better for you?",
     "Thank you!! Could we do a video call instead of a phone call?", "Monday at 9am is perfect, thank you!",
     "which of the times offered"),
    # Whether to act on it now needs a yes or a no (audit 66-23).
    ("I can refer you for the Analyst II role, not the senior one. Want me to go ahead?",
     "Thanks Dana, fair enough. I've led projects on my own for years, so the senior level felt right to me.",
     "Yes please, that would be great. Thank you!", "whether you want them to go ahead"),
    # A condition is a view (audit 68-14).
    ("Would you be open to relocating to Lisbon?", "Thanks Julia! What does the team work on?",
     "I can consider it only if the company covers the move.", '"relocating"'),
    # A range asked back is no answer to theirs (audit 67-14).
    ("Before I submit: what are your salary expectations?", "Depends what you're offering. What's the range?",
     "Around 95k, but I'm open to discussing the range.", "salary expectations"),
    # What one earns now is not what one expects (audit 70-20); years of experience are no figure of pay.
    ("Before I share it: what are your salary expectations for this role?",
     "Thank you! I have 6 years in QA. What is the range for this position? At my current job I earn 48k EUR.",
     "I'm currently on 48k EUR, so I'd be looking for something like 55-60k. Maybe 58k?", "salary expectations"),
    ("Before I share it: what are your salary expectations for this role?", "Thank you! What do you usually pay?",
     "Thank you!! About salary I am not sure, maybe 120 000 - 135 000 per year?", "salary expectations"),
    # The pay named first, the question of the figure after it (audit 72-17).
    ("Happy to refer you. HR always asks for salary expectations in the referral form. What range should I put down?",
     "Thank you Greg! Before I give a number, can you tell me the budget for this role?",
     "Thank you Greg! Please put 120-135k AED a month.", "salary expectations"),
])
def test_their_question_of_time_start_pay_or_place_needs_an_answer(theirs, unanswered, answered, named):
    """Their last message asks when the user is free, when they could start, what they expect to earn or
    whether they would move: a reply with no time, duration, figure or word on the place gets reply.unanswered
    naming the question; a reply that answers it does not."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Dana, could you refer me for the Data Analyst "
                                                               "role (job ID 48213) at Acme?"),
                              ThreadMessage(sender="them", text=theirs)])
    [f] = findings(unanswered, "reply.unanswered", thread=thread, recipient_name="Dana Whitfield")
    assert named in f.message and f.message.startswith("Dana asked")
    assert "referral tool" not in f.message  # not a question a referral tool needs answered
    assert "reply.unanswered" not in codes(answered, thread=thread, recipient_name="Dana Whitfield")


def test_a_day_gone_is_no_time_offered():
    """"How did the onsite go on Tuesday?" asks how it went, not which time works (audit 74-19)."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Ben, thanks again for referring me!"),
                              ThreadMessage(sender="them", text="Hey! How did the onsite go on Tuesday?")])
    assert "reply.unanswered" not in codes("I think it went well, thanks for asking! The system design round was fun.",
                                          thread=thread, recipient_name="Ben Okafor")


def test_a_day_in_their_plan_is_no_time_offered_and_the_posting_is_an_id():
    """"I'll walk it over to HR on Monday" in their request names their plan, not times to pick; "The posting is
    FAC-2291" gives the job they asked for (audit 64-13)."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Bill, could you refer me at Harlow?"),
                              ThreadMessage(sender="them", text="Happy to. Send me the posting number and your resume "
                                                                "and I'll walk it over to HR on Monday.")])
    reply = "Thanks so much, Bill! The posting is FAC-2291, Facilities Technician II, and my resume is attached."
    assert "reply.unanswered" not in codes(reply, thread=thread, recipient_name="Bill Ortega")
    [f] = findings("Thanks so much, Bill! My resume is attached.", "reply.unanswered", thread=thread,
                   recipient_name="Bill Ortega")
    assert "which job" in f.message and "times offered" not in f.message


def test_a_further_favour_asked_in_a_reply_needs_an_out_an_answer_to_their_yes_does_not():
    """They spoke last, so a reply needs no "no worries if not", unless it asks them for more: a referral for
    another opening after a no, or for a friend."""
    from protocol.page import Thread, ThreadMessage

    def thread(theirs):
        return Thread(messages=[ThreadMessage(sender="me", text="Hi Arjun, could you refer me for the Trade "
                                                                 "Compliance role (SC-1999) at Straits?"),
                                ThreadMessage(sender="them", text=theirs)])
    no = thread("I referred you, but sadly they went with someone else.")
    again = "Thanks for letting me know. There's a Senior Executive opening now (SC-2041), could you refer me for that one too?"
    assert "courtesy.out-missing" in codes(again, thread=no, recipient_name="Arjun Pillai")
    assert "courtesy.out-missing" not in codes(again + " No worries at all if not.", thread=no,
                                               recipient_name="Arjun Pillai")
    yes = thread("Happy to refer you, just send me the job ID.")
    assert "courtesy.out-missing" not in codes("Here it is: SC-1999. Could you refer me for it? Thanks!", thread=yes,
                                               recipient_name="Arjun Pillai")


@pytest.mark.parametrize("theirs", [
    "Hey! How are you? I'll submit it today.",  # a greeting asks nothing to answer
    "Our salary bands are on the careers page, by the way. Good luck!",  # told, not asked
    "What drew you to Acme?",  # an open question: no kind of answer to look for
])
def test_greetings_statements_and_open_questions_are_not_held_against_a_reply(theirs):
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Dana, could you refer me at Acme?"),
                              ThreadMessage(sender="them", text=theirs)])
    assert "reply.unanswered" not in codes("Thank you so much, Dana!", thread=thread, recipient_name="Dana Whitfield")


def test_the_role_s_range_asked_back_after_they_raised_pay_or_of_a_recruiter_is_no_secret():
    """Their last message asked the user's salary expectations, or the thread's participant is a recruiter by
    their headline: the role's range asked in return is the same talk, not privacy.confidential. Asked of a
    referrer who raised nothing of the kind, it still is."""
    from protocol.page import Thread, ThreadMessage

    def thread(theirs, headline=None):
        return Thread(participant=Profile(name="Rachel Goldberg", headline=headline),
                      messages=[ThreadMessage(sender="me", text="Hi Rachel, could you refer me for the FP&A Analyst "
                                                                 "role (job 22-417)?"),
                                ThreadMessage(sender="them", text=theirs)])
    draft = "Thank you! I hope for around 95k, and I'm flexible. What is the range for this role?"
    raised = thread("Before I set up a call with the hiring manager, what are your salary expectations?")
    assert "privacy.confidential" not in codes(draft, thread=raised, recipient_name="Rachel Goldberg")
    recruiter = thread("Sure, I'll make sure to pass it on.", headline="Senior Technical Recruiter at Kestrel")
    assert "privacy.confidential" not in codes(draft, thread=recruiter, recipient_name="Rachel Goldberg")
    referrer = thread("Sure, I'll make sure to pass it on.", headline="FP&A Manager at Kestrel")
    assert "privacy.confidential" in codes(draft, thread=referrer, recipient_name="Rachel Goldberg")


def test_a_reply_in_a_conversation_that_already_named_the_role_is_no_vague_ask():
    """The user's first message named the role by title and job ID: a reply that speaks of "a referral" or is
    three words long is not told to name a role (ask.vague, ask.role-missing); with no role in the thread it
    still is. "The referral bonus" is the programme, never an ask."""
    from protocol.page import Thread, ThreadMessage

    def thread(mine):
        return Thread(messages=[ThreadMessage(sender="me", text=mine),
                                ThreadMessage(sender="them", text="Happy to chat first. Does Thursday or Friday work?")])
    named = thread("Hi Dana, could you refer me for the Service Desk Analyst II role (job 48213) at Acme?")
    unnamed = thread("Hi Dana, could you refer me at Acme?")
    pushed = "A referral is just a form for you, could you do it this week?"
    for draft in ("ya sure whenever", pushed):
        assert not codes(draft, thread=named, recipient_name="Dana Lee") & {"ask.vague", "ask.role-missing"}
    assert codes(pushed, thread=unnamed, recipient_name="Dana Lee") & {"ask.vague", "ask.role-missing"}
    assert "ask.vague" not in codes("Also, you'd get the referral bonus too, so it's a win-win for both of us!",
                                    thread=thread("Hi Dana!"), recipient_name="Dana Lee")


@pytest.mark.parametrize("headline, recruiter", [
    ("Senior Technical Recruiter at Brightloom", True),
    ("Responsable acquisition de talents chez Brightloom", True),
    ("HR Business Partner | Brightloom", True),
    ("Engineering Manager at Brightloom | We're hiring!", False),
])
def test_a_referral_asked_of_a_recruiter_is_told_what_a_recruiter_does(headline, recruiter):
    """Asked of someone whose headline says they recruit, a referral ask gets relationship.cold-ask's recruiter
    card (ask to be considered for one named role), whatever the history; a manager whose headline says they are
    hiring gets the card for a stranger."""
    profile = Profile(name="Tomás Ferreira", headline=headline, current_company="Brightloom", degree=3)
    [f] = findings("Hello, I am a full stack developer. Please refer me at Brightloom for any opening.",
                   "relationship.cold-ask", surface="connection_note", profile=profile)
    assert ("asks a recruiter" in f.message) == recruiter
    assert ("put their name behind you" in f.message) == (not recruiter)


def test_what_the_conversation_already_said_the_reply_need_not_say_again():
    """The user's first message in the thread named the company and summed up their fit: a reply that asks
    for the referral again is not told to name the company or to sum up the fit; with a first message that
    did neither, it is."""
    from protocol.page import Thread, ThreadMessage

    def thread(mine):
        return Thread(messages=[ThreadMessage(sender="me", text=mine),
                                ThreadMessage(sender="them", text="Happy to help. Why leave after 8 months?")])
    told = thread("Hi Priyanka, I'm a growth marketer with five years at Deliveroo, and I'd love to join Quillon "
                  "as Growth Lead (job 48213).")
    bare = thread("Hi Priyanka, could we chat?")
    reply = "It's a long story, I can explain on a call. Anyway, can you refer me for the growth role?"
    gaps = {"ask.company-missing", "background.missing"}
    assert not codes(reply, thread=told, recipient_name="Priyanka Rao", company="Quillon") & gaps
    assert codes(reply, thread=bare, recipient_name="Priyanka Rao", company="Quillon") >= gaps


def test_a_posting_placed_as_theirs_by_id_in_a_personal_draft_needs_no_company_name():
    text = ("Lukas Weber suggested I write to you. I applied for your Senior SAP Developer role (job 48213). "
            "Would you be open to referring me?")
    assert "ask.company-missing" not in codes(text, recipient_name="Max Brandl", company="Alpenkraft Energie")
    assert "ask.company-missing" in codes("I applied for your Senior SAP Developer role (job 48213). Would you be "
                                          "open to referring me?", recipient_name="Max Brandl",
                                          company="Alpenkraft Energie")


def test_a_no_with_the_verb_left_out_is_a_no():
    """"So I won't be able to this time" declines as "I can't refer you" does: pushing on gets followup.stop."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Elise, could you refer me for the Analyst role (job 48213)?"),
        ThreadMessage(sender="them", text="I'm sorry, but I only refer people whose work I know first-hand, so I "
                                          "won't be able to this time. Best of luck!")])
    assert "followup.stop" in codes("I understand, but can you just submit my name?", thread=thread,
                                    recipient_name="Elise Martin")


def test_a_recruiter_of_your_own_process_has_your_application():
    """To someone whose headline says recruiter, a draft that says the writer is in their process ("I'm
    interviewing for…") is not told to sum up the fit or offer a resume; to a manager it still is."""
    draft = ("Hi Nadia, I'm interviewing for the Account Executive role at Quaymark next week. Could you tell me "
             "more about the team?")
    for headline, told in (("Senior Recruiter at Quaymark", False), ("Sales Director at Quaymark", True)):
        profile = Profile(name="Nadia Haddad", headline=headline, current_company="Quaymark", degree=2)
        found = codes(draft, surface="inmail", profile=profile, subject="Account Executive interview")
        assert bool(found & {"background.missing", "materials.missing"}) == told, (headline, found)


def test_an_old_pleasantry_of_theirs_is_no_message_to_answer():
    """Their only message is a "thanks for connecting" from eight months ago: a new ask is written afresh (no
    reply.late, and the out and resume cards still judge it); a draft that answers it is a late reply."""
    from datetime import datetime, timezone

    from protocol.page import Thread, ThreadMessage

    now = datetime(2026, 12, 7, tzinfo=timezone.utc)
    thread = Thread(messages=[ThreadMessage(sender="them", text="Obrigada for connecting, Rafael! Good luck.",
                                            sent_at="2026-03-14T19:40:00+00:00")])
    ask = ("Hi Ines! I saw you're looking for a chef de partie at Grupo Mare. I've run the grill at Taberna Velha "
           "for 3 years. Would you put my name forward?")
    found = codes(ask, thread=thread, now=now, recipient_name="Ines Carvalho", company="Grupo Mare")
    assert "reply.late" not in found and {"courtesy.out-missing", "materials.missing"} <= found
    assert "reply.late" in codes("Thanks so much, Ines! Here is my CV.", thread=thread, now=now,
                                 recipient_name="Ines Carvalho", company="Grupo Mare")


def test_the_email_they_asked_for_is_part_of_the_answer():
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Siddharth, could you refer me for the Senior Engineer role?"),
        ThreadMessage(sender="them", text="Apply first, then send me the req number and the email you used.")])
    [f] = findings("Applied! req is 5521.", "reply.unanswered", thread=thread, recipient_name="Siddharth Rao")
    assert "the email you applied with" in f.message and "which job" not in f.message
    assert "reply.unanswered" not in codes("Applied! req is 5521, and I used ana.lee@example.com.", thread=thread,
                                           recipient_name="Siddharth Rao")


def test_a_yes_or_no_question_about_the_writer_or_their_experience_wants_an_answer():
    """Beyond the kinds the rule knows (which job, resume, times, pay...), a yes-or-no question about the writer
    ("are you a US citizen?", "whether you hold your ECS card") or one about their experience with a named thing
    is answered by a yes or a no, or by taking up its topic; a reply that does neither is told, quoting it."""
    def thread(theirs):
        return _exchange("Hi Mike, could you refer me for the Test Engineer role?", theirs)

    citizen = thread("Sure. Can you send me your resume? Also, are you a US citizen? The role needs a clearance.")
    [f] = findings("Thank you so much Mike! Here is my resume: https://example.com/cv.pdf", "reply.unanswered",
                   thread=citizen, recipient_name="Mike Doyle")
    assert '"are you a US citizen?"' in f.message and "resume" not in f.message.split("and this reply")[0]
    for answer in ("Thanks Mike! Resume attached. Yes, I'm a US citizen and hold an active Secret clearance.",
                   "Thanks! My resume: https://example.com/cv.pdf. I'm a green card holder, not a citizen.",
                   "Resume attached! No, I'm on an H-1B, so I understand if that rules me out."):
        assert "reply.unanswered" not in codes(answer, thread=citizen, recipient_name="Mike Doyle"), answer
    card = thread("Can you send me a couple of lines on your experience and whether you hold your ECS gold card?")
    [f] = findings("Is the job day rate or PAYE? And is there overtime?", "reply.unanswered", thread=card,
                   recipient_name="Mike Doyle")
    assert "whether you hold your ECS gold card" in f.message
    assert "reply.unanswered" not in codes("Six years on commercial fit-outs, and yes, my ECS gold card is current.",
                                           thread=card, recipient_name="Mike Doyle")
    plc = thread("Before I pass your name on, what's your experience with PLCs, Allen-Bradley specifically?")
    [f] = findings("All the details are in my CV. Thanks!", "reply.unanswered", thread=plc, recipient_name="Mike Doyle")
    assert "experience with PLCs" in f.message
    assert "reply.unanswered" not in codes("Four years programming Allen-Bradley PLCs on packaging lines. Thanks!",
                                           thread=plc, recipient_name="Mike Doyle")
    # Small talk and an open question are not this kind: "what are you up to?" has no yes or no.
    assert "reply.unanswered" not in codes("All good here, job hunting! Thanks for asking.",
                                           thread=thread("Good to hear from you! What are you up to these days?"),
                                           recipient_name="Mike Doyle")


def test_years_fit_and_notice_questions_want_their_own_kind_of_answer():
    def asked(theirs):
        return _exchange("Hi Megan, could you refer me for the AE role?", theirs)

    fit = asked("Before I refer you: what makes you a strong fit for the Account Executive role specifically?")
    [f] = findings("I am a hard-working, passionate and result-oriented person with excellent communication skills.",
                   "reply.unanswered", thread=fit, recipient_name="Megan Cole")
    assert "what makes you a fit" in f.message
    assert not findings("I closed 118% of quota last year selling payroll software to 50-200 person firms.",
                        "reply.unanswered", thread=fit, recipient_name="Megan Cole")
    years = asked("Which role, and how many years of backend experience do you have?")
    [f] = findings("It's the Backend Engineer role, job 4471. I love building APIs!", "reply.unanswered",
                   thread=years, recipient_name="Megan Cole")
    assert "how many years" in f.message and "which job" not in f.message
    notice = asked("Thanks, I can refer you. What's your notice period at your current employer?")
    assert findings("My notice is flexible, I think we can work something out. Let me know the next steps!",
                    "reply.unanswered", thread=notice, recipient_name="Megan Cole")
    assert not findings("One month, so I could start on 1 February.", "reply.unanswered", thread=notice,
                        recipient_name="Megan Cole")
    cv = asked("Sure, can you send me your resume?")
    assert findings("Thanks! Will send resume later.", "reply.unanswered", thread=cv, recipient_name="Megan Cole")
    assert not findings("Thanks! I'll send my resume tomorrow morning.", "reply.unanswered", thread=cv,
                        recipient_name="Megan Cole")
    both = asked("Can you send me your CV and tell me which position you're interested in?")
    [f] = findings("I don't have an updated CV right now. Can you just call me?", "reply.unanswered", thread=both,
                   recipient_name="Megan Cole")
    assert "which job" in f.message and "resume" in f.message


def test_a_courteous_note_to_the_recruiter_on_a_posting_is_specific_and_needs_no_out():
    """To a recruiter, a note that names their posting is no mass message and, thanking them and asking no
    referral, needs no out; the same note to an engineer gets both cards, and a curt one to the recruiter the out."""
    text = "Hi Elodie, I saw your Data Analyst posting (ref. DA-2291). May I send you my CV? Thank you!"
    for headline, cards in (("Talent Acquisition at Opaline", set()),
                            ("Data Engineer at Opaline", {"personal.generic", "courtesy.out-missing"})):
        profile = Profile(name="Elodie Marchand", headline=headline, current_company="Opaline", degree=2)
        assert codes(text, profile=profile) & {"personal.generic", "courtesy.out-missing"} == cards, headline
    curt = "applied 4 times at opaline no callback. whats the deal?? call me"
    recruiter = Profile(name="Elodie Marchand", headline="Recruiter at Opaline", current_company="Opaline", degree=3)
    assert "courtesy.out-missing" in codes(curt, profile=recruiter)


def test_a_place_their_own_profile_names_is_no_other_company():
    """'The opening at JKIA' to someone whose About says they work out of JKIA is a site of theirs, not another
    employer; a company their profile never mentions still is."""
    profile = Profile(name="Wanjiru Kamau", current_company="Savanna Aero Technics", degree=1,
                      about="Head of line maintenance, out of JKIA since 2019.")
    text = "I've applied for the B1 Licensed Engineer opening at {}, req SAT-0912. Would you put my name forward?"
    assert "fact.company-mismatch" not in codes(text.format("JKIA"), profile=profile)
    assert "fact.company-mismatch" in codes(text.format("Kenya Airways"), profile=profile)


def test_a_firm_is_named_without_the_kind_of_firm_it_is():
    assert "ask.company-missing" not in codes("Could you refer me for the Architect II role at Lim Teo?",
                                              recipient_name="Mei Lim", company="Lim Teo Architects")


def test_a_company_named_in_the_conversation_or_as_hiring_needs_no_repeating():
    """Their company unknown (no page of theirs gives it), a company the user's first message named settles it,
    and "Kora Bank has a Product Manager role" names one."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Anna, I admire Norrsken's work for Fjällgården and saw the Senior Brand "
                                        "Designer role. Could we have a short chat before I apply?"),
        ThreadMessage(sender="them", text="Happy to chat. Does Thursday at 4pm CET work for you?")])
    draft = "Yes, Thursday at 4pm works! Could you refer me before the call? Resume attached. Thanks!"
    assert "ask.company-missing" not in codes(draft, thread=thread, recipient_name="Anna Lind")
    assert "ask.company-missing" in codes(draft, thread=_their_thread("Happy to chat. Does Thursday at 4pm work?"),
                                          recipient_name="Anna Lind")
    assert "ask.company-missing" not in codes("I saw Kora Bank has a Product Manager role, can you refer me? Thanks!")


def test_a_posting_by_id_or_their_team_and_something_of_theirs_need_no_company_name():
    """A job ID, or the ask placed on their team, with a line only they could be sent (their post, a shared
    past) scopes the ask and shows it was written for them: the company's name adds nothing."""
    profile = Profile(name="Pieter Jansen", headline="Site Director at Havenlijn Logistics",
                      current_company="Havenlijn Logistics", degree=2,
                      posts=[Post(text="Our Moerdijk cross-dock is 60% built, opening in spring.")])
    text = ("I read your post about the Moerdijk cross-dock; I'm writing about the Shift Lead Inbound vacancy "
            "there ({}). Would you pass my CV to the hiring manager? Thank you!")
    assert "ask.company-missing" not in codes(text.format("HL-3318"), surface="inmail", profile=profile, subject="HL-3318")
    assert "ask.company-missing" in codes(text.format("on the site"), surface="inmail", profile=profile,
                                          subject="Shift Lead")


def test_any_other_role_after_theirs_was_filled_is_a_vague_ask():
    """The conversation named a role, and the reply asks for "any other role": that one is not settled."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Daniel, could you refer me for the Front Office Manager role?"),
        ThreadMessage(sender="them", text="Sorry, I checked with HR and the Front Office Manager role was filled.")])
    found = codes("Oh no, thanks for checking. Could you refer me for any other role at Meridian then?",
                  thread=thread, recipient_name="Daniel Osei")
    assert "ask.vague" in found and "ask.role-missing" in found
    assert "ask.vague" not in codes("Oh no, thanks for checking! Please keep me in mind, I'll watch the careers page.",
                                    thread=thread, recipient_name="Daniel Osei")


def test_the_posting_s_own_closing_date_wished_for_is_a_warning_and_the_needful_gets_a_real_question():
    """A real closing date with the hope to hear back before it is still a push, but a mild one; "please reply
    before then" stays an error. "Please do the needful" turned into a question is still the idiom: the fix asks
    for help instead, and "GD&T." ends its sentence (no initial)."""
    [soft] = findings("Could you refer me? Applications close Thursday so it would be great to hear back before then.",
                      "tone.demanding")
    assert soft.severity == "warning" and "closing date" in soft.message
    [hard] = findings("Could you refer me? Applications close Thursday so please reply before then.", "tone.demanding")
    assert hard.severity == "error"
    text = "I have 4 years of experience in SolidWorks and GD&T. Please do the needful. Thanking you, Rohit"
    [f] = findings(text, "tone.demanding")
    assert f.fix.replacement == "Would you be able to help with this?"
    assert text[f.fix.range.start:f.fix.range.end] == "Please do the needful."


def test_a_reply_to_a_referral_done_promises_to_tell_them_how_it_goes():
    thread = _their_thread("Done, I've referred you for the Data Engineer role. Good luck!")
    [f] = findings("Thanks!", "referral.keep-updated", thread=thread, recipient_name="Raj Mehta")
    assert f.severity == "hint" and "I'll keep you posted" in f.suggestion and f.message.startswith("Raj")
    assert not findings("Thank you so much, Raj! I'll let you know how it goes.", "referral.keep-updated",
                        thread=thread, recipient_name="Raj Mehta")
    assert not findings("Thanks!", "referral.keep-updated", recipient_name="Raj Mehta",
                        thread=_their_thread("Send me the job ID and I need it to submit the referral in our portal."))


def test_a_referral_asked_before_the_talk_they_offered_waits_for_it():
    offered = _exchange("Hi Anna, could we have a short chat about the Brand Designer role?",
                        "Hi Sofia, happy to chat. Does Thursday at 4pm CET work for you?")
    for draft in ("Yes, Thursday at 4pm works! Also, could you refer me before the call?",
                  "Thursday works, thanks! In the meantime could you already submit my referral for JR-5520?"):
        [f] = findings(draft, "relationship.cold-ask", thread=offered, recipient_name="Anna Lind")
        assert f.message.startswith("Anna offered to talk first"), draft
    assert not findings("Yes, Thursday at 4pm works! Talk then.", "relationship.cold-ask", thread=offered,
                        recipient_name="Anna Lind")
    agreed = _exchange("Hi, could you refer me for the QA role?",
                       "Sure, I can refer you. Send me your CV. Happy to chat too if useful.")
    assert not findings("Thanks! CV attached. Could you refer me for the QA role?", "relationship.cold-ask",
                        thread=agreed, recipient_name="Anna Lind")


def test_a_referral_asked_right_after_they_said_you_never_met_is_a_cold_ask():
    wary = _their_thread("Hi Priya, no problem. I don't think we've met though - how did you find me?")
    draft = "Hi Lucas, you're right, we haven't met. I found you through a search. Can you refer me for the Analyst role?"
    [f] = findings(draft, "relationship.cold-ask", thread=wary, recipient_name="Lucas Moreau")
    assert f.message.startswith("Lucas just said you have not met")
    assert not findings("We met at the Lisbon meetup in May! Can you refer me for the Analyst role?",
                        "relationship.cold-ask", thread=wary, recipient_name="Lucas Moreau")


def test_after_their_i_ve_referred_you_neither_fit_nor_company_is_asked_again():
    thread = _their_thread("Done, I've referred you for the FP&A Analyst role. Fingers crossed!")
    found = codes("Thank you so much!! Could you also refer me for the Treasury Analyst role?", thread=thread,
                  recipient_name="Fatima Idrissi")
    assert "background.missing" not in found and "ask.company-missing" not in found
    assert "referral.keep-updated" in found


def test_a_draft_asking_nobody_to_vouch_needs_no_summary_of_fit():
    text = ("Hi Laura, thanks for connecting! I have an interview for the Credit Analyst role at Veridian next week. "
            "Could you tell me a bit about the team's culture? Thanks!")
    assert "background.missing" not in codes(text)
    assert "background.missing" in codes(text.replace("Could you tell me a bit about the team's culture?",
                                                      "Could you refer me for it?"))


def test_a_recruiter_s_own_posting_says_where_the_role_is():
    text = "I saw your post about the Senior Resource Geologist openings and have applied for JR-20871. Thank you!"
    for headline, missing in (("Talent Acquisition Partner at Redgum Minerals", False),
                              ("Chief Geologist at Redgum Minerals", True)):
        profile = Profile(name="Bronwyn Hale", headline=headline, current_company="Redgum Minerals", degree=2)
        assert ("ask.company-missing" in codes(text, surface="inmail", profile=profile,
                                               subject="Senior Resource Geologist")) == missing, headline


def test_shorthand_in_a_reply_is_flagged_unless_their_own_messages_talk_that_way():
    """Their formal question on the page does not make "u" and "lol" how the two of you talk; their own "lol" does."""
    draft = "sure! could u just refer me before the call so i dont miss the deadline lol"
    formal = codes(draft, recipient_name="Dana Whitfield",
                   thread=_their_thread("Happy to talk. Would Thursday at 10 work for a call?"))
    casual = codes(draft, recipient_name="Dana Whitfield",
                   thread=_their_thread("haha sure, thursday work for u? lol"))
    assert "tone.register" in formal
    assert "tone.register" not in casual


def test_missing_thanks_in_an_answer_that_asks_no_favour_is_not_called_entitled():
    """Answering a recruiter's question asks no favour: thanks are due for their reply, and the card says so."""
    thread = _their_thread("Would you be open to relocating to Rotterdam, and when could you start?")
    answer = findings("Yes, I'd be open to relocating. I could start from 1 February.", "courtesy.gratitude-missing",
                      recipient_name="Dana Whitfield", thread=thread)
    ask = findings("Could you refer me for the Data Analyst role at Acme?", "courtesy.gratitude-missing",
                   recipient_name="Dana Whitfield")
    assert len(answer) == 1 and "favour" not in answer[0].message and "write to you" in answer[0].message
    assert len(ask) == 1 and "favour" in ask[0].message


def test_pay_asked_of_someone_who_writes_as_the_hiring_side_is_no_confidential_ask():
    """No headline says recruiter, but their messages do: the role's range is theirs to share; a colleague's pay is not."""
    thread = _their_thread("Hi, I'm recruiting a Senior Paralegal for Hollis & Grant. What's your notice period?")
    assert "privacy.confidential" not in codes("Four weeks. Could you tell me the salary range for the position?",
                                                 recipient_name="Priya Desai", thread=thread)
    assert "privacy.confidential" in codes("Four weeks. Could you tell me the salary range for the position?",
                                             recipient_name="Priya Desai", thread=_their_thread("Sure, happy to refer you."))
    assert "privacy.confidential" in codes("Four weeks. And what does Omar on the dispatch team earn?",
                                             recipient_name="Priya Desai", thread=thread)
    interview = _their_thread("Hi Lan, thanks for applying. Before I set up the first interview: what's your notice "
                              "period?")
    assert "privacy.confidential" not in codes("Two months. Can you tell me what is the salary range for this role?",
                                                 recipient_name="Priya Desai", thread=interview)


def test_we_at_a_place_on_their_profile_is_a_past_the_two_share():
    """A former colleague recalls "we" at an employer their profile lists: no cold-ask card; the employer named
    without "we" is no shared past."""
    profile = Profile(name="Tomas Aguilar", headline="Engineering Manager at Brightline Grid", degree=1,
                      current_company="Brightline Grid",
                      experience=[Experience(company="Brightline Grid", roles=[Role(current=True)]),
                                  Experience(company="Sunmesh", roles=[Role()])])
    ask = " Would you be comfortable referring me for the Senior Backend Engineer opening (BG-2291)?"
    shared = codes("I still think about the night we spent chasing that inverter bug at Sunmesh." + ask,
                   profile=profile)
    seen = codes("I saw on your profile that you were at Sunmesh." + ask, profile=profile)
    assert "relationship.cold-ask" not in shared
    assert "relationship.cold-ask" in seen


@pytest.mark.parametrize("text, kind, example", [
    ("I'm very interested in a front office manager role there. Would you refer me?", '"a front office manager role"',
     '"the Front Office Manager role, job ID 48213"'),
    ("Could you refer me to any PM role at Stripe?", '"any PM role"', '"the PM role, job ID 48213"'),
])
def test_a_title_sought_as_a_kind_of_job_is_quoted_not_called_missing(text, kind, example):
    (finding,) = findings(text, "ask.role-missing", company="Stripe")
    assert kind in finding.message and "names no job title" not in finding.message
    assert example in finding.suggestion


@pytest.mark.parametrize("text", [
    "I'm looking for a backend role at Stripe. Could you refer me?",
    "Could you refer me for any open positions and forward my CV to the relevant hiring managers?",
])
def test_a_draft_without_any_title_is_told_it_names_none(text):
    (finding,) = findings(text, "ask.role-missing", company="Stripe")
    assert "names no job title" in finding.message


def test_a_referrer_thanked_among_other_thanks_is_not_asked_for_a_resume_they_have():
    text = ("Thanks for letting me know, Chen, and for referring me in the first place. Also I saw a Platform Engineer "
            "opening on the infra team, could you refer me for that one too?")
    found = codes(text, company="Stripe")
    assert "materials.missing" not in found and "background.missing" not in found
    # Without the thanks for the referral, the same ask is a first one and needs both.
    found = codes(text.replace(", and for referring me in the first place", ""), company="Stripe")
    assert {"materials.missing", "background.missing"} <= found


@pytest.mark.parametrize("text, severity", [
    ("Could you tell me the salary range for this role?", "warning"),
    ("Is it possible to know what is the salary range for the buyer position?", "warning"),
    ("Also please tell me what the salary range is for senior accountants there.", "warning"),
    ("Could you share the salary band for the role?", "error"),
    ("Whats the range for this role and what are the other reps on?", "error"),
    ("And what comp range did they approve for the L5 role?", "error"),
    ("How much do you make?", "error"),
    ("I've applied for the Data Analyst role. Could you send me the salary range?", "warning"),
    ("Could you send me the salary range?", "error"),
    ("Also what is the salary range for new hire RN in the ICU?", "warning"),
    # Asked outright, beside the role the draft names (audit 66-17); alone, it is still asked blind.
    ("I applied for the Senior Network Engineer role. Also what's the salary range?", "warning"),
    ("Also what's the salary range?", "error"),
])
def test_the_roles_pay_is_the_recruiters_to_discuss_not_a_secret(text, severity):
    (finding,) = findings(text, "privacy.confidential", company="Stripe", recipient_name="Sam Lee")
    assert finding.severity == severity
    assert ("recruiter's to discuss" in finding.message) == (severity == "warning")


def test_the_salary_range_of_the_role_your_own_message_named_is_the_roles_pay():
    """The writer's earlier message on the page names the role: "the salary range" later is that role's."""
    from protocol.page import Thread, ThreadMessage
    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi, I'm applying to the Android Engineer role and would love to learn more."),
        ThreadMessage(sender="them", text="Glad to chat. Could you do a call on Thursday?")])
    text = "Thursday works. Also, could you send me the salary range so I can prepare?"
    (role,) = findings(text, "privacy.confidential", recipient_name="Sam Lee", thread=thread)
    (bare,) = findings(text, "privacy.confidential", recipient_name="Sam Lee", thread=_their_thread(
        "Glad to chat. Could you do a call on Thursday?"))
    assert (role.severity, bare.severity) == ("warning", "error")


def test_a_hospital_is_named_as_its_staff_say_it():
    """"St. Brennan's" names St. Brennan's University Hospital, and "our years … at the Royal Liffey" recalls Royal
    Liffey Hospital on their profile: no company card, no cold-ask card."""
    profile = Profile(name="Adaeze Nwosu", headline="CNM3, ICU at St. Brennan's University Hospital", degree=1,
                      current_company="St. Brennan's University Hospital",
                      experience=[Experience(company="St. Brennan's University Hospital", roles=[Role(current=True)]),
                                  Experience(company="Royal Liffey Hospital", roles=[Role()])])
    text = ("I hope you're keeping well since our years on the ICU night roster at the Royal Liffey! I saw St. "
            "Brennan's is growing the unit, and I've applied for the Clinical Nurse Manager 2 post (ref. CNM2-0442). "
            "Would you feel comfortable referring me?")
    found = codes(text, profile=profile)
    assert not found & {"ask.company-missing", "relationship.cold-ask"}
    stranger = codes(text.replace("since our years on the ICU night roster at the Royal Liffey", "")
                     .replace("St. Brennan's", "the hospital"), profile=profile)
    assert {"ask.company-missing", "relationship.cold-ask"} <= stranger


def test_questions_to_a_recruiter_who_wrote_first_are_not_called_a_favour():
    """A recruiter reached out about a role: questions back miss a thank-you for that, not for a favour."""
    thread = _their_thread("Hi Samir, I'm recruiting for a Senior Frontend Engineer at Tessellate. Would you be open "
                           "to relocating to Austin?")
    text = "Hi Olivia, yes I could consider it. Is there a relocation package? And how many days a week in office?"
    [card] = findings(text, "courtesy.gratitude-missing", recipient_name="Olivia Grant", thread=thread)
    assert "reached out to you about a role" in card.message and "favour" not in card.message
    assert "Thanks for reaching out" in card.suggestion
    [card] = findings(text, "courtesy.gratitude-missing", recipient_name="Olivia Grant",
                      thread=_their_thread("Sure, happy to refer you. Which role?"))
    assert "favour" in card.message


def test_a_question_to_a_recruiter_about_ones_own_application_needs_no_company_or_personal_line():
    recruiter = Profile(name="Hannah Cole", headline="Talent Acquisition Partner at Meridian Bank",
                        current_company="Meridian Bank")
    peer = Profile(name="Hannah Cole", headline="Risk Manager at Meridian Bank", current_company="Meridian Bank")
    text = ("I applied for the Senior Risk Analyst job (req 44812) three weeks ago. Could you tell me where my "
            "application stands? Thank you!")
    assert not codes(text, profile=recruiter) & {"ask.company-missing", "personal.generic"}
    assert {"ask.company-missing", "personal.generic"} <= codes(text, profile=peer)


def test_a_referral_asked_for_a_friend_in_a_reply_is_still_an_ask():
    """'Could you refer her as well?' asks a referral, even after 'thanks again for referring me': the friend's
    resume is worth offering."""
    thread = _their_thread("So glad it worked out! Let me know if I can ever help.")
    text = ("Thanks again for referring me! My friend Reshma, a maths teacher with 6 years' experience, is applying "
            "for the Grade 8 vacancy. Could you refer her as well?")
    assert "materials.missing" in codes(text, recipient_name="Anita Rao", thread=thread)
    assert "materials.missing" not in codes(text.replace(" Could you refer her as well?", " Wish her luck!"),
                                            recipient_name="Anita Rao", thread=thread)


def test_a_phrase_of_their_about_echoed_is_something_of_theirs():
    """"You review portfolios for career changers" repeats their About: specific to them; their headline's
    words echoed ("Principal Product Designer at Loomwell") are not."""
    profile = Profile(name="Hannah Obi", headline="Principal Product Designer at Loomwell", degree=2,
                      current_company="Loomwell",
                      about="I design tools for people who make things. Once a month I review portfolios for career "
                            "changers.")
    ask = " Would you be willing to look at my portfolio? Thank you!"
    assert "personal.generic" not in codes("I saw in your About that you review portfolios for career changers." + ask,
                                            profile=profile)
    assert "personal.generic" in codes("I'm a print designer moving into product design at Loomwell." + ask,
                                        profile=profile)


def test_more_favours_after_their_referral_on_the_page():
    """Their last message says the referral is in: a reply with two new asks gets referral.more-favours marking the
    first; thanks and one question do not (audit 66-24)."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Dana, could you refer me for job 48213?"),
                              ThreadMessage(sender="them", text="Done, I submitted your referral this morning.")])
    piled = ("Amazing, thank you!! While I have you: could you message the hiring manager directly? "
             "And would you mind reviewing my case study deck?")
    [f] = findings(piled, "referral.more-favours", thread=thread, recipient_name="Dana Whitfield")
    assert f.message.startswith("Dana referred you") and "2 more things" in f.message
    assert span_text(piled, f).startswith("While I have you: could you message")
    assert "referral.more-favours" not in codes("Amazing, thank you!! Any tips for the interview?", thread=thread,
                                                recipient_name="Dana Whitfield")
    # Before they have referred you, asking is the ask itself.
    before = Thread(messages=[ThreadMessage(sender="them", text="Happy to help. What's the role?")])
    assert "referral.more-favours" not in codes(piled, thread=before, recipient_name="Dana Whitfield")


def test_a_note_of_congratulations_asks_nothing_and_owes_no_thanks():
    """"Congrats on the hackathon!" as a whole connection note is not an ask still being written: no ask, fit or
    thanks cards (held-out AI-011); once it asks, they come back."""
    note = "Hi Sam! Congrats on getting second in the hackathon. Can't wait to see what you build next."
    found = codes(note, surface="connection_note")
    assert not found & {"ask.role-missing", "ask.company-missing", "courtesy.gratitude-missing", "background.missing"}
    asked = codes(note + " Could you refer me for a role on your team?", surface="connection_note")
    assert {"ask.role-missing", "courtesy.gratitude-missing"} <= asked


def test_taking_up_what_they_offered_is_no_order():
    """"Please forward my CV to HR" after their "I can pass it to our HR team" takes up their offer (audit 64-17);
    the same words to someone who offered nothing order them."""
    from protocol.page import Thread, ThreadMessage

    text = "Thank you! My notice period is 60 days. Please forward my CV to HR."
    offered = Thread(messages=[ThreadMessage(sender="them", text="Hello Anand, I can pass it to our HR team. "
                                                                 "What is your notice period?")])
    assert not findings(text, "tone.demanding", thread=offered, recipient_name="Priya Nair")
    asked = Thread(messages=[ThreadMessage(sender="them", text="Hello Anand, what is your notice period?")])
    assert [span_text(text, f) for f in findings(text, "tone.demanding", thread=asked,
                                                  recipient_name="Priya Nair")] == ["forward my"]
    # "I'll have to pass on this one" declines; "just forward that" brushes off what they asked for.
    declined = Thread(messages=[ThreadMessage(sender="them", text="Sorry, I'll have to pass on this one.")])
    assert findings(text, "tone.demanding", thread=declined, recipient_name="Priya Nair")
    brushed = "everything is on my linkedin lol. just forward that"
    wanted = Thread(messages=[ThreadMessage(sender="them", text="Could you send me your resume? I'll forward it.")])
    assert findings(brushed, "tone.demanding", thread=wanted, recipient_name="Priya Nair")


def test_a_bare_acknowledgement_to_their_question_is_a_must_fix():
    """"ok" or "k thx" to "could you send me your resume?" says nothing else: an error, not a tip (audits 62-16,
    66-16); a longer reply that defers is a warning."""
    from protocol.page import Thread, ThreadMessage

    thread = Thread(messages=[ThreadMessage(sender="me", text="Hi Dana, could you refer me for job 48213?"),
                              ThreadMessage(sender="them", text="Sure! Could you send me your resume?")])
    for bare in ("ok", "k thx", "Ok noted."):
        [f] = findings(bare, "reply.unanswered", thread=thread, recipient_name="Dana Whitfield")
        assert f.severity == "error" and "do not send it" in f.message, bare
    [f] = findings("ok maam noted, will send it later. thanks", "reply.unanswered", thread=thread,
                   recipient_name="Dana Whitfield")
    assert f.severity == "warning"


def test_more_favours_after_their_yes_and_a_pass_that_passes_it_on():
    """A yes on the page ("Yes of course, could you send me your CV? I'll pass it to our head of science") is
    help agreed: two new asks in the reply are a list of favours (audit 69-17). "I'll pass it to…" is no no;
    "I'll have to pass." is."""
    from protocol.page import Thread, ThreadMessage

    from companion.coach.intent import they_declined

    yes = Thread(messages=[ThreadMessage(sender="them", text="Lovely to hear from you. Yes of course, could you send "
                                                             "me your CV? I'll pass it to our head of science.")])
    reply = ("Thank you so much! I've attached my CV. Could you also pass it on to the other two schools? "
             "And do you know if Mr Adeyemi would be okay with me emailing him directly?")
    [f] = findings(reply, "referral.more-favours", thread=yes, recipient_name="Grace Obi")
    assert f.message.startswith("Grace agreed to refer you")
    assert they_declined(yes) is None
    assert they_declined(Thread(messages=[ThreadMessage(sender="them", text="Sorry, I'll have to pass.")]))


def test_pay_and_applicant_counts_asked_of_a_recruiter():
    """How many applied is the recruiter's to say (audit 69-18); what their staff are "on" is not (69-16)."""
    from protocol.page import Profile

    recruiter = Profile(slug="d", name="Dylan Ross", headline="Nurse Recruiter at St. Luke's")
    count = "Roughly how many people applied for this position?"
    assert "privacy.confidential" not in codes(count, profile=recruiter, recipient_name="Dylan Ross")
    assert "privacy.confidential" in codes(count)  # of a referrer, the pipeline stays theirs
    assert "privacy.confidential" in codes("btw what are your store managers on at the moment?", profile=recruiter,
                                           recipient_name="Dylan Ross")


def test_flattery_is_for_a_stranger_in_a_first_ask():
    """"You're a genius" to a stranger before the favour gets one tone.flattery card (audits 65-02, 69-09); in a
    reply to them, or closing thanks, it is warmth."""
    from protocol.page import Thread, ThreadMessage

    gush = "Your post is the best thing I've ever read, you're a genius. Could you refer me for job 48213 at Stripe?"
    [f] = findings(gush, "tone.flattery", company="Stripe")
    assert f.severity == "info" and span_text(gush, f) == "the best thing I've ever"
    replied = Thread(messages=[ThreadMessage(sender="them", text="Thanks for reaching out! Which role?")])
    assert not findings(gush, "tone.flattery", thread=replied, company="Stripe")
    assert not findings("Could you refer me for job 48213 at Stripe? Thanks, you're a legend!", "tone.flattery",
                        company="Stripe")


def test_one_confidential_ask_is_one_card_and_two_asks_are_two():
    one = findings("Could you send me the take-home test they usually give?", "privacy.confidential")
    assert len(one) == 1
    two = findings("Can you check in the system what stage my application is? And can you send me the take-home "
                   "test they usually give?", "privacy.confidential")
    assert len(two) == 2


def test_a_recruiter_is_not_told_about_a_referral_tool():
    text = "Hi Tamsin, are there any openings at Stratacore that someone like me could go for? Thanks!"
    to = {headline: CoachContext(surface="inmail", profile=Profile(slug="t", name="Tamsin Byrne", headline=headline))
          for headline in ("Technical Recruiter at Stratacore", "Site Reliability Engineer at Stratacore")}
    [recruiter] = [f for f in analyze(text, to["Technical Recruiter at Stratacore"]).findings
                   if f.code == "ask.role-missing"]
    [engineer] = [f for f in analyze(text, to["Site Reliability Engineer at Stratacore"]).findings
                  if f.code == "ask.role-missing"]
    assert "A recruiter fills many roles" in recruiter.message and "referral tool" not in recruiter.message
    assert "referral tool" in engineer.message


def test_a_full_note_is_told_to_trade_words_for_thanks_not_that_it_reads_as_entitled():
    full = ("Hi Ingrid, I liked your post on the 14% MAPE gain in day-ahead forecasting. I build load models at a "
            "Berlin utility; could I ask you two questions about how your team works? No worries if not. Aditya")
    [f] = findings(full, "courtesy.gratitude-missing", surface="connection_note")
    assert "1 character left" in f.message and "entitled" not in f.message and "Make room" in f.suggestion
    [short] = findings("Hi Ingrid, could I ask you two questions about how your team works?", "courtesy.gratitude-missing",
                       surface="connection_note")
    assert "entitled" in short.message
    # With Premium's 300 declared by the page, the same note has room to add the thanks.
    [roomy] = findings(full, "courtesy.gratitude-missing", surface="connection_note", limit=300)
    assert "entitled" in roomy.message


def test_a_freeze_is_a_no_not_a_yes():
    """"There's nothing I can refer you to right now" holds "I can refer", but it is a no (audit 85-23): a new
    ask after it is a re-ask, not a further favour from someone who agreed."""
    from protocol.page import Profile, Thread, ThreadMessage

    from companion.coach.intent import they_declined

    def last(text):
        return Thread(participant=Profile(slug="sofia", name="Sofía Ruiz"),
                      messages=[ThreadMessage(sender="me", text="Could you refer me for a dispatcher role?"),
                                ThreadMessage(sender="them", text=text)])

    freeze = last("Hi Diego, I'm sorry, we're under a hiring freeze until at least March, so there's nothing I "
                  "can refer you to right now.")
    assert they_declined(freeze)
    assert they_declined(last("Sorry, we are not hiring at the moment."))
    assert they_declined(last("There's no role I could refer you for yet."))
    assert they_declined(last("Yes, I can refer you for it this week.")) is None
    assert they_declined(last("We're hiring! I can refer you.")) is None
    reply = "That's a pity. In that case can you forward my CV to your contacts at Ruta Sur and Logimax?"
    assert not findings(reply, "referral.more-favours", thread=freeze, recipient_name="Sofía Ruiz")
    assert findings(reply, "followup.stop", thread=freeze, recipient_name="Sofía Ruiz")


def test_what_the_writer_said_before_is_not_the_topic_of_their_question():
    """"Are you already in touch with a recruiter at Verdance about this role?" is not answered by a reply that
    names the role again: the role and the company were the writer's own words (audit 84-22)."""
    recruiter = _exchange("Hi Felix, I'm applying for the Sustainability Consultant role at Verdance. Would you refer me?",
                          "Quick question before I do: are you already in touch with a recruiter at Verdance about "
                          "this role? If yes, I can't submit a referral for you.")
    [f] = findings("Thank you! My two years of LCA work at Okobau make me a strong fit for this role at Verdance.",
                   "reply.unanswered", thread=recruiter, recipient_name="Felix Brandt")
    assert "in touch with a recruiter" in f.message
    for answer in ("Thank you! No, I haven't spoken to anyone at Verdance yet.",
                   "Thanks! A recruiter, Jana, contacted me last week about it."):
        assert "reply.unanswered" not in codes(answer, thread=recruiter, recipient_name="Felix Brandt"), answer


def test_their_message_is_read_with_curly_apostrophes_as_with_straight_ones():
    """Phones and LinkedIn's editor write "I’ve referred you", "I don’t know your work well enough to refer you"
    (audits 84-16, 84-19): their message is read as a draft is, with straight apostrophes."""
    from companion.coach.intent import they_declined, they_referred

    referred = _exchange("Hi Ben, could you refer me for the AE role (JR-5521)?", "Hi Chloe, I’ve referred you. Good luck!")
    no = _exchange("Hi Nadia, could you refer me for the 2D Environment Artist position?",
                   "Sorry, I don’t know your work well enough to refer you. Best of luck!")
    assert they_referred(referred) and they_declined(no)
    more = "Thanks Ben! Could you also check with the hiring manager where my application stands and put in a " \
           "good word with the VP of Sales? And do you know anyone at Salesfront?"
    assert findings(more, "referral.more-favours", thread=referred, recipient_name="Ben Hart")
    assert findings("I understand, but could you make an exception just this once?", "followup.stop", thread=no,
                    recipient_name="Nadia Amari")


def test_asking_after_a_referral_never_agreed_to_presumes(tmp_path):
    """"Let me know once you've referred me" under their request for a call first (audit 84-21), and "did you
    get a chance to refer me yet?" to someone the log shows never answered (84-25), presume a yes; under their
    "Sure, send me your CV", or after their reply in the log, they do not."""
    from datetime import datetime, timedelta, timezone

    from companion.coach.outreach_view import to_ms
    from companion.store import LogDB

    def kinds(text, **ctx):
        return [f.data.get("kind") for f in findings(text, "tone.demanding", **ctx)]

    once = "Thanks Grace. Here is my resume: example.com/cv. Please let me know once you've referred me."
    call = _exchange("Hi Grace, could you refer me for the SRE role (SC-5590)?",
                     "I'd like to learn a bit more about you first. Could we do a quick call this week?")
    assert "presume" in kinds(once, thread=call, recipient_name="Grace Mwangi")
    sure = _exchange("Hi Grace, could you refer me for the SRE role (SC-5590)?", "Sure, could you send me your CV?")
    assert "presume" not in kinds(once, thread=sure, recipient_name="Grace Mwangi")

    now = datetime(2026, 5, 10, 12, 0, tzinfo=timezone.utc)
    db = LogDB.in_dir(tmp_path)
    asked = to_ms(now - timedelta(days=8))
    db.record_sent("tomas", "message", "Hi Tomás, could you refer me for the Geotechnical Engineer role (AMT-3307)?",
                   asked, asked, name="Tomás Herrera")
    view = db.load()
    nudge = "Hi Tomás, did you get a chance to refer me yet? No worries either way, thank you!"
    [f] = findings(nudge, "tone.demanding", outreach=view, recipient_slug="tomas", now=now)
    assert f.data["kind"] == "presume" and "Tomás has not answered your ask" in f.message
    db.record_replies("tomas", [asked + 86_400_000])
    view = db.load()
    db.close()
    assert not findings(nudge, "tone.demanding", outreach=view, recipient_slug="tomas", now=now)


def test_i_am_a_answers_only_what_you_are_and_not_the_right_person_is_a_no():
    """"I'm a fast learner" does not answer "have you run Kubernetes in production?" (audit 86-23), though "I'm a
    green card holder" answers "are you a US citizen?"; "I'm not really the right person for this" is their no
    (86-20), so a new ask under it asks again."""
    k8s = _exchange("Hi Kavya, could you refer me for the SRE role (CP-7731)?",
                    "Hi Diego, before I refer you, have you run Kubernetes in production? The team is strict on that.")
    [f] = findings("Thanks for asking! I did the CKA course last year and I'm a fast learner. Could you go ahead and "
                   "refer me?", "reply.unanswered", thread=k8s, recipient_name="Kavya Rao")
    assert "have you run Kubernetes in production?" in f.message
    assert not findings("Thanks! Not in production yet, only in my homelab.", "reply.unanswered", thread=k8s,
                        recipient_name="Kavya Rao")
    wrong_person = _exchange("Hi Laura, could you refer me for the Blade Maintenance Engineer role?",
                             "Hi Ben, I’m not really the right person for this, I’m in finance. Try our talent team.")
    assert findings("No problem! Could you forward my CV to the head of engineering then?", "followup.stop",
                    thread=wrong_person, recipient_name="Laura Holm")


def test_their_post_retold_in_its_own_words_is_personal_though_it_names_one_place():
    """"I read that Deltaport is opening a new hub in Venlo" retells their post ("a new cold-chain hub in Venlo"):
    one place name alone could be anyone's news, but the place in the post's own run of words was read there."""
    profile = Profile(name="Sanne de Vries", headline="Talent Lead at Deltaport", current_company="Deltaport",
                      degree=2, posts=[Post(text="We're opening a new cold-chain hub in Venlo in 2027 and building "
                                                 "the leadership team for it.")])
    ask = " I would be interested in the Hub Manager role. Could you refer me?"
    assert "personal.generic" not in codes("I read that Deltaport is opening a new hub in Venlo." + ask,
                                           surface="inmail", profile=profile, subject="Hub Manager")
    assert "personal.generic" in codes("I would like to move to Venlo next year." + ask,
                                       surface="inmail", profile=profile, subject="Hub Manager")
    # Retold in other words: the place, and two of the post's words that are not everyday ones.
    live = profile.model_copy(update={"posts": [Post(text="Proud of the team: our new cold-chain hub in Venlo went "
                                                          "live this week, 40 days ahead of plan.")]})
    assert "personal.generic" not in codes("Congrats on the Venlo hub going live early!" + ask,
                                           surface="inmail", profile=live, subject="Hub Manager")


def test_their_yes_to_telling_about_the_role_is_no_yes_to_refer_and_invites_the_questions():
    """"Would you have time to tell me a bit about it?" "Sure, happy to help. What would you like to know?": the
    questions that follow are what they invited, and nobody agreed to refer anyone."""
    reply = ("Thanks Marcus! What does a typical week look like? How big is the team? Is it remote or hybrid? "
             "Sorry for all the questions!")
    invited = _exchange("Hi Marcus! I saw you're hiring a Curriculum Designer. Would you have time to tell me a bit "
                        "about it?", "Sure, happy to help. What would you like to know about the role?")
    assert "referral.more-favours" not in codes(reply, thread=invited, recipient_name="Marcus Lee")
    asked = _exchange("Hi Marcus! Could you refer me for the Curriculum Designer role (job 3187)?",
                      "Sure, happy to help.")
    assert "referral.more-favours" in codes(reply, thread=asked, recipient_name="Marcus Lee")


def test_a_company_that_just_opened_a_role_is_named_with_no_company_known():
    draft = "I saw Eduvance just opened a Senior Curriculum Writer role (EDV-204). Could you refer me? Thanks!"
    found = codes(draft)
    assert "ask.company-missing" not in found
    assert "ask.company-missing" in codes(draft.replace("Eduvance", "your team"))


def test_a_connection_note_that_asks_only_to_connect_owes_no_thanks_and_a_full_one_trades_for_it():
    note = ("Hi Lotte, we spoke briefly after your diary-studies talk at UXNL in Utrecht. Your tip on the week-two "
            "drop-off changed how I plan my own studies. I'd love to stay in touch! Sophie")
    assert "courtesy.gratitude-missing" not in codes(note, surface="connection_note")
    # A question is a favour: thanks are due, and with 21 characters left the fix is a trade, not an addition.
    asking = note.replace("I'd love to stay in touch!", "Could I ask you one question?")
    found = [f for f in analyze(asking, CoachContext(surface="connection_note")).findings
             if f.code == "courtesy.gratitude-missing"]
    assert found and "left" in found[0].message and "Thank you for considering it" not in found[0].suggestion


def test_the_favour_asked_again_as_it_after_a_no_is_a_re_ask():
    thread = _exchange("Hi Emily, could you refer me for the Robotics Software Engineer role (job 4410)?",
                       "Hi Ryan, sorry, I only refer people I've worked with. Good luck with the search though!")
    assert "followup.stop" in codes("come on emily it's one click. can you just do it this once?", thread=thread,
                                    recipient_name="Emily Chen")
    assert "followup.stop" not in codes("No worries at all, thanks for letting me know, Emily!", thread=thread,
                                        recipient_name="Emily Chen")


def test_an_answer_longer_than_the_size_they_asked_for_is_flagged_and_one_that_fits_is_not():
    """"Can you send me a 3-line summary of why you're a fit?": a 700-character paragraph is not what they can
    forward; a reply with the link, the resume and a two-line blurb in quotes is."""
    thread = _exchange("Hi Marta, could you refer me for the Senior PM role (JR-20931)?",
                       "Of course! Can you send me a 3-line summary of why you're a fit?")
    long = "Thanks Marta! Here's my summary:\n\n" + ("I've been a product manager for 9 years at MedBridge. " * 12)
    found = [f for f in analyze(long, CoachContext(surface="message", thread=thread, recipient_name="Marta Ruiz")).findings
             if f.code == "length.their-size"]
    assert found and '"3-line summary"' in found[0].message and found[0].severity == "warning"
    fits = ("Thanks Marta! Job: careers.example/jobs/20931, resume attached.\n"
            "For the form: \"9 years in product, the last 4 as Senior PM at MedBridge, where I took booking completion "
            "from 41% to 63%.\"\nReally appreciate it!")
    assert "length.their-size" not in codes(fits, thread=thread, recipient_name="Marta Ruiz")
    # A size they mention without asking for one is no limit: "I wrote two lines to the recruiter".
    told = _exchange("Hi Marta, could you refer me?", "Done! I wrote two lines to the recruiter about you.")
    assert "length.their-size" not in codes(long, thread=told, recipient_name="Marta Ruiz")


@pytest.mark.parametrize("mine,theirs,dodge,answers", [
    # "Who are you?" wants a name or how you know them (audit 88-24).
    ("Hello Bryce, I am a coded welder. Please refer me to Ironbark.", "Hi, sorry, who are you? Do we know each other?",
     "I sent you connection request. Please refer me for the welder job at Ironbark.",
     ("Sorry Bryce, I'm Tom Reid. We haven't met: I found your post about the Ironbark shutdown crew.",
      "Apologies! My name is Tom, we worked together on the Ironbark shutdown in 2021.")),
    # "What kind of role?" wants a role or one of the openings they list (audit 91-15).
    ("Hi Bryce, I'm looking at Pennine Infrastructure. Would you be able to help at all?",
     "What kind of role are you after? We've got a few openings on the structures side and a couple in project "
     "controls.", "Thanks Bryce! Anything you can do to help would mean the world.",
     ("Thanks Bryce! Something on the structures side would suit me best.",
      "Thanks Bryce! I'm after the Senior Bridge Engineer role.")),
])
def test_their_question_of_who_or_what_kind_is_answered_only_by_its_answer(mine, theirs, dodge, answers):
    thread = _exchange(mine, theirs)
    assert "reply.unanswered" in codes(dodge, thread=thread, recipient_name="Bryce Hall")
    for answer in answers:
        assert "reply.unanswered" not in codes(answer, thread=thread, recipient_name="Bryce Hall"), answer


def test_what_to_ask_instead_fits_who_they_are_and_where_the_ask_stands():
    """After their referral, preparing; to a recruiter, the process; never "whether they'd refer you" to someone
    who just did, nor to a recruiter."""
    def advice(text, **kw):
        found = [f for f in analyze(text, CoachContext(surface="message", **kw)).findings
                 if f.code == "privacy.confidential"]
        return found[0].suggestion
    done = _exchange("Hi Tom, here is the FP&A Analyst role (REQ-8812) and my CV.",
                     "Done! I've referred you for REQ-8812. Good luck!")
    after = advice("Thank you so much! Could you let me know what they think of my CV?", thread=done,
                   recipient_name="Tom Price")
    assert "referring you" not in after and "prepared" in after
    recruiter = Profile(name="Ana Silva", headline="Senior Recruiter at Stripe", current_company="Stripe", degree=2)
    to_recruiter = advice("Could you send me the interview questions for the Analyst role?", profile=recruiter)
    assert "referring you" not in to_recruiter and "process" in to_recruiter
    assert "referring you" in advice("Could you send me the interview questions for the Analyst role at Stripe?")


def test_dropping_a_deadline_drops_the_clause_that_needs_it_so_the_fix_leaves_no_demand():
    text = ("Could you refer me for the Site Supervisor job (ID HB-5520) at Stripe? Applications close Friday so I "
            "need this done by Thursday. Thanks!")
    found = [f for f in analyze(text, CoachContext(surface="message")).findings
             if f.code == "tone.demanding" and f.fix is not None]
    assert found
    fix = found[0].fix
    fixed = text[:fix.range.start] + fix.replacement + text[fix.range.end:]
    assert "Applications close Friday. Thanks!" in fixed
    assert "tone.demanding" not in codes(fixed)


def test_a_job_id_labelled_id_and_a_grade_by_its_code_name_the_role():
    thread = _exchange("Hi Piotr, would you consider referring me for a Marketing Specialist role?",
                       "We have three openings (brand, CRM and e-commerce). Which one, and what's the job ID?")
    assert "reply.unanswered" not in codes("Thanks! It's the CRM one, ID VC-2026-118.", thread=thread,
                                           recipient_name="Piotr Nowak")
    assert "reply.unanswered" in codes("Thanks! It's the CRM one.", thread=thread, recipient_name="Piotr Nowak")
    grade = "I've applied for the CNM2 post at Stripe. Could you refer me? CV attached. Thank you so much!"
    found = codes(grade)
    assert "ask.role-missing" not in found and "ask.vague" not in found
    assert "ask.role-missing" in codes("I loved your Venlo post. Could you refer me at Stripe? Thank you so much!")


def test_the_writers_own_layoff_is_news_not_a_confidential_ask():
    assert "privacy.confidential" not in codes(
        "Thank you so much! I've been job hunting since my layoff in April. Please let me know if you hear anything.")
    assert "privacy.confidential" in codes("Could you tell me about your company's layoffs before I apply?")
    assert "privacy.confidential" in codes("Are there any upcoming layoffs at Stripe?")


def test_a_resume_sent_in_the_users_earlier_message_on_the_page_is_not_missing():
    from protocol.page import Thread, ThreadMessage
    thread = Thread(messages=[
        ThreadMessage(sender="me", text="Hi Olivia, could you refer me for the SOC Analyst II role (RW-8812)? Resume attached."),
        ThreadMessage(sender="me", text="Hi Olivia, just following up on my note about RW-8812."),
        ThreadMessage(sender="them", text="So sorry for the slow reply, I was on leave. Is this still relevant?")])
    draft = "Yes, still relevant! Could you refer me for RW-8812 at Stripe? Thank you so much, Olivia."
    assert "materials.missing" not in codes(draft, thread=thread, recipient_name="Olivia Grant")
    assert "materials.missing" in codes(draft.replace("Yes, still relevant! ", ""))


def test_a_question_on_the_visa_is_not_answered_by_the_move():
    thread = _exchange("Hi Colleen, could you refer me for the Reservoir Engineer II role (job 48213)?",
                       "Before I pass this on: are you open to relocating to Calgary, and would you need visa "
                       "sponsorship?")
    dodge = "Hi Colleen, yes, I'm open to relocating to Calgary. We can discuss the other question later. Thanks!"
    assert "reply.unanswered" in codes(dodge, thread=thread, recipient_name="Colleen Hart")
    answer = "Hi Colleen, yes, I'm open to relocating to Calgary, and I'm a permanent resident, so no sponsorship. Thanks!"
    assert "reply.unanswered" not in codes(answer, thread=thread, recipient_name="Colleen Hart")


def test_a_reply_read_as_an_answer_to_their_message():
    """In a reply: "Hi mam" to a recruiter who wrote first is a form of address; "I did not apply yet" answers "have
    you already applied?"; "asap" answers "what's your timeline?" (audit 95-14, 95-23)."""
    asked = _exchange("Hello Mark, could you refer me for the Data Scientist role (HM-2207)?",
                      "Sure, happy to help. What's your timeline, and have you already applied?")
    found = codes("Hello Mark, I did not apply yet. Timeline is asap. The job is Data Scientist, Routing (HM-2207).",
                  thread=asked, recipient_name="Mark Osei")
    assert not {"reply.unanswered", "tone.demanding"} & found
    assert "tone.demanding" in codes("Hello Mark, please refer me asap.", recipient_name="Mark Osei")
    screening = _exchange("Hi, I applied for the Java role (BPI-7730).", "Hi Rahul, could you confirm your notice period?")
    assert "fact.name-mismatch" not in codes("Hi mam, notice period is 90 days.", thread=screening,
                                             recipient_name="Priya Nair")
    assert "fact.name-mismatch" in codes("Hi mam, could you refer me?", recipient_name="Priya Nair")


def test_a_draft_that_checks_on_the_referral_after_their_questions_is_their_answer_due():
    """They asked two questions before they pass you on; "have you sent it yet?" is a reply that answers neither,
    not a follow-up to be timed (audit 94-23)."""
    asked = _exchange("Hi Joanne, could you point me to the right person for bank ICU work at Wharfedale?",
                      "Hi Grace, I can pass your details on. What shifts are you looking for and when could you start?")
    found = codes("Hi Joanne, just following up on the referral, have you sent it yet?", thread=asked,
                  recipient_name="Joanne Ellis")
    assert "reply.unanswered" in found


def test_a_second_question_beside_a_known_kind_is_still_asked():
    """"Is your NMC PIN all sorted now, and would you need visa sponsorship?": the visa kind names one question, the
    PIN is another (audit 94-15); "are you authorised to work in the UK, or would you need sponsorship?" is one."""
    two = _exchange("Could you put in a word for the Band 6 post?", "Yes, send me your CV. Quick question first "
                    "though: is your NMC PIN all sorted now, and would you need visa sponsorship?")
    [f] = findings("Thank you! I've attached my CV. Let me know if you need anything else.", "reply.unanswered",
                   thread=two, recipient_name="Ama Owusu")
    assert "NMC PIN" in f.message and "visa" in f.message
    one = _exchange("Could you refer me for JR-55821?", "Before I refer you: are you authorised to work in the UK, or "
                    "would you need sponsorship?")
    assert "reply.unanswered" not in codes("I'd need Skilled Worker sponsorship: I'm on a Graduate visa until 2027.",
                                           thread=one, recipient_name="Oliver Hart")


def test_what_a_referral_needs_asked_by_a_date_is_a_must_answer():
    """The referral window closes Friday and the reply sends neither the requisition number nor the CV: an error that
    says by when (audit 95-16); without a date it stays a warning."""
    due = _exchange("Could you refer me for the Graduate Trainee programme?", "Yes! Please send me the requisition "
                    "number from the careers page and your CV in PDF by Friday, because the referral window closes then.")
    [f] = findings("Thank you so much ma!! God will bless you abundantly.", "reply.unanswered", thread=due,
                   recipient_name="Ngozi Eze")
    assert f.severity == "error" and "by Friday" in f.message and "your resume" in f.message
    undated = _exchange("Could you refer me for the Graduate Trainee programme?", "Yes! Please send me the "
                        "requisition number from the careers page and your CV.")
    [f] = findings("Thank you so much ma!! God will bless you abundantly.", "reply.unanswered", thread=undated,
                   recipient_name="Ngozi Eze")
    assert f.severity == "warning"
