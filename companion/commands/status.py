"""`status`: what the companion is and can do right now, for the extension's status line.

Says which page context this connection has (kinds only, never content)."""


async def handle(msg, session, services) -> dict:
    result = services.status()
    result["client_name"] = session.client_name
    result["paused"] = services.is_paused or session.paused
    result["context"] = {
        "profile": session.profile is not None,
        "thread": session.thread is not None,
        "composer": session.composer.surface if session.composer else None,
    }
    return result
