"""The tray companion: a system-tray icon and menu in front of the local server (docs/tray.md)."""
