"""`tactful autostart enable|disable|status`: start the tray companion at login (or not)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from companion.cli import fail


def register(subparsers) -> None:
    p = subparsers.add_parser("autostart", help="start the tray companion at login: enable, disable, status")
    p.add_argument("action", choices=["enable", "disable", "status"])
    p.add_argument("--data-dir", help="data folder the tray should use (default: the platform's)")
    p.add_argument("--json", action="store_true", help="print the status as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from companion import autostart, settings
    from companion.paths import data_dir

    # Only name a data dir in the login entry when the user chose one; otherwise the default
    # is found at login the same way it is now.
    chosen = args.data_dir or os.environ.get("TACTFUL_DATA_DIR")
    folder = data_dir(args.data_dir)
    if args.action == "enable":
        try:
            status = autostart.enable(folder if chosen else None)
        except autostart.AutostartBlocked as exc:
            return fail(str(exc), 1, "tactful autostart")
        settings.update(folder, autostart=True)
        print(f"Tactful will start at login ({status.mechanism}: {status.location}).")
        return 0
    if args.action == "disable":
        removed = autostart.disable()
        settings.update(folder, autostart=False)
        print("Autostart disabled." if removed else "Autostart was not enabled; nothing to remove.")
        return 0
    status = autostart.status()
    if args.json:
        print(json.dumps(asdict(status), indent=2))
    else:
        state = "enabled" if status.enabled else "disabled"
        print(f"Autostart is {state} ({status.mechanism}: {status.location}).")
        if status.command:
            print("Runs: " + " ".join(status.command))
        if status.problem:
            print("Problem: " + status.problem)
    return 1 if status.problem else 0
