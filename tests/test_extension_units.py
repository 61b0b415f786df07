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


def test_panel_cards_ranges_and_order(ext_browser):
    """The panel's pure helpers: Show selects words without the spaces around them (a tone span
    with a trailing space), tone findings share one card, so do one point's, and known cards keep their
    order."""
    page = ext_browser.context.new_page()
    page.goto(f"{ext_browser.base}/src/panel/panel.html?tab=999999")
    result = page.evaluate("""async () => {
        const { trimmedRange, cardsOf, steadyOrder } = await import("/src/panel/render.js");
        const text = "Refer me ASAP please";
        const f = (code, severity, start = 0, end = 1) => ({ code, severity, message: code, range: { start, end } });
        const cards = cardsOf([f("tone.demanding", "warning"), f("ask.role-missing", "warning"),
                               f("tone.impolite", "info"), f("tone.demanding", "error"), f("ask.role-missing", "warning")]);
        return {
            trimmed: trimmedRange({ start: 8, end: 14 }, text),
            blank: trimmedRange({ start: 13, end: 14 }, text),
            outside: trimmedRange({ start: 3, end: 99 }, text),
            cards: cards.map((c) => [c.key, c.severity, c.findings.length]),
            order: steadyOrder(["a", "b", "c"], ["d", "c", "a"]),
        };
    }""")
    assert result["trimmed"] == {"start": 9, "end": 13}  # "ASAP", not " ASAP "
    assert result["blank"] is None and result["outside"] is None
    assert result["cards"] == [["polite", "error", 3], ["specific", "warning", 2]]  # one card a point
    assert result["order"] == ["a", "c", "d"]  # the old ones where they were, the new one after


def test_panel_shows_no_score_for_a_null_score(ext_browser):
    """`score: null` means one of three things. For an empty draft, or a result for an older version, the
    panel shows no score and no findings, whatever else the feedback holds. For the draft shown, a draft
    not read as English (its language.not-english finding says so) shows the findings and "Not scored",
    never a number; without that finding the first sentence is still being typed: "No score yet". A
    number brings the score back."""
    page = ext_browser.context.new_page()
    page.goto(f"{ext_browser.base}/src/panel/panel.html?tab=999999")
    result = page.evaluate("""async () => {
        const { render } = await import("/src/panel/render.js");
        const actions = { copy() {}, setRule() {}, edit() {} };
        const state = (score, text, version = 2) => ({
            kind: "state", connection: { state: "connected", localOnly: true }, paused: false, disabledRules: [],
            tab: { tabId: 999999, pageKind: "profile", draft: { text, version: 2, draftId: "d" }, feedbackAt: Date.now(),
                   feedback: { version, surface: "message", score, limits: { used: text.length, allowed: 8000 },
                               checklist: [{ id: "thanks", label: "Says thank you", ok: false }],
                               findings: [{ code: "language.not-english", severity: "info", message: "Not English" }],
                               hints: [] } },
        });
        const read = () => ({
            state: document.querySelector('[data-field="feedback"]').dataset.state,
            score: document.querySelector('[data-field="score"]').textContent,
            box: !document.querySelector('[data-field="score-box"]').hidden,
            codes: document.querySelectorAll("[data-code]").length,
            title: document.querySelector('[data-field="checklist-title"]').textContent,
            summary: document.querySelector('[data-field="summary"]').textContent,
            note: document.querySelector('[data-field="score-note"]').hidden ? ""
                : document.querySelector('[data-field="score-note"]').textContent,
            why: document.querySelector('[data-field="score-why"]').hidden ? ""
                : document.querySelector('[data-field="score-why"]').textContent,
        });
        const seen = [];
        for (const [score, text, version] of [[null, "  ", 2], [null, "Hola Dana", 1], [null, "Hola Dana", 2],
                                              [40, "Hi Dana", 2]]) {
            render(state(score, text, version), actions);
            seen.push(read());
        }
        const typing = state(null, "Hi Dana, I'm", 2);
        typing.tab.feedback.findings = [];
        render(typing, actions);
        seen.push(read());
        // Must-fix cards, as the group's header counts them: two findings of one rule are one card.
        for (const [severity, codes] of [["warning", ["x.y"]], ["error", ["x.y"]], ["error", ["x.y", "x.y"]],
                                          ["error", ["x.y", "z.w"]]]) {
            const worse = state(40, "Hi Dana, thanks.", 2);
            for (const code of codes) worse.tab.feedback.findings.push({ code, severity, message: "a point" });
            render(worse, actions);
            seen.push(read().why);
        }
        return seen;
    }""")
    empty = {"state": "empty", "score": "", "box": False, "codes": 0, "title": "What a good request has",
             "summary": "No score yet: start typing.", "note": "", "why": ""}
    assert result[0] == empty
    assert result[1] == empty  # an older version's result: the draft shown was not judged yet
    assert result[2] == {"state": "live", "score": "", "box": False, "codes": 1, "title": "Checklist",
                         "summary": "Not scored: this draft does not read as English, so its wording was not "
                                    "judged. 1 suggestion.", "note": "Not scored: not read as English", "why": ""}
    assert result[3] == {"state": "live", "score": "40", "box": True, "codes": 1, "title": "Checklist",
                         "summary": "Score 40 out of 100, 1 suggestion.", "note": "",
                         "why": "Ready to send: the rest is optional."}  # what is left only to consider
    assert result[4] == {"state": "live", "score": "", "box": False, "codes": 0, "title": "What a good request has",
                         "summary": "No score yet: the whole message is judged once its first sentence is done.",
                         "note": "No score yet: keep typing", "why": ""}
    assert result[5:] == ["Each should-fix you settle raises it most.", "A must-fix caps the score: start there.",
                          "A must-fix caps the score: start there.", "2 must-fixes cap the score: start there."]
