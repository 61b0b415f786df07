"""LinkedIn's hard limits and our recommended lengths per surface, in UTF-16 code units.

Hard limits: connection note 300 (200 on free accounts when the page says so), InMail subject
200 / body 1,900, message 8,000. The limit the page itself declares always wins.
"""

HARD_LIMITS = {"connection_note": 300, "message": 8000, "inmail": 1900, "follow_up": 8000}
INMAIL_SUBJECT_LIMIT = 200

# Recommended ranges (characters). Short, specific requests get more replies; see docs/rules.md
# for the sources behind these numbers.
RECOMMENDED = {
    "connection_note": (80, 300),
    "message": (300, 1000),
    "inmail": (300, 1200),
    "follow_up": (80, 500),
}


def hard_limit(surface: str, declared: int | None) -> int:
    return declared if declared else HARD_LIMITS[surface]
