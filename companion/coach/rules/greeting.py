"""personal.greeting: the greeting leaves out the name of someone whose name is known ("Hi there,",
"Hello,"). In the dev set and the held-out sets, 9 of the 13 labelled messages that open so are ones
their sources criticise. (A wrong name, or "Dear Sir", is fact.name-mismatch.)"""

import re

from companion.coach.analysis import AnalysedDraft
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule
from companion.coach.matching import known_to_them, recipient_name

# A greeting word, perhaps "there" or "all", then punctuation, the line's end, or the next sentence.
# A title for whoever reads it ("Dear Hiring Manager", "To whom it may concern") is as nameless as "Hi there".
_GREETING = re.compile(
    r"^[^\w\[{<]*((?i:hi|hello|hey|dear|greetings|hiya|howdy|good (?:morning|afternoon|evening|day)|"
    r"to whom it may concern))"
    r"([ \t]+(?i:there|all|everyone|everybody|folks|friend|team|recruiter|(?:the[ \t]+)?(?:hiring|recruiting|recruitment|"
    r"talent(?:[ \t]+acquisition)?|HR|human resources)(?:[ \t]+(?:manager|professional|team(?:[ \t]+member)?|committee|partner|specialist))?)\b)?"
    r"(?=[ \t]*(?:[,!.:;—–-]|\n|$)|[ \t]+(?:I|I['’](?:m|ve|d)|My|Hope|Hoping|Thanks|Thank|It['’]s|Just)\b)")
# "Hi, Rohan" or "Hello, Tasha!": the name follows the comma.
_NAME_NEXT = re.compile(r"[ \t]*[,!.:;]?[ \t]*[A-Z][\w'’-]*[ \t]*(?:[,!.:;\n]|$)")


def _nameless(draft: AnalysedDraft, ctx: CoachContext):
    name = recipient_name(ctx)
    m = _GREETING.match(draft.text) if name else None
    if m is None or _NAME_NEXT.match(draft.text, m.end()):
        return
    first = name.split()[0]
    word = "Dear" if m[1].lower().startswith("to ") else m[1]
    yield GREETING.finding(
        f"The greeting leaves out {first}'s name. Their name first shows the note was written to them, "
        "not pasted to a list.", draft, m.span(1), replacement=f"{word} {first}", fix_span=(m.start(1), m.end()),
        suggestion=f"Greet them by name: \"{word} {first},\".")


GREETING = Rule(
    code="personal.greeting", severity="info", check=_nameless, reads_english=True, judges_words=True,
    surfaces=ASK_SURFACES,
    abstains=known_to_them,  # in a conversation already going, "Hi!" is how people answer
    fires=("Hi there, could you refer me for the Data Analyst role? Thanks!", "Hello,\n\nI'm applying for a role.",
           "Hi! Saw Stripe is hiring.", "Dear Hiring Manager,\n\nI'm applying for a role.",
           "To whom it may concern,\nI'm applying for a role.", "Dear Hiring Team Member,\nI'm applying."),
    quiet=("Hi Sam, could you refer me? Thanks!", "Hello, Sam!\n\nI'm applying for a role.", "Dear Mr. Lee,",
           "I'm applying for the Data Analyst role at Stripe."),
    rationale="A greeting with their name is the first sign the message was written for them.",
)

RULES = [GREETING]
