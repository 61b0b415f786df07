"""Write the protocol's JSON Schema for the extension: `python -m protocol.schema`.

The extension reads the constants (protocol version, error codes, command types, surfaces)
from this file, and a test fails when the committed file differs from what the models produce.
"""

import json
from pathlib import Path
from typing import get_args

from pydantic import TypeAdapter

from protocol import PROTOCOL_VERSION
from protocol.errors import ErrorCode
from protocol.feedback import Feedback, Surface
from protocol.messages import AUTH_CLOSE, COMMAND_TYPES, SERVER_PROOF_LABEL, ClientMessage, ServerMessage
from protocol.outreach import OutreachEntry, ReferralState
from protocol.page import PageResult

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "extension" / "protocol" / "schema.json"


def build_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Tactful protocol",
        "protocol_version": PROTOCOL_VERSION,
        "constants": {
            "error_codes": [c.value for c in ErrorCode],
            "command_types": sorted(COMMAND_TYPES),
            "surfaces": list(get_args(Surface)),
            "referral_states": list(get_args(ReferralState)),
            "auth_close_code": AUTH_CLOSE,
            "server_proof_label": SERVER_PROOF_LABEL,
        },
        "client_message": TypeAdapter(ClientMessage).json_schema(),
        "server_message": TypeAdapter(ServerMessage).json_schema(),
        "feedback": Feedback.model_json_schema(),
        "page_result": PageResult.model_json_schema(),
        "outreach_entry": OutreachEntry.model_json_schema(),
    }


def render() -> str:
    return json.dumps(build_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    DEFAULT_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {DEFAULT_PATH}")
