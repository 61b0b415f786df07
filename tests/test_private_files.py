"""write_private_file: a planted symlink never redirects a write (issue 14 item 8)."""

import os
import stat
import subprocess
import sys

import pytest

from companion.paths import write_private_file


def test_symlink_at_the_old_predictable_temp_name_is_not_followed(tmp_path):
    victim = tmp_path / "victim_bashrc"
    victim.write_text("original\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    dest = shared / "export.json"
    # The name the old writer used, and a few pids around ours: none of them may be opened.
    for pid in (os.getpid(), os.getpid() + 1):
        (shared / f".export.json.{pid}.tmp").symlink_to(victim)
    write_private_file(dest, "secret notes\n", private_parent=False)
    assert victim.read_text() == "original\n"
    assert dest.read_text() == "secret notes\n" and not dest.is_symlink()
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_destination_that_is_a_symlink_is_refused(tmp_path):
    victim = tmp_path / "victim_bashrc"
    victim.write_text("original\n")
    dest = tmp_path / "export.json"
    dest.symlink_to(victim)
    with pytest.raises(OSError):
        write_private_file(dest, "secret notes\n", private_parent=False)
    assert victim.read_text() == "original\n" and dest.is_symlink()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temp left behind


def test_history_export_cli_refuses_a_symlinked_destination(tmp_path):
    victim = tmp_path / "victim_bashrc"
    victim.write_text("original\n")
    dest = tmp_path / "out.json"
    dest.symlink_to(victim)
    proc = subprocess.run([sys.executable, "-m", "companion", "history", "--data-dir", str(tmp_path / "data"),
                           "export", str(dest)], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "symbolic link" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert victim.read_text() == "original\n"


def test_rewrite_replaces_the_file_and_leaves_no_temp(tmp_path):
    dest = tmp_path / "d" / "settings.json"
    write_private_file(dest, "one")
    write_private_file(dest, b"two")
    assert dest.read_text() == "two" and stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert stat.S_IMODE(dest.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in dest.parent.iterdir()) == ["settings.json"]
