"""`tactful pair`: ask the running companion for a one-time pairing code and print it.

The request goes to 127.0.0.1 with the per-run admin secret from the data dir, which only the
user who runs the companion can read.
"""

from __future__ import annotations

import json
import sys

from companion.cli import DATA_DIR_HELP, fail


def register(sub) -> None:
    p = sub.add_parser("pair", help="show a one-time code to pair the browser extension")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--json", action="store_true", help='print {"code": ..., "expires_in": ...}')
    p.set_defaults(func=run)


def request_code(folder) -> dict:
    """{"code", "expires_in", ...} from the companion serving `folder`; runtime.AdminError when it cannot."""
    from companion.server import runtime

    return runtime.admin_post(folder, "/v1/admin/pair-code")


def run(args) -> int:
    from companion.paths import data_dir
    from companion.server.runtime import AdminError

    try:
        answer = request_code(data_dir(args.data_dir))
    except AdminError as exc:
        return fail(str(exc))
    attack = answer.get("attack")
    if attack:
        print(f"warning: pairing is being attacked: {attack['wrong_codes']} wrong codes from {attack['origins']} "
              f"extension origin(s) in the last {attack['minutes']} minutes. Another program on this computer may "
              "be guessing codes. It cannot guess yours (at most 10 tries a second against 6.6e11 codes), but "
              "pairing may take a few seconds. Find and stop that program (check your process list).",
              file=sys.stderr)
    if args.json:
        print(json.dumps({key: answer[key] for key in ("code", "expires_in", "attack") if key in answer}))
    else:
        print(f"Pairing code: {answer['code']}")
        print(f"Type it into the Tactful extension within {answer['expires_in'] // 60} minutes. It works once.")
    return 0
