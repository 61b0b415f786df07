"""The outreach log's operations on SQLite: synchronous, one connection, one caller at a time.

The server calls these only from its writer thread (companion.store.service); the CLI calls them
directly. Every write is one explicit transaction; the cache, when given, is updated only after
COMMIT returned, so readers never see a write that could still be lost.
"""

import logging
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from companion.store import crypto
from companion.coach.outreach_view import RecipientLog, SentItem
from companion.store.cache import LogCache
from companion.store.db import DB_NAME, open_db, transaction
from companion.store.fingerprint import pack, shingles, unpack

log = logging.getLogger(__name__)


RESEND_MS = 120_000  # the same text to the same person this close: one send reported twice
# A recipients row in RecipientLog's field order.
_RECIPIENT = "SELECT id, slug, url, name, company, state, state_at, notes, role FROM recipients"


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class SentResult:
    message_id: int
    duplicate: bool  # the same message was already logged (a retried `sent`)
    follow_up: bool
    text_stored: bool


class LogDB:
    def __init__(self, path: Path, cache: LogCache | None = None):
        self.path = Path(path)
        self.conn, self.notice = open_db(self.path)
        self.cache = cache
        self._cipher: crypto.TextCipher | None = None

    @classmethod
    def in_dir(cls, data_dir: Path, cache: LogCache | None = None) -> "LogDB":
        return cls(Path(data_dir) / DB_NAME, cache)

    def close(self) -> None:
        with suppress(sqlite3.Error):  # an optimisation hint: closing must not fail on it
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def data_version(self) -> int:
        """Changes when another connection (e.g. `tactful history forget`) commits."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- settings ------------------------------------------------------------------------------

    def history_text(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key='history_text'").fetchone()
        return row is not None and row[0] == "1"

    def cipher(self, create: bool = False) -> crypto.TextCipher | None:
        """The text cipher, or None when no key exists. Raises crypto.KeyUnavailable."""
        if self._cipher is None:
            key = crypto.load_key(create=create)
            self._cipher = crypto.TextCipher(key) if key else None
        return self._cipher

    def text_cipher(self) -> crypto.TextCipher | None:
        """The cipher for a new message's text: None unless history-text is on and the key is at hand."""
        if not self.history_text():
            return None
        try:
            return self.cipher(create=False)
        except crypto.KeyUnavailable:
            log.warning("history-text is on but the keyring is unavailable; text not stored")
            return None

    def set_history_text(self, on: bool) -> int:
        """Turn storing message text on (needs the keyring) or off: erases every stored text, returns how many."""
        if on:
            self.cipher(create=True)  # fail closed before promising anything
            with transaction(self.conn):
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('history_text', '1')")
            return 0
        with transaction(self.conn):
            erased = self.conn.execute("UPDATE messages SET text_enc=NULL WHERE text_enc IS NOT NULL").rowcount
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('history_text', '0')")
        self._scrub()
        self._cipher = None
        crypto.delete_key()
        return erased

    # -- writes --------------------------------------------------------------------------------

    def _scrub(self) -> None:
        """After deleting: fold the WAL into the file and truncate it, so no old page lingers there."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            log.warning("WAL checkpoint after delete did not complete; it will on the next one")

    def _recipient_row(self, rid: int) -> RecipientLog:
        return RecipientLog(*self.conn.execute(_RECIPIENT + " WHERE id=?", (rid,)).fetchone())

    def record_sent(self, slug: str, surface: str, text: str, sent_ms: int, now_ms: int,
                    url: str | None = None, name: str | None = None, company: str | None = None,
                    role: str | None = None) -> SentResult:
        """Log one sent message and commit it durably. Idempotent on recipient + time + surface, and
        the same text to the same person within RESEND_MS is the same send reported twice (a Send
        button that fired twice), not a follow-up."""
        fp = shingles(text, (name, company))
        cipher = self.text_cipher()
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO recipients (slug, url, name, company, role, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT(slug) DO UPDATE SET url=coalesce(excluded.url, url), "
                "name=coalesce(excluded.name, name), company=coalesce(excluded.company, company), "
                "role=coalesce(excluded.role, role), updated_at=excluded.updated_at",
                (slug, url, name, company, role, now_ms, now_ms))
            rid = self.conn.execute("SELECT id FROM recipients WHERE slug=?", (slug,)).fetchone()[0]
            dup = self.conn.execute(
                "SELECT id, follow_up, text_enc IS NOT NULL FROM messages WHERE recipient_id=? AND surface=? "
                "AND (sent_at=? OR fingerprint=? AND sent_at BETWEEN ? AND ?)",
                (rid, surface, sent_ms, pack(fp) if fp else None, sent_ms - RESEND_MS, sent_ms + RESEND_MS)).fetchone()
            if dup is not None:
                return SentResult(dup[0], True, bool(dup[1]), bool(dup[2]))
            # A follow-up: the surface says so, or an earlier message to them is still unanswered. A message
            # after a connection note follows its acceptance (you can message only connections), not the note.
            last_sent = self.conn.execute(
                "SELECT max(sent_at) FROM messages WHERE recipient_id=? AND sent_at<? AND (surface!='connection_note' "
                "OR ? NOT IN ('message', 'follow_up'))", (rid, sent_ms, surface)).fetchone()[0]
            last_reply = self.conn.execute(
                "SELECT max(seen_at) FROM replies WHERE recipient_id=? AND seen_at<=?", (rid, sent_ms)).fetchone()[0]
            unanswered = last_sent is not None and (last_reply is None or last_reply < last_sent)
            follow_up = surface == "follow_up" or unanswered
            blob = cipher.encrypt(text, crypto.aad(slug, sent_ms, surface)) if cipher else None
            mid = self.conn.execute(
                "INSERT INTO messages (recipient_id, surface, sent_at, follow_up, fingerprint, text_enc) "
                "VALUES (?,?,?,?,?,?)", (rid, surface, sent_ms, int(follow_up), pack(fp), blob)).lastrowid
            rec = self._recipient_row(rid)
        if self.cache is not None:
            self.cache.add_sent(rec, SentItem(mid, sent_ms, surface, follow_up), fp)
        return SentResult(mid, False, follow_up, blob is not None)

    def record_replies(self, slug: str, times_ms: list[int]) -> int:
        """Note replies seen in a thread with someone already in the log; returns how many were new."""
        if not times_ms:
            return 0
        with transaction(self.conn):
            row = self.conn.execute("SELECT id FROM recipients WHERE slug=?", (slug,)).fetchone()
            if row is None:
                return 0  # we keep a log of the user's outreach, not of every conversation
            added = self.conn.executemany("INSERT OR IGNORE INTO replies VALUES (?,?)",
                                          [(row[0], t) for t in set(times_ms)]).rowcount  # the new rows only
        if added and self.cache is not None:
            self.cache.add_replies(slug, times_ms)
        return added

    def update(self, slug: str, now_ms: int, state: str | None = None, notes: str | None = None) -> RecipientLog:
        """Set the referral state (stamping when it changed) and/or the notes ("" clears them).
        A state outside ReferralState fails the table's CHECK (sqlite3.IntegrityError), nothing changed."""
        with transaction(self.conn):
            row = self.conn.execute("SELECT id, state FROM recipients WHERE slug=?", (slug,)).fetchone()
            if row is None:
                raise NotFound(f"no one with the slug {slug!r} is in the outreach log")
            rid, old_state = row
            if state is not None and state != old_state:
                self.conn.execute("UPDATE recipients SET state=?, state_at=?, updated_at=? WHERE id=?",
                                  (state, now_ms, now_ms, rid))
            if notes is not None:
                self.conn.execute("UPDATE recipients SET notes=?, updated_at=? WHERE id=?",
                                  (notes or None, now_ms, rid))
            rec = self._recipient_row(rid)
        return self.cache.put_recipient(rec) if self.cache is not None else rec

    def reminders(self) -> dict[str, tuple[str, int, str, int | None]]:
        """slug -> (kind, since, status, until) of the tray's last reminder about them."""
        return {r[0]: r[1:] for r in self.conn.execute(
            "SELECT slug, kind, since, status, until FROM reminders JOIN recipients ON id=recipient_id")}

    def set_reminder(self, slug: str, kind: str, since: int, status: str, until: int | None = None) -> None:
        with transaction(self.conn):
            self.conn.execute("INSERT OR REPLACE INTO reminders SELECT id, ?, ?, ?, ? FROM recipients WHERE slug=?",
                              (kind, since, status, until, slug))

    def people(self) -> int:
        """How many recipients the log holds."""
        return self.conn.execute("SELECT COUNT(*) FROM recipients").fetchone()[0]

    def forget(self, slug: str | None = None) -> int:
        """Erase one recipient (with their messages and replies), or everyone when slug is None."""
        # Their messages, replies and reminder go with them: ON DELETE CASCADE (companion.store.db).
        with transaction(self.conn):
            if slug is None:
                slugs = [r[0] for r in self.conn.execute("SELECT slug FROM recipients")]
                count = self.conn.execute("DELETE FROM recipients").rowcount
            else:
                slugs = [slug]
                count = self.conn.execute("DELETE FROM recipients WHERE slug=?", (slug,)).rowcount
        self._scrub()
        if self.cache is not None:
            self.cache.remove(slugs)
        return count

    # -- reads ---------------------------------------------------------------------------------

    def load(self, index: bool = True) -> LogCache:
        """The whole log in a new cache, messages in time order, with the mass-message index built
        (`tactful check` must warn as the sidebar does). index=False leaves it to LogCache.build_index:
        the server builds it on a thread of its own, and `tactful history` never checks a draft."""
        cache = LogCache()
        sent: dict[int, list[SentItem]] = {}
        replies: dict[int, list[int]] = {}
        fps = []
        for mid, rid, surface, at, fu, fp in self.conn.execute(
                "SELECT id, recipient_id, surface, sent_at, follow_up, fingerprint FROM messages "
                "ORDER BY sent_at, id"):
            sent.setdefault(rid, []).append(SentItem(mid, at, surface, bool(fu)))
            fps.append((unpack(fp), rid, at))
        for rid, at in self.conn.execute("SELECT recipient_id, seen_at FROM replies ORDER BY seen_at"):
            replies.setdefault(rid, []).append(at)
        slug_of = {}
        for row in self.conn.execute(_RECIPIENT):
            rec = RecipientLog(*row, sent=tuple(sent.get(row[0], ())), replies=tuple(replies.get(row[0], ())))
            cache.by_slug[rec.slug] = rec
            slug_of[rec.id] = rec.slug
        # The index keeps each recipient's own slug string, not a copy per message.
        cache.unindexed = [(fp, slug_of[rid], at) for fp, rid, at in fps]
        cache.update_hired()
        if index:
            cache.build_index()
        return cache

    def message_texts(self) -> dict[int, str]:
        """message id -> decrypted text (for export); empty when no key or history-text was never on."""
        rows = self.conn.execute(
            "SELECT m.id, r.slug, m.sent_at, m.surface, m.text_enc FROM messages m "
            "JOIN recipients r ON r.id = m.recipient_id WHERE m.text_enc IS NOT NULL").fetchall()
        cipher = self.cipher(create=False) if rows else None  # no stored text: leave the keyring alone
        if cipher is None:
            return {}
        texts = {mid: cipher.decrypt(blob, crypto.aad(slug, at, surface)) for mid, slug, at, surface, blob in rows}
        return {mid: text for mid, text in texts.items() if text is not None}


def with_log(data_dir: Path, fn, default):
    """fn(LogDB) on the outreach log in data_dir, or `default` when there is no log yet (no file is
    created). Raises StoreError when it cannot be opened."""
    if not (Path(data_dir) / DB_NAME).exists():
        return default
    with closing(LogDB.in_dir(data_dir)) as db:
        return fn(db)
