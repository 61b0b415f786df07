"""scripts/train_tone.py: trains on a corpus folder and writes weights the companion loads.

Uses scikit-learn (the `train` extra), skipped without it. The real corpus lives outside the repo
(../shared/data/politeness); the test that reads it is skipped when it is absent."""

import csv
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "politeness"

pytest.importorskip("sklearn")


def _train_module():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "scripts" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = ["Community", "Id", "Request", "Score1", "Score2", "Score3", "Score4", "Score5",
          "TurkId1", "TurkId2", "TurkId3", "TurkId4", "TurkId5", "Normalized Score"]
POLITE = ["Thanks so much! Could you please help with {}?", "Hi, would you mind looking at {}? Thank you!"]
RUDE = ["Why did you break {}?", "What is wrong with {}? You clearly did not check."]


def _write(folder: Path, name: str, community: str):
    with (folder / name).open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(40):
            topic = f"page {i}"
            for j, (tpl, score) in enumerate([(POLITE[i % 2], 1.2), (RUDE[i % 2], -1.1), ("Is {} done?", 0.0)]):
                w.writerow([community, f"{i}-{j}", tpl.format(topic), 13, 13, 13, 13, 13, "a", "b", "c", "d", "e", score])


def _write_hit_groups(folder: Path, structured: int):
    """Mark the Stack Exchange rows of the first `structured` topics as the unsound batches."""
    with (folder / "stack-exchange.hit-groups.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Community", "Id", "hit", "hit_group"])
        for i in range(40):
            for j in range(3):
                w.writerow(["Stack Exchange", f"{i}-{j}", i // 13, "structured" if i < structured else "SO"])


def test_trains_on_a_corpus_folder_and_writes_loadable_weights(tmp_path, capsys):
    tt = _train_module()
    _write(tmp_path, "wikipedia.annotated.csv", "Wikipedia")
    _write(tmp_path, "stack-exchange.annotated.csv", "Stack Exchange")
    _write_hit_groups(tmp_path, structured=10)
    out = tmp_path / "model.json"
    assert tt.main([str(tmp_path), "--out", str(out), "--C", "1.0"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "Danescu-Niculescu-Mizil" in doc["citation"]
    # the middle rows (score 0.0) are not in the binary task; the structured batches are left out
    assert doc["corpus"]["examples"] == {"stack-exchange/impolite": 30, "stack-exchange/polite": 30,
                                         "wikipedia/impolite": 40, "wikipedia/polite": 40}
    assert "structured" in doc["corpus"]["rows_used"]
    from companion.tone.model import ToneModel

    model = ToneModel.load(out)
    assert model.analyse("Thanks! Could you help with page 99?").polite_probability > 0.8
    assert model.analyse("Why did you break page 99?").polite_probability < 0.2
    assert "training accuracy 100.0%" in capsys.readouterr().out


def test_missing_hit_groups_is_a_clear_error_unless_all_rows_are_asked_for(tmp_path):
    tt = _train_module()
    _write(tmp_path, "wikipedia.annotated.csv", "Wikipedia")
    _write(tmp_path, "stack-exchange.annotated.csv", "Stack Exchange")
    with pytest.raises(SystemExit, match="hit-groups"):
        tt.main([str(tmp_path), "--out", str(tmp_path / "m.json")])
    assert tt.main([str(tmp_path), "--out", str(tmp_path / "m.json"), "--all-rows"]) == 0


def test_missing_corpus_file_is_a_clear_error(tmp_path):
    tt = _train_module()
    with pytest.raises(SystemExit, match="wikipedia.annotated.csv"):
        tt.main([str(tmp_path), "--out", str(tmp_path / "m.json")])


def test_bad_columns_are_a_clear_error(tmp_path):
    tt = _train_module()
    (tmp_path / "wikipedia.annotated.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Normalized Score"):
        tt.load_domain(tmp_path, "wikipedia")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the Stanford Politeness Corpus copy is not on this machine")
def test_shipped_model_fits_the_corpus_binary_task():
    tt = _train_module()
    from companion.tone.model import default_model

    model = default_model()
    # Training fit per domain, measured 96 % (Wikipedia) and 78 % (Stack Exchange, whose requests
    # the shipped model fits far less closely; held-out figures are in bench/tone_eval.py).
    floor = {"wikipedia": 0.9, "stack-exchange": 0.75}
    for domain in tt.FILES:
        reqs = tt.binary(tt.load_domain(CORPUS, domain))
        hits = sum((model.analyse(r.text).polite_probability > 0.5) == bool(r.label) for r in reqs)
        assert hits / len(reqs) > floor[domain], domain
