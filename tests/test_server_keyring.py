"""companion.secrets: the one keyring module. The round trip runs against a real Secret Service
(gnome-keyring under dbus-run-session, as in CI); the backend-choice tests use in-process
backends, because a plaintext backend must be refused without ever being written to."""

import os
import subprocess
import sys
import uuid

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend

from companion import secrets


class MemoryBackend(KeyringBackend):
    # keyring registers every KeyringBackend subclass, and its lazy first pick happens after the
    # whole suite is imported: a viable stand-in at priority 5 could win over the real Secret
    # Service in other modules. It is only ever installed explicitly (backend_swap), so it says it
    # is not viable to keyring's own selection.
    @properties.classproperty
    def priority(cls):
        raise RuntimeError("a test stand-in, installed explicitly only")

    def __init__(self):
        super().__init__()
        self.data = {}

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self.data[(service, username)] = password

    def delete_password(self, service, username):
        try:
            del self.data[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class FakePlaintext(MemoryBackend):
    """Stands in for keyrings.alt.file.PlaintextKeyring (not installed here): same module name."""

    priority = 0.5


FakePlaintext.__module__ = "keyrings.alt.file"


@pytest.fixture
def backend_swap():
    old = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(old)


def test_round_trip_and_names_with_a_secure_backend(backend_swap):
    mem = MemoryBackend()
    backend_swap(mem)
    assert secrets.backend_status().secure
    secrets.set_secret("api-key", "v1")
    secrets.set_secret("history-key", "v2")
    assert secrets.get_secret("api-key") == "v1" and secrets.list_names() == ["api-key", "history-key"]
    assert "v1" not in mem.data[("tactful", secrets.INDEX_NAME)]  # the index holds names only
    assert secrets.delete_secret("api-key") is True and secrets.delete_secret("api-key") is False
    assert secrets.get_secret("api-key") is None and secrets.list_names() == ["history-key"]


def test_plaintext_backend_is_refused_and_never_written(backend_swap):
    plain = FakePlaintext()
    backend_swap(plain)
    status = secrets.backend_status()
    assert not status.secure and "keyrings.alt" in status.backend
    with pytest.raises(secrets.SecretsUnavailable, match="no secure keyring"):
        secrets.set_secret("api-key", "value")
    assert plain.data == {}


@pytest.mark.parametrize("name", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_fail_and_null_backends_are_refused(name):
    code = ("from companion import secrets; s = secrets.backend_status(); print(s.secure, s.backend);"
            "\ntry:\n secrets.set_secret('x', 'y')\nexcept secrets.SecretsUnavailable: print('refused')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, PYTHON_KEYRING_BACKEND=name))
    assert out.stdout.split() == ["False", name, "refused"], out.stderr


def test_chainer_uses_only_the_secure_backend(backend_swap, monkeypatch):
    from keyring.backends.chainer import ChainerBackend

    secure, plain = MemoryBackend(), FakePlaintext()
    monkeypatch.setattr(ChainerBackend, "backends", [plain, secure])
    backend_swap(ChainerBackend())
    assert secrets.backend_status().secure
    secrets.set_secret("k", "v")
    assert secure.data[("tactful", "k")] == "v" and plain.data == {}


def test_forced_backend_that_is_not_recommended_is_warned_about(backend_swap, monkeypatch):
    class LowPriority(MemoryBackend):
        priority = 0.2

    backend_swap(LowPriority())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.LowPriority")
    status = secrets.backend_status()
    assert status.secure and status.warning and "not a backend keyring recommends" in status.warning


def test_bad_names_are_refused(backend_swap):
    backend_swap(MemoryBackend())
    for bad in ("", "   ", "x" * 201, secrets.INDEX_NAME):
        with pytest.raises(ValueError):
            secrets.set_secret(bad, "v")


def _secret_service_answers() -> bool:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    probe = "from companion.secrets import backend_status as b; s = b(); print(s.secure, s.backend)"
    try:
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return False
    return out.stdout.startswith("True") and "SecretService" in out.stdout


@pytest.mark.keyring
def test_round_trip_against_the_real_secret_service():
    if not _secret_service_answers():
        pytest.skip("no Secret Service: run under dbus-run-session with gnome-keyring unlocked (see .ci/run)")
    name = f"test-{uuid.uuid4().hex[:8]}"
    status = secrets.backend_status()
    assert status.secure and "SecretService" in status.backend
    try:
        secrets.set_secret(name, "s3cret value ✓")
        assert secrets.get_secret(name) == "s3cret value ✓"
        assert name in secrets.list_names()
        # Another process (a fresh keyring connection) sees the same item.
        out = subprocess.run([sys.executable, "-c", f"from companion import secrets; print(secrets.get_secret({name!r}))"],
                             capture_output=True, text=True, timeout=20)
        assert out.stdout.strip() == "s3cret value ✓"
    finally:
        assert secrets.delete_secret(name) is True
    assert secrets.get_secret(name) is None and name not in secrets.list_names()
