"""Tactful's companion: the local server, the coach, the page parsers and the outreach log."""

__version__ = "0.1.0"
