"""`tactful secrets` against the real Secret Service (gnome-keyring under dbus-run-session).

Run locally like .ci/run does:
  HOME=$(mktemp -d) dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock \
    --components=secrets >/dev/null; /work/venv/bin/pytest tests/test_secrets_cli.py -q'
The keyring tests skip (cleanly, with the reason) when no Secret Service answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from terminal import run_on_a_terminal

PY = sys.executable
VALUE = "sk-test-Zq81-not-a-real-key-7731"


def cli(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "companion", "secrets", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=env or os.environ.copy())


@pytest.fixture(scope="module")
def secret_service(real_secret_service):
    """The real Secret Service (see conftest), cleaned of what these tests stored."""
    yield
    cli("delete", "writing-assistant-api-key")
    cli("delete", "prompted-key")


@pytest.mark.keyring
def test_set_list_delete_never_shows_the_value(secret_service):
    name = "writing-assistant-api-key"
    r = cli("set", name, stdin=VALUE + "\n")
    assert r.returncode == 0, r.stderr
    assert VALUE not in r.stdout + r.stderr

    r = cli("list")
    assert r.returncode == 0 and name in r.stdout.splitlines()
    assert VALUE not in r.stdout + r.stderr

    # The value really is in the Secret Service (read by another client: libsecret's secret-tool),
    # without the trailing newline of the pipe.
    if shutil.which("secret-tool"):
        st = subprocess.run(["secret-tool", "lookup", "service", "tactful", "username", name],
                            capture_output=True, text=True, timeout=20)
        assert st.stdout == VALUE
    from companion import secrets

    assert secrets.get_secret(name) == VALUE

    # Replacing keeps one name in the list.
    assert cli("set", name, stdin="second-value").returncode == 0
    assert cli("list").stdout.splitlines().count(name) == 1
    assert secrets.get_secret(name) == "second-value"

    r = cli("delete", name)
    assert r.returncode == 0 and "Deleted" in r.stdout
    assert name not in cli("list").stdout
    assert secrets.get_secret(name) is None
    r = cli("delete", name)
    assert r.returncode == 1 and "no secret named" in r.stderr


def _set_on_a_terminal(name: str, keys: bytes) -> tuple[int, bytes]:
    """`tactful secrets set NAME` under a pseudo-terminal, `keys` typed at its hidden prompt."""
    return run_on_a_terminal(["secrets", "set", name], b"input hidden", keys)


@pytest.mark.keyring
def test_set_from_a_hidden_prompt_on_a_terminal(secret_service):
    """Under a pseudo-terminal the value is asked for with echo off and never appears on screen."""
    code, screen = _set_on_a_terminal("prompted-key", VALUE.encode() + b"\n")
    assert code == 0, screen
    assert b"Stored prompted-key" in screen
    assert VALUE.encode() not in screen  # echo was off
    from companion import secrets

    assert secrets.get_secret("prompted-key") == VALUE
    assert cli("delete", "prompted-key").returncode == 0


def test_empty_value_is_refused_and_nothing_is_stored():
    r = cli("set", "some-key", stdin="")
    assert r.returncode == 2 and "empty value" in r.stderr


@pytest.mark.parametrize("backend", ["keyring.backends.null.Keyring", "keyring.backends.fail.Keyring"])
def test_an_insecure_backend_is_refused_with_a_fix(backend, tmp_path):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend, "HOME": str(tmp_path)}
    r = cli("set", "k", stdin=VALUE, env=env)
    assert r.returncode == 3
    assert "no secure keyring" in r.stderr and "gnome-keyring" in r.stderr
    assert VALUE not in r.stdout + r.stderr
    assert cli("list", env=env).returncode == 3


def test_ctrl_d_at_the_hidden_prompt_stores_nothing_and_does_not_blame_the_keyring():
    """Under a pseudo-terminal, Ctrl-D (end of input) at the prompt: nothing typed, nothing stored."""
    code, screen = _set_on_a_terminal("never-typed", b"\x04")  # Ctrl-D
    assert code == 2, screen
    assert b"empty value; nothing was stored" in screen and b"keyring" not in screen.split(b"hidden")[-1]
