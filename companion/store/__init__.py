"""The outreach log: who the user asked, when, how often they followed up, and what came of it.

A SQLite file (DATA_DIR/outreach.sqlite3, 0600, WAL) written by one thread, and an in-memory copy
with the mass-message index that the coach's rules read (store.cache.LogCache). See docs/privacy.md
for what is stored and how to see, export and erase it.
"""

from companion.store.db import DB_NAME, StoreError
from companion.store.logdb import LogDB, NotFound
from companion.store.service import OutreachStore

__all__ = ["DB_NAME", "LogDB", "NotFound", "OutreachStore", "StoreError"]
