"""The one place Tactful touches the OS keyring: named secrets under the service "tactful".

Insecure backends (keyrings.alt, keyring's `fail` and `null`) are refused, never used as a fallback,
and inside a chainer only the best secure backend is used (docs/security.md, threat 19).
keyring cannot enumerate, so the names (never the values) are kept in the keyring itself, as a
JSON list under the reserved username INDEX_NAME.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backends.chainer import ChainerBackend

SERVICE = "tactful"
INDEX_NAME = "__tactful_secret_names__"
HOW_TO_GET_ONE = (
    "install and unlock a Secret Service such as GNOME Keyring (`apt install gnome-keyring`, then log in "
    "to a desktop session or start it with `gnome-keyring-daemon --unlock` under `dbus-run-session`) or "
    "KWallet; on macOS and Windows the system keychain is used as it is")
FEATURES_NEEDING_KEYRING = ("saved API keys",
                            "message text in the outreach history (times and fingerprints are still kept)")


class SecretsUnavailable(Exception):
    """No secure keyring backend: the message says why and how to get one."""


@dataclass(frozen=True)
class BackendStatus:
    secure: bool
    backend: str  # module.Class of the backend that would be used
    reason: str  # why it is (not) usable
    warning: str | None = None  # e.g. a forced backend keyring does not recommend


def _name(backend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _select():
    """The backend to use (None when there is none) and why it must not be used (None when it may)."""
    backend = keyring.get_keyring()
    if isinstance(backend, ChainerBackend):
        secure = [b for b in backend.backends if _why_insecure(b) is None]
        if not secure:
            names = ", ".join(_name(b) for b in backend.backends) or "none"
            return None, f"only insecure backends are available ({names})"
        backend = secure[0]
    return backend, _why_insecure(backend)


def _why_insecure(backend) -> str | None:
    """Why `backend` (keyring's `fail` or `null`, or keyrings.alt) must not hold secrets, else None."""
    module = type(backend).__module__ + "."  # the module itself or one inside it
    if module.startswith("keyring.backends.fail."):
        return "no keyring backend is available (no Secret Service on D-Bus, no KWallet)"
    if module.startswith("keyring.backends.null."):
        return "the null keyring backend stores nothing"
    if module.startswith("keyrings.alt."):
        return f"{_name(backend)} keeps secrets in a plaintext or weakly protected file"
    return None


def backend_status() -> BackendStatus:
    """Whether secrets can be stored safely right now, which backend, and why (not).

    Reads the index entry once, which catches a locked or unreachable Secret Service. It can
    block while D-Bus starts a daemon: call it off the event loop."""
    forced = os.environ.get("PYTHON_KEYRING_BACKEND")
    try:
        backend, problem = _select()
    except Exception as exc:  # e.g. a bad PYTHON_KEYRING_BACKEND name
        return BackendStatus(False, forced or "unknown", f"keyring could not load a backend: {exc}")
    if problem:  # also when there is no backend at all
        return BackendStatus(False, _name(backend) if backend is not None else "none", problem)
    warning = None
    try:
        priority = float(backend.priority)
    except Exception:  # keyring raises from `priority` when a backend is not viable
        priority = 0.0
    if forced and priority < 1:
        warning = (f"PYTHON_KEYRING_BACKEND={forced} is not a backend keyring recommends "
                   f"(priority {priority:g}); secrets are only as safe as it is")
    try:
        within_deadline(backend.get_password, SERVICE, INDEX_NAME)
    except Exception as exc:
        return BackendStatus(False, _name(backend), f"the keyring did not answer: {type(exc).__name__}: {exc}",
                             warning)
    return BackendStatus(True, _name(backend), "a secure keyring backend is available", warning)


def probe(timeout: float = 5.0) -> BackendStatus:
    """backend_status(), but not secure after `timeout` seconds without an answer (D-Bus can hang)."""
    try:
        return within_deadline(backend_status, timeout=timeout)
    except SecretsUnavailable as exc:
        return BackendStatus(False, "unknown", str(exc))


def _deadline() -> float:
    try:
        return max(0.1, float(os.environ.get("TACTFUL_KEYRING_TIMEOUT", "60")))
    except ValueError:
        return 60.0


def within_deadline(fn, *args, timeout: float | None = None):
    """Run one keyring call, but raise SecretsUnavailable after `timeout` (default: _deadline()).

    A locked or dead Secret Service can block D-Bus calls (an unlock prompt nobody answers): fail
    clearly instead of hanging the CLI or a server thread. A late result is dropped."""
    box: dict = {}

    def work():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    thread = threading.Thread(target=work, name="tactful-keyring", daemon=True)
    thread.start()
    limit = _deadline() if timeout is None else timeout
    thread.join(limit)
    if thread.is_alive():
        raise SecretsUnavailable(
            f"the keyring did not answer within {limit:g} s (it may be locked and waiting for "
            f"an unlock prompt, or its service stopped); unlock it or restart it, then try again")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _backend():
    backend, problem = _select()
    if problem:
        raise SecretsUnavailable(f"no secure keyring: {problem}; to get one, {HOW_TO_GET_ONE}")
    return backend


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not name.strip() or len(name) > 200 or name == INDEX_NAME:
        raise ValueError("a secret name is 1-200 characters and not reserved")


def _read_index(backend) -> list[str]:
    raw = within_deadline(backend.get_password, SERVICE, INDEX_NAME)
    try:
        names = json.loads(raw) if raw else []
    except ValueError:
        names = []
    return sorted({n for n in names if isinstance(n, str)})


def _write_index(backend, names: list[str]) -> None:
    within_deadline(backend.set_password, SERVICE, INDEX_NAME, json.dumps(sorted(set(names))))


def get_secret(name: str) -> str | None:
    """The stored value, or None when there is none."""
    _check_name(name)
    return within_deadline(_backend().get_password, SERVICE, name)


def set_secret(name: str, value: str) -> None:
    """Store (or replace) a secret and record its name in the index."""
    _check_name(name)
    if not isinstance(value, str) or not value:
        raise ValueError("a secret value must be a non-empty string")
    backend = _backend()
    within_deadline(backend.set_password, SERVICE, name, value)
    names = _read_index(backend)
    if name not in names:
        _write_index(backend, names + [name])


def delete_secret(name: str) -> bool:
    """Remove a secret; False when it did not exist."""
    _check_name(name)
    backend = _backend()
    try:
        within_deadline(backend.delete_password, SERVICE, name)
        existed = True
    except keyring.errors.PasswordDeleteError:
        existed = False
    names = _read_index(backend)
    if name in names:
        _write_index(backend, [n for n in names if n != name])
    return existed


def list_names() -> list[str]:
    """The names of stored secrets (never their values), sorted."""
    return _read_index(_backend())
