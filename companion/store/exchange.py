"""Export the whole outreach log as readable JSON (what it holds: docs/privacy.md), and import such
a file back: merged in one transaction, so a malformed file changes nothing; reminders are not
imported, and messages already present (same person, time and surface) are skipped.
"""

from datetime import datetime, timezone
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from companion.store import crypto
from companion.coach.outreach_view import iso, parse_time, to_ms
from companion.store.db import SCHEMA_VERSION, transaction
from companion.store.fingerprint import pack, shingles, unpack
from companion.store.logdb import LogDB
from protocol.feedback import Surface
from protocol.outreach import SLUG_MAX, ReferralState

FORMAT = "tactful-outreach-log"


# The import reads what it needs; the export's other keys (created_at, text_stored, reminder...) are
# ignored, as pydantic does by default.
class XMessage(BaseModel):
    surface: Surface
    sent_at: str
    follow_up: bool = False
    fingerprint: str | None = Field(default=None, pattern="^(?:[0-9a-fA-F]{16})*$")  # hex of packed 64-bit hashes
    text: str | None = Field(default=None, max_length=100_000)


class XRecipient(BaseModel):
    slug: str = Field(min_length=1, max_length=SLUG_MAX)
    url: str | None = None
    name: str | None = None
    company: str | None = None
    role: str | None = None
    state: ReferralState = "asked"
    state_changed_at: str | None = None
    notes: str | None = None
    messages: list[XMessage] = []
    replies: list[str] = []


class XFile(BaseModel):
    format: Literal["tactful-outreach-log"]
    version: int = Field(ge=1, le=1)
    recipients: list[XRecipient]


class ImportError_(Exception):
    """The file is not an outreach export we can read; nothing was changed."""


def export_log(db: LogDB) -> dict:
    try:
        texts, text_note = db.message_texts(), None
    except crypto.KeyUnavailable as exc:
        texts, text_note = {}, f"stored message texts could not be decrypted: {exc}"
    conn = db.conn
    reminders = db.reminders()
    recipients = []
    for rid, slug, url, name, company, role, state, state_at, notes, created, updated in conn.execute(
            "SELECT id, slug, url, name, company, role, state, state_at, notes, created_at, updated_at "
            "FROM recipients ORDER BY slug"):
        messages = []
        for mid, surface, at, fu, fp, has_text in conn.execute(
                "SELECT id, surface, sent_at, follow_up, fingerprint, text_enc IS NOT NULL FROM messages "
                "WHERE recipient_id=? ORDER BY sent_at, id", (rid,)):
            msg = {"surface": surface, "sent_at": iso(at), "follow_up": bool(fu),
                   "fingerprint_shingles": len(unpack(fp)), "fingerprint": fp.hex(),
                   "text_stored": bool(has_text)}
            if mid in texts:
                msg["text"] = texts[mid]
            messages.append(msg)
        replies = [iso(t) for (t,) in conn.execute(
            "SELECT seen_at FROM replies WHERE recipient_id=? ORDER BY seen_at", (rid,))]
        recipients.append({"slug": slug, "url": url, "name": name, "company": company, "role": role, "state": state,
                           "state_changed_at": iso(state_at), "notes": notes, "created_at": iso(created),
                           "updated_at": iso(updated), "messages": messages, "replies": replies})
        if slug in reminders:
            kind, since, status, until = reminders[slug]
            recipients[-1]["reminder"] = {"kind": kind, "since": iso(since), "status": status, "until": iso(until)}
    out = {
        "format": FORMAT, "version": 1, "schema": SCHEMA_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        "database": str(db.path),
        "settings": {"history_text": db.history_text()},
        "about": ("Everything Tactful's outreach log holds. 'fingerprint' is the hashed word 3-shingles "
                  "of a message after masking names, companies and roles (no text); 'text' appears "
                  "only for messages stored while history-text was on."),
        "recipients": recipients,
    }
    if text_note:
        out["warning"] = text_note
    return out


def _ms(value: str, what: str) -> int:
    try:
        return to_ms(parse_time(value))
    except ValueError:
        raise ImportError_(f"{what}: {value!r} is not an ISO 8601 time") from None


_FIELDS = "SELECT url, name, company, role, notes, state, state_at FROM recipients WHERE id=?"


def import_log(db: LogDB, data: object, now_ms: int) -> dict:
    """Merge an export into the log; returns counts. Raises ImportError_ (nothing changed).
    `tactful history import` runs it; a running companion reloads the log when it sees the change."""
    try:
        parsed = XFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportError_(f"not a Tactful outreach export ({where}: {first['msg']})") from None
    cipher = db.text_cipher()
    counts = {"recipients_added": 0, "recipients_updated": 0, "messages_added": 0, "messages_skipped": 0,
              "replies_added": 0, "texts_kept": 0, "texts_dropped": 0}
    conn = db.conn
    with transaction(conn):
        for r in parsed.recipients:
            row = conn.execute("SELECT id, state_at FROM recipients WHERE slug=?", (r.slug,)).fetchone()
            state_at = _ms(r.state_changed_at, f"{r.slug}.state_changed_at") if r.state_changed_at else None
            if row is None:
                rid = conn.execute(
                    "INSERT INTO recipients (slug, url, name, company, role, state, state_at, notes, created_at, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (r.slug, r.url, r.name, r.company, r.role, r.state, state_at, r.notes, now_ms, now_ms)).lastrowid
                counts["recipients_added"] += 1
            else:
                rid, local_state_at = row
                before = conn.execute(_FIELDS, (rid,)).fetchone()
                conn.execute("UPDATE recipients SET url=coalesce(url, ?), name=coalesce(name, ?), "
                             "company=coalesce(company, ?), role=coalesce(role, ?), notes=coalesce(notes, ?) "
                             "WHERE id=?", (r.url, r.name, r.company, r.role, r.notes, rid))
                if state_at is not None and (local_state_at is None or state_at > local_state_at):
                    conn.execute("UPDATE recipients SET state=?, state_at=? WHERE id=?", (r.state, state_at, rid))
                counts["recipients_updated"] += conn.execute(_FIELDS, (rid,)).fetchone() != before
            for m in r.messages:
                at = _ms(m.sent_at, f"{r.slug}.messages.sent_at")
                if m.text is not None:
                    fp = pack(shingles(m.text, (r.name, r.company)))
                else:
                    fp = bytes.fromhex(m.fingerprint or "")
                blob = None
                if m.text is not None and cipher is not None:
                    blob = cipher.encrypt(m.text, crypto.aad(r.slug, at, m.surface))
                added = conn.execute(
                    "INSERT OR IGNORE INTO messages (recipient_id, surface, sent_at, follow_up, fingerprint, "
                    "text_enc) VALUES (?,?,?,?,?,?)", (rid, m.surface, at, int(m.follow_up), fp, blob)).rowcount
                counts["messages_added" if added else "messages_skipped"] += 1
                if added and m.text is not None:
                    counts["texts_kept" if blob is not None else "texts_dropped"] += 1
            for t in r.replies:
                counts["replies_added"] += conn.execute(
                    "INSERT OR IGNORE INTO replies VALUES (?,?)", (rid, _ms(t, f"{r.slug}.replies"))).rowcount
    return counts
