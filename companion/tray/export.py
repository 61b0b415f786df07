"""Export my data: one readable JSON file with everything Tactful keeps about the user.

What goes in: the outreach log (every person, each message's time/surface/follow-up flag, replies
seen, state, notes, and message text when history-text is on and the keyring can decrypt it), the
settings, and the paired browsers (name, origin, dates). What stays out: pairing-token verifiers
and credential values (secrets are listed by name only, and only if the keyring answers quickly).
The file is written 0600 because it is personal.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path

from companion import __version__

FORMAT = "tactful-export"
FORMAT_VERSION = 1


def _iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat().replace("+00:00", "Z")


def outreach_log(data_dir: Path) -> list[dict]:
    """The log as plain data, people sorted by slug, messages oldest first."""
    from companion.store.db import DB_NAME
    from companion.store.logdb import LogDB

    if not (Path(data_dir) / DB_NAME).exists():
        return []
    db = LogDB.in_dir(Path(data_dir))
    try:
        cache = db.load()
        try:
            texts = db.message_texts()
        except Exception:  # noqa: BLE001 - no keyring: export the rest, say the text is locked
            texts = {}
        people = []
        for rec in sorted(cache.by_slug.values(), key=lambda r: r.slug):
            people.append({
                "slug": rec.slug, "url": rec.url, "name": rec.name, "company": rec.company,
                "state": rec.state, "state_at": _iso(rec.state_at_ms), "notes": rec.notes,
                "messages": [{"sent_at": _iso(s.at_ms), "surface": s.surface, "follow_up": s.follow_up,
                              **({"text": texts[s.id]} if s.id in texts else {})} for s in rec.sent],
                "replies_seen": [_iso(t) for t in rec.replies],
            })
        return people
    finally:
        db.close()


def _secret_names(timeout: float = 3.0) -> list[str] | None:
    box: dict = {}

    def probe() -> None:
        try:
            from companion import secrets

            box["names"] = secrets.list_names()
        except Exception:  # noqa: BLE001 - no secure keyring: nothing stored there
            box["names"] = None

    t = threading.Thread(target=probe, daemon=True)
    t.start()
    t.join(timeout)
    return box.get("names")


def collect(data_dir: Path) -> dict:
    from companion import settings
    from companion.server.pairing import ClientStore

    data_dir = Path(data_dir)
    try:
        browsers = [r.public() for r in ClientStore(data_dir).load()]
    except (ValueError, TypeError, KeyError):
        browsers = []
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "tactful_version": __version__,
        "data_dir": str(data_dir),
        "settings": settings.load_or_default(data_dir).to_json(),
        "paired_browsers": browsers,
        "stored_secret_names": _secret_names(),
        "outreach_log": outreach_log(data_dir),
    }


def export_everything(data_dir: Path, dest: Path) -> Path:
    """Write the export to `dest` (0600, atomically) and return the path.

    The destination folder must exist and is left as it is (its mode is the user's business)."""
    dest = Path(dest).expanduser()
    if not dest.parent.is_dir():
        raise FileNotFoundError(f"no such folder: {dest.parent}")
    data = (json.dumps(collect(data_dir), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest
