"""Every rule against its own declared examples, and docs/rules.md against the registry.

Each rule declares drafts it must fire on and drafts it must stay quiet on (Rule.fires / quiet);
this runs them all through the full analysis, so a rule can only claim what the coach really does.
"""

import importlib.util
from pathlib import Path

import pytest

from companion.coach import CoachContext, analyze
from companion.coach.engine import EXAMPLE_CONTEXT, example_surface
from companion.coach.registry import RULES
from companion.coach.report import CHECKLIST_LABELS

ROOT = Path(__file__).resolve().parents[1]
CASES = [(rule.code, text, True) for rule in RULES for text in rule.fires] + \
        [(rule.code, text, False) for rule in RULES for text in rule.quiet]
BY_CODE = {rule.code: rule for rule in RULES}


@pytest.mark.parametrize("code,text,fires", CASES, ids=[f"{c}-{'fires' if f else 'quiet'}-{i}"
                                                        for i, (c, _t, f) in enumerate(CASES)])
def test_rule_example(code, text, fires):
    rule = BY_CODE[code]
    ctx = CoachContext(surface=example_surface(rule), **EXAMPLE_CONTEXT)
    found = {f.code for f in analyze(text, ctx).findings}
    assert (code in found) == fires, (text, sorted(found))


def test_every_rule_that_runs_on_text_alone_has_examples_both_ways():
    for rule in RULES:
        if rule.needs or rule.code.startswith(("followup.", "referral.")) and rule.code != "followup.pressure":
            continue  # needs the log, a profile or a thread: tested with that context elsewhere
        assert rule.fires and rule.quiet, rule.code


def test_checklist_items_are_declared_by_rules():
    declared = {rule.checklist for rule in RULES if rule.checklist}
    assert declared == {item for item, _label in CHECKLIST_LABELS}


def test_docs_rules_md_is_generated_from_the_registry():
    spec = importlib.util.spec_from_file_location("rules_doc", ROOT / "scripts" / "rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert module.render(doc) == doc, "docs/rules.md is stale: run python scripts/rules_doc.py"
    panel = (ROOT / "extension" / "src" / "panel" / "rules.js").read_text(encoding="utf-8")
    assert module.panel_rules() == panel, "extension/src/panel/rules.js is stale: run python scripts/rules_doc.py"
    for rule in RULES:
        assert f"### `{rule.code}`" in doc, rule.code  # and every rule has its prose entry
