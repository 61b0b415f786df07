"""The user's settings file: `settings.json` in the data dir (0600), shared by serve, tray and CLI.

Keys this version does not know are kept as they are, so a newer or older companion never loses
what it wrote. Privacy comes first: when the file is missing or unreadable, `local_only` is True.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from companion.paths import write_private_file

FILE_NAME = "settings.json"
DEFAULT_PORT = 8765  # the companion's default loopback port; any free port works with --port


class SettingsError(Exception):
    """The settings file exists but cannot be used; the message names the file and the fix."""


@dataclass
class UserSettings:
    """A snapshot of the settings file. `extra` holds keys this module does not know."""

    local_only: bool = True
    port: int = DEFAULT_PORT
    autostart: bool = False
    reminders: bool = True  # the tray's desktop notifications about what is due (docs/tray.md)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**self.extra, **{key: getattr(self, key) for key in DEFAULTS}}


DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(UserSettings) if f.name != "extra"}


def settings_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _validate(raw: Any, path: Path) -> UserSettings:
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} must hold a JSON object; fix it or delete it to get the defaults")
    values = {**DEFAULTS, **raw}
    for key in (k for k, v in DEFAULTS.items() if isinstance(v, bool)):
        if not isinstance(values[key], bool):
            raise SettingsError(f"{path}: {key!r} must be true or false")
    port = values["port"]
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise SettingsError(f"{path}: 'port' must be a whole number from 1 to 65535")
    extra = {k: v for k, v in raw.items() if k not in DEFAULTS}
    return UserSettings(**{key: values[key] for key in DEFAULTS}, extra=extra)


def load(data_dir: Path) -> UserSettings:
    """Read the settings; defaults when the file is missing. Raises SettingsError when it is bad."""
    path = settings_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserSettings()
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror}") from exc
    except ValueError as exc:  # not JSON, or not UTF-8 (UnicodeDecodeError has no line)
        raise SettingsError(f"{path} is not valid JSON (line {getattr(exc, 'lineno', '?')}); "
                            "fix it or delete it to get the defaults") from exc
    return _validate(raw, path)


def load_or_default(data_dir: Path) -> UserSettings:
    """Like load(), but a bad file yields the defaults (local-only on) and a log line instead of an
    error: for the server and tray, which must keep working and stay private."""
    try:
        return load(data_dir)
    except SettingsError as exc:
        logging.getLogger("tactful").warning("%s; using the defaults (local-only on) until it is fixed", exc)
        return UserSettings()


def update(data_dir: Path, **changes: Any) -> UserSettings:
    """Change some keys and write the file atomically as 0600; returns the new settings.

    A corrupt existing file is kept as settings.json.corrupt rather than lost. Values load() would
    refuse raise SettingsError."""
    path = settings_path(data_dir)
    try:
        current = load(data_dir)
    except SettingsError:
        if path.exists():
            os.replace(path, path.with_name(FILE_NAME + ".corrupt"))
        current = UserSettings()
    new = _validate({**current.to_json(), **changes}, path)
    write_private_file(path, json.dumps(new.to_json(), indent=2, sort_keys=True) + "\n")
    return new
