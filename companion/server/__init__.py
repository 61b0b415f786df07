"""The companion's local server: an aiohttp app with /v1/health and the /v1/ws WebSocket.

How its modules fit together: docs/architecture.md, "The connection"; each module says what it holds.
"""
