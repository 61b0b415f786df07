"""Every JSON example in docs/protocol.md is a valid message (client or server) or Feedback."""

import json
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from protocol.errors import ErrorCode
from protocol.feedback import Feedback
from protocol.messages import ClientMessage, ServerMessage

DOC = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"
BLOCKS = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
CLIENT, SERVER = TypeAdapter(ClientMessage), TypeAdapter(ServerMessage)


def test_there_are_examples():
    assert len(BLOCKS) >= 20


@pytest.mark.parametrize("block", BLOCKS, ids=[str(i) for i in range(len(BLOCKS))])
def test_example_is_a_valid_message(block):
    data = json.loads(block)
    try:
        CLIENT.validate_python(data)
        return
    except ValidationError:
        pass
    message = SERVER.validate_python(data)
    if message.type == "result" and message.success and isinstance(message.result, dict) and "findings" in message.result:
        Feedback.model_validate(message.result)


def test_every_error_code_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for code in ErrorCode:
        assert f"`{code.value}`" in text
