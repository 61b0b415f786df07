"""courtesy.*: thanks, an easy out, and a nod to their time; materials.missing: something to review."""

import re

from companion.coach.analysis import WORD_START, AnalysedDraft, search_if
from companion.coach.rules.ask import asks_no_job, asks_referral, bounded_ask, replies_without_referral
from companion.coach.rules.length import note_room
from companion.coach.engine import CoachContext, either, missing_phrase_rule
from companion.coach.intent import OTHER_THANKS, appreciates, asks, asks_further, credits_them, requests, withdraws
from companion.coach.stated import checks_on_referral, knows_your_fit
from companion.coach.due import DONE
from companion.coach.matching import conversation_says, is_recruiter, recipient_log, speaks_for_hiring, their_turn

_GRATITUDE = re.compile(
    r"\b(?:thanks?|thanking you|thx|tysm|ty|tia|appreciated?|appreciating|appreciative|grateful|"
    r"thankful|gratitude|many thanks|much obliged|cheers for|i owe you|indebted|"
    r"owe you (?:one|a (?:coffee|beer|drink|lunch|pint|dinner|meal))|cheers mate|"
    r"(?:it )?would mean (?:a lot|so much|the world|a great deal)|"
    r"what it would mean)\b"
    # "Cheers" as the sign-off, the thanks of British and Australian English (not "cheers to the team!").
    r"|\bcheers[!,.]*(?=\s*(?:\n\s*[\w .'-]{1,40})?\s*$)"
    # What their help did, said as thanks: "your referral got me past the resume screen".
    r"|\byour (?:referral|recommendation|intro(?:duction)?|advice|help|support) (?:got|helped|landed|made|meant|"
    r"changed|opened)\b"
)
# Thanks in the writer's first language count. Apart, and searched only when no English thanks is found: in one
# pattern, their many first letters made every draft's search a third slower.
_OTHER_GRATITUDE = re.compile(r"\b(?:" + OTHER_THANKS + r")\b")
# "no thanks" declines, and "I can appreciate that you're busy" understands: neither is gratitude.
_NOT_GRATITUDE = re.compile(r"\bno,? thanks?\b|\b(?:can|could) appreciate (?:that|how|why)\b")


def has_gratitude(draft: AnalysedDraft) -> bool:
    """Whether the draft thanks them; once per draft (several rules and the hints ask)."""
    def find() -> bool:
        if "🙏" in draft.text:  # folded hands: how many people say thanks in chat
            return True
        lower = draft.lower
        return any(not _NOT_GRATITUDE.search(lower, max(0, m.start() - 6), m.end() + 5)
                   for m in _GRATITUDE.finditer(lower)) or _OTHER_GRATITUDE.search(lower) is not None
    return draft.remember("courtesy.thanks", find)


# How much a no is fine: "totally", "perfectly", "absolutely" fine.
_QUITE = r"(?:(?:totally|completely|perfectly|absolutely|entirely|really|100%) )?"
_OUT = re.compile(
    WORD_START + r"(?:"
    r"\bno (?:worries|pressure|problem|obligation|stress|hard feelings|expectations?)\b"
    r"|\b(?:(?:totally|completely|fully|i'd|i would|i'll|i will|i) )?(?:understand|get it)\b[^.!?\n]{0,30}\bif\b"
    # "if you're comfortable" only conditions the ask (the dev set's definition); "if you're not" is an out
    r"|\bif (?:you're|you are|you feel|you'd be|you would be) "
    r"(?:not (?:comfortable|open|willing|able)|too busy|busy|swamped)\b"
    # "if it's possible" only conditions the ask, as "if you're comfortable" does; "if it's not possible" is an out.
    r"|\bif (?:(?:it's|it is|that's|that is|this is) (?:not (?:a fit|possible|appropriate|something|convenient)|too)"
    r"|(?:this|it|that|(?:a |the |my )?[\w-]+(?: [\w-]+)?) (?:isn't|is not|wouldn't be|would not be|won't be) "
    r"(?:a fit|possible|appropriate|something|"
    r"convenient|a good time))\b"
    r"|\bif (?:not|you can't|you cannot|you'd rather not|you would rather not|now isn't|now is not|(?:the )?timing)\b"
    r"|\b(?:feel free to|free to) (?:say no|decline|ignore|pass)\b"
    # No time offered as a reason to decline: "If you don't have time this winter, please just say so".
    r"|\bif you (?:don't|do not|can't|cannot) (?:have|find|make) (?:the )?time\b|\b(?:please|feel free to|you can) just say (?:so|no)\b"
    r"|\beither way\b|\ball good if\b|\bokay if not\b|\bok if not\b|\bfine if not\b"
    r"|\b(?:you|you're|you are) (?:under )?no obligation\b|\bno need to\b"
    r"|\b(?:don't|do not|never) feel (?:any |the )?(?:pressure|pressured|obligated|obliged|bad)\b"
    r"|\b(?:say|drop|send|reply(?: with)?|answer(?: with)?) (?:me )?(?:a |just )?['\"‘“]?no\b['\"’”]?(?! (?:to|one)\b)"
    r"|\bonly if\b|\bwhatever (?:you decide|works)\b|\bno is (?:a |also )?" + _QUITE + r"(?:fine|ok|okay|acceptable)\b"
    # A no, accepted: "If the role has been filled, I completely understand", "it's cool if you don't".
    r"|\bregardless of (?:your|the) (?:decision|answer|reply)\b"
    r"|\bif\b[^.!?\n]{0,60}, (?:i (?:completely |totally |fully |certainly |absolutely |perfectly )?understand|(?:that's|that is|it's|it is) "
    + _QUITE + r"(?:fine|ok|okay|cool|all good|understandable))\b"
    r"|\b(?:it's|it is|that's|that is) " + _QUITE + r"(?:fine|ok|okay|cool|all good) if you (?:don't|can't|"
    r"do not|cannot|aren't|are not|decide not|would rather not|'d rather not)\b"
    r"|\b(?:the )?timing (?:isn't|is not|wasn't|was not|may not be|might not be) (?:right|ideal|great|good)\b"
    r"|\b(?:we can|feel free to|happy to) (?:just )?(?:drop|skip|ignore|forget) (?:it|this)\b"
    r"|\bzero pressure\b|\bif the answer is no\b"
    # "Totally fine if it's awkward given we worked together", "no problem if that's too much".
    r"|\b" + _QUITE + r"(?:fine|ok|okay|understandable|no problem) if (?:it's|it is|this is|that's|that is|it would be|"
    r"that would be|it feels) (?:\w+ )?(?:awkward|uncomfortable|too much|a stretch|weird|odd|not possible)\b"
    # The formal inverted conditional: "Should this not be convenient, I fully understand".
    r"|\bshould (?:this|it|that|you) not be (?:\w+ )?(?:possible|convenient|a fit|appropriate|feasible|able)\b"
    r"|\bshould you (?:be unable|prefer not|not wish|not be able)\b"
    r"|\b(?:schedule|time|workload|calendar) (?:may|might) not (?:permit|allow)\b"
    # An out in the writer's first language counts, as thanks do: "No pasa nada si no puedes".
    r"|\b(?:no pasa nada|sin problema|pas de (?:souci|problème)|aucun souci|kein problem|sem problema|"
    r"nessun problema|koi baat nahi)\b"
    r"|\b(?:fine|ok|okay|alright|all right) (?:to|if you) (?:say no|decline|pass|can't|cannot)\b)"
)
# An out taken back: "No pressure at all, but I'd need it by Friday"; "an answer either way" asks for one.
_TAKEN_BACK = re.compile(r"[^.!?\n]{0,30}?,? but (?:i|we)(?:'d| would| will| really)? (?:need|must|have to|require)\b")
_WANTS_ANSWER = re.compile(r"\b(?:answer|reply|response|decision)\s*$")


# The no accepted before it is said: "it may not be something you can help with, and that's completely fine",
# "that's entirely your call", "if a call is too much, a reply would already be generous" (not "I hope that's
# ok"). Searched only when one of its words is in the draft.
_ACCEPTED = re.compile(r"(?<!hope )\b(?:that's|that is|this is|which is|it's|it is) (?:(?:totally|completely|perfectly|"
                       r"absolutely|entirely) (?:fine|ok|okay|alright|all right|understandable)|" + _QUITE +
                       r"(?:your call|up to you))\b|\bif\b[^.!?\n]{0,30}\btoo much\b")
_ACCEPTED_WORDS = (" fine", " ok", "alright", "all right", "understandable", "your call", "up to you", "too much")


def gives_out(draft: AnalysedDraft) -> bool:
    """Whether the draft makes a no easy; once per draft (several rules ask)."""
    lower = draft.lower
    return draft.remember("courtesy.out", lambda: any(
        not _TAKEN_BACK.match(lower, m.end()) and not _WANTS_ANSWER.search(lower, max(0, m.start() - 12), m.start())
        for m in _OUT.finditer(lower)) or bool(search_if(lower, _ACCEPTED_WORDS, _ACCEPTED)))


# Their time, busyness or schedule, or the ask framed as short ("a quick question", "a 15-minute
# call", "a few minutes"): the README of the referral dev set counts both as acknowledging time.
_SHORT = r"(?:quick|brief|short|small|little|\d+(?:\s*[-–]\s*\d+)?[- ]?(?:minute|min)s?|(?:ten|fifteen|twenty|thirty)[- ]minutes?)"
_TIME = re.compile(
    WORD_START + r"(?:"
    r"\b(?:your (?:(?:precious|valuable|limited) )?(?:time|schedule|calendar|availability)|you(?:'re| are) (?:probably |likely |very |too )?"
    r"(?:a |an )?(?:very |extremely |incredibly |so )?(?:busy|swamped|slammed)|"
    r"(?:do|would|will) you have (?:the |any )?time\b|find (?:a|the) (?:moment|minute|few minutes)|you (?:might|may|must|could) (?:be|have been) (?:really |very |too )?(?:busy|swamped)|"
    r"if (?:you|things|work|life|it)(?:'ve| have| has|'s)? (?:been|are|is|were|'re|got|get|gets) (?:\w+ )?"
    r"(?:busy|hectic|swamped|slammed|crazy)|"
    r"(?:busy|hectic|full) (?:schedule|calendar|week|inbox)|thanks? (?:you )?(?:so much )?for (?:reading|taking (?:the|a) (?:time|look|moment|minute))|"
    r"taking (?:the )?time|the time (?:that )?you (?:and (?:\w+ ){1,3})?(?:took|spent|invested|gave|put in|set aside)|"
    r"for you time|appreciate (?:you |your )?(?:reading|taking a (?:look|moment|minute))|"
    r"(?:grateful|thankful) (?:that )?you (?:read|took|are reading|'re reading)|"
    r"(?:out of|from) your (?:day|schedule|week)|(?:went|go|going|gone) out of your way|"
    # Their inbox's load: "I know requests like this pile up", "you must get many messages like this".
    r"(?:requests|messages|notes|inmails|asks) like (?:this|these|mine) (?:must |probably )?(?:pile up|add up|come in)|"
    r"(?:get|receive) (?:a lot of|lots of|many|so many|plenty of|tons of) (?:requests|messages|notes|inmails)\b|(?:a|one) (?:few|couple of) minutes|"
    r"\d+(?:\s*[-–]\s*\d+)?\s*(?:minutes|mins)|(?:two|three|five|ten|fifteen|twenty|thirty) (?:minutes|mins)|"
    r"take(?:s)? you (?:only |just )?(?:a (?:minute|moment|second)|seconds)|a (?:moment|minute|second) of your|"
    r"takes? you (?:minimal|little|very little|less) time|~?\d+ ?m (?:call|chat)|"
    r"so (?:that )?it (?:costs|takes) you (?:almost |next to |very )?(?:nothing|little|no time)|"
    r"(?:a |an |one )?" + _SHORT + r" (?:\([^()\n]{1,20}\) |[\w-]+ )?(?:question|ask|favou?r|chat|call|coffee|update|one|"
    r"note|sync|conversation|intro|look|read|meeting|recommendation|message|reply|review)|"
    r"keep (?:this|it) (?:short|brief)|i'll be brief|"
    r"when(?:ever)? you (?:have|get|find) (?:a |the )?(?:moment|minute|chance|time|second)|"
    r"at your convenience|whenever (?:convenient|works)|no rush|no hurry|sorry to bother|"
    # An apology for the length knows what reading it costs ("Sorry for the very long message").
    r"(?:sorry|apologies|apologi[sz]e) for (?:the |this |my )?(?:\w+ )?(?:long|lengthy) (?:message|note|e-?mail|text|inmail)|"
    r"(?:sorry|apologies|apologi[sz]e) for the length|"
    r"in case (?:it|this|my (?:note|message)) (?:got|gets|was) (?:buried|lost)|"
    r"the timing (?:isn't|is not|wasn't) (?:right|good|ideal)|"
    r"the timing(?:'s| is) (?:bad|off|wrong|awkward|tricky)|(?:now|this) (?:isn't|is not) (?:a good|the right) time|"
    # Their time spared or their day disturbed: "if that saves you time", "sorry if this is disturbing you", "I hope the
    # year-end crunch has calmed down".
    r"saves? you (?:some |the |a bit of )?time|(?:disturbing|interrupting|bothering) you|"
    r"(?:crunch|rush|busy (?:season|period|spell)|madness) (?:has|have|had) (?:calmed|eased|slowed|settled|died)|"
    r"if you (?:would |'d )?(?:have|don't have|do not have) (?:the |any )?(?:time|bandwidth|a moment|a minute|a second|"
    r"availability)|work around your|"
    # Their time chosen: "let me know a time that's good for you", "if another time works better for you".
    r"time (?:that(?:'s| is)? |which is |that works? )?(?:good|better|best|convenient) (?:for )?you|(?:another|a different|other) time "
    r"(?:works?|suits|is better)|"
    r"(?<!start )when (?:works|suits) (?:best |better )?(?:for )?you|"  # not "I can start whenever suits you"
    r"flexible (?:with|on|about|around) (?:scheduling|timing|your schedule|times?|the time)|"
    r"how (?:busy|hectic|swamped|slammed)|take (?:a|the) (?:moment|minute|second)|your inbox|"
    r"(?:chat|talk|speak|call|meet|connect|discuss)(?:t?ing)? briefly|briefly (?:chat|talk|speak|call|meet|connect)|"
    r"(?:doesn't|does not|won't|will not|needn't) (?:need to )?(?:be|take) long|thanks? (?:you )?for (?:the )?time|"
    r"(?:a good|the best|a convenient) time (?:for you|to (?:talk|chat|call|connect|meet))|"
    r"you (?:\w+ )?(?:get|receive|field|see|have got|'ve got) (?:so many|a (?:lot|ton|flood|large number) of|lots of|"
    r"tons of|hundreds of|dozens of) (?:applica|messages|requests|e-?mails|notes|these|inquiries)|"
    # "I know your shifts are very busy", "I know the start of the term is hectic".
    r"(?:i know|i imagine|i realize|i'm sure) [^.!?\n]{0,40}?\b(?:busy|hectic|crazy|packed|swamped|slammed|flat out|"
    r"snowed under|run off (?:your|their) feet|"
    r"season|time of (?:the )?year|crunch|peak)\b))"
)


_MATERIALS = re.compile(
    WORD_START + r"(?:"
    # (Theirs is no offer: "I read your CV on your blog".)
    r"(?<!your )\b(?:resume|résumé|cv|curriculum vitae|portfolio|github|gitlab|attached|attaching|attachment|cover letter|"
    r"writing samples?|case stud(?:y|ies)|personal (?:site|website)|my (?:site|website|blog|work samples?)|"
    r"(?:send|share|attach|forward|provide)(?: you)? (?:my |the )?(?:documents|certificates|credentials)|"
    r"link(?:ed)? (?:below|here|to my)|"
    r"forwardable (?:blurb|note|summary)|(?:a |my )?(?:short )?blurb|"
    r"(?:note|e-?mail|message|summary|paragraph|intro(?:duction)?) (?:that )?you (?:could|can) (?:just )?forward|"
    r"behance|dribbble|kaggle|(?:show|demo )?reel|lookbook|(?:work |code |design )?samples|schematics)\b)"
)
# A link to their work; a domain inside an e-mail address ("me@example.com") is contact details.
_LINK = re.compile(r"https?://|www\.|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|io|dev|me|net|org|co|ai|app|codes|"
                   r"design|xyz|page|site|studio|art|work)\b(?![.\w-]*@)")  # (not .tech: "B.Tech")


# A link to book a call with you is not something of yours to review.
_SCHEDULER = re.compile(r"calendly|cal\.com|savvycal|zcal|doodle|zoom\.us")


# None to offer: "I apologize for the lack of a curriculum vitae", "I don't have a portfolio yet".
_LACKING = re.compile(r"\b(?:lack of|without|no|(?:don't|do not|haven't|have not)(?: got| have)?)(?: an?| my| the)?"
                      r"(?: (?:updated|current|recent|new|final|latest|proper|english|up-to-date|good))?\s*$")


def offers_materials(draft: AnalysedDraft) -> bool:
    lower = draft.lower
    return any(not _SCHEDULER.search(lower, m.start(), m.end() + 24)
               and not _LACKING.search(lower, max(0, m.start() - 24), m.start())
               for pattern in (_MATERIALS, _LINK) for m in pattern.finditer(lower))


def _thanks(draft: AnalysedDraft) -> bool:
    """Thanks in words, or, in a note that asks nothing, their favour told as done (thanks in substance)."""
    return has_gratitude(draft) or not asks(draft) and credits_them(draft)


_PLS = re.compile(r"\b(?:pls|plz)\b")


def _answers_only(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """An answer to their message that asks nothing at all ("pls" asks too): thanks are due for their reply, not
    for a favour."""
    return their_turn(draft, ctx) and not requests(draft) and not _PLS.search(draft.lower)


def _they_reached_out(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """A recruiter who wrote to the user first about a role, and spoke last: questions back ask no favour."""
    thread = ctx.thread
    return their_turn(draft, ctx) and thread is not None and bool(thread.messages) \
        and thread.messages[0].sender == "them" and speaks_for_hiring(ctx)


TIGHT = 31  # characters left in a note under which a missing thanks is a trade: " Thank you for considering it."
            # would not fit


def _only_connects(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """A connection note that asks nothing but to connect ("I'd love to stay in touch!"): no favour to thank for."""
    return ctx.surface == "connection_note" and "?" not in draft.text and bounded_ask(draft)


def _no_thanks(draft: AnalysedDraft, ctx: CoachContext) -> str:
    """Why thanks are due: for the favour asked; in an answer that asks nothing, for what the log says they did
    or for their reply."""
    if _answers_only(draft, ctx):
        rec = recipient_log(ctx)
        if rec is not None and rec.state in DONE:
            return (f"No thanks anywhere: they {DONE[rec.state]}, and a message without a \"thank you\" reads as "
                    "if their help were taken for granted.")
        return ("No thanks anywhere. They took the time to write to you; a \"thank you\" for that keeps the "
                "exchange warm.")
    if _they_reached_out(draft, ctx):
        return ("No thanks anywhere. They reached out to you about a role; a \"thank you\" for that keeps the "
                "exchange warm while you ask your questions.")
    room = note_room(draft, ctx)
    if room is not None and room < TIGHT:  # a full note: the fix is a trade, and nothing in it need be entitled
        left = max(room, 0)
        return (f"No thanks anywhere, and the note has {left} character{'' if left == 1 else 's'} left: trade a few "
                "words for a \"Thanks!\", which tells them you know it is a favour.")
    return ("No thanks anywhere: what you ask is a favour from someone who owes you nothing, and a message without "
            "a \"thank you\" reads as entitled.")


def _thank_them(draft: AnalysedDraft, ctx: CoachContext) -> str:
    if _answers_only(draft, ctx):
        return "Add a thank-you, e.g. \"Thanks for getting back to me.\""
    if _they_reached_out(draft, ctx):
        return "Add a thank-you, e.g. \"Thanks for reaching out about the role.\""
    room = note_room(draft, ctx)
    if room is not None and room < TIGHT:
        return "Make room for it: cut the words you can spare most easily and end with \"Thanks!\""
    return "End with a thank-you, e.g. \"Thank you for considering it.\""


GRATITUDE_MISSING = missing_phrase_rule(
    "courtesy.gratitude-missing", _thanks, _no_thanks, _thank_them,
    severity="warning", checklist="thanks", abstains=lambda draft, ctx: withdraws(draft) or appreciates(draft)
    or _only_connects(draft, ctx),
    rationale="Thanks acknowledge the request is a favour, not a transaction.",
    fires=("Could you refer me for the Data Analyst role?", "No, thanks to the new portal I applied already.",
           "Can you tell me what they wrote? I deserve to know since you referred me.",
           "I can appreciate that you're busy, but I need an answer."),
    quiet=("Thanks so much for reading!", "I owe you big time for the referral!", "Cheers mate, owe you a coffee (or three)",
           "Could you pass my CV to whoever does the hiring on site? Cheers",
           "Hi Sam! Congrats on getting second in the hackathon. Can't wait to see what you build next.",
           "Your referral got me past the resume screen.",
           "You put my name forward when I knew no one there. I start on January 12.", "I'd appreciate a referral.",
           "Thank you in advance.", "🙏",
           "Thanking you,", "It would mean a lot to me.", "Merci beaucoup!", "I appreciate that you took the time.",
           "I've accepted an offer elsewhere, so please disregard my referral request.",
           "I will be very thankful to you.", "Salamat po!", "Could you refer me for the Data Analyst role? Teşekkürler!",
           "Could you refer me for the Data Analyst role? Daalụ rinne, Chidi"),
)


def _no_out_needed(draft: AnalysedDraft, ctx) -> bool:
    """A connection note that asks nothing but to connect or asks something small (a question or two: the
    invitation's Ignore button is the out, and a note has no room to spare), or an answer to them: they spoke
    last ("Happy to help, send me the link"), and a no is theirs to give, unless the draft asks a further favour
    ("could you refer me for that one too?"); or a courteous note (it thanks them) to
    a recruiter that asks no referral: weighing candidates is their work, not a favour."""
    return ctx.surface == "connection_note" and ("?" not in draft.text and "refer" not in draft.lower
                                                 and not asks_referral(draft)
                                                 or bounded_ask(draft)) \
        or their_turn(draft, ctx) and not asks_further(draft) \
        or is_recruiter(ctx) and not asks_referral(draft) and has_gratitude(draft)


# Asking how a referral stands, no rush is the out: their yes is given, the time is theirs.
_NO_RUSH = re.compile(r"\bno (?:rush|hurry)\b|\bwhen(?:ever)? you (?:get|have|find) (?:a |the )?(?:chance|moment|"
                      r"minute|time)\b|\bif you haven't had (?:a |the )?(?:chance|moment|time)\b")


def _gives_out(draft: AnalysedDraft) -> bool:
    return gives_out(draft) or checks_on_referral(draft) is not None and bool(_NO_RUSH.search(draft.lower))


def _out_example(draft: AnalysedDraft, _ctx) -> str:
    if checks_on_referral(draft):
        return "Add a line that takes the pressure off, e.g. \"No worries if you haven't had a chance yet.\""
    return "Add a line that makes a no easy, e.g. \"No worries at all if it's not a fit.\""


OUT_MISSING = missing_phrase_rule(
    "courtesy.out-missing", _gives_out,
    "No easy out: nothing like \"no worries if not\" tells them a no is fine. Without one "
    "the ask feels like pressure, and people ignore pressure rather than decline it.",
    _out_example,  # a status check's out is no rush, not "if it's not a fit"
    severity="warning", checklist="out", judges_ask=True, abstains=_no_out_needed,
    rationale="An explicit out removes pressure; people say yes more readily when no is easy.",
    fires=("Could you refer me for the Data Analyst role? Thank you!",
           "No pressure at all, but I'd need the referral submitted soon. Thanks!",
           "I'd really appreciate an answer either way. Thanks.", "If it's possible, could you refer me? Thanks!",
           "I hope that's ok. Could you refer me for the Brand Manager role? Thanks!"),
    quiet=("Regardless of your decision, thank you.", "If you don't have time this winter, please just say so.", "If you have not, I certainly understand.", "No worries at all if not.", "Totally fine to say no.", "It's completely okay if the answer is no.", "Totally fine if it's awkward given we worked together.",
           "Zero pressure.", "I know you're busy, so please don't feel any pressure.",
           "You can also drop a 'No' and I won't follow up.", "No pasa nada si no puedes.",
           "Koi baat nahi agar possible na ho.", "Please do say if it isn't convenient.",
           "Totally understand if you can't.", "Either way, thanks for reading.",
           "Thank you so much for referring me! I start on Monday and will keep you posted.",
           "If you're not comfortable, I completely understand.", "If timing isn't right now, totally understand.",
           "If the role has been filled, I completely understand.", "It's cool if you don't want to do it.",
           "No expectations, just looking for advice.",
           "I'll assume the timing isn't right.", "If it's not useful to you, we can just drop it.",
           "If a referral isn't possible, I'd still be grateful for any advice.",
           "Were you able to submit the referral? No rush at all. Thanks!", "A no is perfectly fine.",
           "Should this not be convenient, I fully understand.", "Should you prefer not to, I understand.",
           "I fully appreciate that your schedule may not permit a response.",
           "It may not be something you can help with, and that's completely fine.", "That's entirely your call.",
           "I understand you may prefer not to refer, and this is completely okay.",
           "If a call is too much, a reply with one resource would already be generous."),
)
# A message this short that makes a no easy already spares their time: a nod to it on top reads as filler.
BRIEF = 650


def _sent_before(_draft: AnalysedDraft, ctx: CoachContext) -> bool:
    return conversation_says(ctx, offers_materials, "me")


def _brief_with_out(draft: AnalysedDraft, _ctx) -> bool:
    return len(draft.text) <= BRIEF and _gives_out(draft)


def _out_and_thanks(draft: AnalysedDraft, _ctx) -> bool:
    """A draft that makes a no easy and thanks them already minds their time: a line more is filler."""
    return _gives_out(draft) and has_gratitude(draft)


TIME_MISSING = missing_phrase_rule(
    "courtesy.time-missing", _TIME,
    "Nothing acknowledges their time. A short \"I know you're busy\" or \"thanks for reading\" "
    "signals you know you are asking for a slice of their day.",
    "Add a brief nod to their time, e.g. \"I know your time is limited.\"",
    severity="info", checklist="time", surfaces=frozenset({"message", "inmail", "follow_up"}), judges_ask=True,
    # An answer to them takes the time they chose to give, whatever it asks next.
    abstains=either(their_turn, replies_without_referral, _brief_with_out, _out_and_thanks),
    rationale="Acknowledging someone's time shows you know what you are asking for.",
    # "If it's not a good time, no worries" is an out (the dev set's convention), not a word on their time: a long
    # message with only that still gets the card; with thanks too, no auditor called the card right (12 of 12).
    fires=("Could you refer me for the Data Analyst role? Thank you for considering it.",
           "Hi Dana, I'm applying for the Data Analyst role (job 48213) at Acme. " + "I have led the reporting work "
           "for our sales team for four years, built the dashboards the regional leads use every week, and moved "
           "our forecasting from spreadsheets to a tested Python pipeline that cut the monthly close by two days. "
           * 3 + "Could you refer me? If it's not a good time, no worries at all."),
    quiet=("Could you refer me for the Data Analyst role (job 48213)? No worries at all if not. Thanks!",
           "Hi Dana, I'm applying for the Data Analyst role (job 48213) at Acme. " + "I have led the reporting work "
           "for our sales team for four years and built the dashboards the regional leads use every week. " * 3
           + "Could you refer me? I completely understand if it's not something you can do. Thank you either way!",
           "Sorry for the very long message, and thank you.", "Totally fine if it's not something you can do - I know you're flat out.", "I can send you a short blurb to forward so it costs you almost nothing.", "I can send a summary so it takes you minimal time.", "Would you be open to a ~20m call?", "I am flexible with scheduling.", "If you have any availability next week, I would love to talk.", "You are a busy man, so thank you.", "Would you have time for a call in the next few weeks?", "I know you're busy, so I'll keep this short.", "Sorry for taking your precious time.",
           "I know December is heavy-check season, so no pressure at all.",
           "Figured you might be busy.",
           "I appreciate you reading this.", "I can send a short summary so it takes you two minutes.",
           "Would you have 15 minutes for a call?",
           "I understand if you're too busy.", "If the timing is bad, no worries at all.",
           "If the timing's bad or you'd rather not, no problem at all.",
           "If you don't have time this winter, please just say so.",
           "Could I ask you a quick question about the team?", "Happy to work around your schedule.",
           "Bumping this in case it got buried.", "I know how busy you are.", "I know your shifts are very busy.",
           "I know the start of the term is hectic.", "No worries if you've been busy.",
           "No worries if things have been busy on the unit.",
           "Could you take a moment to write a short recommendation?", "When is a good time to talk?",
           "Would you be open to chatting briefly about the team?", "Just bumping this to the top of your inbox.",
           "Thank you for taking time out of your day to talk with me.",
           "I understand that you may receive a large number of applications.",
           "I appreciate the time you and your team invested in my application.",
           "Thanks you in advance for you time.", "Quick one: is that normal?", "I'm grateful you read this.",
           "I can write a short summary if that saves you time.", "Sorry if this is disturbing you.",
           "I know you already went out of your way last time, so no pressure at all.",
           "I know requests like this pile up, so no worries at all if not.",
           "I hope the year-end crunch has calmed down a little!", "I'm free Wednesday, or let me know a time that's good "
           "for you.", "Let me know if another time works better for you!", "When works for you?",
           "Would you have time to chat?", "If you have a second, I would love to discuss the role."),
)
MATERIALS_MISSING = missing_phrase_rule(
    "materials.missing", offers_materials,
    "No resume, portfolio or link offered. Most referral tools ask for a resume, so offering "
    "one up front saves them a round trip.",
    "Offer it, e.g. \"Happy to send my resume\" or add a link to your portfolio.",
    severity="info", checklist="materials", surfaces=frozenset({"message", "inmail"}), judges_ask=True,
    # A referrer has it already, or the user's own earlier message on the page sent it ("Resume attached.").
    abstains=either(asks_no_job, replies_without_referral, knows_your_fit, _sent_before),
    rationale="Referral forms need a resume; offering it up front saves a round trip.",
    fires=("I apologize for the lack of a curriculum vitae. Could you refer me for the Data Analyst role?",
           "I read your CV on your blog. Could you refer me for the Data Analyst role?", "I am a B.Tech student. Could you refer me for the Data Analyst role?", "Could you refer me for the Data Analyst role? Thank you!", "Happy to send over a few times for a call.",
           "Could you refer me for the Data Analyst role? Here's my calendly: calendly.com/sam-lee",
           "Could you refer me for the Data Analyst role? Write to me at sam@lee.codes."),
    quiet=("Please give me your email so I can send my documents.", "Happy to send my resume.", "I can share my reel.", "Here's my work: prakhar.codes",
           "My portfolio: https://example.com/work", "I've attached my CV.",
           "Could you forward my curriculum vitae to the concerned managers for the Java Developer role?",
           "I'd be happy to draft an introduction email you could forward.",
           "Would you have 15 minutes for a call about how your team is organized?",
           # Questions about their team before applying ask for no referral, so no resume is needed yet.
           "I'm considering the Senior SRE opening. How much of the team's time goes to toil? And what's on-call "
           "really like?"),
)

RULES = [GRATITUDE_MISSING, OUT_MISSING, TIME_MISSING, MATERIALS_MISSING]
