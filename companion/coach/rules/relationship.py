"""relationship.how-we-met: their profile and yours share an employer or school the draft omits;
and what counts as shared history when no profile says so."""

import re

from protocol.page import Experience, Profile

from companion.coach.analysis import MONTHS, AnalysedDraft
from companion.coach.engine import ASK_SURFACES, CoachContext, Rule
from companion.coach.matching import (
    any_same_company, find_company, known_to_them, mention_aliases, recipient_company, same_employer, same_school,
    short_name,
)
from companion.coach.rules.length import limits

# Talking before, placed in time or place: "talking to you at the SQL user group", "speaking with me yesterday".
TALKED_BEFORE = (r"(?:talking|speaking|chatting|meeting)\s+(?:to\s+|with\s+)?(?:you|me)\s+"
                 r"(?:at|during|on|last|yesterday|earlier|today|this\s+(?:morning|afternoon|week))"
                 # "We last spoke when I was looking at the Staff role" ("since we last spoke!" says no more than that)
                 r"|we\s+last\s+(?:spoke|talked|chatted|met|emailed)\b[^.!?\n]{0,20}?\b(?:when|about|at|during)")
# A past the two share, said in so many words: "fellow DePaul grad", "your alma mater", "we both spent
# time at Stripe", "our Microsoft days", "the same cohort", "long time since IIT Kanpur hostel days".
# personal.generic and relationship.cold-ask both accept it.
SHARED_PAST = (r"fellow\s+(?:[\w.'’-]+\s+){0,4}?(?:alum(?:ni|na|nus)?|graduate|grad|student|classmate)s?|"
               r"alma\s+mater|we(?:'re|\s+are)?\s+both(?!\s+(?:very\s+|so\s+)?(?:busy|swamped|slammed|short\s+on))|"
               r"our\s+(?:[\w.'’-]+\s+){1,2}days|"
               r"our\s+(?:days|time)\s+(?:at|in|with|together)\b|"
               r"(?:same|our)\s+(?:team|class|program|cohort|bootcamp|school|university|college|meetup|group)|"
               r"you\s+(?:kindly\s+|once\s+|already\s+)?(?:supervised|managed|mentored|taught|hired|interviewed|coached|"
               r"referred|recommended|trained|walked|showed|guided)\s+(?:me|my|us)\b|"
               # Time in their group: "I interned with your water-resources group in Bergen".
               r"i\s+(?:interned|worked|volunteered|trained|studied)\s+(?:with|in|on|under|for)\s+your\s+"
               r"(?:[\w'-]+\s+){0,3}?(?:team|group|lab|department|unit|ward|class|office|project)\b|"
               # What they did with or for the writer: "the mock interview you did with me", "the tip you gave me".
               r"you\s+(?:did|ran|held|hosted|organi[sz]ed|conducted|gave)\s+(?:with\s+|for\s+)?(?:me|us)\b|"
               # Work handed between them: "the dairy forecast you handed over to me".
               r"you\s+(?:handed|passed|gave|left)\s+(?:it\s+|them\s+)?(?:over|on)\s+to\s+(?:me|us)\b|"
               r"you\s+were\s+(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:manager|supervisor|mentor|professor|teacher|lead|boss|"
               r"instructor|advisor|adviser|coach|tutor|director|head|preceptor|colleague|teammate|classmate|trainer)|"
               # A school or lab the two share: "you're also a General Assembly grad", "I joined your old lab".
               r"you(?:'re|\s+are|\s+were)\s+(?:also|too)\s+(?:an?\s+)?(?:[\w'.-]+\s+){0,4}?(?:grad(?:uate)?|alum(?:ni|na|nus)?|"
               r"classmate)s?\b|your\s+(?:old|former)\s+(?:lab|team|group|class|department)\b|"
               r"i(?:'m|\s+am)?\s+(?:also|too)\s+graduated\s+(?:from|of|at)\b|"
               # What the two made, told as known to both: "looks a lot like what we built at Ferro".
               r"(?:what|like|as)\s+we\s+(?:built|did|shipped|made|ran|launched|designed)\s+(?:together|at|in|on|back)\b|"
               r"we\s+(?:\w+ed|ran|did|built|made|led|wrote|taught|spent|had|went|shared|took|won|began)\s+"
               r"(?:[\w'-]+\s+){0,3}?together\b|"
               # A meeting that happened ("it was nice to meet and discuss research with you"), a memory they
               # are asked to share ("you may remember that I wrote…", "as you know, I was…").
               r"(?:was|were)\s+(?:so\s+|really\s+)?(?:great|nice|good|lovely|a\s+pleasure)\s+to\s+(?:meet|see|chat|"
               r"talk|speak)\b|"
               r"you\s+(?:may|might|will|probably|possibly)\s+(?:remember|recall)\b|as\s+i\s+hope\s+you\s+"
               r"(?:can\s+|will\s+)?(?:remember|recall)\b|as\s+you\s+know,?\s+i\b|"
               # A memory of the two: "remember the night shift on Ward 7 when we wheeled everyone out?"
               r"(?:remember|recall)\s+(?:when|how|the|that)\b[^.!?\n]{0,80}?\bwe\s+(?:\w+ed|ran|did|built|made|led|"
               r"wrote|spent|had|went|took|won|got|were|stayed|sat|ate|drove|came|saw|met|lost|kept|fought|broke)\b|"
               # Their student, intern or report once: "I was one of your top students", "I learned a lot from you".
               r"(?:i\s+was|as)\s+(?:one\s+of\s+)?your\s+(?:[\w-]+\s+)?(?:students?|interns?|mentees?|employees?|"
               r"reports?|tas?|assistants?|apprentices?)\b|(?:learned|learnt)\s+(?:[\w'-]+\s+){0,3}?from\s+you\b|"
               # Work done for them, or their employer left and wished back: "I wrote the brochures for your spring
               # catalog", "since leaving your employment", "working at Harlow Logistics again".
               r"i\s+(?:wrote|designed|built|made|created|did|handled|organi[sz]ed|ran|led)\s+(?:[\w'-]+\s+){1,4}?for\s+"
               r"(?:you|your)\b|since\s+(?:i\s+)?(?:left|leaving)\s+(?:your|the\s+company|the\s+firm)\b|"
               r"work(?:ing)?\s+(?:at|for|with)\s+[^.!?\n]{1,40}?\s+again\b|"
               # Missing an old acquaintance: "it's been a while since Professor Okoye's seminar", "ages since our
               # Microsoft days"; not the writer's own past ("since I graduated", "since my last note"), nor a bare
               # "since we last spoke", which, like "long time no talk", names none of that past.
               # "Hope all is well since Fort Lee", "hope you're keeping well since Lakeshore" too.
               r"(?:(?:a\s+)?long\s+time|ages|(?:quite\s+)?a\s+(?:long\s+)?while|too\s+long|forever|so\s+long|"
               r"all\s+is\s+well|you(?:'ve|\s+have)\s+been\s+well|(?:keeping|doing|getting\s+on)\s+well)"
               r"\s+since\s+(?!i\b|i'|my\b|(?:our|my)\s+last\b|then\b|last\b|yesterday\b|\d|" + "|".join(MONTHS) + "|"
               r"we\s+(?:last\s+)?(?:talked|spoke|chatted|caught|were\s+in\s+touch)\b)")
# Thanks for something they said or did for the writer: "thanks for the tip at the Oslo DevOps Days booth",
# "thank you again for your advice", "thanks for the quick reply". They talked before. ("Thanks for your time",
# "for connecting" or "in advance" close many a cold ask: not in this list.) cold-ask and personal.generic read it.
THANKED_FOR = (r"(?:thanks?|thank\s+you)\s+(?:(?:so|very)\s+much\s+)?(?:again\s+)?for\s+(?:the|your)\s+"
               r"(?:[\w'-]+\s+){0,2}?(?:tips?|advice|pointers?|suggestions?|heads[\s-]up|insights?|guidance|feedback|"
               r"chat|call|conversation|reply|response|answer|message|note)|"
               # A favour they did before: "thank you again for referring me for the analyst role in March", "thank
               # you for referring me", "thanks for the referral anyway" (not "thanks in advance for the referral").
               r"(?:thanks?|thank\s+you)\s+(?:(?:so|very)\s+much\s+)?again\s+for\s+(?:the\s+|your\s+)?"
               r"(?:referral|recommendation|intro(?:duction)?|(?:referring|recommending|introducing)\s+me)|"
               r"(?:thanks?|thank\s+you)\s+(?:(?:so|very)\s+much\s+)?for\s+"
               r"(?:(?:referring|recommending|introducing)\s+me|"
               r"(?:the|your)\s+(?:referral|recommendation|intro(?:duction)?)\s+(?:anyway|last\s+time|back\s+then))")
# What they said to the writer, reported: "you said you don't refer…", "as you told me": cold-ask reads it as
# an earlier exchange. ("If you said yes" is not one; personal.generic wants more: "like you said" names nothing.)
THEY_SAID = r"(?<!if\s)you\s+(?:said|mentioned|told\s+me|explained)"
# Someone who knows them sent the writer: "Jonah suggested I reach out", "Maya introduced us", "referred by
# Arjun" ("referred by a friend" names nobody). personal.generic and relationship.cold-ask both accept it.
INTRODUCED = (r"(?:suggest(?:s|ed)?|recommend(?:s|ed)?|told me|mentioned) (?:that )?i (?:should )?"
              r"(?:reach out|contact|message|get in touch|talk|speak|write|email|connect)|"
              r"suggested (?:i|that i|reaching out)|introduced (?:me|us)|referred me to you|"
              r"referred (?:to you )?by (?!(?:a|an|the|my|your|our|some\w*|one|linkedin|indeed)\b)[a-z]+|"
              # Someone who told the writer about them: "Sara Ito said you're at Mosaic".
              r"(?<![\w'])(?!(?:i|you|he|she|they|it|someone|somebody|people|everyone|everybody|linkedin|posting|post|"
              r"listing|website|site|page|profile|glassdoor|indeed|article|ad)\b)[a-z]+\s+(?:said|mentioned|told\s+me)\s+"
              r"(?:that\s+)?you(?:'re|\s+are|\s+were|\s+work|\s+worked|\s+lead|\s+run|\s+manage)\b")
# "I also started my career there", "I too interned at Stripe": the writer was where the recipient is.
_ALSO_WAS = re.compile(
    r"\bi (?:also|too) (?:\w+ ){0,3}?(?:worked|work|studied|interned|started|began|spent|graduated|went|was)\b"
    r"[^.!?\n]{0,40}?\b(there|at|from)\b")
_THERE_TOO = re.compile(r"\bi (?:\w+ )?(?:worked|studied|interned|was) there (?:too|as well)\b")


# Asking after something of theirs by its name, as an acquaintance does: "hope the Easton job is wrapping up ok",
# "how did the Q3 launch go?" (not "I hope the Data Analyst job is still open").
_THEIRS_BY_NAME = re.compile(r"\b(?:[Hh]ope|[Hh]ow(?:'s|’s| is| was| did)) (?:the|your) (?:[A-Z0-9][\w'’&-]* ){1,3}"
                             r"(?:job|project|site|build|launch|move|trip|release|season|conference|show|race|"
                             r"expansion|rollout|migration|renovation)s?\b(?! (?:is |was )?(?:still )?(?:open|posted|"
                             r"available|live)\b)")


_WE = re.compile(r"\b(?:we|our|us|together)\b")


def _we_at_their_past(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether a sentence with "we" or "our" names an employer or school from their profile: "the night we spent
    chasing that inverter bug at Sunmesh" recalls a past the two share."""
    profile = ctx.profile
    if profile is None or not _WE.search(draft.lower):
        return False
    places = [e.company for e in profile.experience or () if e.company] + \
             [e.school for e in profile.education or () if e.school]
    lower, text = draft.lower, draft.text
    for place in places:
        full, *others = mention_aliases(place)
        for alias in (full, *others):  # "the Royal Liffey" for Royal Liffey Hospital: a short form, standing as a name
            if alias not in lower:
                continue
            for m in re.finditer(r"\b" + re.escape(alias) + r"\b", lower):
                if (alias == full or _stands_as_a_name(text, m.start(), m.end())) and _WE.search(
                        lower, draft.sentence_start(m.start(), 160), draft.sentence_end(m.end(), 160)):
                    return True
    return False


def _stands_as_a_name(text: str, start: int, end: int) -> bool:
    """A short name in capitals ("NID"), or capitalised alone ("at Sunmesh before"), not part of another name
    ("Cape Town" for Cape Peninsula University of Technology, "Interaction Design" for National Institute of
    Design)."""
    said = text[start:end]
    if said.isupper():
        return True
    before, after = text[max(0, start - 30):start].split()[-1:], text[end:end + 30].split()[:1]
    return said[:1].isupper() and not any(w[:1].isupper() for w in before + after)


def claims_shared(draft: AnalysedDraft, ctx: CoachContext) -> bool:
    """Whether the draft says the writer worked or studied where the recipient is ("there", or
    their company by name), recalls "we" at a place on their profile, or asks after something of theirs by name
    ("hope the Easton job is wrapping up"): shared history that no profile may show."""
    lower = draft.lower
    if ("hope" in lower or "how" in lower) and _THEIRS_BY_NAME.search(draft.text):
        return True
    if "there" in lower and _THERE_TOO.search(lower):  # substring tests in C first: this runs per keystroke
        return True
    if _we_at_their_past(draft, ctx):
        return True
    if "also" not in lower and "too" not in lower:
        return False
    company = recipient_company(ctx)
    return any(m.group(1) == "there" or company and find_company(lower[m.end():m.end() + 60], company)
               for m in _ALSO_WAS.finditer(lower))


def _span(exp: Experience) -> str:
    """"2016–2019" or "2019–present" over all roles there; "" when no start is known."""
    starts = [r.start.year for r in exp.roles if r.start]
    if not starts:
        return ""
    ends = [r.end.year for r in exp.roles if r.end]
    return f"{min(starts)}–{'present' if any(r.current for r in exp.roles) else max(ends, default='?')}"


def shared_history(profile: Profile, own: Profile) -> list[tuple[str, str, str, str, str]]:
    """(kind, name, detail, source, own name) for each named employer and school both profiles list, once
    each: a profile may list one school twice (a BTech and an MTech there) or return to an employer."""
    found: list[tuple[str, str, str, str, str]] = []
    for i, theirs in enumerate(profile.experience or ()):
        mine = next((e for e in own.experience or () if same_employer(theirs, e)), None)
        if theirs.company and mine is not None and not any_same_company(theirs.company, (f[1] for f in found)):
            t, m = _span(theirs), _span(mine)
            found.append(("shared_employer", theirs.company, f" (they {t}, you {m})" if t and m else "",
                          f"profile.experience[{i}].company", mine.company or theirs.company))
    for i, theirs in enumerate(profile.education or ()):
        mine = next((e for e in own.education or () if same_school(theirs, e)), None)
        if theirs.school and mine is not None and not any_same_company(theirs.school, (f[1] for f in found)):
            found.append(("shared_school", theirs.school, "", f"profile.education[{i}].school",
                          mine.school or theirs.school))
    return found


# A line the suggestion may quote whole: beyond it, on a short note, it would eat the room the ask needs.
_NOTE_ROOM = 0.25


def _how_we_met(draft: AnalysedDraft, ctx: CoachContext):
    shared = shared_history(ctx.profile, ctx.own_profile)
    # Named as the page or as the writer's own profile has it ("UMich" for University of Michigan).
    if not shared or any(find_company(draft.lower, name) or find_company(draft.lower, own)
                         for _, name, _, _, own in shared):
        return
    allowed = limits(ctx)[0]
    for kind, name, detail, source, _ in shared[:2]:
        verb = "worked at" if kind == "shared_employer" else "studied at"
        line = f"We both {verb} {short_name(name)}."
        if draft.utf16_length + len(line) + 1 > allowed or len(line) > allowed * _NOTE_ROOM:
            # A long school name would push a connection note over its limit, or leave the ask no room.
            suggestion = ("Mention it in a few words, by the short name you both know it by (often its "
                          "initials), as in \"Fellow … alum here.\"" if kind == "shared_school"
                          else "Mention it in a few words, by the short name you both know it by.")
        else:
            suggestion = f"Mention it in one line, e.g. \"{line}\""
        yield HOW_WE_MET.finding(
            f"You both {verb} {short_name(name)}{detail}, and the draft does not say so. A shared employer or "
            "school is the most natural reason for them to help you.",
            suggestion=suggestion,
            data={"kind": kind, "name": name, "source": source},
        )


HOW_WE_MET = Rule(
    code="relationship.how-we-met", severity="hint", check=_how_we_met, judges_ask=True,  # not on a thank-you
    abstains=known_to_them,  # nor to someone who knows you already
    surfaces=ASK_SURFACES,
    needs=frozenset({"profile", "own_profile"}),
    rationale="Shared history turns a cold ask into a warm one; use it when you have it.",
)

RULES = [HOW_WE_MET]
