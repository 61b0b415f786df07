"""`tactful browser install|uninstall`: let the browsers start `tactful native-host` (registered
here too: the program a browser runs), so the extension pairs with no code (docs/extension.md)."""

from __future__ import annotations

import argparse

from companion.cli import DATA_DIR_HELP, fail


def register(sub) -> None:
    p = sub.add_parser("browser", help="let browsers introduce the extension to the companion (no code to type)")
    p.add_argument("action", choices=["install", "uninstall"])
    p.add_argument("--browser", default="all", help="chrome, chromium, brave, edge, firefox or all (default)")
    p.add_argument("--dir", default=None, help="write the manifest into this folder instead (e.g. a Chromium "
                                               "--user-data-dir's NativeMessagingHosts)")
    p.add_argument("--no-start", dest="start", action="store_false",
                   help="do not let the browser start the companion when it is not running")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.set_defaults(func=run)
    h = sub.add_parser("native-host", help="the native-messaging host browsers start (`tactful browser install`)")
    h.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    h.add_argument("--start", action="store_true", help="start the companion when it is not running")
    h.add_argument("caller", nargs=argparse.REMAINDER, help="what the browser passes: the caller's origin or id")
    h.set_defaults(func=host)


def host(args) -> int:
    from companion import native_host
    from companion.paths import data_dir

    return native_host.main(args.caller, data_dir(args.data_dir), args.start)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion import browsers
    from companion.paths import data_dir

    chosen = list(browsers.BROWSERS) if args.browser == "all" else [args.browser]
    if not set(chosen) <= set(browsers.BROWSERS):
        return fail(f"unknown browser {args.browser!r}; choose from {', '.join(browsers.BROWSERS)} or all", 2)
    folder, where = data_dir(args.data_dir), Path(args.dir).resolve() if args.dir else None
    if args.action == "install" and args.browser == "all" and where is None:
        chosen = browsers.here()
        absent = [b for b in browsers.BROWSERS if b not in chosen]
        if not chosen:
            return fail(f"found none of {', '.join(browsers.BROWSERS)} set up for this user; start the "
                        "browser once, or name it with --browser")
        if absent:
            print(f"skipped {', '.join(absent)}: not set up for this user (--browser NAME registers it anyway)")
    try:
        if args.action == "install":
            for path in browsers.install(folder, chosen, where, may_start=args.start):
                print(f"wrote {path}")
            print("next: load the extension; it pairs itself the first time it starts")
        else:
            print("\n".join(f"removed {p}" for p in browsers.uninstall(folder, chosen, where)) or "nothing to remove")
    except OSError as exc:
        return fail(f"cannot {args.action} the browser manifests: {exc}")
    return 0
