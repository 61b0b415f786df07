"""WebSocket command handlers, one module per command family, listed explicitly here.

A handler is `async def handle(msg, session, services) -> dict`: `msg` is the parsed protocol
model, `session` the connection's companion.session.Session, `services` the app-wide
companion.server.services.Services. It returns the `result` payload, or raises
companion.errors.CommandError with a code from the protocol's closed set.
"""
