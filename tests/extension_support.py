"""Helpers for the browser tests: the real companion as a subprocess, Debian's Chromium with the
real (unpacked) extension through Playwright's sync API, LinkedIn pages served by route
interception, and a small WebSocket "squatter" that records what the extension would tell an
impostor on the companion's port.

Nothing here talks to the network beyond 127.0.0.1: every https://www.linkedin.com/ request is
answered from tests/fixtures/extension/, and anything else not routed is aborted.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
from serve_process import launch  # noqa: E402  (starts a real companion process)

EXT_DIR = REPO / "extension"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extension"
CHROMIUM = os.environ.get("TACTFUL_CHROMIUM", "/usr/bin/chromium")
EXT_ID = "lejjfdkkilgackldcppcmhcgpokokfek"  # from the manifest's "key"

LINKEDIN_PAGES = {
    "/in/dana-whitfield/": "classic_profile.html",
    "/in/lee-park/": "sdui_profile.html",
    "/messaging/thread/2-dana/": "classic_thread.html",
    "/messaging/thread/2-dana-followup/": "classic_thread_followup.html",
    "/search/results/people/": "classic_search.html",
}

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the companion ------------------------------------------------------------------------------


@dataclass
class Companion:
    """`tactful serve` in a subprocess with its own data dir; restartable on the same port."""

    data_dir: Path
    port: int = 0
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    def start(self, timeout: float = 20.0) -> "Companion":
        launched = launch(self.data_dir, port=self.port, timeout=timeout)
        self.proc, self.port, self.log_path = launched.proc, launched.port, launched.log_path
        return self

    def pair_code(self) -> str:
        out = subprocess.run([sys.executable, "-m", "companion", "pair", "--json", "--data-dir", str(self.data_dir)],
                             capture_output=True, text=True, cwd=REPO, timeout=30)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["code"]

    def kill(self) -> None:
        """SIGKILL: the companion vanishes as if it crashed."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self._close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._close()

    def _close(self) -> None:
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""


# --- a recording impostor ------------------------------------------------------------------------


@dataclass
class Squatter:
    """A WebSocket server on a port that records every frame a client sends (parsed in `frames`,
    verbatim in `raw`).

    It answers `hello` like a companion. Without the token's verifier it cannot prove itself, so
    it does its worst: mode "wrong_proof" answers `auth_begin` with a well-formed `auth_challenge`
    whose salt and proof are random; mode "no_challenge" skips the challenge and answers
    `auth_begin` with `auth_ok` echoing the client name it was just told. Any `auth` gets `auth_ok`
    with that name, any command an empty success.
    """

    port: int
    mode: str = "wrong_proof"
    frames: list = field(default_factory=list)
    raw: list = field(default_factory=list)
    connections: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _stop: asyncio.Event | None = None

    def start(self) -> "Squatter":
        ready = threading.Event()

        async def handler(ws):
            self.connections += 1
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "server": "tactful/0.1.0", "local_only": True}))
            name = "Tactful extension (Chrome) guessed"
            auth_ok = lambda: json.dumps({"type": "auth_ok", "protocol": 1, "server": "tactful/0.1.0",  # noqa: E731
                                          "client_name": name, "local_only": True, "paused": False})
            async for raw in ws:
                self.raw.append(raw)
                msg = json.loads(raw)
                self.frames.append(msg)
                if msg.get("type") == "auth_begin":
                    name = msg.get("client_name") or name
                    if self.mode == "no_challenge":
                        await ws.send(auth_ok())
                    else:
                        salt, proof = base64.urlsafe_b64encode(os.urandom(16)), base64.urlsafe_b64encode(os.urandom(32))
                        await ws.send(json.dumps({"type": "auth_challenge", "salt": salt.decode().rstrip("="),
                                                  "proof": proof.decode().rstrip("=")}))
                elif msg.get("type") == "auth":
                    await ws.send(auth_ok())
                elif "id" in msg:
                    await ws.send(json.dumps({"type": "result", "id": msg["id"], "success": True, "result": {}}))

        async def main():
            from websockets.asyncio.server import serve

            self._stop = asyncio.Event()
            async with serve(handler, "127.0.0.1", self.port):
                ready.set()
                await self._stop.wait()

        def run():
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(main())
            self._loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(10), "squatter did not start"
        return self

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread:
            self._thread.join(10)

    def types(self) -> list[str]:
        return [f.get("type") for f in self.frames]


# --- the browser -----------------------------------------------------------------------------------


# Day headings to show as so many days before today: a thread whose ask waits for an answer is a
# follow-up only within two months, so the saved dates are moved to a week ago.
_RECENT_DAYS = {"classic_thread_followup.html": {"Mar 3": 10, "Mar 5": 8}}


def recent(name: str) -> str:
    """The fixture page `name`, its day headings moved near today where _RECENT_DAYS says."""
    from datetime import date, timedelta

    html = (FIXTURES / name).read_text()
    for shown, days in _RECENT_DAYS.get(name, {}).items():
        day = date.today() - timedelta(days=days)
        html = html.replace(f">{shown}</time>", f">{day:%b} {day.day}</time>")
    return html


def serve_fixtures(context) -> None:
    """Answer LinkedIn and example.com from fixtures; abort every other request (no network)."""

    def linkedin(route):
        from urllib.parse import urlparse

        path = urlparse(route.request.url).path
        name = LINKEDIN_PAGES.get(path)
        if name:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=recent(name))
        else:
            route.fulfill(status=404, content_type="text/html", body="<!DOCTYPE html><title>Not found | LinkedIn</title>")

    context.route("https://www.linkedin.com/**", linkedin)
    context.route("https://example.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=(FIXTURES / "outside.html").read_text()))


class Browser:
    """A persistent Chromium context with the extension loaded; helpers for its pages."""

    def __init__(self, playwright, profile_dir: Path, ext_dir: Path = EXT_DIR, headless: bool = True):
        args = [f"--disable-extensions-except={ext_dir}", f"--load-extension={ext_dir}", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync",
                # Chromium must not touch the test session's Secret Service (the keyring tests own it).
                "--password-store=basic"]
        self.context = playwright.chromium.launch_persistent_context(
            str(profile_dir), executable_path=CHROMIUM, headless=headless, args=args,
            viewport={"width": 1100, "height": 800})
        serve_fixtures(self.context)
        sw = self.context.service_workers[0] if self.context.service_workers else \
            self.context.wait_for_event("serviceworker", timeout=15000)
        self.ext_id = sw.url.split("/")[2]
        self.base = f"chrome-extension://{self.ext_id}"

    def close(self) -> None:
        self.context.close()

    @property
    def service_worker(self):
        return self.context.service_workers[0]

    def options(self):
        page = self.context.new_page()
        page.goto(f"{self.base}/src/options/options.html")
        return page

    def set_port(self, port: int, page=None):
        from playwright.sync_api import expect

        page = page or self.options()
        page.fill('input[name="port"]', str(port))
        page.click('[data-action="save-port"]')
        expect(page.locator('[data-field="port-result"]')).to_contain_text(str(port))
        return page

    def pair(self, companion: Companion):
        """Pairs through the options page, as a user would; returns the options page."""
        from playwright.sync_api import expect

        page = self.set_port(companion.port)
        page.fill('input[name="pairing-code"]', companion.pair_code())
        page.click('[data-action="pair"]')
        expect(page.locator('[data-field="pair-result"]')).to_contain_text("Paired", timeout=15000)
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=10000)
        return page

    def linkedin(self, path: str):
        page = self.context.new_page()
        page.goto(f"https://www.linkedin.com{path}")
        return page

    def tab_id(self, url_prefix: str, helper_page) -> int:
        """The browser's tab id for the (single) tab whose URL starts with url_prefix."""
        return helper_page.evaluate(
            """async (prefix) => {
                 const tabs = await chrome.tabs.query({});
                 const t = tabs.find((x) => (x.url || "").startsWith(prefix));
                 return t ? t.id : null;
               }""", url_prefix)

    def panel(self, tab_id: int, theme: str | None = None):
        """The sidebar page for `tab_id`, in its own pop-up window (as the pop-out does).

        A separate window keeps the LinkedIn tab visible: a tab hidden behind another in the same
        window gets its timers throttled to once a second, which no real side panel causes.
        """
        query = f"?tab={tab_id}" + (f"&theme={theme}" if theme else "")
        url = f"{self.base}/src/panel/panel.html{query}"
        helper = self.options()
        with self.context.expect_page() as info:
            helper.evaluate("(url) => chrome.windows.create({url, type: 'popup', width: 420, height: 900})", url)
        helper.close()
        page = info.value
        page.wait_for_load_state()
        return page

    def stop_service_workers(self, page) -> None:
        cdp = self.context.new_cdp_session(page)
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        cdp.detach()


def type_slowly(page, text: str, delay: float = 15) -> None:
    page.keyboard.type(text, delay=delay)


def clear_field(page) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05, message: str = "condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


def copy_extension(dest: Path) -> Path:
    """A copy of the unpacked extension (for tests that must not touch the source tree)."""
    shutil.copytree(EXT_DIR, dest, ignore=shutil.ignore_patterns("node_modules", "dist", "scripts", "protocol"))
    return dest


# --- pytest fixtures (imported by the test modules) -------------------------------------------------


@pytest.fixture(scope="module")
def pw():
    """Playwright's sync API for one test module (stopped after it, so no event loop leaks into
    other modules' asyncio tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def ext_browser(pw, tmp_path):
    browser = Browser(pw, tmp_path / "chromium-profile")
    yield browser
    browser.close()


@pytest.fixture
def companion_proc(tmp_path):
    companion = Companion(tmp_path / "companion-data").start()
    yield companion
    companion.stop()


@pytest.fixture
def paired(ext_browser, companion_proc):
    """A browser paired with a running companion: (browser, companion)."""
    ext_browser.pair(companion_proc).close()
    return ext_browser, companion_proc
