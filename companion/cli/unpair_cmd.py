"""`tactful unpair NAME|--all`: revoke paired clients. Their next connection is refused (4401)."""

from __future__ import annotations

import sys

from companion.cli import DATA_DIR_HELP


def register(sub) -> None:
    p = sub.add_parser("unpair", help="revoke a paired browser extension")
    p.add_argument("name", nargs="?", help="the client name shown by `tactful clients`")
    p.add_argument("--all", action="store_true", help="revoke every client")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.set_defaults(func=run)


def run(args) -> int:
    from companion.paths import data_dir
    from companion.server.pairing import ClientStore

    if bool(args.name) == bool(args.all):
        print("tactful: give a client NAME or --all", file=sys.stderr)
        return 2
    gone = ClientStore(data_dir(args.data_dir)).remove(args.name, everything=args.all)
    if not gone and not args.all:
        print(f"tactful: no paired client named {args.name!r} (see `tactful clients`)", file=sys.stderr)
        return 1
    print(f"revoked {len(gone)} client(s)" + (f": {', '.join(gone)}" if gone else ""))
    return 0
