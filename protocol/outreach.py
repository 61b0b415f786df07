"""The outreach log as the extension and CLI see it."""

from typing import Literal

from protocol.base import Model

ReferralState = Literal["asked", "agreed", "declined", "referred", "hired", "closed"]


class Recipient(Model):
    slug: str  # LinkedIn profile slug: the stable key
    url: str | None = None
    name: str | None = None
    company: str | None = None


class SentRecord(Model):
    surface: Literal["connection_note", "message", "inmail", "follow_up"]
    sent_at: str  # ISO 8601
    follow_up: bool = False


class OutreachEntry(Model):
    recipient: Recipient
    state: ReferralState = "asked"
    notes: str | None = None
    sent: list[SentRecord] = []
    replies: list[str] = []  # ISO 8601 times of replies seen in threads
    last_contact: str | None = None
    advice: str | None = None  # e.g. the keep-updated reminder
