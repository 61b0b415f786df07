"""The outreach database on disk: file mode, WAL, durability settings, migrations, damaged files,
idempotent writes, erasure, and the writer thread's view of changes made by another process."""

import asyncio
import os
import sqlite3
import stat

import pytest

from companion.coach.outreach_view import RecipientLog, SentItem
from companion.store import DB_NAME, LogDB, NotFound, OutreachStore, StoreError
from companion.store.cache import LogCache
from companion.store.db import SCHEMA_VERSION
from companion.store.fingerprint import shingles

TEMPLATE = ("Hi {name}, I noticed {company} is hiring a backend engineer and I would love to be considered. "
            "I have five years of experience building payment systems in Go and Python. Would you be open "
            "to referring me, or pointing me to the right person? Thank you so much for your time.")


def send(db, slug, ms, surface="message", name=None, company=None, text=None):
    return db.record_sent(slug, surface, text or TEMPLATE.format(name=name or slug, company=company or "Acme"),
                          ms, ms, name=name, company=company)


def test_file_is_private_wal_and_fully_synced(tmp_path):
    db = LogDB.in_dir(tmp_path / "data")
    path = tmp_path / "data" / DB_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    send(db, "ana", 1_000)
    wal = path.with_name(DB_NAME + "-wal")
    assert wal.exists() and stat.S_IMODE(os.stat(wal).st_mode) == 0o600
    db.close()


def test_sent_is_idempotent_and_follow_ups_are_marked(tmp_path):
    db = LogDB.in_dir(tmp_path)
    first = send(db, "ana", 1_000)
    again = send(db, "ana", 1_000)
    assert not first.duplicate and again.duplicate and again.message_id == first.message_id
    second = send(db, "ana", 601_000)  # ten minutes later
    assert second.follow_up and not first.follow_up
    assert db.record_replies("ana", [701_000, 701_000]) == 1
    assert db.record_replies("ana", [701_000]) == 0  # seen before: nothing new
    third = send(db, "ana", 801_000)
    assert not third.follow_up  # they answered in between: a new message, not a follow-up
    assert db.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 3
    log = db.load().by_slug["ana"]
    assert [s.at_ms for s in log.sent] == [1_000, 601_000, 801_000] and log.replies == (701_000,)
    db.close()


def test_the_same_text_again_within_two_minutes_is_one_send_reported_twice(tmp_path):
    """A Send button that fired twice must not count as a follow-up (nor two of them as 'let it go')."""
    db = LogDB.in_dir(tmp_path)
    first = send(db, "ana", 1_000)
    twice = [send(db, "ana", 1_000 + s * 1_000) for s in (1, 3)]
    assert all(t.duplicate and t.message_id == first.message_id and not t.follow_up for t in twice)
    other = send(db, "ana", 5_000, text="Hi Ana, one more thing: here is the job link for the Analyst role.")
    assert not other.duplicate and other.follow_up  # different words: a real second message
    later = send(db, "ana", 1_000 + 10 * 60_000)  # the same words ten minutes on: a real nudge
    assert not later.duplicate and later.follow_up
    assert len(db.load().by_slug["ana"].sent) == 3
    db.close()


def test_replies_only_for_people_in_the_log(tmp_path):
    db = LogDB.in_dir(tmp_path)
    assert db.record_replies("stranger", [5]) == 0
    assert db.conn.execute("SELECT count(*) FROM recipients").fetchone()[0] == 0


def test_update_state_stamps_time_and_unknown_slug_is_not_found(tmp_path):
    db = LogDB.in_dir(tmp_path)
    send(db, "ana", 1_000)
    rec = db.update("ana", 5_000, state="agreed", notes="met at PyCon")
    assert (rec.state, rec.state_at_ms, rec.notes) == ("agreed", 5_000, "met at PyCon")
    rec = db.update("ana", 6_000, notes="")
    assert rec.notes is None and rec.state_at_ms == 5_000  # notes alone do not move the state time
    with pytest.raises(NotFound):
        db.update("nobody", 1, state="agreed")
    with pytest.raises(sqlite3.IntegrityError):  # the table's CHECK: callers validate, the file refuses
        db.update("ana", 1, state="married")
    assert db.load().recipient("ana").state == "agreed"


def test_forget_overwrites_the_data_in_the_file(tmp_path):
    db = LogDB.in_dir(tmp_path)
    send(db, "ana-secret-slug", 1_000, name="Anastasia Quixotic")
    send(db, "bo", 2_000)
    db.update("ana-secret-slug", 3_000, notes="NOTE-XYZZY-PLUGH")
    assert db.forget("ana-secret-slug") == 1
    assert db.forget("ana-secret-slug") == 0
    assert [r[0] for r in db.conn.execute("SELECT slug FROM recipients")] == ["bo"]
    assert db.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DB_NAME))
    for needle in (b"NOTE-XYZZY-PLUGH", b"Anastasia Quixotic", b"ana-secret-slug"):
        assert needle not in raw  # secure_delete + WAL truncation: not merely unlinked
    db = LogDB.in_dir(tmp_path)
    db.record_replies("bo", [3_000, 4_000, 3_000])
    db.set_reminder("bo", "thank", 4_000, "notified")
    assert db.forget(None) == 1
    for table in ("messages", "replies", "reminders"):
        assert db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_migrates_an_empty_old_file_and_refuses_a_newer_one(tmp_path):
    path = tmp_path / DB_NAME
    sqlite3.connect(path).close()  # version 0: an empty database
    db = LogDB(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer Tactful"):
        LogDB(path)
    assert path.exists()  # never rewritten or moved


def test_a_first_version_log_gains_the_role_column_and_keeps_its_people(tmp_path):
    from companion.store.db import MIGRATIONS

    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + ";PRAGMA user_version=1;")
    conn.execute("INSERT INTO recipients (slug, name, state, state_at, created_at, updated_at) "
                 "VALUES ('ana', 'Ana Lopez', 'agreed', 5, 1, 1)")
    conn.commit()
    conn.close()
    db = LogDB(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    rec = db.load().recipient("ana")
    assert (rec.name, rec.state, rec.state_at_ms, rec.role) == ("Ana Lopez", "agreed", 5, None)
    send(db, "ana", 10)
    db.record_sent("ana", "message", "Hi Ana, a short update on the role.", 20, 20, role="Staff Engineer")
    assert db.load().recipient("ana").role == "Staff Engineer"
    db.close()


def test_a_damaged_file_is_kept_aside_and_a_fresh_log_starts(tmp_path):
    path = tmp_path / DB_NAME
    garbage = b"this is not a database " * 500
    path.write_bytes(garbage)
    db = LogDB(path)
    assert db.notice and "damaged" in db.notice
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage and str(kept[0]) in db.notice
    assert send(db, "ana", 1).message_id == 1  # the fresh log works
    db.close()


def test_a_damaged_page_is_detected(tmp_path):
    db = LogDB.in_dir(tmp_path)
    for i in range(300):
        send(db, f"p{i}", i * 1000)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    for off in range(2 * page, min(len(data), 6 * page)):  # scribble over b-tree pages
        data[off] = 0xA5
    path.write_bytes(bytes(data))
    db = LogDB(path)
    assert db.notice and "damaged" in db.notice
    assert db.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_store_writes_off_the_loop_and_sees_other_processes_changes(tmp_path):
    async def main():
        store = OutreachStore(tmp_path)
        await store.start()
        loop_thread = __import__("threading").get_ident()
        seen = []
        real = LogDB.record_sent

        def spy(db, *a, **kw):  # the class's method: every LogDB, however the store holds it
            seen.append(__import__("threading").get_ident())
            return real(db, *a, **kw)

        LogDB.record_sent = spy
        try:
            await store.run(lambda db: db.record_sent("ana", "message", TEMPLATE.format(name="Ana", company="X"),
                                                      1_000, 1_000))
        finally:
            LogDB.record_sent = real
        assert seen and seen[0] != loop_thread
        assert store.view().recipient("ana") is not None
        # Another connection (the CLI) forgets everyone; the running store notices.
        other = LogDB.in_dir(tmp_path)
        other.forget(None)
        other.close()
        for _ in range(50):
            if store.view().recipient("ana") is None:
                break
            await asyncio.sleep(0.1)
        assert store.view().recipient("ana") is None
        await store.close()

    asyncio.run(main())


def test_start_up_does_not_wait_for_the_mass_index(tmp_path):
    db = LogDB.in_dir(tmp_path)
    for i in range(40):
        send(db, f"p{i}", i * 1000, name=f"Person {i}", company="Acme")
    db.close()

    async def main():
        store = OutreachStore(tmp_path)
        # Hold the index build until the store has started and logged a message meanwhile.
        gate = __import__("threading").Event()
        real = store.cache.build_index
        store.cache.build_index = lambda: (gate.wait(10), real())
        await store.start()
        view = store.view()
        assert view.recipient("p3") is not None
        assert view.mass_check(TEMPLATE.format(name="Zed", company="Zco"), "zed") is None  # not built yet
        await store.run(lambda db: db.record_sent("late", "message", TEMPLATE.format(name="Late", company="L"),
                                                  99_000, 99_000))
        await store.run(lambda db: db.forget("p0"))
        await store.run(lambda db: db.forget("p1"))  # forgotten, then written to again: the new message counts
        await store.run(lambda db: db.record_sent("p1", "message", TEMPLATE.format(name="P", company="Q"),
                                                  98_000, 98_000))
        gate.set()
        for _ in range(500):  # the index is built on its own thread: the check answers once it is done
            report = view.mass_check(TEMPLATE.format(name="Zed", company="Zco"), "zed")
            if report is not None:
                break
            await asyncio.sleep(0.02)
        assert report.recipients == 40  # 40 logged - p0 forgotten + the one logged meanwhile (p1 again)
        assert report.names[:2] == ("late", "p1")  # most recent first; no name was logged for them
        await store.close()

    asyncio.run(main())


def test_the_index_build_takes_in_what_was_forgotten_and_logged_while_it_ran():
    cache = LogCache()
    text = TEMPLATE.format(name="X", company="Y")
    for i in range(3):
        cache.by_slug[f"p{i}"] = RecipientLog(i, f"p{i}")

    class Changing(list):  # the batch being indexed, when the writer forgets and logs meanwhile
        def __iter__(self):
            cache.remove(["p0", "p1"])
            cache.add_sent(RecipientLog(9, "p1"), SentItem(9, 5_000, "message", False), shingles(text))
            return super().__iter__()

    cache.unindexed = Changing([(shingles(text), f"p{i}", i * 1000) for i in range(3)])
    cache.build_index()
    report = cache.mass_check(text, "zed")
    assert (report.recipients, report.messages, report.names) == (2, 2, ("p1", "p2"))


def test_a_second_index_build_while_one_runs_loses_nothing_logged_in_between():
    """The log reloads as the index is being built, and the reload starts a build of its own: whichever build
    finishes, a message logged in between is in the index."""
    cache = LogCache()
    text = TEMPLATE.format(name="X", company="Y")
    for i in range(3):
        cache.by_slug[f"p{i}"] = RecipientLog(i, f"p{i}")

    class Meanwhile(list):  # the batch being indexed, when another build runs and a message is logged
        def __iter__(self):
            cache.build_index()
            cache.add_sent(RecipientLog(9, "late"), SentItem(9, 5_000, "message", False), shingles(text))
            return super().__iter__()

    cache.unindexed = Meanwhile([(shingles(text), f"p{i}", i * 1000) for i in range(3)])
    cache.build_index()
    report = cache.mass_check(text, "zed")
    assert (report.recipients, report.messages) == (4, 4)
    assert "late" in report.names


def test_a_reload_during_the_index_build_is_indexed_in_its_place():
    cache, reloaded = LogCache(), LogCache()
    text = TEMPLATE.format(name="X", company="Y")
    reloaded.unindexed = [(shingles(text), f"q{i}", i * 1000) for i in range(2)]
    reloaded.by_slug = {f"q{i}": RecipientLog(i, f"q{i}") for i in range(2)}

    class Reloading(list):
        def __iter__(self):
            cache.replace_all(reloaded)
            cache.build_index()  # the reload's own build, while this one runs
            return super().__iter__()

    cache.unindexed = Reloading([(shingles(text), f"p{i}", i * 1000) for i in range(3)])
    cache.build_index()
    report = cache.mass_check(text, "zed")
    assert report.recipients == 2  # the reloaded log's two, not the three it replaced
