"""Property-based fuzzing (hypothesis) of the protocol over a live connection and of the page
parsers: no exception escapes, every bad message gets an error reply, the connection keeps
serving. bench/fuzz.py runs the same properties for longer and reports the case count.

The companion runs on its own loop in a thread (ServerRunner) so hypothesis can drive a plain
synchronous `websockets` client. Its bad-message limit is raised: here we want every bad message
answered, not the flood protection (tests/test_server_limits.py covers that)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from resilience_fuzzing import FuzzClient, check_page, frames, page_snapshots
from websockets.sync.client import connect

from companion.server.runner import ServerRunner
from companion.server.services import ServerConfig

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
FAST = settings(max_examples=250, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data = tmp_path_factory.mktemp("fuzz-data")
    runner = ServerRunner(data, config=ServerConfig(port=0, bad_message_limit=10**9, write_runtime=False),
                          check_keyring=False).start()
    code, _ = runner.call(runner.services.pairing.create_code)
    with connect(runner.url, origin=ORIGIN, proxy=None, open_timeout=10) as ws:
        json.loads(ws.recv(10))
        ws.send(json.dumps({"type": "pair", "code": code, "client_name": "fuzzer"}))
        token = json.loads(ws.recv(10))["token"]
    fuzz = FuzzClient(runner.url, ORIGIN, token)
    yield fuzz
    print(f"protocol fuzz: {fuzz.cases} cases, outcomes {fuzz.outcomes}")
    fuzz.close()
    runner.stop()


@FAST
@given(frame=frames())
def test_every_fuzzed_message_gets_exactly_one_reply_and_the_connection_keeps_serving(client, frame):
    client.check(frame)


def test_the_fuzz_reached_every_command_and_both_outcomes(client):
    # Runs after the property above (file order): the cases were not all refused at the door.
    assert client.cases >= 200
    assert client.outcomes.get("success", 0) >= 10 and client.outcomes.get("invalid_format", 0) >= 20, client.outcomes


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(snapshot=page_snapshots())
def test_page_parsers_never_raise_on_random_truncated_deep_or_huge_html(snapshot):
    check_page(*snapshot)
