"""Screenshots of the sidebar in light and dark, from the real extension and companion.

The test checks that the two themes really differ (background and text colours) and that the
dark one keeps readable contrast. With TACTFUL_UPDATE_SCREENSHOTS=1 it also writes
docs/img/sidebar-light.png, docs/img/sidebar-dark.png (the first screenful: score, groups),
docs/img/sidebar-actions.png (the suggestions with Show / Apply / Insert) and
docs/img/sidebar-menu.png (a card's menu open) and docs/img/sidebar-personal.png ("Make it
personal" first, with Insert, for a draft that says nothing personal).
"""

import os
import shutil

import pytest

from extension_support import REPO, companion_proc, ext_browser, needs_chromium, paired, pw  # noqa: F401
from test_extension_sidebar import finding, open_tab

pytestmark = [pytest.mark.browser, needs_chromium]

DRAFT = ("Hi Priya, I hope you're well! I saw the Backend Engineer opening at Acme Robotics. "
         "Could you refer me ASAP? I need an answer today. I have five years of experience with payment systems.")


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_sidebar_light_and_dark(paired, tmp_path):
    from playwright.sync_api import expect

    browser, _ = paired
    page, _, tab = open_tab(browser, "/in/dana-whitfield/")
    page.click(".msg-form__contenteditable")
    page.keyboard.type(DRAFT, delay=1)
    shots = {}
    colours = {}
    for theme in ("light", "dark"):
        panel = browser.panel(tab, theme=theme)
        panel.set_viewport_size({"width": 400, "height": 1000})
        expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
        expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
        colours[theme] = panel.evaluate("""() => {
            const s = getComputedStyle(document.body);
            return [s.backgroundColor, s.color];
        }""")
        expect(panel.locator('[data-group="must"] [data-action="apply"]').first).to_be_visible(timeout=10000)
        shots[theme] = tmp_path / f"sidebar-{theme}.png"
        panel.screenshot(path=str(shots[theme]))  # the first screenful, as in the side panel
        if theme == "light":
            shots["actions"] = tmp_path / "sidebar-actions.png"
            panel.locator('[data-section="suggestions"]').screenshot(path=str(shots["actions"]))
            should = panel.locator('[data-group="should"]')
            should.locator("details.menu summary").first.click()
            expect(should.locator('[data-action="disable-rule"]').first).to_be_visible()
            shots["menu"] = tmp_path / "sidebar-menu.png"
            should.screenshot(path=str(shots["menu"]))
    light_bg, light_fg = (_rgb(c) for c in colours["light"])
    dark_bg, dark_fg = (_rgb(c) for c in colours["dark"])
    assert _luminance(light_bg) > 0.8 and _luminance(dark_bg) < 0.05
    assert _contrast(light_bg, light_fg) >= 7 and _contrast(dark_bg, dark_fg) >= 7  # WCAG AAA body text
    if os.environ.get("TACTFUL_UPDATE_SCREENSHOTS") == "1":
        out = REPO / "docs" / "img"
        out.mkdir(parents=True, exist_ok=True)
        for theme, path in shots.items():
            shutil.copy(path, out / f"sidebar-{theme}.png")


def test_personal_hints_screenshot(paired, tmp_path):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    panel.set_viewport_size({"width": 400, "height": 900})
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#message")
    page.locator("#interop-outlet .msg-form__contenteditable").click()
    page.keyboard.type("Hello, I am looking for a new job. Could you refer me? Thank you for your time.", delay=1)
    expect(panel.locator('[data-section="hints"] [data-action="insert"]').first).to_be_visible(timeout=10000)
    expect(finding(panel, "personal.generic")).to_be_visible(timeout=10000)
    shot = tmp_path / "sidebar-personal.png"
    panel.screenshot(path=str(shot))
    if os.environ.get("TACTFUL_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, REPO / "docs" / "img" / "sidebar-personal.png")
