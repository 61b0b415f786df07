"""Personalization hints from Profile x own Profile x Thread: each with text, why and source."""

from datetime import datetime, timezone
from pathlib import Path

from companion.coach import analyze
from companion.coach.engine import CoachContext
from companion.coach.hints import hints
from companion.pages import parse_snapshot
from protocol.page import Education, Profile, Thread, ThreadMessage

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
NOW = datetime(2026, 1, 10, 12, tzinfo=timezone.utc)


def page(name: str):
    return parse_snapshot(None, (FIXTURES / name).read_text(encoding="utf-8"))


OWN = page("sdui_profile_own.html").own_profile


def ctx(profile=None, own=OWN, thread=None, surface="message"):
    return CoachContext(surface=surface, profile=profile, own_profile=own, thread=thread, now=NOW)


def by_kind(found):
    return {h.kind: h for h in found}


def with_nothing_shared(profile):
    """The profile without posts or mutual connections; with own=None nothing is shared either, so their
    tenure, the last-resort icebreaker, is offered."""
    return profile.model_copy(update={"posts": [], "mutual_names": None, "mutual_count": None})


def test_shared_employer_school_city_post_mutuals():
    found = hints("Hi Priya", ctx(page("sdui_profile_2nd.html").profile))
    k = by_kind(found)
    # Their tenure is the last resort: beside a shared past, a post or a mutual it is padding (audits 84, 85).
    assert [h.kind for h in found] == ["shared_employer", "shared_school", "recent_post", "mutual_connection", "same_city"]
    tenure = by_kind(hints("Hi Priya", ctx(with_nothing_shared(page("sdui_profile_2nd.html").profile), own=None)))
    # Tenure counts every role at the company: Senior Engineer from Nov 2021, Staff from Mar 2024.
    assert tenure["tenure"].text == "You have been at Nimbus Labs for 4 years, so I would value your view of the team."
    assert tenure["tenure"].source == "profile.experience[0].roles[1].start"
    assert k["shared_employer"].text == "We were both at Stripe in 2019–2021."
    assert "Jun 2019 - Oct 2021" in k["shared_employer"].why and "Apr 2018 - Aug 2021" in k["shared_employer"].why
    assert k["shared_school"].text == "We were both at University of Waterloo in 2015–2018."
    assert k["same_city"].text == "I'm also based in Toronto." and k["same_city"].source == "profile.location"
    assert k["recent_post"].text == "I enjoyed your recent post: “We moved our billing ledger to event sourcing”."
    assert k["recent_post"].source == "profile.posts[0].text" and "21 days ago" in k["recent_post"].why
    assert k["mutual_connection"].text == "We're both connected with Tomasz."
    assert all(h.why and h.source for h in found)


def test_hints_already_in_the_draft_are_marked_used():
    profile = page("sdui_profile_2nd.html").profile
    found = by_kind(hints("Hi Priya, we overlapped at Stripe. I'm in Toronto too, and Tomasz says hi.", ctx(profile)))
    assert found["shared_employer"].used and found["same_city"].used and found["mutual_connection"].used
    assert not found["shared_school"].used
    assert by_kind(hints("Hi Priya, we're both Waterloo grads!", ctx(profile)))["shared_school"].used
    # Naming their company, as every ask should, does not use the tenure hint, nor do the writer's own
    # years; saying theirs does.
    alone = ctx(with_nothing_shared(profile), own=None)
    for text in ("Hi Priya, could you refer me for the role at Nimbus Labs?",
                 "Hi Priya, I have 4 years of experience and applied for the role at Nimbus Labs."):
        assert not by_kind(hints(text, alone))["tenure"].used, text
    assert by_kind(hints("Hi Priya, your 4 years at Nimbus Labs are impressive.", alone))["tenure"].used
    # The city where the job is does not say the writer lives there.
    assert not by_kind(hints("Hi Priya, the role is in Toronto.", ctx(profile)))["same_city"].used
    # Their post, mentioned in the writer's own words, is used.
    assert by_kind(hints("Hi Priya, your post about event sourcing was great.", ctx(profile)))["recent_post"].used


def test_a_post_named_by_its_rare_words_is_said_without_the_word_post():
    """"Your new tasting menu, the cataplana course" names their post about it: words ordinary English rarely
    writes point at the post as capitalised names do; common words alone do not."""
    from protocol.page import Post, Profile

    from companion.coach import CoachContext, analyze

    chef = Profile(name="Rui Matos", headline="Executive Chef at Casa Mare", current_company="Casa Mare", degree=2,
                   posts=[Post(text="New tasting menu at Casa Mare: seven courses, with a cataplana of clams and "
                                    "smoked sausage as the centrepiece.")])
    note = ("Loved the photos of your new tasting menu, the cataplana course looked amazing. I'm a sous chef with "
            "8 years in Porto kitchens. Would love to connect!")
    fb = analyze(note, CoachContext(surface="connection_note", profile=chef))
    assert "personal.generic" not in {f.code for f in fb.findings}
    assert by_kind(fb.hints)["recent_post"].used
    plain = "I'm a sous chef with 8 years in Porto kitchens, looking at new courses. Would love to connect!"
    assert "personal.generic" in {f.code for f in analyze(plain, CoachContext(surface="connection_note",
                                                                             profile=chef)).findings}


def test_an_old_post_is_dated_not_called_recent_and_a_long_quote_ends_at_a_word_with_an_ellipsis():
    profile = page("sdui_profile_2nd.html").profile
    post = profile.posts[0]
    post.posted_at = "2025-04-12T09:00:00+00:00"
    post.text = ("Event sourcing changed how our whole billing team thinks about ledgers, reconciliation and "
                 "the audit trail we owe to every customer who asks what happened")
    k = by_kind(hints("Hi Priya", ctx(profile)))
    text = k["recent_post"].text
    assert "recent" not in text and "April 2025" in text and "recent" not in k["recent_post"].why
    quoted = text.split("“")[1].split("”")[0]
    assert quoted.endswith("…") and "..." not in text  # a cut quote says it was cut
    quoted = quoted[:-1]
    assert post.text.startswith(quoted) and post.text[len(quoted)] == " " and len(quoted) <= 90


def test_a_post_a_year_old_an_announcement_or_in_another_language_is_offered_with_care():
    profile = page("sdui_profile_2nd.html").profile
    post = profile.posts[0]
    post.posted_at = "2024-06-12T09:00:00+00:00"  # 19 months before NOW
    assert "recent_post" not in by_kind(hints("Hi Priya", ctx(profile)))
    post.posted_at = "2025-12-01T09:00:00+00:00"
    post.text = "I'm happy to share that I've obtained a new certification: AWS Solutions Architect!"
    # LinkedIn's words, not theirs: no "I enjoyed your post", but a congratulation is a true opener.
    assert by_kind(hints("Hi Priya", ctx(profile)))["recent_post"].text == (
        "Congratulations on your AWS Solutions Architect certification!")
    post.text = "I’m happy to share that I’m starting a new position as Staff Engineer at Nimbus Labs!"
    assert "recent_post" not in by_kind(hints("Hi Priya", ctx(profile)))  # the recent-move hint's to offer
    post.text = ("Ricevo spesso questa domanda: “Devo essere un informatico per imparare a programmare?” "
                 "Ecco la mia risposta.")
    k = by_kind(hints("Hi Priya", ctx(profile)))["recent_post"]
    assert k.text == "I enjoyed your post from December 2025." and "what it was about" in k.why
    post.text = "Our team shipped “ledger v2” today. Proud of everyone."
    assert by_kind(hints("Hi Priya", ctx(profile)))["recent_post"].text == (
        "I enjoyed your post from December 2025: “Our team shipped ‘ledger v2’ today”.")


def test_reposts_are_not_offered_as_their_post():
    profile = page("sdui_profile_2nd.html").profile
    profile.posts = [p for p in profile.posts if p.reposted]
    assert "recent_post" not in by_kind(hints("Hi", ctx(profile)))


def test_same_employer_in_different_years_and_long_tenure():
    profile = page("sdui_profile_fr.html").profile  # Stripe 2016-2019, Atelier Numérique since 2019
    k = by_kind(hints("Bonjour", ctx(profile)))
    assert k["shared_employer"].text == "We were both at Stripe in 2018–2019." and "tenure" not in k
    # Her headline says she recruits: her view of the team is not why one writes to her, so no tenure line.
    assert "tenure" not in by_kind(hints("Bonjour", ctx(with_nothing_shared(profile), own=None)))
    lead = with_nothing_shared(profile).model_copy(update={"headline": "Directrice technique chez Atelier Numérique",
                                                           "current_title": "Directrice technique"})
    k = by_kind(hints("Bonjour", ctx(lead, own=None)))
    assert k["tenure"].text.startswith("You have been at Atelier Numérique for 6 years, so I would value")
    assert k["tenure"].source == "profile.experience[0].roles[0].start"
    own_later = OWN.model_copy(deep=True)
    own_later.experience[0].roles[0].start.year = 2020  # now no overlap: 2020-2021 vs 2016-2019
    k = by_kind(hints("Bonjour", ctx(profile, own=own_later)))
    assert k["shared_employer"].text == "Like you, I worked at Stripe."


def test_recent_move():
    profile = page("sdui_profile_2nd.html").profile
    profile.experience[0].roles[0].start.year, profile.experience[0].roles[0].start.month = 2025, 10
    k = by_kind(hints("Hi", ctx(profile, own=None)))
    assert k["recent_move"].text == "Congratulations on your new role as Staff Engineer at Nimbus Labs!"
    assert "shared_employer" not in k  # no own profile known: no overlap hints


def test_last_talked_from_thread():
    thread = page("classic_messaging_thread.html").thread
    k = by_kind(hints("Hi Daniel", ctx(Profile(name="Daniel Okoye"), thread=thread)))
    assert k["last_talked"].text == "Following up on my message from last week."  # 7 to 13 days: "last week"
    assert k["last_talked"].source == "thread.messages[2].sent_at"
    recent = Thread(messages=[ThreadMessage(sender="me", text="Could we chat?", sent_at="2026-01-07T10:00:00+00:00")])
    assert by_kind(hints("Hi", ctx(Profile(name="X"), thread=recent)))["last_talked"].text == \
        "Following up on my message from a few days ago."
    old = Thread(messages=[ThreadMessage(sender="them", text="Thanks!", sent_at="2025-06-01T10:00:00+00:00")])
    k = by_kind(hints("Hi", ctx(Profile(name="X"), thread=old)))
    assert k["last_talked"].text == "It's been 7 months since we last spoke."
    mine = Thread(messages=[ThreadMessage(sender="me", text="Could we chat?", sent_at="2025-03-01T10:00:00+00:00")])
    k = by_kind(hints("Hi", ctx(Profile(name="X"), thread=mine)))
    assert k["last_talked"].text == "It's been 10 months since we last spoke."  # not "following up" that late
    # Your last word thanked them and asked nothing: no "following up" on it.
    thanked = Thread(messages=[
        ThreadMessage(sender="me", text="Could you refer me?", sent_at="2025-12-01T10:00:00+00:00"),
        ThreadMessage(sender="them", text="Done, referred you!", sent_at="2025-12-02T10:00:00+00:00"),
        ThreadMessage(sender="me", text="Thank you so much!!", sent_at="2026-01-02T10:00:00+00:00")])
    assert "last_talked" not in by_kind(hints("Hi, a quick update", ctx(Profile(name="X"), thread=thanked)))


def test_no_context_no_hints_and_own_page_gives_no_overlap():
    assert hints("Hi", ctx(None)) == []
    assert "shared_employer" not in by_kind(hints("Hi", ctx(OWN)))


def test_hints_reach_the_feedback():
    profile = page("classic_profile_1st.html").profile
    fb = analyze("Hi Daniel, would you be open to referring me for the SRE role at Kite Payments?", ctx(profile))
    assert any(h.kind == "shared_employer" and "Stripe" in h.text for h in fb.hints)
    assert any(h.kind == "recent_post" and h.link for h in fb.hints)


def test_current_colleagues():
    profile = page("sdui_profile_2nd.html").profile
    own = OWN.model_copy(deep=True)
    own.experience[0].company = "Nimbus Labs"
    own.experience[0].company_url = None
    own.experience[0].roles[0].end, own.experience[0].roles[0].current = None, True
    k = by_kind(hints("Hi", ctx(profile, own=own)))
    assert k["shared_employer"].text == "We both work at Nimbus Labs."


def test_an_employer_known_only_by_its_page_is_named_from_the_other_profile():
    from protocol.page import DateParts, Experience, Role

    url = "https://www.linkedin.com/company/acme-robotics/"
    theirs = Profile(slug="sam", name="Sam Lee", experience=[Experience(
        company=None, company_url=url, roles=[Role(title="Engineer", start=DateParts(year=2020), current=True)])])
    mine = Profile(slug="me", experience=[Experience(
        company="Acme Robotics", company_url=url, roles=[Role(title="Analyst", start=DateParts(year=2021),
                                                             current=True)])])
    found = hints("Hi Sam", ctx(theirs, own=mine))
    assert [h.text for h in found if h.kind == "shared_employer"] == ["We both work at Acme Robotics."]
    assert not any("None" in h.text or "None" in h.why for h in found)
    tenure = next(h for h in hints("Hi Sam", ctx(theirs, own=None)) if h.kind == "tenure")  # said to them: "your company"
    assert "at your company for" in tenure.text and "at their company since" in tenure.why
    mine.experience[0].roles[0].start, mine.experience[0].roles[0].current = DateParts(year=2015), False
    mine.experience[0].roles[0].end = DateParts(year=2016)
    assert [h.text for h in hints("Hi Sam", ctx(theirs, own=mine)) if h.kind == "shared_employer"] == [
        "Like you, I worked at Acme Robotics."]


def test_a_draft_in_another_language_gets_no_english_hints():
    profile = page("sdui_profile_2nd.html").profile
    french = ("Bonjour Priya, je suis ingénieure logicielle à Montréal et je voudrais postuler au poste de "
              "développeuse chez Nimbus Labs. Seriez-vous d'accord pour me recommander ? Merci beaucoup !")
    assert analyze(french, ctx(profile)).hints == []
    assert analyze("Hi Priya, could you refer me for the Staff Engineer role at Nimbus Labs?", ctx(profile)).hints


def test_a_thank_you_gets_no_hints_to_warm_up_an_ask():
    profile = page("classic_profile_1st.html").profile
    thanks = "Hi Daniel, quick update: I got the offer! Thank you so much for the referral, it made all the difference."
    assert analyze(thanks, ctx(profile)).hints == []
    assert analyze("", ctx(profile)).hints  # before the first word, the hints help start the message
    # A reply that sends what they asked for, months later, still hears how long it has been.
    late = Thread(messages=[ThreadMessage(sender="them", text="Happy to refer you, send me the posting!",
                                          sent_at="2025-04-01T10:00:00+00:00")])
    reply = analyze("Thanks so much, Daniel! Here's the posting: https://jobs.example.com/sre-2291",
                    ctx(profile, thread=late))
    assert by_kind(reply.hints)["last_talked"].text == "It's been 9 months since we last spoke."


def test_a_reply_to_them_gets_no_icebreakers():
    """They wrote last (or the draft thanks them for their reply): a post, a mutual or their tenure would be
    padding in the answer; when you last talked still counts."""
    profile = page("sdui_profile_2nd.html").profile
    theirs = Thread(messages=[ThreadMessage(sender="them", text="Sure, send me the job ID and your resume.",
                                            sent_at="2026-01-01T10:00:00+00:00")])
    reply = analyze("Thanks Priya! The job ID is 312847 and my resume is attached.", ctx(profile, thread=theirs))
    assert [h.kind for h in reply.hints] == ["last_talked"]
    cold = analyze("Hi Priya, could you refer me for the Staff Engineer role?", ctx(profile))
    assert {"recent_post", "mutual_connection"} <= {h.kind for h in cold.hints}
    answer = analyze("Hi Priya, thanks for your reply! Could you tell me who the hiring manager is?", ctx(profile))
    assert answer.hints == []


def test_a_follow_up_nudge_gets_only_when_you_last_talked():
    profile = page("sdui_profile_2nd.html").profile
    sent = Thread(messages=[ThreadMessage(sender="me", text="Could you refer me for the Staff Engineer role?",
                                          sent_at="2026-01-01T10:00:00+00:00")])
    nudge = hints("Hi Priya, any thoughts on the Staff Engineer role? No worries if not!",
                  ctx(profile, thread=sent, surface="follow_up"))
    assert [h.kind for h in nudge] == ["last_talked"] and nudge[0].text.startswith("Following up on my message")
    # A nudge that says it follows up already ("bumping this") is not offered the same line again.
    assert hints("Hi Priya, bumping this in case it got buried. No worries if not!",
                 ctx(profile, thread=sent, surface="follow_up")) == []
    # Typed on a phone or in LinkedIn's editor, the apostrophe is curly: the same draft, read the same.
    assert hints("Hi Priya, I haven’t heard back on my note, so bumping it. No worries if not!",
                 ctx(profile, thread=sent, surface="follow_up")) == []
    first = hints("Hi Priya, could you refer me?", ctx(profile, thread=sent))
    assert {"shared_employer", "recent_post", "mutual_connection"} <= {h.kind for h in first}  # a first message: all


def test_a_post_the_draft_cites_is_the_one_marked_used():
    from protocol.page import Post
    them = Profile(name="Lena Moss", headline="MBA candidate", posts=[
        Post(text="SXSW 2026: long days in Austin and ideas on media.", posted_at="2026-01-02T10:00:00+00:00"),
        Post(text="Our Tech Trek to London: a warm welcome by Google.", posted_at="2025-10-30T10:00:00+00:00")])
    found = by_kind(hints("Hi Lena, loved your Tech Trek post on the Google London visit.", ctx(them)))
    assert found["recent_post"].used and "Tech Trek" in found["recent_post"].text
    # "Your post" alone does not say which: the first post is offered, not ticked.
    found = by_kind(hints("Hi Lena, loved your recent post!", ctx(them)))
    assert not found["recent_post"].used and "SXSW" in found["recent_post"].text


def test_a_post_that_advertises_the_role_is_not_credited_for_naming_the_role():
    """Naming the role a post advertises reads the job, not the post: the hint stays on offer. When the draft cites
    another post, that one is the one credited; saying it saw the opening credits the opening."""
    from protocol.page import Post
    them = Profile(name="Katrin Vogt", headline="Engineering Manager at Rheinwerk", posts=[
        Post(text="Our new e-axle test bench is up and running.", posted_at="2026-01-05T10:00:00+00:00"),
        Post(text="We're looking for a Mechanical Design Engineer to join my team in Stuttgart.",
             posted_at="2026-01-02T10:00:00+00:00")])
    role = "Hi Katrin, I'm applying for the Mechanical Design Engineer role in Stuttgart. Could you refer me?"
    assert not by_kind(hints(role, ctx(them)))["recent_post"].used
    bench = "Hi Katrin, I read your post on the new e-axle test bench. I'm applying for the Mechanical Design Engineer role."
    found = by_kind(hints(bench, ctx(them)))["recent_post"]
    assert found.used and "test bench" in found.text
    saw = "Hi Katrin, I saw you're looking for a Mechanical Design Engineer in Stuttgart."
    found = by_kind(hints(saw, ctx(them)))["recent_post"]
    assert found.used and "Mechanical Design Engineer" in found.text
    # That the company is hiring is known from any job board: no sign of the post.
    board = "Hi Katrin, your company is hiring a Mechanical Design Engineer in Stuttgart. Could you refer me?"
    assert not by_kind(hints(board, ctx(them)))["recent_post"].used


def test_a_shared_school_named_by_its_initials_is_used():
    them = Profile(name="Dev Rao", education=[Education(school="Marlow Vale Technical University")])
    me = Profile(name="Ana Ruiz", education=[Education(school="Marlow Vale Technical University")])
    assert by_kind(hints("Fellow MVTU alum here!", ctx(them, own=me)))["shared_school"].used


def test_the_gap_line_is_done_when_the_draft_speaks_of_the_gap_and_gone_when_it_tells_its_own_dates():
    """"It's been 9 months since we last spoke." is shown as done under "it's been a while… sorry for
    going quiet", and not offered at all to a draft that dates its own earlier note ("my note from two
    weeks ago"), or claims one when the thread shows months of silence: it would contradict the draft."""
    profile = page("classic_profile_1st.html").profile
    old = Thread(messages=[ThreadMessage(sender="them", text="Great to meet you at the meetup!",
                                         sent_at="2025-04-01T10:00:00+00:00")])
    fresh = by_kind(hints("Hi Daniel, could you refer me for the SRE role?", ctx(profile, thread=old)))
    assert fresh["last_talked"].text == "It's been 9 months since we last spoke." and not fresh["last_talked"].used
    assert fresh["last_talked"].why == "The last time they wrote to you here was 9 months ago."
    owned = by_kind(hints("Hi Daniel, it's been a while since the meetup, sorry for going quiet!",
                          ctx(profile, thread=old)))
    assert owned["last_talked"].used
    for claims in ("Hi Daniel, just following up on my note from two weeks ago about the SRE role.",
                   "Hi Daniel, following up on my previous message about the SRE role."):
        assert "last_talked" not in by_kind(hints(claims, ctx(profile, thread=old)))


def test_the_writer_naming_themselves_does_not_use_the_hint_of_a_mutual_who_shares_their_first_name():
    helga = Profile(name="Helga Marsden", slug="helga-marsden", mutual_names=["Oksana", "Derek Hale"], mutual_count=3)
    ask = "Could you refer me for the Medical Laboratory Scientist role at Quorum Diagnostics?"

    def mutual(text, own=None):
        return by_kind(hints(text, ctx(helga, own=own)))["mutual_connection"]

    assert mutual(f"Hi Helga, {ask}").text == "We're both connected with Oksana."
    for text in (f"Dear Helga,\n\nMy name is Oksana Tereshko, I work as a phlebotomist. {ask}",
                 f"Hi Helga, I'm Oksana. {ask} Thank you!",
                 f"Hi Helga, Oksana here. {ask}",
                 f"Hi Helga, {ask}\n\nBest,\nOksana",
                 f"Hi Helga, {ask} Thanks so much, Oksana Tereshko"):
        assert not mutual(text).used, text
    for text in (f"Hi Helga, Oksana suggested I write to you. {ask}",
                 f"Hi Helga, our mutual connection Oksana mentioned your team is hiring. {ask}",
                 f"Hi Helga, I'm Oksana's former colleague. {ask}",
                 f"Hi Helga, my name is Oksana Tereshko and Oksana Lind suggested I write. {ask}\n\nBest,\nOksana"):
        assert mutual(text).used, text
    # The writer's full name, known from their own profile, is theirs wherever it stands.
    signed = f"Hi Helga, I, Oksana Tereshko, am writing about the role. {ask}"
    assert mutual(signed).used and not mutual(signed, own=Profile(name="Oksana Tereshko")).used


def test_a_self_introduction_does_not_warm_a_cold_ask_through_a_mutuals_name():
    helga = Profile(name="Helga Marsden", slug="helga-marsden", mutual_names=["Oksana"], mutual_count=1, degree=2)
    ask = "Could you refer me for the Medical Laboratory Scientist role at Quorum Diagnostics?"

    def codes(text):
        return {f.code for f in analyze(text, CoachContext(surface="inmail", profile=helga, now=NOW)).findings}

    assert "relationship.cold-ask" in codes(f"Hi Helga, I'm Oksana. {ask}\n\nBest,\nOksana")
    assert "relationship.cold-ask" not in codes(f"Hi Helga, Oksana suggested I write to you. {ask}")


def test_their_post_s_reference_cited_names_the_post_and_scopes_the_ask():
    """A note that cites the req number their post gives ("Req. 2026-114") points at that post: the company need not
    be named for a posting of theirs (a non-recruiter's post about openings alone would not do)."""
    from protocol.page import Post, Profile

    from companion.coach import CoachContext, analyze

    lead = Profile(name="Markus Becker", headline="Team Lead Simulation at Kessler Drives", current_company="Kessler Drives",
                   degree=2, posts=[Post(text="We are hiring a Simulation Engineer for gearbox housings. Req. 2026-114. "
                                              "Get in touch!")])
    note = ("Hi Markus, I'm a mechanical engineer (FEM, 3 yrs at a Tier-1 supplier) and saw your Simulation Engineer "
            "opening (Req. 2026-114). Could you refer me? Thanks, Jonas")
    found = {f.code for f in analyze(note, CoachContext(surface="connection_note", profile=lead)).findings}
    assert "ask.company-missing" not in found and "personal.generic" not in found
    other = note.replace("2026-114", "2026-999")
    assert "ask.company-missing" in {f.code for f in analyze(other, CoachContext(surface="connection_note",
                                                                                  profile=lead)).findings}



def test_thanks_for_their_reply_is_marked_used_once_the_draft_thanks_them():
    answered = Thread(messages=[
        ThreadMessage(sender="me", text="Could you refer me?", sent_at="2026-01-05T10:00:00+00:00"),
        ThreadMessage(sender="them", text="Sure, send me your CV.", sent_at="2026-01-08T10:00:00+00:00")])
    hint = by_kind(hints("Here is my CV.", ctx(Profile(name="X"), thread=answered)))["last_talked"]
    assert hint.text == "Thanks for your reply." and not hint.used
    assert by_kind(hints("Thank you so much, Marta! Here is my CV.",
                         ctx(Profile(name="X"), thread=answered)))["last_talked"].used
