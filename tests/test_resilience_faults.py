"""Faults, each with a clear message and no data lost: our own companion on the port, an
unwritable data dir, a corrupt database, a full disk, SIGTERM/SIGINT, SIGKILL.

(A port taken by another program: tests/test_server_cli.py::test_port_in_use_is_a_clear_error.
The keyring vanishing after start: tests/test_resilience_keyring.py.)

The full disk is a real one where we can mount a 1 MiB tmpfs (as root, as in CI's container);
elsewhere RLIMIT_FSIZE on the companion's process stands in for it (writes past the limit fail
with EFBIG, SIGXFSZ ignored), which exercises the same failing-write path in SQLite.
"""

import asyncio
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import REPO, authenticate, pair, recv_json, start_serve_process
from websockets.exceptions import ConnectionClosed

from companion.cli.pair_cmd import request_code
from companion.store import LogDB

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
DRAFT = {"type": "draft", "surface": "message", "version": 1, "text": "Hi Dana, would you refer me for the role?"}


def tactful(*args: str, timeout: float = 30, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, env=dict(os.environ, PYTHONUNBUFFERED="1"), **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def connected(server, origin=None):
    code = (await asyncio.to_thread(request_code, server.data_dir))["code"]
    token = (await pair(server.url, code))["token"]
    ws = await authenticate(server.url, token)
    ws.token = token
    return ws


async def command(ws, body: dict) -> dict:
    await ws.send(json.dumps(body))
    while True:
        msg = await recv_json(ws, timeout=15)
        if msg.get("type") == "result" and msg.get("id") == body["id"]:
            return msg


def sent_cmd(i: int, text: str = "Hi, would you be open to referring me? Thanks.") -> dict:
    return {"id": 1000 + i, "type": "sent", "surface": "message", "text": text,
            "recipient": {"slug": f"person-{i}", "name": f"Person {i}"},
            "sent_at": (T0 + timedelta(minutes=i)).isoformat()}


def stored_slugs(data_dir: Path) -> list[str]:
    db = LogDB.in_dir(data_dir)
    try:
        return [r[0] for r in db.conn.execute(
            "SELECT r.slug FROM messages m JOIN recipients r ON r.id = m.recipient_id ORDER BY m.sent_at")]
    finally:
        db.close()


def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(f"/tmp/tactful-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                        capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", str(probe)], check=True)
    probe.rmdir()
    return ok


MOUNT = can_mount() and not os.environ.get("TACTFUL_TEST_NO_MOUNT")  # force the RLIMIT_FSIZE path


@contextmanager
def tmpfs(path: Path, options: str):
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


# --- the port ------------------------------------------------------------------------------------

def test_port_in_use_by_our_own_companion_says_so(serve_process, tmp_path):
    out = tactful("serve", "--port", str(serve_process.port), "--data-dir", str(tmp_path / "other"))
    assert out.returncode == 1
    assert f"port {serve_process.port}" in out.stderr and "another Tactful companion" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "other" / "runtime.json").exists()
    assert serve_process.proc.poll() is None  # the first one is unharmed


# --- the data dir --------------------------------------------------------------------------------

@contextmanager
def unwritable_dir(base: Path):
    """A folder we cannot write: a read-only tmpfs as root (root ignores mode bits), else 0500;
    as root without mount (no CAP_SYS_ADMIN), a path under a regular file (ENOTDIR)."""
    if MOUNT:
        with tmpfs(base / "ro", "size=64k,mode=0700") as mnt:
            (mnt / "existing").mkdir(mode=0o700)
            subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
            yield mnt
        return
    if os.geteuid() == 0:  # root ignores mode bits: a "folder" under a regular file cannot be written
        blocker = base / "ro"
        blocker.write_text("a file where the folder should be\n")
        yield blocker
        return
    folder = base / "ro"
    (folder / "existing").mkdir(parents=True, mode=0o700)
    folder.chmod(0o500)
    (folder / "existing").chmod(0o500)
    try:
        yield folder
    finally:
        (folder / "existing").chmod(0o700)
        folder.chmod(0o700)


@pytest.mark.parametrize("which", ["existing", "to-be-created"])
def test_unwritable_data_dir_is_a_clear_error(tmp_path, which):
    with unwritable_dir(tmp_path) as ro:
        target = ro / which
        out = tactful("serve", "--port", "0", "--data-dir", str(target))
    assert out.returncode == 1, out.stderr
    assert f"cannot use the data dir {target}" in out.stderr
    assert "--data-dir" in out.stderr and "Traceback" not in out.stderr
    assert "listening on" not in out.stdout


# --- the database --------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_corrupt_database_is_kept_aside_a_fresh_log_starts_and_the_user_is_told(tmp_path):
    data = tmp_path / "data"
    server = await asyncio.to_thread(start_serve_process, data)
    try:
        ws = await connected(server)
        assert (await command(ws, sent_cmd(1)))["success"]
        await ws.close()
    finally:
        assert server.stop() == 0
    db_file = data / "outreach.sqlite3"
    damaged = b"this is not a database, a disk error ate it\x00" * 200
    db_file.write_bytes(damaged)
    for side in ("-wal", "-shm"):
        Path(str(db_file) + side).unlink(missing_ok=True)

    server = await asyncio.to_thread(start_serve_process, data)
    try:
        logs = server.logs()
        assert "damaged" in logs and "kept as" in logs  # the serve log tells the user
        kept = [p for p in data.iterdir() if p.name.startswith("outreach.corrupt-")]
        assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the copy is kept, byte for byte
        ws = await connected(server)
        listed = await command(ws, {"id": 1, "type": "outreach.list"})
        assert listed["success"] and listed["result"]["entries"] == []
        assert str(kept[0]) in listed["result"]["notice"]  # and the extension can show it
        assert (await command(ws, sent_cmd(2)))["success"]  # the fresh log takes writes
        assert (await command(ws, {"id": 3, **DRAFT}))["success"]
        await ws.close()
    finally:
        assert server.stop() == 0
    assert stored_slugs(data) == ["person-2"]


# --- the disk fills up ---------------------------------------------------------------------------

def _fsize_limit(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.asyncio
async def test_disk_full_while_writing_fails_cleanly_and_keeps_earlier_data(tmp_path):
    if MOUNT:
        ctx = tmpfs(tmp_path / "small", "size=1m,mode=0700")
        how = "tmpfs"
    else:
        ctx = contextmanager(lambda: (yield tmp_path / "small"))()
        how = "rlimit"
    with ctx as root:
        data = root / "data"
        if how == "tmpfs":
            server = await asyncio.to_thread(start_serve_process, data)
        else:
            server = await asyncio.to_thread(start_serve_process_limited, data, 300 * 1024)
        filler = root / "filler"
        try:
            ws = await connected(server)
            acked = []
            for i in range(5):
                reply = await command(ws, sent_cmd(i))
                assert reply["success"], reply
                acked.append(i)
            if how == "tmpfs":  # leave almost nothing free
                fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
                try:
                    while True:
                        os.write(fd, b"\0" * 4096)
                except OSError:
                    pass
                finally:
                    os.close(fd)
            failure = None
            long_text = "Hi, I am writing about the platform role, and more: " + "x" * 3000
            for i in range(5, 400):
                reply = await command(ws, sent_cmd(i, long_text))
                if not reply["success"]:
                    failure = reply
                    break
                acked.append(i)
            assert failure is not None, "the disk never filled"
            # A clear error, not a crash: the client is told the write failed and why.
            assert failure["error"]["code"] == "unavailable", failure
            message = failure["error"]["message"]
            if how == "tmpfs":  # ENOSPC: SQLite says the disk is full, and so do we
                assert message == "could not save: the disk is full; free some space and try again", message
            else:  # EFBIG reaches SQLite as a write I/O error: named as such, still no internal_error
                assert message.startswith("could not save: "), message
            # The connection and the coach keep working.
            assert (await command(ws, {"id": 1, **DRAFT}))["success"]
            listed = await command(ws, {"id": 2, "type": "outreach.list"})
            assert {e["recipient"]["slug"] for e in listed["result"]["entries"]} >= {f"person-{i}" for i in acked}
            # Space again: the same write now succeeds (nothing stuck half-done).
            filler.unlink(missing_ok=True)
            if how == "tmpfs":
                retry = await command(ws, sent_cmd(failure["id"] - 1000, long_text))
                assert retry["success"] and retry["result"]["duplicate"] is False, retry
                acked.append(failure["id"] - 1000)
            await ws.close()
        finally:
            assert server.stop() == 0
        stored = stored_slugs(data)
        assert len(stored) == len(set(stored)), "a write was stored twice"
        assert {f"person-{i}" for i in acked} <= set(stored), "an acknowledged write was lost"
        print(f"disk full ({how}): {len(acked)} writes acknowledged and kept; the failing one answered cleanly")


def start_serve_process_limited(data_dir: Path, limit: int):
    """start_serve_process with RLIMIT_FSIZE on the companion (no tmpfs available)."""
    import conftest

    original = subprocess.Popen

    def popen(*args, **kwargs):
        kwargs["preexec_fn"] = _fsize_limit(limit)
        return original(*args, **kwargs)

    conftest.subprocess.Popen = popen
    try:
        return start_serve_process(data_dir)
    finally:
        conftest.subprocess.Popen = original


# --- signals -------------------------------------------------------------------------------------

@pytest.mark.asyncio
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_sigterm_and_sigint_close_clients_with_1001_and_remove_runtime_files(tmp_path, sig):
    data = tmp_path / "data"
    server = await asyncio.to_thread(start_serve_process, data)
    try:
        ws = await connected(server)
        assert (await command(ws, sent_cmd(1)))["success"]
        assert (data / "runtime.json").exists() and (data / "admin-secret").exists()
        server.proc.send_signal(sig)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await recv_json(ws, timeout=15)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001  # a close frame: going away
        assert await asyncio.to_thread(server.proc.wait, 15) == 0
    finally:
        server.stop()
    assert not (data / "runtime.json").exists() and not (data / "admin-secret").exists()
    assert "stopped" in server.logs()
    assert stored_slugs(data) == ["person-1"]


@pytest.mark.asyncio
async def test_sigkill_leaves_nothing_that_blocks_the_next_start(tmp_path):
    data = tmp_path / "data"
    port = free_port()
    server = await asyncio.to_thread(start_serve_process, data, "--port", str(port))
    ws = await connected(server)
    token = ws.token
    assert (await command(ws, sent_cmd(1)))["success"]
    server.proc.kill()
    assert server.proc.wait(10) == -signal.SIGKILL
    await ws.close()
    assert (data / "runtime.json").exists()  # stale: names a dead pid

    # Same data dir, same port, right away (the port may still have sockets in TIME_WAIT).
    again = await asyncio.to_thread(start_serve_process, data, "--port", str(port))
    try:
        assert again.port == port
        assert json.loads((data / "runtime.json").read_text())["pid"] == again.proc.pid
        ws = await authenticate(again.url, token)  # the pairing survived
        assert (await command(ws, {"id": 5, **DRAFT}))["success"]
        listed = await command(ws, {"id": 6, "type": "outreach.list"})
        assert [e["recipient"]["slug"] for e in listed["result"]["entries"]] == ["person-1"]
        assert listed["result"]["notice"] is None  # the log was not "damaged" by the kill
        await ws.close()
    finally:
        assert again.stop() == 0
