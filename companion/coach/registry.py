"""The explicit list of rules the coach runs, in the order their findings are shown.

No import-time magic: a rule family is a module under rules/ exporting RULES, listed here.
"""

from companion.coach.rules import (
    ask, background, courtesy, fact, followup_pressure, length, personal, privacy, relationship,
    template, tone_demanding,
)
from companion.coach.rules import cold_ask, duplicate, followup, keep_updated
from companion.coach.rules import fact_posts
from companion.coach.rules import tone_model

RULES = [
    # Coach rules, roughly in reading order: what blocks sending, what offends, what is missing.
    *template.RULES, *fact.RULES, *fact_posts.RULES, *length.RULES[:1], *tone_demanding.RULES, *tone_model.RULES, *privacy.RULES,
    *ask.RULES, *personal.RULES, *relationship.RULES, *background.RULES, *courtesy.RULES,
    *length.RULES[1:], *followup_pressure.RULES,
    *duplicate.RULES, *followup.RULES, *cold_ask.RULES, *keep_updated.RULES,
]

RULES_BY_CODE = {rule.code: rule for rule in RULES}
