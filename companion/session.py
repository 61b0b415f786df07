"""What one browser connection has told us so far: the page context and its settings.

Command handlers read and update it; the coach reads it when it analyses a draft.
"""

from dataclasses import dataclass, field

from protocol.page import Composer, Profile, Thread


@dataclass
class Session:
    client_name: str = ""
    origin: str = ""
    page_url: str | None = None
    profile: Profile | None = None  # the recipient, from the last profile/thread page
    thread: Thread | None = None
    composer: Composer | None = None
    own_profile: Profile | None = None  # the user, remembered across pages (companion.pages.own_profile)
    disabled_rules: set[str] = field(default_factory=set)
    paused: bool = False

    def clear_page(self) -> None:
        self.page_url = None
        self.profile = None
        self.thread = None
        self.composer = None
