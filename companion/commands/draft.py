"""`draft`: analyse the draft being typed and return Feedback for its version.

The coach is pure and fast (well under 2 ms for a LinkedIn-sized draft), so it runs inline on
the event loop; superseding older versions is the connection's job, not this handler's.
"""

from protocol.errors import ErrorCode

from companion.coach import CoachContext, analyze
from companion.errors import CommandError
from companion.server.rawjson import RawJSON


def build_context(msg, session, services) -> CoachContext:
    """What the coach knows besides the text: the page this connection saw and its settings."""
    profile = session.profile
    return CoachContext(
        surface=msg.surface,
        limit=msg.limit or (session.composer.limit if session.composer else None),
        subject=msg.subject,
        profile=profile,
        own_profile=getattr(session, "own_profile", None),
        thread=session.thread,
        composer=session.composer,
        outreach=services.store,
        recipient_slug=msg.recipient or (profile.slug if profile else None),
        now=services.clock(),
        disabled=frozenset(session.disabled_rules),
        caret=msg.caret,
        captured_at=getattr(session, "captured_at", None),
        scratch=session.scratch(msg.draft_id),
    )


async def handle(msg, session, services) -> RawJSON:
    if services.is_paused or session.paused:
        raise CommandError(ErrorCode.PAUSED, "coaching is paused")
    feedback = analyze(msg.text, build_context(msg, session, services), msg.version)
    # Serialised by pydantic's Rust core in one step: a dict from model_dump that json.dumps then
    # walks again cost ~4x as much, on every keystroke.
    return RawJSON(feedback.model_dump_json())
