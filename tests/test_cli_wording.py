"""What a newcomer meets on the command line, run as subprocesses: empty and oversized input,
line/column work that grows linearly, consistent errors and exit codes, each subcommand's own
usage for an unknown flag, `--data-dir` help, doctor's advice, `serve`'s next step, and
`clients` after a fresh pairing."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import pair, port_taken_by_another_program, start_serve_process

PY = sys.executable
REPO = Path(__file__).resolve().parent.parent


def tactful(*args: str, stdin: str | bytes | None = None, env: dict | None = None, timeout: float = 60):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    r = subprocess.run([PY, "-m", "companion", *args], input=data, capture_output=True, timeout=timeout,
                       cwd=REPO, env={**os.environ, **(env or {})})
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def depth(text: str) -> int:
    """How deep parentheses nest in `text` (1 for "a (b) c")."""
    level = deepest = 0
    for ch in text:
        if ch == "(":
            level += 1
            deepest = max(deepest, level)
        elif ch == ")":
            level -= 1
    return deepest


def test_check_and_tone_on_empty_input_say_there_is_nothing_to_check():
    for command in ("check", "tone"):
        for text in ("", "  \n\n"):
            code, out, err = tactful(command, stdin=text)
            assert code == 0, err
            assert "nothing to check" in out
            assert "Score" not in out and "probability" not in out


def test_input_over_one_mebibyte_is_refused_clearly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Could you please refer me? " * 40_000)  # ~1.08 MB
    assert big.stat().st_size > 1024 * 1024
    for command in ("check", "tone"):
        code, out, err = tactful(command, str(big))
        assert code == 2 and out == ""
        assert f"tactful {command}: {big} is larger than 1 MiB" in err
        code, _, err = tactful(command, stdin=big.read_bytes())
        assert code == 2 and "stdin is larger than 1 MiB" in err


class ScanCounting(str):
    """A str that counts the characters its searches walk over (the work of a line/column lookup)."""

    scanned = 0

    def _walk(self, start, end, found):
        start = 0 if start is None else start
        end = len(self) if end is None else end
        ScanCounting.scanned += (end - start) if found == -1 else (found - start + 1)

    def find(self, sub, start=None, end=None):
        found = str.find(self, sub, start, end)
        self._walk(start, end, found)
        return found

    def rfind(self, sub, start=None, end=None):
        self._walk(start, end, -1)
        return str.rfind(self, sub, start, end)

    def count(self, sub, start=None, end=None):
        self._walk(start, end, -1)
        return str.count(self, sub, start, end)


def test_line_and_column_work_grows_linearly():
    """Every match used to recount the lines before it (quadratic: 1 MB took 49 s). Now the text
    is walked once however many matches there are."""
    from companion.cli.textinput import Lines

    def work(n: int) -> int:
        text = ScanCounting("Please, could you refer me?\n" * n)
        ScanCounting.scanned = 0
        lines = Lines(text)
        for m in re.finditer("refer", text):
            lines.at(m.start())
        return ScanCounting.scanned

    small, large = work(1_000), work(10_000)
    assert small <= 2 * len("Please, could you refer me?\n") * 1_000
    assert large <= 11 * small  # linear: ten times the text (and the matches), ten times the work
    lines = Lines("ab\ncd\n\nef")
    assert [lines.at(i)[:2] for i in (0, 1, 3, 4, 6, 7, 8)] == [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (4, 1), (4, 2)]


def test_tone_reports_line_and_column_as_before(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hello.\nCould you please refer me?\n")
    code, out, _ = tactful("tone", str(draft))
    assert code == 0
    assert re.search(r'2:\d+ "', out)  # spans on the second line say so


def test_a_missing_file_reads_the_same_in_every_command(tmp_path):
    missing = tmp_path / "nope.txt"
    for command in ("check", "tone", "page"):
        code, _, err = tactful(command, str(missing))
        assert code == 2
        assert f"tactful {command}: cannot read {missing}: No such file or directory" in err, err


def test_history_import_of_a_bad_file_exits_2_like_other_bad_input(tmp_path):
    data = tmp_path / "data"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = tactful("history", "--data-dir", str(data), "import", str(bad))
    assert code == 2 and "is not JSON" in err and "nothing was imported" in err
    code, _, err = tactful("history", "--data-dir", str(data), "import", str(tmp_path / "missing.json"))
    assert code == 2 and "No such file or directory" in err


def test_an_unknown_flag_prints_the_subcommands_usage():
    for args, usage in ((["check", "--bogus"], "usage: tactful check"),
                        (["tone", "--bogus"], "usage: tactful tone"),
                        (["history", "import", "x.json", "--bogus"], "usage: tactful history import")):
        code, _, err = tactful(*args)
        assert code == 2
        assert err.startswith(usage), err
        assert "unrecognized arguments: --bogus" in err


def test_data_dir_is_explained_in_every_command_that_takes_it():
    for args in (["pair"], ["clients"], ["unpair"], ["history"], ["history", "import"]):
        code, out, _ = tactful(*args, "--help", env={"COLUMNS": "200"})
        assert code == 0
        assert re.search(r"--data-dir DATA_DIR\s+data folder \(default: \$TACTFUL_DATA_DIR", out), (args, out)


def test_doctor_advice_without_pyside6_port_and_keyring(tmp_path):
    from companion import settings

    folder = tmp_path / "data"
    with port_taken_by_another_program() as port:
        settings.update(folder, port=port)
        # PySide6 made unimportable, as on a machine without the tray extra.
        script = ("import sys; sys.modules['PySide6'] = None; from companion.cli import main; "
                  f"sys.exit(main(['doctor', '--json', '--data-dir', {str(folder)!r}]))")
        r = subprocess.run([PY, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO,
                           env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
                                "XDG_CONFIG_HOME": str(tmp_path / "config")})
    checks = {c["name"]: c for c in json.loads(r.stdout)["checks"]}
    start = checks["companion"]["fix"]
    assert "tactful tray`" not in start and "`tactful serve`" in start and "[tray]" in start
    assert "`tactful serve --port N`" in checks["port"]["fix"]
    keyring = checks["keyring"]
    assert "no secure keyring" in keyring["summary"]
    for text in (keyring["summary"], keyring["fix"], checks["port"]["fix"], start):
        assert depth(text) <= 1, text  # no parentheses inside parentheses


def test_serve_prints_the_next_step_and_clients_see_a_fresh_pairing(tmp_path):
    server = start_serve_process(tmp_path / "data")
    try:
        deadline = time.monotonic() + 10
        while "next:" not in server.logs() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert re.search(r"next: load the extension .*`tactful pair`", server.logs())
        code, out, err = tactful("pair", "--json", "--data-dir", str(server.data_dir))
        assert code == 0, err
        paired = asyncio.run(pair(server.url, json.loads(out)["code"], name="Chrome on laptop"))
        assert paired["type"] == "paired"
        code, out, _ = tactful("clients", "--data-dir", str(server.data_dir))
        assert code == 0 and "Chrome on laptop" in out
        assert "last seen never" not in out and re.search(r"last seen \d{4}-\d\d-\d\dT", out)
        assert "local-only: on (nothing leaves this machine)" in server.logs()
    finally:
        server.stop()
        if server.proc.stdout:
            server.proc.stdout.close()
    # Started again with a browser paired and local-only off: no first-run advice, and the mode said plainly.
    (server.data_dir / "settings.json").write_text(json.dumps({"local_only": False}))
    before = len(server.logs())  # the log file is appended to: read what the second start wrote
    again = start_serve_process(server.data_dir)
    try:
        deadline = time.monotonic() + 10
        while "local-only:" not in again.logs()[before:] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "local-only: OFF" in again.logs()[before:] and "next:" not in again.logs()[before:]
    finally:
        again.stop()
        if again.proc.stdout:
            again.proc.stdout.close()
