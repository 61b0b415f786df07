"""Personalization hints from the recipient's profile, the user's own, and the thread, strongest first:
text to insert, why it helps, source field (docs/pages.md, "Hints"). Nothing invents a fact the page did not show.
"""

import re
from datetime import datetime

from protocol.feedback import Hint
from protocol.page import DateParts, Profile

from companion.coach.analysis import AnalysedDraft
from companion.coach.due import COLD_DAYS
from companion.coach.intent import open_request, they_agreed
from companion.coach.matching import (
    any_same_company, find_company, is_recruiter, mentioned_post, same_employer, same_school, short_name,
)
from companion.coach.mentions import mentions_person
from companion.coach.outreach_view import as_utc, page_time
from companion.coach.stated import speaks_of_time_passed, tells_its_timeline

MAX_HINTS = 6
RECENT_MOVE_MONTHS = 6
RECENT_POST_DAYS = 30  # "recent" only within this many days of the page's capture
LONG_TENURE_YEARS = 3

# Each producer returns (hint, what in the draft means it is already used: words that must all be in
# it, a pattern on its lower-cased text, or a test of that text).
Offer = tuple[Hint, "tuple[str, ...] | re.Pattern[str] | Callable[[str], bool]"]
OLD_POST_DAYS = 365  # a post older than this is no longer a natural opener
# LinkedIn's own announcements ("I'm happy to share that I've obtained a new certification") say
# nothing of theirs worth enjoying.
_ANNOUNCEMENT = re.compile(r"(?i)^(?:i['’]?m|i am) (?:happy|excited|pleased|thrilled|proud) "  # "I’m": LinkedIn's
                           r"to (?:share|announce)\b.{0,80}\b"
                           r"(?:certification|certificate|new position|badge|course|started a new)")
# What the certification is: "…a new certification: Professional Cloud DevOps Engineer from Google Cloud!"
_CERTIFICATION = re.compile(r"(?i)\bcertification: ([^!\n]{3,120}?)(?: from [^!\n]{2,60})?!?$")
_MENTIONS_POST = re.compile(r"\b(?:your|ur) (?:\w+ ){0,3}(?:post|article|talk|writing|write-?up)")

def _month_index(d: DateParts | datetime | None, default_month: int) -> int | None:
    return None if d is None else d.year * 12 + (d.month or default_month) - 1


def _span(start: DateParts | None, end: DateParts | None, current: bool, now: datetime) -> tuple[int, int] | None:
    lo = _month_index(start, 1)
    if lo is None:
        return None
    hi = _month_index(now, 1) if current else _month_index(end, 12)
    return lo, max(lo, hi if hi is not None else lo)


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> str | None:
    """The years two month spans share ("2019" or "2019–2021"), or None when they do not overlap."""
    if not (a and b) or max(a[0], b[0]) > min(a[1], b[1]):
        return None
    lo, hi = max(a[0], b[0]) // 12, min(a[1], b[1]) // 12
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _roles(profile: Profile):
    for i, exp in enumerate(profile.experience or []):
        for j, role in enumerate(exp.roles):
            yield i, j, exp, role


def shared_employers(ctx) -> list[Offer]:
    out: list[Offer] = []
    seen: list[str] = []
    for i, j, exp, role in _roles(ctx.profile):
        for _, _, mine, my_role in _roles(ctx.own_profile):
            name = exp.company or mine.company  # an entry may link the company's page without its name
            if not name or not same_employer(exp, mine) or any_same_company(name, seen):
                continue
            years = _overlap(_span(role.start, role.end, role.current, ctx.now),
                             _span(my_role.start, my_role.end, my_role.current, ctx.now))
            if years is None:
                continue
            seen.append(name)
            text = (f"We both work at {name}." if role.current and my_role.current
                    else f"We were both at {name} in {years}.")
            why = (f"You overlapped at {name} ({role.dates or '?'} for them, {my_role.dates or '?'} for "
                   "you): a shared employer is the strongest reason for a stranger to help.")
            out.append((Hint(kind="shared_employer", text=text, why=why,
                             source=f"profile.experience[{i}].roles[{j}].dates"), _names_place(name, mine.company)))
    for i, _, exp, _ in _roles(ctx.profile):  # same employer, different years: still common ground
        mine = next((m for _, _, m, _ in _roles(ctx.own_profile) if same_employer(exp, m)), None)
        name = mine and (exp.company or mine.company)
        if name and not any_same_company(name, seen):
            seen.append(name)
            out.append((Hint(kind="shared_employer", text=f"Like you, I worked at {name}.",
                             why=f"You both worked at {name}, at different times: a shared alma mater of sorts.",
                             source=f"profile.experience[{i}].company"), _names_place(name, mine.company)))
    return out


def shared_schools(ctx) -> list[Offer]:
    out: list[Offer] = []
    mine = ctx.own_profile.education or []
    seen: set[str] = set()
    for i, edu in enumerate(ctx.profile.education or []):
        if not edu.school or (edu.school_url or edu.school.casefold()) in seen:
            continue
        own = next((o for o in mine if same_school(edu, o)), None)
        if own is None:
            continue
        seen.add(edu.school_url or edu.school.casefold())
        name = short_name(edu.school)  # not the address LinkedIn lists after some schools' names
        years = _overlap(_span(edu.start, edu.end, False, ctx.now), _span(own.start, own.end, False, ctx.now))
        text = f"We were both at {name} in {years}." if years else f"I also studied at {name}."
        out.append((Hint(kind="shared_school", text=text, source=f"profile.education[{i}].school",
                         why=f"You both studied at {name}: alumni answer alumni."),
                    _names_place(edu.school, own.school)))
    return out


def _names_place(*names: str | None):
    """Used when the draft names the place as the rules see it (`find_company`: "JNTU", "KITS Warangal",
    "Waterloo grads"), as the page or the writer's own profile has it."""
    return lambda lower: any(find_company(lower, n) for n in names if n)


def _quote(text: str, limit: int = 90) -> str:
    """The first sentence of `text`, cut at a word boundary within `limit` characters and marked "…"
    when cut (a quote that stops mid-phrase must not read as their words)."""
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0].rstrip(" .!?")
    first = first.replace("“", "‘").replace("”", "’")  # inside our own double quotes
    if len(first) <= limit:
        return first
    cut = first[:limit + 1].rsplit(None, 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def _post_offer(ctx, i: int, used) -> Offer | None:
    """The hint for their post `i` (None when it is too old to open with), marked by `used`."""
    post = ctx.profile.posts[i]
    when = page_time(post.posted_at)
    days = (as_utc(ctx.captured_at or ctx.now) - when).days if when else None
    if used is not True and days is not None and days > OLD_POST_DAYS:
        return None  # a post older than a year is no opener; one the draft already cites is still credited
    source = f"profile.posts[{i}].text"
    cert = _CERTIFICATION.search(post.text) if _ANNOUNCEMENT.match(post.text.strip()) else None
    if cert:
        return (Hint(kind="recent_post", text=f"Congratulations on your {cert.group(1).strip()} certification!",
                     why=f"They announced it{f' in {when:%B %Y}' if when else ''} in LinkedIn's stock words: "
                         "congratulating them is an easy, true opener, though it says less than their own post.",
                     source=source, link=post.url), used)
    # Quoted only in English: an Italian line in an English message reads as pasted by a machine.
    topic = f": “{_quote(post.text)}”" if AnalysedDraft(post.text).english else ""
    if days is not None and 0 <= days <= RECENT_POST_DAYS:
        text = f"I enjoyed your recent post{topic}."
        why = f"They posted this {days} days ago; mentioning it shows you read their work, not just their title."
    else:
        text = f"I enjoyed your post{f' from {when:%B %Y}' if when else ''}{topic}."
        why = "Mentioning something they wrote shows you read their work, not just their title."
    if not topic:
        why += " Say in a few words what it was about."
    return Hint(kind="recent_post", text=text, why=why, source=source, link=post.url), used


def recent_post(ctx, lower: str = "") -> list[Offer]:
    """The post the draft already talks about, marked used (its words match that post, not just "your
    post": `matching.mentioned_post`); else their first own post within a year, else their first
    certification LinkedIn announced for them. Reposts never: someone else's words; nor LinkedIn's other
    announcements (a new position is the recent-move hint's)."""
    posts = ctx.profile.posts or []
    cited = mentioned_post(lower, ctx.profile, about_a_post=bool(_MENTIONS_POST.search(lower)))
    if cited is not None:
        offer = _post_offer(ctx, cited, True)
        return [offer] if offer else []
    own = [i for i, p in enumerate(posts) if p.text and not p.reposted]
    words = [i for i in own if not _ANNOUNCEMENT.match(posts[i].text.strip())]
    certs = [i for i in own if i not in words and _CERTIFICATION.search(posts[i].text)]
    for i in words + certs:
        offer = _post_offer(ctx, i, False)
        if offer:
            return [offer]
    return []


def _connections(n: int) -> str:
    return f"{n} connection" if n == 1 else f"{n} connections"


def mutual_connections(ctx, text: str) -> list[Offer]:
    """Their first mutual connection shown, used when the draft names them: not where the writer names
    themselves ("I'm Oksana", "Best, Oksana"), as a mutual may share the writer's first name."""
    p = ctx.profile
    names = p.mutual_names or []
    if names:
        own = ctx.own_profile.name if ctx.own_profile is not None else None
        return [(Hint(kind="mutual_connection", text=f"We're both connected with {names[0]}.",
                      why=f"You share {_connections(p.mutual_count or len(names))}, and a name they know makes "
                          f"the ask warmer. Check with {names[0]} before you name them.",
                      source="profile.mutual_names[0]"), mentions_person(text, names[0], own))]
    if p.mutual_count:
        return [(Hint(kind="mutual_connection", text="We have a few connections in common.",
                      why=f"You share {_connections(p.mutual_count)}.", source="profile.mutual_count"), ())]
    return []


def _city(location: str | None) -> str:
    city = (location or "").split(",")[0]
    return city.replace("Greater", "").replace("Metropolitan Area", "").replace("Area", "").strip()


def same_city(ctx) -> list[Offer]:
    theirs, mine = _city(ctx.profile.location), _city(ctx.own_profile.location)
    if theirs and mine and theirs.casefold() == mine.casefold():
        return [(Hint(kind="same_city", text=f"I'm also based in {theirs}.", source="profile.location",
                      why="Being in the same city makes a coffee or a quick call easy to offer."),
                 re.compile(r"\b(?:based|live|living|located|i'm|i am|also)\b[^.!?]{0,30}"
                            + re.escape(theirs.casefold())))]
    return []


def tenure_or_move(ctx) -> list[Offer]:
    for i, j, exp, role in _roles(ctx.profile):
        if not role.current or role.start is None:
            continue
        now = _month_index(ctx.now, 1)
        if 0 <= now - _month_index(role.start, 1) <= RECENT_MOVE_MONTHS:
            where = f"{role.title + ' at ' if role.title else ''}{exp.company or 'your company'}"
            return [(Hint(kind="recent_move", text=f"Congratulations on your new role as {where}!",
                          why=f"They started {role.dates or 'recently'}; a new role is a natural opener.",
                          source=f"profile.experience[{i}].roles[{j}].start"), ())]
        # Tenure at the company counts every role there, not only the latest.
        first_j, first = min(((k, r) for k, r in enumerate(exp.roles) if r.start),
                             key=lambda kr: _month_index(kr[1].start, 1))
        years = (now - _month_index(first.start, 1)) // 12
        if years < LONG_TENURE_YEARS or is_recruiter(ctx):
            return []  # a recruiter's view of the team is not why one writes to them
        yours, theirs = exp.company or "your company", exp.company or "their company"  # said to them / of them
        return [(Hint(kind="tenure", text=f"You have been at {yours} for {years} years, so I would value your view "
                                          "of the team.",
                      why=f"They have been at {theirs} since {first.start.year}: they can speak to the culture.",
                      source=f"profile.experience[{i}].roles[{first_j}].start"),
                 # "you've been there 5 years"; not the writer's own "5 years of experience"
                 re.compile(rf"\byou(?:'ve| have)? (?:been|spent|worked)\b[^.!?]*\b{years} years"
                            rf"|\byour {years} years"))]
    return []


def last_talked(ctx, lower: str) -> list[Offer]:
    """When you last wrote to each other, from the thread. None when the draft tells its own timeline
    ("my note from two weeks ago", or a follow-up where the thread has months of silence): a line with
    other dates would contradict it; nor when your last messages asked nothing, so nothing waits for them."""
    messages = ctx.thread.messages if ctx.thread is not None else []
    for k, msg in reversed(list(enumerate(messages))):
        when = page_time(msg.sent_at)
        if when is None:
            continue
        days = (as_utc(ctx.now) - when).days
        if days < 0:
            return []
        if days < 14:
            phrase = "last week" if days >= 7 else "a few days ago" if days >= 2 else "recently"
        elif days < 60:
            phrase = f"{days // 7} weeks ago"
        elif days < 730:
            phrase = f"{days // 30} months ago"
        else:
            phrase = f"{days // 365} years ago"
        if msg.sender == "me" and days < COLD_DAYS:
            if not open_request(ctx.thread):
                return []  # your last word asked nothing ("Thanks Fatima!!"): there is nothing to follow up on
            text = f"Following up on my message from {phrase}."
        elif msg.sender == "them" and days < 14:
            text = "Thanks for your reply."
        else:  # months later a new message opens afresh rather than "following up"
            text = f"It's been {phrase.removesuffix(' ago')} since we last spoke."
        gap = text.startswith("It's been")
        if tells_its_timeline(lower) or gap and they_agreed(ctx.thread):
            return []  # the draft says it already ("bumping my note"), or the wait since their yes is theirs
        who = "they wrote to you" if msg.sender == "them" else "you wrote to them"
        why = f"The last time {who} here was {phrase}."
        # Done when the draft already speaks of the gap ("it's been a while", "sorry for going quiet"), or thanks
        # them for their reply in its own words ("Thanks so much, Marta!").
        used = speaks_of_time_passed if gap else _thanks if msg.sender == "them" else ()
        return [(Hint(kind="last_talked", text=text, why=why, source=f"thread.messages[{k}].sent_at"), used)]
    return []


def _thanks(lower: str) -> bool:
    from companion.coach.rules.courtesy import has_gratitude  # here: the rules import the coach's modules
    return has_gratitude(AnalysedDraft(lower))


def hints(text: str, ctx, icebreakers: bool = True) -> list[Hint]:
    """Hints for the draft `text` in `ctx` (a CoachContext), strongest first. A hint the draft already
    uses stays in the list marked `used`, so the panel shows it as done instead of offering it again.
    Without `icebreakers` (a reply to them), only when you last talked."""
    offers: list[Offer] = []
    lower = text.casefold().replace("’", "'")  # as the rules read it: straight apostrophes
    # A follow-up restates the ask in a line or two, and a reply answers them: a post, a mutual or their
    # tenure would be padding.
    if icebreakers and ctx.profile is not None and ctx.surface != "follow_up":
        both = ctx.own_profile is not None and not ctx.profile.is_self
        offers += (shared_employers(ctx) + shared_schools(ctx)) if both else []
        offers += recent_post(ctx, lower) + mutual_connections(ctx, text) + (same_city(ctx) if both else [])
        # Their tenure is the last resort: beside a shared past, a post or a mutual, it is padding.
        offers += [o for o in tenure_or_move(ctx) if o[0].kind != "tenure" or not offers]
    offers += last_talked(ctx, lower)
    return [h.model_copy(update={"used": True}) if _uses(lower, used) else h for h, used in offers][:MAX_HINTS]


def _uses(lower: str, used) -> bool:
    if isinstance(used, bool):  # decided by the producer (the post the draft's words point at)
        return used
    if callable(used):
        return bool(used(lower))
    if isinstance(used, re.Pattern):
        return bool(used.search(lower))
    return bool(used) and all(w and w.casefold() in lower for w in used)
