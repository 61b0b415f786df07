"""privacy.confidential: asking a referrer for information they are not allowed to share."""

import re

from companion.coach.analysis import WORD_START, AnalysedDraft
from companion.coach.engine import Rule
from companion.coach.intent import reports_back, requests, tells_news_at, their_last, they_referred
from companion.coach.language import sentence_bounds
from companion.coach.matching import TITLE_NOUNS, conversation_says, is_recruiter, negated, recipient_titles, speaks_for_hiring

# The employer's own systems: Workday and its kin, "the recruiting system", "the internal portal".
_SYSTEMS = (r"(?:workday|greenhouse|taleo|icims|successfactors|jobvite|the ats|the system|the (?:internal |recruiting |"
            r"recruitment |hr |hiring |applicant tracking |candidate )(?:system|portal|tool|database|platform))")
_CONFIDENTIAL = re.compile(
    WORD_START + r"(?:(?:"  # (no named group: it would stop re from skipping fast to where a word starts)
    r"\b(?:salary|pay|compensation|comp|leveling|levels?) (?:bands?|ranges?|brackets?|grid|guide|details|data|sheet)\b"
    r"|\bhow much (?:do|does|would|will) (?!it take)(?:[a-z]+ ){1,6}?(?:pay|make|earn|get paid)\b(?! (?:of|sense)\b)"
    r"|\bwhat (?:do|does) (?:you|they|(?:[a-z]+ ){0,2}(?:[a-z]+ers?|[a-z]+ists?|people|staff|[a-z]+s))"
    r"(?: (?:on|in|at) (?:your|the) (?:team|company|group|department|office|unit))? (?:make|earn)\b(?! of\b)"
    r"|\bwhat does (?!it\b|that\b|this\b)(?:[\w'-]+ ){1,5}?earn\b"  # "what does Omar on the dispatch team earn?"
    # Asked as an embedded question: "tell me how much the other engineers in the team earn".
    r"|\bhow much (?!(?:time|effort|work|it|this|that|interest)\b)(?:[\w'-]+ ){1,8}?(?:earn|earns|get paid|gets paid|are paid|"
    r"is paid)\b"
    r"|\byour (?:salary|pay|compensation|bonus|equity)\b"
    r"|\bwhat (?:[a-z]+ ){1,4}(?:are|is|get|gets|got) paid\b"
    r"|\bhow much (?:the |your )?(?:[a-z]+ ){0,2}(?:[a-z]+ers|[a-z]+ists|people|staff|employees|analysts) (?:are|were) "
    r"(?:getting|making|earning|paid)\b"
    # Someone's pay asked outright: "what are the other QA leads at Andes Cloud earning?" (not "earning a degree").
    r"|\bwhat (?:are|is|were) (?:[\w-]+ ){1,7}?(?:earning|getting paid)(?= ?(?:[?.,!;]|$|there\b|now\b|currently\b|"
    r"these days\b|on average\b|per\b|a (?:month|year)\b))"
    r"|\bwhat (?:are|is) (?:the )?other (?:[\w-]+ ){1,5}?(?:on|getting|making)(?=\s*[?.!,]|$| (?:there|now|currently)\b)"
    # Their staff's pay, as Britons ask it: "what are your store managers on at the moment?"
    r"|\bwhat (?:are|is) (?:your|the) (?:[\w-]+ ){0,2}(?:[a-z]+ers|[a-z]+ists|managers|leads|reps|nurses|staff|people|"
    r"seniors|juniors|colleagues|analysts|associates|consultants|officers|assistants|technicians|teachers) "
    r"(?:on|getting|making|earning)(?= ?(?:[?.!,;]|$|at the moment\b|now\b|currently\b|these days\b|there\b))"
    # Asked as an embedded question: "tell me what the other BAs on that team are making", "what did you offer her?"
    r"|\bwhat (?:the )?other (?:[\w-]+ ){1,6}?(?:are|is|were) (?:making|earning|getting paid|paid|on)\b"
    r"|\bwhat (?:did|do) you (?:offer|pay) (?:her|him|them|the (?:other )?(?:candidate|hire|person)s?)\b"
    r"|\bwhat (?:another|the other) (?:candidate|hire|applicant|person) (?:was|got|is getting) (?:offered|paid)\b"  # "… the other reps on?"
    # What the employer pays the people it has: "the salary package you are giving to your present F&B Managers".
    r"|\b(?:salary|pay|package|compensation|ctc) (?:[\w-]+ ){0,3}?(?:to|of) (?:your |the )?(?:present|current|existing|"
    r"other) (?:[\w&/-]+ ){0,3}?(?:managers|employees|staff|engineers|colleagues|people|team|reps|[a-z]+ers)\b"
    # The panel's view fetched through them: "can you ask Ms. Goh for me what she thought?"
    r"|\bask (?:[\w.]+ ){1,3}?for me what (?:she|he|they) (?:thought|said)\b"
    r"|\bask (?:[\w.]+ ){1,3}?what (?:she|he|they) (?:thought|said) (?:of|about) (?:me|my)\b"
    r"|\bwhat (?:do|does) (?:they|you|the company) pay\b"
    r"|\bwhat(?:'s|s| is| are) the (?:comp|compensation|salary|pay|base|total comp|tc|bonus|equity|budget|ote|quota)\b"
    # A role's pay range, asked or asked about: "what's the PM range", "what the PM range is over there".
    r"|\bwhat(?:'s| is) the (?:[\w-]+ )?(?:pay |salary |comp )?range\b(?! of\b)"
    r"|\bwhat the (?:[\w-]+ )?(?:pay |salary |comp )?range (?:is|looks)\b"
    r"|\bbudget (?:approved |allocated |set aside |available )?(?:for|of) (?:the|this|that|these|those) (?:[\w-]+ ){0,4}?"
    r"(?:role|position|job|opening|hire)s?\b"
    # What a role's people make, asked indirectly: "what the current RSMs make" (audit 94-19); how the team is doing
    # against its targets, from inside: "what targets the team is missing this year".
    r"|\bwhat (?:the |your )?(?:current |other |existing )?(?:[\w-]+ ){0,2}[\w-]+s (?:make|earn|take home|get paid|are "
    r"paid)\b(?! (?:of|sense|it|up|a|the)\b)"
    r"|\b(?:targets?|numbers|quotas?) (?:the |your )?(?:team|org|department|they|you) (?:is|are)? ?(?:missing|missed|"
    r"behind on|failing)\b|\b(?:missing|missed|behind on) (?:its|their|your|the team's) (?:targets?|numbers|quotas?)\b"
    # Their own pay, asked: "what salary they gave you", "what they pay you" (audit 92-10).
    r"|\bwhat (?:salary|pay|package|comp\w*|offer) (?:they|the company|[a-z]+) (?:gave|give|offered|pay|paid) you\b"
    r"|\b(?:have|has|got) (?:the |any )?budget (?:for|to) (?:(?:new|more|any) )?(?:hires?|hiring|headcount)\b)"
    r"|\b(?:interview|onsite|on-site|coding|technical|take-home|screening|phone screen|system design|behaviou?ral) "
    r"(?:questions|problems|answers|question bank|rubric|solutions?)\b"
    # One question too, where it can only be theirs ("the system design question your team uses"; an
    # "interview question" may be the reader's own: "Is this an interview question?").
    r"|\b(?:onsite|on-site|coding|technical|take-home|system design|behaviou?ral) (?:question|problem)\b"
    # The questions themselves: "which questions will the panel ask?" (what kind to expect is advice, not this).
    r"|\b(?:what|which) questions (?:will|would|do|does|did|might) (?:they|you|the team|your team|the interviewers?|"
    r"interviewers|the (?:interview )?panel|the committee) (?:usually |typically )?ask\b"
    r"|\b(?:questions|problems|scenarios?|exercises?|case studies|cases?|tasks?|tests?|assignments?|prompts?) "
    r"(?:that )?(?:they|you|"
    r"the team|your team|the interviewers?|interviewers|the (?:interview )?panel|the committee|the assessors) "
    r"(?:are |is |were |will be )?"
    r"(?:usually |typically |normally |often |generally |tend to )?"
    r"(?:ask|asks|asked|asking|use|uses|used|using|give|gives|gave|giving)\b"
    # How candidates are marked, whatever it is called: "the marking sheet", "the scoring rubric", "the answer key".
    r"|\b(?:marking|scoring|score|grading|evaluation|assessment) (?:sheets?|schemes?|rubrics?|guides?|criteria|keys?|"
    r"grids?|matrix)\b|\banswer keys?\b|\bmodel answers\b"
    # Where the writer and the others stand: "who else is in the final pool", "how my application scored".
    r"|\bwho else is (?:still )?(?:in|on) (?:the )?(?:final |short )?(?:pool|list|shortlist|short list|running|round|stage|"
    r"process)\b"
    r"|\bwhat(?:'s| is) the (?:max(?:imum)?|most|top|highest) (?:they|you|the company|the team) (?:can|could|would|will) "
    r"(?:offer|pay)\b"
    r"|\bwho(?:'s| is) (?:on|in) the (?:short ?list|final (?:pool|list|round))\b"
    r"|\bhow many (?:others|other (?:people|candidates|applicants)|people|candidates|applicants) (?:made|are on|are in|"
    r"got (?:on|onto)) the (?:short ?list|final (?:round|pool|list))\b"
    r"|\bhow (?:my|our) (?:application|resume|cv|interview|candidacy|test|assessment) (?:was )?(?:scored|ranked|rated)\b"
    r"|\bhow i (?:scored|ranked)\b"
    r"|\bhow (?:the )?(?:last |other |previous |past )?(?:candidates|people|others|applicants)"
    r"(?: (?:you|they|the team) (?:referred|interviewed|hired))? (?:scored|were scored|were rated|ranked|were ranked)\b"
    r"|\b(?:pay|salary) (?:grades?|scales?|caps?)\b|\bwhat (?:the|this|that) (?:role|position|job) pays\b"
    # A promise of secrecy says the ask is for something that must not be shared.
    # ("Nobody would know we haven't worked together" bends the truth of the referral: tone.demanding.)
    r"|\bi (?:will not|won't|wont|will never) tell (?:anyone|anybody)\b|\b(?:no ?one|nobody) (?:will|would) know\b"
    r"(?!,? (?:that )?(?:we|you|i)\b)"
    r"|\bbetween you and me\b|\b(?:keep|stay) (?:it|this) between us\b"
    # Hiring plans not yet announced: "which finance roles are budgeted for next year" (audit 87-18).
    r"|\b(?:roles?|positions?|jobs?|hires?|openings?|headcount) (?:are |is |will be |have been )?(?:budgeted|planned|"
    r"approved) for (?:next|the coming|the next) (?:year|quarter|fiscal year|fy)\b|\bheadcount (?:plans?|budget)\b"
    r"|\binternal (?:docs?|documents?|wiki|memos?|roadmaps?|slides|tools?|data|emails?|notes|information|info|"
    r"rubrics?|scorecards?|guidelines)\b"
    r"|\bconfidential\b|\bunder nda\b|\bnot (?:yet )?public\b"
    # Not the writer measuring themselves: "to get ahead of the other candidates", "stand out from other applicants".
    r"|\bother(?<!ahead of other)(?<!ahead of the other)(?<!from other)(?<!from the other)(?<!than other)"
    r"(?<!than the other)(?<!among other)(?<!among the other)(?<!over other)(?<!over the other) (?:candidates?|"
    r"applicants?)\b|\bwho else (?:(?:\w+ ){0,4}?)(?:applied|is applying|is interviewing|"
    r"they're interviewing|made it|got (?:an? )?(?:interview|offer|through|referred)|is (?:still )?in the running|was referred)\b"
    # Who got it: "who they hired", "who they chose instead".
    r"|\bwho (?:they|the team|you|the panel|the hiring manager) (?:ended up )?(?:hired|picked|chose|selected|went with)\b"
    r"|\bwho did (?:they|the team|you|the panel|the hiring manager) (?:hire|pick|choose|select|go with|end up (?:hiring|"
    r"picking|choosing|selecting|going with))\b"
    # Someone's private contact details: "her private email and phone number", "the director's personal cell".
    r"|\b(?:private|personal|direct|home) (?:e-?mail|phone|cell|mobile|number)(?:s| addresses| numbers)?\b"
    r"|\bhow many (?:other )?(?:people|candidates|others|applicants) (?:have )?(?:already )?(?:applied|are applying|"
    r"are interviewing|made it|(?:got|were|have been|are being) referred)\b"
    r"|\bhiring freezes?\b|\bbackfill(?:ed|ing)?\b|\b(?:got|been|was|is|being) frozen\b"
    r"|\bhow many (?:other )?(?:people|candidates|applicants|others) (?:are |is )?(?:they|you|the team) "
    r"(?:interviewing|considering|talking to)\b"
    r"|\bwhat (?:did|does|do|would|will) (?:[a-z]+ ){1,6}?(?:get|got|be) offered\b"
    r"|\bwhich (?:[a-z]+ ){0,2}(?:interview|onsite|coding|technical|system design|behaviou?ral) (?:question|problem)\b"
    r"|\bheadcount(?: plans?| budget| numbers)?\b|\bhiring plans?\b|\b(?:(?:upcoming|planned|recent|the) )?(?:layoffs?|lay-offs?|restructuring|reorg)\b"
    r"|\bhiring manager's scorecard\b|\bscorecards?\b"
    # The panel's notes on you: "the notes from my interview", "my interview notes".
    r"|\b(?:notes|write-?ups?|evaluations?|assessments?) (?:from|on|of|about) (?:my|the) (?:interview|panel|loop|onsite)\b"
    r"|\bmy (?:interview|panel|onsite) (?:notes|write-?ups?|evaluations?|scores)\b"
    # Who is in the room and how the team is built: "the org chart", "the names of the people on the panel".
    r"|\borg(?:ani[sz]ation(?:al)?)? charts?\b"
    r"|\bnames? of (?:the )?(?:people|interviewers|panelists|panellists|members) (?:on|of|in) (?:the|my|your) "
    r"(?:panel|loop|interview)\b|\bnames? of (?:the |my )?(?:interviewers|panell?ists|panel members)\b"
    r"|\bwho(?:'s| is| will be| else (?:is|sits|will be)| sits) on (?:the|my) (?:interview )?(?:panel|loop)\b"
    r"|\btake-?homes?\b"
    # What the company hands candidates, whoever names it: "the case study Orrery gives candidates in the first round".
    r"|\b(?:case stud(?:y|ies)|cases?|exercises?|tests?|tasks?|assignments?|questions|problems|prompts?) (?:that )?"
    r"(?:[\w'-]+ ){1,3}?(?:gives?|gave|sends?|sent|uses?|used|sets?) (?:to |with )?(?:candidates|applicants|interviewees|in (?:the )?"
    r"(?:first|second|third|final|last|next|technical|case) (?:round|stage|interview))\b"
    # A third person's private line: "the hiring manager's WhatsApp", "his personal number".
    r"|\b(?!(?:my|your|our)\b)[a-z]+'s (?:personal |private |direct )?(?:whatsapp|cell|mobile)(?: (?:phone )?number)?\b"
    r"|\b(?:manager|director|recruiter|ceo|founder|lead|head|partner|owner|boss)(?:'s)? (?:personal |private |direct )?"
    r"(?:whatsapp|phone(?: number)?|mobile(?: number)?|cell(?: number)?|number)\b(?! of\b)"
    # A past round's material, or the questions of an interview: "the technical test from last round",
    # "the questions of the technical interview".
    r"|\b(?:tests?|tasks?|assignments?|exercises?|cases?|case stud(?:y|ies)|questions|problems) (?:from|of|in) (?:the )?"
    r"(?:last|previous|past|earlier) (?:[\w-]+ ){0,2}?(?:round|year|cycle|batch|interviews?|centre|center|assessment)\b"
    r"|\bquestions (?:of|from|asked in) the (?:[\w-]+ )?(?:interview|onsite|screen|round|test|assessment)\b"
    r"|\bwhat (?:the )?(?:panel(?: members)?|panell?ists|interviewers?) (?:will|would|usually|typically|might) ask\b"
    # Asked indirectly, or of a round gone by: "what questions they will ask in the final round", "what they asked
    # in the design challenge and the panel interview".
    r"|\bwhat questions (?:they|the team|your team|the interviewers?|the (?:interview )?panel) (?:will |would |might |"
    r"usually |typically )?ask\b"
    r"|\bwhat (?:they|the team|the interviewers?|the panel) asked (?:you )?(?:in|during|at) (?:the )?(?:[\w-]+ ){0,2}?"
    r"(?:interview|challenge|round|onsite|screen|test|assessment|panel|exercise)\b"
    r"|\binternal candidates?\b"
    r"|\bwho else (?:they|you|the team) (?:are|is|were) (?:interviewing|considering|talking to)\b"
    # How the process judged the writer, or why it chose another: "my interview score", "the interviewers' notes",
    # "what the interviewers wrote about me", "why they picked the other candidate".
    r"|\b(?:my|the) (?:interview|panel|onsite|on-site|loop|assessment) (?:scores?|ratings?|marks|evaluations?)\b"
    r"|\b(?:interviewers?'s?|panel(?:'s)?|panelists'?|hiring manager's|committee's) (?:notes|feedback|scores?|"
    r"ratings?|comments|evaluations?|write-?ups?|debrief)\b"
    # The panel's verdict, fetched by the referrer: "can you ask him how I did?", "check with them if I am selected".
    r"|\b(?:find out|(?:know|heard|hear)(?: anything)?(?: about)?|ask (?:him|her|them|the (?:hiring manager|panel|"
    r"recruiter|team)|[a-z]+)|check(?: with (?:him|her|them|[a-z]+))?) "
    r"(?:how i (?:did|performed|scored)|how (?:it|my (?:interview|onsite|final round)) went|(?:if|whether) i (?:am|was|'m|got|have been) (?:selected|shortlisted|through|"
    r"rejected))\b"
    r"|\b(?:tell (?:you|me|us)|let (?:you|me) know) how i (?:did|performed|scored)\b"
    # The decision dug into: "could you find out from the hiring manager what really happened?"
    r"|\bfind out (?:from (?:[\w.']+ ){1,3}?)?(?:what (?:really |actually |exactly )?happened|what went wrong)\b"
    # Anyone's verdict but the reader's own: "what the panel wrote about me", "check with Sandra what she thought
    # of me", "what did the interviewers write about me".
    r"|\bwhat (?!you\b)(?:[\w.']+ ){1,3}?(?:wrote|said|says|thought|thinks|noted|put down|commented|decided) (?:about|of) me\b"
    # Their verdict fetched: "check with him or the hiring manager what they thought", "what the feedback says".
    r"|\bcheck with (?:[\w.']+ ){1,5}?what (?:they|he|she) (?:thought|think|said|say)\b"
    r"|\bwhat (?:the |their |his |her )feedback (?:says|said|was|is)\b"
    r"|\bwhat did (?!you\b)(?:[\w.']+ ){1,3}?(?:write|say|think|note|put down|decide) (?:about|of) me\b"
    r"|\bwhat feedback (?:the |my )?(?:interviewers?|panel(?:ists)?|hiring manager|assessors?|committee|team|they) "
    r"(?:gave|had|left|wrote|shared)\b"
    # What they thought of the writer: "do you know if Paul liked me?"
    r"|\b(?:if|whether) (?:\w+ ){1,3}(?:liked|likes|was impressed (?:by|with)|thought highly of) me\b"
    r"|\bwhy (?:they|the team|you|the panel|the hiring manager|he|she) (?:(?:picked|chose|selected|hired|went with|"
    r"preferred) (?:the other|someone else|another|him|her)|(?:rejected|turned down|passed on|didn't pick|did not pick|"
    r"didn't choose|did not choose|didn't hire|did not hire) me)\b"
    # The person hired, their pay, and why not the writer: "Who got it?", "what they're paying them", "why I was rejected".
    r"|\bwho got (?:it(?=\s*\?)|the (?:job|role|position|offer))\b"
    r"|\bwhat (?:(?:they|you)(?:'re| are)|are (?:you|they)|the company is|is the company) paying (?:them|him|her|"
    r"(?:the )?(?:other |new )?(?:[\w-]+ )?(?:hires?|person|finalists?|candidates?|people))\b"
    r"|\bhow much (?:is |would be |will be )?(?:the )?(?:salary|pay)\b"  # "how much is salary there?"
    r"|\bwhy (?:exactly )?i (?:was|got) (?:rejected|turned down|not selected|passed over)\b"
    # The employer's own systems, looked up for the writer: "check in Workday what the status of my application is".
    # ("an email from the system" is no look-up: "from" only after a verb that looks.)
    r"|\b(?:(?:check|look (?:up|at|into)|see|find out|pull up)(?: [\w']+){0,4} (?:in|on|from|through)|in|on|through) "
    + _SYSTEMS + r"\b"
    r"|\bhow many (?:\w+ ){1,6}(?:plans? to|will|are going to|expects? to|intends? to) hire\b"
    # Where the field stands, in any words: "how many people they're interviewing", "how many candidates are
    # already shortlisted", "how many other nurses have applied".
    r"|\bhow many (?:[\w-]+ ){0,3}?(?:(?:they|you)(?:'re| are) |are |were |have |has )?(?:already |being )?"
    r"(?:interviewing|interviewed|shortlisted|applied|in the (?:process|running|pipeline|final round))\b"
    # Anyone's view of the writer's file or which way they lean: "what Aisha thinks of my profile", "whether
    # they're leaning towards me".
    r"|\bwhat (?!you\b|i\b)(?:[\w.']+ ){1,3}?(?:thinks?|thought|said|wrote) (?:about|of) my (?:profile|application|cv|"
    r"resume|interview|candidacy|answers?|test|case|presentation)\b"
    r"|\b(?:whether|if|which way) (?:they(?:'re| are)|the (?:panel|team|hiring manager|committee) (?:is|are)|(?:she|he)"
    r"(?:'s| is)) leaning\b"
    r"|\b(?:what|which) questions (?:are|were|get|got) asked\b"
    r"|\bnames? of (?:the |my )?interview panel\b|\bnames? of (?:whoever|anyone|everyone|everybody) else\b)"
)
# These ask for something; on their own ("I won't ask about anything confidential") they do not.
_ASKING = re.compile(
    r"\b(?:share|send|tell|give|forward|show|leak|let me know|know|ask|access|see|get|find out|if you have|need|"
    r"hear (?:anything|something|more)|"
    r"provide|pass along|walk me through|fill me in|check|look (?:up|at|into)|pull up|what(?:'s|s| are| is| were))\b"
)
# An internal system is only confidential as the place to look the writer up: "check in Workday what the status of
# my application is", not "could you submit my referral in Workday?".
_SYSTEM = re.compile(_SYSTEMS + "$")
_LOOKED_UP = re.compile(r"\b(?:status|stage|application|candidacy|profile|feedback|notes|scores?|rank\w*|where i stand)\b")


# Asked for by what it would do for the writer: "even the interview questions the team uses would help me".
_WOULD_HELP = re.compile(r"[^.!?\n]{0,40}?\b(?:would|could|will) (?:really |so |also )?(?:help|be (?:great|helpful|"
                         r"amazing|useful|a huge help|appreciated|invaluable))\b")
_DEFINITE = re.compile(r"\b(?:the|your|their)\s+$")  # theirs, not practice: "practising interview questions would help"
# One more item of a list whose verb came before: "…, and the", "and your".
_LISTED = re.compile(r"(?:,|\band|\bor)\s+(?:the |your |any |their )?$")
_PAY = re.compile(r"\b(?:salary|pay|paid|compensation|comp|leveling|levels?|make|earn|bonus|equity|base|tc|budget|"
                  r"range|ote)\b")
# Whose job it is to talk pay with candidates (a recruiter, or a headline that says they are hiring): the role's
# range is theirs to share.
_HIRING = re.compile(r"(?i)\bhiring\b")
# A draft to a recruiter, as it says: they reached out, a screen is being set up, "as the recruiter".
_TO_RECRUITER = re.compile(r"\b(?:thanks?|thank you) for reaching out\b|\bbefore we schedule\b|\bphone screen\b"
                           r"|\bas the recruiter\b|\byou(?:'re| are) (?:the|a|an) (?:[\w-]+ ){0,3}?(?:recruiter|sourcer|"
                           r"talent (?:acquisition|partner)|hr (?:partner|manager|lead))\b")


# A question in form, asked with or without "?": "Also what are the salary bands for the FP&A roles there."
_WH = re.compile(r"(?:what|who|which|how much|how many)\b")
_OPENS_Q = re.compile(r"(?:^|\b(?:also|and|so|but|ok|okay|btw|then|one more thing))[\s,:-]*$")
_EMBEDDED_Q = re.compile(r"\b(?:what|how|whether|if|why|which)\b[^,;]*$")
_OFFERED = re.compile(r"\b(?:answer|take|complete|do|sit|fill (?:in|out)|prepare for|work through)\s+"
                      r"(?:any|all|the|your|some|a few)?\s*(?:of (?:the|your) )?(?:further |additional |other )?$")
_TOLD_OF = re.compile(r"\s+(?:was|were|went|felt|seemed)\b")  # the thing is a sentence's subject
_WHAT_KIND = re.compile(r"\b(?:what|which) (?:kinds?|types?|sorts?) of\s+$")
_PLEASE = re.compile(r"\b(?:please|kindly|pls)\s+$")  # "please check with them if I am selected"
# Pay raised in their message: "what are your salary expectations?", "the band is 90-110k".
_RAISED = re.compile(r"\b(?:salary|compensation|pay|ctc|(?:pay|salary|comp) (?:range|band)|expectations)\b")
# Colleagues' pay stays private whoever is asked: a recruiter shares the role's range, not what others earn.
_OTHERS = re.compile(r"\b(?:other|others|colleagues|co-?workers|peers|teammates|your (?:[\w-]+ )?team)\b")
_SECRECY = re.compile(r"i (?:will not|won't|wont|will never) tell|(?:no ?one|nobody) |between you|(?:keep|stay) ")


def _to_recruiter(draft: AnalysedDraft, ctx) -> bool:
    """A recruiter, by their headline or title (profile or thread), or as the draft says ("as the recruiter")."""
    return bool(_TO_RECRUITER.search(draft.lower)) or is_recruiter(ctx)




def _pay_is_theirs(draft: AnalysedDraft, ctx) -> bool:
    """Whether pay is theirs to talk about: a recruiter (their headline or title says so, on the profile or the
    thread's participant, or the draft answers one), their messages speak for the hiring side, or their last
    message raised it ("what are your salary
    expectations?": the range asked back is the same talk)."""
    if _to_recruiter(draft, ctx) or _HIRING.search(recipient_titles(ctx)) or speaks_for_hiring(ctx):
        return True
    theirs = their_last(ctx.thread)
    return theirs is not None and bool(_RAISED.search(theirs))


_CUTS = re.compile(r"\b(?:lay-?offs?|restructuring|reorg)\b")
_OWN_NEWS = re.compile(r"(?:\bmy|\bour|'s|’s) $")


def _not_an_ask(draft: AnalysedDraft, m: re.Match[str], ctx) -> bool:
    """Negated ("I know you can't share anything confidential"), nothing asks for it, or pay asked of a
    recruiter or after they raised it (_pay_is_theirs). A promise of secrecy
    counts in any draft that asks for something, unless the draft's ask is caught by name already."""
    if _SECRECY.match(m.group()):
        return not requests(draft) or any(not _SECRECY.match(o.group()) for o in _CONFIDENTIAL.finditer(draft.lower))
    named = m.group().startswith("what does ") and draft.text[m.start() + 10:m.start() + 11].isupper()  # "… Omar earn"
    if _PAY.search(m.group()) and not _OTHERS.search(m.group()) and not named and _pay_is_theirs(draft, ctx):
        return True
    if m.group().startswith("why") and _to_recruiter(draft, ctx):
        return True  # feedback on your own application is the recruiter's to give: "could you share why I was rejected?"
    near = draft.lower[max(0, m.start() - 25):m.start()]
    if _CUTS.search(m.group()) and _OWN_NEWS.search(near) and "your" not in near:
        return True  # "since my layoff in April", "after Brightline's restructuring": the writer's own news
    if m.group().startswith("who") and m.group().endswith(("panel", "loop")) and reports_back(draft):
        return True  # "panel interview on Thursday, thank you for referring me: do you know who's on the panel?": prep
    if m.group().startswith("how many") and "appl" in m.group() and _to_recruiter(draft, ctx):
        return True  # how many applied is the recruiter's to say (job sites show it); who they are is not
    if _SYSTEM.search(m.group()):
        s, e = sentence_bounds(draft, m.start())
        if not _LOOKED_UP.search(draft.lower, s, e):
            return True
    if _OFFERED.search(draft.lower, max(0, m.start() - 40), m.start()):
        return True  # "happy to answer any screening questions": the writer offers to take them, asks for nothing
    if _TOLD_OF.match(draft.lower, m.end()) and not _EMBEDDED_Q.search(draft.before_in_sentence(m.start(), 40)):
        return True  # "I think the take-home was judged unfairly" speaks of it (not "what my scores were")
    if _WHAT_KIND.search(draft.lower, max(0, m.start() - 24), m.start()):
        return True  # "what kind of questions they ask in the first interview" asks what to expect, not the questions
    if tells_news_at(draft, m.start()):
        return True  # "they've gone with an internal candidate" tells what happened
    before = draft.before_in_sentence(m.start(), 60)
    if _LISTED.search(before):  # "send me the names of …, and the interview questions": the ask is further back
        before = draft.before_in_sentence(m.start(), 240)
    return negated(draft, m.start(), 40) or not (_ASKING.search(before) or draft.ends_in_question(m.end())
                                                  or _WH.match(m.group()) and _OPENS_Q.search(before)
                                                  or _PLEASE.search(before)
                                                  or _DEFINITE.search(before) and _WOULD_HELP.match(draft.lower, m.end()))


def _what_to_ask(draft: AnalysedDraft, ctx) -> str:
    """What they can share: after their referral, how to prepare; to a recruiter, the process; before, the team
    and the process, or a referral."""
    if reports_back(draft) or they_referred(ctx.thread):
        return ("Ask only for what they can share: how they prepared for their own interviews, what the team "
                "values, or who you will meet, in general terms.")
    if is_recruiter(ctx):
        return ("Ask only for what they can share: the steps of the process and its timeline, and what the team "
                "looks for, in general terms.")
    return ("Ask only for what they can share: what the team is like, how they found the interview process in "
            "general, or whether they'd be comfortable referring you.")


# The pay of the role the writer seeks, plainly: "the salary range for this role" (many postings show it), not
# internal bands, a budget, or what people earn.
# "…for senior accountants", "the salary range for new hire RN" (pay for whoever is hired, as postings give it).
_ROLE = re.compile(r"\b(?:role|position|job|opening|posting|vacancy|post|new[- ]hires?|new[- ]grads?|entry[- ]level|"
                   r"starting (?:salary|pay|rate)|" + TITLE_NOUNS + r")")
_INTERNAL = re.compile(r"\b(?:bands?|levels?|leveling|grid|guide|sheet|data|budget|you|your|make|earn|paid|paying|"
                       r"getting|bonus|equity)\b")
# What was decided inside about it: "what comp range did they approve for the L5 role?"
_DECIDED = re.compile(r"\b(?:approv\w*|budget\w*|signed off|internal(?:ly)?)\b")
_MESSAGE = ("\"{w}\" asks for information most employers keep confidential. {who} who shares it can break "
            "their employment agreement, so the ask costs you their trust.")


def _mentions_role(text: AnalysedDraft) -> bool:
    return bool(_ROLE.search(text.lower))


def _role_pay(draft: AnalysedDraft, m: re.Match[str], ctx) -> bool:
    """The role's pay: its sentence names the role, or "the salary range" ("what's the salary range?") is asked where
    the draft or the writer's own messages on the page name it ("I'm applying to the Android Engineer role" … "send
    me the salary range")."""
    if not _PAY.search(m.group()) or _INTERNAL.search(m.group()):
        return False
    s, e = sentence_bounds(draft, m.start())
    if _OTHERS.search(draft.lower, s, e) or _DECIDED.search(draft.lower, s, e):
        return False
    definite = draft.lower.endswith("the ", 0, m.start()) or m.group().startswith(("what's the", "whats the", "what is the"))
    return bool(_ROLE.search(draft.lower, s, e)) or definite and (
        _mentions_role(draft) or conversation_says(ctx, _mentions_role, "me"))


# A colleague's contact details: "could you share the hiring manager's email?", "the email of the recruiter",
# "share their email so I can send my CV directly". Theirs to give, and a way round the referrer.
_THEIR_CONTACT = re.compile(
    r"\b(?:hiring manager|recruiter|manager|director|hr|head of [\w-]+|ceo|cto|founder)(?:'s|s')? (?:work )?"
    r"(?:e-?mail|phone|number|mobile|cell|contact(?: details| info)?)\b"
    r"|\b(?:e-?mail|phone number|number|contact(?: details| info)?) of (?:the |your |their )?(?:hiring manager|"
    r"recruiter|manager|director|hr)\b"
    r"|\b(?:share|send|give|pass)(?: me)? (?:their|his|her) (?:e-?mail|phone|number|contact(?: details| info)?)\b")


_CONTACT_WORDS = ("mail", "phone", "number", "contact", "mobile", "cell")  # without one, _THEIR_CONTACT cannot match


def _contact_asked(draft: AnalysedDraft, ctx):
    if not any(map(draft.lower.__contains__, _CONTACT_WORDS)):
        return
    for m in _THEIR_CONTACT.finditer(draft.lower):
        if _not_an_ask(draft, m, ctx):
            continue
        yield CONFIDENTIAL.finding(
            f"\"{draft.text[m.start():m.end()]}\" asks for a colleague's contact details. They are that person's to "
            "give, and going round the referrer to the hiring manager reads as pushing past them.", draft, m.span(),
            severity="warning",
            suggestion="Ask them to pass your note or CV on, or whether they would introduce you.")
        return


def _confidential(draft: AnalysedDraft, ctx):
    yield from _contact_asked(draft, ctx)
    last = -1
    for m in _CONFIDENTIAL.finditer(draft.lower):
        if _not_an_ask(draft, m, ctx):
            continue
        if last >= 0 and not draft.lower[last:m.start()].strip(" -,"):
            last = m.end()  # "the take-home test they usually give": one thing asked, in two matches
            continue
        last = m.end()
        said = draft.text[m.start():m.end()]
        if _role_pay(draft, m, ctx):  # not a secret, but not theirs to discuss either
            yield CONFIDENTIAL.finding(
                f"\"{said}\" asks about the role's pay. That is the recruiter's to discuss: a referrer may not know "
                "it or be free to share it, and as part of the ask it can read as your first concern.", draft,
                m.span(), severity="warning",
                suggestion="Check the posting (many show a range) or ask the recruiter once you are in the process.")
        else:
            who = "A recruiter" if _to_recruiter(draft, ctx) else "A referrer"
            yield CONFIDENTIAL.finding(_MESSAGE.format(w=said, who=who), draft, m.span(),
                                       suggestion=_what_to_ask(draft, ctx))


CONFIDENTIAL = Rule(
    code="privacy.confidential", check=_confidential, severity="error",
    fires=('Could you share the salary band for the role?', 'How much do you make?', 'Can you find out how I did?',
           'They said they would decide in two weeks. Do you maybe know anything about how it went?',
           'Can you find out who they hired and what the interview scores were?', 'Do you know if Paul liked me?',
           'Also, who else is still in the running?', 'Who did they hire?', 'Out of interest, who did you end up hiring?',
           'Could you send me the case study Orrery gives candidates in the first round?',
           'Can you tell me what questions they will ask in the final round?', 'Who else is still in the process?',
           'Could you tell me what they asked in the design challenge and the panel interview?',
           'Could you share who else sits on the interview panel so I can connect with them beforehand?',
           "Please send me the hiring manager's WhatsApp so I can talk to him directly.",
           'Can you tell me what salary they gave you and the budget for the structural roles?',
           "Can you send me Joe's cell number so I can call him today?",
           'Can you tell me what the current RSMs make and what targets the team is missing this year?',
           'Could you send me her private email and phone number?',
           "The role is filled? Could you share the hiring manager's email so I can send my CV directly?",
           "What's the OTE for SDRs there?", "Also any idea what the PM range is over there?",
           'Also please check with them if I am selected.',
           "Could you please check in the system if my application is still active?",
           "Could you send me the technical test from last round?", "Could you share the budget approved for this position?",
           "Can you find out from the panel what they wrote about me?",
           "Could you maybe ask Raj how I did?",
           "Could you check with him or the hiring manager what they thought and let me know what the feedback says?",
           "Could you share the questions of the technical interview?", "Do you know what the panel members will ask?",
           "Is there already an internal candidate for this role?", "Do you know who else they are interviewing?",
           "Could you send the case study from the last assessment centre?",
           "Could you ask around what the panel thought of me?", "Do you know who else is in the final round?",
           "What is the max they can offer for this role?", "Let me know what the hiring manager says about me.",
           'Can you tell me about the recent layoffs in your division?', 'What interview questions do they ask?',
           'Could you share the system design questions they ask?', "What's the comp for that level?",
           'Could you send me the take-home assignment from last year?',
           'Could you tell me roughly how many people the platform org plans to hire next year?',
           'Do you know roughly what senior engineers there are paid?', 'How much does a Staff Engineer there earn?',
           'What do senior engineers make there?',
           'Could you send me the incident-response scenario your team uses in the onsite?',
           'Is there a hiring freeze coming?', 'Is the team going to backfill this seat?',
           'How many other people applied for the role?', 'Who else made it to the final round?',
           "Can you tell me which system design question they're using this cycle?",
           "Do you know if the team's budget for this role got frozen?",
           'How many candidates are they interviewing for the role?',
           'What did the person they hired last time get offered?',
           'Would you mind sending me the system design question your team is using this cycle?',
           'What is the budget for the Senior Backend Engineer role?',
           "Even the interview questions the team uses would help me prepare.",
           "Could you send me the internal rubric for the role?",
           "Please send me the names and emails of the hiring managers he met, and the interview questions "
           "they asked him, by Friday.",
           "Could you send me the org chart for the robotics team and the names of the people on the panel?",
           "Also, who will be on the interview panel?",
           "Could you share which SQL questions your team usually asks in the onsite?",
           "Does your team have budget for new hires this quarter?",
           "If you can send me the scenarios they are giving and the marking sheet it will be a big help.",
           "Could you tell me who else is in the final pool?",
           "Would you be able to tell me how my application scored and how many others made the shortlist?",
           "Could you let me know what pay grade they have approved for the role?",
           "Could you send me the case study? I will not tell anyone.",  # the case study itself may be public
           "Could you tell me how the last candidates you referred scored?",
           "Can you check in Workday what is the status of my application?",
           "If you can see my interview score from the panel that would help me a lot.",
           "Do you know how many other people got referred for the role?",
           "Could you tell me how many candidates already applied for the position?",
           "Which questions will the panel ask?", "Can you send me the Excel case they gave to the candidates?",
           "Could you tell me how much the Fleet Planners are getting there?",
           "Can you find out what the interviewers wrote about me?",
           "Could you find out why they picked the other candidate?",
           "Could you maybe find out from the hiring manager what really happened?",
           "Could you tell me what questions the interview panel is asking this year?",
           "What are the other QA leads at Andes Cloud earning?", "What are the other data engineers making there?",
           "Also what do the seniors on your team make?",
           "Can you tell me what the other BAs on that team are making?", "What did you offer her?",
           "Could you ask the hiring manager for the notes from my interview?",
           "btw what are your store managers on at the moment?",
           "Could you tell me how much the other oncology pharmacists in your team are paid?",
           "Could you also tell me how much the other engineers in the team earn?", "Whats the range and what are the other reps on?",
           "Please share the salary package you are giving to your present F&B Managers.",
           "Can you ask Ms. Goh for me what she thought?", "Could you check with Mei how I did?",
           "Do you know what feedback the panel gave on me?", "By the way how much do you and the other coordinators earn there?", "Seriously? Who got it?",
           "Can you find out what they're paying them and why exactly I was rejected?", "What are the other managers in your team getting?",
           "Also can you find out from the team why they rejected me so I can fix it this time?",
           "Hi Tanya, I saw you're the Talent Acquisition Partner for this opening. What are the other analysts on "
           "your team getting paid?", "Could you maybe check with Sandra what she thought of me?",
           "What did the interviewers write about me?", "Do you know anyone on the panel who could tell you how I did?",
           "Hi Tanya, as the recruiter: what are you paying the other finalists?",
           "Can you tell me how much salary is for this position?", "whats the salary for the role?",
           "Who else is in the process?", "Could you send me the names of the interviewers?",
           "Also what are the salary bands for the FP&A roles there, just so I know what to ask for.",
           "What does Omar on the dispatch team earn?",
           "Also can you tell me who is manager for this position and how much is salary there?",
           "If you hear anything about how many people they're interviewing or what Aisha thinks of my profile, "
           "please let me know.", "Can you share which questions are asked in the technical interview?",
           "How many candidates are already shortlisted?", "Also share the names of the interview panel so I can prepare.",
           "I'll also need the compensation bands for your leadership team.",
           "If you hear anything from Sarah about whether they're leaning towards me, could you let me know?"),
    quiet=("Thank you again for referring me! Panel interview on Thursday: do you know who's on the panel?",
           "What kind of questions should I expect in the final round?", "Happy to share my number if a call is easier.",
           "I want to get ahead of the other candidates.", "I'd love to hear what the new tools make possible.",
           "The recruiter's email bounced, so I am writing to you instead.",
           "I know you can't share anything confidential.", "You should get an email from the system.",
           "I took notes from my interview so I can prepare better next time.",
           "I will find out how I did next week.", "What is the range of projects you work on?", "They've gone with an internal candidate.", 'What was the application process like for you?',
           "Could you submit my referral in the system?", "I passed the test from last round.",
           "Hi Tanya, I saw you're the Talent Acquisition Partner for this opening. Could you tell me the salary range?",
           "Hi Tanya, as the recruiter, could you share why I was rejected so I can improve?",
           'Could you forward my resume for any internal postings?', 'I finished the take-home assignment yesterday.',
           'What does your team make? I loved the new sync feature.', 'What do you make of the new kit?',
           'How much does it take to make the switch to data?',
           'What questions should I ask the team?', 'I practiced a system design question on caching last week.',
           'Is this an interview question?', "Practising common interview questions would help me prepare.",
           "Could you tell me a bit about how the team is organised?",
           "Thanks for reaching out! Before we schedule, could you share the salary range for the position?",
           "I practised with a scoring rubric I wrote myself.", "Thank you! I won't tell anyone until it's official.",
           "Could you submit my referral in Workday for the Data Analyst role?", "I applied through Workday yesterday.",
           "I'll get my interview results next week.", "Do you know what kind of questions they ask in the first interview?", "Could you ask Priya what she thinks of the new framework?", "What are your thoughts on earning the AWS certification?",
           "What is everyone on the team earning their stripes on these days?",
           "I'd love to hear what you thought of me as a candidate.", "Would you have time to tell me how it went for you?",
           "Can you ask the hiring manager to reconsider? I think the take-home was judged unfairly.",
           "I don't care how much the pay is, I want to learn.", "Let me know what you think of my portfolio.",
           "How many people are on your team?", "How many years have you been at Stripe?",
           "What did you think of my portfolio?", "I'm happy to send my resume or answer any screening questions here."),
    rationale="Never ask a referrer for what their employer keeps confidential.",
)

RULES = [CONFIDENTIAL]
