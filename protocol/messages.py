"""Every message on the wire, both directions, as discriminated unions on `type`.

The handshake (hello, auth | pair | auth_begin, auth_ok | paired | auth_invalid) is described in
companion/server/handshake.py and docs/protocol.md. After auth, client commands carry an integer
`id` and get a `result`; the server pushes `event`s.
"""

from typing import Annotated, Any, Literal, Union

from pydantic import Field

from protocol.base import Model
from protocol.errors import ErrorCode
from protocol.feedback import Surface
from protocol.outreach import SLUG_MAX, Recipient, ReferralState

# --- handshake, client -> server -------------------------------------------------------------


class Auth(Model):
    type: Literal["auth"] = "auth"
    token: str = Field(min_length=1, max_length=512)


# The label in the server's proof, HMAC-SHA256(SHA-256(salt || token), label || nonce || port):
# docs/protocol.md, "The server proves itself first".
SERVER_PROOF_LABEL = "tactful-server-proof-v1"
AUTH_CLOSE = 4401  # the WebSocket close code for a client refused in the handshake or revoked since
# base64url (RFC 4648 section 5) without padding; the nonce is 16 to 64 random bytes.
B64URL_PATTERN = r"^[A-Za-z0-9_-]+$"
# A client name is shown in `tactful clients` and the tray: no control characters (C0, DEL, C1),
# which a terminal would obey.
ClientName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")]


class AuthBegin(Model):
    """Optional, before `auth`: asks the server to prove it holds this client's token verifier."""

    type: Literal["auth_begin"] = "auth_begin"
    client_name: ClientName
    nonce: str = Field(min_length=22, max_length=86, pattern=B64URL_PATTERN)  # 16..64 bytes


class Pair(Model):
    type: Literal["pair"] = "pair"
    code: str = Field(min_length=1, max_length=64)
    client_name: ClientName


# --- commands, client -> server (after auth) ----------------------------------------------


class Command(Model):
    # strict: `true` is not the id 1 (lax mode would coerce it, and the reply would carry an id
    # the client never sent).
    id: int = Field(ge=0, le=2**53, strict=True)


class Ping(Command):
    type: Literal["ping"] = "ping"


class Draft(Command):
    """The draft being typed. A newer `version` for the same `draft_id` supersedes older ones."""

    type: Literal["draft"] = "draft"
    surface: Surface
    text: str = Field(max_length=100_000)
    version: int = Field(ge=0)
    draft_id: str = Field(default="main", max_length=200)
    subject: str | None = Field(default=None, max_length=1_000)  # InMail subject
    limit: int | None = Field(default=None, ge=1, le=100_000)  # the page's declared limit
    recipient: str | None = Field(default=None, max_length=SLUG_MAX)  # profile slug, when known
    tab: int | None = Field(default=None, ge=0, le=2**53, strict=True)  # the browser tab: picks its page context
    # Where the caret is (UTF-16 offset into text): the word being typed there is not judged yet.
    caret: int | None = Field(default=None, ge=0, le=200_000)  # UTF-16: up to twice the code points


class PageSnapshot(Command):
    """A snapshot of the LinkedIn page; parsed into the connection's context."""

    type: Literal["page"] = "page"
    url: str = Field(max_length=4_096)
    html: str  # capped by the server at 8 MiB for this command only
    captured_at: str | None = None  # ISO 8601
    tab: int | None = Field(default=None, ge=0, le=2**53, strict=True)  # the browser tab whose context it sets


class Settings(Command):
    """Per-connection settings: rules switched off, paused coaching."""

    type: Literal["settings"] = "settings"
    disabled_rules: list[str] | None = None
    paused: bool | None = None


class Status(Command):
    type: Literal["status"] = "status"


class Sent(Command):
    """The user pressed Send: recorded in the outreach log."""

    type: Literal["sent"] = "sent"
    recipient: Recipient
    surface: Surface
    text: str = Field(max_length=100_000)
    sent_at: str | None = None  # ISO 8601; the server's clock when absent


class OutreachList(Command):
    type: Literal["outreach.list"] = "outreach.list"


class OutreachUpdate(Command):
    type: Literal["outreach.update"] = "outreach.update"
    slug: str = Field(max_length=SLUG_MAX)
    state: ReferralState | None = None
    notes: str | None = Field(default=None, max_length=10_000)


class OutreachForget(Command):
    type: Literal["outreach.forget"] = "outreach.forget"
    slug: str | None = Field(default=None, max_length=SLUG_MAX)
    all: bool = False


COMMANDS = (Ping, Draft, PageSnapshot, Settings, Status, Sent, OutreachList, OutreachUpdate, OutreachForget)
ClientMessage = Annotated[Union[(Auth, AuthBegin, Pair, *COMMANDS)], Field(discriminator="type")]
COMMAND_TYPES = {m.model_fields["type"].default for m in COMMANDS}

# --- server -> client ------------------------------------------------------------------------


class Hello(Model):  # its fields open auth_ok and paired too
    type: Literal["hello"] = "hello"
    protocol: int
    server: str  # "tactful/X.Y.Z"
    local_only: bool


class AuthOk(Hello):
    type: Literal["auth_ok"] = "auth_ok"
    client_name: str
    paused: bool = False


class Paired(Hello):
    type: Literal["paired"] = "paired"
    token: str
    client_name: str


class AuthChallenge(Model):
    """The answer to `auth_begin`: the client's salt and the server's proof (both base64url)."""

    type: Literal["auth_challenge"] = "auth_challenge"
    salt: str = Field(pattern=B64URL_PATTERN)
    proof: str = Field(pattern=B64URL_PATTERN)


class AuthInvalid(Model):
    type: Literal["auth_invalid"] = "auth_invalid"
    message: str


class ErrorBody(Model):
    code: ErrorCode
    message: str


class Result(Model):
    type: Literal["result"] = "result"
    id: int | None  # None only when the bad message had no readable id
    success: bool
    result: dict[str, Any] | None = None
    error: ErrorBody | None = None


class Event(Model):
    type: Literal["event"] = "event"
    event: str  # e.g. "status", "paused"
    data: dict[str, Any] = {}


ServerMessage = Annotated[
    Union[Hello, AuthChallenge, AuthOk, Paired, AuthInvalid, Result, Event],
    Field(discriminator="type"),
]
