"""Start `python -m companion serve` as a process of its own and wait for its `listening on` line.

Shared by the tests that need a real companion process (tests/conftest.py,
tests/extension_support.py) and the benches (bench/load.py): the real CLI, stdout read for the
address, stderr appended to `<data dir>-serve.log` beside the data dir.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Launched:
    proc: subprocess.Popen
    url: str  # ws://127.0.0.1:PORT/v1/ws
    port: int
    log_path: Path


def launch(data_dir: Path, *args: str, port: int = 0, env: dict | None = None, timeout: float = 20.0) -> Launched:
    """Start serve on `port` (0: any free one) with `args`; raises RuntimeError with the log if it
    does not listen within `timeout` seconds (the process is killed then)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir.parent / f"{data_dir.name}-serve.log"
    log = open(log_path, "ab")
    full_env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--port", str(port),
                             "--data-dir", str(data_dir), *args],
                            stdout=subprocess.PIPE, stderr=log, env=full_env, cwd=ROOT)
    log.close()
    line: list[bytes] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    text = line[0].decode().strip() if line else ""
    if not text.startswith("listening on "):
        proc.kill()
        proc.wait(5)
        proc.stdout.close()
        raise RuntimeError(f"serve did not start: {text!r}\n{log_path.read_text(errors='replace')}")
    url = text.removeprefix("listening on ")
    return Launched(proc, url, int(url.rsplit(":", 1)[1].split("/", 1)[0]), log_path)


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (the companion's page parser and multiprocessing's tracker)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out
