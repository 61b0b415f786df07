"""`tactful secrets set NAME | list | delete NAME`: credentials in the OS keyring.

Values are read from a hidden prompt (a terminal) or from stdin (a pipe), and are never printed,
logged or passed on the command line (where `ps` and shell history would see them). `list` shows
names only. Everything goes through companion.secrets, which refuses insecure backends.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("secrets", help="store, list and delete credentials in the OS keyring")
    sub = p.add_subparsers(dest="secrets_action", metavar="ACTION", required=True)
    s = sub.add_parser("set", help="store a secret (hidden prompt, or the value on stdin)")
    s.add_argument("name", help="e.g. writing-assistant-api-key")
    sub.add_parser("list", help="list the names of stored secrets (never their values)")
    d = sub.add_parser("delete", help="delete a stored secret")
    d.add_argument("name")
    p.set_defaults(func=run)


def _read_value(name: str) -> str:
    """The value from a hidden prompt on a terminal, else all of stdin minus one trailing newline."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Value for {name} (input hidden): ")
    data = sys.stdin.read() if sys.stdin is not None else ""
    return data[:-2] if data.endswith("\r\n") else data.removesuffix("\n")


def run(args) -> int:
    from companion import secrets

    action = args.secrets_action
    try:
        if action == "set":
            value = _read_value(args.name)
            if not value:
                print("error: empty value; nothing was stored", file=sys.stderr)
                return 2
            secrets.set_secret(args.name, value)
            del value
            print(f"Stored {args.name} in the OS keyring.")
            return 0
        if action == "list":
            names = secrets.list_names()
            for name in names:
                print(name)
            if not names:
                print("No secrets stored.", file=sys.stderr)
            return 0
        if action == "delete":
            if secrets.delete_secret(args.name):
                print(f"Deleted {args.name}.")
                return 0
            print(f"error: no secret named {args.name}", file=sys.stderr)
            return 1
    except secrets.SecretsUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:  # a bad name; the message never contains the value
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a locked or unreachable keyring: say which, not what was stored
        print(f"error: the keyring refused: {type(exc).__name__}: {exc}. "
              "Unlock your keyring (log in to the desktop) and try again; `tactful doctor` explains more.",
              file=sys.stderr)
        return 3
    return 2
