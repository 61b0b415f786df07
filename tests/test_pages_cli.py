"""`tactful page FILE.html [--url URL] [--json]` run as a real subprocess and in-process."""

import json
import subprocess
import sys
from pathlib import Path

from companion.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
REPO = Path(__file__).resolve().parent.parent


def test_json_output_is_the_page_result(capsys):
    assert main(["page", str(FIXTURES / "sdui_profile_2nd.html"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "profile" and data["profile"]["slug"] == "priya-raman-42"
    assert data["profile"]["experience"][0]["roles"][1]["title"] == "Senior Software Engineer"
    assert "thread" not in data  # None fields are left out


def test_thread_json_and_url_option(capsys):
    assert main(["page", str(FIXTURES / "classic_messaging_thread.html"), "--url",
                 "https://www.linkedin.com/messaging/thread/2-abc/", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "thread" and data["thread"]["participant"]["name"] == "Daniel Okoye"
    assert data["url"] == "https://www.linkedin.com/messaging/thread/2-abc/"


def test_thread_json_carries_every_paragraph_of_a_message(tmp_path, capsys):
    html = (FIXTURES / "classic_messaging_thread.html").read_text(encoding="utf-8")
    end = html.index("</ul></div></div>")  # the messages of thread_paragraph_messages.html after its own
    page = tmp_path / "thread.html"
    page.write_text(html[:end] + (FIXTURES / "thread_paragraph_messages.html").read_text(encoding="utf-8")
                    + html[end:], encoding="utf-8")
    assert main(["page", str(page), "--json"]) == 0
    texts = [m["text"] for m in json.loads(capsys.readouterr().out)["thread"]["messages"][4:6]]
    assert texts == ["Hi Sara, sure. Keep it to three sentences, please.",
                     "Also, which team is the role in? Thanks, Daniel"]


def test_human_output(capsys):
    assert main(["page", str(FIXTURES / "sdui_profile_3rd_invite_dialog.html")]) == 0
    out = capsys.readouterr().out
    assert "name         Yusuf Demir" in out and "degree       3rd" in out
    assert "composer: connection_note, limit 200" in out and "experience:  (not loaded)" in out


def test_unreadable_input_exits_2_with_a_message(tmp_path, capsys):
    assert main(["page", str(tmp_path / "missing.html")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    assert main(["page", str(tmp_path)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    binary = tmp_path / "x.html"
    binary.write_bytes(b"\x00\x01\x02PNG")
    assert main(["page", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err


def test_subprocess_reads_stdin():
    html = (FIXTURES / "sdui_profile_pending.html").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "companion", "page", "-", "--json"], input=html,
                          capture_output=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["profile"]["pending_invite"] is True and data["profile"]["degree"] == 2
