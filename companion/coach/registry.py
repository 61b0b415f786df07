"""Every rule the coach runs: each module under rules/ exports RULES, so a new rule family is one
new module. Rules are sorted by default severity (errors first); that order only breaks ties among
findings without a range. Why each rule exists: its `rationale`, and its entry in docs/rules.md."""

import importlib
import pkgutil

from companion.coach import rules as _package

RANK = {"error": 0, "warning": 1, "info": 2, "hint": 3}
_MODULES = [importlib.import_module(f"{_package.__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(_package.__path__), key=lambda m: m.name)]
RULES = sorted((rule for module in _MODULES for rule in module.RULES), key=lambda rule: RANK[rule.severity])
RULES_BY_CODE = {rule.code: rule for rule in RULES}
