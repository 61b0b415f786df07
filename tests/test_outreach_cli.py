"""`tactful history` on a real database file, as a subprocess, the way a user runs it."""

import json
import os
import stat
import subprocess
import sys

import pytest

from companion.store import DB_NAME, LogDB
from terminal import run_on_a_terminal

PY = sys.executable
TEXT = "Hi {n}, I saw the platform team at {c} is hiring and would love to be considered. Would you refer me?"


def history(data, *args, env=None):
    full = dict(os.environ, **(env or {}))
    return subprocess.run([PY, "-m", "companion", "history", *args, "--data-dir", str(data)] if args else
                          [PY, "-m", "companion", "history", "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=60, env=full)


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    db.record_sent("ana-lopez", "connection_note", TEXT.format(n="Ana", c="Stripe"), 1_700_000_000_000,
                   1_700_000_000_000, url="https://www.linkedin.com/in/ana-lopez/", name="Ana Lopez",
                   company="Stripe")
    db.record_sent("ana-lopez", "message", "Hi Ana, just bringing this back up. Thank you!", 1_700_700_000_000,
                   1_700_700_000_000)
    db.record_sent("bo-chen", "message", TEXT.format(n="Bo", c="Figma"), 1_700_100_000_000, 1_700_100_000_000,
                   name="Bo Chen", company="Figma")
    db.record_replies("bo-chen", [1_700_200_000_000])
    db.update("bo-chen", 1_700_300_000_000, state="agreed", notes="will refer after the holidays")
    db.close()
    return folder


def test_show_lists_people_state_counts_and_keep_updated_advice(data):
    r = history(data)
    assert r.returncode == 0, r.stderr
    lines = [l.split() for l in r.stdout.splitlines()]
    assert lines[0] == ["WHO", "COMPANY", "ROLE", "STATE", "LAST", "CONTACT", "NEXT", "STEP"]
    # One row per person, most recent contact first: state, last contact and the next step.
    # (Ana's one follow-up went unanswered, in 2023: far too long ago for a second one, as --due says.)
    assert lines[1] == ["Ana", "Lopez", "Stripe", "asked", "2023-11-23",
                        *"too late for a reminder; write afresh or let it go".split()]
    assert lines[2] == ["Bo", "Chen", "Figma", "agreed", "2023-11-17", "thank", "them"]
    assert "notes: will refer after the holidays" in r.stdout
    assert "-> Bo Chen agreed to refer you" in r.stdout and "thank them" in r.stdout
    j = history(data, "--json")
    entries = {e["recipient"]["slug"]: e for e in json.loads(j.stdout)}
    assert entries["bo-chen"]["advice"] and "advice" not in entries["ana-lopez"]
    assert [s["surface"] for s in entries["ana-lopez"]["sent"]] == ["connection_note", "message"]


def test_set_and_forget(data):
    r = history(data, "set", "ana-lopez", "--state", "declined")
    assert r.returncode == 0 and "declined" in r.stdout
    r = history(data, "set", "nobody", "--state", "agreed")
    assert r.returncode == 1 and "nobody" in r.stderr
    r = history(data, "forget")
    assert r.returncode == 2  # one of --recipient / --all is required
    r = history(data, "forget", "--recipient", "ana-lopez")
    assert r.returncode == 0 and "Forgot 1 person" in r.stdout
    assert "ana-lopez" not in history(data).stdout
    assert history(data, "forget", "--recipient", "ana-lopez").returncode == 1
    r = history(data, "forget", "--all", "--yes")
    assert r.returncode == 0 and "Forgot 1 person" in r.stdout
    assert "empty" in history(data).stdout
    r = history(data, "forget", "--all")  # nothing to lose: no question
    assert r.returncode == 0 and "Forgot 0 people" in r.stdout


def test_forget_all_asks_first_and_a_script_must_say_yes(data):
    """Erasing the whole log is asked about on a terminal (anything but y keeps it) and refused
    without one unless --yes says so: one keystroke must not lose every contact."""
    args = ["history", "forget", "--all", "--data-dir", str(data)]
    code, screen = run_on_a_terminal(args, b"[y/N]", b"n\n")
    assert code == 1 and b"about 2 people?" in screen and b"Nothing was erased" in screen
    code, screen = run_on_a_terminal(args, b"[y/N]", b"\x04")  # Ctrl-D
    assert code == 1 and b"Nothing was erased" in screen
    r = history(data, "forget", "--all")  # stdin is not a terminal here
    assert r.returncode == 2 and "--yes" in r.stderr and "2 people" in r.stderr
    assert "Ana Lopez" in history(data).stdout and "Bo Chen" in history(data).stdout
    code, screen = run_on_a_terminal(args, b"[y/N]", b"y\n")
    assert code == 0 and b"Forgot 2 people" in screen
    assert "empty" in history(data).stdout


def test_export_is_private_readable_and_imports_back_idempotently(data, tmp_path):
    out = tmp_path / "export.json"
    r = history(data, "export", str(out))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    dump = json.loads(out.read_text())
    assert dump["format"] == "tactful-outreach-log" and dump["settings"] == {"history_text": False}
    ana = next(p for p in dump["recipients"] if p["slug"] == "ana-lopez")
    assert ana["url"] == "https://www.linkedin.com/in/ana-lopez/" and len(ana["messages"]) == 2
    assert all("text" not in m and m["text_stored"] is False and m["fingerprint"] for m in ana["messages"])
    assert "would love" not in out.read_text()  # no message text without history-text

    other = tmp_path / "other"
    r = history(other, "import", str(out))
    assert r.returncode == 0, r.stderr
    assert "recipients added: 2" in r.stdout and "messages added: 3" in r.stdout
    again = history(other, "import", str(out))
    assert "messages added: 0" in again.stdout and "messages skipped: 3" in again.stdout
    assert "recipients updated: 0" in again.stdout  # nothing changed, nothing claimed
    a = json.loads(history(data, "--json").stdout)
    b = json.loads(history(other, "--json").stdout)
    assert a == b
    # The imported fingerprints still find the template.
    db = LogDB.in_dir(other)
    view = db.load()  # with its mass-message index
    assert view.mass_check(TEXT.format(n="Cy", c="Notion"), "cy", ("Cy", "Notion")).recipients == 2
    db.close()


def test_bad_import_changes_nothing(data, tmp_path):
    before = history(data, "--json").stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = history(data, "import", str(bad))
    assert r.returncode == 2 and "not JSON" in r.stderr and "nothing was imported" in r.stderr
    bad.write_text(json.dumps({"format": "tactful-outreach-log", "version": 1, "recipients": [
        {"slug": "new-person", "messages": []},
        {"slug": "x", "messages": [{"surface": "message", "sent_at": "yesterday"}]}]}))
    r = history(data, "import", str(bad))
    assert r.returncode == 2 and "yesterday" in r.stderr
    for fingerprint in ("not hex", "0123456789abcdef01"):  # a fingerprint is whole 64-bit hashes in hex
        bad.write_text(json.dumps({"format": "tactful-outreach-log", "version": 1, "recipients": [
            {"slug": "x", "messages": [{"surface": "message", "sent_at": "2024-01-01T00:00:00Z",
                                        "fingerprint": fingerprint}]}]}))
        r = history(data, "import", str(bad))
        assert r.returncode == 2 and "recipients.0.messages.0.fingerprint" in r.stderr, r.stderr
    bad.write_text(json.dumps({"format": "something-else", "recipients": []}))
    assert history(data, "import", str(bad)).returncode == 2
    assert history(data, "import", str(tmp_path / "missing.json")).returncode == 2
    assert history(data, "--json").stdout == before


def test_text_on_fails_closed_without_a_secure_keyring(data):
    r = history(data, "text", "on", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert r.returncode == 1 and "keyring" in r.stderr and "Nothing changed" in r.stderr
    assert "To get a keyring, install and unlock a Secret Service" in r.stderr  # how, not only why
    assert history(data, "text", "status").stdout.strip() == "history-text is off"


def test_a_damaged_log_is_reported_and_kept(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"garbage" * 1000)
    r = history(folder)
    assert r.returncode == 0 and "damaged" in r.stderr and "kept as" in r.stderr
    assert any(".corrupt-" in p.name for p in folder.iterdir())


def test_data_dir_before_the_subcommand_is_kept(tmp_path):
    """`tactful history --data-dir D import F` writes into D, not the default data dir."""
    import json as _json
    import os
    import subprocess
    import sys

    data = tmp_path / "data"
    export = tmp_path / "exported.json"
    env = {**os.environ, "TACTFUL_DATA_DIR": str(tmp_path / "must-not-be-used")}
    sent = [sys.executable, "-m", "companion", "history", "--data-dir", str(data), "export", str(export)]
    subprocess.run(sent, check=True, env=env, capture_output=True, timeout=60)
    assert export.exists() and not (tmp_path / "must-not-be-used").exists()
    imported = subprocess.run([sys.executable, "-m", "companion", "history", "--data-dir", str(data),
                               "import", str(export)], env=env, capture_output=True, text=True, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert not (tmp_path / "must-not-be-used").exists()
    assert _json.loads(export.read_text())  # a readable export


def test_export_leaves_the_destination_folder_permissions_alone(tmp_path):
    import os
    import stat
    import subprocess
    import sys

    dest_dir = tmp_path / "home"
    dest_dir.mkdir(mode=0o755)
    os.chmod(dest_dir, 0o755)
    out = dest_dir / "tactful-export.json"
    subprocess.run([sys.executable, "-m", "companion", "history", "--data-dir", str(tmp_path / "data"),
                    "export", str(out)], check=True, capture_output=True, timeout=60)
    assert stat.S_IMODE(os.stat(dest_dir).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_export_into_a_folder_that_does_not_exist_is_an_error_not_a_new_folder(data, tmp_path):
    mistyped = tmp_path / "Documnets" / "export.json"
    r = history(data, "export", str(mistyped))
    assert r.returncode == 1 and "cannot write" in r.stderr and "nothing was written" in r.stderr
    assert not mistyped.parent.exists()
