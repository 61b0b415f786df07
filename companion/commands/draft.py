"""`draft`: analyse the draft being typed and return Feedback for its version.

The coach is pure and fast (well under 2 ms for a LinkedIn-sized draft), so it runs inline on
the event loop; superseding older versions is the connection's job, not this handler's.
"""

from protocol.errors import ErrorCode
from protocol.feedback import Feedback

from companion.coach import CoachContext, analyze
from companion.errors import CommandError


async def handle(msg, session, services) -> Feedback:
    if services.is_paused or session.paused:
        raise CommandError(ErrorCode.PAUSED, "coaching is paused")
    page = session.page(msg.tab)  # what the coach knows besides the text: the page of the draft's tab
    ctx = CoachContext(
        surface=msg.surface,
        limit=msg.limit,  # else the composer's (coach/rules/length.py)
        subject=msg.subject,
        profile=page.profile,
        own_profile=session.own_profile,
        thread=page.thread,
        composer=page.composer,
        outreach=services.store.view() if services.store is not None else None,
        recipient_slug=msg.recipient,  # else the profile's or the thread's (coach/matching.py)
        now=services.clock(),
        disabled=frozenset(session.disabled_rules),
        caret=msg.caret,
        captured_at=page.captured_at,
    )
    return analyze(msg.text, ctx, msg.version)
