"""`tactful secrets set NAME | list | delete NAME`: credentials in the OS keyring (docs/tray.md).

Values come from a hidden prompt or stdin, never the command line (where `ps` and shell history
would see them), and are never printed or logged.
"""

from __future__ import annotations

import sys

from companion.cli import fail


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

        try:
            return getpass.getpass(f"Value for {name} (input hidden): ")
        except EOFError:  # Ctrl-D: nothing typed, which is not the keyring's fault
            print(file=sys.stderr)
            return ""
    data = sys.stdin.read() if sys.stdin is not None else ""
    return data[:-2] if data.endswith("\r\n") else data.removesuffix("\n")


def run(args) -> int:
    from companion import secrets

    try:
        if args.secrets_action == "set":
            value = _read_value(args.name)
            if not value:
                return fail("empty value; nothing was stored", 2, "error")
            secrets.set_secret(args.name, value)
            del value
            print(f"Stored {args.name} in the OS keyring.")
        elif args.secrets_action == "list":
            names = secrets.list_names()
            for name in names:
                print(name)
            if not names:
                print("No secrets stored.", file=sys.stderr)
        elif secrets.delete_secret(args.name):
            print(f"Deleted {args.name}.")
        else:
            return fail(f"no secret named {args.name}", 1, "error")
    except secrets.SecretsUnavailable as exc:
        return fail(str(exc), 3, "error")
    except ValueError as exc:  # a bad name; the message never contains the value
        return fail(str(exc), 2, "error")
    except Exception as exc:  # a locked or unreachable keyring: say which, not what was stored
        return fail(f"the keyring refused: {type(exc).__name__}: {exc}. Unlock your keyring (log in to the "
                    "desktop) and try again; `tactful doctor` explains more.", 3, "error")
    return 0
