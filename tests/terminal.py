"""Run the CLI under a pseudo-terminal, as a person at a prompt would."""

from __future__ import annotations

import os
import pty
import sys
import time


def run_on_a_terminal(args: list[str], prompt: bytes, keys: bytes) -> tuple[int, bytes]:
    """`python -m companion ARGS` with a pty as its terminal: `keys` typed once `prompt` shows;
    (exit code, everything the terminal showed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI with the pty as its terminal
        os.execv(sys.executable, [sys.executable, "-m", "companion", *args])
    screen = b""
    deadline = time.monotonic() + 30
    while prompt not in screen and time.monotonic() < deadline:
        screen += os.read(fd, 1024)
    os.write(fd, keys)
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen
