"""`tactful`: the command line. One module per subcommand, each with register() and run(); run()
imports what the command needs, so `tactful check` does not pay for the server or Qt."""

import argparse
import importlib
import sys

from companion import __version__

DATA_DIR_HELP = "data folder (default: $TACTFUL_DATA_DIR or the user data dir)"

# name -> module under companion.cli; the order is the order of `tactful --help`.
SUBCOMMANDS = [
    "serve", "pair", "browser", "clients", "unpair",
    "check", "page", "tone",
    "history",
    "secrets", "doctor", "autostart", "tray",
]


def fail(message: str, status: int = 1, command: str = "tactful") -> int:
    """Print `command: message` on stderr; returns `status` for the command to exit with."""
    print(f"{command}: {message}", file=sys.stderr)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tactful", description="A local-first coach for referral requests.")
    parser.add_argument("--version", action="version", version=f"tactful {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"companion.cli.{name}_cmd").register(sub)
    return parser


def _subparser(parser: argparse.ArgumentParser, args) -> argparse.ArgumentParser:
    """The deepest subcommand parser `args` went through (e.g. `history import`), else `parser`."""
    while True:
        action = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        if action is None or getattr(args, action.dest, None) not in action.choices:
            return parser
        parser = action.choices[getattr(args, action.dest)]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # An unknown flag belongs to the subcommand it was given to: show that one's usage.
        sub = _subparser(parser, args)
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
