"""Reading a draft (`check`, `tone`) or a saved page (`page`) from a file or stdin, capped like the protocol.

A draft the extension sends can be at most one WebSocket message (1 MiB); the command line takes
no more, so a mistaken `tactful tone big.log` fails at once with a clear message.
"""

from __future__ import annotations

import sys
from bisect import bisect_right

MAX_BYTES = 1024 * 1024  # the protocol's cap on every command but `page` (ServerLimits.max_message)


class InputError(Exception):
    """Input that cannot be used: the command exits 2 with this message."""


def source(path: str) -> str:
    """How messages name `path`: '-' is stdin."""
    return "stdin" if path == "-" else path


def read_bytes(path: str, max_bytes: int | None) -> bytes:
    """At most max_bytes + 1 bytes of `path` ('-': stdin), all of it for None."""
    size = -1 if max_bytes is None else max_bytes + 1
    try:
        if path == "-":
            return sys.stdin.buffer.read(size)
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise InputError(f"cannot read {source(path)}: {exc.strerror or exc}") from None


def read_text(path: str, max_bytes: int | None = MAX_BYTES) -> str:
    """The text of `path` ('-': stdin); None for max_bytes reads any size (a JSONL batch)."""
    data = read_bytes(path, max_bytes)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{source(path)} is larger than {max_bytes // (1024 * 1024)} MiB, the most the companion "
                         "accepts; give it one message, not a whole file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source(path)} is not UTF-8 text (byte {exc.start})") from None


class Lines:
    """Line and column of code-point offsets, in O(log lines) each after one pass over the text."""

    def __init__(self, text: str):
        self.starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            self.starts.append(i + 1)
            i = find("\n", i + 1)

    def at(self, index: int) -> tuple[int, int, int]:
        """1-based line and column of `index`, and the index where that line starts."""
        line = bisect_right(self.starts, index)
        start = self.starts[line - 1]
        return line, index - start + 1, start
