"""`tactful check`: output, exit codes, and agreement with the engine."""

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from protocol.page import PageResult, Profile

from companion.cli import main
from companion.coach import CoachContext, analyze
from conftest import SHARED
from thread_times import moved

REPO = Path(__file__).resolve().parent.parent
SHARED_PAGE = SHARED / "fixtures" / "linkedin" / "sdui-1st-degree_2026-03.html"
GOOD = ("Hi Sam, great meeting you at the Michigan alumni mixer! I'm applying for the Data Analyst role at Stripe and would "
        "be grateful for a referral if you're comfortable. No worries if not. Thank you!")


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def draft(tmp_path):
    def write(text, name="draft.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def test_clean_draft_exits_0_with_checklist_and_score(capsys, draft):
    code, out, _ = run(capsys, draft(GOOD), "--surface", "connection_note")
    assert code == 0
    assert "no findings" in out and "Score: 100/100" in out
    assert "  [x] Names the role and the company" in out
    assert out.index("Names the role") < out.index("Gives them an easy out") < out.index("Thanks them")


def test_error_finding_exits_1_with_line_col_and_caret(capsys, draft):
    path = draft("Hello!\nI'd love to join [Company] soon.\n")
    code, out, _ = run(capsys, path)
    assert code == 1
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if "[template.placeholder]" in line)
    assert lines[i].startswith(f"{path}:2:18: error [template.placeholder]")
    assert lines[i + 1] == "    I'd love to join [Company] soon."
    assert lines[i + 2] == "    " + " " * 17 + "^" * len("[Company]")
    assert "[ ] Names the role and the company" in out


def test_caret_column_counts_characters_after_emoji(capsys, draft):
    code, out, _ = run(capsys, draft("🎉🎉 Refer me ASAP!"))
    line = next(x for x in out.splitlines() if "[tone.demanding]" in x)
    assert ":1:4: error" in line  # column in characters, not UTF-16 units


def test_warnings_only_exit_0(capsys, draft):
    code, out, _ = run(capsys, draft("Any openings at your company?"))
    assert code == 0 and "[ask.vague]" in out and "warning" in out


def test_stdin_dash_and_default(capsys, monkeypatch):
    code, out, _ = run(capsys, "-", stdin="Hi [Name]", monkeypatch=monkeypatch)
    assert code == 1 and out.startswith("<stdin>:1:4: error [template.placeholder]")
    code, out, _ = run(capsys, "--json", stdin="Hi", monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["limits"]["used"] == 2


def test_json_is_exactly_the_engines_feedback(capsys, draft):
    text = "Hi Priya,\nRefer me to any openings at Google ASAP!! Thanks in advance 🙏\n"
    code, out, _ = run(capsys, draft(text), "--json", "--surface", "message", "--recipient", "Sam Lee",
                       "--company", "Stripe")
    expected = analyze(text.rstrip("\n"), CoachContext(surface="message", recipient_name="Sam Lee", company="Stripe"))
    assert json.loads(out) == expected.model_dump(mode="json")
    assert code == 1  # the wrong name is an error


def test_disable_switches_rules_off(capsys, draft):
    path = draft("Hi [Name], any openings?")
    code, out, _ = run(capsys, path, "--json", "--disable", "template.placeholder", "--disable", "ask.vague,ask.role-missing")
    got = {f["code"] for f in json.loads(out)["findings"]}
    assert code == 0 and not got & {"template.placeholder", "ask.vague", "ask.role-missing"}


def test_profile_json_and_page_result_json(capsys, draft, tmp_path):
    profile = Profile(name="Sam Lee", current_company="Stripe")
    p1 = tmp_path / "profile.json"
    p1.write_text(profile.model_dump_json(), encoding="utf-8")
    p2 = tmp_path / "page.json"
    p2.write_text(PageResult(kind="profile", profile=profile).model_dump_json(), encoding="utf-8")
    for path in (p1, p2):
        code, out, _ = run(capsys, draft("Hi Priya, how is your team at Google?"), "--json", "--profile", str(path))
        got = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
        assert got["fact.name-mismatch"] == "error" and got["fact.company-mismatch"] == "error" and code == 1


def test_limit_flag_and_inmail_subject(capsys, draft):
    code, out, _ = run(capsys, draft("x" * 250), "--surface", "connection_note", "--limit", "200", "--json")
    data = json.loads(out)
    assert code == 1 and data["limits"]["allowed"] == 200
    code, out, _ = run(capsys, draft("Hi"), "--surface", "inmail", "--subject", "s" * 201, "--json")
    assert code == 1


def test_a_files_final_newline_is_not_counted_against_the_limit(capsys, draft):
    """An editor ends the file with a newline; the message box would not hold it."""
    note = ("Hi Sam, I enjoyed your talk on streaming ETL at PyData. " * 4)[:200]  # exactly 200
    code, out, _ = run(capsys, draft(note + "\n"), "--surface", "connection_note", "--limit", "200", "--json")
    assert code == 0 and json.loads(out)["limits"]["used"] == 200
    code, out, _ = run(capsys, draft(note + "x\n"), "--surface", "connection_note", "--limit", "200", "--json")
    assert code == 1 and json.loads(out)["limits"]["used"] == 201


@pytest.mark.parametrize("args,needle", [
    (["/nonexistent/draft.txt"], "cannot read /nonexistent/draft.txt"),
    (["{draft}", "--disable", "no.such-rule"], "unknown rule code(s) for --disable: no.such-rule"),
    (["{draft}", "--profile", "/nonexistent.json"], "cannot read /nonexistent.json"),
    (["{draft}", "--profile", "{badjson}"], "is not valid JSON"),
    (["{draft}", "--profile", "{notprofile}"], "is not a profile"),
    (["{draft}", "--limit", "0"], "--limit must be a positive number"),
    (["{latin1}"], "is not UTF-8 text"),
])
def test_bad_usage_exits_2_with_a_clear_message(capsys, tmp_path, args, needle):
    files = {"draft": tmp_path / "d.txt", "badjson": tmp_path / "bad.json", "notprofile": tmp_path / "np.json",
             "latin1": tmp_path / "l.txt"}
    files["draft"].write_text("Hi", encoding="utf-8")
    files["badjson"].write_text("{not json", encoding="utf-8")
    files["notprofile"].write_text('{"name": 5, "bogus": 1}', encoding="utf-8")
    files["latin1"].write_bytes("café".encode("latin-1"))
    argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    code, out, err = run(capsys, *argv)
    assert code == 2 and needle in err and out == ""


def test_real_process_exit_codes(tmp_path):
    """The installed entry point, as a user or a script would run it."""
    ok = tmp_path / "ok.txt"
    ok.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Hi [Name]", encoding="utf-8")
    cmd = [sys.executable, "-m", "companion", "check"]
    assert subprocess.run([*cmd, str(ok), "--surface", "connection_note"], capture_output=True, cwd=REPO).returncode == 0
    assert subprocess.run([*cmd, str(bad)], capture_output=True, cwd=REPO).returncode == 1
    usage = subprocess.run([*cmd, "--surface", "fax", str(ok)], capture_output=True, cwd=REPO, text=True)
    assert usage.returncode == 2 and "invalid choice" in usage.stderr
    piped = subprocess.run([*cmd, "-", "--json"], input="Hi [Name]".encode(), capture_output=True, cwd=REPO)
    assert piped.returncode == 1 and json.loads(piped.stdout)["findings"][0]["code"] == "template.placeholder"


@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="shared LinkedIn fixtures not present")
def test_page_flag_reads_the_recipient_from_a_saved_profile(capsys, draft):
    pytest.importorskip("companion.pages")
    url = "https://www.linkedin.com/in/maya-okafor-7b2/"
    code, out, _ = run(capsys, draft("Hi Priya, could you refer me?"), "--page", str(SHARED_PAGE), "--url", url, "--json")
    got = {f["code"]: f for f in json.loads(out)["findings"]}
    assert code == 1 and "Maya" in got["fact.name-mismatch"]["message"]
    code, out, _ = run(capsys, draft("Hi Maya, could you refer me?"), "--page", str(SHARED_PAGE), "--url", url, "--json")
    assert "fact.name-mismatch" not in {f["code"] for f in json.loads(out)["findings"]}
    hints = json.loads(out)["hints"]
    code, out, _ = run(capsys, draft("Hi Maya, could you refer me?"), "--page", str(SHARED_PAGE), "--url", url)
    assert hints and "Hints:" in out and hints[0]["text"] in out


@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="shared LinkedIn fixtures not present")
def test_page_flag_without_url(capsys, draft):
    pytest.importorskip("companion.pages")
    code, out, _ = run(capsys, draft("Hi Priya, could you refer me?"), "--page", str(SHARED_PAGE), "--json")
    assert code == 1 and "fact.name-mismatch" in {f["code"] for f in json.loads(out)["findings"]}


def test_a_minimized_chat_with_someone_else_does_not_make_an_ask_warm(capsys, draft):
    """The open pop-up to the person on the profile is empty; a minimized chat with someone else holds an
    exchange. The ask is still a first message to her."""
    page = REPO / "tests" / "fixtures" / "linkedin" / "classic_profile_empty_popup_minimized_chat.html"
    _, out, _ = run(capsys, draft("can u refer me"), "--page", str(page), "--url",
                    "https://www.linkedin.com/in/maren-solberg-data/", "--json")
    assert "relationship.cold-ask" in {f["code"] for f in json.loads(out)["findings"]}


def _thread_page(tmp_path, days_ago: float) -> str:
    """The saved thread (the user wrote last, after asking for a chat), its last message `days_ago`."""
    html = (REPO / "tests" / "fixtures" / "linkedin" / "classic_messaging_thread.html").read_text()
    page = tmp_path / f"thread-{days_ago}.html"
    page.write_text(moved(html, datetime.now(timezone.utc) - timedelta(days=days_ago)))
    return str(page)


def test_a_message_under_ones_own_unanswered_message_is_coached_as_a_follow_up(capsys, draft, tmp_path):
    """The CLI decides the surface from the page as the companion does for the extension."""
    nudge = draft("Hi Daniel, any thoughts on my question?")  # no "following up" in its words: the page decides
    _, out, _ = run(capsys, nudge, "--page", _thread_page(tmp_path, 8), "--json")
    fb = json.loads(out)
    assert fb["surface"] == "follow_up" and "followup.ok" in {f["code"] for f in fb["findings"]}
    _, out, _ = run(capsys, nudge, "--json")
    assert json.loads(out)["surface"] == "message"


def test_a_conversation_gone_cold_is_written_to_afresh(capsys, draft, tmp_path):
    _, out, _ = run(capsys, draft("Hi Daniel, just following up on my note."), "--page", _thread_page(tmp_path, 90),
                    "--json")
    fb = json.loads(out)
    [ok] = [f for f in fb["findings"] if f["code"] == "followup.too-late"]
    assert fb["surface"] == "message" and "90 days" in ok["message"] and "fresh message" in ok["message"]
    assert fb["findings"][0] == ok and "followup.ok" not in {f["code"] for f in fb["findings"]}
    assert not ok.get("suggestion")  # no "back to the top of your inbox" after three months


def test_a_thank_you_under_ones_own_message_is_not_a_follow_up(capsys, draft, tmp_path):
    thanks = draft("Daniel, I just wanted to say thank you for the referral. I start on Monday!")
    _, out, _ = run(capsys, thanks, "--page", _thread_page(tmp_path, 8), "--json")
    assert json.loads(out)["surface"] == "message"


def test_an_invitation_dialog_page_is_checked_as_a_connection_note_with_its_own_limit(capsys, draft):
    """With no --surface, the page's composer decides, as in the sidebar: an invite dialog is a note."""
    page = REPO / "tests" / "fixtures" / "linkedin" / "sdui_profile_3rd_invite_dialog.html"  # a 200-character box
    note = draft("Hi Yusuf, I enjoyed your talk on Kafka at PyData. Would you be open to a quick chat about the "
                 "data team? Thanks!")
    _, out, _ = run(capsys, note, "--page", str(page), "--json")
    fb = json.loads(out)
    assert fb["surface"] == "connection_note" and fb["limits"]["allowed"] == 200
    assert fb["limits"]["recommended_min"] < fb["limits"]["recommended_max"] == 200
    # A note that only connects has no floor: "would love to connect" after praise is complete as it is.
    hello = draft("Hi Yusuf, I enjoyed your talk on Kafka at PyData and would love to connect. Thanks!")
    _, out, _ = run(capsys, hello, "--page", str(page), "--json")
    assert json.loads(out)["limits"]["recommended_min"] is None
    assert not {"background.missing", "materials.missing"} & {f["code"] for f in fb["findings"]}  # message rules
    _, out, _ = run(capsys, note, "--page", str(page), "--surface", "message", "--json")
    assert json.loads(out)["surface"] == "message"  # a surface given wins


def test_a_surface_named_other_than_the_pages_composer_gets_its_own_limit(capsys, draft):
    """A page saved with the invitation dialog open (200 characters) does not cap a message; --limit still wins."""
    page = str(REPO / "tests" / "fixtures" / "linkedin" / "sdui_profile_3rd_invite_dialog.html")
    text = ("Hi Yusuf, thank you so much for agreeing to refer me! Here's the posting for the Data Engineer role "
            "(job 5521): https://tidewater.com/careers/5521 and my resume is attached. Let me know if you need more.")
    assert 200 < len(text) < 300
    path = draft(text)

    def limits_and_codes(*args):
        code, out, _ = run(capsys, path, "--page", page, "--json", *args)
        fb = json.loads(out)
        return code, fb["limits"]["allowed"], {f["code"] for f in fb["findings"]}

    code, allowed, found = limits_and_codes("--surface", "message")
    assert (code, allowed) == (0, 8000) and "length.over-limit" not in found
    assert limits_and_codes("--surface", "follow_up")[1] == 8000
    code, allowed, found = limits_and_codes("--surface", "connection_note")  # the dialog's own surface: its 200
    assert (code, allowed) == (1, 200) and "length.over-limit" in found
    assert limits_and_codes("--surface", "message", "--limit", "150")[1] == 150
    _, out, _ = run(capsys, path, "--page", page, "--surface", "message")
    assert "over-limit" not in out and f"Length: {len(text)}/8000" in out


def test_a_limit_below_the_usual_minimum_still_recommends_a_range(capsys, draft):
    _, out, _ = run(capsys, draft("Hi Sam, could you refer me for the Analyst role at Stripe?"),
                    "--surface", "inmail", "--limit", "150", "--json")
    limits = json.loads(out)["limits"]
    assert (limits["allowed"], limits["recommended_min"], limits["recommended_max"]) == (150, 75, 150)


def test_empty_input_says_there_is_nothing_to_check(capsys, draft):
    for text in ("", "  \n\t "):
        code, out, _ = run(capsys, draft(text))
        assert code == 0 and "nothing to check" in out and "Score" not in out
    code, out, _ = run(capsys, draft(" "), "--json")
    fb = json.loads(out)
    assert code == 0 and fb["score"] is None and fb["findings"] == []


def test_ones_own_profile_page_is_not_the_recipient(capsys, draft):
    """As for the extension: on the user's own page the greeting is not checked against their name."""
    own = REPO / "tests" / "fixtures" / "linkedin" / "sdui_profile_own.html"
    _, out, _ = run(capsys, draft("Hi Priya, could you refer me?"), "--page", str(own), "--json")
    assert "fact.name-mismatch" not in {f["code"] for f in json.loads(out)["findings"]}


def test_a_draft_in_another_language_prints_no_empty_checklist(capsys, draft):
    spanish = ("Hola Marta, vi tu charla sobre Kafka en Codemotion. Estoy postulando al puesto de Data Engineer "
               "en Glovo. ¿Estarías dispuesta a recomendarme? Te puedo enviar mi CV. ¡Gracias!")
    _, out, _ = run(capsys, draft(spanish))
    assert "language.not-english" in out and "Checklist:" not in out
    assert "Score: none (not read as English)" in out and "/100" not in out


def test_check_reads_the_outreach_log_as_the_sidebar_does(capsys, draft, tmp_path):
    """Three unanswered messages to Lee in the log: a fourth is told to let it go, in the CLI too."""
    from companion.coach.outreach_view import to_ms
    from companion.store import LogDB

    data = tmp_path / "data"
    db = LogDB.in_dir(data)
    now = datetime.now(timezone.utc)
    for days in (34, 23, 11):
        at = to_ms(now - timedelta(days=days))
        db.record_sent("lee-park", "message", f"Hi Lee, a note about the referral ({days}).", at, at)
    db.close()
    page = str(REPO / "tests" / "fixtures" / "extension" / "sdui_profile.html")
    nudge = draft("Hi Lee, just bumping this in case it got buried. Thank you!")
    _, out, _ = run(capsys, nudge, "--page", page, "--data-dir", str(data), "--json")
    fb = json.loads(out)
    assert fb["surface"] == "follow_up" and "followup.stop" in {f["code"] for f in fb["findings"]}
    _, out, _ = run(capsys, nudge, "--page", page, "--data-dir", str(data), "--no-log", "--json")
    assert "followup.stop" not in {f["code"] for f in json.loads(out)["findings"]}
    assert list(data.iterdir()) and not (tmp_path / "tactful-data").exists()  # nothing created elsewhere


def test_reply_says_the_draft_answers_them_when_no_page_shows_it(capsys, draft):
    """With no page and no log the coach reads the stage from the words; --reply says what a conversation page
    would show (their message last): an answer gets no first-ask cards, a referral asked in it still needs
    the fit, and a page that shows the conversation already wins over the flag (exit 2)."""
    answer = draft("Thursday at 4 is good for me, I'll have my notes ready.")
    ask_cards = {"ask.role-missing", "ask.company-missing", "background.missing", "materials.missing",
                 "personal.generic", "length.too-short", "courtesy.out-missing"}
    args = ("--json", "--no-log", "--recipient", "Sam Lee", "--company", "Stripe")
    _, out, _ = run(capsys, answer, *args)
    assert {f["code"] for f in json.loads(out)["findings"]} & ask_cards  # read as a first message
    _, out, _ = run(capsys, answer, *args, "--reply")
    assert not {f["code"] for f in json.loads(out)["findings"]} & ask_cards
    ask = draft("Could you refer me for the Data Analyst role?", "ask.txt")
    _, out, _ = run(capsys, ask, *args, "--reply")
    assert "background.missing" in {f["code"] for f in json.loads(out)["findings"]}
    page = str(REPO / "tests" / "fixtures" / "linkedin" / "classic_messaging_thread.html")
    code, _, err = run(capsys, answer, "--no-log", "--reply", "--page", page)
    assert code == 2 and "--reply" in err
