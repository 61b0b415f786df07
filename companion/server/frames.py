"""What a frame may cost before it is understood (docs/security.md, threats 23 and 27): aiohttp's
frame cap is the largest authenticated frame (a `page`, 8 MiB), so until the handshake lifts it,
`cap_until_auth` counts the bytes a socket sends; json.loads recurses per `[` or `{`, so
`json_value` refuses deep nesting with a linear scan first.
"""

from __future__ import annotations

import json
import re

from aiohttp import WSCloseCode
from aiohttp.http_websocket import WebSocketError

PRE_AUTH_BYTES = 16 * 1024
MAX_JSON_DEPTH = 32

NOT_JSON = object()  # json_value's answer for text that is not JSON
TOO_DEEP = object()  # ... and for JSON nested deeper than MAX_JSON_DEPTH

_NEXT = re.compile(r'["\[\]{}]')
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # unrolled: linear even unterminated


def too_deep(text: str) -> bool:
    """Whether brackets outside strings nest deeper than MAX_JSON_DEPTH. Linear: each step jumps to
    the next bracket or over a whole string with one C-level regex match."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:  # the usual case: too few brackets to matter
        return False
    depth, pos, find, string = 0, 0, _NEXT.search, _STRING.match
    while True:
        found = find(text, pos)
        if found is None:
            return False
        char, pos = found.group(), found.start()
        if char == '"':
            whole = string(text, pos)
            if whole is None:
                return False  # an unterminated string: not JSON, json.loads says so
            pos = whole.end()
            continue
        depth += 1 if char in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            return True
        pos += 1


def json_value(text: str):
    """The decoded value, NOT_JSON, or TOO_DEEP. Never raises for any input text."""
    if too_deep(text):
        return TOO_DEEP
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return NOT_JSON


class PreAuthCap:
    """Stands in for aiohttp's WebSocket frame parser and counts the bytes it is fed until
    `lift()`; past PRE_AUTH_BYTES it fails the reader with 1009 (WebSocketResponse.receive then closes
    with that code) and drops the rest."""

    def __init__(self, parser, queue):
        self._parser, self._queue, self._left = parser, queue, PRE_AUTH_BYTES

    def lift(self) -> None:
        self._left = None

    def feed_data(self, data):
        if self._left is not None:
            if 0 <= self._left < len(data):  # this chunk crosses the cap: fail the reader, once
                self._queue.set_exception(WebSocketError(WSCloseCode.MESSAGE_TOO_BIG,
                                                         "too much data before authentication"))
            self._left -= len(data)
            if self._left < 0:
                return True, b""
        return self._parser.feed_data(data)

    def feed_eof(self):
        return self._parser.feed_eof()


def cap_until_auth(ws, request) -> PreAuthCap | None:
    """Wrap the parser of a prepared WebSocketResponse; None when aiohttp's internals differ (the
    handshake's own frame cap still applies then)."""
    protocol = request.protocol
    parser = getattr(protocol, "_payload_parser", None)
    queue = getattr(ws, "_reader", None)
    if parser is None or queue is None or not hasattr(parser, "feed_data"):
        return None
    cap = PreAuthCap(parser, queue)
    protocol._payload_parser = cap
    return cap
