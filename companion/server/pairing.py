"""Pairing: one-time codes the user carries from the companion to the extension, and the
long-lived tokens they are exchanged for. Only a salted SHA-256 verifier of a token is kept, and
every comparison is constant-time. The numbers and why: docs/security.md, threats 7, 9, 22 and 26;
`auth_begin`: docs/protocol.md, "The server proves itself first".
"""

from __future__ import annotations

import asyncio
import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from companion.paths import ensure_private_dir, write_private_file
from protocol.messages import SERVER_PROOF_LABEL

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=2)
MAX_WRONG = 5  # wrong codes from one Origin within WRONG_WINDOW lock that Origin for LOCKOUT
WRONG_WINDOW = timedelta(minutes=1)
LOCKOUT = timedelta(minutes=5)
MAX_ACTIVE_CODES = 3
GUESS_RATE = 10.0  # code attempts checked per second, from all Origins together
ATTACK_WINDOW = timedelta(minutes=10)  # `tactful pair` reports wrong codes seen within this
ATTACK_THRESHOLD = 10  # ... when there were at least this many
TRACKED = 4096  # wrong codes (and locked Origins) remembered; forged Origins are unbounded
CLIENTS_FILE = "clients.json"


class PairingError(Exception):
    """Pairing or auth refused; the message is safe to show the client (no secrets in it)."""


class ClientsFileUnreadable(PairingError, ValueError):
    """clients.json cannot be read (damaged by hand or by a disk fault). A ValueError too: it is not a
    revocation for the connections that re-check it."""

    def __init__(self, path: Path, cause: Exception):
        super().__init__(f"the companion's list of paired browsers is unreadable ({type(cause).__name__}); "
                         "run `tactful doctor` on this computer")
        self.path = path


@dataclass
class ClientRecord:
    name: str
    origin: str
    salt: str
    verifier: str
    paired_at: str
    last_seen: str | None = None

    def public(self) -> dict:
        return {"name": self.name, "origin": self.origin, "paired_at": self.paired_at, "last_seen": self.last_seen}


NONCE_MIN, NONCE_MAX = 16, 64  # bytes of the client's auth_begin nonce


def _verifier(salt: str, token: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + token.encode("utf-8")).hexdigest()


def b64url(data: bytes) -> str:
    """base64url without padding, as the protocol writes binary fields."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def server_proof(verifier_hex: str, nonce: bytes, port: int) -> bytes:
    """HMAC-SHA256 keyed by the verifier SHA-256(salt || token) over label || nonce || port (2 bytes,
    big-endian). The port ties the proof to the socket the client dialled: a program squatting
    another port cannot pass a real companion's proof on (the client checks against its own port)."""
    message = SERVER_PROOF_LABEL.encode("ascii") + nonce + int(port).to_bytes(2, "big")
    return hmac.new(bytes.fromhex(verifier_hex), message, hashlib.sha256).digest()


class ClientStore:
    """The paired clients, kept in DATA_DIR/clients.json (0600). The CLI and the server share it,
    so every change happens under an exclusive file lock and rereads the file first."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / CLIENTS_FILE
        self.lock_path = Path(data_dir) / ".clients.lock"

    @contextmanager
    def _locked(self):
        ensure_private_dir(self.path.parent)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def load(self) -> list[ClientRecord]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [ClientRecord(**item) for item in raw.get("clients", [])]
        except FileNotFoundError:
            return []
        except (ValueError, TypeError, AttributeError) as exc:  # not JSON, or not our shape
            raise ClientsFileUnreadable(self.path, exc) from None

    def load_or_empty(self) -> list[ClientRecord]:
        """load(), but [] when clients.json is unreadable (`tactful doctor` says why)."""
        try:
            return self.load()
        except ClientsFileUnreadable:
            return []

    def _save(self, records: list[ClientRecord]) -> None:
        data = {"clients": [r.__dict__ for r in records]}
        write_private_file(self.path, json.dumps(data, indent=2) + "\n")

    def add(self, name: str, origin: str, token: str, now: datetime) -> ClientRecord:
        """Store a verifier for `token`; a taken name gets a numeric suffix."""
        with self._locked():
            records = self.load()
            taken = {r.name for r in records}
            unique, n = name, 2
            while unique in taken:
                unique, n = f"{name} ({n})", n + 1
            salt = secrets.token_hex(16)
            stamp = now.isoformat(timespec="seconds")
            # Pairing happens over the client's own connection, which then goes on authenticated:
            # it is seen now, not at its next reconnect.
            record = ClientRecord(unique, origin, salt, _verifier(salt, token), stamp, last_seen=stamp)
            records.append(record)
            self._save(records)
            return record

    def find(self, token: str) -> ClientRecord | None:
        """The record whose verifier matches `token` (checks every record, constant-time each)."""
        found = None
        for record in self.load():
            if hmac.compare_digest(_verifier(record.salt, token), record.verifier):
                found = record
        return found

    def by_name(self, name: str) -> ClientRecord | None:
        """The paired client with exactly this name, if any."""
        return next((record for record in self.load() if record.name == name), None)

    def verifiers(self) -> frozenset[str]:
        """The paired verifiers, read from clients.json (`tactful unpair` removes one)."""
        return frozenset(r.verifier for r in self.load())

    def touch(self, name: str, now: datetime) -> None:
        with self._locked():
            records = self.load()
            for r in records:
                if r.name == name:
                    r.last_seen = now.isoformat(timespec="seconds")
            self._save(records)

    def remove(self, name: str | None = None, everything: bool = False) -> list[str]:
        """Revoke one client by name, or all; returns the names removed."""
        with self._locked():
            records = self.load()
            gone = [r.name for r in records if everything or r.name == name]
            if gone:
                self._save([r for r in records if r.name not in gone])
            return gone


class GuessPacer:
    """Lets code attempts through one at a time, at most `rate` a second, in arrival order.
    A waiter whose connection is gone is dropped without using a turn."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate
        self.granted = 0
        self._next = 0.0  # loop time of the next free turn
        self._waiting: deque[tuple[asyncio.Future, Callable[[], bool]]] = deque()
        self._timer: asyncio.TimerHandle | None = None  # one pending wake-up, however many wait

    async def turn(self, alive: Callable[[], bool], timeout: float) -> bool:
        """Wait for a turn; False when `timeout` passed or the caller's connection went away."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((future, alive))
        self._pump()
        try:
            return await asyncio.wait_for(future, max(0.0, timeout))
        except asyncio.TimeoutError:
            return False

    def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        for future, alive in self._waiting:
            if not future.done() and not alive():
                future.set_result(False)
        self._waiting = deque((future, alive) for future, alive in self._waiting if not future.done())
        now = loop.time()
        if self._waiting and now >= self._next:
            future, _ = self._waiting.popleft()
            future.set_result(True)
            self.granted += 1
            self._next = now + self.interval
        if self._waiting and self._timer is None:
            self._timer = loop.call_at(self._next, self._wake)

    def _wake(self) -> None:
        self._timer = None
        self._pump()


class Pairing:
    """Codes live in memory only (they die with the process); tokens in a ClientStore."""

    def __init__(self, data_dir: Path, clock: Callable[[], datetime] | None = None):
        self.clients = ClientStore(data_dir)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self._codes: dict[str, datetime] = {}  # normalized code -> expiry
        self._locked_until: dict[str, datetime] = {}  # origin -> end of its lockout
        self._recent: deque[tuple[datetime, str]] = deque(maxlen=TRACKED)  # every wrong code, for the report
        self.pacer = GuessPacer(GUESS_RATE)

    def create_code(self) -> tuple[str, int]:
        """A new one-time code, shown as XXXX-XXXX, and its lifetime in seconds."""
        now = self.clock()
        self._expire(now)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self._codes[code] = now + CODE_TTL
        while len(self._codes) > MAX_ACTIVE_CODES:  # asking again retires the oldest code
            del self._codes[next(iter(self._codes))]
        return f"{code[:4]}-{code[4:]}", int(CODE_TTL.total_seconds())

    def _expire(self, now: datetime) -> None:
        self._codes = {code: expiry for code, expiry in self._codes.items() if expiry > now}

    def pair(self, code: str, client_name: str, origin: str) -> tuple[str, ClientRecord]:
        """Exchange a valid code for a new token bound to `origin`; the code is spent. The caller
        waits its turn first (`pacer`).

        Raises PairingError for a wrong, expired or reused code, or while `origin` is locked out."""
        now = self.clock()
        until = self._locked_until.get(origin)
        if until and until > now:
            raise PairingError(f"too many wrong pairing codes; try again in {int((until - now).total_seconds()) + 1} s")
        self._expire(now)
        given = "".join(ch for ch in code.upper() if ch.isalnum())  # as typed: `abcd-efgh` works too
        match = None
        for known in list(self._codes):
            if hmac.compare_digest(known.encode(), given.encode()):
                match = known
        if match is None:
            self._record_wrong(now, origin)
            raise PairingError("wrong or expired pairing code; ask the companion for a new one (tactful pair)")
        del self._codes[match]
        return self.introduce(client_name, origin)

    def introduce(self, client_name: str, origin: str) -> tuple[str, ClientRecord]:
        """A new token bound to `origin`: after a right code, or for the extension a browser vouched
        for (`tactful native-host`). Either way a paired client, which `tactful unpair` revokes."""
        token = secrets.token_urlsafe(32)
        return token, self.clients.add(client_name.strip() or "browser", origin, token, self.clock())

    def _record_wrong(self, now: datetime, origin: str) -> None:
        self._recent.append((now, origin))
        self._locked_until = {o: until for o, until in self._locked_until.items() if until > now}
        # The codes that caused an Origin's lockout are older than WRONG_WINDOW when it ends (LOCKOUT is
        # longer), and a locked Origin's codes are refused before they count.
        if sum(1 for when, o in self._recent if o == origin and when > now - WRONG_WINDOW) >= MAX_WRONG:
            self._locked_until[origin] = now + LOCKOUT
        while len(self._locked_until) > TRACKED:
            del self._locked_until[next(iter(self._locked_until))]

    def attack_report(self) -> dict | None:
        """{"wrong_codes", "origins", "minutes"} when at least ATTACK_THRESHOLD wrong codes came in
        the last ATTACK_WINDOW (someone may be guessing), else None."""
        since = self.clock() - ATTACK_WINDOW
        recent = [origin for when, origin in self._recent if when > since]
        if len(recent) < ATTACK_THRESHOLD:
            return None
        return {"wrong_codes": len(recent), "origins": len(set(recent)),
                "minutes": int(ATTACK_WINDOW.total_seconds() // 60)}

    def challenge(self, client_name: str, origin: str, nonce: str, port: int) -> tuple[str, str]:
        """(salt, proof), both base64url, for `auth_begin`: the proof that this server holds the
        verifier of `client_name`'s token. An unknown name, another Origin than the one that paired,
        or a nonce that is not 16-64 bytes of base64url all get the same refusal."""
        # AuthBegin's pattern already allows only base64url characters; a length that no base64
        # has (1 more than a multiple of 4) raises binascii.Error, a ValueError.
        try:
            raw_nonce = base64.urlsafe_b64decode(nonce + "=" * (-len(nonce) % 4))
        except ValueError:
            raw_nonce = b""
        if not NONCE_MIN <= len(raw_nonce) <= NONCE_MAX:
            raise PairingError(f"auth_begin needs a nonce of {NONCE_MIN} to {NONCE_MAX} random bytes in base64url")
        record = self.clients.by_name(client_name)
        if record is None or not hmac.compare_digest(record.origin.encode(), origin.encode()):
            raise PairingError("unknown client or a client from another origin; pair again")
        proof = server_proof(record.verifier, raw_nonce, port)
        return b64url(bytes.fromhex(record.salt)), b64url(proof)

    def authenticate(self, token: str, origin: str) -> ClientRecord:
        """The client a token belongs to, if it is used from the Origin that paired it."""
        record = self.clients.find(token)
        if record is None or not hmac.compare_digest(record.origin.encode(), origin.encode()):
            raise PairingError("unknown token or a token from another origin; pair again")
        with suppress(OSError):  # last_seen is a nicety; auth must not fail on it
            self.clients.touch(record.name, self.clock())
        return record
