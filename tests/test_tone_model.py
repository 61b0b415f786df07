"""The shipped politeness model: loads offline from the package, is small, cites its corpus, and
predicts sensibly with explanations that add up."""

import json
import math
from importlib import resources

import pytest

from companion.tone.model import ModelError, ToneModel, default_model, sigmoid, strategies_json

POLITE = [
    "Hi Sam, I hope you're well. Would you be open to referring me for the Data Engineer role? "
    "Thank you so much for considering it!",
    "Could you please take a look at my draft when you have a moment? Thanks a lot!",
    "Hello! I really appreciate your help with the article. Would you mind adding a source?",
]
IMPOLITE = [
    "Why did you revert my edit? You clearly did not even read it.",
    "What is wrong with you? Actually, this is ridiculous.",
    "So why haven't you answered? You said you would do it.",
]


def test_packaged_file_is_small_json_with_citation():
    data = resources.files("companion.tone").joinpath("data", "politeness_model.json")
    raw = data.read_bytes()
    assert len(raw) < 5_000_000
    doc = json.loads(raw)
    assert doc["format"] == "tactful-politeness/1"
    assert "Danescu-Niculescu-Mizil" in doc["citation"] and "ACL 2013" in doc["citation"]
    assert "Stanford Politeness Corpus" in doc["corpus"]["name"]
    assert any(k.startswith("S:") for k in doc["weights"]) and any(k.startswith("B:") for k in doc["weights"])


def test_default_model_loads_once():
    assert default_model() is default_model()
    assert default_model().citation


@pytest.mark.parametrize("text", POLITE)
def test_clearly_polite_requests_score_high(text):
    assert default_model().analyse(text).polite_probability > 0.8


@pytest.mark.parametrize("text", IMPOLITE)
def test_clearly_impolite_requests_score_low(text):
    assert default_model().analyse(text).polite_probability < 0.2


def test_adding_courtesy_raises_the_score():
    m = default_model()
    bare = "Check the page."
    polite = m.analyse("Hi! Could you check the page? Thank you!").polite_probability
    assert polite > m.analyse(bare).polite_probability + 0.3


def test_explanation_adds_up_to_the_probability():
    m = default_model()
    text = IMPOLITE[0]
    r = m.explain(text)
    assert math.isclose(r.bias + sum(c.weight for c in r.contributions), r.logit, abs_tol=1e-9)
    assert math.isclose(sigmoid(r.logit), r.polite_probability)
    assert math.isclose(m.analyse(text).polite_probability, r.polite_probability)
    weights = [abs(c.weight) for c in r.contributions]
    assert weights == sorted(weights, reverse=True)
    for c in r.contributions:  # every point is tied to words of the text
        assert c.spans and all(text[s.start:s.end] == s.words and s.words for s in c.spans)
    top = {c.spans[0].words for c in r.contributions[:4]}
    assert "Why" in top


def test_strategies_json_shape():
    m = default_model()
    r = m.analyse("Thanks! Could you help?")
    out = strategies_json(r, m)
    names = [s["name"] for s in out]
    assert "gratitude" in names and "counterfactual_modal" in names
    g = out[names.index("gratitude")]
    assert g["weight"] > 0 and g["spans"] == [{"start": 0, "end": 6, "text": "Thanks"}]


def test_empty_text_is_the_baseline():
    m = default_model()
    r = m.explain("")
    assert r.contributions == [] and math.isclose(r.logit, m.bias)


def test_sigmoid_is_safe_at_extremes():
    assert sigmoid(-1000) == 0.0 and sigmoid(1000) == 1.0


@pytest.mark.parametrize("content, why", [
    ("not json", "cannot load"),
    ('{"format": "other"}', "not a tactful-politeness/1"),
    ('{"format": "tactful-politeness/1", "weights": []}', "lacks"),
])
def test_bad_weight_files_raise_model_error(tmp_path, content, why):
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(ModelError, match=why):
        ToneModel.load(path)
    with pytest.raises(ModelError, match="cannot load"):
        ToneModel.load(tmp_path / "missing.json")


def test_custom_model_file(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"format": "tactful-politeness/1", "bias": 0.0,
                                "weights": {"S:gratitude": 2.0, "U:why": -3.0}}))
    m = ToneModel.load(path)
    assert math.isclose(m.analyse("Thanks").polite_probability, sigmoid(2.0))
    assert math.isclose(m.analyse("why thanks").polite_probability, sigmoid(-1.0))


def test_sentence_cache_gives_the_same_answer_as_a_cold_run():
    m = default_model()
    text = "Hi Sam,\nwhy did you do that? Could you fix it. Thanks!"
    m.clear_cache()
    cold = m.explain(text)
    warm = m.explain(text)
    edited = m.explain(text.replace("fix it", "fix it please"))  # one sentence changes
    m.clear_cache()
    assert m.explain(text.replace("fix it", "fix it please")) == edited
    assert cold == warm
    for name, spans in cold.strategies.items():  # spans are offsets into the whole text
        assert all(text[s.start:s.end] == s.words for s in spans)
    assert [s.words for s in cold.strategies["direct_question"]] == ["why"]


def test_fast_path_agrees_with_explain_on_multi_sentence_texts():
    m = default_model()
    texts = [*POLITE, *IMPOLITE, "Hi.\n\nOne. Two? Three! Four.", "So. So. So? Why. Why?",
             "Thanks!! Could you... maybe?\nPlease, please.\n\n\nBy the way: https://x.y/z 42 times."]
    for text in texts:
        fast, full = m.analyse(text), m.explain(text)
        assert math.isclose(fast.logit, full.logit, abs_tol=1e-9), text
        assert fast.strategies == full.strategies, text


def test_long_sentences_are_not_kept_in_memory():
    """What is derived from a sentence costs ~65 bytes per character: twenty distinct 20,000-character
    sentences would hold ~26 MB if they were cached."""
    import tracemalloc

    m = default_model()
    words = "please could you send the report and the numbers today".split()
    m.analyse("warm up.")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20):
            m.analyse(" ".join(words[(i + j) % len(words)] for j in range(3_400)) + f" {i}")
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 4 * 2**20, grown
