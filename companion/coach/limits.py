"""LinkedIn's hard limits and our recommended lengths per surface, in UTF-16 code units (sources:
docs/rules.md, "Recommended lengths"). The limit the page itself declares always wins."""

HARD_LIMITS = {"connection_note": 300, "message": 8000, "inmail": 1900, "follow_up": 8000}
INMAIL_SUBJECT_LIMIT = 200
RECOMMENDED = {"connection_note": (60, 300), "message": (250, 800), "inmail": (200, 800), "follow_up": (40, 400)}


def limits(ctx) -> tuple[int, int, int]:
    """(what LinkedIn allows, recommended min, recommended max) for the context's surface; the
    limit the draft or its composer declares wins, and the range never exceeds it."""
    allowed = ctx.limit or (ctx.composer.limit if ctx.composer is not None else None) or HARD_LIMITS[ctx.surface]
    lo, hi = RECOMMENDED[ctx.surface]
    return allowed, min(lo, allowed), min(hi, allowed)
