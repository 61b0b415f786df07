"""`tactful doctor [--json]`: explain what works, what does not, and how to fix it.

Exit status: 0 when nothing is broken (warnings allowed), 1 when a check failed.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from companion.cli import DATA_DIR_HELP


def register(subparsers) -> None:
    p = subparsers.add_parser("doctor", help="check the installation and explain any problem")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args) -> int:
    from companion import doctor
    from companion.paths import data_dir

    folder = data_dir(args.data_dir)
    checks = doctor.run_checks(folder)
    ok = all(c.status != doctor.FAIL for c in checks)
    if args.json:
        print(json.dumps({"ok": ok, "data_dir": str(folder), "checks": [asdict(c) for c in checks]}, indent=2))
    else:
        print(doctor.render(checks, folder))
    return 0 if ok else 1
