"""What the companion understands of a LinkedIn page: Profile, Thread, Composer."""

from typing import Literal

from protocol.base import Model
from protocol.feedback import Surface
from protocol.outreach import OutreachEntry


class DateParts(Model):
    year: int
    month: int | None = None


class Role(Model):
    title: str | None = None
    dates: str | None = None  # as shown, without the "· 2 yrs" duration
    start: DateParts | None = None
    end: DateParts | None = None  # None with current=True means "Present"
    current: bool = False
    location: str | None = None


class Experience(Model):
    company: str | None = None
    company_url: str | None = None
    roles: list[Role] = []  # several roles grouped under one company


class Education(Model):
    school: str | None = None
    school_url: str | None = None
    degree: str | None = None
    dates: str | None = None
    start: DateParts | None = None
    end: DateParts | None = None


class Post(Model):
    text: str | None = None  # a prefix of the post's text
    url: str | None = None
    posted_at: str | None = None  # ISO 8601, from the activity id (its top bits are epoch ms)
    reposted: bool = False  # shared from someone else: not their own words


class Profile(Model):
    url: str | None = None
    slug: str | None = None
    name: str | None = None
    headline: str | None = None
    location: str | None = None
    degree: int | None = None  # 1, 2 or 3: the visible label
    pending_invite: bool | None = None
    mutual_count: int | None = None
    mutual_names: list[str] | None = None
    current_title: str | None = None
    current_company: str | None = None
    about: str | None = None
    experience: list[Experience] | None = None  # None: section not loaded yet
    education: list[Education] | None = None
    posts: list[Post] | None = None
    is_self: bool = False


class ThreadMessage(Model):
    sender: Literal["me", "them"]
    text: str
    sent_at: str | None = None  # ISO 8601 with offset when known
    sent_at_ms: int | None = None


class Thread(Model):
    participant: Profile | None = None
    messages: list[ThreadMessage] = []


class Composer(Model):
    surface: Surface | None = None
    limit: int | None = None  # the limit the page itself declares
    has_subject: bool = False


class PageResult(Model):
    kind: Literal["profile", "thread", "other"]
    url: str | None = None
    profile: Profile | None = None
    own_profile: Profile | None = None
    thread: Thread | None = None
    composer: Composer | None = None
    warnings: list[str] = []
    outreach: OutreachEntry | None = None  # the `page` command's: the recipient's entry in the outreach log
