"""The outreach log in memory, and the read-only view the coach's rules get.

Rules run on every keystroke on the event loop, so they never touch SQLite: the writer thread
updates this cache right after each commit (so it never shows an uncommitted write), and readers
take a short lock to copy what they need. A RecipientLog handed out is a frozen snapshot.
"""

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from companion.store.fingerprint import shingles
from companion.store.massindex import MassIndex, MassMatch


def to_ms(when: datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)  # naive times are taken as UTC
    return int(when.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def iso(ms: int | None) -> str | None:
    return None if ms is None else from_ms(ms).isoformat().replace("+00:00", "Z")


def parse_time(value: str) -> datetime:
    """An ISO 8601 time ("Z" allowed); naive times are UTC. Raises ValueError when unreadable."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class SentItem:
    id: int
    at_ms: int
    surface: str
    follow_up: bool


@dataclass(frozen=True)
class RecipientLog:
    """Everything the log holds about one person (never message text)."""

    id: int
    slug: str
    url: str | None = None
    name: str | None = None
    company: str | None = None
    state: str = "asked"
    state_at_ms: int | None = None
    notes: str | None = None
    sent: tuple[SentItem, ...] = ()  # oldest first
    replies: tuple[int, ...] = ()  # ms, oldest first

    @property
    def last_sent_ms(self) -> int | None:
        return self.sent[-1].at_ms if self.sent else None

    @property
    def last_contact_ms(self) -> int | None:
        times = [t for t in (self.last_sent_ms, self.replies[-1] if self.replies else None) if t is not None]
        return max(times) if times else None

    def needs_update(self) -> bool:
        """referral.keep-updated: they agreed or referred, and nothing was sent to them since."""
        if self.state not in ("agreed", "referred") or self.state_at_ms is None:
            return False
        return not any(s.at_ms > self.state_at_ms for s in self.sent)


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

    def put_recipient(self, rec: RecipientLog) -> None:
        with self.lock:
            self.by_slug[rec.slug] = rec
            self.by_id[rec.id] = rec.slug

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

    # -- readers ---------------------------------------------------------------------------------

    def recipient(self, slug: str | None) -> RecipientLog | None:
        if not slug:
            return None
        with self.lock:
            return self.by_slug.get(slug)

    def all(self) -> list[RecipientLog]:
        with self.lock:
            return list(self.by_slug.values())


@dataclass(frozen=True)
class MassReport:
    """A near-copy match with names resolved, for the dup.mass-message finding."""

    match: MassMatch
    names: tuple[str, ...] = field(default=())  # up to 20 recent recipients (name, else slug)


class OutreachView:
    """What the coach may read from the log: read-only, memory-only, safe on the event loop."""

    def __init__(self, cache: LogCache):
        self._cache = cache

    @property
    def ready(self) -> bool:
        return self._cache.ready

    def recipient(self, slug: str | None) -> RecipientLog | None:
        return self._cache.recipient(slug)

    def all(self) -> list[RecipientLog]:
        return self._cache.all()

    @property
    def notice(self) -> str | None:
        return self._cache.notice

    def needing_update(self) -> list[RecipientLog]:
        return [r for r in self._cache.all() if r.needs_update()]

    def mass_check(self, text: str, exclude_slug: str | None = None,
                   names: tuple[str, ...] = ()) -> MassReport | None:
        """Near-copies of `text` already sent to people other than `exclude_slug`.

        `names` are extra words to mask (the recipient's name, company and role from the page).
        """
        cache = self._cache
        if not cache.index_ready or not cache.index.size:
            return None  # nothing sent yet: nothing to be a copy of, so skip the fingerprint
        fp = shingles(text, names)
        with cache.lock:
            rec = cache.by_slug.get(exclude_slug) if exclude_slug else None
            match = cache.index.check(fp, rec.id if rec else None)
            if match is None:
                return None
            people = []
            for rid in match.recipient_ids:
                slug = cache.by_id.get(rid)
                other = cache.by_slug.get(slug) if slug else None
                if other is not None:
                    people.append(other.name or other.slug)
        return MassReport(match=match, names=tuple(people))


def as_view(obj) -> "OutreachView | None":
    """CoachContext.outreach may hold the store itself or a view; rules want the view."""
    if obj is None or isinstance(obj, OutreachView):
        return obj
    view = getattr(obj, "view", None)
    return view() if callable(view) else None


def recipient_slug(ctx) -> str | None:
    """Who the draft is for: the explicit slug, else the profile's, else the thread participant's."""
    if ctx.recipient_slug:
        return ctx.recipient_slug
    if ctx.profile is not None and ctx.profile.slug:
        return ctx.profile.slug
    if ctx.thread is not None and ctx.thread.participant is not None:
        return ctx.thread.participant.slug
    return None


def recipient_name(ctx, rec: "RecipientLog | None" = None) -> str | None:
    for value in (ctx.profile.name if ctx.profile else None, ctx.recipient_name, rec.name if rec else None,
                  ctx.thread.participant.name if ctx.thread and ctx.thread.participant else None):
        if value:
            return value
    return None


def say_date(ms: int, now: datetime) -> str:
    """A short local date for messages: "3 Nov", with the year when it is not this year."""
    d = from_ms(ms).astimezone()
    n = now.astimezone()
    return f"{d.day} {d:%b}" + (f" {d.year}" if d.year != n.year else "")
