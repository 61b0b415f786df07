"""personal.generic: the draft says something true of this recipient, not of everyone."""

import re

from companion.coach.analysis import WORD_START, AnalysedDraft
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule, either, mixed_or
from companion.coach.matching import (
    echoes_about, find_company, is_recruiter, known_to_them, mentioned_post, names_a_mutual, recipient_company,
    same_company,
)
from companion.coach.stated import follows_a_talk, in_their_process
from companion.coach.rules.relationship import (
    INTRODUCED, SHARED_PAST, TALKED_BEFORE, THANKED_FOR, claims_shared,
)

# Something true of this recipient or of a real shared history (the dev set README's definition):
# how you met or talked before, a named mutual contact, their own post/talk/project, their career
# move, their team's specific work. A shared skill community ("fellow Laravel developer") is not.
_SPECIFIC = re.compile(
    WORD_START + r"(?:"
    r"\b(?:we met|met (?:you )?(?:at|during|in)|(?<!to )met you\b|we (?:connected|got talking|got chatting) (?:at|after|during)|"
    r"we (?:worked|studied|were|overlapped|spoke|chatted|talked)|"
    # A memory the two share: "as you may remember, I taught at Lincoln Elementary".
    r"as you (?:may|might|will|probably) (?:remember|recall)|you (?:may|might) remember me|"
    r"(?:know|have) [^.!?\n]{1,60} in common|"
    + TALKED_BEFORE + "|" + SHARED_PAST + "|" + THANKED_FOR + "|"
    # "also"/"too" after "you" marks what you share: "you also attended Turing", "you've also made that leap".
    r"you(?:'ve| have)? (?:also|too) (?!for\b|to\b)[a-z]+|"
    # "you are also graduated from Zhejiang University", as many a non-native writer puts it.
    r"you(?:'re| are| were| have| had)? (?:also |too )?graduated (?:from|of|at)|"
    # Their own career move. (A bare "Long time no talk" claims a history but names none of it.)
    r"congrat(?:s|ulations) on (?:your |the )?(?:new |recent )?(?:role|position|job|promotion|getting|landing|"
    r"joining|starting|move|transition|anniversary|\d+ years)|"
    r"you (?:took on|moved (?:to|from|into)|switched (?:to|from|into)|transitioned|pivoted|joined [a-z]+ (?:as|from))|"
    # "Great meeting you", "nice to meet you at PyCon": a meeting that happened ("nice to meet you!" greets a stranger).
    r"(?:great|nice|good|lovely) (?:meeting|chatting|talking|speaking|seeing)(?: with)? you|"
    r"(?:great|nice|good|lovely) to (?:meet|see|chat|talk|speak)(?: with)? you "
    r"(?:at|during|on|last|yesterday|earlier|today)|"
    r"worked (?:together|(?:with|for|under) you)|(?:our |my )?(?:past |previous )?(?<!to )work(?:ing)? together|you and i|"
    r"i (?:also|too) (?:went to|studied at|attended|graduated from)|"
    r"(?:saw|watched|had) you (?:talk|speak|present)|you (?:talking|speaking|presenting) (?:at|about|on)|"
    r"alum(?:ni|na|nus|s)?|classmates?|"
    r"former (?:colleague|teammate|coworker|co-worker|manager)|overlapped|"
    r"our (?:previous |last |recent |earlier )?(?:conversation|chat|call|discussion|meeting|exchange)|"
    r"you (?:mentioned|suggested|recommended|told me)|"
    r"your (?:advice|insights?|guidance|perspective|point|take) (?:on|about|during|when|back)|"
    r"your name came up|"
    + INTRODUCED + "|"
    # (Adjectives between, not a phrase: "ur company for any developer post" is a job, not their post.)
    r"(?:your|ur) (?:(?!(?:for|any|a|an|the|to|in|at|with|of)(?![\w'’/&+-]))[\w'’/&+-]+ ){0,4}?(?:talk|posts?|article|blog|presentation|podcast|paper|comment|newsletter|video|"
    r"thread|book|keynote|panel|webinar|session|workshop|open[- ]source|repo|library|project|bio|headline|"
    r"research|thesis|write-?up|essay|tweet|launch|demo|poster|lecture|course|tutorial|campaign|remarks?|speech|"
    r"slides|deck|op-?ed|fireside|class(?:es)?|piece|column)|"
    r"your (?:career |professional )?(?:path|journey|progression|move|transition|switch|jump) (?:from|to|into)|"
    # Their move asked after, as someone who knew them before: "hope the move to Learnwise has treated you well".
    r"(?:hope|how(?:'s| is| was)) (?:the|your) (?:move|transition|switch|jump) (?:to|into)|"
    # Something of theirs still in use: "I still use your Desmos bell-ringers with my Grade 10s".
    r"(?:still|always|often) (?:use|using|reuse|reusing|quote|quoting|come back to|go back to) your\b|"
    r"your team(?:'s| is)? (?:work on|shipping|building|launch|rollout|migration)|"
    r"you(?:'re| are| were)? (?:(?:previously|recently|once|also) )?(?:were |are )?involved (?:with|in)|"
    r"your work on|heard you (?:speak|talk|present|on)|read your|watched your|listened to your|"
    # Something of theirs by what they did in it: "the Globe piece where you described the programme".
    r"(?:piece|article|interview|post|talk|podcast|video|episode|panel|profile|feature) (?:where|in which) you\b|"
    # A cohort shared: "you were in the same batch", "we were in the same cohort".
    r"(?:you|we)(?: both)? (?:were|was|are) (?:also )?in the same (?:batch|cohort|class|intake|year|program(?:me)?|course)|"
    r"you (?:posted|wrote|shared|spoke|talked) (?:about|on)\b"
    r"(?! (?:the|this|that|a|an|your) (?:[\w-]+ )?(?:role|job|position|opening|vacancy|posting)s?\b)|"
    # Something they made or did: "saw you worked on the Arrow driver", "you led the migration".
    r"(?<!if )you (?:worked on|contributed to|built|wrote|created|launched|shipped|designed|led|founded|organi[sz]ed|"
    r"ran|hosted|mentored|judged|taught|"
    r"published|presented|spoke (?:at|about|on)|gave (?:a|the) talk)(?! (?:me|us)\b)|"
    r"(?:thanks?|thank you) (?:so much )?for (?:sharing|explaining|walking me through)|"
    r"(?:thanks?|thank you) (?:so much |again )?for (?:the|our) (?:\w+ )?(?:chat|call|conversation|coffee|meeting)|"
    r"(?:saw|loved|enjoyed|liked) your (?:talk|post|article|comment|presentation|video|answer)|"
    r"(?:in|at) your (?:talk|session|workshop)|"
    r"(?:thanks?|thank you) (?:so much )?for (?:the|your) (?:\w+ ){0,3}?(?:talk|presentation|keynote|workshop|webinar|"
    r"panel|podcast|article))\b)"
)
# A named mutual contact: "connected to Budi Santoso", "Lena Fischer and I were discussing".
_NAMED_CONTACT = re.compile(
    r"\b(?:connected (?:to|with)|know|friend of|colleague of) (?:[A-Z][\w'’-]+)(?: [A-Z][\w'’.-]*)+"
    r"|\b(?:a |an |the )?(?:friend|colleague|classmate|teammate) of [A-Z][a-z]+(?:'s|’s)?"  # "a friend of Jane's"
    r"|\bmutual (?:connections?|contacts?|friends?),? (?:including|like|such as|e\.g\.,?) [A-Z]"  # "… including Abhijit V."
    r"|\b(?!LinkedIn\b)[A-Z][\w'’-]+ (?:[A-Z][\w'’.-]+ )?"  # "LinkedIn suggested you": a site, not a contact
    r"(?:and I (?:were|was|have)|suggested|recommended|speaks highly|told me|mentioned you)")


def _mentions_their_history(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """A past employer, a school, a mutual contact, a post or a phrase of their About from their profile (not
    their current company)."""
    profile = ctx.profile
    if profile is None:
        return False
    current, lower = recipient_company(ctx), draft.lower
    past = [e.company for e in profile.experience or () if e.company and not same_company(e.company, current)]
    schools = [e.school for e in profile.education or () if e.school]
    return (any(find_company(lower, place) for place in past + schools) or names_a_mutual(draft, ctx)
            # One of their posts, by what it was about ("the Big4 offers your student got"), not by "your post".
            or mentioned_post(lower, profile) is not None or echoes_about(lower, profile))


def says_something_specific(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft says something true of this recipient or of a shared history (what
    personal.generic asks for); once per draft (relationship.cold-ask words its advice by it)."""
    return draft.remember("personal.specific", lambda: bool(
        _SPECIFIC.search(draft.lower) or claims_shared(draft, ctx) or _NAMED_CONTACT.search(draft.text)
        or _mentions_their_history(draft, ctx)))


# A recruiter's own posting, named: "your Data Analyst posting (réf. DA-2291)", "the role you posted", "your post
# about the Senior Resource Geologist openings".
THEIR_POSTING = re.compile(r"\byour (?:[\w/&+-]+ ){0,4}?(?:posting|opening|req|listing|vacancy|job ad)\b|\byou posted\b"
                            r"|\byour post about (?:the |a |an )?(?:[\w/&+-]+ ){0,5}?(?:roles?|openings?|positions?|jobs?|"
                            r"vacanc(?:y|ies)|hiring)\b")


def their_posting(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft is to a recruiter and names their posting, by its words or its ID: the posting is why
    them, and it says where the role is (a Rule.abstains of personal.generic and ask.company-missing)."""
    from companion.coach.rules.ask import job_reference  # here: ask's abstains read this module
    return is_recruiter(ctx) and bool(THEIR_POSTING.search(draft.lower) or job_reference(draft.lower))


def _generic(draft: AnalysedDraft, ctx: CoachContext):
    if not says_something_specific(draft, ctx):
        yield GENERIC.finding(
            "Nothing here is specific to this person: no shared employer or school, none of their "
            "posts or talks, no mutual contact, no word on how you know them. A message that could "
            "go to anyone reads as mass outreach.",
            suggestion="Add one true, specific line: where your paths crossed, who suggested you "
                       "write, or something they wrote or built that you engaged with.",
        )


GENERIC = Rule(
    code="personal.generic", severity="warning", check=_generic, reads_english=True, judges_ask=True,
    judges_whole=True,
    # (The personal line may be in the other language.)
    abstains=mixed_or(either(known_to_them, follows_a_talk, in_their_process, their_posting)),
    surfaces=ASK_SURFACES,
    checklist="personal",
    fires=("I'm confident I'm the strongest candidate. Looking forward to working together!", 'I came across your impressive profile and would love to connect.', 'Fellow Laravel developer here!',
           "Hope all is well since January. I'm looking for a new role.",
           "I hope the Data Analyst job is still open. Could you put in a good word for me?",
           "Long time no talk! I'm looking for a job.", "I'm Dana, nice to meet you! I'd love to connect.",
           "LinkedIn suggested you as someone I should connect with.", "I was referred by a friend to your page.",
           "It's been a while since I graduated, and I'm looking for a job.",
           "It's been a while since we last spoke! I'm looking for a job.",
           "I'll keep this short because I know we're both busy. I'm looking for a job.",
           "I would love to meet you for coffee sometime.", "At my startup we built a ledger. I'm looking for a job.",
           "The posting said you're hiring. I'm looking for a job.",
           "I saw the detailed descriptions you posted on the role. I'm looking for a job.",
           "I think we could build great things together. I'm looking for a job.",
           "plz refer me in ur company for any developer post, i can do PHP."),
    quiet=("Hope the Easton job is wrapping up ok. Could you put in a good word for me?",
           "Loved ur A/B testing checklist post! Could you refer me?",
           "I read the Globe piece where you described the preceptor programme. Could you refer me?",
           "I noticed you were in the same batch at IIT Madras. Could you refer me?",
           'Great meeting you at PyCon last week!', "I saw you're also a General Assembly grad.",
           "I joined your old lab at Utrecht.", "I got the new certifications you posted about.",
           "I am also graduated from Fudan University.", "Your FinTech Week remarks on open banking stayed with me.",
           "You were my team lead at Globex.", "I've followed Stripe since your team's demo at The Battery Show.",
           'Thank you for the thoughtful talk on data design at UX Lisbon.',
           'Congrats on six years at Stripe! I also started my career there.', 'I loved your post on event sourcing.',
           'Dana Whitfield suggested I reach out.', 'We both studied at Waterloo.',
           'Joe Jones suggests that I write to you.', 'It was great seeing you at the OPPI conference!',
           'I enjoyed talking to you at the SQL user group.', 'I see you also attended Turing!',
           'Congrats on the new role!', 'We are both members of NYEBN.', 'We know Carlo and Rajiv in common.',
           'Given our past work together, I value your view.', 'I also went to the University of Utah, go Utes!',
           'I first saw a video of you talking at Startup Grind.', "Hi, I'm a friend of Jane's.",
           "saw ur post abt payout retries, super cool", "I remember our days at ABC College fondly.",
           "I am applying for the Backend Engineer role, as referred by Arjun Mehta from your team.",
           "Thanks for the chat last week about event sourcing.",
           "It's been ages since Dr. Lin's compilers course at Purdue!",
           "Thank you for the pointers on the interview loop at the career fair.",
           "Thanks for getting back to me! Could you refer me for the SRE role (JR-12)?",
           "I saw that you ran Hack Leeds back in 2022; I was one of the first-years there.",
           "I see you are also graduated from Zhejiang University.",
           "Thank you again for referring me for the Analyst role back in March.",
           "I met you the summer before last at the Smith & Wollensky's dinner.",
           "As you may remember, I taught at Lincoln Elementary from 2008 to 2009.",
           "I see that you previously were involved with the Villanova Investment Club.",
           "It was nice to meet and discuss research with you at the ASBMB annual meeting.",
           "I was thinking about the warehouse-scanner rollout we ran together.",
           "As you know, I was one of your top students in Computer Class.",
           "I would love to work at Harlow Logistics again.",
           "We have 16 mutual connections including Abhijit V. and Cathy G.",
           "I still use the handover sheet you walked us through on my first day on Ward 12.",
           "Thanks again for the mock interview you did with me at the Fisher Accounting Society.",
           "I interned with your water-resources group in Bergen in summer 2025.",
           "Hi Dana, hope all is well since Fort Lee. I'm leaving the Army in March.",
           "Hi Marcus, hope you're keeping well since Lakeshore! I saw your post about the two P&C roles.",
           "We connected after the Codebar night in Shoreditch in the spring.",
           "Remember the night shift on Ward 7 when the alarm went off and we wheeled everyone out?",
           "I came across your piece in the AMIA newsletter about nurses moving into EHR build work.",
           "Hope the move to Learnwise has treated you well.", "I still use your Desmos bell-ringers with my class!"),
    rationale="People answer messages written for them; a specific shared detail is the reason to reply.",
)

RULES = [GENERIC]
