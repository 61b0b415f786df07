"""The parsers read what the extension really sends: each fixture is loaded in Debian's Chromium
(declarative shadow roots become real ones), serialized by the extension's own
content/serialize.js (no images, scripts or styles; open shadow roots as <template
shadowrootmode="open">), and the result must parse exactly like the fixture itself."""

from pathlib import Path

import pytest

from companion.pages import parse_snapshot

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "linkedin"
SERIALIZER = REPO / "extension" / "src" / "content" / "serialize.js"
CHROMIUM = "/usr/bin/chromium"
URLS = {
    "classic_messaging_thread.html": "https://www.linkedin.com/messaging/thread/2-ZmFrZQ==/",
    "sdui_profile_own.html": "https://www.linkedin.com/in/sara-lindgren-dev/",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists() or not SERIALIZER.exists(), reason="needs Chromium and the extension"),
]


@pytest.fixture(scope="module")
def snapshots():
    from playwright.sync_api import sync_playwright

    names = sorted(p.name for p in FIXTURES.glob("*.html"))
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--password-store=basic"])
        try:
            page = browser.new_page()
            current = {}
            page.route("**/*", lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                           body=current["html"])
                       if route.request.url.startswith("https://www.linkedin.com/") else route.abort())
            for name in names:
                current["html"] = (FIXTURES / name).read_text(encoding="utf-8")
                url = URLS.get(name, "https://www.linkedin.com/in/fixture/")
                page.goto(url, wait_until="domcontentloaded")
                page.add_script_tag(content=SERIALIZER.read_text(encoding="utf-8"))
                out[name] = (url, page.evaluate("() => globalThis.__tactful.serialize().html"))
        finally:
            browser.close()
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_extension_snapshot_parses_like_the_fixture(snapshots, name):
    url, snapshot = snapshots[name]
    assert "<img" not in snapshot  # the serializer really trimmed it
    direct = parse_snapshot(url, (FIXTURES / name).read_text(encoding="utf-8"))
    via_browser = parse_snapshot(url, snapshot)
    assert via_browser.model_dump(exclude={"warnings"}) == direct.model_dump(exclude={"warnings"})


def test_shadow_roots_survive_the_round_trip(snapshots):
    _, snapshot = snapshots["sdui_profile_3rd_invite_dialog.html"]
    assert '<template shadowrootmode="open">' in snapshot
    r = parse_snapshot(None, snapshot)
    assert (r.composer.surface, r.composer.limit) == ("connection_note", 200)
