"""Export my data: the outreach log's own export (companion.store.exchange, so `tactful history
import` reads it back) plus a `companion` section; what goes in and what never does: docs/tray.md.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from companion import __version__
from companion.paths import write_private_file


def _secret_names() -> list[str] | None:
    from companion import secrets

    try:
        return secrets.within_deadline(secrets.list_names, timeout=3.0)
    except Exception:  # noqa: BLE001 - no secure keyring (or no answer): nothing to list
        return None


def export_everything(data_dir: Path, dest: Path) -> Path:
    """Write the export to `dest` (0600, atomically) and return the path.

    The destination folder must exist and keeps its mode (that is the user's business)."""
    from companion import settings
    from companion.server.pairing import ClientStore
    from companion.store.db import SCHEMA_VERSION
    from companion.store.exchange import FORMAT, export_log
    from companion.store.logdb import with_log

    dest = dest.expanduser()
    if not dest.parent.is_dir():
        raise FileNotFoundError(f"no such folder: {dest.parent}")
    browsers = [r.public() for r in ClientStore(data_dir).load_or_empty()]
    data = with_log(data_dir, export_log, {"format": FORMAT, "version": 1, "schema": SCHEMA_VERSION, "recipients": []})
    data["exported_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    data["companion"] = {
        "tactful_version": __version__,
        "data_dir": str(data_dir),
        "settings": settings.load_or_default(data_dir).to_json(),
        "paired_browsers": browsers,
        "stored_secret_names": _secret_names(),
    }
    write_private_file(dest, json.dumps(data, indent=2, ensure_ascii=False) + "\n", private_parent=False)
    return dest
