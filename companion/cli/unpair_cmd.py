"""`tactful unpair NAME|--all`: revoke paired clients. Their next connection is refused (4401), and
the running companion (if any) closes their open connections before this command returns."""

from __future__ import annotations

from companion.cli import DATA_DIR_HELP, fail


def register(sub) -> None:
    p = sub.add_parser("unpair", help="revoke a paired browser extension")
    p.add_argument("name", nargs="?", help="the client name shown by `tactful clients`")
    p.add_argument("--all", action="store_true", help="revoke every client")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.set_defaults(func=run)


def close_revoked_connections(folder) -> str:
    """Ask the running companion to close the revoked clients' connections now; a line to print."""
    from companion.server import runtime

    if runtime.read_runtime(folder) is None:
        return "no companion is running"
    try:
        closed = int(runtime.admin_post(folder, "/v1/admin/revoked").get("closed", 0))
    except (runtime.AdminError, TypeError, ValueError) as exc:
        # Still revoked: each open connection re-checks within 5 s on its own.
        return f"could not tell the companion ({exc}); open connections close within 5 s"
    return f"closed {closed} open connection(s)"


def run(args) -> int:
    from companion.cli.clients_cmd import unreadable
    from companion.cli.terminal import safe
    from companion.paths import data_dir
    from companion.server.pairing import ClientStore, ClientsFileUnreadable

    if bool(args.name) == bool(args.all):
        return fail("give a client NAME or --all", 2)
    folder = data_dir(args.data_dir)
    try:
        gone = ClientStore(folder).remove(args.name, everything=args.all)
    except ClientsFileUnreadable as exc:
        return unreadable(exc)
    if not gone and not args.all:
        return fail(f"no paired client named {args.name!r} (see `tactful clients`)")
    print(f"revoked {len(gone)} client(s)" + (f": {safe(', '.join(gone))}" if gone else ""))
    if gone:
        print(close_revoked_connections(folder))
    return 0
