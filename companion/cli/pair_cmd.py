"""`tactful pair`: ask the running companion for a one-time pairing code and print it.

The request goes to 127.0.0.1 with the per-run admin secret from the data dir, which only the
user who runs the companion can read.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request

from companion.cli import DATA_DIR_HELP


def register(sub) -> None:
    p = sub.add_parser("pair", help="show a one-time code to pair the browser extension")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--json", action="store_true", help='print {"code": ..., "expires_in": ...}')
    p.set_defaults(func=run)


class PairError(Exception):
    pass


def request_code(folder) -> dict:
    """{"code", "expires_in"} from the companion serving `folder`; PairError when it cannot."""
    from companion.server import runtime

    info = runtime.read_runtime(folder)
    secret = runtime.read_admin_secret(folder)
    if info is None or secret is None:
        raise PairError(f"no companion is running for {folder}; start it with `tactful serve`")
    req = urllib.request.Request(f"{info.http_base}/v1/admin/pair-code", data=b"", method="POST",
                                 headers={runtime.ADMIN_HEADER: secret})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    try:
        with opener.open(req, timeout=5) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        raise PairError(f"the companion refused: HTTP {exc.code}") from None
    except OSError as exc:
        raise PairError(f"cannot reach the companion at {info.http_base} ({exc}); is it running?") from None


def run(args) -> int:
    from companion.paths import data_dir

    try:
        answer = request_code(data_dir(args.data_dir))
    except PairError as exc:
        print(f"tactful: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"code": answer["code"], "expires_in": answer["expires_in"]}))
    else:
        print(f"Pairing code: {answer['code']}")
        print(f"Type it into the Tactful extension within {answer['expires_in'] // 60} minutes. It works once.")
    return 0
