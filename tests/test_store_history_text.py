"""History-text: message text is kept only when turned on, encrypted with AES-GCM under a key that
lives in the real OS keyring (gnome-keyring's Secret Service under dbus-run-session in CI).

Run locally like .ci/run does:
  HOME=$(mktemp -d) dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock \
    --components=secrets >/dev/null; /work/venv/bin/pytest tests/test_store_history_text.py -q'
"""

import json
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from companion.store import DB_NAME, LogDB
from companion.store.crypto import KEY_NAME, TextCipher, aad

PY = sys.executable
SECRET_TEXT = "Hi Ana, UNIQUE-PHRASE-4417 about the Stripe platform team. Would you refer me?"


def test_cipher_roundtrip_binds_the_row_and_rejects_tampering():
    c = TextCipher(AESGCM.generate_key(bit_length=256))
    blob = c.encrypt(SECRET_TEXT, aad("ana", 1, "message"))
    assert b"UNIQUE-PHRASE" not in blob and blob[:1] == b"\x01"
    assert c.decrypt(blob, aad("ana", 1, "message")) == SECRET_TEXT
    assert c.decrypt(blob, aad("bo", 1, "message")) is None  # moved to another row
    assert c.decrypt(blob[:-1] + bytes([blob[-1] ^ 1]), aad("ana", 1, "message")) is None
    assert TextCipher(AESGCM.generate_key(bit_length=256)).decrypt(blob, aad("ana", 1, "message")) is None


@pytest.fixture(scope="module")
def secret_service(real_secret_service):
    """The real Secret Service (see conftest), cleaned of what these tests stored."""
    yield
    from companion import secrets
    secrets.delete_secret(KEY_NAME)


def cli(data, *args):
    return subprocess.run([PY, "-m", "companion", "history", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.keyring
def test_text_is_encrypted_at_rest_exported_in_clear_and_erased_when_off(secret_service, tmp_path):
    from companion import secrets

    data = tmp_path / "data"
    db = LogDB.in_dir(data)
    first = db.record_sent("before", "message", "Hi Bo, EARLY-PHRASE-1234 before history-text was on.", 1, 1)
    assert not first.text_stored
    db.close()

    r = cli(data, "text", "on")
    assert r.returncode == 0, r.stderr
    assert secrets.get_secret(KEY_NAME)  # the key lives in the keyring, not the data dir

    db = LogDB.in_dir(data)
    result = db.record_sent("ana", "message", SECRET_TEXT, 2, 2, name="Ana", company="Stripe")
    assert result.text_stored
    db.close()
    raw = b"".join(p.read_bytes() for p in data.iterdir() if p.name.startswith(DB_NAME))
    assert b"UNIQUE-PHRASE-4417" not in raw and b"EARLY-PHRASE" not in raw
    assert not any(b"UNIQUE-PHRASE" in p.read_bytes() for p in data.rglob("*") if p.is_file())

    out = tmp_path / "export.json"
    assert cli(data, "export", str(out)).returncode == 0
    dump = json.loads(out.read_text())
    msgs = {p["slug"]: p["messages"][0] for p in dump["recipients"]}
    assert msgs["ana"]["text"] == SECRET_TEXT and msgs["ana"]["text_stored"] is True
    assert "text" not in msgs["before"]
    assert dump["settings"]["history_text"] is True

    # Import into a second log with history-text on keeps the text (encrypted again).
    other = tmp_path / "other"
    LogDB.in_dir(other).close()
    assert cli(other, "text", "on").returncode == 0
    r = cli(other, "import", str(out))
    assert r.returncode == 0 and "texts kept: 1" in r.stdout

    r = cli(data, "text", "off")
    assert r.returncode == 0 and "erased 1 stored message text" in r.stdout
    assert secrets.get_secret(KEY_NAME) is None  # the key is gone too
    assert cli(data, "export", str(out)).returncode == 0
    assert "UNIQUE-PHRASE-4417" not in out.read_text()
    db = LogDB.in_dir(data)
    assert db.conn.execute("SELECT count(*) FROM messages WHERE text_enc IS NOT NULL").fetchone()[0] == 0
    assert not db.record_sent("ana", "message", SECRET_TEXT, 3, 3).text_stored
    db.close()
