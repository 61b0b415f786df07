"""The extension's wiring in real Chromium: the toolbar button and the side panel. Its pure
modules (per-tab state, command frames, the server proof, render helpers) are tested under Node's
own runner: tests/js/extension_units.test.mjs, run by .ci/run."""

import pytest

from extension_support import ext_browser, needs_chromium, pw, wait_until  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]


def test_toolbar_button_opens_the_side_panel(ext_browser):
    """The worker sets openPanelOnActionClick, so the toolbar button (and its shortcut) opens the
    panel; the manifest names the panel page."""
    behavior = ext_browser.service_worker.evaluate("() => chrome.sidePanel.getPanelBehavior()")
    assert behavior == {"openPanelOnActionClick": True}
    options = ext_browser.service_worker.evaluate("() => chrome.sidePanel.getOptions({})")
    assert options["path"] == "src/panel/panel.html" and options["enabled"] is True


def test_real_side_panel_follows_the_active_tab(pw, tmp_path):
    """Opens the real side panel (chrome.sidePanel.open with a user gesture) next to a LinkedIn
    tab. Without ?tab it follows the active tab: it knows that tab is a LinkedIn profile, and shows
    the connection state. A smoke test; the behaviour tests drive panel.html as a page (same code),
    because Playwright does not list side panels among its pages."""
    import json
    import queue
    import time

    from extension_support import Browser

    browser = Browser(pw, tmp_path / "profile")
    try:
        page = browser.linkedin("/in/dana-whitfield/")
        helper = browser.options()
        tab = browser.tab_id("https://www.linkedin.com/in/dana-whitfield/", helper)
        page.bring_to_front()
        hcdp = browser.context.new_cdp_session(helper)
        opened = hcdp.send("Runtime.evaluate", {
            "expression": f"chrome.sidePanel.open({{tabId: {tab}}}).then(() => 'ok', (e) => String(e))",
            "userGesture": True, "awaitPromise": True})
        assert opened["result"]["value"] == "ok"
        bcdp = browser.context.browser.new_browser_cdp_session()
        target = wait_until(lambda: next((t for t in bcdp.send("Target.getTargets")["targetInfos"]
                                          if t["url"].endswith("/src/panel/panel.html")), None),
                            message="the side panel target")
        replies: queue.Queue = queue.Queue()
        bcdp.on("Target.receivedMessageFromTarget", lambda e: replies.put(json.loads(e["message"])))
        session = bcdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})["sessionId"]

        def panel_eval(expression, msg_id):
            bcdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
                {"id": msg_id, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": True}})})
            end = time.monotonic() + 10
            while time.monotonic() < end:
                # The sync API delivers CDP events only while it runs: wait through Playwright.
                page.wait_for_timeout(20)
                while not replies.empty():
                    reply = replies.get()
                    if reply.get("id") == msg_id:
                        return reply["result"]["result"].get("value")
            raise AssertionError("the side panel did not answer")

        probe = ("JSON.stringify([document.querySelector('[data-field=connection]').dataset.state, "
                 "document.querySelector('[data-section=empty]').textContent])")
        deadline = time.monotonic() + 10
        state = None
        n = 0
        while time.monotonic() < deadline:
            n += 1
            raw = panel_eval(probe, n)  # None while the panel document is still loading
            state = json.loads(raw) if raw else None
            if state and state[1].startswith("Open a message box"):
                break
            time.sleep(0.2)
        assert state and state[0] == "unpaired", state
        assert state[1].startswith("Open a message box"), state  # it follows the LinkedIn profile tab
    finally:
        browser.close()
