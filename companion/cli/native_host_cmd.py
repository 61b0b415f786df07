"""`tactful native-host`: what a browser runs for the extension (see companion/native_host.py)."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from companion.cli import DATA_DIR_HELP

    p = sub.add_parser("native-host", help="the native-messaging host browsers start (`tactful browser install`)")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--start", action="store_true", help="start the companion when it is not running")
    p.add_argument("caller", nargs=argparse.REMAINDER, help="what the browser passes: the caller's origin or id")
    p.set_defaults(func=run)


def run(args) -> int:
    from companion import native_host
    from companion.paths import data_dir

    return native_host.main(args.caller, data_dir(args.data_dir), args.start)
