"""Helpers for the tray tests: a browser stand-in over a real WebSocket (websockets' sync client,
so GUI-thread tests need no asyncio loop) and a server runner on a free port."""

from __future__ import annotations

import json
import time
from pathlib import Path

from websockets.sync.client import connect

EXT_ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2


def runner_on_free_port(data_dir: Path, port: int, on_status):
    """TrayController's runner factory, but the default port becomes 0 (a free one) so tests never
    collide with each other or a real companion; a port a test chose (Settings) is honoured."""
    from companion.server.runner import ServerRunner
    from companion.settings import DEFAULT_PORT

    return ServerRunner(data_dir, port=0 if port == DEFAULT_PORT else port, on_status=on_status,
                        check_keyring=False)


class Browser:
    """What the extension's service worker does, reduced to the calls the tests need."""

    def __init__(self, url: str):
        self.url = url
        self.ws = None
        self.events: list[dict] = []
        self.hello: dict | None = None
        self.auth_ok: dict | None = None
        self._next_id = 1

    def _open(self):
        ws = connect(self.url, origin=EXT_ORIGIN, proxy=None, open_timeout=5, legacy=True)
        self.hello = json.loads(ws.recv(timeout=5))
        assert self.hello["type"] == "hello"
        return ws

    def pair(self, code: str, name: str = "Test Chrome") -> dict:
        ws = self._open()
        try:
            ws.send(json.dumps({"type": "pair", "code": code, "client_name": name}))
            return json.loads(ws.recv(timeout=5))
        finally:
            ws.close()

    def connect(self, token: str) -> dict:
        self.ws = self._open()
        self.ws.send(json.dumps({"type": "auth", "token": token}))
        self.auth_ok = json.loads(self.ws.recv(timeout=5))
        assert self.auth_ok["type"] == "auth_ok", self.auth_ok
        return self.auth_ok

    def command(self, type_: str, **fields) -> dict:
        """Send a command and return its `result`; events that arrive meanwhile go to `events`."""
        msg_id = self._next_id
        self._next_id += 1
        self.ws.send(json.dumps({"id": msg_id, "type": type_, **fields}))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if msg.get("type") == "event":
                self.events.append(msg)
            elif msg.get("type") == "result" and msg.get("id") == msg_id:
                return msg
        raise TimeoutError(f"no result for {type_}")

    def wait_event(self, name: str, timeout: float = 5.0) -> dict:
        for ev in self.events:
            if ev["event"] == name:
                self.events.remove(ev)
                return ev
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if msg.get("type") == "event" and msg["event"] == name:
                return msg
            if msg.get("type") == "event":
                self.events.append(msg)
        raise TimeoutError(f"no {name} event")

    def draft(self, text: str, version: int) -> dict:
        return self.command("draft", surface="message", text=text, version=version)

    def sent(self, slug: str, text: str, sent_at: str = "2026-11-20T10:00:00Z") -> dict:
        return self.command("sent", recipient={"slug": slug, "name": "Ada Example", "company": "Stripe"},
                            surface="message", text=text, sent_at=sent_at)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None


DRAFT = ("Hi Ada, I saw the backend engineer opening at Stripe and your post on event sourcing. "
         "Would you be open to referring me? No worries if not. Thank you!")
