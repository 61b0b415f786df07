"""What one browser connection has told us so far: a page context per tab, and its settings.

Command handlers read and update it; the coach reads a tab's context when it analyses a draft
typed in that tab, so switching tabs needs no new upload.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from protocol.page import Composer, Profile, Thread

MAX_TABS = 8  # page contexts per connection (one per tab; the least recently used goes first)


@dataclass
class PageContext:
    """What a tab's last page snapshot said."""

    profile: Profile | None = None  # the recipient, from the last profile/thread page
    thread: Thread | None = None
    composer: Composer | None = None
    captured_at: datetime | None = None  # when the browser captured the page (for "recent")


@dataclass
class Session:
    client_name: str = ""
    origin: str = ""
    own_profile: Profile | None = None  # the user, remembered across pages (companion.pages.own_profile)
    disabled_rules: set[str] = field(default_factory=set)
    paused: bool = False

    # tab id (None: a client that sends none) -> its PageContext, least recently used first.
    _pages: OrderedDict = field(default_factory=OrderedDict, repr=False)

    def page(self, tab: int | None) -> PageContext:
        """The page context of `tab`, empty when its page was not seen (or is past MAX_TABS)."""
        found = self._pages.pop(tab, None) or PageContext()
        self._pages[tab] = found
        if len(self._pages) > MAX_TABS:
            self._pages.popitem(last=False)
        return found

    def pages(self) -> list[PageContext]:
        """Every tab's context, the most recently used first."""
        return list(reversed(self._pages.values()))
