"""An access log that prints the method, the route and the status, never the query string.

aiohttp's default format logs the request line, query string included: a token or code someone
put in a URL would land in the log. Unknown paths are logged as "(other)" for the same reason.
"""

from aiohttp.abc import AbstractAccessLogger

KNOWN_PATHS = {"/v1/health", "/v1/ws", "/v1/admin/pair-code"}


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request, response, time: float) -> None:
        path = request.path if request.path in KNOWN_PATHS else "(other)"
        self.logger.info("%s %s %s %.1fms", request.method, path, response.status, time * 1000)
