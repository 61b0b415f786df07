"""The outreach log in memory: what the coach's rules read (companion.coach.outreach_view.OutreachLog).

Rules run on every keystroke on the event loop, so they never touch SQLite: the writer thread
updates this cache right after each commit (so it never shows an uncommitted write), and readers
take a short lock to copy what they need. A RecipientLog handed out is a frozen snapshot.
"""

import threading
from dataclasses import replace

from companion.coach.outreach_view import NearCopies, RecipientLog, SentItem
from companion.store.fingerprint import shingles
from companion.store.massindex import MassIndex


class LogCache:
    """Recipients by slug, plus the mass-message index. All access under `lock`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_slug: dict[str, RecipientLog] = {}
        self.index = MassIndex()
        self.index_ready = False  # the mass-message index is built
        self.unindexed: list = []  # (fingerprint, slug, time) still to index
        self._removed: set[str] = set()  # recipients forgotten while the index was being built
        self.generation = 0  # bumped by replace_all, so a build of replaced data starts again
        self._building = False  # a build_index is running
        self.hired_ms: int | None = None  # the latest ask marked hired: every recipient's due item reads it

    # -- writers (the writer thread, after commit) ---------------------------------------------

    def put_recipient(self, rec: RecipientLog) -> RecipientLog:
        """Take a recipient's new fields; their messages and replies stay. Returns the whole record."""
        with self.lock:
            old = self.by_slug.get(rec.slug)
            if old is not None:
                rec = replace(rec, sent=old.sent, replies=old.replies)
            self.by_slug[rec.slug] = rec
            self.update_hired()
            return self._with_hire(rec)

    def add_sent(self, rec: RecipientLog, item: SentItem, fp: frozenset[int]) -> None:
        with self.lock:
            old = self.by_slug.get(rec.slug)
            sent = tuple(sorted(((old.sent if old else ()) + (item,)), key=lambda s: (s.at_ms, s.id)))
            self.by_slug[rec.slug] = replace(rec, sent=sent, replies=old.replies if old else ())
            if self.index_ready:
                self.index.add(fp, rec.slug, item.at_ms)
            else:
                self.unindexed.append((fp, rec.slug, item.at_ms))

    def add_replies(self, slug: str, times: list[int]) -> None:
        with self.lock:
            old = self.by_slug.get(slug)
            if old is not None:
                self.by_slug[slug] = replace(old, replies=tuple(sorted(set(old.replies) | set(times))))

    def remove(self, slugs: list[str]) -> None:
        gone = set(slugs)
        with self.lock:
            for s in gone:
                self.by_slug.pop(s, None)
            self.update_hired()
            if self.index_ready:
                self.index.remove_recipients(gone)
            else:
                self._removed |= gone
                self.unindexed = [u for u in self.unindexed if u[1] not in gone]

    def replace_all(self, other: "LogCache") -> None:
        """Take over another cache's contents (a reload); its index state comes along."""
        with self.lock:
            self.by_slug, self.index = other.by_slug, other.index
            self.index_ready, self.unindexed, self._removed = other.index_ready, other.unindexed, set()
            self.generation += 1
            self.update_hired()

    def update_hired(self) -> None:
        """After a write, under the lock (or before the cache is shared): when the user last took a job.
        State changes are rare, so a scan of everyone is fine."""
        self.hired_ms = max((r.state_at_ms or 0 for r in self.by_slug.values() if r.state == "hired"), default=None)

    def build_index(self) -> None:
        """Index the fingerprints in `unindexed`. The slow part runs without the lock (readers
        and the writer go on; the rule stays silent until it is done); messages logged
        meanwhile are queued and added at the swap, forgotten ones removed. One build at a time:
        a second one would take an empty batch, swap first, and be overwritten by the first
        without what was logged between the two swaps."""
        with self.lock:
            if self.index_ready or self._building:
                return
            self._building = True
        try:
            while True:
                with self.lock:
                    if self.index_ready:
                        return  # a reload brought a built index
                    generation = self.generation
                    # The batch holds no message of anyone forgotten so far (remove() filters `unindexed`).
                    batch, self.unindexed, self._removed = self.unindexed, [], set()
                index = MassIndex()
                for fp, slug, at in batch:
                    index.add(fp, slug, at)
                with self.lock:
                    if self.generation != generation:
                        continue  # the log was reloaded meanwhile: index the new one
                    # Forgotten first: a slug forgotten and written to again has its new messages in `unindexed`.
                    index.remove_recipients(self._removed)
                    for fp, slug, at in self.unindexed:
                        index.add(fp, slug, at)
                    self.index, self.unindexed, self._removed = index, [], set()
                    self.index_ready = True
                    return
        finally:
            with self.lock:
                self._building = False

    # -- readers (the coach's OutreachLog, and the outreach commands) ---------------------------

    def recipient(self, slug: str | None) -> RecipientLog | None:
        if not slug:
            return None
        with self.lock:
            return self._with_hire(self.by_slug.get(slug))

    def all(self) -> list[RecipientLog]:
        """Everyone in the log, most recent contact first (as `tactful history` lists them)."""
        with self.lock:
            people = [self._with_hire(r) for r in self.by_slug.values()]
        return sorted(people, key=lambda r: r.last_contact_ms or 0, reverse=True)

    def _with_hire(self, rec: RecipientLog | None) -> RecipientLog | None:
        return rec if rec is None or self.hired_ms is None else replace(rec, hired_ms=self.hired_ms)

    def mass_check(self, text: str, exclude_slug: str | None = None,
                   names: tuple[str, ...] = ()) -> NearCopies | None:
        if not self.index_ready or not self.index.size:
            return None  # nothing sent yet: nothing to be a copy of, so skip the fingerprint
        fp = shingles(text, names)
        with self.lock:
            return self._named(self.index.check(fp, exclude_slug))

    def copies_sent_to(self, slug: str | None) -> NearCopies | None:
        if not slug or not self.index_ready:
            return None
        with self.lock:
            return self._named(self.index.copies_of(slug))

    def _named(self, match: NearCopies | None) -> NearCopies | None:
        """`match` with people's names (else their slugs) and companies for the slugs the index keeps; under
        the lock."""
        if match is None:
            return None
        people = [self.by_slug[slug] for slug in match.names]
        return replace(match, names=tuple(r.name or r.slug for r in people), companies=tuple(r.company for r in people))
