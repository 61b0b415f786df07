"""The one egress gate: every outbound connection the companion makes goes through here.

In local-only mode (the default, stored in the data dir's settings) only loopback destinations are
allowed; anything else raises EgressBlocked (protocol code `egress_blocked`) before a single packet
leaves the machine, DNS queries included.

How it is enforced for aiohttp (`client_session()` / `connector()`), at two points:
1. the resolver: in local-only mode it answers `localhost` (and `*.localhost`, RFC 6761) with
   127.0.0.1 / ::1 itself and refuses every other name *without asking DNS*, because a DNS query
   for a remote name already tells the network what the companion is about to contact;
2. the socket factory: aiohttp hands it every resolved address just before connecting (IP literals
   skip the resolver), and it refuses any non-loopback address. This also catches proxies.

Code that does not use aiohttp calls `gate.check_url()` / `gate.check_address()` first. The mode is
read on every connection, so switching it in the tray takes effect at once.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver

from companion.errors import CommandError
from protocol.errors import ErrorCode

LOCALHOST_NAMES = ("localhost", "localhost.")

# What each outbound feature would send, in the user's words. A feature that can reach the network
# (e.g. the future writing-assistant provider) registers a line here when it is configured, so the
# tray's "turn local-only off?" confirmation names exactly what would leave the machine.
_OUTBOUND_FEATURES: dict[str, str] = {}


def register_outbound_feature(key: str, description: str) -> None:
    """Declare a feature that would contact the network, e.g. ("assistant", "Writing assistant:
    the draft you are typing, sent to api.example.com")."""
    _OUTBOUND_FEATURES[key] = description


def unregister_outbound_feature(key: str) -> None:
    _OUTBOUND_FEATURES.pop(key, None)


def outbound_features() -> list[str]:
    """Descriptions of every registered outbound feature (empty while nothing uses the network)."""
    return list(_OUTBOUND_FEATURES.values())


class EgressBlocked(CommandError):
    """Local-only mode refused a connection; the message names the destination and the switch."""

    def __init__(self, destination: str, reason: str = "is not on this machine"):
        super().__init__(
            ErrorCode.EGRESS_BLOCKED,
            f"local-only mode blocked a connection to {destination}: it {reason}. "
            "Nothing was sent. Turn local-only mode off (tray menu, or \"local_only\": false in "
            "settings.json) only if you want this feature to reach the network.",
        )
        self.destination = destination


def is_loopback_ip(address: str) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x); False for names."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # Python < 3.13 does not call ::ffff:127.0.0.1 loopback
    return ip.is_loopback


def is_localhost_name(host: str) -> bool:
    host = host.lower()
    return host in LOCALHOST_NAMES or host.rstrip(".").endswith(".localhost")


class EgressGate:
    """Decides whether a destination may be contacted. `local_only` is asked on every check."""

    def __init__(self, local_only: Callable[[], bool]):
        self._local_only = local_only

    @property
    def local_only(self) -> bool:
        return bool(self._local_only())

    def check_address(self, host: str, port: int | None = None) -> None:
        """Allow a literal IP or localhost name; in local-only mode refuse anything else."""
        if not self.local_only:
            return
        if is_loopback_ip(host) or is_localhost_name(host):
            return
        where = f"{host}:{port}" if port else host
        raise EgressBlocked(where)

    def check_url(self, url: str) -> None:
        """Check a URL's host before any request; a URL without a host is refused as bad input."""
        parts = urlsplit(str(url))
        if not parts.hostname:
            raise CommandError(ErrorCode.INVALID_FORMAT, f"not an absolute URL: {url!r}")
        self.check_address(parts.hostname, parts.port)

    # --- aiohttp ---------------------------------------------------------------------------

    def socket_factory(self, addr_info: tuple) -> socket.socket:
        """aiohttp/aiohappyeyeballs socket factory: the last check, on the resolved address."""
        family, type_, proto, _canon, sockaddr = addr_info
        if self.local_only and not is_loopback_ip(str(sockaddr[0])):
            raise EgressBlocked(f"{sockaddr[0]}:{sockaddr[1]}", "is not a loopback address")
        return socket.socket(family=family, type=type_, proto=proto)

    def connector(self, **kwargs: Any):
        """An aiohttp TCPConnector whose resolver and sockets go through this gate."""
        return aiohttp.TCPConnector(resolver=GatedResolver(self), socket_factory=self.socket_factory, **kwargs)

    def client_session(self, **kwargs: Any):
        """An aiohttp ClientSession for outbound HTTP (the future writing-assistant provider).

        `trust_env` is off by default so a proxy from the environment is not used silently; pass
        `trust_env=True` to opt in (the proxy's own address is then checked by the gate).
        """
        kwargs.setdefault("trust_env", False)
        connector = kwargs.pop("connector", None) or self.connector()
        return aiohttp.ClientSession(connector=connector, **kwargs)


class GatedResolver(AbstractResolver):
    """An aiohttp resolver that never queries DNS for a remote name in local-only mode."""

    def __init__(self, gate: EgressGate):
        self._gate = gate
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict]:
        if self._gate.local_only:
            if not is_localhost_name(host):
                raise EgressBlocked(f"{host}:{port}" if port else host)
            return _loopback_results(host, port, family)
        return await self._inner.resolve(host, port, family)

    async def close(self) -> None:
        await self._inner.close()


def _loopback_results(host: str, port: int, family: int) -> list[dict]:
    out = []
    if family in (socket.AF_INET, socket.AF_UNSPEC):
        out.append({"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET,
                    "proto": 0, "flags": socket.AI_NUMERICHOST})
    if family in (socket.AF_INET6, socket.AF_UNSPEC) and socket.has_ipv6:
        out.append({"hostname": host, "host": "::1", "port": port, "family": socket.AF_INET6,
                    "proto": 0, "flags": socket.AI_NUMERICHOST})
    return out


def gate_for(data_dir: Path) -> EgressGate:
    """The gate for a data dir: local-only comes from its settings file (on when unreadable)."""
    from companion import settings

    return EgressGate(lambda: settings.load_or_default(data_dir).local_only)
