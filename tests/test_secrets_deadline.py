"""A keyring that stops answering makes credential operations fail with a clear error, not hang.

The backend here is a stand-in whose calls block, as a D-Bus Secret Service does when it waits on
an unlock prompt nobody answers; the real daemon-killed case runs in test_resilience_keyring.py.
"""

import threading
import time

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend

from companion import secrets


class StuckKeyring(KeyringBackend):
    # keyring registers every KeyringBackend subclass and may pick one when another test
    # re-initializes it: outside this module's fixture the class says it is not viable.
    active = False

    @properties.classproperty
    def priority(cls):
        if not cls.active:
            raise RuntimeError("StuckKeyring is only for test_secrets_deadline")
        return 5  # looks like a recommended backend, so companion.secrets accepts it

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(30)
        return None

    def set_password(self, service, username, password):
        self.release.wait(30)

    def delete_password(self, service, username):
        self.release.wait(30)


@pytest.fixture
def stuck(monkeypatch):
    previous = keyring.get_keyring()
    StuckKeyring.active = True
    backend = StuckKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("TACTFUL_KEYRING_TIMEOUT", "0.5")
    yield
    backend.release.set()  # let the abandoned calls finish
    keyring.set_keyring(previous)
    StuckKeyring.active = False


@pytest.mark.parametrize("call", [
    lambda: secrets.get_secret("api-key"),
    lambda: secrets.set_secret("api-key", "value"),
    lambda: secrets.delete_secret("api-key"),
    lambda: secrets.list_names(),
])
def test_a_stuck_keyring_fails_with_a_clear_error(stuck, call):
    started = time.monotonic()
    with pytest.raises(secrets.SecretsUnavailable, match="did not answer within 0.5 s"):
        call()
    assert time.monotonic() - started < 10  # it gave up; it did not wait for the backend


def test_backend_status_reports_a_stuck_keyring_as_not_usable(stuck):
    status = secrets.backend_status()
    assert status.secure is False and "did not answer" in status.reason


def test_probe_answers_not_secure_after_its_own_deadline(stuck, monkeypatch):
    """What serve, the tray and doctor ask at start: a stuck keyring costs them `timeout`, not the
    60 s every credential call may wait."""
    monkeypatch.setenv("TACTFUL_KEYRING_TIMEOUT", "60")
    started = time.monotonic()
    status = secrets.probe(timeout=0.3)
    assert status.secure is False and "did not answer within 0.3 s" in status.reason
    assert time.monotonic() - started < 10
