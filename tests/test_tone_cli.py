"""`tactful tone`: one text (human and --json) and JSONL batches, run as a real subprocess."""

import json
import subprocess
import sys

import pytest


def tone(*args, stdin: bytes = b""):
    proc = subprocess.run([sys.executable, "-m", "companion", "tone", *args], input=stdin,
                          capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_human_output_names_strategies_with_positions(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Hi Sam,\nwhy did you revert it? Thanks!", encoding="utf-8")
    code, out, err = tone(str(path))
    assert code == 0 and err == ""
    assert out.startswith(f"{path}: polite probability ")
    assert '2:1 "why"' in out  # line:col of the words
    assert "Gratitude: 2:24 \"Thanks\"" in out and "Greeting: 1:1 \"Hi\"" in out


def test_json_mode_from_stdin():
    text = "Could you please check it? Thank you!"
    code, out, _ = tone("--json", stdin=text.encode())
    assert code == 0
    doc = json.loads(out)
    assert 0.5 < doc["polite_probability"] <= 1
    names = {s["name"]: s for s in doc["strategies"]}
    assert {"counterfactual_modal", "please", "gratitude"} <= set(names)
    for s in doc["strategies"]:
        for span in s["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
    exp = doc["explanation"]
    assert abs(exp["bias"] + sum(c["weight"] for c in exp["contributions"]) - exp["logit"]) < 1e-3
    assert "Danescu-Niculescu-Mizil" in doc["model"]["citation"]


def test_dash_reads_stdin_and_bom_is_ignored():
    code, out, _ = tone("-", "--json", stdin="\ufeffThanks!".encode("utf-8"))
    assert code == 0 and json.loads(out)["strategies"][0]["spans"][0]["start"] == 0


def test_jsonl_keeps_order_and_ids():
    texts = ["Why would you do that?", "Thank you so much, could you help?", "ok", "", "🎉 Thanks!"]
    ids = ["a", 7, None, "empty-text", "emoji"]
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, texts))
    code, out, err = tone("--jsonl", stdin=lines.encode())
    assert code == 0 and err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ids
    assert all(set(r) == {"id", "polite_probability", "strategies"} for r in rows)
    assert rows[0]["polite_probability"] < 0.3 < 0.7 < rows[1]["polite_probability"]
    span = rows[4]["strategies"][0]["spans"][0]
    assert (span["start"], span["end"], span["text"]) == (2, 8, "Thanks")  # code points


def test_jsonl_many_lines_in_order(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": n, "text": f"Request number {n}, thanks?"}) + "\r\n"
                            for n in range(300)), encoding="utf-8")
    code, out, _ = tone(str(path), "--jsonl")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == list(range(300))


@pytest.mark.parametrize("body, message", [
    ('{"id": 1, "text": "fine"}\n{"id": 2, "text": "x"\n', "line 2: not valid JSON"),
    ('{"id": 1, "text": "fine"}\n[1, 2]\n', "line 2: expected a JSON object"),
    ('{"text": "no id"}\n', "line 1: missing \"id\""),
    ('{"id": 1, "text": "a"}\n{"id": 2, "text": 5}\n', "line 2: \"text\" must be a string"),
    ('{"id": 1, "text": "a"}\n{"id": 2}\n', "line 2: \"text\" must be a string (missing)"),
    ('{"id": {"x": 1}, "text": "a"}\n', "line 1: \"id\" must be a string, number or null"),
    ('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\n', "line 2: empty line"),
])
def test_bad_jsonl_exits_2_naming_the_line_and_writes_nothing(body, message):
    code, out, err = tone("--jsonl", stdin=body.encode())
    assert code == 2 and out == ""
    assert message in err and err.startswith("tactful tone: stdin: ")


def test_unreadable_input_exits_2(tmp_path):
    code, out, err = tone(str(tmp_path / "missing.txt"))
    assert code == 2 and out == "" and "cannot read" in err and "missing.txt" in err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("café".encode("latin-1"))
    code, out, err = tone(str(bad))
    assert code == 2 and "not UTF-8" in err and "byte 3" in err


def test_json_and_jsonl_are_exclusive():
    code, _, err = tone("--json", "--jsonl", stdin=b"")
    assert code == 2 and "not allowed with" in err


def test_empty_jsonl_input_writes_nothing():
    code, out, _ = tone("--jsonl", stdin=b"")
    assert code == 0 and out == ""
