"""The tray companion: a system-tray icon and menu in front of the local server (threading: app.py).

Qt-free parts (state.py, actions.py, reminders.py) are tested without a display; the widgets live in
app.py, icons.py, windows.py and outreach.py.
"""
