"""tone.impolite in the coach: fires with an explanation in the draft's words, stays consistent
with tone.demanding, fills Feedback.tone, lowers the score, and costs nothing when switched off."""

from companion.coach import CoachContext, analyze
from companion.coach.analysis import AnalysedDraft
from companion.coach.registry import RULES_BY_CODE
from companion.coach.rules import tone_model
from companion.tone.model import ToneModel

RUDE = "Why haven't you answered my message? You clearly did not even read it."
POLITE = ("Hi Sam, I hope you're well. I'm applying for the Data Analyst role at Stripe and would be "
          "grateful for a referral if you're comfortable. No worries if not. Thank you!")


def ctx(**kw):
    return CoachContext(surface="message", **kw)


def findings(text, code="tone.impolite", **kw):
    return [f for f in analyze(text, ctx(**kw)).findings if f.code == code]


def test_registered_once_right_after_tone_demanding():
    from companion.coach.registry import RULES

    codes = [r.code for r in RULES]
    assert codes.count("tone.impolite") == 1
    from companion.coach.report import CHECKLIST
    assert dict((i, c) for i, _l, c in CHECKLIST)["polite"] == ("followup.pressure", "tone.demanding", "tone.disparaging",
                                                              "tone.impolite")


def test_fires_on_an_impolite_draft_naming_its_words():
    [f] = findings(RUDE)
    assert f.severity == "warning" and f.docs == "docs/rules.md#toneimpolite"
    assert "impolite" in f.message and '"Why"' in f.message and "Stanford Politeness Corpus" in f.message
    assert RUDE[f.range.start:f.range.end] == "Why"  # the words that pulled hardest
    assert f.data["polite_probability"] < 0.2
    assert [p["words"] for p in f.data["pulled_down_by"]][0] == "Why"
    assert f.suggestion and "Could you" in f.suggestion  # what would lift it
    assert f.data["would_lift"] and all(x["polite_probability"] > f.data["polite_probability"]
                                        for x in f.data["would_lift"])


def test_a_lone_short_word_is_named_with_the_words_around_it():
    """"not" alone tells the writer nothing (audit 19): it is shown inside its sentence."""
    [f] = findings("You never answer. I am not happy with this. Do it now.")
    assert '"not" (in "I am not happy with this")' in f.message
    assert '"Why" (direct question)' in findings(RUDE)[0].message  # a strategy says what it is instead


def test_the_greeting_it_suggests_names_the_recipient():
    rude = "I have 22 years of experience. I am tired of being screened out by your HR software."
    suggested = [f.suggestion for f in findings(rude, recipient_name="Robert Hale")]
    assert suggested and "greet them" in suggested[0]
    assert '"Hi Robert,"' in suggested[0] and "Sam" not in suggested[0]


def test_quiet_on_polite_drafts():
    assert findings(POLITE) == []
    assert findings("Hello! Could you take a look at my resume? Thanks so much.") == []


def test_please_at_sentence_start_is_explained_as_the_paper_found():
    text = "Please send me the link. Why is the salary not listed?"
    fb = analyze(text, ctx(disabled=frozenset({"privacy.confidential", "tone.demanding"})))
    tone = fb.tone
    assert "please_start" in {s["name"] for s in tone["strategies"]}
    [f] = [f for f in fb.findings if f.code == "tone.impolite"]
    assert "Could you please" in f.suggestion and "less polite" in f.suggestion
    assert text[f.range.start:f.range.end] == "Why"  # the strongest pull is named first


def test_feedback_tone_field_with_utf16_ranges():
    text = "🎉 " + RUDE
    fb = analyze(text, ctx())
    tone = fb.tone
    assert tone["label"] == "impolite" and 0 <= tone["polite_probability"] < 0.35
    assert tone["source"].startswith("Stanford Politeness Corpus")
    why = next(s for s in tone["strategies"] if s["name"] == "direct_question")
    assert why["words"] == ["Why"] and why["effect"] < 0
    assert why["ranges"] == [{"start": 3, "end": 6}]  # the emoji is two UTF-16 units
    polite = analyze(POLITE, ctx()).tone
    assert polite["label"] == "polite" and polite["demanding"] is False


def test_score_takes_the_finding_into_account():
    with_rule = analyze(RUDE, ctx())
    without = analyze(RUDE, ctx(disabled=frozenset({"tone.impolite"})))
    assert with_rule.score == without.score - 12


def test_switched_off_means_no_model_run_and_no_tone(monkeypatch):
    calls = []
    for name in ("pieces", "analyse", "passages", "explain"):
        real = getattr(ToneModel, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(ToneModel, name, spy)
    analyze(RUDE, ctx())
    assert calls  # the spy sees the model when the rule is on
    calls.clear()
    fb = analyze(RUDE, ctx(disabled=frozenset({"tone.impolite"})))
    assert fb.tone is None and not any(f.code == "tone.impolite" for f in fb.findings)
    assert calls == []  # the model did not run


def test_never_polite_and_demanding_about_the_same_text():
    # Courteous words around a demand: the model likes it, tone.demanding flags "refer me" / ASAP.
    text = "Hi Sam! Thank you so much, I really appreciate it. Refer me to the role ASAP. Thanks!"
    fb = analyze(text, ctx())
    assert any(f.code == "tone.demanding" for f in fb.findings)
    assert fb.tone["demanding"] is True
    assert fb.tone["label"] != "polite"
    assert not any(f.code == "tone.impolite" for f in fb.findings)


def test_words_tone_demanding_reports_are_not_repeated():
    # "Why" is the model's; "ASAP" is tone.demanding's. The model's finding must not cite ASAP.
    text = "Why is this taking so long? Answer me ASAP."
    fb = analyze(text, ctx())
    demanding = [f for f in fb.findings if f.code == "tone.demanding"]
    impolite = [f for f in fb.findings if f.code == "tone.impolite"]
    assert demanding and impolite
    d_spans = [(f.range.start, f.range.end) for f in demanding]
    cited = impolite[0].data["pulled_down_by"]
    assert all("ASAP" not in p["words"] for p in cited)
    r = impolite[0].range
    assert not any(s < r.end and r.start < e for s, e in d_spans)


def test_suppressed_when_only_the_demanded_words_pull_it_down(monkeypatch):
    # A model where only "asap" is impolite: tone.demanding names it, so tone.impolite stays quiet.
    model = ToneModel({"format": "tactful-politeness/1", "bias": 0.0, "weights": {"U:asap": -5.0}})
    text = "Send the link ASAP."
    draft = AnalysedDraft(text)
    monkeypatch.setattr(tone_model, "default_model", lambda: model)
    c = ctx()
    assert model.analyse(text).polite_probability < 0.01
    assert list(RULES_BY_CODE["tone.demanding"].check(draft, c))
    assert list(tone_model.IMPOLITE.check(draft, c)) == []
    # ... and with tone.demanding switched off, the model's finding speaks for those words.
    c_off = ctx(disabled=frozenset({"tone.demanding"}))
    [f] = tone_model.IMPOLITE.check(AnalysedDraft(text), c_off)
    assert text[f.range.start:f.range.end] == "ASAP"


def test_check_cli_json_carries_tone(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "d.txt"
    path.write_text(RUDE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "companion", "check", str(path), "--json"],
                          capture_output=True, timeout=60)
    doc = json.loads(proc.stdout)
    assert doc["tone"]["label"] == "impolite"
    assert any(f["code"] == "tone.impolite" for f in doc["findings"])


LONG_WITH_RUDE_PASSAGE = (
    "Hi Sam,\n\nI hope you're well. I'm applying for the Data Engineer role at Stripe. Why haven't you "
    "replied to my last message? You clearly ignored it. Would you be open to referring me? Thanks so much!")


def test_a_rude_passage_in_a_courteous_draft_is_found():
    fb = analyze(LONG_WITH_RUDE_PASSAGE, ctx())
    [f] = [f for f in fb.findings if f.code == "tone.impolite"]
    assert f.data["whole_polite_probability"] > 0.65 > 0.15 > f.data["polite_probability"]
    passage = LONG_WITH_RUDE_PASSAGE[f.data["passage"]["start"]:f.data["passage"]["end"]]
    assert passage == "Why haven't you replied to my last message? You clearly ignored it."
    assert LONG_WITH_RUDE_PASSAGE[f.range.start:f.range.end] == "Why"
    assert "passage" in f.message and "whole draft" in f.message
    assert fb.tone["label"] == "impolite"  # consistent with the finding, not with the whole-draft score


def test_a_dip_in_a_draft_that_reads_clearly_polite_is_not_called_impolite():
    """A compliment and a disclaimer ("Your talk … stayed with me", "I'm not asking about openings") make a
    passage the model scores under PASSAGE_BELOW; the whole draft reads over PASSAGE_UNLESS_WHOLE polite."""
    text = ("Hi Maeve,\n\nYour talk on why nobody reads onboarding docs stayed with me. It is not what I expected "
            "from a conference keynote. I'm not asking about openings at Tessel. I taught physics for eight years and "
            "now build training modules, and I'd simply value twenty minutes of your perspective on portfolios. I "
            "would be grateful for any advice.\n\nIf a call doesn't suit, a short message would be just as welcome. "
            "Thank you so much for considering it!\n\nBest,\nRuth")
    from companion.tone.model import default_model
    model = default_model()
    assert min(p for _s, _e, p in model.passages(text)) < tone_model.PASSAGE_BELOW
    assert model.analyse(text).polite_probability >= tone_model.PASSAGE_UNLESS_WHOLE
    assert findings(text) == []


def test_a_passage_that_addresses_no_one_is_not_judged_alone():
    # Two lines of a résumé list ask nothing of the reader; the corpus holds only requests to someone.
    bullets = ("Hi Beth,\n\nI'm applying for the SRE role at Quartzline. Quick summary of my fit:\n"
               "- Led migration from Nomad to Kubernetes across 300 services\n"
               "- Wrote our incident review process, now used by 12 teams\n\n"
               "My resume is attached. Would you be willing to refer me? No worries if not. Thanks so much!")
    from companion.tone.model import default_model
    assert min(p for _s, _e, p in default_model().passages(bullets)) < tone_model.PASSAGE_BELOW
    assert findings(bullets) == []


def test_passages_are_scored_like_the_text_itself():
    from companion.tone.model import default_model

    m = default_model()
    passages = m.passages(LONG_WITH_RUDE_PASSAGE)
    assert len(passages) == 6
    for start, end, p in passages:
        assert abs(m.analyse(LONG_WITH_RUDE_PASSAGE[start:end]).polite_probability - p) < 1e-9
    assert m.passages("One sentence. Two sentences?") == []


def test_follow_up_pressure_also_keeps_the_label_off_polite():
    text = "Hi Sam, did you see my message from last week? I haven't heard back and I'm still waiting. Thanks!"
    fb = analyze(text, CoachContext(surface="follow_up"))
    assert any(f.code == "followup.pressure" for f in fb.findings)
    assert fb.tone["label"] != "polite"


def test_reads_as_polite_checklist_item_follows_both_tone_rules():
    def item(text, **kw):
        return next((c for c in analyze(text, ctx(**kw)).checklist if c.id == "polite"), None)

    assert item(POLITE).ok is True and item(POLITE).label == "Reads as polite"
    rude = item(RUDE)
    assert rude.ok is False and rude.code == "tone.impolite"
    # Courteous words around a demand: the model alone would pass it; tone.demanding fails the item.
    demand = item("Hi Sam! Thank you so much, I really appreciate it. Refer me to the role ASAP. Thanks!")
    assert demand.ok is False and demand.code == "tone.demanding"
    # With the model off, the demand check alone decides; with both off, there is no item.
    assert item(RUDE, disabled=frozenset({"tone.impolite"})).code == "tone.demanding"
    assert item(RUDE, disabled=frozenset({"tone.impolite", "tone.demanding", "tone.disparaging"})) is None
    # Courteous words around a put-down of their colleagues fail it as well.
    blame = item("Thank you so much for the referral! Honestly the panel was a bit disorganised. Thanks again!")
    assert blame.ok is False and blame.code == "tone.disparaging"
    # A follow-up that reproaches fails it too: the checklist may not say "polite" beside an error saying otherwise.
    nudge = next(c for c in analyze("Hi Sam, did you see my message? Thanks so much!",
                                     CoachContext(surface="follow_up")).checklist if c.id == "polite")
    assert nudge.ok is False and nudge.code == "followup.pressure"


def test_a_rude_passage_with_no_word_to_blame_is_pointed_at_inside_the_passage(monkeypatch):
    # When no single word pulls a passage down, the finding falls back to a sentence: it must be one of
    # the passage's own, not the draft's first sentence shifted by the passage's offset.
    text = ("Thanks again, I truly appreciate your kindness! No worries at all if not. Do it now. "
            "Why did you ignore me? I'd be grateful for any help.")
    monkeypatch.setattr(tone_model, "pulls", lambda *args, **kwargs: [])
    [finding] = findings(text)
    passage = finding.data["passage"]
    assert finding.data["pulled_down_by"] == []
    assert passage["start"] <= finding.range.start < finding.range.end <= passage["end"]
    assert text[finding.range.start:finding.range.end].strip()


def test_hardship_told_at_length_is_left_to_tone_oversharing_not_read_as_blame():
    """"The last five years were really hard, my husband was very ill ..." blames no reader: the model judges the
    draft without the sentences tone.oversharing names, and the label is not "polite" beside that finding."""
    story = ("To be honest the last five years were really hard, my husband was very ill and I was his carer until "
             "he passed in March, and I've been struggling with confidence since. ")
    ask = "Do you know if Riverside allows part-time? And how does the department feel about older teachers?"
    fb = analyze(story + ask, ctx())
    codes = [f.code for f in fb.findings]
    assert "tone.oversharing" in codes and "tone.impolite" not in codes
    assert fb.tone["label"] != "polite"
    # The same words said of the reader still count: the blanking is only for hardship told at length.
    rude = analyze("Your answer was really hard to follow and frankly useless. Why did you even reply?", ctx())
    assert "tone.impolite" in [f.code for f in rude.findings]
