"""Unit checks of the extension's own modules, run as ES modules inside a real extension page
(no Node test runner needed): stale feedback is dropped, and commands carry only schema fields."""

import pytest

from extension_support import ext_browser, needs_chromium, pw  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]


def _page(browser):
    page = browser.context.new_page()
    page.goto(f"{browser.base}/src/options/options.html")
    return page


def test_stale_feedback_is_dropped(ext_browser):
    result = _page(ext_browser).evaluate("""async () => {
        const { TabState } = await import("/src/background/tabs.js");
        const t = new TabState(1);
        const draft = (v, id = "a") => ({ surface: "message", text: "x", version: v, draft_id: id });
        const fb = (v) => ({ version: v, score: v, findings: [], checklist: [], hints: [], limits: {} });
        t.setDraft(draft(3));
        const out = [];
        out.push(t.acceptFeedback("a", fb(3)));   // current: shown
        out.push(t.acceptFeedback("a", fb(2)));   // older than shown: dropped
        t.setDraft(draft(5));
        out.push(t.acceptFeedback("a", fb(4)));   // newer than shown, older than typed: shown
        out.push(t.acceptFeedback("b", fb(9)));   // another composer's draft: dropped
        t.setDraft(draft(1, "b"));                // a new composer resets what was shown
        out.push(t.feedback === null);
        t.navigate("https://www.linkedin.com/in/x/", "profile");
        out.push(t.draft === null && t.page === null && t.html === null);
        return out;
    }""")
    assert result == [True, False, True, False, True, True]


def test_commands_carry_only_schema_fields(ext_browser):
    result = _page(ext_browser).evaluate("""async () => {
        const { buildCommand } = await import("/src/background/companion.js");
        const ok = buildCommand("draft", 7, { surface: "message", text: "hi", version: 2, draft_id: "d",
                                              limit: null, extra: "dropped", pageKind: "profile" });
        let missing = null;
        try { buildCommand("draft", 8, { surface: "message" }); } catch (e) { missing = e.message; }
        let unknown = null;
        try { buildCommand("nope", 9, {}); } catch (e) { unknown = e.message; }
        return { ok, missing, unknown };
    }""")
    assert result["ok"] == {"type": "draft", "id": 7, "surface": "message", "text": "hi", "version": 2, "draft_id": "d"}
    assert "needs" in result["missing"]
    assert "unknown command" in result["unknown"]


def test_toolbar_button_opens_the_side_panel(ext_browser):
    """The worker sets openPanelOnActionClick, so the toolbar button (and its shortcut) opens the
    panel; the manifest names the panel page."""
    behavior = ext_browser.service_worker.evaluate("() => chrome.sidePanel.getPanelBehavior()")
    assert behavior == {"openPanelOnActionClick": True}
    options = ext_browser.service_worker.evaluate("() => chrome.sidePanel.getOptions({})")
    assert options["path"] == "src/panel/panel.html" and options["enabled"] is True
