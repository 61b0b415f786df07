"""reply.unanswered: their last message asked something a reply must answer (which job, your resume or portfolio,
when you are free, when you could start, your salary expectations, relocation or a visa, whether you would take
what they propose, whether they should go ahead) and the reply does not. A question left open costs one more round trip, days in a referral, and reads as not listening.

Each kind of question has a kind of answer: a time answers "when are you free?", a duration "what's your
notice period?", a figure or "flexible" a question of pay, a yes, a no or the proposal taken up "would you be
open to a contract?". The rule names only questions whose answer it can
recognise: beyond those kinds, a yes-or-no question about the writer ("are you a US citizen?", "whether you hold
your ECS card") wants a yes, a no or its topic taken up, and a question on their experience with a named thing
("what's your experience with PLCs?") wants that thing named. An open question ("what drew you to us?") it leaves
alone."""

import re

from companion.coach.analysis import MONTHS, WEEKDAY, AnalysedDraft
from companion.coach.engine import CoachContext, Rule
from companion.coach.intent import their_last, withdraws
from companion.coach.matching import first_name
from companion.coach.rules.ask import job_reference, names_role
from companion.coach.rules.background import sums_up_fit
from companion.coach.rules.courtesy import offers_materials

# Which job, asked: "Which position exactly?", "what's the req number?", "send me the job link".
_ASKS_JOB = re.compile(
    r"\b(?:which|what(?:'s| is)?(?: the)?) (?:[\w-]+ )?(?:role|position|job|opening|posting|req|one|team)\b"
    r"|\b(?:job|req|requisition|posting|position) ?(?:id|number|no\.?|#|link)\b"
    # ("a link to a sample of your work" is no job's.)
    r"|\b(?:send|share|forward|paste|drop)(?: me| over)?\b[^.!?\n]{0,30}\b(?:the link|(?:job|posting|role|position) "
    r"(?:link|url)|link (?:to|for) the (?:job|posting|role|position|opening)|req|posting)\b")
# Your resume or portfolio, asked: "send me your CV", "could you share your resume?", "do you have a portfolio link?".
_ASKS_CV = re.compile(r"\b(?:send|share|forward|attach|email|e-mail|drop|do you have|have you got)(?: me| over)?\b"
                      r"[^.!?\n]{0,60}\b(?P<w>cv|r[ée]sum[ée]|portfolio)\b")
# When to talk: "When are you free this week?", "what time suits you?", "send me a few slots that work".
_ASKS_TIME = re.compile(
    r"\bwhen (?:are|would|will|could) you be (?:free|available)\b|\bwhen (?:are you|you're|you are) (?:free|available)\b"
    r"|\bwhen(?:'s| is| would be)? (?:a )?(?:good|best|convenient) time\b|\bwhen (?:works|suits)\b"
    r"|\b(?:what|which) (?:days?|times?|slots?|day and time)\b|\byour availability\b"
    r"|\b(?:times?|slots?|days?) (?:that )?(?:work|suit)\b")
# When they could have you: "What's your notice period?", "when could you start?".
_ASKS_START = re.compile(r"\bnotice period\b|\bwhen (?:could|can|would) you (?:start|join)\b|\bstart(?:ing)? date\b"
                         r"|\bhow soon (?:could|can|would) you\b|\bavailable to (?:start|join)\b")
# How long: "how many years of backend experience do you have?", "how long have you worked with Revit?"
_ASKS_YEARS = re.compile(r"\bhow many years\b|\bhow long have you (?:been|worked|used|done)\b")
_A_YEARS = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\+?\s*(?:years?|yrs?)\b"
                      r"|\bsince (?:19|20)\d\d\b|\ba decade\b")
# Why them: "what makes you a strong fit?", "why do you think you'd be a fit?", "send me 2-3 lines on why you'd be
# a good fit", answered by what the writer did or does (background.missing's test), not by what anyone can say.
_ASKS_FIT = re.compile(r"\bwhat makes you\b|\bwhy (?:do you think )?you(?:'d| would)? be a (?:\w+ )?(?:fit|match|"
                       r"candidate)\b|\bwhy you(?:'re| are) (?:a )?(?:\w+ )?(?:fit|match)\b|\bwhy should (?:i|we)\b")
# Pay: "What are your salary expectations?", "expected CTC?".
_ASKS_PAY = re.compile(r"\bsalary\b|\bcompensation\b|\bpay (?:range|expectations?)\b|\bexpected (?:ctc|pay)\b"
                       r"|\bctc\b|\brate expectations?\b")
# Where they can work: "Would you relocate to Austin?", "do you need sponsorship?", "are you ok with onsite?".
_ASKS_WHERE = re.compile(r"\brelocat\w*|\bmov(?:e|ing) to\b|\bbased (?:in|out of)\b|\bwhere are you (?:based|located)\b"
                         # (not "the onsite", the interview: "How did the onsite go?")
                         r"|(?<!the )(?<!your )(?<!my )\bon-?site\b(?! (?:interview|round|loop|day))|\bin the office\b"
                         r"|\bhybrid\b|\bcommut\w*")

# The address the user applied with: "send me the req number and the email you used".
_ASKS_EMAIL = re.compile(r"\be-?mail(?: address)? (?:you |that you )?(?:used|applied|registered|signed up)\b"
                         r"|\b(?:which|what) e-?mail\b|\b(?:send|share|give)(?: me)? your e-?mail\b")

# Whether they should act on it now: "I can refer you for the DE II role; want me to go ahead?"
_ASKS_GO = re.compile(r"\b(?:(?:do you )?want me to|would you like me to|shall i|should i|ok(?:ay)? (?:for me )?to) "
                      r"(?:go ahead|proceed|submit|refer|put (?:you|your name)|pass (?:it|you)|forward)\b")
# Whether you would take what they propose: "would you be open to a 6-month contract rather than a permanent
# role?" (what is proposed ends at its alternative).
_ASKS_OPEN = re.compile(r"\b(?:would|are|were) you (?:be )?(?:open|ok|okay|fine|willing|comfortable|interested) "
                        r"(?:to|with|in) (?P<w>[^?.!,;\n]{3,60}?)(?= rather than| instead of| or |\?|$)")

# What kind of job: "What kind of role are you after?", "what are you looking for?" (often with their openings next:
# "we've got a few on the structures side and a couple in project controls").
_ASKS_KIND = re.compile(r"\bwhat (?:kind|sort|type|types) of (?:role|job|position|work|opening)s?\b"
                        r"|\bwhat (?:role|job|position)s? (?:are|were) you (?:after|looking (?:for|at)|interested in)\b"
                        r"|\bwhat (?:are|were) you (?:after|looking for)\b")
_PLAIN_OPTIONS = frozenset({"openings", "opening", "couple", "positions", "position", "looking", "interested"})


def _names_kind(draft: AnalysedDraft, theirs: str) -> bool:
    """A role named, or one of the openings their message lists taken up ("anything on the structures side")."""
    offered = {w for w in re.findall(r"[a-z]{6,}", theirs)} - _PLAIN_OPTIONS
    return names_role(draft) or bool(offered & set(re.findall(r"[a-z]{6,}", draft.lower)))


def _picks_option(draft: AnalysedDraft, theirs: str) -> bool:
    """Which one of the kinds their message named ("…the Performance Audit directorate; the Financial Audit roles
    go through a separate panel. Which one are you going for?"), answered by a role in two of their words."""
    if not re.search(r"\bwhich one\b", theirs) or not names_role(draft):
        return False
    words = re.findall(r"[a-z]{3,}", theirs)
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:])}
    mine = re.findall(r"[a-z]{3,}", draft.lower)
    return any(f"{a} {b}" in pairs for a, b in zip(mine, mine[1:]))


# Whether they may work there: "would you need visa sponsorship?", "do you have the right to work in the UK?", asked
# apart from where: "yes, I'm open to relocating" answers the move, not the visa.
_ASKS_VISA = re.compile(r"\bvisa\b|\bsponsor\w*|\bwork (?:permit|authori[sz]ation)\b|\bright to work\b")
_A_VISA = re.compile(r"\b(?:visa|sponsor\w*|permit|citizen\w*|resident|residency|authori[sz]\w*|right to work|green card|"
                     r"passport|pr|eu national|settled status|work rights)\b|^\W*(?:no|nope|yes|yep)\b")

# Answers. A time: a day, a date, an hour, "tomorrow", "anytime".
_A_TIME = re.compile(r"\b(?:" + WEEKDAY + r"|mon|tue|tues|wed|thu|thur|thurs|fri|tomorrow|today|tonight|weekend|"
                     r"(?:this|next) week|morning|afternoon|evening|noon|any ?time|whenever|flexible|"
                     + "|".join(MONTHS) + r")\b|\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d\d\b"
                     r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b|\bcalendly|\bcal\.com")
# A start: a duration, a date, "immediately", their notice.
# ("My notice is flexible, we can work something out" names no notice: a word on it is not its length.)
_A_START = re.compile(r"\b(?:\d+|one|two|three|four|five|six|eight|a|an|a few|couple of)\s*-?\s*(?:weeks?|months?|days?)\b"
                      r"|\b(?:immediately|right away|straight away|asap|no notice|not on notice|garden leave|"
                      + WEEKDAY + "|" + "|".join(MONTHS) + r")\b|\b\d{1,2}(?:st|nd|rd|th)\b")
# Pay: a figure, a range or "flexible", "negotiable", "open".
_A_PAY = re.compile(r"\d|\b(?:flexible|negotiable|open to|range|market rate|salary|compensation|ctc|pay)\b")
# Where: the same topic in the reply, or a yes or a no to it.
_A_WHERE = re.compile(r"\b(?:relocat\w*|mov(?:e|ing)|based|live|living|located|visa|sponsor\w*|permit|authori[sz]\w*|"
                      r"citizen\w*|green card|on-?site|office|hybrid|remote|commut\w*|yes|no|happy to|open to|willing)\b")


# Times they offered, in a sentence that asks: "Does Thursday at 2pm or Friday at 10am work for you?", "Could we
# do a 20-minute call Thursday or Friday afternoon?", "Would tomorrow at 11 suit you?"
_OFFERS_TIMES = re.compile(r"\b(?:" + WEEKDAY + r"|tomorrow)\b|\d(?::\d\d)?\s*(?:am|pm)\b")
# A pick among them: a day or an hour, "either", "the first"; to a single time, a yes will do.
_A_PICK = re.compile(r"\b(?:" + WEEKDAY + r"|tomorrow|either|both|first|second|former|latter|earlier|later)\b"
                     r"|\d(?::\d\d)?\s*(?:am|pm)|\b\d{1,2}[:.]\d\d\b")
_A_YES = re.compile(r"\b(?:yes|yeah|yep|sure|works|perfect|great|sounds good|that's fine|fine)\b")


# A yes or a no, or a view on it.
_A_VIEW = re.compile(r"\b(?:yes|yeah|yep|no|not|sure|definitely|absolutely|of course|certainly|happy|glad|love|open to|"
                     r"prefer|rather|unfortunately|can't|cannot|works|fine|great|perfect|sounds good|ok|okay|"
                     r"(?:would|could|can|might) consider|only if|it depends|depending on)\b")  # a condition is a view


# A yes or a no to their going ahead: a view, or thanks that take it up ("that would be amazing, thank you").
_A_GO = re.compile(r"\b(?:please|go ahead|appreciate|would be (?:great|amazing|wonderful|perfect|fantastic|brilliant|"
                   r"lovely|a huge help)|that would|i'd love|grateful|hold off|wait)\b")


def _says_go(draft: AnalysedDraft, _asked: str) -> bool:
    return bool(_A_VIEW.search(draft.lower) or _A_GO.search(draft.lower))


def _takes_a_view(draft: AnalysedDraft, asked: str) -> bool:
    """A yes or a no, or the proposal itself taken up by its last word ("a 6-month contract": "contract")."""
    proposal = _ASKS_OPEN.search(asked)
    word = proposal.group("w").split()[-1] if proposal else ""
    return bool(_A_VIEW.search(draft.lower)) or bool(word) and re.search(rf"\b{re.escape(word)}", draft.lower) is not None


# Materials promised for after they are improved ("as soon as I've updated it") are not sent.
_DEFERRED = re.compile(r"\b(?:as soon as|once|after|when) i\b[^.!?\n]{0,40}?\b(?:updat|finish|fix|polish|redo|rework|"
                       r"improv|tidy|clean|refresh)\w*"
                       # ("Will send resume later": no time, no resume.)
                       r"|\b(?:cv|r[ée]sum[ée]|portfolio|it)\b[^.!?\n]{0,20}?\b(?:later|at some point|when i can|"
                       r"some ?time)\b")


def _sends_materials(draft: AnalysedDraft, _asked: str) -> bool:
    return offers_materials(draft) and not _DEFERRED.search(draft.lower)


# Pay now is not pay expected: "At my current job I earn 48k EUR" answers another question (and undercuts you).
_CURRENT_PAY = re.compile(r"\bi (?:currently |now )?(?:earn|make|get paid|am paid|'m paid)\b|\bmy current (?:salary|pay|"
                          r"package|ctc|base|compensation)\b|\b(?:currently|at my current (?:job|role|company|employer)|"
                          r"right now|at the moment)\b[^.!?\n]{0,30}\b(?:earn|make|paid|on)\b")
_ASKS_BACK = re.compile(r"\b(?:what|which|how much|can you|could you|tell me|do you)\b")
# A count of something else: "6 years in audit".
_NOT_PAY_FIGURE = re.compile(r"\d+\+?\s*(?:years?|yrs?|months?|weeks?|days?|hours a week|people|reports|projects)\b")


def _names_pay(draft: AnalysedDraft, _asked: str) -> bool:
    """A figure, or pay talked of, outside the draft's own questions ("what's the range?" asked back answers
    nothing) and outside what the writer earns now."""
    for s in _SENTENCES.finditer(draft.lower):
        said = _NOT_PAY_FIGURE.sub("", s.group())
        if now := _CURRENT_PAY.search(said):  # the clause of what they earn now, up to a comma: "…, so I'd be looking…"
            end = said.find(",", now.end())
            said = said[:now.start()] + (said[end:] if end != -1 else "")
        if "?" in said and not (any(c.isdigit() for c in said) and not _ASKS_BACK.search(said)):
            continue  # "What's the range?" asks back; "maybe 120 000 - 135 000 per year?" answers, unsure
        if _A_PAY.search(said):
            return True
    return False


def _answers(pattern: re.Pattern[str]):
    return lambda draft, _asked: bool(pattern.search(draft.lower))


_DEADLINE = re.compile(r"\b(?:by|before|until|till|closes|closing|due|deadline(?: is)?)\s+$")


def _picks(draft: AnalysedDraft, asked: str) -> bool:
    """Whether the draft takes one of the times they offered: names one ("Thursday works"; not a deadline, "the
    posting closes Friday"), or says yes when they offered only one."""
    lower = draft.lower
    return any(not _DEADLINE.search(lower, max(0, m.start() - 14), m.start()) for m in _A_PICK.finditer(lower)) \
        or " or " not in asked and bool(_A_YES.search(lower))


# Who the writer is: "Sorry, who are you?", "Do we know each other?", "have we met?", "how do you know me?".
_ASKS_WHO = re.compile(r"\bwho (?:are you|is this)\b|\bdo (?:we|i) know (?:each other|you)\b|\bhave we met\b"
                       r"|\bhow do (?:you|we) know (?:me|each other)\b|\bhow did you (?:find|get) (?:me|my)\b")
# A name or how they know each other: "I'm Dana Lee, we met at…", "my name is", "we haven't met", "I found your post".
_A_WHO = re.compile(r"\b(?:i'm|i am|my name is|my name's|this is|it's) (?!(?:a|an|the|so|very|sorry|not|just|also|"
                    r"really|still|writing|looking|applying|interested|reaching|currently|now|here|happy|glad|keen|"
                    r"hoping|trying|sure|available|open)\b)[a-z]+\b"
                    r"|\bwe (?:met|worked|studied|spoke|talked|haven't|have not|don't|do not|never)\b"
                    r"|\b(?:i )?(?:found|came across|saw|read) (?:you|your)\b|\bmutual\b|\b(?:suggested|referred) me\b")

# Their question, what answers it (the draft, their sentence), and how to say what it asked.
_QUESTIONS = (
    (_ASKS_JOB, lambda draft, theirs: job_reference(draft.lower) or _picks_option(draft, theirs),
     "for which job (its ID or the posting's link)"),
    (_ASKS_CV, _sends_materials, "for your {w}"),
    (_ASKS_EMAIL, _answers(re.compile(r"@|\be-?mail (?:is|was|address is)\b")), "for the email you applied with"),
    (_OFFERS_TIMES, _picks, "which of the times offered works for you"),
    (_ASKS_TIME, _answers(_A_TIME), "when you are free"),
    (_ASKS_START, _answers(_A_START), "when you could start"),
    (_ASKS_YEARS, _answers(_A_YEARS), "how many years of experience you have"),
    (_ASKS_FIT, lambda draft, _asked: sums_up_fit(draft), "what makes you a fit (one thing you did, not adjectives)"),
    (_ASKS_PAY, _names_pay, "about your salary expectations"),
    (_ASKS_KIND, _names_kind, "what kind of role you are after"),
    (_ASKS_WHERE, _answers(_A_WHERE), 'about "{w}"'),
    (_ASKS_VISA, _answers(_A_VISA), 'about "{w}"'),
    (_ASKS_OPEN, _takes_a_view, 'whether you would take "{w}"'),
    (_ASKS_GO, _says_go, "whether you want them to go ahead"),
    (_ASKS_WHO, _answers(_A_WHO), "who you are and how you know them"),
)
# A date they need it by: "by Friday", "by the 12th", "before the window closes".
_DUE = re.compile(r"\b(?:by|before) (?:(?:this |next )?(?:" + WEEKDAY + r")|tomorrow|tonight|(?:the )?end of (?:the )?"
                  r"(?:day|week)|(?:the )?\d{1,2}(?:st|nd|rd|th)?\b|(?:the )?(?:window|deadline|portal) clos\w+)")
BARE_WORDS = 3  # a reply this short that answers none of their questions is only an acknowledgement
_REFERRAL_NEEDS = 3  # the first three: without them a referral cannot be entered
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
_ASKING = re.compile(r"\?|\b(?:let me know|tell me|send|share|could you|can you|please)\b")


_SHORT_Q = re.compile(r"[^.!?\n]{0,40}\?")  # "Which works better for you?" after the times it asks about


_PAST = re.compile(r"\b(?:did|went|was|were|had)\b")
_FIGURE_Q = re.compile(r"\b(?:what|which|how much)\b[^?.!\n]{0,30}\b(?:range|number|figure|amount|should i (?:put|say|write))"
                       r"\b[^?.!\n]*\?")


# What a topic named in one sentence and asked about in the next looks like: "I could do Thursday at 3 or Friday at
# 10. Which works better for you?", "HR asks for salary expectations in the form. What range should I put down?"
_ASKED_NEXT = {_OFFERS_TIMES: lambda nxt: _SHORT_Q.fullmatch(nxt.strip()), _ASKS_PAY: _FIGURE_Q.search}


def _asked(pattern: re.Pattern[str], theirs: str) -> tuple[re.Match[str], str] | None:
    """Where their message asks what `pattern` names, and the sentence: a question, a request ("send me
    your CV"), or what a short question right after asks about ("I could do Thursday at 3 or Friday at 10.
    Which works better for you?")."""
    sentences = [s.group() for s in _SENTENCES.finditer(theirs)]
    for i, s in enumerate(sentences):
        m = pattern.search(s)
        if m and pattern is _OFFERS_TIMES and _PAST.search(s):
            continue  # "How did the onsite go on Tuesday?" asks about a day gone, it offers none
        if m and (pattern is _OFFERS_TIMES and "?" in s or pattern is not _OFFERS_TIMES and _ASKING.search(s)):
            return m, s  # (times in a request are their plan: "send me your CV and I'll take it to HR on Monday")
        then = _ASKED_NEXT.get(pattern)
        if m and then is not None and i + 1 < len(sentences) and then(sentences[i + 1]):
            return m, s + sentences[i + 1]
    return None


# A yes-or-no question about the writer ("Are you a US citizen?", "Have you already applied through the portal?",
# "… and whether you hold your ECS card"), or one about their experience with something named ("What's your
# experience with PLCs?"): the two kinds whose answer can be told by its words.
# (A second question joined by "and" is its own: "is your NMC PIN sorted now, and would you need sponsorship?")
_YES_NO = re.compile(r"(?:^\s*|[,;:—–(]\s*|\b(?:and|also|but|so|quick question|first|then)\W+)"
                     r"((?:are|were|do|did|have|has|had|is) (?:you|your)\b(?:(?!,? and (?:would|will|do|are|is|have|can|"
                     r"could)\b)[^?.!;])*|(?:whether|if) you (?:are|were|have|hold|had|did|do|already|still|currently)\b"
                     r"[^?.!;]*)")
_EXPERIENCE_Q = re.compile(r"\b(?:experience|background|familiarity|exposure|worked|work) (?:with|in|on|using) "
                           r"((?:[\w&/+#.-]+ ){0,3}?[\w&/+#-]+)(?=\s*(?:[?,;:—–(]|and\b|specifically\b|$))")
# A yes or a no, or a condition on it, opening a sentence or a clause of the reply.
_YES_OR_NO = re.compile(r"(?:^|[.!?,;:—–-]\s*|\band\s+)(?:yes|yeah|yep|yup|no|nope|not (?:yet|at all|really)|sure|"
                        r"absolutely|definitely|of course|certainly|correct|indeed|unfortunately|i'm not|"
                        r"i (?:did|have|had|do|was|am) not|"
                        r"i (?:haven't|hadn't|didn't|don't|wasn't)|i (?:do|am|have|did|was|would|will)(?: not|n't)?"
                        r"(?=\s*(?:[.!,;]|$)))\b")  # a bare "I do." answers; "I have 6 years in…" may not
# "I'm a green card holder" answers "are you a US citizen?", not "have you run Kubernetes in production?" (audit
# 86-23: "I'm a fast learner").
_I_AM = re.compile(r"(?:^|[.!?,;:—–-]\s*|\band\s+)i'm an?\b")
_ARE_YOU = re.compile(r"(?:are|were) you\b|(?:whether|if) you (?:are|were)\b")
_QUESTION_WORDS = frozenset(
    "are were do did have has had is you your yours whether if already still currently yet also any a an the to "
    "of in on at for with by from and or so able ok okay fine happy comfortable open willing planning going "
    "get got be been being there this that it its would could can will should me my mine our we us through about "
    "need now all".split())


_TOKEN = re.compile(r"[^\W_][\w&+#-]*")


def _stem(word: str) -> str:
    """Five letters, without a plural's "s": "applied" meets "application", "PLCs" meets "PLC"."""
    return word.rstrip("s")[:5]


def _content(text: str) -> set[str]:
    """Stems of the words that carry a question's topic ("citizen", "portal", "applied"), short names included
    ("ECS", "VCA", "PLCs": any two or more letters)."""
    return {_stem(w) for w in _TOKEN.findall(text) if w not in _QUESTION_WORDS and (len(w) >= 4 or len(w) >= 2 and
                                                                                    not w.isdigit())}


def _covers(draft: AnalysedDraft, topic: set[str]) -> bool:
    """Whether the reply takes up one of the topic's words."""
    return any(_stem(w) in topic for w in _TOKEN.findall(draft.lower))


def _open_questions(theirs: str, original: str, known: dict[str, set[str]], draft: AnalysedDraft,
                    said: set[str] = frozenset()) -> list[str]:
    """Their yes-or-no questions about the writer, and questions on their experience with a named thing, that
    the reply neither answers yes or no nor takes up by one of their words: quoted as they wrote them. Words
    the writer's own messages said (`said`: "this role", the company) are common ground, not the question's
    topic, so a reply naming the role again has not answered "are you in touch with a recruiter about this role?"."""
    quoted, yes_or_no = [], _YES_OR_NO.search(draft.lower) is not None
    for s in _SENTENCES.finditer(theirs):
        sentence = s.group()
        if "?" not in sentence and not re.search(r"\b(?:tell|send|let) me\b", sentence):
            continue
        # Where a kind the rule knows already named part of this sentence, that part is not asked again in other
        # words; another question beside it still is ("is your NMC PIN sorted now, and would you need a visa?").
        named = [(at, at + len(w)) for k, words in known.items() if sentence in k or k in sentence
                 for w in words if (at := sentence.find(w)) >= 0]
        for q in [*_YES_NO.finditer(sentence), *_EXPERIENCE_Q.finditer(sentence)]:
            if named and (q.re is _EXPERIENCE_Q or any(a < q.end() and q.start() < b for a, b in named)):
                continue
            topic = _content(q.group(1)) - said
            if not topic or _covers(draft, topic) or q.re is _YES_NO and (
                    yes_or_no or _ARE_YOU.match(q.group(1)) and _I_AM.search(draft.lower)):
                continue
            start = s.start() + q.start(1)
            words = original[start:s.start() + q.end(1)] if len(original) == len(theirs) else q.group(1)
            words = words.strip()[:80]
            quoted.append(f"about your experience with {words}" if q.re is _EXPERIENCE_Q else words
                          if words.lower().startswith(("whether", "if ")) else f"\"{words}?\"")
            break
    return quoted


def _unanswered(draft: AnalysedDraft, ctx: CoachContext):
    theirs = their_last(ctx.thread)
    if theirs is None or withdraws(draft):
        return
    missing, needed, told, known = [], False, set(), {}
    for i, (asks, answered, label) in enumerate(_QUESTIONS):
        found = _asked(asks, theirs)
        if found:
            known.setdefault(found[1], set()).add(found[0].group())
        topic = (found[1], asks in (_OFFERS_TIMES, _ASKS_TIME) or i) if found else None
        if found and topic not in told and not answered(draft, theirs if asks in (_ASKS_KIND, _ASKS_JOB) else found[1]):
            # One card line a question: "Which day works, Thursday or Friday?" is one, however many kinds of time
            # it matches; "send me your CV and tell me which position" asks two things.
            told.add(topic)
            w = found[0].groupdict().get("w") or found[0].group()
            missing.append(label.format(w="resume" if w in ("cv", "résumé", "resumé", "resume") else w))
            needed = needed or i < _REFERRAL_NEEDS
    mine = {_stem(w) for m in ctx.thread.messages if m.sender == "me" for w in _TOKEN.findall(m.text.lower())}
    missing += _open_questions(theirs, ctx.thread.messages[-1].text, known, draft, mine)
    if not missing:
        return
    who = first_name(ctx) or "They"
    if missing == [_QUESTIONS[0][2]] and names_role(draft):  # "the Legal Operations Specialist position": half an answer
        yield UNANSWERED.finding(
            f"{who} asked which job: you name the role, but not its job ID or the posting's link. A title can match "
            "several postings, and the referral tool needs the exact one.", draft, None, severity="info",
            suggestion="Add the job ID or paste the posting's link, e.g. \"job ID 48213: https://…\".")
        return
    why = ("A referral tool needs the exact posting, most need a resume, and some the email you applied with: "
           "without them they cannot submit, and asking again costs days." if needed else
           "A question left open costs another round trip, days in a referral, and reads as not listening.")
    asked = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
    bare = len(draft.lower.split()) <= BARE_WORDS  # "ok", "k thx": nothing in it but the acknowledgement
    # What a referral needs, asked for by a date: "send me the requisition number and your CV by Friday, because the
    # referral window closes then" (audit 95-16). Missing it may cost the referral itself.
    due = _DUE.search(theirs) if needed else None
    if due is not None:
        why = (f"They need it {ctx.thread.messages[-1].text[due.start():due.end()]}: without it they cannot submit, "
               "and a referral window that closes does not wait for the next message.")
    yield UNANSWERED.finding(
        f"{who} asked {asked}, and this reply "
        + (f"(\"{draft.text.strip()}\") says nothing else: do not send it as it is. " if bare else "does not answer it. ")
        + why, draft, None, severity="error" if bare or due is not None else UNANSWERED.severity,
        suggestion="Answer what they asked in the first lines, e.g. \"It's the Data Analyst role, job ID 48213: "
                   "https://… My resume is attached.\"" if needed else
                   "Answer each of their questions first, a line each (a yes or a no, then one detail), and only "
                   "then add anything of your own.")


UNANSWERED = Rule(
    code="reply.unanswered", severity="warning", check=_unanswered, needs=frozenset({"thread"}),
    surfaces=frozenset({"message"}),
    rationale="Someone who asked a question (the job ID, a resume, a time, a start date) waits for the answer "
              "before they do anything else.",
)

RULES = [UNANSWERED]
