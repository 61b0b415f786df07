"""LinkedIn's hard limits and our recommended lengths per surface, in UTF-16 code units.

Hard limits: connection note 300 (200 on free accounts when the page says so), InMail subject
200 / body 1,900, message 8,000. The limit the page itself declares always wins.

Recommended ranges (see docs/rules.md, "Recommended lengths", for the sources):
- connection_note 60-300: the note must fit role, company and one personal line; the cap is the
  hard limit itself.
- message 250-800: Boomerang's study of 40 million emails (2016) found 50-125 words (roughly
  300-750 characters) got the most replies, declining slowly after 125 words.
- inmail 200-800: LinkedIn's own InMail data (May 2021-April 2022) found InMails under 400
  characters did 22% better than average, 401-800 still 3% better, 801-1,200 6% worse.
- follow_up 40-400: a follow-up restates the ask in a line or two.
"""

HARD_LIMITS = {"connection_note": 300, "message": 8000, "inmail": 1900, "follow_up": 8000}
INMAIL_SUBJECT_LIMIT = 200

RECOMMENDED = {
    "connection_note": (60, 300),
    "message": (250, 800),
    "inmail": (200, 800),
    "follow_up": (40, 400),
}


def declared_limit(ctx) -> int | None:
    """The limit the page declares (the draft's own, else the composer's), if any."""
    if ctx.limit:
        return ctx.limit
    composer = ctx.composer
    return composer.limit if composer is not None and composer.limit else None


def hard_limit(surface: str, declared: int | None) -> int:
    """The most LinkedIn lets you send on `surface`; the page's declared limit wins."""
    return declared if declared else HARD_LIMITS[surface]


def recommended(surface: str, allowed: int) -> tuple[int, int]:
    """The recommended (min, max) for `surface`, never above what LinkedIn allows."""
    lo, hi = RECOMMENDED[surface]
    return min(lo, allowed), min(hi, allowed)
