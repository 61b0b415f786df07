"""`tactful clients`: list the paired browser extensions (names and origins, never tokens)."""

from __future__ import annotations

import json

from companion.cli import DATA_DIR_HELP, fail


def register(sub) -> None:
    p = sub.add_parser("clients", help="list paired browser extensions")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def unreadable(exc) -> int:
    """A damaged clients.json: what to do, in one line."""
    return fail(f"{exc.path} is unreadable; remove it and pair your browser again (`tactful pair`)")


def run(args) -> int:
    from companion.cli.terminal import safe
    from companion.paths import data_dir
    from companion.server.pairing import ClientStore, ClientsFileUnreadable

    try:
        records = [r.public() for r in ClientStore(data_dir(args.data_dir)).load()]
    except ClientsFileUnreadable as exc:
        return unreadable(exc)
    if args.json:
        print(json.dumps(records, indent=2))
    elif not records:
        print("No paired clients. Pair the extension with `tactful pair`.")
    else:
        for r in records:
            print(f"{safe(r['name'])}\t{safe(r['origin'])}\tpaired {safe(r['paired_at'])}\t"
                  f"last seen {safe(r['last_seen'] or 'never')}")
    return 0
