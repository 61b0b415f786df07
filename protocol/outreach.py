"""The outreach log as the extension and CLI see it."""

from typing import Literal

from pydantic import Field

from protocol.base import Model
from protocol.feedback import Surface

# Caps on what a peer may store about a recipient.
SLUG_MAX, URL_MAX, NAME_MAX = 200, 4_096, 200

ReferralState = Literal["asked", "agreed", "declined", "referred", "hired", "closed"]
# What an entry shows: the user's state, or "replied" for an ask they answered (seen on a thread
# page). Not settable: the user says what the reply meant with agreed / declined / referred.
EntryState = Literal["asked", "replied", "agreed", "declined", "referred", "hired", "closed"]
DueKind = Literal["follow_up", "stop", "thank", "update", "answer"]


class Recipient(Model):
    slug: str = Field(max_length=SLUG_MAX)  # LinkedIn profile slug: the stable key
    url: str | None = Field(default=None, max_length=URL_MAX)
    name: str | None = Field(default=None, max_length=NAME_MAX)
    company: str | None = Field(default=None, max_length=NAME_MAX)
    role: str | None = Field(default=None, max_length=NAME_MAX)  # their current title (from the page)


class SentRecord(Model):
    surface: Surface
    sent_at: str  # ISO 8601
    follow_up: bool = False


class DueItem(Model):
    """What is due for this person (companion.coach.due), and from when."""

    kind: DueKind
    since: str  # ISO 8601; in the future while it is too soon
    due_now: bool
    late: bool = False  # a follow-up more than two weeks after the message


class OutreachEntry(Model):
    recipient: Recipient
    state: EntryState = "asked"
    replied_at: str | None = None  # when they answered the user's last message
    notes: str | None = None
    sent: list[SentRecord] = []
    replies: list[str] = []  # ISO 8601 times of replies seen in threads
    last_contact: str | None = None
    advice: str | None = None  # e.g. the keep-updated reminder
    due: DueItem | None = None
