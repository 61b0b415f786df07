"""`ping`: a liveness check the extension's service worker sends about every 20 s."""


async def handle(msg, session, services) -> dict:
    return {"pong": True}
