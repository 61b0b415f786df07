"""One description of what users do with the extension, played in two browsers.

tests/extension_scenarios.json lists the scenarios as steps; `play` carries them out through a
driver: `ChromiumDriver` (Playwright, in this process) or `FirefoxDriver` (tests/firefox/driver.mjs,
Puppeteer over WebDriver BiDi, in a node process answering JSON lines). Both read the extension's
pages with the same probes (tests/extension_probes.js), so a scenario cannot mean one thing in
Chromium and another in Firefox.

Steps ("do" acts, "see*" waits until true, then fails with what was seen last):
  do: options | pair | open {path | url} | panel {theme} | click {target: [css, css inside its
      shadow root, ...], on: page (default) | panel} | type {text} | clear | companion {action:
      kill | stop | start} | squatter {mode} (an impostor on the companion's port, see
      extension_support.Squatter) | squatter_gone | sleep {seconds} | screenshot {name}
  see: FIELD (a data-field or data-section) with text | contains | state, on panel (default) | options
  see_finding: CODE, present (default true), contains
  see_tab: {key: value} of what the background knows about the open tab (pageKind, pageStatus, draft)
  see_shortcut: the key the browser registered for opening the sidebar
  see_client: the companion's client list names this browser ("Tactful extension (Firefox) …")
  see_squatter: what the impostor received: {types: [frame types], token: false}
A scenario with "native": true starts its browser after `tactful browser install` registered the
native-messaging host for it (the extension then pairs itself: no code is typed). The Player notes
when the first finding appeared (`first_feedback`, time.monotonic()).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TABLE = json.loads((TESTS / "extension_scenarios.json").read_text(encoding="utf-8"))
SCENARIOS: dict = TABLE["scenarios"]
FIXTURES = TESTS / "fixtures"
PAGES = {path: FIXTURES / name for path, name in TABLE["pages"].items()}
OUTSIDE = {"https://example.com": FIXTURES / TABLE["outside"]}
PROBES = (TESTS / "extension_probes.js").read_text(encoding="utf-8")
LINKEDIN = "https://www.linkedin.com"
SHOT_SIZE = (400, 1000)  # the first screenful of a side panel

FIREFOX = os.environ.get("TACTFUL_FIREFOX", "/usr/bin/firefox-esr")
FIREFOX_DRIVER = TESTS / "firefox" / "driver.mjs"
FIREFOX_UUID = "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"  # the moz-extension:// host the driver pins


def probe_expression(name: str, arg=None) -> str:
    return f"({PROBES}).{name}({json.dumps(arg)})"


# --- the drivers -----------------------------------------------------------------------------------


class ChromiumDriver:
    """Debian's Chromium with the unpacked extension (extension_support.Browser), table pages routed."""

    name = "chromium"

    def __init__(self, browser):
        from urllib.parse import urlparse

        self.browser = browser
        self.pages: dict = {}

        def table_page(route):
            file = PAGES.get(urlparse(route.request.url).path)
            if file:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=file.read_text())
            else:
                route.fallback()

        browser.context.route(f"{LINKEDIN}/**", table_page)

    def options(self):
        self.pages["options"] = self.browser.options()

    def open_tab(self, url):
        page = self.browser.context.new_page()
        page.goto(url)
        self.pages["page"] = page

    def open_panel(self, tab_id, theme=None):
        self.pages["panel"] = self.browser.panel(tab_id, theme=theme)

    def fill(self, page, selector, value):
        self.pages[page].fill(selector, value)

    def click(self, page, target):
        self.pages[page].click(" ".join(target))  # Playwright's CSS pierces open shadow roots

    def type(self, page, text):
        self.pages[page].keyboard.type(text, delay=10)

    def clear(self, page):
        self.pages[page].keyboard.press("Control+A")
        self.pages[page].keyboard.press("Delete")

    def probe(self, page, name, arg=None):
        return self.pages[page].evaluate(probe_expression(name, arg))

    def screenshot(self, page, path):
        self.pages[page].set_viewport_size({"width": SHOT_SIZE[0], "height": SHOT_SIZE[1]})
        self.pages[page].screenshot(path=str(path))

    def close(self):
        self.browser.close()


class FirefoxDriver:
    """firefox-esr driven by tests/firefox/driver.mjs; each method is one JSON-line request."""

    name = "firefox"

    def __init__(self, extension_dir: Path, work: Path, headless: bool = True, home: Path | None = None):
        config = {"extension": str(extension_dir), "probes": str(TESTS / "extension_probes.js"),
                  "routes": {path: str(file) for path, file in PAGES.items()},
                  "outside": {origin: str(file) for origin, file in OUTSIDE.items()},
                  "firefox": FIREFOX, "uuid": FIREFOX_UUID, "headless": headless,
                  "home": str(home) if home else None}  # HOME for Firefox: where it finds native hosts
        work.mkdir(parents=True, exist_ok=True)
        (work / "driver.json").write_text(json.dumps(config))
        self.log_path = work / "driver.log"
        env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(["node", str(FIREFOX_DRIVER), str(work / "driver.json")], cwd=FIREFOX_DRIVER.parent,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def call(self, op, timeout: float = 60.0, **args):
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the Firefox driver did not answer {op} in {timeout} s:\n{self.log()}") from None
        if line is None:
            raise AssertionError(f"the Firefox driver exited (code {self.proc.wait(10)}):\n{self.log()}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError(f"Firefox driver: {op} failed: {answer['error']}")
        return answer["value"]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def options(self):
        self.call("options")

    def open_tab(self, url):
        self.call("open_tab", url=url)

    def open_panel(self, tab_id, theme=None):
        query = f"?tab={tab_id}" + (f"&theme={theme}" if theme else "")
        self.call("open_panel", url=f"/src/panel/panel.html{query}")

    def fill(self, page, selector, value):
        self.call("fill", page=page, selector=selector, value=value)

    def click(self, page, target):
        self.call("click", page=page, target=target)

    def type(self, page, text):
        self.call("type", page=page, text=text)

    def clear(self, page):
        self.call("clear", page=page)

    def probe(self, page, name, arg=None):
        return self.call("probe", page=page, name=name, arg=arg)

    def screenshot(self, page, path):
        self.call("screenshot", page=page, path=str(path), width=SHOT_SIZE[0], height=SHOT_SIZE[1])

    def close(self):
        try:
            if self.proc.poll() is None:
                self.call("close", timeout=30)
            self.proc.wait(30)
        except (AssertionError, BrokenPipeError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(10)


# --- playing a scenario ----------------------------------------------------------------------------


def field_met(step: dict, seen: dict) -> bool:
    name = step["see"]
    if "state" in step:
        return seen["states"].get(name) == step["state"]
    text = seen["fields"].get(name)
    if text is None:
        return False
    return text == step["text"] if "text" in step else step["contains"] in text


def finding_met(step: dict, seen: dict) -> bool:
    hits = [f for f in seen["findings"] if f["code"] == step["see_finding"]]
    if not step.get("present", True):
        return not hits
    return any(step.get("contains", "") in f["text"] for f in hits)


BROWSER_LABEL = {"chromium": "Chrome", "firefox": "Firefox"}  # what the extension calls itself


class Player:
    """Carries out one scenario's steps with a driver against a companion (extension_support.Companion)."""

    def __init__(self, driver, companion, shots: Path):
        self.driver, self.companion, self.shots = driver, companion, shots
        self.has_options = False
        self.tab_id = None
        self.squatter = None
        self.first_feedback = None

    def wait(self, what: str, look, met, timeout: float = 10.0):
        end = time.monotonic() + timeout
        while True:
            seen = look()
            if met(seen):
                return seen
            if time.monotonic() > end:
                raise AssertionError(f"{self.driver.name}: timed out waiting for {what}; last seen: {seen}")
            time.sleep(0.1)

    def observe(self, page: str) -> dict:
        return self.driver.probe(page, "observe")

    def ensure_options(self):
        if not self.has_options:
            self.driver.options()
            self.has_options = True

    def pair(self):
        self.ensure_options()
        port = str(self.companion.port)
        self.driver.fill("options", 'input[name="port"]', port)
        self.driver.click("options", ['[data-action="save-port"]'])
        self.wait("the port to be saved", lambda: self.observe("options"),
                  lambda s: port in s["fields"].get("port-result", ""))
        self.driver.fill("options", 'input[name="pairing-code"]', self.companion.pair_code())
        self.driver.click("options", ['[data-action="pair"]'])
        seen = self.wait("the pairing to end", lambda: self.observe("options"),
                         lambda s: s["fields"].get("pair-result", "") not in ("", "Pairing…"), timeout=20)
        assert "Paired" in seen["fields"]["pair-result"], f"{self.driver.name}: {seen['fields']['pair-result']}"

    def open(self, url: str):
        self.ensure_options()
        self.driver.open_tab(url)
        find = ("tabId", url) if url.startswith(LINKEDIN) else ("newestForeignTab", None)
        self.tab_id = self.wait(f"a tab for {url}", lambda: self.driver.probe("options", *find),
                                lambda tab: tab is not None)
        self.driver.open_panel(self.tab_id)

    def step(self, step: dict):
        d = self.driver
        timeout = step.get("timeout", 15)
        action = step.get("do")
        if action == "options":
            d.options()
            self.has_options = True
        elif action == "pair":
            self.pair()
        elif action == "open":
            self.open(step.get("url") or LINKEDIN + step["path"])
        elif action == "panel":
            d.open_panel(self.tab_id, theme=step.get("theme"))
        elif action == "click":
            d.click(step.get("on", "page"), step["target"])
        elif action == "type":
            d.type("page", step["text"])
        elif action == "clear":
            d.clear("page")
        elif action == "companion":
            getattr(self.companion, step["action"])()
        elif action == "squatter":
            from extension_support import Squatter

            self.token = d.probe("options", "storedToken")
            self.squatter = Squatter(self.companion.port, mode=step["mode"]).start()
        elif action == "squatter_gone":
            self.squatter.stop()
        elif action == "sleep":
            time.sleep(step["seconds"])
        elif action == "screenshot":
            self.shots.mkdir(parents=True, exist_ok=True)
            d.screenshot("panel", self.shots / f"{d.name}-{step['name']}.png")
        elif "see" in step:
            page = step.get("on", "panel")
            self.wait(json.dumps(step), lambda: self.observe(page), lambda s: field_met(step, s), timeout)
        elif "see_finding" in step:
            self.wait(json.dumps(step), lambda: self.observe("panel"), lambda s: finding_met(step, s), timeout)
            if step.get("present", True) and self.first_feedback is None:
                self.first_feedback = time.monotonic()
        elif "see_tab" in step:
            want = step["see_tab"]
            self.wait(json.dumps(step), lambda: d.probe("options", "tabView", self.tab_id),
                      lambda view: all(view.get(k) == v for k, v in want.items()), timeout)
        elif "see_shortcut" in step:
            self.ensure_options()
            shortcut = d.probe("options", "sidebarShortcut")
            assert shortcut == step["see_shortcut"], f"{d.name}: the sidebar shortcut is {shortcut!r}"
        elif "see_client" in step:
            label = f"Tactful extension ({BROWSER_LABEL[d.name]})"
            out = subprocess.run([sys.executable, "-m", "companion", "clients", "--json", "--data-dir",
                                  str(self.companion.data_dir)], capture_output=True, text=True, timeout=30)
            assert out.returncode == 0 and label in out.stdout, f"{d.name}: no {label!r} in {out.stdout}{out.stderr}"
        elif "see_squatter" in step:
            want, sq = step["see_squatter"], self.squatter
            self.wait("the extension to try the impostor", lambda: list(sq.frames), bool)
            assert sorted(set(sq.types())) == want["types"], f"{d.name}: the impostor got {sq.types()}"
            assert want["token"] or not any(self.token in raw for raw in sq.raw), f"{d.name}: the token leaked"
        else:
            raise ValueError(f"unknown step {step}")

    def play(self, scenario: dict):
        for number, step in enumerate(scenario["steps"], 1):
            try:
                self.step(step)
            except AssertionError as err:
                raise AssertionError(f"step {number} {json.dumps(step)}: {err}") from None


def publish_screenshots(shots: Path, prefix: str, docs_img: Path) -> list[Path]:
    """Copies the run's screenshots named `prefix`-* into docs/img (with TACTFUL_UPDATE_SCREENSHOTS=1)."""
    copied = []
    if os.environ.get("TACTFUL_UPDATE_SCREENSHOTS") == "1" and shots.is_dir():
        docs_img.mkdir(parents=True, exist_ok=True)
        for shot in sorted(shots.glob(f"{prefix}-*.png")):
            copied.append(Path(shutil.copy(shot, docs_img / shot.name)))
    return copied
