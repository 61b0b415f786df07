"""`page`: parse a snapshot of the LinkedIn page into its tab's context and return it, with the
recipient's outreach entry when they are in the log.

The parse runs in a thread after a linear bounds check that refuses pathological snapshots with
`invalid_page` (a thread cannot be stopped); docs/pages.md, "The `page` command", says why and how.
Nothing of the page is logged.
"""

import asyncio
import logging

from protocol.errors import ErrorCode
from protocol.page import PageResult, Profile

from companion.coach.outreach_view import parse_time
from companion.commands import outreach
from companion.errors import CommandError
from companion.pages import PageTooComplex, own_profile, read_snapshot, recipient

log = logging.getLogger(__name__)


def _remember_own(result: PageResult, data_dir, known: Profile | None) -> Profile | None:
    """Merge a newly seen own profile into the remembered one (file IO: runs in a thread)."""
    try:
        if result.own_profile is not None:
            return own_profile.save(data_dir, result.own_profile)
        return known
    except OSError as exc:  # a full disk must not fail the page: the context still works
        log.warning("own profile not saved: %s", type(exc).__name__)
        return result.own_profile or known


async def handle(msg, session, services) -> dict:
    try:  # "recent" in hints is relative to when the browser captured the page (the extension sends UTC)
        captured = parse_time(msg.captured_at) if msg.captured_at else None
    except ValueError:
        captured = None
    known = session.own_profile
    if known is None:
        known = await asyncio.to_thread(own_profile.load, services.data_dir)
    try:
        result = await asyncio.to_thread(read_snapshot, msg.url, msg.html, captured, known.slug if known else None)
    except PageTooComplex as exc:
        log.warning("page refused before parsing: %s", exc)  # the reason only, never the page
        raise CommandError(ErrorCode.INVALID_PAGE, f"{exc}; this does not look like a LinkedIn page") from None
    session.own_profile = await asyncio.to_thread(_remember_own, result, services.data_dir, known)
    page = session.page(msg.tab)  # the parsed page becomes its tab's context
    page.url = msg.url
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
