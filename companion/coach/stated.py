"""What a draft itself says about the earlier messages to this person: that there was one ("following up on
my previous message"), how long ago the last one went ("my note from two days ago"), how many went before ("this is my fourth message"), and what they
answered ("I understand you can't refer me"). The coach reads it when neither the outreach log nor the
thread knows those messages (docs/rules.md, "followup.too-soon", "followup.stop"): the user may have
written from another device, or before installing Tactful.
"""

import re

from companion.coach.analysis import MONTHS, WEEKDAY, WEEKDAYS, WORD_START, AnalysedDraft, search_if, starts_word

_AMOUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "couple": 2, "couple of": 2, "three": 3, "few": 3, "several": 3,
           "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "multiple": 3, "many": 4}
_ORDINAL = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_RECENT = {"yesterday": 1, "earlier today": 0, "this morning": 0, "last night": 1, "the other day": 2}

# The user's own earlier message, then within the sentence when it went.
_GAP = re.compile(
    WORD_START + r"\b(?:i (?:sent|wrote|messaged|reached out|contacted|emailed|e-mailed|pinged|dropped)(?: to)? you"
    r"|my (?:last |previous |earlier |first )?(?:referral |connection |linkedin )?"
    r"(?:message|note|email|e-mail|inmail|(?<!connection )request|dm)"
    r"|(?:message|note|email|request) i sent)\b[^.!?\n]{0,60}?"
    r"\b(?:(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple(?: of)?|several) "
    r"(?P<unit>day|week|month|year)s? ago|last (?P<last>week|month|year)"
    r"|(?P<recent>yesterday|earlier today|this morning|last night|the other day))\b")

# The user's own earlier LinkedIn message: "following up on my previous message", "the note I sent you", "bumping
# this", "resending my message below". Not an email, a connection request or an application, which a conversation
# on LinkedIn would not show.
# After "I haven't heard back": from them, not from the company or someone else ("from HR", "from anyone else").
NOT_FROM_OTHERS = r"(?! from (?:the |a |an |their |them\b|hr\b|recruit|anyone else))"
_EARLIER = re.compile(
    WORD_START + r"(?:\bmy (?:last|previous|earlier|first|prior|original) (?:linkedin )?(?:message|note|inmail|dm)"
    r"|\b(?:follow(?:ing)?|circl(?:e|ing)|check(?:ing)?|com(?:e|ing)) (?:up|back|in)(?: once more| again| quickly)? "
    r"(?:on|to|about|regarding) my "
    r"(?:(?!connection|invitation)\w+ )?(?:message|note|inmail|dm|request)"
    r"|\b(?:message|note|inmail) i (?:sent|wrote)(?: you)?"
    r"|\bi (?:sent|wrote|dropped) you (?:a (?:message|note|line|dm)|(?:a (?:few|couple of) )?days ago|earlier|last)"
    r"|\bbumping (?:this|my (?:message|note))"
    r"|\b(?:see|saw|seen|get|got|read|receive|received) my (?:\w+ )?(?:message|note|inmail|dm)\b"  # "did you see my note…?"
    # A nudge or a reminder about one: "a gentle nudge on my note from late November", "a quick reminder about my message".
    r"|\b(?:nudge|reminder|ping|bump) (?:on|about|regarding|re) my (?:\w+ )?(?:message|note|inmail|dm|request)"
    r"|\bre-?sending (?:you )?(?:my|the|this) (?:\w+ )?(?:message|note|inmail|dm|request)"
    # Their silence is only theirs after a message of the user's: "I have not gotten any reply till now".
    r"|\bi (?:haven't|have not|didn't|did not|never) (?:heard back|heard from you|(?:gotten|got|received|had) (?:a |any )?"
    r"(?:reply|response|answer))" + NOT_FROM_OTHERS +
    r"|\b(?:follow(?:ing)?|circl(?:e|ing)|check(?:ing)?) (?:up|back|in) (?:on|about|regarding) (?:the|my) (?:referral|(?:[\w-]+ ){1,4}"
    r"(?:role|position|opening|job|vacancy|req)\b(?! i (?:just )?applied)))\b")

# How many messages this one makes, counting itself: by an ordinal ("my third message", "for the third
# time", "the third time I'm writing"), or by a count of the earlier ones ("I've messaged you three times").
_COUNT = re.compile(
    WORD_START + r"(?:\b(?:this is )?my (?P<nth>second|third|fourth|fifth|sixth|[2-5](?:nd|rd|th)) "
    r"(?:(?P<fu>follow-up|follow up|followup|reminder)|message|note|email|attempt|try)\b"
    r"|\b(?P<fu2>following up|reaching out|writing|messaging)(?: to you)?(?: again)? for the "
    r"(?P<nth2>second|third|fourth|fifth|sixth|[2-5](?:nd|rd|th)) time\b"
    r"|\bthe (?P<nth3>second|third|fourth|fifth|sixth|[2-5](?:nd|rd|th)) time (?:i'm|i am|i've|i have) "
    r"(?:writing|written|messaging|messaged|reaching out|reached out|asking|asked)\b)")
# It opens with the letter "i", so re finds candidates fast; the word start is checked after.
_TIMES = re.compile(
    r"i(?:'ve| have)? (?:already )?(?:messaged|written|wrote|asked|pinged|reached out to|contacted|emailed)(?: you)? "
    r"(?:(?P<twice>twice)|(?P<n>several|multiple|many|a few|\d{1,2}|two|three|four|five) times)\b"
    # or by the messages themselves: "I have sent you 3 messages already"
    r"|i(?:'ve| have)? (?:already )?(?:sent|written|wrote)(?: to)? you "
    r"(?P<n2>several|multiple|many|a few|\d{1,2}|two|three|four|five) (?:messages|e-?mails|notes|reminders|"
    r"follow-?ups|inmails)\b")
# The days of this week an earlier message went: "I messaged Monday and Wednesday", "I wrote to you on Tuesday".
_ON_DAYS = re.compile(
    r"i (?:messaged|wrote|pinged|emailed|texted|reached out|sent (?:you )?(?:a |my )?(?:note|message|email))"
    r"(?: to)?(?: you)?(?: on)? (?P<days>(?:" + WEEKDAY + r")(?:(?:,| and| &|, and) (?:on )?(?:" + WEEKDAY + r"))*)\b")

# Earlier messages by month: "I messaged you in September, October and November" (each a message).
_MONTHS = "(?:" + "|".join(MONTHS) + ")"
_IN_MONTHS = re.compile(
    r"i (?:messaged|wrote|pinged|emailed|texted|reached out|contacted|sent (?:you )?(?:a |my )?(?:note|message|email))"
    r"(?: to)?(?: you)? in (?P<months>" + _MONTHS + r"(?:(?:,| and| &|, and) (?:in |again in )?" + _MONTHS + r")+)\b")


# Their no, as the draft reports it: an acknowledgement or "you said", then "you" and a negation, then, in
# the same clause, what they will not do ("totally understood that you don't know the team well enough to
# refer me", "I understand you said you don't refer people you haven't worked with"). "I understand if you
# can't" is an out, not a report, and "you're not the hiring manager, but could you refer me?" is no
# refusal: the clause ends at a comma or a "but", and the negation must sit right after "you".
# Searched from the "you" (a literal start, which re finds fast), then checked for what comes before it.
_NO = re.compile(
    r"you(?: (?P<said>said|mentioned|told me|explained|replied|wrote)(?: that)? you)?(?:'re| are| were)? "
    r"(?:really |just |currently |simply )?(?:don't|do not|can't|cannot|won't|will not|aren't|are not|weren't|"
    r"not|unable|couldn't|could not|wouldn't|would not|didn't|did not)\b"
    r"(?:(?!\b(?:but|yet|though|however|could|would|can)\b)[^.!?\n,;]){0,60}?"
    r"\b(?:refer|recommend|vouch|help|submit|forward|pass (?:on|along)|put (?:me|my name) forward|"
    r"make an exception)")
_ACKNOWLEDGED = re.compile(r"\b(?:understand|understood|understandable|respect|appreciate|hear you|fair enough|"
                           r"letting me know|i know|i reali[sz]e|i remember)(?:,? that)?,? $")


def _number(word: str) -> int:
    word = word.removeprefix("a ") if word not in ("a", "an") else word
    return int(word) if word.isdigit() else _AMOUNT[word]


# Words each pattern cannot match without: most drafts have none, and `in` costs less than a search.
_GAP_WORDS = (" ago", "yesterday", "last week", "last month", "last year", "earlier today", "this morning",
              "last night", "the other day")
_COUNT_WORDS = ("second", "third", "fourth", "fifth", "sixth", "2nd", "3rd", "4th", "5th")
_TIMES_WORDS = (" times", "twice", " messages", "mails", " notes", " reminders", "ups")
_TIMES_VERBS = ("messaged", "written", "wrote", "asked", "pinged", "reached", "contacted", "emailed", "sent")
_NO_WORDS = ("underst", "respect", "appreciat", "hear you", "fair enough", "letting me know", "i know", "i reali",
             "i remember", "you said", "you mentioned", "you told me", "you explained", "you replied", "you wrote")


_NEGATIONS = ("n't", " not ", "cannot", "unable")


# A word about the gap: an apology, or naming the time that passed.
_PASSED = re.compile(
    r"\b(?:sorry|apolog\w*|belated\w*|delay\w*|(?:late|slow|tardy) (?:reply|response|answer)|"
    r"(?:been|took me) (?:a (?:little |good )?while|so long|ages|forever|too long|a long time|some time)|"
    r"(?:long|some) time (?:since|no)|(?:weeks?|months?|years?) (?:later|ago|since|back)|"
    r"just (?:now )?(?:seeing|saw|seen|getting|got) (?:this|your)|(?:finally|only now) (?:getting|writing|replying)|"
    r"since we (?:last )?(?:spoke|talked|met|chatted|caught up))\b")


def speaks_of_time_passed(lower: str) -> bool:
    """Whether the lower-cased draft says a word about the time since you last talked."""
    return bool(_PASSED.search(lower))


def tells_its_timeline(lower: str) -> bool:
    """Whether the lower-cased draft says when an earlier message of yours went ("my note from two weeks
    ago"), or that there was one ("following up on my note")."""
    return bool(search_if(lower, _GAP_WORDS, _GAP) or _EARLIER.search(lower))


def stated_earlier(draft: AnalysedDraft) -> tuple[int, int] | None:
    """The span where the draft first says it follows an earlier LinkedIn message of the user's, or None."""
    return draft.remember("stated.earlier", lambda: m.span() if (m := _EARLIER.search(draft.lower)) else None)


def stated_gap(draft: AnalysedDraft) -> tuple[float, tuple[int, int]] | None:
    """(days since the earlier message, as the draft says, its span) for the first mention, or None."""
    m = draft.remember("stated.gap", lambda: search_if(draft.lower, _GAP_WORDS, _GAP))  # several rules ask
    if m is None:
        return None
    if m["recent"]:
        days = _RECENT[m["recent"]]
    elif m["last"]:
        days = _UNIT_DAYS[m["last"]]
    else:
        days = _number(m["n"]) * _UNIT_DAYS[m["unit"]]
    return float(days), m.span()


def stated_days(draft: AnalysedDraft) -> tuple[list[int], tuple[int, int]] | None:
    """(the weekdays, Monday 0, on which earlier messages went this week, the words that say so), or None."""
    lower = draft.lower
    if "day" not in lower or not any(map(lower.__contains__, WEEKDAYS)) or (m := _ON_DAYS.search(lower)) is None \
            or not starts_word(lower, m.start()):
        return None
    return [WEEKDAYS.index(d) for d in re.findall(r"[a-z]+day", m["days"])], m.span()


def stated_count(draft: AnalysedDraft) -> tuple[int, tuple[int, int]] | None:
    """(how many messages to them this one makes, counting itself, the words that say so), or None."""
    def count():
        if found := _count(draft.lower):
            return found
        days = stated_days(draft)  # "I messaged Monday and Wednesday": two before this one
        if days and len(days[0]) > 1:
            return len(days[0]) + 1, days[1]
        lower = draft.lower
        if " in " in lower and (m := _IN_MONTHS.search(lower)) and starts_word(lower, m.start()):
            return len(re.findall(_MONTHS, m["months"])) + 1, m.span()
        return None
    return draft.remember("stated.count", count)


def _count(lower: str) -> tuple[int, tuple[int, int]] | None:
    if m := search_if(lower, _COUNT_WORDS, _COUNT):
        if m["nth"]:  # "my third message" is the third; "my second follow-up" the third too
            return _ORDINAL[m["nth"]] + (1 if m["fu"] else 0), m.span()
        if m["nth2"]:  # "following up for the third time" follows two follow-ups and the first message
            return _ORDINAL[m["nth2"]] + (1 if m["fu2"] == "following up" else 0), m.span()
        return _ORDINAL[m["nth3"]], m.span()  # "the third time I'm writing" is the third message
    if any(w in lower for w in _TIMES_WORDS) and any(v in lower for v in _TIMES_VERBS):
        for m in _TIMES.finditer(lower):
            if starts_word(lower, m.start()):  # "I've messaged you three times", and this one
                return 1 + (2 if m["twice"] else _number(m["n"] or m["n2"])), m.span()
    return None


# Thanks for an answer that can only have been a no: "thanks for the honest answer", "for being candid".
_CANDID = re.compile(r"\b(?:thanks?|thank you)(?: so much| again)* for (?:the |your )?(?:honest|candid|frank|straight) "
                     r"(?:answer|reply|response)\b|\bthank(?:s| you)[^.!?\n]{0,40}?\bfor being (?:so )?(?:honest|candid|frank|"
                     r"upfront)\b")
# Their no, disputed or asked to be undone: "I understand but I don't agree", "could you please reconsider".
_DISPUTED = re.compile(r"\b(?:understand|respect)\b[^.!?\n]{0,20}\bbut (?:i )?(?:don't|do not) agree\b"
                       r"|\b(?:you |please |kindly )(?=reconsider\b)")
_CANDID_WORDS = ("honest", "candid", "frank", "upfront", "straight")


def stated_no(draft: AnalysedDraft) -> tuple[int, int] | None:
    """The span of their no ("you said you don't refer") where the draft first reports it, or None."""
    lower = draft.lower

    def find():
        if m := search_if(lower, _CANDID_WORDS, _CANDID):
            return m.span()
        if not (any(w in lower for w in _NO_WORDS) and any(w in lower for w in _NEGATIONS)):
            return disputed()
        for m in _NO.finditer(lower):
            at = m.start()
            if starts_word(lower, at) and (
                    m["said"] or _ACKNOWLEDGED.search(lower, max(0, at - 40), at)):
                return m.span()
        return disputed()

    def disputed():  # "reconsider" is the re-ask itself: the no it implies is marked just before it
        if ("agree" in lower or "reconsider" in lower) and (m := _DISPUTED.search(lower)):
            return m.span() if "agree" in m.group() else (m.end(), m.end())
        return None
    return draft.remember("stated.no", find)


# A referral already under way, asked about: "were you able to submit the referral?", "did you get a chance to
# put my name in?", "any update on my referral?", "has the referral gone through?". The ask was made (and
# perhaps agreed) before; this asks how it stands.
_STATUS = re.compile(
    # ("I would be most grateful were you able to refer me" is a formal conditional: it asks now.)
    r"(?<!grateful )(?<!obliged )(?<!thankful )(?<!pleased )(?<!glad )\b(?:were you able|have you been able|(?:did|do|if|whether) you (?:get|got|have|had|find|found)(?: a| the)? "
    r"(?:chance|moment|time)"
    r"|(?:have you|(?:if|whether) you(?:'ve| have)?) had(?: a| the)? (?:chance|moment|time)|(?:any|some) luck) to "
    r"(?:submit|send|put|pass|forward|"
    r"enter|upload|file|refer|recommend|complete)\b"
    r"|\b(?:any|an) (?:update|news|word|progress)s? (?:on|about|regarding|with) (?:the|my) "
    r"(?:referral|recommendation|application)\b"
    r"|\b(?:checking|following) (?:in|up) (?:on|about|regarding) (?:the|my) (?:referral|recommendation)\b"
    r"|\b(?:the|my) (?:referral|recommendation) (?:went|has gone|got|has been|was) (?:through|submitted|sent|in)\b"
    r"|\b(?:has|did) (?:the|my) (?:referral|recommendation) (?:go|gone|get) (?:through|submitted|sent|in)\b"
    r"|\b(?:have|did) you (?:already )?(?:submit(?:ted)?|sen[dt]|forward(?:ed)?|pass(?:ed)?|refer(?:red)?) "
    r"[^.!?\n]{0,30}\b(?:yet|or not)\b"
    # "is the referral done?", "if my referral push through already", "the status of my referral".
    r"|\b(?:is|was|has|did|if|whether) (?:the|my) (?:referral|recommendation) (?:been )?(?:done|through|in|submitted|sent|"
    r"complete|finished|push(?:ed)? through|go(?:ne)? through)\b"
    r"|\bstatus of (?:the|my) (?:referral|recommendation)\b"
    # A bare "any update?" asks after something under way: no first message opens a matter so.
    r"|\bany (?:updates?|news|word|progress)(?: (?:yet|so far|on (?:this|that|it)))?\s*\?")
_STATUS_WORDS = ("able to", "chance", "moment", "time to", "luck", "update", "news", "word", "progress", "referral",
                 "recommendation", " yet", "or not")  # "referral" and "recommendation" cover the last three


def checks_on_referral(draft: AnalysedDraft) -> tuple[int, int] | None:
    """The span where the draft asks how a referral under way stands, or None: it follows an ask made before."""
    return draft.remember("stated.status", lambda: m.span() if (m := search_if(draft.lower, _STATUS_WORDS, _STATUS))
                          else None)


# The two already talked the ask through: "as we discussed", "thanks for the quick chat", "per our call", "as
# you suggested". The referrer then knows where the writer wants to work and why they fit. Each pattern opens
# with a literal, which re finds fast, and runs only when its word is in the draft; the words before it are
# checked after ($ at the match's start); without such a check, the match must start a word.
_TALKED = (
    ("discussed", re.compile(r"discussed\b"), re.compile(r"\bas (?:we )?$")),
    ("as promised", re.compile(r"as promised\b"), None),
    ("per our", re.compile(r"per our\b"), None),
    ("you suggested", re.compile(r"you suggested\b"), re.compile(r"\b(?:like|as) $")),
    ("you asked", re.compile(r"you asked\b"), re.compile(r"\b(?:like|as) $")),
    ("you said", re.compile(r"you (?:said|told me|advised)\b"), re.compile(r"\b(?:like|as) $")),
    # Their yes, quoted back: "you told me two weeks ago you would refer me".
    ("you ", re.compile(r"you (?:said|told me|promised)\b[^.!?\n]{0,30}?\byou(?:'d| would| will|'ll) "
                        r"(?:refer|submit|put|pass|forward|recommend)"), None),
    # The referral agreed or given: "please submit the referral", "since you submitted the referral", "how much I
    # appreciated you putting your name behind me".
    ("the referral", re.compile(r"the referral\b"), re.compile(r"\b(?:submit\w*|put\w*|send|sent|fil\w+|process\w*) $")),
    ("you ", re.compile(r"you (?:putting|vouching|referring|recommending|submitting|passing|forwarding)\b"),
     re.compile(r"\b(?:appreciat\w*|thank(?:s| you)? for|grateful for|for) $")),
    ("our ", re.compile(r"our (?:\w+ )?(?:chat|call|conversation|talk|meeting)\b"),
     re.compile(r"\b(?:following|after|since|from) (?:up on )?$")),
    ("thank", re.compile(r"thank(?:s| you)?(?: (?:so|very) much)?(?: again)? for (?:the|our|your) (?:[\w-]+ ){0,2}?"
                         r"(?:chat|call|conversation|talk|time on the phone)\b"), None),
    ("ing with you", re.compile(r"ing with you\b"), re.compile(r"\b(?:great|good|nice|lovely) (?:chatt|talk|speak)$")),
    # A referral they gave before: "refer me again", "the referral you gave me didn't work out".
    ("refer me again", re.compile(r"refer me again\b"), None),
    ("the referral", re.compile(r"the referral (?:you gave me|didn't|did not|wasn't|was not)\b"), None),
    ("ing to you", re.compile(r"ing to you\b"), re.compile(r"\b(?:great|good|nice|lovely) (?:chatt|talk|speak)$")),
)


def _talked(lower: str) -> bool:
    for word, core, before in _TALKED:
        if word not in lower:  # a substring test in C: most drafts run no pattern
            continue
        for m in core.finditer(lower):
            if before.search(lower, max(0, m.start() - 20), m.start()) if before else starts_word(lower, m.start()):
                return True
    return False


# A referral asked for someone else: the referrer knows the writer, not them.
_FOR_ANOTHER = re.compile(r"\brefer (?:him|her|them|my (?:\w+ )?(?:friend|cousin|brother|sister|colleague|partner|wife|"
                          r"husband|son|daughter))\b")


def for_another(draft: AnalysedDraft) -> bool:
    """Whether the draft asks a referral for someone else ("could you refer him too?", "refer my cousin")."""
    return bool(_FOR_ANOTHER.search(draft.lower))


def follows_a_talk(draft: AnalysedDraft, _ctx=None) -> bool:
    """Whether the draft follows a conversation the two had about the ask, or brings them news of it ("I didn't
    get the Operations Supervisor job"): they know where they work and who you are (also a Rule.abstains: the
    context is unused)."""
    from companion.coach.intent import brings_news  # here: intent reads this module's neighbours at import
    return draft.remember("stated.talked", lambda: _talked(draft.lower) or brings_news(draft))


# The writer in the recipient's own process: "I'm interviewing for the Account Executive role", "my application".
_IN_PROCESS = re.compile(r"\bi(?:'m| am) interviewing\b|\bmy (?:application|interview|candidacy)\b"
                         r"|\bi(?:'ve| have)? (?:already |just |recently )?applied\b")


def knows_your_fit(draft: AnalysedDraft, ctx=None) -> bool:
    """Whether the draft follows a talk about the ask and asks no referral for someone else: they know your
    fit and have your resume (a Rule.abstains), not your cousin's; or it is to a recruiter and says you are in
    their process ("I'm interviewing for…", "my application"): your application is in front of them; or it
    answers their "I've referred you": they vouched for you already."""
    from companion.coach.intent import they_referred  # here: intent reads this module
    from companion.coach.matching import is_recruiter  # here: matching reads intent, which reads this module
    return draft.remember("stated.knows_fit", lambda: follows_a_talk(draft) and not for_another(draft) or (
        ctx is not None and (is_recruiter(ctx) and bool(_IN_PROCESS.search(draft.lower))
                             or they_referred(ctx.thread) and not for_another(draft))))  # three rules, the checklist


# Already in their process, not applying now: "I applied for the Senior Risk Analyst job 3 weeks ago", "where my
# application stands" (not "kindly consider my application for any available position", nor "I applied twice to
# Cobalt Santé and got no answer").
_APPLIED = re.compile(r"\bi(?:'m| am) interviewing\b|\bmy (?:interview|candidacy)\b"
                      r"|\bi(?:'ve| have)? (?:already |just |recently )?applied (?:for|to) (?:the|your) "
                      r"|\bmy application (?:status|stands|is (?:being|under|still)|was|has been)\b"
                      r"|\b(?:status of|where) my application\b")


def in_their_process(draft: AnalysedDraft, ctx=None) -> bool:
    """Whether the draft is to a recruiter and says the writer is already in their process ("I'm interviewing
    for…", "I applied for the Senior Risk Analyst job"): they know where they work and why you write (a
    Rule.abstains)."""
    from companion.coach.matching import is_recruiter  # here: matching reads intent, which reads this module
    return ctx is not None and is_recruiter(ctx) and draft.remember(
        "stated.applied", lambda: bool(_APPLIED.search(draft.lower)))  # the recruiter test is the cheap one
