"""What one browser connection has told us so far: the page context and its settings.

Command handlers read and update it; the coach reads it when it analyses a draft.
"""

MAX_SCRATCH = 8  # drafts per connection whose last version's pieces are remembered

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from protocol.page import Composer, Profile, Thread


@dataclass
class Session:
    client_name: str = ""
    origin: str = ""
    page_url: str | None = None
    profile: Profile | None = None  # the recipient, from the last profile/thread page
    thread: Thread | None = None
    composer: Composer | None = None
    captured_at: datetime | None = None  # when the browser captured the page (for "recent")
    own_profile: Profile | None = None  # the user, remembered across pages (companion.pages.own_profile)
    disabled_rules: set[str] = field(default_factory=set)
    paused: bool = False
    # draft_id -> what analysing its last version left for the next one (CoachContext.scratch).
    _scratch: OrderedDict = field(default_factory=OrderedDict, repr=False)

    def scratch(self, draft_id: str) -> dict:
        """Per-draft memory across versions, so a keystroke re-reads only what it changed even
        when many drafts are typed at once and the shared caches turn over. In memory only,
        dropped with the connection; the least recently typed draft goes past MAX_SCRATCH."""
        found = self._scratch.pop(draft_id, None)
        if found is None:
            found = {}
            if len(self._scratch) >= MAX_SCRATCH:
                self._scratch.popitem(last=False)
        self._scratch[draft_id] = found
        return found

    def clear_page(self) -> None:
        self.page_url = None
        self.profile = None
        self.thread = None
        self.composer = None
        self.captured_at = None
