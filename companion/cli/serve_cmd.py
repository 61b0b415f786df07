"""`tactful serve`: run the companion in the foreground until Ctrl-C / SIGTERM.

stdout gets exactly one line, `listening on ws://127.0.0.1:PORT/v1/ws`, once it accepts
connections (scripts and tests read the port from it); everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import ipaddress
import logging
import signal
import sys

from companion.cli import DATA_DIR_HELP, fail
from companion.settings import DEFAULT_PORT

EXPOSE_FLAG = "--i-understand-this-exposes-tactful-to-the-network"


def register(sub) -> None:
    p = sub.add_parser("serve", help="run the companion (the extension connects to it)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=port_number, default=None,
                   help=f"port (default: settings.json's port, else {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument(EXPOSE_FLAG, dest="expose", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    p.set_defaults(func=run)


def port_number(text: str) -> int:
    """A TCP port for argparse: 0 (pick a free one) to 65535, else a usage error, not a traceback."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {text!r}: a whole number from 0 to 65535") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {port}: a whole number from 0 to 65535")
    return port


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def keyring_report(status) -> list[str]:
    """Lines for stderr saying what works without a keyring and how to get one."""
    from companion import secrets

    lines = [f"warning: {status.warning}"] if status.warning else []
    if status.secure:
        return lines + [f"keyring: {status.backend}"]
    return lines + [f"keyring: not available ({status.reason})",
                    "  still working: the coach, pairing, page parsing, the outreach log",
                    f"  off until a keyring is available: {', '.join(secrets.FEATURES_NEEDING_KEYRING)}",
                    f"  to get one: {secrets.HOW_TO_GET_ONE}"]


async def serve(args) -> int:
    from companion.paths import data_dir
    from companion import secrets, settings
    from companion.server.app import DataDirUnusable, PortInUse, start_server
    from companion.server.pairing import ClientStore
    from companion.server.runtime import AlreadyRunning
    from companion.server.services import ServerConfig

    folder = data_dir(args.data_dir)
    chosen = settings.load_or_default(folder)
    port = args.port if args.port is not None else chosen.port
    config = ServerConfig(host=args.host, port=port)
    status = await asyncio.to_thread(secrets.probe)
    try:
        server = await start_server(folder, config, keyring_status=status)
    except (AlreadyRunning, PortInUse, DataDirUnusable) as exc:
        return fail(str(exc))
    # Full collections skip what exists at startup (modules, schemas, the tone model): scanning it all
    # under typing broke the p99 (docs/reliability.md).
    gc.collect()
    gc.freeze()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # before the listening line: a reader may stop us at once
        loop.add_signal_handler(sig, stop.set)
    for line in keyring_report(status):
        print(line, file=sys.stderr)
    print(f"data dir: {folder}", file=sys.stderr, flush=True)
    shown = "127.0.0.1" if is_loopback(args.host) else args.host
    print(f"listening on ws://{shown}:{server.port}/v1/ws", flush=True)
    print("local-only: on (nothing leaves this machine)" if chosen.local_only else
          "local-only: OFF (turn it on in the tray menu's Local-only mode, or \"local_only\": true in settings.json)",
          file=sys.stderr, flush=True)
    if not ClientStore(folder).load_or_empty():  # the next step for someone who just started it (stderr: stdout is for scripts)
        print(f"next: load the extension (docs/extension.md); after `tactful browser install` it pairs itself, "
              f"else run `tactful pair` and type the code on its settings page (port {server.port})",
              file=sys.stderr, flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
        print("stopped", file=sys.stderr, flush=True)
    return 0


def run(args) -> int:
    if not is_loopback(args.host):
        if not args.expose:
            return fail(f"refusing to listen on {args.host}: anyone on the network could reach the companion.\n"
                        f"  If you really mean it, add {EXPOSE_FLAG}", 2)
        print(f"WARNING: Tactful is exposed to the network on {args.host}", file=sys.stderr)
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return asyncio.run(serve(args))
