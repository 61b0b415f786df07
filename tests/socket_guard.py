"""A process-wide guard that records every network attempt that does not stay on this machine.

It is an audit hook (PEP 578) on `socket.connect`, `socket.sendto`, `socket.getaddrinfo` and
`socket.gethostbyname`, so it sees attempts from every thread and every library (aiohttp, asyncio's
executor, websockets, Qt does its own sockets in C++ but the companion never asks it to). Audit
hooks cannot be removed, so the hook is installed once and only acts while a guard is active.
An attempt is recorded *and* stopped (the hook raises before the system call), so a failing test
never actually reaches the network.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading

_lock = threading.Lock()
_active: list["SocketGuard"] = []
_installed = False


def _is_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]
    if host.lower() in ("localhost", "localhost.", "") or host.lower().endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: resolving it would ask DNS
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_unspecified


def _hook(event: str, args) -> None:
    if not _active:
        return
    bad = None
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[-1]
        family = getattr(sock, "family", None)
        if family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            if not _is_local(address[0]):
                bad = f"{event} {address!r}"
    elif event == "socket.getaddrinfo":
        if not _is_local(args[0]):
            bad = f"{event} {args[0]!r}"
    elif event == "socket.gethostbyname":
        if not _is_local(args[0]):
            bad = f"{event} {args[0]!r}"
    if bad:
        with _lock:
            for guard in _active:
                guard.violations.append(bad)
        raise NetworkEscape(f"non-loopback network attempt: {bad}")


class NetworkEscape(PermissionError):
    """Raised inside the offending call; an OSError so libraries treat it as a failed connect."""


class SocketGuard:
    """`with SocketGuard() as g:` ... then `g.violations` lists non-loopback attempts."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def __enter__(self) -> "SocketGuard":
        global _installed
        with _lock:
            if not _installed:
                sys.addaudithook(_hook)
                _installed = True
            _active.append(self)
        return self

    def __exit__(self, *exc) -> None:
        with _lock:
            _active.remove(self)
