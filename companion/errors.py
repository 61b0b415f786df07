"""Errors a command handler raises; the connection maps them to `result` error replies."""

import errno
import sqlite3

from protocol.errors import ErrorCode


class CommandError(Exception):
    """A failure the client should hear about, with a code from the protocol's closed set."""

    def __init__(self, code: ErrorCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


_NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def storage_error(exc: BaseException) -> CommandError | None:
    """A clear `unavailable` error for a failed disk write (full, read-only, I/O), else None.

    The command's write did not happen (SQLite rolled it back), so the client may retry once
    there is space; earlier writes are untouched. Only the cause is named, never the message."""
    if not isinstance(exc, (OSError, sqlite3.OperationalError)):
        return None
    text = str(exc).lower()
    code = exc.errno if isinstance(exc, OSError) else None
    if code in _NO_SPACE or "disk is full" in text or "disk full" in text:
        why = "the disk is full; free some space and try again"
    elif code in (errno.EACCES, errno.EROFS) or "readonly" in text or "read-only" in text:
        why = "the data folder is read-only or not writable"
    else:
        why = "the data folder could not be written (an I/O error)"
    return CommandError(ErrorCode.UNAVAILABLE, f"could not save: {why}")
