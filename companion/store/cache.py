"""The outreach log in memory: what the coach's rules read (companion.coach.outreach_view.OutreachLog).

Rules run on every keystroke on the event loop, so they never touch SQLite: the writer thread
updates this cache right after each commit (so it never shows an uncommitted write), and readers
take a short lock to copy what they need. A RecipientLog handed out is a frozen snapshot.
"""

import threading
from dataclasses import replace

from companion.coach.outreach_view import NearCopies, RecipientLog, SentItem
from companion.store.fingerprint import shingles
from companion.store.massindex import THRESHOLD, MassIndex


class LogCache:
    """Recipients by slug and id, plus the mass-message index. All access under `lock`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_slug: dict[str, RecipientLog] = {}
        self.by_id: dict[int, str] = {}
        self.index = MassIndex()
        self.ready = False  # recipients, messages and replies are loaded
        self.index_ready = False  # the mass-message index is built
        self.unindexed: list = []  # (fingerprint, recipient id, time) still to index
        self._removed: set[int] = set()  # recipients forgotten while the index was being built
        self.generation = 0  # bumped by replace_all, so a build of replaced data is discarded
        self.notice: str | None = None  # e.g. "the damaged log was set aside"

    # -- writers (the writer thread, after commit) ---------------------------------------------

    def put_recipient(self, rec: RecipientLog) -> RecipientLog:
        """Take a recipient's new fields; their messages and replies stay. Returns the whole record."""
        with self.lock:
            old = self.by_slug.get(rec.slug)
            if old is not None:
                rec = replace(rec, sent=old.sent, replies=old.replies)
            self.by_slug[rec.slug] = rec
            self.by_id[rec.id] = rec.slug
            return rec

    def add_sent(self, rec: RecipientLog, item: SentItem, fp: frozenset[int]) -> None:
        with self.lock:
            old = self.by_slug.get(rec.slug)
            sent = tuple(sorted(((old.sent if old else ()) + (item,)), key=lambda s: (s.at_ms, s.id)))
            new = replace(rec, sent=sent, replies=old.replies if old else ())
            self.by_slug[rec.slug] = new
            self.by_id[rec.id] = rec.slug
            if self.index_ready:
                self.index.add(fp, rec.id, item.at_ms)
            else:
                self.unindexed.append((fp, rec.id, item.at_ms))

    def add_replies(self, slug: str, times: list[int]) -> None:
        with self.lock:
            old = self.by_slug.get(slug)
            if old is not None:
                self.by_slug[slug] = replace(old, replies=tuple(sorted(set(old.replies) | set(times))))

    def remove(self, slugs: list[str]) -> None:
        with self.lock:
            ids = {self.by_slug[s].id for s in slugs if s in self.by_slug}
            for s in slugs:
                self.by_slug.pop(s, None)
            for i in ids:
                self.by_id.pop(i, None)
            if self.index_ready:
                self.index.remove_recipients(ids)
            else:
                self._removed |= ids
                self.unindexed = [u for u in self.unindexed if u[1] not in ids]

    def replace_all(self, other: "LogCache") -> None:
        """Take over another cache's contents (a reload); its index state comes along."""
        with self.lock:
            self.by_slug, self.by_id, self.index = other.by_slug, other.by_id, other.index
            self.index_ready, self.unindexed, self._removed = other.index_ready, other.unindexed, set()
            self.generation += 1
            self.ready = True

    def build_index(self) -> None:
        """Index the fingerprints in `unindexed`. The slow part runs without the lock (readers
        and the writer go on; the rule stays silent until it is done); messages logged
        meanwhile are queued and added at the swap, forgotten ones removed."""
        with self.lock:
            if self.index_ready:
                return
            generation = self.generation
            batch, self.unindexed = self.unindexed, []
        index = MassIndex()
        for fp, rid, at in batch:
            index.add(fp, rid, at)
        with self.lock:
            if self.generation != generation:
                return  # the log was reloaded meanwhile; the build started for it takes over
            for fp, rid, at in self.unindexed:
                index.add(fp, rid, at)
            if self._removed:
                index.remove_recipients(self._removed)
            self.index, self.unindexed, self._removed = index, [], set()
            self.index_ready = True

    # -- readers (the coach's OutreachLog, and the outreach commands) ---------------------------

    def recipient(self, slug: str | None) -> RecipientLog | None:
        if not slug:
            return None
        with self.lock:
            return self.by_slug.get(slug)

    def all(self) -> list[RecipientLog]:
        with self.lock:
            return list(self.by_slug.values())

    def mass_check(self, text: str, exclude_slug: str | None = None,
                   names: tuple[str, ...] = ()) -> NearCopies | None:
        """Near-copies of `text` already sent to people other than `exclude_slug`.

        `names` are extra words to mask (the recipient's name, company and role from the page).
        """
        if not self.index_ready or not self.index.size:
            return None  # nothing sent yet: nothing to be a copy of, so skip the fingerprint
        fp = shingles(text, names)
        with self.lock:
            rec = self.by_slug.get(exclude_slug) if exclude_slug else None
            match = self.index.check(fp, rec.id if rec else None)
            if match is None:
                return None
            people = []
            for rid in match.recipient_ids:
                slug = self.by_id.get(rid)
                other = self.by_slug.get(slug) if slug else None
                if other is not None:
                    people.append(other.name or other.slug)
        return NearCopies(recipients=match.recipients, messages=match.messages, first_ms=match.first_ms,
                          last_ms=match.last_ms, similarity=match.similarity, threshold=THRESHOLD,
                          names=tuple(people))
