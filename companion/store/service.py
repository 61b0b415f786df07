"""OutreachStore: the log as the running companion uses it, with one writer thread.

Every SQLite call happens on one thread that owns the connection, so the event loop never waits on
disk or fsync: `run` queues a job (a LogDB call) and awaits its future, which resolves only after the
job's transaction committed (so an acknowledged `sent` is durable). Reads (the coach's rules,
`outreach.list`) come from the in-memory cache and never wait. While idle the thread checks PRAGMA
data_version once a second and reloads the cache when another process (`tactful history`) changed
the file.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from companion.store.cache import LogCache
from companion.store.db import StoreError
from companion.store.logdb import LogDB

log = logging.getLogger(__name__)

_STOP = object()
POLL_SECONDS = 1.0


class OutreachStore:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.cache = LogCache()
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.notice: str | None = None  # e.g. "the damaged log was set aside"

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Open the database (and load the log) on the writer thread; raises StoreError on failure."""
        opened = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, args=(opened,), name="tactful-store", daemon=True)
        self._thread.start()
        await asyncio.wrap_future(opened)

    async def close(self) -> None:
        if self._thread is None or self._closed:
            return
        self._closed = True
        self._jobs.put(_STOP)
        await asyncio.get_running_loop().run_in_executor(None, self._thread.join, 10)

    def view(self) -> LogCache:
        """The log in memory, read-only for the caller (the coach's OutreachLog)."""
        return self.cache

    # -- the writer thread ---------------------------------------------------------------------

    def _run(self, opened: concurrent.futures.Future) -> None:
        try:
            db = LogDB.in_dir(self.data_dir, self.cache)
            self.notice = db.notice
            self.cache.replace_all(db.load(index=False))
            version = db.data_version()
        except BaseException as exc:  # StoreError, OSError, ...: the caller decides what to do
            opened.set_exception(exc)
            return
        opened.set_result(None)
        self._build_index_soon()
        while True:
            try:
                job = self._jobs.get(timeout=POLL_SECONDS)
            except queue.Empty:
                job = None
            if job is _STOP:
                break
            if job is not None:
                fn, fut = job
                try:
                    result, error = fn(db), None
                except BaseException as exc:
                    result, error = None, exc
                # False when the caller went away: the transaction still committed (or not) as it did.
                if fut.set_running_or_notify_cancel():
                    if error is None:
                        fut.set_result(result)
                    else:
                        fut.set_exception(error)
            try:
                now = db.data_version()
                if now != version:
                    version = now
                    self.cache.replace_all(db.load(index=False))
                    self._build_index_soon()
            except Exception:
                log.exception("reloading the outreach log failed")
        db.close()

    def _build_index_soon(self) -> None:
        """Build the mass-message index on its own thread: 100,000 logged messages take a while,
        and neither start-up nor the next `sent` should wait for it."""
        threading.Thread(target=self.cache.build_index, name="tactful-store-index", daemon=True).start()

    async def run(self, fn: Callable[[LogDB], Any]) -> Any:
        """fn(db) on the writer thread, e.g. `lambda db: db.forget(slug)`; its result."""
        if self._closed or self._thread is None:
            raise StoreError("the outreach log is closed")
        fut = concurrent.futures.Future()
        self._jobs.put((fn, fut))
        return await asyncio.wrap_future(fut)


async def attach(services) -> None:
    """Open the log in services.data_dir and set services.store (the server calls this at start).

    A log that cannot be opened (e.g. written by a newer Tactful) leaves services.store None: the
    companion still coaches, and outreach commands answer `unavailable`.
    """
    store = OutreachStore(services.data_dir)
    try:
        await store.start()
    except (StoreError, OSError) as exc:
        log.error("the outreach log is unavailable: %s", exc)
        return
    if store.notice:
        log.warning("%s", store.notice)
    services.store = store


async def detach(services) -> None:
    """Close the log (waits for queued writes to commit); the server calls this on stop."""
    if services.store is not None:
        await services.store.close()
