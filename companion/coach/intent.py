"""Does the draft ask for anything? A thank-you or an update to someone who already helped ("Thank you
for the referral! I start on Monday") asks nothing, so the rules about how to ask have nothing to judge.
"""

import re

from companion.coach.analysis import AnalysedDraft, search_if, starts_word
from companion.coach.language import sentence_bounds
from companion.tone.strategies import lower_keeping_offsets

# Thanks for their answer: the draft replies to a message of theirs ("thanks for getting back to me").
# It opens with the letters "thank", so re finds candidates as fast as str.find; the word start is checked after.
_ANSWERED = (r"(?:thank(?:s| you)?|thx)\b[^.!?\n]{0,20}?\bfor (?:getting back|(?:reply|response|answer)\b|"
             r"(?:your|the) (?:[\w-]+ (?:and )?){0,3}?(?:reply|response|answer|message)|letting me know|responding|"
             r"replying|writing back|reaching out|offering|(?:your|the) (?:kind )?offer|the link|"
             r"sending (?:me )?(?:the|that|this|it))\b")
_ANSWERED_RE = re.compile(_ANSWERED)
# Thanks for a favour already done, or news for them: what a thank-you or an update is made of.
# ("Thank you for your time" and "for connecting" close many an ask: they are not in this list.)
_DONE = re.compile(
    # Not thanks in advance, nor "I'd be grateful for your advice": both ask.
    r"\b(?:thanks?|thank you|thanking you|(?<!be )grateful|appreciated?)\b(?![^.!?\n]{0,15}\bin advance\b)"
    r"[^.!?\n]{0,40}?\bfor\b[^.!?\n]{0,40}?"
    r"\b(?:referr(?:al|ing)|recommend\w*|intro\w*|advice|insights?|support|letter|reference|putting|passing|"
    r"(?:agreeing|offering|accept(?:ing)?) to|"
    r"forwarding|sharing|telling|(?:the|our|your) (?:chat|call|conversation|talk|meeting)|"
    r"(?:chatting|speaking|talking|meeting) with me|(?:taking|making) (?:the )?time to (?:chat|talk|speak|meet|write))"
    r"|\b(?:quick update|an update|keep you (?:posted|updated|in the loop)|good news|wanted to let you know|"
    r"(?:let you know|update you) (?:as soon as|once|when) i (?:hear|know)|"
    r"(?:let you know|update you on) how (?:it|things|the \w+) (?:go|goes|went|turn out))\b"
    # "I just wanted to say thank you", "your referral got me the interview"
    r"|\bwant(?:ed)? to (?:say )?(?:a (?:big |quick )?)?(?:thank you|thanks)\b"
    r"|\byour (?:referral|recommendation|intro(?:duction)?|advice|help) (?:got|helped|landed|made|led|went through|"
    r"came through|worked|was submitted|has been submitted)\b"
    # Taking their answer gracefully: "thank you for getting back to me so quickly. Best of luck!"
    r"|\b" + _ANSWERED + r"|\b(?:best of|good) luck with\b")
# Their favour told as done: "you referred me", "you put my name forward" (not "could you put my name forward").
_THEIR_FAVOUR = (r"(?<!could )(?<!would )(?<!can )(?<!will )(?<!please )(?<!if )\byou (?:already |kindly |just )?"
                 r"(?:referred me|recommended me|vouched for me|put (?:my name|me) forward|put in a (?:good )?word|"
                 r"submitted (?:my|the) referral)\b")
_THEIR_FAVOUR_RE = re.compile(_THEIR_FAVOUR)


_SINCE = re.compile(r"\b(?:since|because|as|after|when|now that) $")


def credits_them(draft: AnalysedDraft) -> bool:
    """Whether the draft tells their favour as done ("You put my name forward when I knew no one there"):
    in a note that asks nothing, that is thanks in substance; not as a reason or a date ("I deserve to know
    since you referred me", "three weeks since you submitted the referral")."""
    lower = draft.lower
    return any(not _SINCE.search(lower, max(0, m.start() - 12), m.start()) for m in _THEIR_FAVOUR_RE.finditer(lower))


# What a favour of theirs brought, and news of the search: "thanks to your referral", "without your guidance",
# "happy to inform you", "I have accepted the offer", "since I started", "I had my final-round interview".
# Searched only when one of its words is in the draft (most asks have none).
_NEWS = re.compile(
    r"\bthanks to (?:your|you)\b|\b(?:without|because of) your (?:\w+ )?(?:referral|help|recommendation|support|"
    r"guidance)\b|\b(?:quick|small|little|short|brief) update\b"
    r"|\b(?:happy|pleased|glad|thrilled|excited) to (?:inform|tell|share with|let) you\b"
    r"|\bi(?:'ve| have)? (?:just |finally )?(?:received|accepted|got|signed) (?:the|an|my) (?:[\w-]+ )?offer\b"
    r"|\bi(?:'ve| have)? (?:got|landed) the (?:job|role|position)\b|\b(?:since|when) i started\b"
    r"|\b(?:joining|start) date is\b"
    r"|\bi (?:wasn't|was not|haven't been) (?:selected|shortlisted)\b|\bi (?:was|have been) offered\b"
    r"|\bi(?:'ve| have)? (?:just )?had (?:my|the) (?:[\w-]+ ){0,2}interview\b"
    r"|\bi (?:didn't|did not) get (?:the|an?) (?:[\w-]+ ){0,3}(?:job|role|position|offer)\b"
    r"|\bi(?:'ve| have)? (?:got|received|had) (?:a |the )?rejection\b"
    # The process moving on: "I heard back from AECOM", "they went with another candidate", "the interview
    # happened yesterday", "I had the final round", "it didn't work out".
    r"|\b(?:i|we) (?:just |finally )?heard back\b|\bwent with (?:another|a different|an internal|someone)\b"
    r"|\b(?:interview|onsite|final round|screen(?:ing)?)s? (?:happened|went|is done|was yesterday)\b"
    r"|(?:\bi(?:'ve| have)? |^|[.!?]\s+)(?:just )?(?:had|did|finished|completed) (?:my|the) (?:[\w-]+ ){0,2}"
    r"(?:round|onsite|screen|interview)\b"
    r"|\b(?:got|been|was) (?:rejected|turned down)\b|\b(?:didn't|did not) work out\b"
    # Their referral told as done: "it has been 5 days since you referred me" (not "could you referred me").
    r"|" + _THEIR_FAVOUR +
    r"|\b(?:with|chose|picked|hired|selected) (?:another|a different|an internal|a stronger) candidate\b")
_NEWS_WORDS = ("update", "you referred", "you recommended", "you already", "you kindly", "you just", "you put",
               "you vouched", "you submitted", "candidate", "thanks to", "without your",
               "because of your", "to inform", "to tell", "to share", "to let", "offer",
               "got the", "landed the", "started", "date is", "selected", "shortlisted", "had my", "had the", "n't get",
               "not get", "rejection", "heard back", "went with", "happened", "went", "is done", "was yesterday",
               " round", "onsite", "screen", "rejected", "turned down", "work out")


# A step on the way, which a first ask tells as often as an update does: "I was shortlisted for the Graduate
# Program. Could you share some tips?"
_SHORTLISTED = re.compile(r"\bi (?:was|have been|'ve been) (?:selected|shortlisted)\b")


def _news(draft: AnalysedDraft, steps: bool = True) -> bool:
    """Whether the draft brings news of the search; with `steps` False, not a step on the way (_SHORTLISTED).
    Once per draft: half a dozen callers ask, and the word test alone scans the draft some forty times."""
    found = draft.remember("intent.news", lambda: bool(search_if(draft.lower, _NEWS_WORDS, _NEWS)))
    return found or steps and bool(_SHORTLISTED.search(draft.lower))


def tells_news_at(draft: AnalysedDraft, at: int) -> bool:
    """Whether the words at `at` are part of news the draft tells ("they've gone with an internal candidate"),
    not something it asks for."""
    lower = draft.lower
    return any(m.start() <= at < m.end() for m in _NEWS.finditer(lower)) if _news(draft, steps=False) else False


def _done(draft: AnalysedDraft) -> bool:
    """Whether the draft thanks them for a favour done, brings news, or takes their answer gracefully."""
    return draft.remember("intent.done", lambda: bool(_DONE.search(draft.lower)) or _news(draft))


# Thanks for a referral already given: what follows asks something else of a referrer, not for one
# ("Thank you again for the referral! Any tips for the onsite?"). Not "thanks in advance for the referral".
_REFERRED = re.compile(r"(?:(?:thank(?:s| you)|thx)(?: (?:so|very) much| a (?:lot|ton|bunch))?(?: (?:once )?again)?|"
                       r"owe you(?: [\w ]{1,20}?)?) "
                       r"(?:for [^.!?\n]{1,60}?,? and )?"  # "thanks for letting me know, and for referring me"
                       r"for (?:the |your |that |this )?(?:kind )?"
                       r"(?:referral|referring me|recommending me|introducing me|vouching for me|intro(?:duction)?\b|"
                       r"putting (?:in a (?:good )?word|my name (?:forward|in)|me (?:forward|in\b))|"
                       r"(?:agree(?:ing)?|offer(?:ing)?|being willing) to (?:refer|recommend|introduce) me)")
# What asks, besides a question mark: "would you…", "I'd love…", "I'd be grateful for a referral",
# "please…", "I'm interested in…", "following up on my application", "let me know if you'd be open to…".
_REQUEST = re.compile(
    r"\b(?:would you|could you|can you|will you|would it be|i'd love|i would love|i'd appreciate|would appreciate|"
    r"(?:would|i'd) be grateful|in advance|grateful if|hoping you|hope you (?:can|could|might|would)|wondering if|"
    r"refer me|recommend me|introduce me|put me in touch|consider me|please|let me know (?:if|whether))\b")
# What asks only in a draft that does not thank them for something done: "I'm applying for the role and…"
# asks; "your advice about my portfolio before applying was really helpful, thank you for speaking with me"
# reports back.
_SEEKING = re.compile(
    # ("the opportunity-tree tip" names a framework, it seeks nothing.)
    r"\b(?:applying|interested in|reach(?:ing)? out|writing to|seek|looking for|opportunit(?!y-)|follow(?:ing)?[- ]?up on|"
    r"(?:i've|i have|i) (?:just |recently )?applied|my application)")


def reports_back(draft: AnalysedDraft, answers: bool = True) -> bool:
    """Whether the draft thanks them for a favour already done or brings them news: what a referrer
    should hear ("Thanks!" closing a new ask is neither). With `answers` False, thanks for their reply
    alone ("thanks for your message") does not count."""
    lower = draft.lower
    done = _done(draft) if answers else _news(draft) or next(
        (m for m in _DONE.finditer(lower) if not _ANSWERED_RE.fullmatch(m.group())), None)
    return bool(done or thanks_for_referral(draft) or withdraws(draft))


def thanks_for_referral(draft: AnalysedDraft) -> bool:
    """Whether the draft thanks them for a referral given or agreed ("thank you for agreeing to refer me");
    once per draft (asks, reports_back, brings_news and tone.demanding ask)."""
    return draft.remember("intent.referred", lambda: bool(_REFERRED.search(draft.lower)))


def brings_news(draft: AnalysedDraft) -> bool:
    """Whether the draft brings news of the search or thanks them for a referral given: a sure sign the two
    talked about the ask before ("thanks for the closing line" of a new ask is not one)."""
    return _news(draft, steps=False) or thanks_for_referral(draft)


# A favour told as history, not asked: "you were kind enough to refer me", "thank you for offering to refer me".
_HISTORY = re.compile(r"\b(?:enough|offer(?:ing|ed)|agree(?:ing|d)|accept(?:ing|ed)?) to\s*$")
# A social or a return offer asks nothing of the search: "let me know whenever you're in Pune, lunch is on me",
# "if I can help you once, please tell me".
_SOCIAL = re.compile(r"\b(?:lunch|coffee|dinner|drinks?|beers?|the (?:next )?round|it)(?: is| are|'s)? on me\b"
                     r"|\bif i can (?:ever |once |someday )?(?:help|return the favou?r|do anything)\b")


def told_as_history(draft: AnalysedDraft, at: int) -> bool:
    """Whether the favour at `at` ("refer me") is told as done or offered, not asked: "kind enough to refer me"."""
    return bool(_HISTORY.search(draft.before_in_sentence(at, 30)))


def _request(draft: AnalysedDraft, m: re.Match[str]) -> bool:
    """Whether a _REQUEST match asks: not a favour told as history, nor in a sentence that offers them lunch."""
    word = m.group()
    if word in ("refer me", "recommend me", "introduce me") and told_as_history(draft, m.start()):
        return False
    if word in ("please", "let me know if", "let me know whether"):
        s, e = sentence_bounds(draft, m.start())
        return not _SOCIAL.search(draft.lower, s, e)
    return True


def requests(draft: AnalysedDraft) -> bool:
    """Whether the text makes a request in so many words (a question, "would you", "please"…):
    "Likewise! Happy new year." ends a conversation without one."""
    lower = draft.lower
    return "?" in draft.text or any(_request(draft, m) for m in _REQUEST.finditer(lower)) \
        or bool(_SEEKING.search(lower)) and not _done(draft)


# Taking the ask back: "I've accepted an offer elsewhere, so please disregard my referral request".
_WITHDRAWN = re.compile(
    r"\b(?:please )?disregard (?:my|the|this) (?:[\w-]+ ){0,2}(?:request|message|note|ask)\b"
    r"|\b(?:i've|i have|i) (?:just |now )?accepted (?:an?|the) (?:[\w-]+ )?(?:offer|position|role|job)\b"
    r"|\bno longer (?:need|looking|require|searching)\b|\bwithdraw(?:ing)? (?:my|the) (?:[\w-]+ )?(?:request|ask)\b")


_WITHDRAWN_WORDS = ("disregard", "accepted", "no longer", "withdraw")  # one of these, or no match: `in` is cheaper


def withdraws(draft: AnalysedDraft, _ctx=None) -> bool:
    """Whether the draft takes its ask back ("please disregard my referral request"): nothing is asked,
    and nothing was given to thank them for (a Rule.abstains)."""
    return bool(search_if(draft.lower, _WITHDRAWN_WORDS, _WITHDRAWN))


# Thanks in the writer's first language, as many write it in an English message.
OTHER_THANKS = (r"merci|gracias|danke|obrigad[oa]|grazie|salamat|shukriya|dhanyavaa?d|asante|arigato\w*|"
                r"te[sş]ekk[uü]r\w*|k[oö]sz(?:i|[oö]n[oö]m)|dzi[eę]kuj[eę]|dzi[eę]ki|spasibo|shukran|xie ?xie|"
                r"dank ?je(?:wel)?|bedankt|takk|kiitos|efc?haristo|terima kasih|c[aả]m [oơ]n|ka?msahamnida|"
                r"gamsahamnida|daal[uụ]|ngiyabonga|mahalo|d[eě]kuji|mul[tț]umesc|hvala|nandri|nanri|go raibh maith agat|diolch")
# Thanks for their public work or congratulations, with nothing asked: a note of appreciation ("Grazie mille for
# everything you do!", "thank you for your posts on ledgers", "Congrats on the launch!") is not an ask still being
# written.
_PRAISE = re.compile(r"\b(?:thanks?|thank you|grateful|" + OTHER_THANKS + r")\b"
                     r"[^.!?\n]{0,40}?\bfor (?:(?:all|everything) (?:that )?you (?:do|share|post|write|teach)\b|"
                     r"(?:all )?your (?:\w+ )?(?:posts?|content|videos?|writing|articles?|newsletter|tips|talks?)\b)"
                     # Congratulations, or their work enjoyed: "Congrats on getting second in the hackathon", "I loved
                     # your recent article on pricing".
                     r"|\bcongrat\w*\b[^.!?\n]{0,20}?\bon\b"
                     r"|\b(?:loved|enjoyed|really liked) (?:reading |watching )?your (?:recent |latest )?(?:[\w-]+ )?"
                     r"(?:posts?|articles?|talks?|newsletter|videos?|podcast|writing|piece|thread|book|paper)\b")


def appreciates(draft: AnalysedDraft, _ctx=None) -> bool:
    """Whether the draft is a note of appreciation or congratulations that asks for nothing ("Congrats on
    getting second in the hackathon!"): no thanks are due for a favour, since none is asked (a Rule.abstains)."""
    return not requests(draft) and bool(_PRAISE.search(draft.lower)) and not _SEEKING.search(draft.lower)


def asks(draft: AnalysedDraft) -> bool:
    """Whether the draft asks for a referral or the like: a request, or no sign that it thanks, updates or
    answers them; with news of the search or thanks for a referral, only a request to be referred again; not
    when it takes the ask back. Memoized per draft."""
    def decide() -> bool:
        if withdraws(draft):
            return False
        if not requests(draft):
            return not (_done(draft) or thanks_for_referral(draft) or replies_to_them(draft)
                        or _PRAISE.search(draft.lower) and not _SEEKING.search(draft.lower))
        # After a referral or with news of the process, only a new referral asks what the ask rules judge:
        # "I signed the offer! Lunch is on me, I'd love to hear how your first month went" does not.
        return not (brings_news(draft) and not asks_again(draft))
    return draft.remember("asks", decide)


# A yes to what they offered or asked, and nothing more: "Yes please, thank you Noor!", "Sure, that works."
_TAKES_UP = re.compile(r"\W*(?:oh )?(?:yes|yeah|yep|sure|absolutely|definitely|of course)\b[^?]{0,70}$")


def open_request(thread) -> bool:
    """Whether the user's messages since the other person's last one ask for something, so an answer is
    owed ("Tuesday at 11 works, thank you!" leaves nothing to follow up on, nor does "Yes please!" to their
    offer: what follows is theirs to send, not a favour of the user's to chase)."""
    for m in reversed(thread.messages):
        if m.sender != "me":
            return False
        if requests(AnalysedDraft(m.text)) and not _TAKES_UP.match(lower_keeping_offsets(m.text)):
            return True
    return False


# They asked the user for something to pass on: "send me your resume and the req number".
_THEY_ASKED = re.compile(r"\bsend (?:me|over)\b[^.!?\n]{0,30}\b(?:cv|r[ée]sum[ée]|req|job|link|posting|role)"
                         r"|\b(?:share|forward) (?:your|the) (?:resume|cv|req|job|link|posting)")
# A new referral asked of someone who already agreed or referred: "could you refer me for this one too?"
# ("Thank you for agreeing to refer me" is not one.)
_NEW_REFERRAL = re.compile(r"\b(?:could|would|can|will) you\b[^.!?]{0,40}\brefer(?:ring|ral)?\b(?! you\b)"
                           r"|\banother referral\b"
                           r"|\bplease refer me\b|\brefer me\b[^.!?]{0,60}?\b(?:again|too|as well)\b")


# Their yes, in their last message: "Sure, I'll submit it this week!", "Happy to refer you", "Will do".
_THEY_AGREED = re.compile(
    r"(?<!if )(?<!whether )\bi(?:'ll| will| can| am going to|'m going to|'d be happy to| would be happy to)"
    r"(?: gladly| happily| definitely)? "
    r"(?:submit|refer|put (?:you|your name|it) (?:in|forward|through)|pass (?:it|your \w+) (?:on|along)|forward|"
    r"recommend)\b|\b(?:happy|glad|more than happy) to (?:refer|recommend|submit|help with the referral|put)\b"
    r"|\bwill do\b|\b(?:i've|i have) (?:submitted|referred|put in)\b")
# Their no, in their last message: "Sorry, I can't refer people I haven't worked with", "I'm not able to
# recommend you for this one".
_THEY_DECLINED = re.compile(
    r"\b(?:i )?(?:can't|cannot|can not|won't be able to|am unable to|'m unable to|am not able to|'m not able to|"
    r"don't|do not|wouldn't be comfortable|am not comfortable|'m not comfortable|(?:have|had) to (?:pass|decline))"
    r"(?: (?!if\b|whether\b|but\b)\w+){0,6}? (?:refer(?:ring)?|recommend(?:ing)?|vouch(?:ing)?|submit(?:ting)?|"
    r"put(?:ting)? (?:you|your name) forward|help(?:ing)? (?:you )?with (?:this|that|it)(?: one)?|on this one)\b"
    # A policy or a doubt that says no: "I only refer people I've worked with", "I don't think a referral from me
    # would carry much weight" (not a step first: "I only refer people who have already applied").
    r"|\bi only (?:refer|recommend|vouch for)\b(?![^.!?\n]{0,50}\bappl(?:y|ied|ies|ication))"
    r"|\bi (?:don't|do not) think (?:a |my )?(?:referral|recommendation)(?: from me)? (?:would|will)\b"
    r"|\b(?:a |my )?(?:referral|recommendation)(?: from me)? (?:wouldn't|would not|won't|will not) (?:carry|count|help|"
    r"matter|mean|do)\b"
    # Nothing to refer to: "there's nothing I can refer you to right now", "we're under a hiring freeze".
    r"|\b(?:nothing|no (?:role|opening|position|job|vacanc(?:y|ie))s?) (?:that )?i (?:can|could) refer you (?:to|for)\b"
    r"|\bhiring freeze\b|\b(?:we're|we are|the team is|the team's) not (?:currently |actively )?hiring\b"
    r"|\bwe (?:aren't|are not) (?:currently |actively )?hiring\b"
    # A soft no: "I'm not the best person to refer you".
    r"|\bi(?:'m| am) (?:really |probably |just )?not (?:really )?the (?:best|right) person (?:to (?:refer|recommend|vouch "
    r"for) you|for (?:this|that|it))\b"
    # The verb left out: "so I won't be able to this time", "I'll have to pass".
    r"|\b(?:won't|will not|can't|cannot) (?:be able to )?(?:do (?:it|that|this) )?this time\b"
    # ("I'll pass it to our head of science" passes your CV on: an offer, not a no.)
    r"|\b(?:i'll|i will|i have to|i'll have to|i need to) (?:pass|decline)"
    r"(?= on (?:this|it|that)\b|\s*(?:[.!,;]|$)| this time\b| for now\b)")


def their_last(thread) -> str | None:
    """Their message, lower-cased with straight apostrophes as the rules read a draft ("I’ve referred you"
    from a phone is "i've referred you"), when the conversation on the page ends with it; else None."""
    last = thread.messages[-1] if thread is not None and thread.messages else None
    return lower_keeping_offsets(last.text) if last is not None and last.sender == "them" else None


# Their last message says the referral is done: "Done, I submitted your referral", "I've referred you".
_THEY_REFERRED = re.compile(r"\bi(?:'ve| have| just)? (?:just )?(?:submitted (?:your|the|it)|referred you|"
                            r"put (?:you|your name) (?:in|forward)|passed (?:it|your \w+) (?:on|along))\b"
                            # (not "I need it to submit the referral in our portal")
                            r"|\breferral(?:'s| is| has been)? (?:in|done|submitted)\b(?! (?:our|the|your|my|an?|to|for)\b)")


def they_referred(thread) -> bool:
    """Whether the last message on the page is theirs saying the referral is done ("I've referred you")."""
    last = their_last(thread)
    return last is not None and bool(_THEY_REFERRED.search(last))


def they_agreed(thread) -> bool:
    """Whether the last message on the page is their yes to the user's ask ("Sure, I'll submit it this
    week"): what the user writes next asks after it, and any wait since is theirs."""
    last = their_last(thread)  # not when their yes asks something of the user ("send me your resume"): that is owed
    return last is not None and bool(_THEY_AGREED.search(last)) and not _THEY_DECLINED.search(last) \
        and "?" not in last and not _THEY_ASKED.search(last)


def they_declined(thread) -> tuple[int, int] | None:
    """Where the last message on the page is their no ("Sorry, I can't refer people I haven't worked
    with"), as a span of that message, or None."""
    last = their_last(thread)
    m = _THEY_DECLINED.search(last) if last is not None else None
    return m.span() if m else None


def answers_them(thread) -> bool:
    """Whether the last message on the page is theirs asking for the user's resume, the req, the link:
    the draft answers what they asked for, so nothing in it needs to be asked well."""
    last = their_last(thread)
    return last is not None and bool(_THEY_ASKED.search(last))


# An answer's first words, after a greeting or their name: thanks for nothing named ("Thanks so much, Priya! Here
# is my resume", "Hi Sanne, thank you, a call would be great!"), a yes or a no, an apology for what went before
# ("Sorry, I meant the Java role"), their question or news judged ("Good question.", "That's really kind of
# you"), each set off by punctuation ("Sorry to bother you" opens a first message). A first message thanks for
# something ("thank you for connecting") or closes with thanks; in the dev set only dev-007, a chat reply
# ("Totally understand! My main questions are…"), opens so.
_ANSWER_FIRST = re.compile(r"\W*(?:(?:hi|hello|hey|dear)\b[^,.!?\n]{0,30}?[,!.]?\s+|[a-z]+[,!]\s+)?"
                           r"(?:(?:many )?(?:thanks?|thank you|thx|ty|tysm)"
                           r"(?: (?:so|very) much| a (?:lot|ton|bunch))?(?: again)?(?:,? [a-z]+)?|yes|no|absolutely|"
                           r"of course|sure(?: thing)?|ok(?:ay)?|got it|understood|noted|sounds good|perfect|sorry|"
                           r"will do|here (?:it is|you go)|great|awesome|wonderful|amazing|brilliant|excellent|"
                           r"fantastic|(?:good|great|fair) question|"
                           # Their news or offer taken in: "That's really kind of you", "Completely understand".
                           r"(?:that's|that is|how) (?:\w+ )?(?:kind|generous|great|wonderful|amazing|helpful|lovely|"
                           r"good news|great news)(?: of you)?|(?:completely |totally |fully )?understand(?:able)?)"
                           # Set off by punctuation, or the whole of a short draft ("ok", "sure thing, attached my cv").
                           r"(?:[ \t]*[,!.…]| but\b|[^.!?\n]{0,25}$)")
# Words that answer what they wrote, anywhere: their offer taken up ("a call would be great"), their question
# answered ("to answer your question about Kubernetes"), what they sent ("the link you sent").
_ANSWERS = re.compile(
    r"\b(?:a|the|your) (?:quick |short |brief )?(?:call|chat|coffee|meeting|zoom|video call) (?:would be|sounds|works)"
    r"(?: (?:really|very|so))? (?:great|perfect|lovely|wonderful|good|fine|ideal|amazing)\b"
    r"|\b(?:to answer|answering|in answer to|as for|regarding) your questions?\b"
    r"|\byou (?:asked|offered|requested)\b|\bsorry (?:for|about) (?:not being clear|the confusion)\b|\bto clarify\b"
    # A time they offered, taken: "Thursday at 4 works perfectly, I'll call your mobile then".
    r"|\b(?:works|suits me) (?:perfectly|great|well|fine|for me)\b[^.!?\n]{0,40}\bthen\b"
    # Which role, said as an answer: "It's the Backend Developer (Java) role in the Gdansk office".
    r"|(?:^|[.!?:,]\s+)it(?:'s|’s| is) the (?:[\w()/&.-]+ ){0,6}?(?:role|position|opening|posting|job|one)\b"
    r"|\b(?:the|that) (?:[\w-]+ )?(?:link|posting|page|article|resource|contact) you (?:sent|shared|suggested)\b")
# One of these, or no match: `in` is cheaper than the search.
_ANSWERS_WORDS = ("would be", "sounds", "works", "suits me", "question", "you asked", "you requested", "you offered",
                  "you sent", "you shared", "you suggested", "clear", "confusion", "clarify", "it's the", "it’s the",
                  "it is the")


def replies_to_them(draft: AnalysedDraft) -> bool:
    """Whether the draft thanks them for their answer ("thanks for getting back to me", "thank you for your
    reply", "thank you for offering a call"), opens as an answer ("Thanks so much!", "Sure, …") or answers
    what they wrote ("to answer your question"): it is a reply in a conversation, whatever the page shows,
    so they are no stranger."""
    lower = draft.lower
    return draft.remember("replies", lambda: bool(
        _ANSWER_FIRST.match(lower) or search_if(lower, _ANSWERS_WORDS, _ANSWERS)
        or any(starts_word(lower, m.start()) for m in _ANSWERED_RE.finditer(lower))))


def asks_again(draft: AnalysedDraft) -> bool:
    """Whether the draft asks to be referred (again), to someone who already agreed or referred."""
    return bool(_NEW_REFERRAL.search(draft.lower))


# More than the ask on the table: "could you refer me for that one too?", "could you refer her as well?", "another
# favour" (unlike asks_again, not "could you refer me for it?" sent with the job ID they asked for).
_FURTHER = re.compile(r"\brefer\w*\b[^.!?\n]{0,60}\b(?:too|as well|again)\b|\b(?:another|one more|a second) "
                      r"(?:referral|favou?r)\b|\brefer (?:her|him|them|my (?:friend|colleague|brother|sister))\b")


def asks_further(draft: AnalysedDraft) -> bool:
    """Whether the draft asks a further favour: a referral for another opening, or for someone else."""
    return bool(_FURTHER.search(draft.lower))
