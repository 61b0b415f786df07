"""Checks every HTTP request must pass before anything else happens (before a WebSocket upgrade).

DNS rebinding: a page on attacker.example can resolve its name to 127.0.0.1, but its requests
still carry `Host: attacker.example:PORT`, so only loopback names with our port are accepted.
Cross-site WebSocket hijacking: browsers send the page's Origin on WebSocket upgrades, so only
extension origins may upgrade; a missing or `null` Origin (sandboxed frames, file://) is refused.
"""

from __future__ import annotations

import re

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK_ADDRS = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
# chrome-extension ids are 32 letters a-p; Firefox uses a per-install UUID host.
_EXTENSION_ORIGIN = re.compile(
    r"^(chrome-extension://[a-p]{32}|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def host_ok(host: str | None, port: int | None) -> bool:
    """True when the Host header is exactly a loopback name with the port we listen on."""
    return bool(host) and port is not None and host.lower() in {f"{name}:{port}" for name in LOOPBACK_HOSTS}


def origin_ok(origin: str | None) -> bool:
    """True only for a well-formed browser-extension origin (never missing, `null` or a web page)."""
    return bool(origin and _EXTENSION_ORIGIN.match(origin))


def from_a_web_page(origin: str | None, fetch_site: str | None) -> bool:
    """True for a request a web page made: a non-extension Origin, or none but a cross-site
    `Sec-Fetch-Site` (a no-cors GET sends no Origin, but browsers mark it so). Local tools (urllib,
    curl) send neither header."""
    if origin is not None:
        return not origin_ok(origin)
    return fetch_site not in (None, "none", "same-origin")


def is_loopback_peer(remote: str | None) -> bool:
    return remote in LOOPBACK_ADDRS
