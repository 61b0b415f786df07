"""The extension in real Chromium: pairing through the options page, the handshake that keeps an
impostor on the port from learning anything, and no content script outside LinkedIn."""

import json
import re
import time

import pytest

from extension_support import (  # noqa: F401 - fixtures
    EXT_ID, Squatter, companion_proc, ext_browser, free_port, needs_chromium, paired, pw, wait_until,
)

pytestmark = [pytest.mark.browser, needs_chromium]


def test_extension_id_is_stable(ext_browser):
    assert ext_browser.ext_id == EXT_ID


def test_pairing_through_the_options_page(ext_browser, companion_proc):
    from playwright.sync_api import expect

    page = ext_browser.options()
    expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
    ext_browser.pair(companion_proc)
    # The companion lists the browser under the name the extension chose.
    import subprocess, sys, json
    out = subprocess.run([sys.executable, "-m", "companion", "clients", "--json", "--data-dir",
                          str(companion_proc.data_dir)], capture_output=True, text=True)
    if out.returncode == 0 and out.stdout.strip().startswith(("[", "{")):
        assert "Tactful extension (Chrome)" in out.stdout
    # A fresh options page (a new connection) still shows connected: the token was kept.
    again = ext_browser.options()
    expect(again.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected")


def test_wrong_code_is_refused_and_nothing_is_kept(ext_browser, companion_proc):
    from playwright.sync_api import expect

    page = ext_browser.set_port(companion_proc.port)
    page.fill('input[name="pairing-code"]', "WRONG-CODE")
    page.click('[data-action="pair"]')
    expect(page.locator('[data-field="pair-result"]')).to_contain_text("failed", timeout=10000)
    expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
    stored = page.evaluate("() => chrome.storage.local.get('token')")
    assert "token" not in stored


def test_unpair_forgets_the_token(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page = browser.options()
    expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected")
    page.click('[data-action="unpair"]')
    expect(page.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
    assert "token" not in page.evaluate("() => chrome.storage.local.get('token')")


def test_unpaired_shows_unpaired_and_sends_no_page_data(ext_browser):
    from playwright.sync_api import expect

    squatter = Squatter(free_port()).start()
    try:
        ext_browser.set_port(squatter.port)
        page = ext_browser.linkedin("/in/dana-whitfield/")
        helper = ext_browser.options()
        tab = ext_browser.tab_id("https://www.linkedin.com/in/dana-whitfield/", helper)
        panel = ext_browser.panel(tab)
        expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired")
        expect(panel.locator('[data-section="connection-help"]')).to_contain_text("tactful pair")
        page.click(".msg-form__contenteditable")
        page.keyboard.type("Hi Dana, could you refer me?")
        time.sleep(1.0)
        assert squatter.connections == 0 and squatter.frames == []
    finally:
        squatter.stop()


@pytest.mark.parametrize("mode", ["wrong_proof", "no_challenge"])
def test_an_impostor_on_the_port_learns_no_token_and_no_page_data(paired, mode):
    """Paired, then the companion is replaced by a program that answers like one but cannot prove
    it holds this browser's token verifier: it never sees the token, an `auth` frame, a page or a
    draft, and the sidebar says the program on the port is not the paired companion. When the real
    companion is back on the port, the same pairing connects again and the page comes back."""
    from playwright.sync_api import expect

    browser, companion = paired
    port = companion.port
    stored = browser.options().evaluate("() => chrome.storage.local.get(['token', 'clientName'])")
    token = stored["token"]
    assert len(token) >= 40 and stored["clientName"]
    companion.stop()
    squatter = Squatter(port, mode=mode).start()
    try:
        page = browser.linkedin("/in/dana-whitfield/")
        helper = browser.options()
        tab = browser.tab_id("https://www.linkedin.com/in/dana-whitfield/", helper)
        panel = browser.panel(tab)
        page.click(".msg-form__contenteditable")
        page.keyboard.type("Hi Dana, could you refer me?")
        wait_until(lambda: squatter.connections >= 1 and squatter.frames, message="the extension to try the port")
        time.sleep(1.5)
        expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "disconnected")
        help_text = panel.locator('[data-section="connection-help"]')
        expect(help_text).to_contain_text(f"Another program is answering on port {port}")
        expect(help_text).to_contain_text("not your paired Tactful companion")
        assert set(squatter.types()) == {"auth_begin"}, squatter.types()
        assert not any(token in raw for raw in squatter.raw)
        assert all(f.get("client_name") == stored["clientName"] for f in squatter.frames)
        # The pairing is kept: a squatter's failed proof is no reason to forget it.
        assert helper.evaluate("() => chrome.storage.local.get('token')").get("token") == token
    finally:
        squatter.stop()
    companion.start()  # same port, same data dir
    panel.click('[data-action="retry"]')
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected", timeout=15000)
    expect(panel.locator('[data-field="recipient-name"]')).not_to_be_empty(timeout=10000)


def test_no_content_script_outside_linkedin(paired):
    """Chromium creates an isolated world named after the extension where its content script runs:
    there is one on LinkedIn and none on example.com."""
    browser, _ = paired

    def worlds(url):
        page = browser.context.new_page()
        cdp = browser.context.new_cdp_session(page)
        seen = []
        cdp.on("Runtime.executionContextCreated", lambda e: seen.append(e["context"]))
        cdp.send("Runtime.enable")
        page.goto(url)
        time.sleep(0.8)
        cdp.detach()
        page.close()
        return [c for c in seen if c.get("auxData", {}).get("type") == "isolated"]

    assert any(c.get("name") == "Tactful" for c in worlds("https://www.linkedin.com/in/dana-whitfield/"))
    assert not any(c.get("name") == "Tactful" for c in worlds("https://example.com/"))


def test_the_extension_changes_nothing_in_linkedin_pages(paired, pw):
    """The same page, the same typing, with and without the extension: LinkedIn's DOM (editor
    included) ends up byte-for-byte the same. Tactful injects no UI and never writes to the editor."""
    from extension_support import CHROMIUM, serve_fixtures

    browser, _ = paired

    def typed_dom(context):
        page = context.new_page()
        page.goto("https://www.linkedin.com/in/lee-park/")
        page.click("#message")
        page.locator("#interop-outlet .msg-form__contenteditable").click()
        page.keyboard.type("Hi Lee, could you refer me? Thanks!", delay=5)
        time.sleep(1.0)
        return page.evaluate("""() => document.documentElement.outerHTML + '\\n' +
            document.getElementById('interop-outlet').shadowRoot.innerHTML""")

    with_extension = typed_dom(browser.context)
    plain = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--password-store=basic"])
    try:
        context = plain.new_context()
        serve_fixtures(context)
        without = typed_dom(context)
    finally:
        plain.close()
    assert with_extension == without


def test_the_worker_checks_the_proof_as_documented(ext_browser):
    """proof.js (Web Crypto) against the worked example in docs/protocol.md, and against each way
    an impostor could get it wrong."""
    page = ext_browser.options()
    result = page.evaluate("""async () => {
        const { verifyServerProof, newNonce, fromB64url } = await import("/src/background/proof.js");
        const good = { token: "q3V9l2n0y2mQeE8o0c5JpW7xK1sR4tU6vY8zA0bC2dE", salt: "ABEiM0RVZneImaq7zN3u_w",
                       nonce: "AAECAwQFBgcICQoLDA0ODw", port: 8765,
                       proof: "fdIAz2RQxwaAlW99TD7DNwBQ2QAyRWpmvwyowMTU8Bc" };
        const check = (over) => verifyServerProof({ ...good, ...over });
        return {
            good: await check({}),
            otherPort: await check({ port: 8766 }),
            otherToken: await check({ token: good.token.replace("q", "r") }),
            otherSalt: await check({ salt: "ABEiM0RVZneImaq7zN3u_A" }),
            otherNonce: await check({ nonce: "AAECAwQFBgcICQoLDA0OEA" }),
            flipped: await check({ proof: "gdIAz2RQxwaAlW99TD7DNwBQ2QAyRWpmvwyowMTU8Bc" }),
            garbage: await check({ proof: "not base64!" }),
            missing: await check({ salt: undefined }),
            nonceBytes: fromB64url(newNonce()).length,
            fresh: newNonce() !== newNonce(),
        };
    }""")
    assert result == {"good": True, "otherPort": False, "otherToken": False, "otherSalt": False,
                      "otherNonce": False, "flipped": False, "garbage": False, "missing": False,
                      "nonceBytes": 32, "fresh": True}


def test_the_options_page_shows_the_companions_local_only_mode(paired):
    """Read-only: what the companion said in its handshake, and where to change it."""
    from playwright.sync_api import expect

    browser, companion = paired
    page = browser.options()
    mode = page.locator('[data-field="local-only"]')
    expect(mode).to_have_text("Local-only mode: on — nothing leaves this machine.", timeout=10000)
    expect(page.locator("main")).to_contain_text("settings.json")
    companion.stop()
    expect(mode).to_contain_text("unknown until the companion is connected", timeout=15000)
    settings = companion.data_dir / "settings.json"
    kept = json.loads(settings.read_text()) if settings.exists() else {}
    settings.write_text(json.dumps({**kept, "local_only": False}))
    companion.start()
    expect(mode).to_have_text(re.compile(r"^Local-only mode: off\b"), timeout=20000)
