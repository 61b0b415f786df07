"""Pairing through the browser (native messaging) in real Chromium: the host registered in the
profile's NativeMessagingHosts folder (Chromium reads no other when --user-data-dir is set), the
real extension, a real companion. The fresh-profile-to-feedback path runs in both browsers in
tests/extension_scenarios.json ("paired_by_the_browser_*"); these are the Chromium-only cases."""

import json
import subprocess
import sys
import time

import pytest

from extension_support import (  # noqa: F401 - fixtures
    EXT_DIR, REPO, Browser, Squatter, companion_proc, copy_extension, free_port, needs_chromium, pw, wait_until,
)

pytestmark = [pytest.mark.browser, needs_chromium]


def browser_install(companion, hosts_dir, *extra) -> None:
    out = subprocess.run([sys.executable, "-m", "companion", "browser", "install", "--browser", "chromium",
                          "--no-start", "--dir", str(hosts_dir), "--data-dir", str(companion.data_dir), *extra],
                         capture_output=True, text=True, cwd=REPO, timeout=30)
    assert out.returncode == 0, out.stderr


def clients(companion) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "companion", "clients", "--json", "--data-dir", str(companion.data_dir)],
                         capture_output=True, text=True, cwd=REPO, timeout=30)
    assert out.returncode == 0, out.stderr
    raw = json.loads(out.stdout)
    return raw["clients"] if isinstance(raw, dict) else raw


def natively_paired(pw, tmp_path, companion):
    """A fresh profile with the host registered, paired through the browser: (browser, options page)."""
    from playwright.sync_api import expect

    profile = tmp_path / "profile"
    browser_install(companion, profile / "NativeMessagingHosts")
    browser = Browser(pw, profile)
    page = browser.options()
    try:
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=20000)
    except AssertionError:
        browser.close()
        raise
    return browser, page


def stored(page) -> dict:
    return page.evaluate("() => chrome.storage.local.get(null)")


def test_an_extension_with_another_id_is_refused(pw, tmp_path, companion_proc):
    """The same extension without its key gets another id: the browser will not start the host for
    it, so it stays unpaired and the companion has no new client."""
    from playwright.sync_api import expect

    ext = copy_extension(tmp_path / "unkeyed")
    manifest = json.loads((ext / "manifest.json").read_text())
    del manifest["key"]
    (ext / "manifest.json").write_text(json.dumps(manifest))
    profile = tmp_path / "profile"
    browser_install(companion_proc, profile / "NativeMessagingHosts")
    browser = Browser(pw, profile, ext_dir=ext)
    try:
        assert browser.ext_id != "lejjfdkkilgackldcppcmhcgpokokfek"
        page = browser.options()
        expect(page.locator('[data-field="status-detail"]')).to_contain_text("forbidden", timeout=15000)
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
        page.click('[data-action="introduce"]')
        expect(page.locator('[data-field="native-result"]')).to_contain_text("Not paired", timeout=15000)
        assert "token" not in stored(page)
        assert clients(companion_proc) == []
    finally:
        browser.close()


def test_a_squatter_on_the_extensions_port_gets_nothing_and_a_late_install_pairs(pw, tmp_path, companion_proc):
    """Before the host is installed the extension dials nothing (unpaired). The user installs it while
    the browser runs and clicks "Pair through the browser": the port and token come from the host,
    so the program on the port the extension had been set to never receives a code, a token or a frame."""
    from playwright.sync_api import expect

    squatter = Squatter(free_port()).start()
    profile = tmp_path / "profile"
    browser = Browser(pw, profile)
    try:
        page = browser.set_port(squatter.port)
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
        browser_install(companion_proc, profile / "NativeMessagingHosts")
        page.click('[data-action="introduce"]')
        expect(page.locator('[data-field="native-result"]')).to_contain_text("Paired through the browser",
                                                                              timeout=15000)
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=15000)
        expect(page.locator('[data-field="paired-via"]')).to_have_attribute("data-via", "native")
        got = stored(page)
        assert got["port"] == companion_proc.port and got["pairedVia"] == "native"
        time.sleep(1.0)
        assert squatter.connections == 0 and squatter.raw == []
        [client] = clients(companion_proc)
        assert client["name"] == got["clientName"]
        assert client["origin"] == f"chrome-extension://{browser.ext_id}"
    finally:
        browser.close()
        squatter.stop()


def test_unpairing_sticks_and_code_pairing_still_works(pw, tmp_path, companion_proc):
    """Revoked in the companion (`tactful unpair`), the extension forgets its token and does not pair
    itself again behind the user's back; the options page's button or a code pairs it again."""
    from playwright.sync_api import expect

    browser, page = natively_paired(pw, tmp_path, companion_proc)
    try:
        name = stored(page)["clientName"]
        out = subprocess.run([sys.executable, "-m", "companion", "unpair", name, "--data-dir",
                              str(companion_proc.data_dir)], capture_output=True, text=True, cwd=REPO, timeout=30)
        assert out.returncode == 0, out.stderr
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired", timeout=20000)
        time.sleep(6)  # longer than the extension's retry interval for introductions
        assert "token" not in stored(page) and clients(companion_proc) == []
        # A code still pairs, and says so.
        browser.pair(companion_proc)
        expect(page.locator('[data-field="paired-via"]')).to_have_attribute("data-via", "code", timeout=10000)
        page.click('[data-action="unpair"]')
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
        page.click('[data-action="introduce"]')
        expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=20000)
        expect(page.locator('[data-field="paired-via"]')).to_have_attribute("data-via", "native")
    finally:
        browser.close()


def test_after_an_unpair_the_options_page_and_the_sidebar_say_how_to_pair_again(pw, tmp_path, companion_proc):
    """Unpaired on the options page: it keeps the name to revoke (`tactful unpair "NAME"`, still
    listed by the companion), greys out Unpair, and the sidebar says the browser was unpaired and
    how to pair again, not to install the host or that the companion is down. Paired again, no
    "Unpaired" is left on the page."""
    from playwright.sync_api import expect

    from test_extension_sidebar import POLITE, open_tab

    browser, options = natively_paired(pw, tmp_path, companion_proc)
    try:
        expect(options.locator('[data-field="local-only"]')).to_have_text(
            "Local-only mode: on — nothing leaves this machine.")
        name = stored(options)["clientName"]
        expect(options.locator('[data-field="client-name"]')).to_have_text(name)
        page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
        page.click(".msg-form__contenteditable")
        page.keyboard.type(POLITE, delay=1)
        expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live", timeout=10000)

        options.bring_to_front()
        options.click('[data-action="unpair"]')
        expect(options.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
        expect(options.locator('[data-field="client-name"]')).to_have_text(name)  # what `tactful unpair` needs
        assert name in [c["name"] for c in clients(companion_proc)]
        expect(options.locator('[data-action="unpair"]')).to_be_disabled()
        expect(options.locator('[data-field="unpair-result"]')).to_contain_text("Unpaired")

        help_ = panel.locator('[data-section="connection-help"]')
        expect(help_).to_contain_text("You unpaired this browser", timeout=10000)
        expect(help_).to_contain_text("Pair through the browser")
        expect(help_).not_to_contain_text("tactful browser install")
        stale = panel.locator('[data-field="stale"]')
        expect(stale).to_contain_text("this browser is not paired")
        expect(stale).not_to_contain_text("not answering")

        options.click('[data-action="introduce"]')
        expect(options.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=20000)
        expect(options.locator('[data-field="native-result"]')).to_have_text("Paired through the browser.")
        expect(options.locator('[data-action="unpair"]')).to_be_enabled()
        expect(options.locator("main")).not_to_contain_text("Unpaired")
        expect(options.locator('[data-field="client-name"]')).to_have_text(stored(options)["clientName"])
        expect(help_).to_be_hidden(timeout=10000)
    finally:
        browser.close()
