"""The wire models: the discriminated unions accept each message and refuse what does not fit."""

import json
from typing import get_args

import pytest
from pydantic import TypeAdapter, ValidationError

from protocol.messages import COMMAND_TYPES, ClientMessage, ServerMessage

parse_client_message = TypeAdapter(ClientMessage).validate_json
parse_server_message = TypeAdapter(ServerMessage).validate_json

CLIENT_MODELS = get_args(get_args(ClientMessage)[0])
SERVER_MODELS = get_args(get_args(ServerMessage)[0])


def test_every_client_type_is_distinct_and_commands_are_listed():
    types = [m.model_fields["type"].default for m in CLIENT_MODELS]
    assert len(types) == len(set(types))
    assert COMMAND_TYPES == set(types) - {"auth", "auth_begin", "pair"}


def test_every_command_has_a_handler():
    from companion.commands import HANDLERS

    assert set(HANDLERS) == COMMAND_TYPES


@pytest.mark.parametrize("raw,kind", [
    ({"type": "auth", "token": "t"}, "Auth"),
    ({"type": "pair", "code": "ABCD-EFGH", "client_name": "x"}, "Pair"),
    ({"type": "auth_begin", "client_name": "x", "nonce": "A" * 22}, "AuthBegin"),
    ({"id": 1, "type": "ping"}, "Ping"),
    ({"id": 2, "type": "draft", "surface": "message", "text": "hi", "version": 0}, "Draft"),
    ({"id": 3, "type": "settings", "paused": True}, "Settings"),
])
def test_client_messages_parse_to_their_model(raw, kind):
    assert type(parse_client_message(json.dumps(raw))).__name__ == kind


@pytest.mark.parametrize("raw", [
    {"type": "teleport"},
    {"id": 1, "type": "ping", "extra": 1},  # unknown fields are errors, not silently dropped
    {"id": -1, "type": "ping"},
    {"id": 2**53 + 1, "type": "ping"},
    {"id": 1, "type": "draft", "surface": "fax", "text": "x", "version": 1},
    {"id": 1, "type": "draft", "surface": "message", "text": "x" * 100_001, "version": 1},
    {"type": "auth", "token": ""},
    {"type": "pair", "code": "x", "client_name": ""},
    {"type": "auth_begin", "client_name": "x", "nonce": "short"},
    {"type": "auth_begin", "client_name": "x", "nonce": "not base64url at all!!!"},
])
def test_client_messages_that_do_not_fit_are_refused(raw):
    with pytest.raises(ValidationError):
        parse_client_message(json.dumps(raw))


def test_server_messages_round_trip():
    samples = [
        {"type": "hello", "protocol": 1, "server": "tactful/0.1.0", "local_only": True},
        {"type": "auth_invalid", "message": "no"},
        {"type": "result", "id": 1, "success": False, "error": {"code": "superseded", "message": "newer"}},
        {"type": "event", "event": "paused", "data": {"paused": True}},
    ]
    for sample in samples:
        model = parse_server_message(json.dumps(sample))
        assert model.model_dump(mode="json", exclude_defaults=False) | sample == model.model_dump(mode="json")


def test_result_error_codes_are_the_closed_set():
    with pytest.raises(ValidationError):
        parse_server_message(json.dumps({"type": "result", "id": 1, "success": False,
                                         "error": {"code": "oops", "message": "x"}}))
