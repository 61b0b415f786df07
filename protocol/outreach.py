"""The outreach log as the extension and CLI see it."""

from typing import Literal

from pydantic import Field

from protocol.base import Model

# Caps on what a peer may store about a recipient (a 900 KB name was once stored and printed).
SLUG_MAX, URL_MAX, NAME_MAX = 200, 4_096, 200

ReferralState = Literal["asked", "agreed", "declined", "referred", "hired", "closed"]


class Recipient(Model):
    slug: str = Field(max_length=SLUG_MAX)  # LinkedIn profile slug: the stable key
    url: str | None = Field(default=None, max_length=URL_MAX)
    name: str | None = Field(default=None, max_length=NAME_MAX)
    company: str | None = Field(default=None, max_length=NAME_MAX)


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
