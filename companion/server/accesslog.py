"""What the server logs about HTTP: method, route and status, never a query string or raw request.

aiohttp's default format logs the request line, query string included: a token or code someone
put in a URL would land in the log. Unknown paths are logged as "(other)" for the same reason.
"""

import logging

from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError

KNOWN_PATHS = {"/v1/health", "/v1/ws", "/v1/admin/pair-code", "/v1/admin/introduce", "/v1/admin/revoked"}


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request, response, time: float) -> None:
        path = request.path if request.path in KNOWN_PATHS else "(other)"
        self.logger.info("%s %s %s %.1fms", request.method, path, response.status, time * 1000)


class RedactMalformedRequests(logging.Filter):
    """aiohttp logs a malformed request with the parser's error, which quotes the raw request line
    or header (a token in a URL would land in the log). Keep the fact and the error class, drop
    the bytes. Other errors keep their traceback: they come from our code."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg, record.args = "malformed HTTP request refused (%s)", (type(exc).__name__,)
            record.exc_info, record.exc_text = None, None
        return True


def install_log_redaction() -> None:
    """Idempotent: add the filter to aiohttp's server logger once."""
    logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, RedactMalformedRequests) for f in logger.filters):
        logger.addFilter(RedactMalformedRequests())
