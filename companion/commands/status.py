"""`status`: what the companion is and can do right now, for the extension's status line.

Says what the most recently used tab's page context holds (kinds only, never content)."""

from companion.session import PageContext


async def handle(msg, session, services) -> dict:
    result = services.status()
    result["client_name"] = session.client_name
    result["paused"] = services.is_paused or session.paused
    page = next(iter(session.pages()), PageContext())
    result["context"] = {
        "profile": page.profile is not None,
        "thread": page.thread is not None,
        "composer": page.composer.surface if page.composer else None,
    }
    return result
