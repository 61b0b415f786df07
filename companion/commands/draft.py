"""`draft`: analyse the draft being typed and return Feedback for its version.

The coach is pure and fast (well under 2 ms for a LinkedIn-sized draft), so it runs inline on
the event loop; superseding older versions is the connection's job, not this handler's.
"""

from protocol.errors import ErrorCode
from protocol.feedback import Feedback

from companion.coach import CoachContext, analyze
from companion.errors import CommandError


def build_context(msg, session, services) -> CoachContext:
    """What the coach knows besides the text: the page of the draft's tab, the settings."""
    page = session.page(msg.tab)
    profile = page.profile
    return CoachContext(
        surface=msg.surface,
        limit=msg.limit or (page.composer.limit if page.composer else None),
        subject=msg.subject,
        profile=profile,
        own_profile=session.own_profile,
        thread=page.thread,
        composer=page.composer,
        outreach=services.store.view() if services.store is not None else None,
        recipient_slug=msg.recipient or (profile.slug if profile else None),
        now=services.clock(),
        disabled=frozenset(session.disabled_rules),
        caret=msg.caret,
        captured_at=page.captured_at,
    )


async def handle(msg, session, services) -> Feedback:
    if services.is_paused or session.paused:
        raise CommandError(ErrorCode.PAUSED, "coaching is paused")
    return analyze(msg.text, build_context(msg, session, services), msg.version)
