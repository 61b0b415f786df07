"""followup.pressure: a follow-up that guilt-trips instead of nudging.

"Did you see my message?", "still waiting" and "I haven't heard back" as a reproach make the
recipient feel accused for not doing you a favour. A good follow-up assumes the first message got
buried, restates the ask in one line and gives them the out again.
"""

import re

from companion.coach.engine import phrase_rule

_PRESSURE = re.compile(
    r"\bdid you (?:see|get|read|receive|check|even (?:see|read|open)) my (?:last |previous |earlier )?"
    r"(?:message|note|email|inmail|request|dm)\b"
    r"|\bhave you (?:seen|read|gotten|received) my (?:last |previous |earlier )?(?:message|note|email|inmail|request)\b"
    r"|\b(?:see|check|ask|know) (?:if|whether) you (?:ever )?(?:received|got|saw|read|opened) my (?:last |previous |earlier )?"
    r"(?:message|note|email|e-mail|inmail|request)\b"
    r"|\b(?:i'm |i am )?still waiting\b"
    r"|\bi (?:haven't|have not|never) (?:heard back|heard from you|gotten a (?:reply|response)|received a (?:reply|response))"
    r"(?! from (?:the |a |an |their |them\b|hr\b|recruit|anyone else))"
    r"|\byou (?:never|haven't|have not|didn't|did not) (?:replied|reply|responded|respond|answered|answer|got back|get back|read)\b"
    r"|\bwhy (?:haven't|didn't|have you not|did you not) you\b"
    r"|\b(?:you(?:'re| are)|you must be|i guess you're|i guess you are) (?:ignoring|too busy for)\b"
    r"|\b(?:following up|reaching out|writing|messaging) (?:again|once more|for the (?:second|third|fourth|\d+(?:st|nd|rd|th)) time)\b"
    r"|\b(?:this is )?(?:my|the) (?:second|third|fourth|\d+(?:st|nd|rd|th)) (?:message|attempt|time (?:i've|i have) (?:written|messaged|asked))\b"
    r"|\bi(?:'ve| have) (?:messaged|written|asked|pinged|reached out)(?: to)?(?: you)? (?:\w+ )?(?:several|multiple|many|\d+|two|three|a few) times\b"
    r"|\bas i (?:said|mentioned) (?:before|earlier|previously|in my last)\b|\bper my (?:last|previous) (?:message|email|note)\b"
    r"|\bjust (?:a )?(?:reminder|checking) (?:that )?(?:you (?:haven't|didn't))\b"
    r"|\b(?:hello|hi|hey) ?\?\?*(?=\s|$)|\bany update\s*\?{2,}"
)


PRESSURE = phrase_rule(
    "followup.pressure", _PRESSURE,
    "\"{w}\" reads as a reproach for not replying. They owe you nothing, and guilt makes silence easier "
    "than an answer.",
    "Assume your message got buried: \"Bumping this in case it got lost in your inbox — no worries at all "
    "if now isn't a good time.\"",
    severity="error", surfaces=frozenset({"follow_up"}),
    fires=('Hi Sam, did you see my message?', "I'm still waiting for your reply.", 'Just following up to see if you received my last email?',),
    quiet=("Hi Sam, bumping this in case it got buried. No worries if now isn't a good time.",),
    rationale="Follow-ups that guilt-trip get ignored; a light nudge with an out gets answers.",
)

RULES = [PRESSURE]
