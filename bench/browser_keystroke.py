"""Keystroke to sidebar update in the real browser, and the content script's CPU per keystroke.

    /work/venv/bin/python bench/browser_keystroke.py              # short: 150 keystrokes per pace
    /work/venv/bin/python bench/browser_keystroke.py --keys 500   # the figure in docs/performance.md

Setup: `tactful serve` as a subprocess (temp data dir), Debian's Chromium with the unpacked
extension (Playwright, headless), paired through the options page, the made-up classic profile
tests/fixtures/extension/classic_profile.html served by route interception, and the sidebar page
(panel.html?tab=<id>) open in its own tab. The composer is pre-filled with most of a 150-word
message, then the last N characters are typed one key at a time, at two paces:
  - "100 wpm": 120 ms between keys (a fast typist): every keystroke goes out at once.
  - "burst": 30 ms between keys (key repeat, very fast bursts): the sensor coalesces drafts to
    one per 100 ms, so a keystroke may wait for the next send.

Keystroke time: a capture listener on `window` in the page's main world (it runs before the
content script's listener on `document`). Sidebar time: a MutationObserver on the panel's
#feedback[data-version] (the DOM is updated; painting comes after), noting the draft length the
update shows ("N / 8000 characters"). Both clocks are
performance.timeOrigin + performance.now() (one machine clock). A keystroke's latency is the time
until the first sidebar update whose draft includes it.

CPU: V8's sampling profiler on the LinkedIn tab (100 us interval) while typing; samples whose
function lives in chrome-extension:// are the content script's. Reported per keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extension_support import Browser, Companion  # noqa: E402

WORDS = (
    "Hi Dana, I hope your week is going well. I came across your talk on robotics fleet software at "
    "the Lisbon meetup last spring, and your point about testing against recorded field data changed "
    "how I review our own simulations, so thank you for sharing it. I am a backend engineer with five "
    "years of experience building telemetry pipelines for warehouse robots at Parcel Motion, where I "
    "led the move of our ingestion path to a streaming design and cut alert delays by half. I am "
    "applying for the Senior Backend Engineer role on the Fleet Platform team at Acme Robotics (job "
    "ID 448812), and it looks like a close match for what I have been doing. Would you be open to "
    "referring me, or to a short chat about the team first? I am happy to send my resume and a two "
    "line summary so it takes you only a minute. No worries at all if the timing is not right. "
    "Thank you for reading this far and for your time, Sam"
)

KEY_RECORDER = """() => {
  window.__keys = [];
  addEventListener("input", () => window.__keys.push(performance.timeOrigin + performance.now()), true);
}"""
PANEL_RECORDER = """() => {
  window.__renders = [];
  const fb = document.querySelector("#feedback");
  new MutationObserver(() => {
    const used = parseInt(document.querySelector('[data-field="limits"]').textContent, 10);
    if (Number.isFinite(used)) window.__renders.push([used, performance.timeOrigin + performance.now()]);
  }).observe(fb, { attributes: true, attributeFilter: ["data-version"] });
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run_pace(browser, page, panel, keys: int, delay_ms: int, profile_cpu: bool = False) -> dict:
    """Types the last `keys` characters at `delay_ms` spacing; returns latencies, or with
    profile_cpu the content script's CPU (the profiler slows the page, so never both at once)."""
    page.click(".msg-form__contenteditable")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    head, tail = WORDS[:-keys], WORDS[-keys:]
    page.keyboard.insert_text(head)
    # Wait until the sidebar shows the pre-filled draft; its length anchors the keystrokes below.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        shown = panel.locator('[data-field="limits"]').inner_text()
        if shown.startswith(f"{len(head)} /"):
            break
        time.sleep(0.05)
    else:
        raise RuntimeError(f"the sidebar never showed the pre-filled draft (shows {shown!r})")
    panel.evaluate("() => { window.__renders.length = 0; }")
    page.evaluate("() => { window.__keys.length = 0; }")

    if profile_cpu:
        cdp = browser.context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 100})
        cdp.send("Profiler.start")
    for ch in tail:
        page.keyboard.type(ch)
        if delay_ms:
            time.sleep(delay_ms / 1000)
    time.sleep(0.8)
    if profile_cpu:
        profile = cdp.send("Profiler.stop")["profile"]
        cdp.detach()
        keys_typed = len(page.evaluate("() => window.__keys"))
        return {"keys": keys_typed, "cpu_per_key_ms": _extension_cpu_ms(profile) / max(1, keys_typed)}

    key_times = page.evaluate("() => window.__keys")
    renders = panel.evaluate("() => window.__renders")
    # Keystroke i (0-based) makes the draft len(head) + i + 1 characters long: its update is the
    # first render showing at least that many (a coalesced send answers several keystrokes).
    latencies = []
    for i, t in enumerate(key_times):
        want = len(head) + i + 1
        after = [rt for used, rt in renders if used >= want and rt >= t]
        if after:
            latencies.append(min(after) - t)
    return {
        "keys": len(key_times),
        "measured": len(latencies),
        "median": statistics.median(latencies) if latencies else float("nan"),
        "p99": percentile(latencies, 99) if latencies else float("nan"),
        "renders": len(renders),
    }


def _extension_cpu_ms(profile: dict) -> float:
    """Self time of profile nodes whose code comes from chrome-extension:// (the content script)."""
    ext_nodes = {n["id"] for n in profile["nodes"] if n["callFrame"].get("url", "").startswith("chrome-extension://")}
    deltas = profile.get("timeDeltas", [])
    samples = profile.get("samples", [])
    total_us = 0
    for i, node in enumerate(samples):
        if node in ext_nodes and i + 1 < len(deltas):
            total_us += deltas[i + 1]
    return total_us / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=150, help="keystrokes per pace (the reported figure uses 500)")
    parser.add_argument("--headed", action="store_true", help="run Chromium headed (needs a display)")
    args = parser.parse_args(argv)
    keys = max(10, min(args.keys, len(WORDS) - 50))

    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        tmp = Path(tmp)
        companion = Companion(tmp / "data").start()
        browser = Browser(pw, tmp / "profile", headless=not args.headed)
        try:
            browser.pair(companion).close()
            page = browser.linkedin("/in/dana-whitfield/")
            page.evaluate(KEY_RECORDER)
            helper = browser.options()
            tab = browser.tab_id("https://www.linkedin.com/in/dana-whitfield/", helper)
            helper.close()
            panel = browser.panel(tab)
            expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=15000)
            panel.evaluate(PANEL_RECORDER)
            words = len(WORDS.split())
            print(f"message: {words} words, {len(WORDS)} characters; last {keys} typed one key at a time")
            print("keystroke -> sidebar updated")
            print(f"  {'pace':<22}{'keys':>6}{'median ms':>11}{'p99 ms':>9}{'updates':>9}")
            for label, delay in (("100 wpm (120 ms/key)", 120), ("burst (30 ms/key)", 30)):
                r = run_pace(browser, page, panel, keys, delay)
                print(f"  {label:<22}{r['measured']:>6}{r['median']:>11.2f}{r['p99']:>9.2f}{r['renders']:>9}")
            print("content script CPU (V8 sampling profiler, separate pass)")
            for label, delay in (("100 wpm (120 ms/key)", 120), ("burst (30 ms/key)", 30)):
                r = run_pace(browser, page, panel, keys, delay, profile_cpu=True)
                print(f"  {label:<22}{r['keys']:>6} keys {r['cpu_per_key_ms']:>8.3f} ms per keystroke")
        finally:
            browser.close()
            companion.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
