"""Page snapshots parsed in a child process, so parsing never holds the companion's GIL.

A LinkedIn page is ~600 KB of HTML and takes ~5 ms of CPU to read. In a thread that still holds
the GIL in 5 ms slices, stalling every connection's live feedback meanwhile; in a child process
it costs the event loop only the copy of the HTML through a pipe. One child (spawned, not forked:
the companion has threads) serves every connection, started with the first page or by warm().

If the child cannot start or dies (killed, out of memory), the page is parsed in a thread as
before and the next page tries a fresh child: a page is never lost to the worker. The child
ignores SIGINT (Ctrl+C in a terminal reaches the whole process group; the companion shuts it down
itself) and holds nothing but the page it is parsing. It exits with the companion: on a clean stop
the companion shuts it down; if the companion is killed, the child notices within a second that
its parent changed and exits (its pipes would never tell it: it holds both ends of its queue).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from protocol.page import PageResult

from companion.pages import parse_snapshot

log = logging.getLogger(__name__)


def _child_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="tactful-parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit once the companion is gone (it was killed): an orphan would live on otherwise."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _ready() -> bool:
    return True


class PageParser:
    """parse(url, html, captured) -> PageResult, off the event loop and off the GIL."""

    def __init__(self, use_process: bool = True):
        self.use_process = use_process
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0  # children replaced after a failure (for the status and tests)

    def _get_pool(self) -> ProcessPoolExecutor | None:
        if not self.use_process:
            return None
        if self._pool is None:
            try:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_child_init, initargs=(os.getpid(),))
            except (OSError, ValueError) as exc:
                log.warning("page parser process unavailable (%s); parsing in a thread", type(exc).__name__)
                return None
        return self._pool

    def warm(self) -> None:
        """Start the child now (the first page then does not wait for its imports)."""
        pool = self._get_pool()
        if pool is not None:
            try:
                pool.submit(_ready)
            except (BrokenProcessPool, RuntimeError, OSError):
                self._drop(pool)

    def pid(self) -> int | None:
        """The child's process id, once started."""
        procs = getattr(self._pool, "_processes", None) or {}
        return next(iter(procs), None)

    async def parse(self, url: str | None, html: str, captured: datetime | None = None) -> PageResult:
        loop = asyncio.get_running_loop()
        pool = self._get_pool()
        if pool is not None:
            try:
                return await loop.run_in_executor(pool, parse_snapshot, url, html, captured)
            except (BrokenProcessPool, RuntimeError, OSError) as exc:
                # RuntimeError: the pool was shut down under us (the companion is stopping).
                log.warning("page parser process failed (%s); parsing this page in a thread", type(exc).__name__)
                self._drop(pool)
        return await loop.run_in_executor(None, parse_snapshot, url, html, captured)

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
            self.restarts += 1
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
