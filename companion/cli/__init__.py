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


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # A subcommand's defaults override its parent's: args.parser is the deepest parser used
        # (e.g. `history import`), whose usage an unknown flag given to it is reported with.
        self.set_defaults(parser=self)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tactful", description="A local-first coach for referral requests.")
    parser.add_argument("--version", action="version", version=f"tactful {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"companion.cli.{name}_cmd").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        args.parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
