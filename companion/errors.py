"""Errors a command handler raises; the connection maps them to `result` error replies."""

from protocol.errors import ErrorCode


class CommandError(Exception):
    """A failure the client should hear about, with a code from the protocol's closed set."""

    def __init__(self, code: ErrorCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
