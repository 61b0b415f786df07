"""tone.demanding: demanding, presumptive or pressuring wording, with the span that triggered it."""

import re

from companion.coach.analysis import MONTHS, WEEKDAY, WORD_START, AnalysedDraft
from companion.coach.engine import Rule
from companion.coach.language import mood, opens_clause, sentence_bounds
from companion.coach.intent import answers_them, replies_to_them, thanks_for_referral, their_last, they_agreed, they_referred
from companion.coach.matching import first_name, in_conversation, negated, recipient_log
from companion.coach.stated import checks_on_referral
from companion.tone.model import default_model

# One pass over the lower-cased draft; the named group says which kind of trigger matched.
# "refer" triggers are requests for the favour itself: an order only in the imperative mood
# (companion/coach/language.py), a fair request as a question or a conditional.
_TRIGGERS = re.compile(
    WORD_START +
    r"(?:(?P<entitle>(?:get|give|giving|find|land|offer|provide|providing|grant|granting) me (?:a |an |the )?"
    r"(?:job|position|role|interview|offer|internship|placement|something|anything|"
    r"(?:opportunity|chance) to (?:work|join|intern))\b|take me (?:in|on|into)\b|"
    r"hire me\b|bring me (?:on|onboard|on board)\b|i (?:deserve|am owed|'m owed)\b(?! to know| an? (?:explanation|answer|"
    r"reason|reply)| (?:that|it|(?:some |detailed |proper )?feedback)\b)|(?:push|sneak|slip|squeeze) (?:me|him|her) in\b|"
    r"make sure (?:that )?i (?:get|land|receive) (?:an? |the )?(?:interview|job|offer|call|position|role)\b)"
    # Leaning on the hiring decision: "push them to interview me", "fast-track my application", "pull strings".
    # Their word bent: "Nobody checks if you actually know me", "just say we worked together".
    r"|(?P<bend>(?:nobody|no one|no-one) (?:really |actually )?(?:checks|will check|verifies|asks) (?:if|whether|that) "
    r"(?:you|we)\b|(?:nobody|no one|no-one) (?:would|will) (?:ever )?know,? (?:that )?(?:we|you) (?:haven't|have not|"
    r"never|don't|do not|didn't|did not)\b|(?:just )?(?:say|pretend|tell them) (?:that )?(?:you know me|we(?:'ve| have)? worked together|"
    r"we know each other)\b)"
    # The writer's own part handed over: "Can you just submit it for me with my CV?" (the application is theirs).
    r"|(?P<yours>(?:can|could|would) you (?:just |please )?(?:submit|fill (?:in|out)|complete|do) (?:it|the application|"
    r"the form|my application|the portal|the online (?:application|form))(?: (?:form|bit|part))? for me\b|"
    r"(?:can|could|would) you (?:just |please )?apply (?:for me|on my behalf)\b)"
    r"|(?P<lobby>(?:push|pressure|pressurize|convince|persuade|lobby|force|get|tell|make) (?:the |your |(?:them|him|her) )"
    r"(?:[\w-]+ ){0,3}?(?:to )?(?:(?:interview|hire|shortlist|select|fast[- ]?track|prioriti[sz]e|schedule) (?:me|my)|(?:pick|choose) me)\b|"
    r"(?:tell|ask|get|remind) (?:the |your )?(?:hiring manager|recruiter|hr|team|panel|him|her) to (?:call|contact|"
    r"e-?mail|phone|text|message) me\b|"
    r"(?:walk|go|run) (?:over )?to (?:the |your )?(?:hiring manager|recruiter|hr)\b|"
    # Their decision hurried through the referrer: "could you push the hiring team to make a decision" (audit 92-30).
    r"(?:push|pressure|nudge|rush|hurry|chase) (?:the |your )?(?:hiring )?(?:team|manager|panel|recruiter|hr|them|him|her) "
    r"(?:to|into) (?:make|reach|give|speed|decide|move|hurry)\b|"
    # A word put in while they decide: "put in a good word with the hiring manager before the 15th".
    r"(?:put in|say) (?:a (?:good )?word|something nice)\b[^.!?\n]{0,40}?\bbefore (?:they (?:decide|make)|the (?:decision|"
    r"panel|debrief|\d{1,2}(?:st|nd|rd|th)?)|(?:he|she) decides)\b|"
    r"(?:tell|ask|get) (?:them|him|her|the (?:team|recruiter|hiring manager|hr)) to (?:hurry|speed (?:it|things) up|"
    r"move faster|decide (?:soon|quickly|fast))\b|"
    r"tell (?:the |your )?(?:hiring manager|recruiter|hr|team|panel|them|him|her) (?:that )?i(?:'m| am|m) (?:the |a )?"
    r"(?:strongest|best|ideal|perfect|right|top|good|great|one\b(?! of))\b|"
    r"skip (?:the |my )?(?:[\w-]+ ){0,2}(?:test|assessment|round|screen|screening|interview)s? for me\b|"
    r"fast[- ]?track (?:me|my)\b|pull (?:a few |some )?strings\b|use your (?:influence|pull|position)\b|"
    # Their word used to move the writer up: "have a word with the hiring manager to push my application up".
    r"(?:push|move|bump|get|put) (?:me|my (?:application|cv|resume|profile|candidacy)) (?:up|higher|ahead|"
    r"to the (?:top|front))\b|(?:to )?the top of (?:the|their|his|her) (?:pile|list|stack)\b|"
    # A decision pressed on: "can't you override it?", "ask the recruiter to make an exception in my case".
    r"(?:override|overturn|reverse) (?:it|that|this|the decision|their decision|the rejection)\b|"
    r"make an exception (?:for me|in my case)\b|"
    r"(?:ask|get|convince|persuade) (?:them|him|her|the (?:team|panel|hiring manager|recruiter)) to (?:reconsider|"
    r"change (?:their|his|her) mind)\b)"
    # (Before the orders: "add your name as referee" is a commitment, not an order to add.)
    # Committing them to someone else without asking: "I've put you down as my referral", "I already told the
    # recruiter that you would be contacting her".
    r"|(?P<commit>(?:put(?:ting)?|list(?:ed|ing)?|nam(?:e|ed|ing)|add(?:ed|ing)?|enter(?:ed|ing)?) (?:you|your name) "
    r"(?:down )?as (?:my |a |an )?(?:professional |personal |academic |character |main |first |second )?"
    r"(?:referr?al|referrer|referee|reference|ref)\b|"
    r"(?:added|put|signed) (?:you|your name) (?:up )?(?:to|on|in|for) my (?:list of )?"
    r"(?:referr?al|referrer|reference)s?(?: network| list)?\b|"
    r"(?:told|informed|let|promised) (?:the |your |my )?(?:recruiter|hiring manager|hr|hr team|team|manager)"
    r"(?: (?:of|at) [\w&'-]+(?: [\w&'-]+){0,3}?)? "  # "the HR of Stoa Architects"
    r"(?:that )?you(?:'d| would|'ll| will| are going to)\b|"
    # A third person promised their help: "I told her you would surely refer her too".
    r"(?:told|informed|promised) (?:him|her|them) (?:that )?you(?:'d| would|'ll| will) (?:surely |definitely |certainly |"
    r"happily |gladly |also )?(?:refer|recommend|vouch|put|pass|forward|help|introduce)\w*)"
    r"|(?P<refer>(?:refer|recommend|introduce|interview) me\b|"
    r"(?:give|send|get|forward|pass|submit|share|tell|show) (?:me|my|us)\b|"
    r"put (?:me|my (?:name|resume|cv))(?: forward| in| down| through)?\b|get back to me\b|refer (?:pls|plz|please)\b|"
    r"(?:reply|respond|revert) (?:back )?(?:to )?me\b)"
    r"|(?P<order>(?:add|copy|re[- ]?read|read|review|call|contact|e-?mail|text|reply to|respond to|answer|write|sign|"
    r"fill|provide|arrange|schedule|set up|book|make|do|help|connect|"
    # ("Please accept my most sincere gratitude" is a formula of thanks.)
    r"accept(?! my (?:(?:most|very|deepest|sincerest|sincere|heartfelt|warmest|best|humble|kind) )*(?:thanks|gratitude|"
    r"apolog|appreciation|regards|wishes|congratulations))|endorse|update|confirm|approve|follow|prepare|"
    r"ring|return|mention|tag|support|sponsor|invite|include|distribute|circulate|post|remember|inform|notify|"
    # ("forward it today" is left to the deadline below.)
    r"advise|guide|assist|teach|bring|grant|check|sort|(?:forward|pass|share)(?![^.!?\n]{0,60}\b(?:today|tonight)\b)|"
    r"look (?:at|over|into)) (?:me|my|mine|us|our|it|this|these|those|that|"
    r"the|a|an|your|them|him|her|every(?:one|body)|some(?:one|body)?)\b)"
    r"|(?P<oblige>i (?:need|want) you to\b(?! (?:know|understand|see|hear|feel)\b)|you need to\b|"
    r"(?:can't|cannot|couldn't) you just\b|why (?:can't|won't|couldn't) you (?:just )?(?:refer|send|forward|pass|email|"
    r"submit|put|do)\b|"
    r"i(?:'d| would) like you to (?:pass|arrange|refer|forward|submit|send|schedule|call|contact|put|recommend|push|"
    r"set up|book)\b|"
    r"i need (?:this|it|that|the referral|my referral) (?:done|submitted|sent|in)\b|"
    r"we (?:have to|need to|must) (?:talk|meet|speak|discuss|chat)\b|"
    # Not a guess ("you must be busy", "you must have seen it", "you must have them"): that presumes, it orders nothing.
    r"you must\b(?! (?:be|get|receive|hear|see|know)\b| have (?!a (?:look|chat|call|word)\b))|"
    r"you have to\b|make sure (?:you|to)\b|i expect\b|i require\b|"
    # Follow-ups promised at a cadence: "I will follow up with you every few days until I hear back".
    r"(?:i'll|i will) (?:follow up|check in|write|message|ping|email|call)(?: with you| again)? (?:every|each) "
    r"(?:few |couple of |other |\d+ )?(?:days?|mornings?|weeks?)\b|"
    r"(?:i'll|i will) keep (?:checking in|following up|messaging|writing|pinging|emailing|asking|"
    r"reaching out)\b(?=[^.!?\n]{0,40}\buntil\b)|i(?:'m| am) expecting\b(?! (?:around|about|roughly|approximately|between|at least|in the|a (?:salary|base|range)|[$€£¥₹]|\d))|i(?:'ll| will) (?:be )?expect(?:ing)?\b|"
    r"i demand\b|i insist\b|you should (?:be able to )?(?:refer|forward|pass|give|find|put|help|"
    # "you should get an email from the recruiter soon" foretells; "you should get me an interview" obliges.
    r"get(?! (?:an?|the|my) (?:\w+ )?(?:e-?mail|notification|message|call|invit\w*|link|request|form|update)))\b)"
    r"|(?P<urgent>asap\b|as soon as possible\b|urgent(?:ly)?\b|right away\b|immediately\b|(?:please |pls |kindly )expedite\b|"
    r"need (?:to (?:know|hear back)|(?:an? |your )?(?:answer|reply|response|decision)) (?:very |really )?soon\b|"
    r"(?:need|wait|await|waiting for|expecting) (?:an? |your )?(?:answer|reply|response|decision) (?:this week|today|"
    r"tomorrow)\b|"
    r"need (?:the |a |your )(?:referral|intro(?:duction)?|recommendation|reference) (?:this week|today|tomorrow)\b|"
    # A chase set on a stranger: "I'll follow up Friday." (not "I'll follow up Friday with the portfolio link").
    r"i(?:'ll| will) follow up(?: with you)? (?:on |this |next )?(?:tomorrow|week|" + WEEKDAY + r")\b(?=\s*(?:[.!]|$))|"
    r"(?:it|this|that|my case)(?:'s| is) (?:very |really |quite |extremely |most )?urgent\b|"
    r"(?:respond|reply|answer|write back|revert|(?:submit|send) (?:it|this|that|the referral)) (?:today|tonight|now)\b|"
    r"(?:refer|recommend|submit) me today\b|"
    # Their act, then today: "forward my profile to the hiring manager today", "let me know today if possible".
    r"(?:let me know|get back to me|forward|submit|send|pass|refer|confirm|put|write|sign|review)\b[^.!?\n,;]{1,60}?"
    r"\b(?:today|tonight)\b|"
    r"(?:hear back|hear from you|get an answer|get a reply)(?: from you)? (?:today|tonight|by tomorrow)\b|"
    r"please (?:reply|respond|answer|revert|get back to me) (?:soon|quickly|fast)\b|"
    r"at (?:the )?earliest\b(?! convenience)|at the latest\b|"
    r"before then\b|"
    r"(?<!for )(?<!for the )(?<!for your )(?:a |an |the |your )?(?:timely|prompt|speedy|swift|immediate) "
    r"(?:response|reply|answer|turnaround|decision)\b|"  # ("thank you for your prompt reply" thanks)
    r"(?:by|before|until|till) (?:tomorrow|tonight|today|(?:the )?end of (?:the )?(?:day|week|month|" + "|".join(MONTHS) + r")|"
    r"eod|eow|cob|"
    r"this (?:afternoon|evening)|"
    r"(?:next |this |coming |this coming )?(?:" + WEEKDAY + r"))\b)"
    r"|(?P<guilt>how (?:much|badly) i need\b|you owe me\b|"
    # Their wait thrown back ("took you long enough", "about time you replied") and their help taken as owed ("I
    # honestly thought you would help me", "a referral costs you nothing").
    r"took you long enough\b|(?:it's|it is|that's) about time\b|"
    r"i (?:honestly |really |genuinely )?thought you(?:'d| would) (?:help|be there|have my back)\b|"
    r"(?:it |a referral |that )?costs you nothing\b|"
    # Their effort made light of: "it's only 2 minutes for you", "just a click for you", "it costs you nothing".
    r"(?:it's|it is|it'll|it will|it takes|that's|this is) (?:only|just|literally) (?:\d+|a few|two|five|a couple of|a|one) "
    r"(?:minutes?|mins?|seconds?|clicks?)(?: of work)? for you\b|(?:just|only) a click for you\b|"
    r"(?:doesn't|does not|won't|will not) cost you (?:anything|a thing)\b|"
    # "It would literally take 2 minutes", "the form takes literally 2 minutes", "it's literally just a form", "it
    # only takes a second" (what it is said of is checked in _keep: "it", "the form"; "only a few minutes" may be
    # a fair bound on a chat).
    r"literally(?: only| just)? (?:takes? )?(?:\d+|a few|two|five|a couple of|one|a) (?:minutes?|mins?|seconds?|clicks?)\b|"
    r"(?:only|just)(?: literally)? (?:takes? )?(?:\d+|a few|two|five|a couple of|one|a) (?:seconds?|clicks?)\b|"
    r"(?:only|just|literally)(?: only| just| literally)* (?:a|one) (?:form|click|box to tick)\b|"
    # ("It's just a referral, it takes you 2 minutes" after their no.)
    # ("I can send a summary so it takes you two minutes" offers to spare them.)
    r"(?:it's|it is) (?:only|just) a referral\b|(?<!so )(?<!so that )it (?:only |just )?takes you (?:\d+|a few|two|five|a couple of) "
    r"(?:minutes?|mins?|seconds?)\b|"
    # Thanks taken back: "Thanks anyway I guess", "thanks for nothing" (audit 87-24: to someone who apologised).
    r"thanks? (?:anyway|anyways),? i guess\b|thanks? for nothing\b|"
    # A no before held against them: "Would really appreciate it this time", "please refer me this time".
    r"(?:would|'d) (?:really |truly )?appreciate (?:it|your help|the help|a yes) this time\b|"
    r"(?:help|refer|support|back) me this time\b|"
    # ("It would only take you 2 minutes and it would really help me", after their no: audit 84-16.)
    r"(?<!so )(?<!so that )it(?:'d| would|'ll| will) (?:only |just |literally )+take you (?:\d+|a few|two|five|a couple of|"
    r"one|a) (?:minutes?|mins?|seconds?|clicks?)\b|"
    # Their no shamed against what the network is for: "I thought LinkedIn was about helping each other".
    r"i (?:thought|figured) (?:linkedin|this (?:platform|network|site)|networking) (?:was|is) (?:all )?about "
    r"helping\b|"
    r"you (?:just|only) (?:have to |need to )?(?:paste|click|fill|submit|tick) (?:it|in|the|a|my)\b|"
    r"you (?:don't|do not) (?:even )?have to vouch\b|"
    # Reproach for a no: "I thought after 3 years you'd at least…", "Guess I know where I stand".
    r"i (?:thought|figured|expected|assumed)\b[^.!?\n]{0,60}?\byou(?:'d| would) at least (?:try|be willing|reply|respond|"
    r"answer|help|put|refer|consider|read|look|have|let me know|tell me|get back)\b|"
    r"(?:guess|well|so|now) i know where i stand\b|"
    r"i (?:should not|shouldn't) have to (?:chase|ask|beg|remind|follow up|keep asking|wait)\b|"
    # Sarcasm after a no: "I understand you're too busy to help people", "someone else who actually wants to help".
    r"(?<!if )(?<!if not )you(?:'re| are| were) (?:just )?too busy to (?:help|reply|answer|respond)\b|"
    r"someone (?:else )?(?:\w+ ){0,2}who (?:actually|really) (?:wants to help|cares)\b|"
    r"(?:can|could|will) you at least (?:tell me|reply|respond|answer|"
    r"let me know)\b|(?:reply|respond|answer) (?:at least )?(?:with )?(?:a )?yes or no\b|"
    r"i (?:know|can see|see) (?:that )?you(?:'re| are|'ve been| have been) (?:very )?(?:active|online)\b|"
    r"i(?:'m| am) (?:so |really |getting )?desperate\b|"
    # Your urgency laid on them: "I need a job asap", "I desperately need this referral".
    r"i (?:really |just )?need (?:a |this |the |any )?(?:job|work|referral)\b[^.!?\n]{0,20}?"
    r"\b(?:asap|urgently|immediately|right away|as soon as possible|badly|desperately)\b|"
    r"i (?:(?:urgently|desperately|badly|really) )+need (?:a |this |the |any )?(?:job|work|referral|one)\b|"
    r"i guess (?:there's |there is )?(?:no|you're not|you are not|you have no) interest|"
    r"i guess you(?:'re| are) (?:too busy|busy)\b|"
    r"(?:reply|respond|answer|write back) to people like me\b|"
    r"(?:won't|will not|don't|do not) ignore (?:this|me|my)\b|like everyone else (?:did|does|has)\b|"
    r"(?:thought|expected|assumed) (?:i(?:'d| would)|to) (?:have )?hear(?:d)? (?:back )?from you\b|"
    r"you (?:make|made|keep|kept) (?:your )?(?:commitments?|promises?)\b|you promised\b|stick to (?:them|it|your word)\b|"
    r"remind you (?:how|that i|of my)\b|you (?:ignored|never answered|never replied|haven't bothered)\b|"
    r"(?:haven't|have not|hasn't|has not|didn't|did not|never) (?:even )?(?:shown|show|given|give|had|extended) "
    r"(?:me )?(?:the )?courtesy\b|your lack of (?:response|reply)\b|lack of (?:responsiveness|courtesy)\b|"
    r"disappoint(?:ed|ing)(?: i am)? (?:that|in) you\b|the least you (?:can|could) do\b|"
    # (Their manners lectured: _LECTURE, below.)
    r"would it (?:have )?kill(?:ed)? you\b|after (?:everything|all) (?:that )?i(?:'ve| have)? (?:did|done) for (?:you|your)\b|"
    r"why (?:didn't|haven't|hasn't|won't|don't) you (?:call|reply|respond|answer|get back|write)\b|or what\?|"
    # Hardship laid on them: saying no would feel cruel.
    r"you(?:'re| are) (?:\w+ ){0,2}my (?:last|only) (?:hope|chance)\b|"
    r"(?:family|kids|children|parents) (?:is |are )?(?:really |all |totally )?(?:depending|counting|relying) on "
    r"(?:me|this|it|you)\b|"
    # What alumni or compatriots owe each other: "I thought IIT alumni help each other".
    r"(?:i thought|should|are supposed to|aren't we supposed to)\b[^.!?\n]{0,30}?\b(?:help|support|look out for) "
    r"(?:each other|one another)\b|"
    r"(?:reply|respond|answer|write back)(?: to me| me)? at least\b|"
    # An explanation claimed as owed: "I think I deserve to know after all the work I put in".
    r"i (?:deserve|am owed|'m owed) (?:to know|an? (?:explanation|answer|reason|reply)|that|it|(?:some |detailed |proper )?"
    r"feedback)\b|"
    # Blame for the wait: "I find it very unprofessional that you have gone an entire day without responding".
    r"(?:unprofessional|rude|disrespectful|unacceptable|inconsiderate)\b[^.!?\n]{0,12}?\bthat you\b|"
    r"you(?:'re| are| were| have been) (?:being )?(?:very |so |really |quite )?(?:unprofessional|rude|disrespectful|"
    r"inconsiderate)\b|you(?:'ve| have)? (?:gone|went) [^.!?\n]{0,30}?without (?:responding|replying|answering|"
    r"a (?:reply|response|word))\b|"
    r"if you (?:don't|do not|can't|cannot|won't) help me\b|"
    r"(?:don't|do not) know what i(?:'ll| will| would|'d) do\b|won't let me down\b)"
    # Contempt for them, their team or their decision: "You people are idiots", "That's ridiculous", "I'll tell
    # you if it's worth my time", "not a great look for your team", "more experience than anyone on that team".
    r"|(?P<contempt>you(?: people| guys| all| lot)? (?:are|were|'re) (?:all |just |such |a bunch of )?(?:idiots|stupid|"
    r"incompetent|useless|pathetic|clueless|morons|fools|a joke|a disgrace)\b|"
    r"(?:that|this|it)(?:'s| is| was) (?:just |so |absolutely |totally |completely |frankly )?(?:ridiculous|absurd|"
    r"laughable|a joke|a farce|insane|nonsense|bullshit|pathetic)\b|"
    r"i(?:'ll| will) (?:tell you|let you know|see|decide|judge) (?:then )?(?:if|whether) (?:it's|it is|this is|that's|that is|"
    r"the (?:role|offer|job|pay) is) worth my (?:time|while|effort)\b|"
    r"(?:not a (?:good|great)|a (?:bad|terrible|poor)) look (?:for|on) (?:you|your|the team|the company)\b|"
    r"(?:more (?:experience|experienced|qualified|skilled)|better|smarter|stronger) than (?:anyone|anybody|everyone|"
    r"(?:any|all|most|half) of (?:them|you|the people)) (?:on|in|at) (?:that|your|the) (?:team|company|department|panel)\b|"
    r"(?:far |much |way )?(?:bigger|better|larger|more serious) than (?:yours|your (?:team|company|platform|product)s?)\b|"
    # Their help belittled after a no: "Thanks for nothing", "your referral didn't carry much weight".
    r"thanks? (?:you )?for nothing\b|(?:thanks?|thank you),? i guess\b|"
    # Sarcasm on their reason: "Didn't realise you had to be best friends with someone to click a button".
    r"(?:didn't|did not) reali[sz]e you (?:had|have|needed|need) to be\b|"
    r"(?:your|a|the) referral(?: from you)? (?:didn't|doesn't|does not|did not|won't|will not|isn't|wasn't) "
    r"(?:carry|count|mean|matter|help|worth|do)(?:ing)?(?: (?:much|anything|a thing|for much|for anything|much weight|"
    r"any weight))?\b)"
    r"|(?P<presume>look(?:ing)? forward to (?:your|the|receiving (?:your|the)) referral\b|"
    # The job taken as given: "Looking forward to joining the team!" (audit 93-08).
    r"look(?:ing)? forward to joining (?:the|your) team\b|"
    # Their yes taken as given: "I have taken the liberty to…", "I only need your referral to complete the
    # formalities", "I have already informed my manager that I will be joining".
    r"taken the liberty (?:to|of)\b|i (?:only|just) need your (?:referral|approval|sign-off) to\b|"
    r"(?:told|informed) (?:my )?(?:manager|boss|family|employer|company|team) (?:that )?i(?:'ll| will| am| would) "
    r"(?:be )?(?:joining|moving to|starting at)\b|"
    r"a?waiting (?:for |on )?your (?:positive |favou?rable |kind )?(?:reply|response|referral|answer)\b|"
    r"i'll be waiting\b|let me know (?:once|when) (?:it's|it is|it has been|you've|you have) "
    r"(?:done|submitted|sent|gone through|referred me)\b|you(?:'ll| will) (?:appreciate|love|be impressed|(?:not|never) regret)\b|"
    r"you won't regret\b|surely you (?:can|could|will|would)\b|"
    r"i(?:'m| am) counting on you\b|"
    # Certain of their yes: "I'm sure you'll be happy to refer me", "I know you won't mind", "I assume
    # you'll be fine referring me" ("I'm sure you're busy" is no yes).
    r"(?:i(?:'m| am) (?:sure|certain|confident)|i know|i assume|i(?:'m| am) assuming)(?: that)? you"
    r"(?:(?:'ll| will|'d| would|'re| are) (?:be )?(?:happy|glad|willing|fine|ok|okay|able|delighted|keen)"
    r"(?: to| with)? (?:help|refer|pass|forward|put|recommend|introduce|vouch|submit)\w*|"
    r"(?:'ll| will|'d| would) (?:want to )?help|"
    r" (?:won't|will not|wouldn't|would not|don't|do not) mind)\b|"
    # "so I assume you can refer me again"; sure of their verdict: "I am confident that you will see that I am the
    # best candidate".
    r"(?:i assume|i(?:'m| am) assuming)(?: that)? you (?:can|could) (?:\w+ )?(?:help|refer|pass|forward|put|recommend|"
    r"introduce|vouch|submit)\w*\b|"
    # "I'm sure you can put in a good word for me", "I'm sure you'd say yes" (not "I'm sure you can understand").
    r"(?:i(?:'m| am) (?:sure|certain)|i know)(?: that)? you(?: can| could|'d| would|'ll| will) (?:easily |just )?"
    r"(?:refer|pass|forward|put (?:in a (?:good )?word|me forward|my name forward|in|me|my)|recommend|introduce|vouch|"
    r"submit|say yes)\w*\b|"
    r"(?:i(?:'m| am) (?:sure|certain|confident))(?: that)? you(?:'ll| will) (?:see|agree|find|realize|realise)\b|"
    r"(?:i assume|i(?:'m| am) (?:sure|certain)|i trust)(?: that)? (?:this|that|it) "
    r"(?:won't|will not|wouldn't|would not) "
    r"be (?:a |an |any )?(?:problem|issue|trouble|bother)\b|"
    r"(?:i'll|i will) (?:assume|take) (?:that(?:'s| is)?|it(?:'s| is)?|silence|no (?:reply|answer|response))"
    r"(?: as)? (?:a )?yes\b|unless i hear otherwise\b|"
    r"(?:once|if|whether) you(?:'ve| have)? (?:already )?(?:submitted|sent|made|put in|filed) (?:the|my|a|your) "
    r"(?:referral|reference|recommendation)\b|"

    r"so (?:that )?you can (?:submit|send|file|put in|enter) (?:the|my|your|a) (?:referral|reference|recommendation)\b|"
    # The favour made small: "it only takes 2 minutes to click refer", "it's just one click".
    r"(?:only|just) takes? (?:you )?(?:a |one |\d+ |two |a few |a couple of )?(?:minutes?|mins?|seconds?|secs?|clicks?|"
    r"moment) to (?:click|refer|submit|fill|do it|forward)\b|(?:it's|it is) (?:just|only) (?:one|a|a single) click\b|"
    r"(?:look(?:ing)? forward to|hop(?:e|ing) for) (?:your|a) (?:positive|favou?rable) "
    r"(?:reply|response|answer|outcome)\b|"
    # Asking when, not whether (_find reports it as its own kind, "when").
    r"when (?:are|would|will) you (?:be )?(?:free|available)\b|"
    r"when (?:can|could|should) (?:we|i) (?:meet|talk|chat|speak|call|hop on|jump on|get on)\b|"
    r"what (?:time|day) works (?:best )?for (?:you|a (?:quick |short )?(?:call|chat))\b|"
    # The interview taken as given: "let me know when we can schedule the interview", "when I will have an interview".
    r"when (?:we|i) (?:can|could|will|shall|should) (?:schedule|have|get|do|set up|book|arrange) (?:the |my |an |our )?"
    r"interview\b|when (?:is|will be) (?:the|my|our) interview\b|"
    r"when (?:we|i) (?:can|could|should|will|may) expect (?:an? |the |my |our )?(?:interview|call ?back|offer)\b|"
    # Their time or the outcome taken as given: "Let's hop on a call tomorrow, I'll send an invite", "I know
    # you can make it happen", "Looking forward to working together!".
    r"let's (?:hop|jump|get) on a (?:quick |short )?call\b|i'll send (?:you )?(?:a |an |the )?(?:calendar )?invite\b|"
    r"let's (?:do|say|meet|talk|speak|chat) (?:tomorrow|today|tonight|at \d|(?:this|next|on) (?:week|morning|afternoon|evening|"
    + WEEKDAY + r")|"
    + WEEKDAY + r")\b|"
    r"(?:i know|i'm sure|i am sure) you can (?:make (?:it|this) happen|get (?:it|this|me) done|"
    r"pull (?:some )?strings)\b|"
    r"look(?:ing)? forward to working (?:together|with you)\b)"
    # A time set for them: "I will call you Thursday morning at 9:00", "I'll stop by your office tomorrow".
    r"|(?P<call>i(?:'ll| will|'m going to| am going to) (?:give you a (?:quick )?(?:call|ring)|(?:call|ring|phone|visit) "
    r"(?:you|your office)|(?:stop|drop|come) by(?: your (?:office|desk))?) (?:on |at |this |next |first thing )?(?:tomorrow|today|tonight|"
    r"\d|morning|afternoon|evening|week|" + WEEKDAY + r")\b"
    # A slot of theirs taken: "I've blocked 3pm tomorrow for a call" (audit 93-08).
    r"|i(?:'ve| have) (?:already )?(?:blocked|booked|reserved|scheduled|set aside) (?:[\w:]+ ){0,4}?for (?:a|our|the) "
    r"(?:quick )?(?:call|chat|meeting|zoom|catch-up)\b(?! with (?!you\b))))"
)
# Asked before the when ("Would you be open to a call? If so, when are you free?"), it only sets a time.
_WHETHER = re.compile(r"\b(?:(?:would|will|are|were) you (?:be )?(?:open|willing|up for|interested|available|free|able|"
                      r"have|like|mind)|if (?:so|that works|it works|you(?:'re| are)? (?:open|interested|up|free|"
                      r"available|willing|have|agree))|open to|happy to (?:chat|talk|meet)|you (?:agreed|offered))\b")
# "Hey Dana!!", "Thank you so much!!", "Congrats on the launch!!", "no worries if not, thx!!":
# enthusiasm, not impatience (at the start of the sentence or of the clause the marks close).
_WARM = re.compile(r"\s*(?:(?:omg|oh|wow|aw+)\W+)?(?:hi+|hey+|hello+|dear|thanks?|thx|tysm|ty|congrat\w*|"
                   r"happy|great|awesome|wow|yay)\b")
# "?!" is tried from the first "?" of a run only, so a long run of "?" costs one pass, not one per "?".
# …or closed by one: "I saw you're there now, which is awesome!!"
_WARM_END = re.compile(r"\b(?:awesome|amazing|great|cool|exciting|fantastic|wonderful|brilliant|incredible|congrat\w*|"
                       r"love (?:it|that)|happy for you|proud of you)\W*$")
_EXCLAIM = re.compile(r"!{2,}|(?<!\?)\?++!+[!?]*|!+\?+[!?]*")
# "I know you have to field a lot of these": an observation, not an obligation.
_OBSERVE = re.compile(r"\b(?:i know|i imagine|i understand|i realize|i guess|i'm sure|i am sure|since)\b[^,]*$")
# A deadline about your own plans ("I'll send it by Friday") pressures nobody.
# "i" and "we" open "i'll", "i am", "we'll"; a phone's "im", and "will" with no subject ("…rn, will send tonight").
_SELF_SUBJECT = re.compile(r"\b(?:i|we|im)\b|(?:^|[,;:!]\s*|\band\s+)(?:will|gonna)\s+$")
_YOU = re.compile(r"\b(?:you|your)\b")
# What leaves a request theirs to grant (the dev set's README: a conditional is no demand).
_SOFTENED = re.compile(r"\b(?:when you (?:have|get|find) (?:the |a )?(?:time|chance|moment)|if (?:possible|you can|"
                       r"you could|you have (?:the )?time|it's not too much trouble)"
                       r"|at your (?:earliest )?convenience|whatever you decide|either way)\b")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before) (?:tomorrow|tonight|today|end of|eod|eow|cob|this|" + WEEKDAY
                              + r")\b[^.!?]{0,12}$")  # itself a trigger
_FAVOUR = re.compile(r"\b(?:referr?al|reference|recommendation|intro(?:duction)?|answer|reply|response|decision|yes or no|"
                     r"chat|call|talk|meet|meeting|coffee|hear back|need (?:it|this|that)|(?:i|we)(?:'ll| will)? need to (?:know|hear))\b")
_PAY_TALK = re.compile(r"\b(?:salary|pay|increase|raise|package|compensation|base|ctc|\d+ ?k\b|\d+ ?%)")
_WHO_COULD = re.compile(r"\bwho\b[^,.;]*$|\b(?:might|may|could|would|will) be able to\s*$")


def _self_last(before: str) -> bool:
    """Whether the writer is the last subject named before a verb: "I'll submit it today", but not "I'd
    appreciate it if you could submit it today"."""
    mine = [m.end() for m in _SELF_SUBJECT.finditer(before)]
    return bool(mine) and not _YOU.search(before, mine[-1])


_ACRONYMS = {
    "AWS", "GCP", "SQL", "API", "APIS", "HTML", "CSS", "JSON", "REST", "HTTP", "HTTPS", "NYU", "UCLA",
    "MIT", "MBA", "PHD", "CEO", "CTO", "CFO", "COO", "VP", "HR", "UX", "UI", "QA", "ML", "AI", "NLP",
    "SRE", "SWE", "SDE", "TPM", "PM", "USA", "US", "UK", "EU", "NASA", "IBM", "SAP", "FAANG", "MAANG",
    "IOS", "MLOPS", "DEVOPS", "CUDA", "LLM", "LLMS", "GPU", "CPU", "ETL", "SAAS", "B2B", "B2C", "KPI",
    "OKR", "OKRS", "GPA", "CS", "EE", "BS", "BA", "MS", "MSC", "BSC", "USC", "CMU", "UCSD", "UIUC",
    "NYC", "SF", "LA", "ID", "CV", "OK", "PDF", "TL", "DR", "TLDR", "II", "III", "IV", "IT", "ERP",
    "CRM", "SEO", "GTM", "ASAP", "README", "NASDAQ", "NYSE", "GAAP", "CPA", "CFA", "LSAT", "GMAT",
}
_SHOUT_WORDS = {"PLEASE", "URGENT", "REALLY", "NEED", "MUST", "HELP", "IMPORTANT", "NOW", "ANYTHING",
                "NEVER", "ALWAYS", "VERY", "REFER", "ASAP!"}
# Capitalised words in a row, across "I"/"A" and punctuation: "I REALLY NEED A JOB. PLEASE" is one run.
# Words must be separated by whitespace (with optional punctuation before it): "WP:PROD" is a name.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]*\b(?:[,.;:!?-]*\s+\b[A-Z][A-Z'’]*\b)*")

_ASK_INSTEAD = "Ask it as a question, e.g. \"Would you be able to …?\", and leave them room to say no."
_MILD = ("exclaim", "verdict", "yours", "clock", "rush")  # a manner, or a step misunderstood, not a demand: warnings
_MESSAGES = {
    "refer": ("\"{w}\" is an order. A referral is a favour they may not be able to give; asking "
              "outright makes declining awkward, and awkward messages get ignored.",
              "Ask it as a question, e.g. \"Would you be open to referring me for this role?\""),
    "order": ("\"{w}\" is an order. They owe you nothing; telling them what to do makes saying no awkward, "
              "and awkward messages get ignored.", _ASK_INSTEAD),
    "entitle": ("\"{w}\" asks them for the outcome itself. They can at most pass your name on; asking for "
                "the job reads as entitled.",
                "Ask for what they can give, e.g. \"Would you be comfortable referring me?\""),
    "lobby": ("\"{w}\" asks them to lean on the hiring decision. A referral passes your name on; pressing "
              "colleagues to pick you puts them in a bind and reads as entitled.",
              "Ask for what they can give, e.g. \"Would you be comfortable passing my resume to the hiring manager?\""),
    "oblige": ("\"{w}\" puts an obligation on someone who owes you nothing. It reads as demanding, "
               "which is the quickest way to lose a stranger's goodwill.",
               "Ask instead of telling: make it a question that starts \"Would you be willing to\"."),
    "clock": ("\"{w}\" turns your deadline into theirs. The clock is real, but it is yours: asked to hurry for it, "
              "someone doing you a favour finds no answer easier than a rushed one.",
              "If the date matters to them (the closing date, when you could start, a visa they would sponsor), say "
              "it once as a fact and leave the timing theirs, e.g. \"The posting closes on the 15th, in case that "
              "matters. No worries if the timing doesn't work.\""),
    "past": ("\"{w}\" asks them to go past what they told you: a rule, a requirement or a no. They gave you the "
             "answer they can give; pressing for an exception costs the goodwill you have and rarely changes it.",
             "Take their answer, thank them, and ask for what they can give: who the right person is, or whether "
             "you may check back when things change."),
    "rush": ("\"{w}\" asks them to hurry. Their help is a favour on their own time; asked for speed, many people "
             "put a message aside until they have time for it.",
             "Drop the hurry: \"whenever you have a moment\" tends to get the faster answer."),
    "yours": ("\"{w}\" hands them your part: the application is yours to submit, and most referral tools need "
              "it from you before a referral can be attached.",
              "Apply yourself, then send them the job ID or the confirmation so they can refer you."),
    "bend": ("\"{w}\" asks them to bend what their referral says. A referral is their word that they know you; "
             "one their employer finds untrue costs them, and a request to fudge it ends the conversation.",
             "Drop it. If they said they only refer people they know, take the no, or ask for advice instead."),
    "urgent": ("\"{w}\" pressures them with your deadline. Their help is optional; urgency makes it "
               "easier to say nothing than to rush.",
               "Drop the deadline; if there is a real one, say what it is and that no is fine."),
    "guilt": ("\"{w}\" makes them feel guilty for not helping. They owe you nothing, and guilt makes "
              "silence easier than an answer.",
              "Keep to the role and why you fit, and give them an easy out; in a follow-up, assume your "
              "note got buried."),
    "contempt": ("\"{w}\" belittles them, their team or their decision. A referrer remembers contempt longer "
                 "than any fit, and a polite answer to a no keeps the door open for the next role.",
                 "Cut it. Thank them for what they did; if you disagree with a decision, ask what would make you a "
                 "stronger candidate next time."),
    "presume": ("\"{w}\" presumes they will help. Leave the decision with them.",
                "Say you'd be grateful if they could, and that no is fine."),
    "verdict": ("\"{w}\" answers for them: whether you fit is theirs to judge, and certainty that they will agree "
                "reads as pressure.",
                "Give one result that shows the fit and let them judge it, e.g. \"At Ferro I cut the month-end close "
                "from 8 days to 5.\""),
    "commit": ("\"{w}\" commits them to something they never agreed to, before they could say no.",
               "Ask them first. If you already named them, say so plainly and offer to correct it with the "
               "recruiter if they would rather not."),
    "when": ("\"{w}\" asks when, not whether: it presumes they have agreed to make time for you.",
             "Ask whether first, e.g. \"Would you be open to a short call?\", and let them choose the time."),
    "call": ("\"{w}\" sets a time for them: it presumes they have agreed to talk, and when.",
             "Ask whether a short call would suit them, and let them pick the time."),
    "exclaim": ("\"{w}\": stacked punctuation reads as shouting or impatience in a professional message.",
                "Use a single \"!\" at most."),
    "shout": ("\"{w}\" is in capitals, which reads as shouting.",
              "Write it in normal case."),
}


# An imperative that sets up an offer of yours: "Just tell me the time and I will call you" (with a verb that
# only passes word, see _keep).
_OFFER_AFTER = re.compile(r"\band i(?:'ll| will| can)\b")


_I_DO = re.compile(r"\b(?:i|we)(?: (?:also|usually|currently|now|often|still|mainly))? (?!(?:would|could|can|will|need|"
                   r"want|hope|wanted|am|was|were|have|had|know|think|understand|appreciate|saw|see)\b)[a-z]+\b")
_SEGMENT_START = re.compile(r"\s*([a-z]+)")


# A formal "let me know" of their own choice: "Kindly inform me which slot is convenient for you", "please advise
# me when suits you"; "inform me of the decision" still tells.
_ASKS_THEIR_CHOICE = re.compile(r"(?:inform|advise|update|tell) me (?:which|what|when|whether|if) (?:[\w'-]+ ){0,6}?"
                                r"(?:suits?|convenient|works?|is best|you prefer|you'd prefer|would you like|for you)\b")


def _my_doings(draft: AnalysedDraft, start: int) -> bool:
    """Whether the verb at `start` is one more item in a list of what the writer does: "where I run the pass,
    manage a brigade of eight, write the prep lists and handle ordering" (a subject, then two or more items
    each opening on a verb, the one before it among them), not an order after a comma ("I know you're busy,
    send me the link")."""
    s, _e = sentence_bounds(draft, start)
    segments = draft.lower[s:start].split(",")
    if len(segments) < 3 or segments[-1].strip() or not _I_DO.search(segments[0]):
        return False
    first = _SEGMENT_START.match(segments[-2])
    return first is not None and first.group(1) not in ("i", "we", "you", "please", "kindly", "and", "so", "but")


_HOPED = re.compile(r"\bif\b|\bwould\b|'d\b|\bhope|\bchance\b")


def _keep(draft: AnalysedDraft, kind: str, start: int) -> bool:
    """Whether a trigger of `kind` at `start` is really demanding (not softened, negated or observed)."""
    before = draft.before_in_sentence(start, 80)
    if kind in ("refer", "order") and _SOFTENED.search(draft.lower, *sentence_bounds(draft, start)):
        return False  # "Please help me check the status when you have time": a request, softened
    if kind in ("refer", "order") and _OFFER_AFTER.search(draft.lower, start, sentence_bounds(draft, start)[1]) \
            and draft.lower.startswith(("tell", "send", "show", "call", "text", "e-mail", "email", "contact"), start):
        return False  # "Just tell me the time and I will call you" offers; "Give me a referral and I'll…" still asks
    if kind == "refer":
        return opens_clause(draft, start) and mood(draft, start) == "imperative"
    if kind == "presume" and draft.lower.startswith(("look", "joining"), start + draft.lower[start:].find("join")) \
            and _HOPED.search(draft.lower, *sentence_bounds(draft, start)):
        return False  # "I'd be looking forward to joining the team if it works out" hopes, it presumes nothing
    if kind == "order":  # any verb, so only where an order can stand: not "I'd love to connect and help you"
        return opens_clause(draft, start, after_and=False) and mood(draft, start) == "imperative" \
            and not _my_doings(draft, start) and not _ASKS_THEIR_CHOICE.match(draft.lower, start)
    if kind == "oblige":
        if draft.lower.startswith(("can't", "cannot", "couldn't", "why"), start):
            return True  # "Can't you just email my CV directly?": a question in form, a push in fact
        if draft.lower.startswith("i expect", start) and _PAY_TALK.search(draft.lower, *sentence_bounds(draft, start)):
            return False  # "I expect a big increase" states a salary expectation, it obliges them to nothing
        if before.rstrip().endswith(("do", "does", "did", "would", "will", "could", "if", "when", "unless",
                                     "whether", "to", "in case", "just in case")):
            return False  # a question, a condition or your own aim: "if you need to", "I wanted to make sure"
        if draft.ends_in_question(start):
            return False  # "What is it you need to do?" asks; it does not order
        conditional = mood(draft, start) == "conditional" \
            and not draft.lower.startswith(("you should", "you must", "you have to", "you need to", "i would like you",
                                            "i'd like you"), start)
        return not (_OBSERVE.search(before) or negated(draft, start) or conditional)  # "…should be able to" obliges
    if kind == "urgent":
        if negated(draft, start) or _DEADLINE_BEFORE.search(before) and draft.lower.startswith("at the latest", start):
            return False  # "not urgent", "no rush, not ASAP"; "by Thursday at the latest" is one deadline, flagged once
        s, e = sentence_bounds(draft, start)
        sentence = draft.lower[s:e]
        if draft.lower.startswith(("until", "till"), start) and not _ACTED_UNTIL.search(before):
            return False  # "I'm in Athens until Friday" is when, not a deadline; "please submit it until Friday" is "by"
        if draft.lower.startswith(_OWN_HASTE, start) and _self_last(draft.lower[s:start]):
            return False  # "I immediately thought of you", "I'll submit my application today": the writer's own haste
        if _REACTED.search(before):
            return False  # "saw Lattice is hiring and thought of you right away": how the writer reacted
        if _REPORTED.search(before):
            return False  # "They said decision by next Friday": their timeline, told
        if draft.lower.startswith(("it", "this", "that", "my case"), start):
            return True  # "It is very urgent": said to them, of the ask itself
        # A deadline pressures only when it attaches to what they are asked to do: them, an order, or
        # the favour itself ("I need this referral by Friday").
        return bool(_YOU.search(sentence) or _FAVOUR.search(sentence)) or mood(draft, start) == "imperative"
    if kind == "verdict":  # "…you will see that I am the best candidate"; not the cover letter's "…that I meet
        return bool(_SUPERLATIVE.search(draft.lower, start, sentence_bounds(draft, start)[1]))  # the requirements"
    if kind == "entitle" and _WHO_COULD.search(before):
        return False  # "your contacts who might be able to hire me" says who could, it asks nothing
    if kind == "lobby" and _NEGATIVE_QUESTION.search(before):
        return True  # "can't you override it?" presses harder, it does not deny
    if kind == "guilt" and draft.lower.startswith(("literally", "only", "just"), start):
        return bool(_LIGHT_OF.search(before))  # of the favour: "it", "the referral form"
    if kind == "guilt" and draft.lower.startswith("you ", start) and before.endswith(("can ", "could ", "would ", "will ")):
        return False  # "can you just submit my name?" asks; "you just paste it in" makes their part light
    if kind == "guilt" and draft.lower.startswith(("reply", "respond", "answer"), start) \
            and _NO_IS_FINE.search(draft.lower, *sentence_bounds(draft, start)):
        return False  # "Just reply yes or no, and it's okay to say no" makes answering easy, it does not reproach
    if kind == "bend":  # "I'd never ask you to say we worked together" disowns it
        return not re.search(r"\b(?:never|not)\b|n't\b", before)
    if kind in ("guilt", "entitle", "lobby", "contempt"):  # within the clause: in "If you don't, I don't know what I'll do" no "not" cancels
        return not negated(draft, start, min(12, start - draft.lower.rfind(",", 0, start) - 1))
    if kind == "when":
        return not _WHETHER.search(draft.lower, 0, start)
    if kind == "commit" and (_MAY_I.search(before) or _IF_THEY_PREFER.search(before)):
        return False  # "I'd love to list you as a reference, if that's okay", "May I put you down as a referee?" ask
    if kind == "call":  # "I'll call you Tuesday at 10, if that suits you?" asks
        return not _ASKS_AFTER.match(draft.lower, start, sentence_bounds(draft, start)[1])
    return True


# The time offered, not set: "if that suits you", "unless you'd rather not", or asked ("…, would that work?").
# Permission asked, not taken: "I'd like to", "may I", "if I could".
_MAY_I = re.compile(r"\b(?:(?:like|love|want|wanted|hope|hoping|wish|permission|okay|ok|alright|fine) to|"
                    r"(?:may|can|could|might|would) i|if i(?: could| can| may| might)?|whether i(?: could| can| may)?)\s+$")
# An option left to them: "If you'd rather I just apply and name you as my referrer, that's fine too".
_IF_THEY_PREFER = re.compile(r"\bif you(?:'d| would)? (?:rather|prefer)\b")
_NO_IS_FINE = re.compile(r"\b(?:okay|ok|fine|all good) to say no\b|\bno (?:worries|pressure|hard feelings)\b")
_ASKS_AFTER = re.compile(r"[^.!?\n]*?(?:\bif (?:that|it|this|the time)(?:'s| is| works| suits)\b"
                         r"|\bif you(?:'re| are) (?:free|available|ok|okay|around)\b|\bunless\b)|[^.!?\n]*\?")


# Haste that may be the writer's own: "I immediately thought of you", "I'll forward the email to you today".
_OWN_HASTE = ("imm", "rig", "sub", "forward", "send", "pass", "refer", "confirm", "get back", "put")


_LIGHT_OF = re.compile(r"(?:\b(?:it|that|this|form|referral)(?:'s|'d| is| would| will|'ll)?(?: takes?)?|\btakes?)\s+$")
_REACTED = re.compile(r"\b(?:thought of you|knew|realized|realised|noticed|recognized|recognised|spotted|applied|"
                      r"jumped out at me|stood out|clicked)\s+$")
_SUPERLATIVE = re.compile(r"\b(?:best|strongest|greatest|perfect|ideal|excellent|outstanding|the right (?:person|pick|"
                          r"choice|candidate|hire))\b")
_REPORTED = re.compile(r"\b(?:they|he|she|the (?:recruiter|hr|panel|team|hiring manager|company)) (?:said|told me|"
                       r"mentioned|wrote)\b|\bi (?:was|'ve been|have been) told\b")
_NEGATIVE_QUESTION = re.compile(r"\b(?:can't|cannot|couldn't|won't|wouldn't) you (?:just |simply )?$")
# "Until Friday" is a deadline as "by Friday" (as many non-native writers use it) only after what they
# are to do.
_ACTED_UNTIL = re.compile(r"\b(?:submit|send|forward|refer|reply|respond|answer|confirm|do|decide|let me know|inform|"
                          r"tell|update|notify)\b")
_NEXT_WORD = re.compile(r" [\w'’-]+")
_DETERMINERS = frozenset({"the", "a", "an", "my", "your", "our", "this", "these", "those", "some"})
_DROPPABLE = re.compile(r"(?:asap|as soon as possible|urgently|right away|immediately|(?:by|before) .+)")
_GREETING = re.compile(r"(?:hi|hey|hello|dear)\b[^,.!?\n]{0,40},\s*")
_ONE_CLAUSE = re.compile(r"[^,;:\n]*\n?")  # what follows the order, to the sentence's end


def _fix_for(draft: AnalysedDraft, kind: str, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    """(span, replacement) that turns a bare order into a question ("Please refer me for the role." ->
    "Could you please refer me for the role?") or drops a deadline (" ASAP"), where that is safe: an
    order of one clause opening its sentence, a deadline closing its sentence."""
    text, lower = draft.text, draft.lower
    s, e = sentence_bounds(draft, start)
    s += len(text[s:e]) - len(text[s:e].lstrip())
    greeting = _GREETING.match(lower, s, start)  # "Hi Sam, refer me…": the greeting stays as it is
    s = greeting.end() if greeting else s
    if kind in ("refer", "order") and opens_clause(draft, start, after_and=False) \
            and not any(w in lower[s:start] for w in (",", ";", ":")) and _ONE_CLAUSE.fullmatch(lower, end, e):
        clause = text[s:e].rstrip().rstrip(".!")
        if "needful" in lower[start:end + 12]:  # "do the needful" asked as a question is still the idiom
            return (s, s + len(text[s:e].rstrip())), f"{'would' if greeting else 'Would'} you be able to help with this?"
        # "And please send me…" -> "And could you please send me…?": the joining word stays in front.
        joined = _JOINED.match(clause)
        lead, clause = (clause[:joined.end()], clause[joined.end():]) if joined else ("", clause)
        keep = clause if clause[:2] in ("I ", "I'") else clause[0].lower() + clause[1:]
        return (s, s + len(text[s:e].rstrip())), f"{lead}{'could' if greeting or lead else 'Could'} you {keep}?"
    if kind == "urgent" and _DROPPABLE.fullmatch(lower, start, end) and text[start - 1:start] == " " \
            and not text[end:e].strip(" .!?"):
        # "Applications close Friday so I need this done by Thursday": the clause that needs it goes with its date.
        need = _NEED_BY.search(lower, s, start)
        return ((need.start(), end) if need else (start - 1, end)), ""
    return None


_JOINED = re.compile(r"(?:and|also|but|so|plus)\b,? ", re.IGNORECASE)


# A clause that is only the deadline's frame: ", so I need this done" before "by Thursday".
_NEED_BY = re.compile(r"(?:,\s*|\s+)(?:so |and )?i (?:really )?need (?:this|it|that|the referral|my referral)"
                      r"(?: done| submitted| sent| in)?\s*$")


# "Kindly refer me" and "please forward my CV" are the polite form in Indian, Nigerian and Kenyan
# English; to most other readers they still tell. Worth rewording, not a reason not to send.
_POLITE_WORD = re.compile(r"\b(?:kindly|please|pls|plz),?\s*$")
_POLITE_MESSAGE = ("\"{w}\" reads as an instruction to many readers, even after \"please\" or \"kindly\" (the "
                   "polite form in some Englishes). A question leaves them room to say no.")


# What their last message offered to do: "I can pass it to our HR team", "happy to forward your CV".
# ("I'll have to pass on this one" declines.)
_THEY_OFFER = re.compile(r"\b(?:i can|i could|i'll|i will|i'd be happy to|happy to|glad to|let me)\s+"
                         r"(?:(?!have\b|need\b|to\b)\w+\s+){0,2}?"
                         r"(?P<verb>pass|forward|send|share|submit|refer|introduce|put)\b(?! on (?:this|that|it)\b)")


_PASS_ON = frozenset({"pass", "forward", "send", "share", "submit", "put"})


def _offered(ctx) -> frozenset[str]:
    theirs = their_last(ctx.thread)
    if theirs is None:
        return frozenset()
    verbs = {m.group("verb") for m in _THEY_OFFER.finditer(theirs)}
    return frozenset(verbs | _PASS_ON if verbs & _PASS_ON else verbs)  # "pass it on" offered: "forward it" takes it up


# Their question about the writer's timing, which "asap" answers.
_ASKED_WHEN = re.compile(r"\b(?:timeline|time ?frame|how soon|how urgent|when (?:do|would|could|can) you (?:need|want|"
                         r"start|join)|when are you (?:hoping|looking|planning))\b")
_SOON = ("asap", "as soon as possible", "urgent", "immediately", "right away")


def _demanding(draft: AnalysedDraft, ctx):
    offered = _offered(ctx)
    found = triggers(draft)
    # A deadline on a push says one thing: "could you push the hiring team to decide before then?" is the push's card.
    pushed = {sentence_bounds(draft, start) for kind, start, _end, _fix in found if kind in ("lobby", "past")}
    theirs = their_last(ctx.thread) or ""
    asked_when = bool(theirs) and _ASKED_WHEN.search(theirs) is not None
    for kind, start, end, fix in found:
        if kind == "urgent" and pushed and sentence_bounds(draft, start) in pushed:
            continue
        if kind == "urgent" and asked_when and draft.lower.startswith(_SOON, start):
            continue  # "Timeline is asap" answers their "What's your timeline?" (audit 95-23)
        if kind in ("when", "call") and in_conversation(draft, ctx):
            continue  # in a thread where they write back, settling a time is the next step
        if kind in ("refer", "order") and offered and draft.lower.startswith(tuple(offered), start) \
                and not draft.lower.endswith("just ", 0, start):
            continue  # taking up what they offered: "please forward my CV to HR" after "I can pass it to HR" (but
            # "just forward that" brushes off what they asked for)
        if kind == "presume" and (thanks_for_referral(draft) or replies_to_them(draft) and not _not_a_yes(ctx)):
            continue  # they agreed: "let me know once you have submitted it" presumes nothing
        message, suggestion = _MESSAGES[kind]
        polite = kind in ("refer", "order") and _POLITE_WORD.search(draft.lower, max(0, start - 10), start)
        if polite:
            message = _POLITE_MESSAGE
        if kind == "refer" and not draft.lower.startswith(("refer", "recommend"), start):
            suggestion = _ASK_INSTEAD  # "send me the link": the referral example would not fit
        soft = kind == "urgent" and _posting_deadline_asked_softly(draft, start)
        if soft and _NO_IS_FINE.search(draft.lower):
            continue  # "…before then that would be great, but no worries if the timing doesn't work": the date, told
            # (the out may come first: "I know December is busy, so no pressure at all. The advert closes…")
        if soft:
            message, suggestion = _SOFT_DEADLINE
        span, fix = (None, fix) if fix else _fix_for(draft, kind, start, end) or (None, None)
        yield DEMANDING.finding(message.format(w=draft.text[start:end]), draft, (start, end), replacement=fix,
                                fix_span=span, suggestion=suggestion, data={"kind": kind},
                                severity="warning" if polite or soft or kind in _MILD else DEMANDING.severity)
    if span := _status_of_no_yes(draft, ctx):
        who = first_name(ctx, recipient_log(ctx)) or "They"
        yield DEMANDING.finding(
            f"\"{draft.text[span[0]:span[1]]}\" asks how a referral is going, but {who} has not answered your ask "
            "yet: it presumes a yes they never gave.", draft, span,
            suggestion="Bring your note back up and leave the answer theirs, e.g. \"I wanted to bring my note back "
                       "to the top, in case you'd be open to referring me. No worries either way.\"",
            data={"kind": "presume"})
    if draft.subject and ctx.surface == "inmail":  # read first: "URGENT: referral needed!!!" (ranges: the body's)
        subject = AnalysedDraft(draft.subject)
        for kind, start, end, _fix in triggers(subject):
            message, suggestion = _MESSAGES[kind]
            yield DEMANDING.finding("In the subject: " + message.format(w=subject.text[start:end]),
                                    suggestion=suggestion, data={"kind": kind, "field": "subject"},
                                    severity="warning" if kind in _MILD else DEMANDING.severity)


def _not_a_yes(ctx) -> bool:
    """The conversation on the page ends with their message, and it neither agrees nor says the referral is done
    nor asks for what a referral needs (a call first, a question first): a reply that asks to hear "once you've
    referred me" presumes."""
    return their_last(ctx.thread) is not None and not (they_agreed(ctx.thread) or they_referred(ctx.thread)
                                                        or answers_them(ctx.thread))  # "Sure, send me your CV"


def _status_of_no_yes(draft: AnalysedDraft, ctx) -> tuple[int, int] | None:
    """Where the draft asks after a referral ("did you get a chance to refer me yet?") that the person never
    agreed to: the log has the ask and no reply to anything, and the page shows no message of theirs."""
    rec = recipient_log(ctx)  # (the log first: most drafts have no one in it to ask after)
    if rec is None or rec.state != "asked" or not rec.sent or rec.replies:
        return None
    if ctx.thread is not None and any(m.sender == "them" for m in ctx.thread.messages):
        return None
    span = checks_on_referral(draft)
    if span is None or not any(w in draft.lower[span[0]:span[1]] for w in ("refer", "submit", "recommend")):
        return None  # "any update?" asks after nothing in particular
    return span


# The posting's own closing date, and the hope to hear back before it put as a wish: "Applications close Thursday
# so it would be great to hear back before then." A fact they may need, said with a little pressure.
_POSTING_CLOSES = re.compile(r"\b(?:applications?|the (?:posting|role|job|listing|ad|advert|vacancy|position|post)|it) (?:close|closes|"
                             r"closing|shuts?)\b|\b(?:closing date|application deadline|deadline for applications)\b")
_WISH = re.compile(r"\b(?:(?:it|that|this) would be (?:great|lovely|wonderful|amazing|ideal|helpful)|would love|ideally|if (?:at all )?"
                   r"possible|i(?:'d| would) (?:love|appreciate|be (?:very |so |really |most )?(?:grateful|thankful)))\b")
_SOFT_DEADLINE = (
    "\"{w}\" still presses, though the closing date is worth telling them. Leave the timing theirs: a no, or no "
    "answer in time, must stay easy.",
    "Keep the date and drop the push, e.g. \"Applications close Thursday, in case that matters; no worries at all if "
    "the timing is too tight.\"")


def _posting_deadline_asked_softly(draft: AnalysedDraft, start: int) -> bool:
    s, e = sentence_bounds(draft, start)
    return bool(_POSTING_CLOSES.search(draft.lower, s, e) and _WISH.search(draft.lower, s, e))


def triggers(draft: AnalysedDraft) -> list[tuple[str, int, int, str | None]]:
    """(kind, start, end, fix) of what this rule reports, in code points, worked out once per draft
    (tone.impolite reads the spans)."""
    return draft.remember("tone.demanding", lambda: list(_find(draft)))


# Their manners lectured, a kind of guilt: "A simple yes or no would be polite", "I thought you were one of the good
# ones", "my candidacy has not been accorded the proper level of respect", "such words don't suit a professional of
# your standards". Apart from _TRIGGERS, and searched only when one of _LECTURE_WORDS is in the draft: tried at every
# word, these cost _TRIGGERS a tenth more on a long draft.
_LECTURE = re.compile(
    WORD_START + r"(?:"
    r"(?:reply|response|answer|yes or no|a word back|to (?:respond|reply|answer))\b[^.!?\n]{0,20}?\b(?:would be|is|was) "
    r"(?:only |just |the )?(?:polite|courteous|decent|professional|respectful|basic courtesy|common courtesy)\b|"
    r"(?:i )?(?:really |honestly )?thought you(?: were|'d be| would be) (?:one of the good ones|different|better than "
    r"(?:that|this)|(?:a|my) (?:friend|mate)|(?:someone|somebody|the kind of person|the type of person|a person) who "
    r"(?:helps|help|cares|care|replies|answers|supports))\b|"
    r"(?:not|never|without|lack(?:ing)?)\b[^.!?\n]{0,100}?\b(?:the )?(?:proper|basic|common|due|minimum) "
    r"(?:level of )?(?:respect|courtesy|professionalism)\b|"
    r"(?:not|(?:do|does|did|is|was|are|were|would|wo|ca|could|should)n't)\b[^.!?\n]{0,40}?\b(?:for|of|suit|befit) "
    r"(?:someone|somebody|a person|an? [\w-]+) (?:in|of) (?:your|ur) (?:standards?|stature|standing|position|level|role)\b)")
_LECTURE_WORDS = ("polite", "courte", "decent", "professional", "respect", "thought you", "standard", "stature",
                  "standing", "your position", "ur position")


def _find(draft: AnalysedDraft):
    loud = list(_shouting(draft))
    for run in loud:
        yield ("shout", *run)
    pressed = []  # where the triggers found start: "!!" in their sentence adds to them
    spans = []  # what they cover: a lecture inside one ("reply yes or no, it is basic courtesy") is that one
    for m in _TRIGGERS.finditer(draft.lower):
        kind = "when" if m.lastgroup == "presume" and m.group().startswith(("wh", "let's", "i'll send")) else \
            "verdict" if m.lastgroup == "presume" and m.group().endswith(("see", "agree", "find", "realize", "realise")) \
            else m.lastgroup
        kept = _keep(draft, kind, m.start())
        if not kept and kind in ("refer", "order") and (due := _due_today(draft, m)) is not None:
            yield "urgent", m.start(), due, None  # asked, but for tonight: "could you write me a letter tonight?"
            continue
        if kept and not overlaps(loud, *m.span()):
            end = m.end()
            if m.lastgroup == "order" and m.group().rsplit(" ", 1)[-1] in _DETERMINERS \
                    and (noun := _NEXT_WORD.match(draft.lower, end)):
                end = noun.end()  # "do the" says nothing; "do the needful" does
            pressed.append(m.start())
            spans.append(m.span())
            yield kind, m.start(), end, None
    if any(map(draft.lower.__contains__, _LECTURE_WORDS)):
        for m in _LECTURE.finditer(draft.lower):
            if _keep(draft, "guilt", m.start()) and not overlaps(loud, *m.span()) and not overlaps(spans, *m.span()):
                pressed.append(m.start())
                yield "guilt", m.start(), m.end(), None
    lower = draft.lower
    for m in _PAST.finditer(lower) if any(map(lower.__contains__, _PAST_WORDS)) else ():
        s, e = sentence_bounds(draft, m.start())
        if (m.group().startswith("make") or _ASKED_OF_THEM.search(draft.lower, s, m.start())) \
                and not overlaps(spans, *m.span()) and _keep(draft, "lobby", m.start()):
            spans.append(m.span())
            yield "past", m.start(), m.end(), None
    for m in _HASTE.finditer(lower) if any(map(lower.__contains__, _HASTE_WORDS)) else ():
        s, e = sentence_bounds(draft, m.start())
        clock = _CLOCK.search(draft.lower, s, e)
        if (clock or m.group("asked")) and not _THANKED.search(draft.lower, s, m.start()) \
                and not overlaps(spans, *m.span()):
            start = m.start()
            if clock:  # quote the clause that hurries: "I'm trying to move fast", not "move fast"
                opens = _SO.search(draft.lower[s:start][::-1])
                start = start - opens.start() if opens else s
                start += len(draft.text[start:m.start()]) - len(draft.text[start:m.start()].lstrip())
            yield "clock" if clock else "rush", start, m.end(), None
    text = draft.text
    if "!!" in text or "?!" in text or "!?" in text:
        for m in _EXCLAIM.finditer(text):
            start = draft.sentence_start(m.start())
            clause = max(start, draft.lower.rfind(",", start, m.start()) + 1)
            warm = "?" not in m.group() and (_WARM.match(draft.lower, start) or _WARM.match(draft.lower, clause)
                                             or _WARM_END.search(draft.lower, clause, m.start())
                                             or not any(start <= p < m.start() for p in pressed)
                                             and _glad(draft, start, m.start()))
            if not warm and not overlaps(loud, *m.span()):
                yield "exclaim", m.start(), m.end(), "?" if "?" in m.group() else "!"


# Haste asked of them ("I'd appreciate a quick response", "please get back to me quickly"), or the writer's own haste
# told with a deadline of theirs as its reason ("my visa status is tied to finding something by February, so I'm
# trying to move fast", "the application closes soon so I wanted to make sure it didn't get lost"). A deadline said
# as a fact is news they may need ("I'm on a Graduate visa valid until August 2027") and stays quiet.
_HASTE = re.compile(
    r"\b(?:(?P<asked>an? (?:quick|fast|prompt|speedy|swift|rapid|quicker|faster|timely) (?:response|reply|answer|"
    r"turnaround|decision|yes or no)\b|(?:get back to me|reply|respond|answer me) (?:quickly|fast|promptly)\b)"
    r"|(?:move|act|moving|acting) (?:fast|quickly)\b|in a (?:hurry|rush)\b|time is (?:short|running out|tight)\b"
    r"|i (?:really |urgently |badly )?need (?:this|it|a job|the job|a referral|the referral|an answer)\b"
    r"|make sure (?:it|my (?:message|note)) (?:didn't|did not|doesn't|does not|hasn't|has not|wasn't) (?:get |got |been )?"
    r"(?:lost|buried)\b)")
_CLOCK = re.compile(r"\b(?:visa|permit|opt|grace period|status|offer|posting|application|applications|role|vacancy|"
                    r"listing|contract|lease|savings)\b[^.!?\n]{0,50}?\b(?:runs? out|expir\w*|ends|lapses|clos(?:e|es|ing)|"
                    r"tied to|is up)\b")
# Past what they said: "I'm sure you can make an exception", "if you could refer me anyway", "could you ask HR anyway?".
_PAST = re.compile(r"\bmake an exception\b(?! (?:for|to) (?:everyone|anyone|others)\b)|\b(?:refer|forward|pass|send|ask|"
                   r"submit|put|recommend|consider|check|try)\b[^.!?\n]{0,50}?\b(?:anyway|regardless|all the same|even so)\b")
_PAST_WORDS = ("exception", "anyway", "regardless", "all the same", "even so")  # most drafts have none: skip the scan
_HASTE_WORDS = ("quick", "fast", "prompt", "speedy", "swift", "rapid", "timely", "hurry", "rush", "time is short",
                "time is running", "time is tight", "lost", "buried", "need")
_ASKED_OF_THEM = re.compile(r"\b(?:could|can|would|will) you\b|\bplease\b|\bif you (?:could|can|would)\b|\bkindly\b")
_SO = re.compile(r" os\b|,")  # backwards: the nearest "so" or comma before the haste
_THANKED = re.compile(r"\bthank|\bthanks\b|\bgrateful for (?:your|the)\b|\bappreciated?\b[^.!?\n]{0,12}\byour\b")


_TODAY = re.compile(r"[^.!?\n]{1,60}?\b(?:today|tonight)\b")


def _due_today(draft: AnalysedDraft, m: re.Match[str]) -> int | None:
    """Where "today"/"tonight" ends after a request that is no order ("could you write me a letter tonight?"),
    when the deadline is theirs (not "so I can fill it in tonight") and presses (_keep's urgency test)."""
    due = _TODAY.match(draft.lower, m.end())
    if due is None or _SELF_SUBJECT.search(due.group()) \
            or _self_last(draft.lower[draft.sentence_start(m.start()):m.start()]) or not _keep(draft, "urgent", m.start()):
        return None
    return due.end()


# What makes "!!" press: a request, a need or a favour in its sentence.
_PRESS = re.compile(r"\b(?:(?:can|could|would|will|won't|do|did) you|please|pls|plz|kindly|let me know|lmk|help|need|"
                    r"want|must|refer\w*|reply|respond|answer|get back|send|forward|submit|asap|now|today)\b")


# Help offered, not asked: "let me know if you need anything else!!" ends the sentence it opens.
_OFFER = re.compile(r"\b(?:let me know|lmk|tell me|feel free to (?:ask|reach out|ping me))(?: if| whether) "
                    r"(?:you (?:need|want|have (?:any )?(?:questions?|trouble))|there(?:'s| is) anything|i can)\b[^.!?\n]*$")


def _glad(draft: AnalysedDraft, start: int, at: int) -> bool:
    """Whether "!!" closes a sentence that asks nothing: "I saw your team is hiring!!" and "saw acme is
    hiring!!" (chat drops the "I") are excitement, as is help offered ("let me know if you need anything
    else!!"); "Can you help me out!!", "Let me know by Friday!!" and "I need a referral!!" press."""
    offer = _OFFER.search(draft.lower, start, at)
    at = offer.start() if offer else at
    return not (_FAVOUR.search(draft.lower, start, at) or _PRESS.search(draft.lower, start, at))


def overlaps(spans, start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (tuples that start with a start and an end)."""
    return any(span[0] < end and start < span[1] for span in spans)


_TWO_CAPS = re.compile(r"[A-Z][A-Z]")  # starts with a class: re scans for it in C


def _shouting(draft: AnalysedDraft):
    """(start, end, the run in normal case) for each run of shouted capitals."""
    text = draft.text
    done = 0
    for hit in _TWO_CAPS.finditer(text):
        pos = hit.start()
        if pos < done or (pos > 0 and text[pos - 1].isalpha()):
            continue  # inside a run already reported, or mid-word ("McDONALD")
        if pos >= 2 and text[pos - 1] == " " and text[pos - 2] in "IA":
            pos -= 2 if pos == 2 or not text[pos - 3].isalpha() else 0  # "I REALLY": start at the "I"
        m = _CAPS_RUN.match(text, pos)
        if m is None:
            continue
        done = m.end()
        if pos > 0 and text[pos - 1] in "[{<" and text[m.end():m.end() + 1] in ("]", "}", ">"):
            continue  # "[COMPANY NAME]": a template's placeholder (template.placeholder's), not a raised voice
        words = [w for w in re.split(r"[\s,.;:!?-]+", m.group()) if len(w) >= 2]
        # Words English writes in lower case, in capitals: a raised voice. Names and trade acronyms ("CDISC
        # SDTM", "GOLDMAN SACHS") are not in the politeness model's vocabulary.
        vocabulary = default_model().vocabulary
        loud = [w for w in words if len(w) >= 4 and w not in _ACRONYMS and w.lower().replace("’", "'") in vocabulary]
        if len(loud) >= 2 or any(w in _SHOUT_WORDS for w in words):
            start, end = m.span()
            at_start = not draft.text[draft.sentence_start(start):start].strip()
            yield start, end, _normal_case(m.group(), at_start)


_CAPS_WORD = re.compile(r"[A-Z][A-Z'’]*")
_SENTENCE_CAP = re.compile(r"([.!?]\s+)([a-z])")


def _normal_case(shouted: str, at_sentence_start: bool) -> str:
    """Sentence case for a shouted run, keeping "I" and acronyms: "I NEED AWS. PLEASE" -> "I need AWS. Please"."""
    def word(m):
        w = m.group()
        if w == "I" or w[:2] in ("I'", "I’"):
            return "I" + w[1:].lower()
        return w if w in _ACRONYMS else w.lower()
    out = _CAPS_WORD.sub(word, shouted)
    out = _SENTENCE_CAP.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    return out[0].upper() + out[1:] if at_sentence_start and out else out


DEMANDING = Rule(
    judges_words=True,
    code="tone.demanding", severity="error", check=_demanding,
    checklist="polite",
    fires=("Please refer me for the role.", "Please submit the referral until Friday.",
           "Yeah took you long enough lol.", "I honestly thought you would help me. A referral costs you nothing.",
           "I'm sure you can put in a good word for me, you know my work.", "I'm sure you'd say yes!",
           "Could you also have a word with the hiring manager to push my application up?",
           "Wow, great. Thanks for nothing, I guess.", "You must give me a chance, I am very hard worker.", "Honestly it feels like your referral didn't carry much weight.",
           "Could you just put my name in? It would literally take 2 minutes.",
           "Seriously? It's literally just a form, you don't have to vouch for me.",
           "Wow, I thought LinkedIn was about helping each other. It's just a referral, it takes you 2 minutes.",
           "I understand, but it would only take you 2 minutes and it would really help me.",
           "Bit late now, the role closed two weeks ago. Thanks anyway I guess.",
           "Not yet, honestly the portal is really long. Can you just submit it for me with my CV?",
           "Nobody would know we haven't worked together, honestly. Could you make an exception?",
           "I think I'm an even better fit for this one, so could you refer me? Would really appreciate it this time.",
           "It's just a form. Nobody checks if you actually know me.",
           "The portal takes ages. Can't you just email my CV to the hiring manager directly?",
           "You're a manager there, can't you override it?", "Can you ask them to reconsider?",
           "Please forward my profile to the hiring manager today, since I have other offers.",
           "It's all on my LinkedIn. Just forward that.", "Can you put the referral in today?",
           "It's only 2 minutes for you.", "It doesn't cost you anything.", "Would be great to hear back today.", "I need to know by Friday.", "Please reply when you can, I need the referral this week.",
           "Kindly let me know the result by next Friday because I also have another offer.", "I need a yes or no on that number by Thursday.", "You owe me that much.",
           "A simple yes or no would be polite.", "I really thought you'd be someone who helps people out.", "It's a bit disappointing that you can't take two minutes to reply.",
           "I thought you were one of the good ones.",
           "It does not appear that my candidacy has been accorded the proper level of respect and professionalism.",
           "it's fine if u donot want to work with me, but such words don't suit a proff of ur standards",
           "Would it have killed you to send a hello? Not very professional for someone in your position.",
           "After everything I did for your team, I honestly thought you'd at least try.",
           "I will follow up with you every few days until I hear back.", "Please send the referral TODAY.",
           "Also tell the hiring manager to call me directly.", "Can you walk over to the hiring manager?",
           "Please reply soon as I need to apply this week.",
           "I have already told the HR of Stoa Architects that you will refer me.",
           "I need you to forward my resume.", "Please get back to me ASAP.",
           "I have attached my resume please refer me for the role.",
           "The posting closes Friday, so I'd appreciate it if you could submit it today.",
           "Let me know by tomorrow.", "I REALLY NEED THIS JOB.", "Can you help me out!!", "Can you get me a job?",
           "I need a referral!!", "Let me know what you think!!", "Let me know if you can refer me!!",
           "Please expedite my referral.", "Wow, OK. Thanks I guess.",
           "Didn't realise you had to be best friends with someone to click a button.", "I can see you've been active on LinkedIn, so you got my note.",
           "Could you tell her I'm the one for the role?", "Please refer me asap, the sooner the better!!",
           "Could you refer me? If you don't, I don't know what I'll do.",
           "Would love to chat about the data science roles asap.",
           "Just submit my name in your portal and let me know when it's done.",
           "Can you write me a letter by tomorrow?", "I'd appreciate a timely response from you all.",
           "I haven't heard back, so I wanted to remind you how much I need this job.",
           "Kindly do the needful and refer me for any suitable position.", "Awaiting your positive response.",
           "You have not shown me the courtesy of responding to my last two emails.",
           "Please add my profile to your contacts.", "My resume does not reflect my talents. We have to talk.",
           "Hi Sam, review my resume and tell me what you think.", "Kindly re read my resume.",
           "Can you offer me a job?", "Can you please give me an opportunity to work with your company?",
           "I really need this referral by Friday since the posting closes.",
           "My Graduate visa runs out in March so I'd really appreciate a quick response.",
           "I've blocked 3pm tomorrow for a call to discuss my role. Looking forward to joining the team!",
           "I'm sure you can make an exception for a strong candidate like me. Could you ask HR anyway?",
           "It's the Financial Audit role, but if you could refer me anyway that would be amazing.",
           "Could you push the hiring team to make a decision before then?",
           "Could you ask HR? I really need this before my OPT runs out in March.",
           "My visa status is tied to finding something by February, so I'm trying to move fast.",
           "The application closes soon so I wanted to make sure it didn't get lost.", "Sir, please take me in your lab.",
           "Hire me as an intern and you will appreciate my presence.", "Are you going to call me or what?",
           "I applied three times. The least you can do is call me.", "Can you find me something too?",
           "You're a manager there, so you should be able to get me an interview.",
           "I'll expect your answer this week.", "I guess you're too busy to reply to people like me.",
           "I hope you won't ignore this like everyone else did.",
           "Surely you can put in a word for me.", "I really need an answer by Friday.", "Please respond today.",
           "Kindly do the needful.", "Can you give me some advice? When are you free for a 1-hour call?",
           "My family is depending on me, so you're kind of my last hope.",
           "I've already put you down as my referral.", "I'm sure you won't mind confirming it.",
           "I know you'll want to help out another alum.", "I'll send my resume now so you can submit the referral.",
           "I'm counting on you to put my name forward.", "Once you've submitted the referral, let me know.",
           "I assume you'll be fine referring me.", "I know you won't let me down.",
           "I saw the new opening on your team, so I assume you can refer me again like last time?",
           "I am confident that you will see that I am the best candidate.",
           "Could you put in a good word with the hiring manager before the 15th, so he knows I come recommended?",
           "I'm sure you'll be happy to refer me.", "I'll assume that's a yes unless I hear otherwise.",
           "I've already put your name down as my referral.", "I've added you to my referral network.",
           "I have added your name as a referee in my application.", "I have taken the liberty to apply with your name.",
           "I only need your referral to complete the formalities.", "Kindly confirm at earliest.",
           "I need it in by Thursday at the latest.", "Please send it over by noon at the latest.",
           "I thought after 3 years on the same team you'd at least be willing to put my name in.",
           "Guess I know where I stand.", "I want you to forward my file to your Chief Nursing Officer.", "I need this done this week.",
           "I understand you're too busy to help people.", "I'll find someone else at Acme who actually wants to help.",
           "The posting closes Friday so I'm hoping you can get to it before then.",
           "I should not have to chase this.", "I have already informed my manager that I will be joining Stripe.",
           "If you don't help me, I honestly don't know what I'll do.", "Please revert at the earliest.",
           "Can you please reconsider and submit it today?", "Let me know if you've submitted my referral.",
           "Since we're connected, I assume this won't be a problem.",
           "If you could match the other offer, I'd consider it, but I'd need to know soon.",
           "I need to hear back by Friday.", "Is there any way you can push him in?",
           "Could you push the hiring manager to interview me?", "Could you ask them to fast-track my application?",
           "Can you refer me to Stripe? I need a job asap.", "I desperately need this referral.",
           "I'm desperate, please help.",
           "Hey man, I really need a job. Do you have anything?", "I was going to put you as a ref.",
           "I require honest communication, not form letters.",
           "Please forward my resume to your hiring manager and make sure I get an interview.",
           "I already told the recruiter that you would be contacting her this week.",
           "Can you at least tell me yes or no?", "I'll keep checking in every few days until I hear back.",
           "Let's hop on a call tomorrow at 3pm EST, I'll send an invite.",
           "Let's do tomorrow at 9am my time, I'll send the invite.", "Please prepare some feedback on my CV.",
           "Let's meet on Tuesday at noon.", "I thought IIT alumni help each other.", "Kindly reply at least.",
           "My family is really depending on this.", "I need answer this week.", "I wait your answer this week.", "I really really need this one.",
           "Please push them to schedule my interview this week.", "Could you ask him to skip the online coding test for me?",
           "When you submit, please tell the hiring manager that I am the strongest candidate you know.",
           "Let me know what time works for a call this week.", "Please inform me about the result until tomorrow.", "It honestly only takes 2 minutes to click refer on your portal.", "I know you can make it happen.",
           "Looking forward to working together!", "Kindly reply at least yes or no.",
           "I will call you Thursday morning at 9:00 Perth time.", "Also can you tell them to hurry, I have another offer.",
           "Please I really need this, I will keep asking until you help haha", "just tell them i am good chef", "I think I deserve to know after all that work.",
           "I want detailed feedback on why I was rejected, I think I deserve that.",
           "I would like you to pass my application directly to the hiring manager.", "I will call your office next week.",
           "Also please tell me when is the interview so I can prepare.", "It would be great to get a yes or no from you by Friday.",
           "I put your name as my referral on my application, hope ok :) can u send me the case study?", "plz reply me", "You people are idiots",
           "I am listing you as a reference for my job.", "please contact me on this email address as soon as possible.", "Please let me know when we can schedule the interview.",
           "Can you tell me when I will have an interview?", "Let me know when I can expect an interview.",
           "My resume is attached. I'll follow up Friday.", "I told her you would surely refer her too.",
           "just refer pls", "either one mate whichever pays more. just sort it", "Please just put my name, the HR will "
           "never call me back.", "I will send you the CV now, please do it today.", "Could you write me a reference letter tonight?",
           "I find it very unprofessional that you have gone an entire day without responding to me.", "I'll stop by your office tomorrow with my CV.",
           "I know you are active on LinkedIn.", "Kindly reply. It is very urgent as I have a notice period issue.",
           "That's ridiculous, I have more experience than anyone on that team.",
           "Could you refer me? I'll need to know by end of January because of my move.",
           "I've already put you down as my professional reference, hope that's ok!",
           "What's the band? I'll tell you if it's worth my time.",
           "Honestly, not a great look for your team. I've shipped on platforms far bigger than yours."),
    quiet=("I came across [COMPANY NAME] and would be grateful for a referral.",
           "I am writing to request you to kindly refer me for the Data Analyst role.",
           "I'm sure you can understand why I'm moving.",
           "I would never ask you to say we worked together.", "Nobody checks the spam folder, so I wrote here.",
           "Thanks for the referral! I'll follow up Friday with the portfolio link.",
           "I have 5 years of oncology trial data management with Medidata Rave and CDISC SDTM.",
           "At Alo I run the pass, manage a brigade of eight, write the prep lists and handle ordering.",
           "I am available on Wednesday and Thursday. Kindly inform me which slot is convenient for you.",
           "great thanks Tanya!! im on my phone rn, will send tonight when im home",
           "Thank you again for the referral. They said decision by next Friday.",
           "I'm sure you'll enjoy the talk. Could you refer me for the Data Analyst role?",
           "My resume is attached. I am confident you will find that I meet all of the requirements for the position.",
           "I know it's a lot to ask. Whatever you decide, tell me.", "You must have a lot of these messages.",
           "It would be polite of me to introduce myself first.", "I thought you were in Berlin now!",
           "I applied with my personal email, in case you need to match it.",
           "I was never shown anything but respect and professionalism on your team.",
           "Please accept my most sincere gratitude for your kind assistance.",
           "Then I saw you're there now, which is awesome!!",
           "If you'd rather I just apply and name you as my referrer in the form, that's completely fine too.", "Thanks for the referral, it helped.",
           "I can't wait to hear how it went!", "It would only take a few minutes of your time, if you're open to it.", "Totally fine if you're too busy to answer.", "Saw Lattice is hiring a PM and thought of you right away.", "I'd value even five minutes of your time.", "Would you be open to referring me for the role?", "Could you tell me whether it's worth my time to apply?",
           "It's not ridiculous to ask, I hope!", "I'm moving to Berlin by the end of January.",
           "I expect a big increase, at least 40% over my current salary.", "I'd like you to meet my colleague Ana.", "Thank you for your prompt reply.", "I can discuss salary already, I am expecting around 70k.", "I'd like to list you as a reference, if that's okay.",
           "I would love to list you as a reference. Would you be willing?", "Could I put you down as a reference?", "Just reply yes or no, and it's okay to say no.", "Could you send me the form so I can fill it in tonight?", "I could call you Tuesday at 10 if that suits you.",
           "I'll call you Tuesday at 10, if that works?", "Just tell me the time and I will call you.",
           "Thanks so much, Sam! I will forward the confirmation email to you today.", "I'll forward that to you.", "I put my application in today, thanks again!", "I walked over to the recruiter booth at the fair.", "Just tell me the time and I will call you.", "I am in Athens until Friday, if you have time for a coffee.",
           "Can you refer me?", "Thanks in advance for the referral.",
           "I'd be grateful if you would please send me the link.", "I'm sure you're busy.",
           "I'm sure you'd be a great mentor.",
           "if you see this and like what I do... pls refer me to your company", "I'm not demanding anything.",
           "Please find my resume attached.", "I saw the opening and immediately thought of you.",
           "I studied at NYU and have an MBA and AWS certifications.", "The application closes by Friday.",
           "If you like my work, take a look and refer me.", "I look forward to your reply.",
           "I'd love to connect and help your team ship faster.", "E-mail me whenever you like.",
           "hey daniel!! saw ur post, super cool.", "Thank you so much!!", "Congrats on the promotion!!",
           "thx a lot meera!!", "omg thank u so much li!!!", "Hiii Sam!! I saw your post that your team is hiring!!",
           "yo sam, saw stripe is hiring!! so cool",
           "Just wanted to make sure you saw my last message.",
           "Could you pass my resume on to contacts who might be able to hire me?",
           "Could you pass my resume to the hiring manager?", "I was told they fast-track referred candidates.",
           "I heard referrals get me through the screen faster.",
           "I'd love to tell the team about my work and get them to pick my brain.", "Let's talk this through.",
           "Thank you so much for agreeing to refer me! Could you let me know once you have submitted it?",
           "I'd be glad to help each other out.", "I can send a summary so it takes you two minutes.",
           "I've drafted the form so it would only take you a few minutes to check.",
           "Could you submit the referral for me once I've applied?",
           "I think you should be able to see my application in the portal.",
           "If you do refer me, you should get an email from the portal to confirm.",
           "Would you be open to a short call? If so, when are you free?", "no worries if not, thx!!",
           "Here's my CV. Let me know if you need anything else!!",
           "My family is why I want to move back to Toronto.", "So you can see my work, here is my portfolio.",
           "I'll submit my application today, so thank you for the tip.", "Reply at the earliest convenience.",
           "I hope to hear back soon.", "I'll know soon whether I got the offer.",
           "I can start the job right away.", "I need a job that uses my SQL skills.",
           "Please consider me for the Data Analyst role.", "The role requires SQL.",
           "I'll keep following up with the recruiter on my side.", "Could you just let me know either way?",
           "If you're open to it, let's hop on a quick call this week.", "I look forward to hearing from you.",
           "It's not urgent at all.",
           "Thank you for your prompt response!", "I learn fast and like teams that move fast.",
           "I'd be looking forward to joining the team if it works out.", "I've blocked time for a call with my mentor.",
           "I understand you can't make an exception, thank you for explaining.",
           "I'll apply anyway and send you the job ID. Thanks for checking regardless!",
           "I know December is busy, so no pressure at all. The advert closes on 15 December; if you had five minutes "
           "before then, I'd be very grateful.",
           "I'm on a Graduate visa valid until August 2027, so I'd need sponsorship.",
           "The posting closes Friday, so if you could refer me before then that would be great, but no worries if not.", "I want you to know how much I enjoyed your talk.",
           "Please help me to check the status with HR when you have time.", "Please refer me if you can.",
           "I thought you'd at least enjoy the talk, so I sent the link.",
           "I know where I stand on the waitlist.", "The results came back by Friday at the latest."),
    rationale="Demands and pressure make a favour feel owed; people ignore rather than decline them.",
)

RULES = [DEMANDING]
