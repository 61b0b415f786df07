"""`draft`: analyse the draft being typed and return Feedback for its version.

The coach is pure and fast (well under 2 ms for a LinkedIn-sized draft), so it runs inline on
the event loop; superseding older versions is the connection's job, not this handler's.
"""

from urllib.parse import unquote

from protocol.errors import ErrorCode
from protocol.feedback import Feedback

from companion.coach import CoachContext, analyze
from companion.errors import CommandError


async def handle(msg, session, services) -> Feedback:
    if services.is_paused or session.paused:
        raise CommandError(ErrorCode.PAUSED, "coaching is paused")
    page = session.page(msg.tab)  # what the coach knows besides the text: the page of the draft's tab
    profile, thread = page.profile, page.thread
    # A message bubble left open while the page moved on to another profile writes to its own person.
    if profile is not None and _someone_else(msg.recipient, profile.slug):
        profile = None
    if thread is not None and thread.participant and _someone_else(msg.recipient, thread.participant.slug):
        thread = None
    ctx = CoachContext(
        surface=msg.surface,
        limit=msg.limit,  # else the composer's (coach/rules/length.py)
        subject=msg.subject,
        profile=profile,
        own_profile=session.own_profile,
        thread=thread,
        composer=page.composer,
        outreach=services.store.view() if services.store is not None else None,
        recipient_slug=msg.recipient,  # else the profile's or the thread's (coach/matching.py)
        now=services.clock(),
        disabled=frozenset(session.disabled_rules),
        caret=msg.caret,
        captured_at=page.captured_at,
    )
    return analyze(msg.text, ctx, msg.version)


def _someone_else(recipient: str | None, slug: str | None) -> bool:
    """Whether the draft's recipient is not the page's person. Only two public profile names compare:
    the bubble often links the member id ("ACoAA…") instead, which says nothing either way."""
    if not recipient or not slug or recipient.startswith("ACoA") or slug.startswith("ACoA"):
        return False
    return unquote(recipient).casefold() != unquote(slug).casefold()
