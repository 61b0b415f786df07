"""The aiohttp application: routes, the request guard, and starting/stopping a server.

Every request needs a loopback Host with our port; the admin routes (for `tactful pair`,
`native-host` and `unpair`) also a loopback peer, no Origin and the per-run admin secret; no route
grants CORS (docs/security.md, threats 2-4 and 8).
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from secrets import token_urlsafe

from aiohttp import WSCloseCode, web
from pydantic import TypeAdapter

from companion import settings
from companion.paths import ensure_private_dir
from companion.server import runtime, security
from companion.server.accesslog import PathOnlyAccessLogger, install_log_redaction
from companion.server.connection import Connection
from companion.server.frames import cap_until_auth
from companion.server.limits import ConnectionLimits, raise_fd_limit
from companion.server.pairing import Pairing
from companion.server.services import ServerConfig, Services
from companion.store import service as store_service
from protocol import PROTOCOL_VERSION
from protocol.messages import ClientName

log = logging.getLogger("tactful.server")
SERVICES = web.AppKey("services", Services)
ADMIN_SECRET = web.AppKey("admin_secret", str)
LIMITS = web.AppKey("limits", ConnectionLimits)  # header deadline + WebSocket caps
_CLIENT_NAME = TypeAdapter(ClientName)


class PortInUse(Exception):
    """The port is taken by another program."""


class DataDirUnusable(Exception):
    """The data dir cannot be created or written (read-only, no permission, not a folder)."""


def _prepare_data_dir(data_dir: Path) -> Path:
    """Create the data dir (0700) and prove it is writable, or raise DataDirUnusable saying why:
    a clear message at start beats a traceback, or a failure at the first write."""
    try:
        folder = ensure_private_dir(Path(data_dir))
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError as exc:
        raise DataDirUnusable(f"cannot use the data dir {data_dir}: {exc.strerror or exc}; choose a writable "
                              "folder with --data-dir (or TACTFUL_DATA_DIR), or fix its permissions") from None


def _error(message: str, error: str = "forbidden", status: int = 403) -> web.Response:
    return web.json_response({"error": error, "message": message}, status=status)


@web.middleware
async def guard(request: web.Request, handler):
    """Refuse any request whose Host is not ours before a handler (or an upgrade) runs, and any
    admin request that is not from a local tool holding the admin secret."""
    services = request.app[SERVICES]
    request.app[LIMITS].disarm(request.protocol)  # a full request head arrived in time
    exposed = services.config.host not in ("127.0.0.1", "::1", "localhost")  # `serve --host` (a flag says so)
    host = request.headers.get("Host")
    if not (security.host_ok(host, services.port) or (exposed and host == f"{services.config.host}:{services.port}")):
        return _error("bad Host header")
    if request.path.startswith("/v1/admin/"):
        if not security.is_loopback_peer(request.remote) or "Origin" in request.headers:
            return _error("admin requests come from local tools only")
        given = request.headers.get(runtime.ADMIN_HEADER, "")
        if not hmac.compare_digest(given.encode(), request.app[ADMIN_SECRET].encode()):
            return _error("wrong admin secret")
    return await handler(request)


async def health(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    if security.from_a_web_page(request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site")):
        # Any HTTP answer, even a 403, resolves a page's no-cors fetch and so tells it that the
        # companion runs; a socket closed without an answer fails it as if nothing listened.
        request.transport.abort()
        raise asyncio.CancelledError
    return web.json_response({"status": "ok", "version": services.version, "protocol": PROTOCOL_VERSION})


async def websocket(request: web.Request) -> web.StreamResponse:
    services = request.app[SERVICES]
    origin = request.headers.get("Origin")
    if not security.origin_ok(origin):
        return _error("only the Tactful browser extension may connect")
    if request.query_string:
        # Tokens belong in the first message, never in a URL (URLs end up in logs and history).
        return _error("no query parameters; send auth first", "bad_request", 400)
    cfg = services.config
    # compress=False: loopback needs no compression, and inflating permessage-deflate frames is
    # where a tiny frame can cost megabytes (a decompression bomb) before the size cap applies.
    limits = request.app[LIMITS]
    ticket = limits.admit(request.transport, origin)  # the unauthenticated pool (limits.py)
    try:
        ws = web.WebSocketResponse(heartbeat=cfg.heartbeat, max_msg_size=max(cfg.max_message, cfg.max_page_message) + 1,
                                   autoping=True, compress=False)
        await ws.prepare(request)
        ticket.frames = cap_until_auth(ws, request)  # a few KiB until auth_ok, not 8 MiB (frames.py)
        await Connection(ws, services, origin, limits, ticket).run()
        return ws
    finally:
        limits.release(ticket)


async def admin_pair_code(request: web.Request) -> web.Response:
    """A one-time pairing code for `tactful pair`."""
    services = request.app[SERVICES]
    code, ttl = services.pairing.create_code()
    log.info("created a pairing code")
    answer = {"code": code, "expires_in": ttl}
    attack = services.pairing.attack_report()
    if attack is not None:  # `tactful pair` warns the user
        answer["attack"] = attack
    return web.json_response(answer)


async def admin_introduce(request: web.Request) -> web.Response:
    """A token for the extension a browser vouched for ({"origin", "client_name"}, from
    `tactful native-host`), with the port it connects to."""
    try:
        body = await request.json()
        origin, name = str(body["origin"]), _CLIENT_NAME.validate_python(body["client_name"])
    except (ValueError, KeyError, TypeError):  # a pydantic ValidationError is a ValueError
        origin = name = None
    if not security.origin_ok(origin) or name is None:
        return _error("needs an extension origin and a client name", "bad_request", 400)
    services = request.app[SERVICES]
    token, record = services.pairing.introduce(name, origin)
    log.info("paired a new client %r through its browser", record.name)
    return web.json_response({"token": token, "client_name": record.name, "port": services.port})


async def admin_revoked(request: web.Request) -> web.Response:
    """`tactful unpair` changed clients.json: close the revoked clients' connections now (4401)."""
    closed = await close_revoked(request.app[SERVICES])
    return web.json_response({"closed": closed})


async def close_revoked(services) -> int:
    """Close every open connection whose client is no longer paired; returns how many. Waits up to
    2 s for them to end, so the caller's "unpaired" is true when it returns."""
    try:
        known = await asyncio.to_thread(services.pairing.clients.verifiers)  # re-read clients.json off the loop
    except (OSError, ValueError):  # unreadable: not a revocation (the watchers retry)
        return 0
    closing = [conn for conn in list(services.connections) if conn.close_if_unpaired(known)]
    deadline = asyncio.get_running_loop().time() + 2.0
    while any(conn in services.connections for conn in closing) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    return len(closing)


async def _close_connections(app: web.Application) -> None:
    for conn in list(app[SERVICES].connections):
        await conn.ws.close(code=WSCloseCode.GOING_AWAY, message=b"companion shutting down")


def create_app(services: Services, admin_secret: str) -> web.Application:
    install_log_redaction()
    app = web.Application(middlewares=[guard], client_max_size=64 * 1024)
    app[SERVICES] = services
    app[LIMITS] = ConnectionLimits(services.config)
    app[ADMIN_SECRET] = admin_secret
    app.router.add_get("/v1/health", health)
    app.router.add_get("/v1/ws", websocket)
    app.router.add_post("/v1/admin/pair-code", admin_pair_code)
    app.router.add_post("/v1/admin/revoked", admin_revoked)
    app.router.add_post("/v1/admin/introduce", admin_introduce)
    app.on_shutdown.append(_close_connections)
    return app


@dataclass
class RunningServer:
    services: Services
    runner: web.AppRunner
    port: int
    admin_secret: str

    @property
    def url(self) -> str:
        return runtime.ws_url(self.port)

    async def stop(self) -> None:
        """Close every connection (1001), stop listening, remove our runtime files."""
        await self.runner.cleanup()
        await store_service.detach(self.services)
        if self.services.config.write_runtime:
            runtime.remove_runtime(self.services.data_dir, only_if_ours=True)


async def start_server(data_dir: Path, config: ServerConfig, keyring_status=None) -> RunningServer:
    """Bind, then (if config.write_runtime) write runtime.json and the admin secret.

    Raises runtime.AlreadyRunning when another companion serves data_dir, PortInUse when the
    port is taken, DataDirUnusable when the data dir cannot be written."""
    data_dir = _prepare_data_dir(data_dir)
    if config.write_runtime:
        runtime.check_single_instance(data_dir)
    # Local-only mode is the user's persisted choice (on by default).
    services = Services(data_dir=data_dir, pairing=None, config=config, keyring=keyring_status,
                        local_only=settings.load_or_default(data_dir).local_only)
    services.pairing = Pairing(data_dir, clock=lambda: services.clock())
    await store_service.attach(services)  # the outreach log (services.store)
    admin_secret = token_urlsafe(32)  # per run: `tactful pair` reads it from the data dir
    raise_fd_limit()  # before the limits read it: more sockets before refusing any (limits.py)
    app = create_app(services, admin_secret)
    # keepalive_timeout: an HTTP connection idle after a response closes after header_timeout too.
    runner = web.AppRunner(app, access_log_class=PathOnlyAccessLogger, handle_signals=False, shutdown_timeout=2.0,
                           keepalive_timeout=config.header_timeout)
    await runner.setup()
    app[LIMITS].watch(runner.server)  # sockets with no complete request head in time are closed
    app[LIMITS].count_accept_failures(asyncio.get_running_loop())
    site = web.TCPSite(runner, config.host, config.port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        await store_service.detach(services)
        if exc.errno == errno.EADDRINUSE:
            # Say whether the owner is a Tactful companion (e.g. one serving another data dir).
            tactful = config.port and await asyncio.to_thread(runtime.health_answers, config.port)
            who = "another Tactful companion" if tactful else "another program"
            raise PortInUse(f"port {config.port} on {config.host} is already in use by {who}; "
                            "stop it or choose another port (`tactful serve --port N`, or the tray's "
                            "Settings)") from None
        raise
    port = runner.addresses[0][1]
    services.port = port
    if config.write_runtime:
        runtime.write_runtime(data_dir, port, admin_secret)
    return RunningServer(services, runner, port, admin_secret)
