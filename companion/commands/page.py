"""`page`: parse a snapshot of the LinkedIn page into its tab's context and return it, with the
recipient's outreach entry when they are in the log.

The parse runs in a thread after a linear bounds check that refuses pathological snapshots with
`invalid_page` (a thread cannot be stopped); docs/pages.md, "The `page` command", says why and how.
Nothing of the page is logged.
"""

import asyncio
import logging

from protocol.errors import ErrorCode

from companion.coach.outreach_view import page_time
from companion.commands import outreach
from companion.errors import CommandError
from companion.pages import PageTooComplex, own_profile, read_snapshot, recipient

log = logging.getLogger(__name__)


async def handle(msg, session, services) -> dict:
    captured = page_time(msg.captured_at)  # "recent" in hints is relative to when the browser captured the page
    known = session.own_profile
    if known is None:
        known = await asyncio.to_thread(own_profile.load, services.data_dir)
    try:
        result = await asyncio.to_thread(read_snapshot, msg.url, msg.html, captured, known.slug if known else None)
    except PageTooComplex as exc:
        log.warning("page refused before parsing: %s", exc)  # the reason only, never the page
        raise CommandError(ErrorCode.INVALID_PAGE, f"{exc}; this does not look like a LinkedIn page") from None
    if result.own_profile is not None:
        known = await asyncio.to_thread(own_profile.save, services.data_dir, result.own_profile)
    session.own_profile = known
    page = session.page(msg.tab)  # the parsed page becomes its tab's context
    page.profile = recipient(result, page.profile)
    page.thread = result.thread
    page.composer = result.composer
    page.captured_at = captured
    await outreach.remember_replies(services, result.thread, page.profile)  # replies seen, for people in the log
    reply = result.model_dump(mode="json", exclude_none=True)
    entry = outreach.entry_of(services, page.profile.slug if page.profile else None)
    if entry is not None:
        reply["outreach"] = entry
    return reply
