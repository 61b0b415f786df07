"""The extension recovers without retyping: when the companion dies and comes back, and when
Chrome stops the MV3 service worker."""


import pytest

from extension_support import (  # noqa: F401 - fixtures
    companion_proc, ext_browser, needs_chromium, paired, pw, wait_until,
)
from test_extension_sidebar import finding, open_tab, sw_eval, type_demanding, version

pytestmark = [pytest.mark.browser, needs_chromium]


def test_companion_restart_shows_disconnected_then_rerenders_without_retyping(paired):
    from playwright.sync_api import expect

    browser, companion = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield")
    connection = panel.locator('[data-field="connection"]')

    companion.kill()
    expect(connection).to_have_attribute("data-state", "disconnected", timeout=10000)
    expect(panel.locator('[data-section="connection-help"]')).to_contain_text("tactful serve")

    companion.start()  # same port, same data dir: the pairing survives
    expect(connection).to_have_attribute("data-state", "connected", timeout=20000)
    # The new connection knows nothing until the worker resends page and draft: prove it did by
    # the fresh feedback and the recipient parsed again on the new server.
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield")
    assert "Dana" in panel.locator('[data-field="recipient-name"]').inner_text()
    # Typing goes on working on the new connection.
    v = version(panel)
    page.keyboard.type(" Thank you for your time!", delay=5)
    expect(finding(panel, "courtesy.gratitude-missing")).to_have_count(0, timeout=10000)
    assert version(panel) > v


def test_the_reconnect_backoff_stays_at_a_few_seconds_and_a_restarted_companion_is_live_again(paired):
    """The companion is on loopback: retrying costs a refused local connection, while a long wait
    costs the user. However long it was down, the worker's wait between attempts stays at a couple
    of seconds (its own figure, not a stopwatch), and once the companion listens again the sidebar
    shows fresh feedback for what was typed meanwhile."""
    from playwright.sync_api import expect

    browser, companion = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    feedback = panel.locator('[data-field="feedback"]')
    companion.kill()
    expect(feedback).to_have_attribute("data-state", "stale", timeout=10000)
    # Wait until the backoff stops growing: two failed attempts in a row that waited alike.
    waits: list = []  # (attempt, its wait) as the worker reports them between attempts

    def at_its_cap():
        gen, state, wait = sw_eval(browser, "() => [__tactful.client.generation, __tactful.client.state, "
                                            "__tactful.client.detail.retryInMs ?? null]")
        if state == "disconnected" and wait and (not waits or waits[-1][0] != gen):
            waits.append((gen, wait))
        return len(waits) >= 2 and waits[-1][1] == waits[-2][1]

    wait_until(at_its_cap, timeout=60, interval=0.05, message="the backoff at its cap")
    assert waits[-1][1] <= 3000, waits  # bounded, and by a few seconds
    page.keyboard.type(" Thank you!", delay=10)  # typed while it was down: only a fresh answer fits it
    companion.start()
    expect(feedback).to_have_attribute("data-state", "live", timeout=15000)
    draft = sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft")
    assert panel.locator("#feedback").get_attribute("data-version") == str(draft["version"])


def test_stopped_service_worker_recovers_when_typing_again(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    browser.service_worker.evaluate("() => { globalThis.__beforeStop = true; }")

    browser.stop_service_workers(page)
    # A worker that lost its globals is a new one: the old one really stopped.
    wait_until(lambda: _fresh_worker(browser), message="the worker to stop and come back")

    page.keyboard.type(" Thank you so much for your time!", delay=10)
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=15000)
    expect(finding(panel, "courtesy.gratitude-missing")).to_have_count(0, timeout=15000)
    expect(finding(panel, "tone.demanding").first).to_be_visible()
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    # The revived worker holds this tab's state again, rebuilt from the sensor.
    worker = _fresh_worker(browser)
    assert worker.evaluate(f"() => __tactful.tabs.get({tab})?.draft?.text.includes('Thank you')")


def _fresh_worker(browser):
    for worker in reversed(browser.context.service_workers):
        try:
            if worker.evaluate("() => globalThis.__beforeStop !== true && Boolean(globalThis.__tactful)"):
                return worker
        except Exception:  # the stopped worker's handle
            continue
    return None


def test_a_huge_page_is_trimmed_and_the_connection_survives(paired):
    """A profile page far above the companion's 8 MiB `page` cap (3 M characters of 3-byte UTF-8
    text): the snapshot is capped, the companion keeps the connection, typing still gets feedback."""
    from playwright.sync_api import expect

    browser, _ = paired
    filler = "<p>" + ("\u2603" * 1000) + "</p>"
    body = ("<!DOCTYPE html><html><head><title>Huge Page | LinkedIn</title></head><body><main>"
            + filler * 3000 + "</main><form class='msg-form'><div class='msg-form__contenteditable' "
            "contenteditable='true' role='textbox'></div></form></body></html>")
    browser.context.route("https://www.linkedin.com/in/huge-page/", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=body))
    page, panel, tab = open_tab(browser, "/in/huge-page/")
    html_len = wait_until(lambda: browser.service_worker.evaluate(f"() => __tactful.tabs.get({tab})?.html?.length || 0"),
                          timeout=20, message="the snapshot")
    assert html_len <= 2_500_000 < len(body)
    type_demanding(page, panel, timeout=20000)
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected")
