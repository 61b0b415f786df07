"""The Feedback around the findings: score formula, checklist order, limits, switches, hints."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.feedback import Feedback, Finding
from protocol.page import Composer, Profile

from companion.coach import CoachContext, analyze
from companion.coach.registry import RULES, RULES_BY_CODE
from companion.coach.report import CHECKLIST, score

GOOD = ("Hi Sam, great meeting you at the Michigan alumni mixer! I'm applying for the Data Analyst role at Stripe and would "
        "be grateful for a referral if you're comfortable. No worries if not. Thank you!")


def f(code, severity):
    return Finding(code=code, severity=severity, message="m")


def test_score_formula():
    assert score([]) == 100
    assert score([f("a", "warning")]) == 88
    assert score([f("a", "info"), f("b", "hint")]) == 96
    assert score([f("a", "warning"), f("a", "warning"), f("a", "warning")]) == 88  # a rule counts once
    assert score([f("a", "info"), f("a", "warning")]) == 88  # at its worst severity
    assert score([f("a", "error")]) == 40  # an error caps the score at 40
    assert score([f("a", "error"), f("b", "warning"), f("c", "warning")]) == 40
    assert score([f(str(i), "warning") for i in range(10)]) == 0  # floored


def test_checklist_order_and_states():
    fb = analyze("Hello! Could you refer me? Thank you.", CoachContext(surface="message"))
    assert [c.id for c in fb.checklist] == ["specific", "personal", "fit", "time", "materials", "out", "thanks", "polite"]
    state = {c.id: (c.ok, c.code) for c in fb.checklist}
    assert state["specific"] == (False, "ask.role-missing")
    assert state["thanks"] == (True, "courtesy.gratitude-missing")
    assert state["out"] == (False, "courtesy.out-missing")


def test_checklist_only_lists_dos_that_apply_to_the_surface():
    fb = analyze(GOOD, CoachContext(surface="connection_note"))
    assert [c.id for c in fb.checklist] == ["specific", "personal", "time", "out", "thanks", "polite"]
    assert all(c.ok for c in fb.checklist) and fb.score == 100


def test_time_item_fails_on_a_too_long_message():
    fb = analyze(GOOD + " I know you're busy." + " More words here." * 60, CoachContext(surface="message"))
    item = next(c for c in fb.checklist if c.id == "time")
    assert not item.ok and item.code == "length.too-long"


def test_findings_sorted_errors_first():
    fb = analyze("Hi [Name]! refer me. " * 2, CoachContext(surface="message"))
    ranks = [{"error": 0, "warning": 1, "info": 2, "hint": 3}[x.severity] for x in fb.findings]
    assert ranks == sorted(ranks) and fb.findings[0].code == "template.placeholder"


def test_limits_in_utf16_with_page_limit_winning():
    fb = analyze("Hi 👋", CoachContext(surface="connection_note"))
    assert (fb.limits.used, fb.limits.allowed) == (5, 300)
    fb = analyze("Hi", CoachContext(surface="connection_note", composer=Composer(limit=200)))
    assert fb.limits.allowed == 200 and fb.limits.recommended_max == 200
    fb = analyze("Hi", CoachContext(surface="connection_note", limit=250, composer=Composer(limit=200)))
    assert fb.limits.allowed == 250  # the draft's own declared limit first
    fb = analyze("Hi", CoachContext(surface="inmail"))
    assert (fb.limits.allowed, fb.limits.recommended_min, fb.limits.recommended_max) == (1900, 200, 800)


def test_no_minimum_length_for_a_draft_that_asks_nothing():
    """The minimum is room for an ask: a thank-you is not told it is short, an ask is."""
    thanks = analyze("Quick update: I got the offer! Thank you so much for the referral.",
                     CoachContext(surface="message"))
    assert (thanks.limits.recommended_min, thanks.limits.recommended_max) == (None, 800)
    ask = analyze("Could you refer me?", CoachContext(surface="message"))
    assert (ask.limits.recommended_min, ask.limits.recommended_max) == (250, 800)
    chat = analyze("Could I pick your brain about your move into product?", CoachContext(surface="message"))
    assert chat.limits.recommended_min == 60  # a bounded ask needs no role: a connection note's minimum


def test_disabled_rules_do_not_run_and_cost_nothing():
    calls = []
    rule = RULES_BY_CODE["ask.vague"]
    original = rule.check
    object.__setattr__(rule, "check", lambda d, c: calls.append(1) or original(d, c))
    try:
        analyze("any openings?", CoachContext(surface="message", disabled=frozenset({"ask.vague"})))
        assert calls == []
        analyze("any openings?", CoachContext(surface="message"))
        assert calls == [1]
    finally:
        object.__setattr__(rule, "check", original)


def test_disabling_a_rule_removes_its_findings_and_checklist_item():
    ctx = CoachContext(surface="message", disabled=frozenset({"courtesy.out-missing", "tone.demanding"}))
    fb = analyze("Refer me ASAP!!", ctx)
    got = {x.code for x in fb.findings}
    assert "courtesy.out-missing" not in got and "tone.demanding" not in got
    assert "out" not in [c.id for c in fb.checklist]


def test_feedback_carries_version_and_surface_and_validates():
    fb = analyze("hi", CoachContext(surface="follow_up"), version=7)
    assert fb.version == 7 and fb.surface == "follow_up"
    assert Feedback.model_validate_json(fb.model_dump_json()) == fb


def test_every_registered_code_is_unique():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes)) and len(codes) >= 27


def test_failing_hints_do_not_break_feedback(monkeypatch, caplog):
    def hints(draft, ctx, **_options):
        raise ValueError("secret draft text")

    monkeypatch.setattr("companion.coach.report.hints", hints)  # hints that crash on some page
    fb = analyze("my secret draft", CoachContext(surface="message"))
    assert fb.hints == [] and fb.findings
    assert "secret" not in caplog.text and "ValueError" in caplog.text


@pytest.mark.parametrize("text", ["", " ", "\n\n", "!!!!", "😀" * 50, "a" * 20000, "[" * 500, "x\u0000y",
                                  "İ" * 30, "’" * 10, "\ud800"])
def test_odd_input_never_raises(text):
    fb = analyze(text, CoachContext(surface="message"))
    if not text.strip():  # nothing to judge yet: no findings, no score
        assert fb.score is None and fb.findings == [] and not any(c.ok for c in fb.checklist)
        return
    assert 0 <= fb.score <= 100
    for x in fb.findings:
        if x.range:
            assert 0 <= x.range.start <= x.range.end <= fb.limits.used


def test_checklist_ids_match_protocol_comment():
    assert [c[0] for c in CHECKLIST] == ["specific", "personal", "fit", "time", "materials", "out", "thanks", "polite",
                                         "timing"]


_FUZZ_PROFILE = Profile(name="Zoë O'Brien-Ng", current_company="Société Générale (SG)", posts=[],
                        mutual_names=["A B"])


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400), surface=st.sampled_from(["connection_note", "message", "inmail", "follow_up"]),
       with_profile=st.booleans())
def test_any_text_gives_valid_feedback(text, surface, with_profile):
    ctx = CoachContext(surface=surface, profile=_FUZZ_PROFILE if with_profile else None,
                       recipient_name=None if with_profile else "Sam", company=None if with_profile else "Acme")
    fb = analyze(text, ctx)
    assert (fb.score is None) == (not text.strip()) and (fb.score is None or 0 <= fb.score <= 100)
    assert fb.limits.used == len(text.encode("utf-16-le", "surrogatepass")) // 2
    for x in fb.findings:
        if x.range is not None:
            assert 0 <= x.range.start <= x.range.end <= fb.limits.used
        if x.fix is not None:
            assert x.fix.range.end <= fb.limits.used


def test_caret_on_an_unfinished_word_waits_until_it_is_finished():
    def names(text, caret):
        fb = analyze(text, CoachContext(surface="message", recipient_name="Ana Diaz", caret=caret))
        return [f for f in fb.findings if f.code == "fact.name-mismatch"]
    assert names("Hi Ca", 5) == []  # "Ca" may become "Carla" or "Cat"; nothing to say yet
    assert names("Hi Ca", None) != []  # no caret (the CLI): the text is judged as it stands
    assert names("Hi Carla, I hope you're well.", 29) != []  # the name is finished: a wrong name
    assert names("Hi Carla", 4) == []  # typing inside the name
    [f] = names("Hi Carla,", 9)  # a boundary follows it: finished
    assert f.severity == "error"


def test_must_fix_caps_the_score():
    text = ("Hi Carla, fellow Michigan alum here! I'm applying for the Data Analyst role at Stripe and would "
            "be grateful for a referral if you're comfortable. No worries if not. Thank you!")
    fb = analyze(text, CoachContext(surface="connection_note", recipient_name="Ana Diaz"))
    assert any(f.code == "fact.name-mismatch" and f.severity == "error" for f in fb.findings)
    assert fb.score <= 40


def test_styled_letters_read_as_the_plain_ones_at_the_same_offsets():
    # People paste mathematical bold letters to style a LinkedIn message; each is one code point (two in
    # UTF-16), so the ranges of findings after them must still land on the words the user wrote.
    styled = "Hi Sam, could you refer me for the 𝗗𝗮𝘁𝗮 𝗔𝗻𝗮𝗹𝘆𝘀𝘁 role at Stripe? 𝗧𝗵𝗮𝗻𝗸 𝘆𝗼𝘂! Why did you ignore me?"
    fb = analyze(styled, CoachContext(surface="message", recipient_name="Sam Lee", company="Stripe"))
    codes = {f.code for f in fb.findings}
    assert "courtesy.gratitude-missing" not in codes and "ask.role-missing" not in codes
    units = styled.encode("utf-16-le")
    said = {units[2 * f.range.start:2 * f.range.end].decode("utf-16-le"): f for f in fb.findings if f.range}
    why = said["Why"]
    assert why.code == "tone.impolite"
