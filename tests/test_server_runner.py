"""ServerRunner: the server on its own loop in a worker thread, controlled from this thread."""

import asyncio
import json
import threading

import pytest
from conftest import authenticate, pair, recv_json

from companion.server.app import PortInUse
from companion.server.runner import ServerRunner
from companion.server.services import ServerConfig


def test_runner_start_pair_pause_count_stop(tmp_path):
    seen: list[dict] = []
    runner = ServerRunner(tmp_path / "d", port=0, on_status=seen.append, check_keyring=False)
    runner.start()
    try:
        assert runner.port and runner.url == f"ws://127.0.0.1:{runner.port}/v1/ws"
        assert (tmp_path / "d" / "runtime.json").exists()
        code, ttl = runner.call(runner.services.pairing.create_code)
        assert ttl == 120

        async def client():
            paired = await pair(runner.url, code)
            ws = await authenticate(runner.url, paired["token"])
            assert len(runner.services.connections) == 1
            runner.call(runner.services.set_paused, True)  # from another thread than the server's
            event = await recv_json(ws)
            await ws.send(json.dumps({"id": 1, "type": "draft", "surface": "message", "text": "hi", "version": 1}))
            reply = await recv_json(ws)
            await ws.close()
            return event, reply

        event, reply = asyncio.run(client())
        assert event["data"] == {"paused": True} and reply["error"]["code"] == "paused"
        assert runner.services.is_paused and runner.call(runner.services.status)["paused"] is True
        assert any(s["clients_connected"] == 1 for s in seen) and any(s["paused"] for s in seen)
    finally:
        runner.stop()
    assert not [t for t in threading.enumerate() if t.name == "tactful-server"]  # the server thread ended
    assert not (tmp_path / "d" / "runtime.json").exists()
    assert threading.active_count() >= 1


def test_runner_reports_port_in_use(tmp_path):
    first = ServerRunner(tmp_path / "a", port=0, check_keyring=False).start()
    try:
        second = ServerRunner(tmp_path / "b", config=ServerConfig(port=first.port), check_keyring=False)
        with pytest.raises(PortInUse):
            second.start()
    finally:
        first.stop()
