"""The explicit list of rules the coach runs, in the order their findings are shown.

No import-time magic: a rule family is a module under rules/ exporting RULES, listed here.
"""

from companion.coach.rules import length

RULES = [
    *length.RULES,
]

RULES_BY_CODE = {rule.code: rule for rule in RULES}
