"""Write what is generated from the rule registry: `python scripts/rules_doc.py`.

- docs/rules.md: the table of rules (code, severity, surfaces, context needed, checklist item) and
  every rule's own examples, between the two markers below; the prose around them is by hand.
- extension/src/panel/rules.js: each rule's one-line rationale, which the sidebar shows beside a
  rule's code (in a card's menu and in "Rules you switched off") so the user knows what it checks.

tests/test_coach_examples.py fails when either committed file is stale.
"""

import json

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion.coach.engine import ALL_SURFACES, example_surface  # noqa: E402
from companion.coach.registry import RULES  # noqa: E402

DOC = ROOT / "docs" / "rules.md"
PANEL_RULES = ROOT / "extension" / "src" / "panel" / "rules.js"
BEGIN = "<!-- generated from the rule registry by scripts/rules_doc.py: do not edit by hand -->"
END = "<!-- end of generated part -->"
_SURFACE = {"connection_note": "note", "message": "message", "inmail": "InMail", "follow_up": "follow-up"}


def _surfaces(rule) -> str:
    if rule.surfaces == ALL_SURFACES:
        return "all"
    return ", ".join(_SURFACE[s] for s in ("connection_note", "message", "inmail", "follow_up") if s in rule.surfaces)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"`{text[:70]}…` ({len(text)} characters)" if len(text) > 90 else f"`{text}`"


def generated() -> str:
    out = [BEGIN, "", "| code | severity | surfaces | needs | checklist |", "|---|---|---|---|---|"]
    for rule in RULES:
        needs = ", ".join(sorted(rule.needs)) or "–"
        out.append(f"| [`{rule.code}`](#{rule.code.replace('.', '')}) | {rule.severity} | {_surfaces(rule)} | "
                   f"{needs} | {rule.checklist or '–'} |")
    out += ["", "### Examples each rule checks itself against", "",
            "Run by tests/test_coach_examples.py on the rule's first surface (a message when it applies "
            "there), writing to Sam Lee at Stripe. Rules that need a profile or the outreach log are tested "
            "with that context in their own tests.", ""]
    for rule in RULES:
        if not (rule.fires or rule.quiet):
            continue
        out.append(f"- `{rule.code}` ({example_surface(rule)})")
        out += [f"  - fires: {_quote(t)}" for t in rule.fires]
        out += [f"  - quiet: {_quote(t)}" for t in rule.quiet]
    out += ["", END]
    return "\n".join(out)


def render(doc: str) -> str:
    """`doc` with its generated part replaced (appended after the first heading when missing)."""
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        return head + generated() + rest.split(END, 1)[1]
    first, _, rest = doc.partition("\n\n")
    return first + "\n\n" + generated() + "\n\n" + rest


def panel_rules() -> str:
    why = json.dumps({rule.code: rule.rationale for rule in RULES}, indent=2, sort_keys=True, ensure_ascii=False)
    item = json.dumps({rule.code: rule.checklist for rule in RULES if rule.checklist}, indent=2, sort_keys=True)
    return ("// Generated from the rule registry by scripts/rules_doc.py: do not edit by hand.\n"
            "// What each rule checks and why, shown beside its code in the sidebar.\n"
            f"export const RULE_WHY = Object.freeze({why});\n"
            "// The checklist item each rule decides: the sidebar shows an item's findings as one card.\n"
            f"export const RULE_ITEM = Object.freeze({item});\n")


def main() -> int:
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    PANEL_RULES.write_text(panel_rules(), encoding="utf-8")
    print(f"wrote {DOC} and {PANEL_RULES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
