"""The closed set of error codes a `result` may carry."""

from enum import Enum


class ErrorCode(str, Enum):
    INVALID_FORMAT = "invalid_format"  # not JSON, not an object, or fails the command's schema
    UNKNOWN_COMMAND = "unknown_command"  # a `type` the server does not know
    SUPERSEDED = "superseded"  # a newer version of the same draft arrived first
    RATE_LIMITED = "rate_limited"  # too many messages or pairing attempts
    INTERNAL_ERROR = "internal_error"  # a bug on our side; details go to the log, not the wire
    NOT_FOUND = "not_found"  # e.g. outreach.update for an unknown recipient
    TOO_LARGE = "too_large"  # a payload above the command's own cap
    UNAVAILABLE = "unavailable"  # a feature that needs something missing (e.g. a keyring)
    PAUSED = "paused"  # the user paused coaching
    INVALID_PAGE = "invalid_page"  # a page snapshot too deep or too large to parse in bounded time
