"""`page`: parse a snapshot of the LinkedIn page into the connection's context and return it.

Parsing a 600 KB page takes milliseconds but is CPU work, so it runs in a child process
(companion/pages/worker.py) and the event loop keeps serving other connections' drafts meanwhile. The result replaces the page
context of this connection (profile, thread, composer): later `draft`s are coached against it.
The user's own profile, when the page shows it, is merged into the 0600 file in the data dir.
Nothing of the page is logged.
"""

import asyncio
import logging
from datetime import datetime, timezone

from protocol.page import PageResult, Profile

from companion.commands import outreach
from companion.pages import own_profile, parse_snapshot
from companion.server.rawjson import RawJSON

log = logging.getLogger(__name__)


def _recipient(result: PageResult, previous: Profile | None) -> Profile | None:
    """Who a draft on this page is for: the profile shown, else the thread's other participant."""
    if result.profile is not None and not result.profile.is_self:
        return result.profile
    if result.thread is not None and result.thread.participant is not None:
        part = result.thread.participant
        # The messaging page only knows a name and slug: keep the richer profile seen before.
        if previous is not None and ((part.slug and part.slug == previous.slug) or
                                     (not part.slug and part.name and part.name == previous.name)):
            return previous
        return part
    return None


def _remember_own(result: PageResult, data_dir, known: Profile | None) -> Profile | None:
    """Merge a newly seen own profile into the remembered one (file IO: runs in the executor)."""
    try:
        if result.own_profile is not None:
            return own_profile.save(data_dir, result.own_profile)
        return known if known is not None else own_profile.load(data_dir)
    except OSError as exc:  # a full disk must not fail the page: the context still works
        log.warning("own profile not saved: %s", type(exc).__name__)
        return result.own_profile or known


def apply(result: PageResult, session, url: str | None) -> None:
    """Store the parsed page as this connection's context."""
    previous = session.profile
    session.page_url = url
    session.profile = _recipient(result, previous)
    session.thread = result.thread
    session.composer = result.composer


def _capture_time(value: str | None) -> datetime | None:
    """The browser's capture time as a naive local-looking datetime (headings are local days)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _captured_utc(value: str | None) -> datetime | None:
    """The capture time as an aware datetime (UTC when no offset is given), for "recent" in hints."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


async def handle(msg, session, services) -> RawJSON:
    loop = asyncio.get_running_loop()
    captured = _capture_time(getattr(msg, "captured_at", None))
    pages = getattr(services, "pages", None)
    if pages is not None:
        result = await pages.parse(msg.url, msg.html, captured)
    else:  # a Services without the parser (unit tests of this handler): a thread does the same
        result = await loop.run_in_executor(None, parse_snapshot, msg.url, msg.html, captured)
    known = getattr(session, "own_profile", None)
    session.own_profile = await loop.run_in_executor(None, _remember_own, result, services.data_dir, known)
    apply(result, session, msg.url)
    session.captured_at = _captured_utc(getattr(msg, "captured_at", None))
    await outreach.remember_replies(services, result.thread)  # replies seen, for people in the log
    return RawJSON(result.model_dump_json(exclude_none=True))  # encoded once (see commands/draft.py)
