"""The committed JSON Schema must be exactly what the models produce (run `python -m protocol.schema`)."""

import json
from pathlib import Path

from protocol.schema import DEFAULT_PATH, render

from protocol.errors import ErrorCode


def test_committed_schema_matches_the_models():
    committed = Path(DEFAULT_PATH).read_text(encoding="utf-8")
    assert committed == render(), "extension/protocol/schema.json is stale: run `python -m protocol.schema`"


def test_schema_lists_every_error_code_and_the_auth_close_code():
    schema = json.loads(render())
    assert schema["constants"]["error_codes"] == [c.value for c in ErrorCode]
    assert schema["constants"]["auth_close_code"] == 4401 and schema["protocol_version"] == 1
    for required in ("invalid_format", "unknown_command", "superseded", "rate_limited", "internal_error"):
        assert required in schema["constants"]["error_codes"]


def test_error_codes_are_snake_case():
    import re

    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", c.value) for c in ErrorCode)
