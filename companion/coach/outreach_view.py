"""What the coach reads from the outreach log: a read-only interface the store implements
(companion.store.cache.LogCache), and its records (no message text; times in ms since the epoch, UTC)."""

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol


@dataclass(frozen=True)
class SentItem:
    id: int
    at_ms: int
    surface: str
    follow_up: bool


@dataclass(frozen=True)
class RecipientLog:
    """Everything the log holds about one person."""

    id: int
    slug: str
    url: str | None = None
    name: str | None = None
    company: str | None = None
    state: str = "asked"
    state_at_ms: int | None = None
    notes: str | None = None
    role: str | None = None  # their current title, from the profile the page showed
    sent: tuple[SentItem, ...] = ()  # oldest first
    replies: tuple[int, ...] = ()  # ms, oldest first
    hired_ms: int | None = None  # when the user last marked any ask "hired" (took a job), whoever it was with

    @property
    def last_sent_ms(self) -> int | None:
        return self.sent[-1].at_ms if self.sent else None

    @property
    def last_contact_ms(self) -> int | None:
        return max((t for t in (self.last_sent_ms, self.replies[-1] if self.replies else None) if t is not None),
                   default=None)


@dataclass(frozen=True)
class NearCopies:
    """Messages already sent to other people that the draft is a near-copy of."""

    recipients: int  # distinct other people
    messages: int
    first_ms: int
    last_ms: int
    similarity: float  # the closest one, 0..1
    threshold: float  # the similarity from which a message counts as a near-copy
    names: tuple[str, ...] = ()  # up to 20 of those people (name, else slug), most recent first
    companies: tuple[str | None, ...] = ()  # the company the log keeps for each of `names`


class OutreachLog(Protocol):
    def recipient(self, slug: str | None) -> RecipientLog | None:
        """What was sent to this person and when, their replies and the state of the ask."""

    def mass_check(self, text: str, exclude_slug: str | None = None,
                   names: tuple[str, ...] = ()) -> NearCopies | None:
        """Near-copies of `text` sent to anyone but `exclude_slug`; `names` are words to mask
        (the recipient's name, company and role), so a filled-in template still matches."""

    def copies_sent_to(self, slug: str | None) -> NearCopies | None:
        """Near-copies, sent to other people, of what was sent to this person: was it a mass message?"""


def as_utc(when: datetime) -> datetime:
    """`when` itself when it has a time zone; a naive time is taken as UTC."""
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def to_ms(when: datetime) -> int:
    return int(as_utc(when).timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def iso(ms: int | None) -> str | None:
    return None if ms is None else from_ms(ms).isoformat().replace("+00:00", "Z")


def parse_time(value: str) -> datetime:
    """An ISO 8601 time ("Z" allowed); naive times are UTC. Raises ValueError when unreadable."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return as_utc(datetime.fromisoformat(text))


def page_time(value: str | None) -> datetime | None:
    """A time the page showed or the extension sent (ISO 8601; naive is UTC); None if missing or unreadable."""
    try:
        return parse_time(value) if value else None
    except ValueError:
        return None


def message_times(thread) -> tuple[list[int], list[int]]:
    """Times (ms) of the user's and of the other person's messages in a Thread (or None), where shown."""
    mine, theirs = [], []
    for m in thread.messages if thread is not None else ():
        at = m.sent_at_ms
        if at is None and (when := page_time(m.sent_at)) is not None:
            at = to_ms(when)
        if at is not None:
            (mine if m.sender == "me" else theirs).append(int(at))
    return mine, theirs


def say_date(ms: int, now: datetime) -> str:
    """A short local date for messages: "3 Nov", with the year when it is not this year."""
    d = from_ms(ms).astimezone()
    return f"{d.day} {d:%b}" + (f" {d.year}" if d.year != now.astimezone().year else "")
