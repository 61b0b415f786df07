"""The tray companion: a system-tray icon and menu in front of the local server.

Qt's event loop owns the main thread (macOS requires it for anything UI); the aiohttp server runs
on its own asyncio loop in a worker thread through companion.server.runner. The two meet only in
thread-safe calls (the runner's methods) and in status snapshots the server pushes to a listener,
which the Qt side turns into a queued signal. Qt-free parts (state.py, actions.py) are tested
without a display; the widgets live in app.py, icons.py and windows.py.
"""
