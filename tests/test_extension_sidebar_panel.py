"""The sidebar's panel in real Chromium with the real extension and companion: what each state
shows (and hides), no judgement before typing, stale feedback marked, findings triaged into
groups with one tone card, and Show / Apply / Insert acting on LinkedIn's composer."""

import re
import time

import pytest

from extension_support import (  # noqa: F401 - fixtures
    clear_field, companion_proc, ext_browser, needs_chromium, paired, pw, wait_until,
)
from test_extension_sidebar import DEMANDING, finding, open_tab, sw_eval

pytestmark = [pytest.mark.browser, needs_chromium]

EDITOR = ".msg-form__contenteditable"
WRONG_NAME = "Hi Priya, I saw the Backend Engineer role at Acme Robotics. Could you refer me? Thank you!"
PUSHY = "Refer me ASAP. You owe me. I need an answer today. Do it now."


def visible_texts(panel) -> str:
    return panel.evaluate("() => document.body.innerText")


def editor_text(page) -> str:
    return page.inner_text(EDITOR).strip()


def answered_all(browser, panel, ending: str) -> None:
    """Wait until the panel shows the feedback for the draft's newest version, which ends with `ending`."""
    def done():
        draft = sw_eval(browser, "() => [...__tactful.tabs.values()].find((t) => t.draft)?.draft")
        return bool(draft and draft["text"].rstrip().endswith(ending)
                    and panel.locator("#feedback").get_attribute("data-version") == str(draft["version"]))
    wait_until(done, message="feedback for the whole text")


def test_unpaired_shows_only_the_pairing_help(ext_browser):
    from playwright.sync_api import expect

    _, panel, _ = open_tab(ext_browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "unpaired", timeout=10000)
    expect(panel.locator('[data-section="connection-help"]')).to_contain_text("tactful pair")
    for hidden in ('[data-field="privacy"]', "#feedback", ".score-card", '[data-section="recipient"]',
                   '[data-section="followup"]', '[data-section="disabled"]'):
        expect(panel.locator(hidden)).to_be_hidden()
    assert "/100" not in visible_texts(panel) and "Checklist" not in visible_texts(panel)


def test_live_then_stale_then_live_again(paired):
    from playwright.sync_api import expect

    browser, companion = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    feedback = panel.locator('[data-field="feedback"]')
    page.click(EDITOR)
    page.keyboard.type(DEMANDING, delay=10)
    expect(feedback).to_have_attribute("data-state", "live", timeout=10000)
    expect(panel.locator('[data-field="privacy"]')).to_be_visible()
    expect(panel.locator('[data-field="stale"]')).to_be_hidden()
    # The whole draft's result: while "Refer me ASAP" lacked its full stop there was no score yet.
    expect(panel.locator('[data-field="score"]')).to_have_text(re.compile(r"^\d+$"), timeout=10000)

    companion.stop()  # the companion goes away: what is shown is now old
    expect(feedback).to_have_attribute("data-state", "stale", timeout=15000)
    expect(panel.locator('[data-field="stale"]')).to_have_text(re.compile(r"^Not updated since \d\d:\d\d\b"))
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "disconnected")
    expect(panel.locator('[data-field="privacy"]')).to_be_hidden()  # no "Local-only: on" beside "not reachable"
    expect(panel.locator('[data-section="connection-help"]')).to_contain_text("not answering")
    opacity = panel.locator(".score-card").evaluate("(el) => Number(getComputedStyle(el).opacity)")
    assert opacity < 1  # greyed out
    page.keyboard.type(" Thanks!", delay=10)  # typing on while it is stopped changes nothing shown
    time.sleep(0.5)
    expect(feedback).to_have_attribute("data-state", "stale")

    companion.start()  # same port, same data: the extension reconnects and re-checks the text
    expect(feedback).to_have_attribute("data-state", "live", timeout=20000)
    expect(panel.locator('[data-field="stale"]')).to_be_hidden()
    draft = sw_eval(browser, "() => [...__tactful.tabs.values()].find((t) => t.draft)?.draft")
    assert draft["text"].endswith("Thanks!")
    assert panel.locator("#feedback").get_attribute("data-version") == str(draft["version"])


def test_paused_shows_no_old_score(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type(DEMANDING, delay=10)
    expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live", timeout=10000)
    panel.locator('[data-action="pause"]').check()
    expect(panel.locator('[data-section="empty"]')).to_contain_text("paused")
    for hidden in ("#feedback", ".score-card", '[data-section="recipient"]'):
        expect(panel.locator(hidden)).to_be_hidden()
    assert "/100" not in visible_texts(panel)


def test_empty_composer_has_no_score_and_nothing_to_fix(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(EDITOR)  # focused, nothing typed
    feedback = panel.locator('[data-field="feedback"]')
    expect(feedback).to_have_attribute("data-state", "empty", timeout=10000)
    expect(feedback).to_be_visible()
    expect(panel.locator('[data-field="score"]')).to_have_text("")
    expect(panel.locator(".score")).to_be_hidden()
    expect(panel.locator("[data-code]")).to_have_count(0)
    expect(panel.locator('[data-section="suggestions"]')).to_be_hidden()
    expect(panel.locator('[data-field="checklist-title"]')).to_have_text("What a good request has")
    assert panel.locator('[data-list="checklist"] li').count() > 0
    assert panel.locator('[data-list="checklist"] li[data-ok="false"]').count() == 0  # neutral, no red crosses
    assert "✗" not in visible_texts(panel)
    draft = sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft")
    assert draft["text"] == ""
    # The first real text brings the score and the judgement.
    page.keyboard.type(DEMANDING, delay=10)
    expect(feedback).to_have_attribute("data-state", "live", timeout=10000)
    expect(panel.locator('[data-field="score"]')).to_have_text(re.compile(r"^\d+$"))
    expect(panel.locator('[data-field="checklist-title"]')).to_have_text("Checklist")


def test_findings_are_grouped_with_one_tone_card_and_a_menu(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(EDITOR)
    page.keyboard.type("Hi Priya, " + PUSHY, delay=2)
    must = panel.locator('[data-group="must"]')
    expect(must.locator('[data-code="fact.name-mismatch"]')).to_be_visible(timeout=10000)
    expect(panel.locator('[data-group="should"]')).to_be_visible()
    # Groups in order of weight.
    tops = [panel.locator(f'[data-group="{g}"]').evaluate("(el) => el.hidden ? null : el.getBoundingClientRect().top")
            for g in ("must", "should", "consider")]
    shown = [t for t in tops if t is not None]
    assert shown == sorted(shown) and tops[0] is not None
    # Every tone finding sits in one card, each span with its own Show.
    tone = panel.locator('[data-code^="tone."]')
    expect(tone.first).to_be_visible()
    assert tone.count() >= 2
    tone_card = panel.locator('.finding-merged[data-card="polite"]')
    # Read in one go, from one render: while the last words are judged, a first-message ask on the tone
    # words may join the card between two separate reads.
    head, parts, shows, tones, all_tones = tone_card.evaluate(
        "(el) => [el.querySelector('.sev').textContent, el.querySelectorAll('.finding').length,"
        " el.querySelectorAll('[data-action=\"show\"]').length, el.querySelectorAll('[data-code^=\"tone.\"]').length,"
        " document.querySelectorAll('[data-code^=\"tone.\"]').length]")
    assert head == f"Tone · {parts} places" and shows == parts  # a Show for each place
    assert tones == all_tones >= 2  # every tone finding is in this card
    # data-code marks findings and nothing else.
    assert panel.locator("[data-code]").evaluate_all("(els) => els.every((e) => e.classList.contains('finding'))")
    # Rule codes live in a closed per-card menu; a must-fix has no switch.
    assert "fact.name-mismatch" not in visible_texts(panel)
    error = must.locator('[data-code="fact.name-mismatch"]')
    error.locator("details.menu summary").click()
    expect(error.locator(".menu-body code")).to_have_text("fact.name-mismatch")
    expect(error.locator('[data-action="disable-rule"]')).to_have_count(0)
    warning = panel.locator('[data-group="should"] .finding[data-severity="warning"]').first
    warning.locator("details.menu summary").first.click()
    expect(warning.locator('[data-action="disable-rule"]').first).to_be_visible()


def test_one_point_is_one_card_and_the_top_card_says_start_here(paired):
    """A draft with no role and no company, a vague "any opening" and too short to name them is
    raised by four rules: one card, headed by the point, with the why of each; two placeholders are
    one card that says its why once and shows each place."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type("Hi Dana, could you refer me for any opening at [Company]? [Role] is what I want. "
                       "Thanks!", delay=2)
    specific = panel.locator('.finding-merged[data-card="specific"]')
    expect(specific.locator(".sev")).to_have_text(re.compile(r"Role and company · [34] points"), timeout=10000)
    for code in ("ask.role-missing", "ask.vague"):
        expect(specific.locator(f'[data-code="{code}"] .message')).to_be_visible()
    assert panel.locator('[data-code="ask.role-missing"]').count() == 1
    placeholders = panel.locator('[data-group="must"] .finding-merged[data-card="template.placeholder"]')
    expect(placeholders.locator(".sev")).to_have_text("Placeholders · 2 places")
    expect(placeholders.locator('[data-action="show"]')).to_have_count(2)
    expect(placeholders.locator(".message:visible")).to_have_count(1)  # the why, once
    # Several cards: the first one of the first group is where to begin, and only it.
    expect(panel.locator("[data-first]")).to_have_count(1)
    first = panel.locator('[data-group="must"] ul > li').first
    expect(first).to_have_attribute("data-first", "")


def test_the_suggestion_count_is_the_sum_of_the_group_counts(paired):
    """"Suggestions (N)" counts what the groups count: cards (the tone card is one, however many
    places it lists), and so does the screen reader's summary."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type("Hi Priya, " + PUSHY, delay=2)
    expect(finding(panel, "fact.name-mismatch")).to_be_visible(timeout=10000)
    expect(panel.locator(".finding-merged [data-code^='tone.']").nth(1)).to_be_attached()  # a card of 2+

    def counts():
        number = lambda text: int(re.search(r"\d+", text).group())  # noqa: E731
        header = number(panel.locator('[data-field="finding-count"]').inner_text())
        groups = sum(number(t) for t in panel.locator(".group:not([hidden]) .group-count").all_inner_texts())
        cards = panel.locator('[data-list="findings"] .finding:not(.finding-part)').count()
        summary = number(panel.locator('[data-field="summary"]').text_content().split(",")[1])
        return header, groups, cards, summary

    try:
        wait_until(lambda: len(set(counts())) == 1, timeout=5, message="one count")
    except AssertionError:
        raise AssertionError(f"header, groups, cards, summary: {counts()}") from None


def test_cards_keep_their_place_while_typing(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type(DEMANDING, delay=10)
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
    # The feedback for the whole sentence: what it lacks shows only once its full stop is typed.
    expect(finding(panel, "courtesy.out-missing")).to_be_visible(timeout=10000)
    cards = panel.locator('[data-list="findings"] .finding:not(.finding-part)')
    # Each card marked, with its key and its text, before the next words are typed.
    before = cards.evaluate_all(
        "(els) => els.map((e) => { e.__kept = true; return [e.dataset.code || e.dataset.card, e.textContent]; })")
    v = panel.locator("#feedback").get_attribute("data-version")
    page.keyboard.type(" I have five years of experience with payment systems", delay=5)
    expect(panel.locator("#feedback")).not_to_have_attribute("data-version", v, timeout=10000)
    time.sleep(0.5)
    after = cards.evaluate_all("(els) => els.map((e) => [e.dataset.code || e.dataset.card, e.textContent, e.__kept === true])")
    old_keys = [k for k, _ in before]
    still = [k for k, _, _ in after if k in old_keys]
    assert still and still == [k for k in old_keys if k in still]  # the old cards in the old order
    # A card whose content did not change is the same element (not rebuilt), so it does not blink.
    unchanged = [(k, kept) for k, text, kept in after if (k, text) in {tuple(b) for b in before}]
    assert unchanged and all(kept for _, kept in unchanged), unchanged
    draft = sw_eval(browser, "() => [...__tactful.tabs.values()].find((t) => t.draft)?.draft")
    assert draft["caret"] == len(draft["text"])  # the caret travels with the draft


def test_show_selects_the_words_in_the_composer(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type("Hello there.\nRefer me ASAP please.", delay=5)
    # The card of the whole, final draft: its Apply quotes the last word typed.
    item = finding(panel, "tone.demanding").filter(has_text="Could you refer me ASAP please?")
    expect(item.locator('[data-action="show"]')).to_be_visible(timeout=10000)
    trigger = item.locator(".trigger mark").inner_text()
    assert trigger == "Refer me"
    page.evaluate("() => getSelection().removeAllRanges()")
    item.locator('[data-action="show"]').click()
    wait_until(lambda: page.evaluate("() => getSelection().toString()") == trigger, message="the trigger selected")
    assert re.sub(r"\n+", "\n", editor_text(page)) == "Hello there.\nRefer me ASAP please."  # Show never edits


def test_a_finding_on_words_in_the_draft_offers_show_not_insert(paired):
    """tone.demanding points at words already typed ("Refer me"): inserting its example sentence
    would leave them and never clear the finding, so such a card offers Show (and Apply when it has
    a fix), not Insert or Copy. A finding about something missing (no range) keeps Insert."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type(DEMANDING, delay=10)
    tone = finding(panel, "tone.demanding")
    expect(tone.first.locator('[data-action="show"]')).to_be_visible(timeout=10000)
    assert "e.g." in tone.first.locator(".suggestion").inner_text()  # it has an example, still no Insert
    expect(tone.locator('[data-action="insert"]')).to_have_count(0)
    expect(tone.locator('[data-action="copy"]')).to_have_count(0)
    missing = finding(panel, "courtesy.gratitude-missing")
    expect(missing.locator('[data-action="insert"]')).to_be_visible()
    expect(missing.locator('[data-action="copy"]')).to_be_visible()
    expect(missing.locator('[data-action="show"]')).to_have_count(0)


def type_wrong_name(browser):
    """Dana's profile, the draft greeting Priya, and the must-fix finding with its Apply shown."""
    from playwright.sync_api import expect

    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(EDITOR)
    page.keyboard.type(WRONG_NAME, delay=2)
    expect(finding(panel, "fact.name-mismatch").locator('[data-action="apply"]')).to_be_visible(timeout=10000)
    return page, panel, tab


def test_apply_replaces_the_range_as_one_undoable_edit_and_rechecks(paired):
    from playwright.sync_api import expect

    page, panel, _ = type_wrong_name(paired[0])
    item = finding(panel, "fact.name-mismatch")
    apply = item.locator('[data-action="apply"]')
    expect(apply).to_contain_text("Dana")
    apply.click()
    wait_until(lambda: editor_text(page) == WRONG_NAME.replace("Priya", "Dana"), message="the fix applied")
    expect(item).to_have_count(0, timeout=10000)  # re-checked: the mismatch is gone
    # One Ctrl+Z brings the old word back: it was a single edit of the editor's own history.
    page.bring_to_front()
    page.keyboard.press("Control+z")
    wait_until(lambda: editor_text(page) == WRONG_NAME, message="undo")
    expect(finding(panel, "fact.name-mismatch")).to_be_visible(timeout=10000)


def test_apply_makes_an_order_a_question_and_drops_the_deadline(paired):
    """The must-fix on "Refer me ASAP." offers two fixes; applying both leaves a request, not an order."""
    from playwright.sync_api import expect

    page, panel, _ = open_tab(paired[0], "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type("Hi Dana,\nRefer me ASAP.", delay=2)
    answered_all(paired[0], panel, "ASAP.")  # an Apply on feedback for "Refer me ASAP" would be refused as stale
    demanding = finding(panel, "tone.demanding")
    question = demanding.locator('[data-action="apply"]', has_text="Could you refer me ASAP?")
    typed = editor_text(page)  # the editor makes the line break a paragraph
    question.click()
    asked = typed.replace("Refer me ASAP.", "Could you refer me ASAP?")
    wait_until(lambda: editor_text(page) == asked, message="the order became a question")
    # A list waits for exactly one button: until the re-check lands the old card shows both fixes, and a
    # single string would fail at once on two elements (strict mode) instead of waiting.
    expect(demanding.locator('[data-action="apply"]')).to_have_text(["Remove these words"], timeout=10000)
    demanding.locator('[data-action="apply"]').click()
    wait_until(lambda: editor_text(page) == asked.replace(" ASAP", ""), message="the deadline dropped")
    expect(demanding).to_have_count(0, timeout=10000)


def test_apply_refuses_when_the_text_moved_on(paired):
    """A stale Apply must not write over text the user has changed since."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = type_wrong_name(browser)
    draft_id = sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft.draft_id")
    panel.evaluate("""(draftId) => new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: "panel" });
        port.onMessage.addListener((m) => { if (m.kind === "edit_result") { window.__result = m; resolve(); } });
        port.postMessage({ kind: "follow", tabId: %d });
        port.postMessage({ kind: "edit", tabId: %d, draftId, action: "apply",
                           range: { start: 3, end: 8 }, replacement: "Dana", expected: "Sarah" });
    })""" % (tab, tab), draft_id)
    result = panel.evaluate("() => window.__result")
    assert result["ok"] is False and "changed" in result["error"]
    assert editor_text(page) == WRONG_NAME
    # And only the composer the draft came from: another draft id is refused.
    panel.evaluate("""() => new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: "panel" });
        port.onMessage.addListener((m) => { if (m.kind === "edit_result") { window.__result = m; resolve(); } });
        port.postMessage({ kind: "edit", tabId: %d, draftId: "other:message:9", action: "insert", text: "Hello there" });
    })""" % tab)
    assert panel.evaluate("() => window.__result")["ok"] is False
    assert editor_text(page) == WRONG_NAME


def test_insert_puts_a_hint_at_the_caret(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#message")
    editor = page.locator(f"#interop-outlet {EDITOR}")
    editor.click()
    page.keyboard.type("Hi Lee, could you refer me for the backend role at Nimbus Labs? Thanks!", delay=2)
    for _ in range(len(" Thanks!")):
        page.keyboard.press("ArrowLeft")  # the caret goes after the question
    hint = panel.locator('[data-list="hints"] [data-hint="mutual_connection"]')
    expect(hint.locator('[data-action="insert"]')).to_be_visible(timeout=10000)
    assert "connection(s)" not in hint.inner_text()
    time.sleep(0.3)
    hint.locator('[data-action="insert"]').click()
    wait_until(lambda: "Ana Souza" in editor.inner_text(), message="the hint inserted")
    assert editor.inner_text().strip() == ("Hi Lee, could you refer me for the backend role at Nimbus Labs? "
                                            "We're both connected with Ana Souza. Thanks!")
    # The edit goes through the draft pipeline: the hint is shown as used, no longer offered.
    expect(hint).to_have_attribute("data-used", "true", timeout=10000)
    expect(hint.locator('[data-action="insert"]')).to_have_count(0)


def type_to_dana(browser, text: str):
    """Dana's profile with `text` typed into its message box: (page, panel)."""
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.type(text, delay=2)
    return page, panel


def test_insert_puts_a_finished_sentence_after_the_sentence_the_caret_is_in(paired):
    """The caret inside a sentence (mid-word, here): Insert goes after the end of that sentence, not
    into it, and the example sentence gets its full stop ("Happy to send my resume.")."""
    from playwright.sync_api import expect

    browser, _ = paired
    text = ("Hi Dana, I saw the Backend Engineer role at Acme Robotics (job 4411). I have 5 years of Python. "
            "Could you refer me? Thank you, and no worries if not.")
    page, panel = type_to_dana(browser, text)
    item = finding(panel, "materials.missing")
    expect(item.locator('[data-action="insert"]')).to_be_visible(timeout=10000)
    page.keyboard.press("Control+Home")
    for _ in range(len("Hi Dana, I saw the Backend Engineer role at Acme Rob")):
        page.keyboard.press("ArrowRight")
    time.sleep(0.3)
    item.locator('[data-action="insert"]').click()
    wait_until(lambda: "resume" in editor_text(page), message="the sentence inserted")
    assert editor_text(page) == text.replace("(job 4411). ", "(job 4411). Happy to send my resume. ")
    expect(item).to_have_count(0, timeout=10000)  # re-checked: a resume is offered now


def test_insert_after_show_goes_to_the_end_not_where_show_pointed(paired):
    """Show selects words mid-draft; an Insert clicked next, with that selection left alone, is no
    place the user chose: the sentence goes at the end of the body, before the closing, not after
    the sentence Show pointed at."""
    from playwright.sync_api import expect

    browser, _ = paired
    text = ("Hi Dana, I saw the Backend Engineer role at Acme Robotics (job 4411). Refer me ASAP please. "
            "I have 5 years of Python. Thank you, and no worries if not.")
    page, panel = type_to_dana(browser, text)
    answered_all(browser, panel, "no worries if not.")
    demanding = finding(panel, "tone.demanding").first
    demanding.locator('[data-action="show"]').click()
    wait_until(lambda: page.evaluate("() => getSelection().toString()") == "Refer me", message="Show selected")
    item = finding(panel, "materials.missing")
    item.locator('[data-action="insert"]').click()
    wait_until(lambda: "resume" in editor_text(page), message="the sentence inserted")
    assert editor_text(page) == text.replace("Python. ", "Python. Happy to send my resume. ")
    expect(item).to_have_count(0, timeout=10000)


def tops(panel, *selectors) -> list:
    """The top edge of each element on screen, None for one that is hidden."""
    return [panel.locator(sel).evaluate("(el) => el.checkVisibility() ? el.getBoundingClientRect().top : null")
            for sel in selectors]


def test_personal_hints_come_right_after_the_must_fix_findings(paired):
    """A generic draft moves "Make it personal" up, but never above the errors: Must fix first,
    then the hints, then Should fix."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#message")
    page.locator(f"#interop-outlet {EDITOR}").click()
    page.keyboard.type("Hi Dana, I am looking for a new job. Could you refer me? Thank you for your time.", delay=2)
    expect(finding(panel, "personal.generic")).to_be_visible(timeout=10000)
    expect(finding(panel, "fact.name-mismatch")).to_be_visible()
    must, hints, should = tops(panel, '[data-group="must"]', '[data-section="hints"]', '[data-group="should"]')
    assert must is not None and hints is not None and should is not None
    assert must < hints < should
    # Without an error the hints still come before every other suggestion.
    clear_field(page)
    page.keyboard.type("Hello, I am looking for a new job. Could you refer me? Thank you for your time.", delay=2)
    expect(finding(panel, "fact.name-mismatch")).to_have_count(0, timeout=10000)
    expect(finding(panel, "personal.generic")).to_be_visible()
    must, hints, should = tops(panel, '[data-group="must"]', '[data-section="hints"]', '[data-group="should"]')
    assert must is None and hints is not None and hints < should
    # A draft that is personal puts them back after the suggestions.
    page.keyboard.type(" We're both connected with Ana Souza.", delay=2)
    expect(finding(panel, "personal.generic")).to_have_count(0, timeout=10000)
    hints, suggestions = tops(panel, '[data-section="hints"]', '[data-section="suggestions"]')
    assert suggestions < hints


def test_note_box_limit_cut_is_reported(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/lee-park/")
    page.click("#connect")
    box = page.locator("#interop-outlet textarea[name=message]")
    box.click()
    text = ("Hi Lee, I enjoyed your talk on platform teams and the way you framed on-call as a product. "
            "I am moving into platform work after four years of payments infrastructure at Stripe, and "
            "I would love to connect and learn how your team thinks about it. Thank you so much for your time!")
    assert len(text) > 200
    page.keyboard.insert_text(text)  # a paste: the page's maxlength=200 drops the rest
    cut = panel.locator('[data-field="truncated"]')
    expect(cut).to_be_visible(timeout=10000)
    expect(cut).to_contain_text(f"LinkedIn cut {len(text) - 200} characters")
    expect(cut).to_contain_text("at most 200")
    assert len(box.input_value()) == 200
    page.keyboard.press("Backspace")  # room again: no longer full, no longer cut
    expect(cut).to_be_hidden(timeout=10000)


def test_a_cut_note_is_not_congratulated(paired):
    """A note LinkedIn cut may stop mid-sentence, whatever the coach thinks of what is left: the
    sidebar gives it no score and says it was cut instead of "Nothing to fix. Nice work."."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    page.click("#connect")
    page.locator("#interop-outlet textarea[name=message]").click()
    page.keyboard.insert_text("Hi Lee, I loved your talk on platform teams at KubeCon. I'm applying for the Platform "
                              "Engineer role at Nimbus Labs and would be grateful to connect. Thank you! No worries at "
                              "all if not, and I know your time is limited. Happy to share my resume.")
    expect(panel.locator('[data-field="truncated"]')).to_be_visible(timeout=10000)
    expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live")
    expect(panel.locator('[data-field="summary"]')).to_contain_text("Not scored: LinkedIn cut the end of this note")
    expect(panel.locator('[data-field="score-box"]')).to_be_hidden()
    # What they would read ends mid-sentence: the notice quotes it; nothing asks to add what was cut.
    kept = page.locator("#interop-outlet textarea[name=message]").input_value()
    expect(panel.locator('[data-field="truncated"]')).to_contain_text("Your note now ends \"…")
    expect(panel.locator('[data-field="truncated"]')).to_contain_text(f"{kept[-20:]}\": shorten it")
    expect(panel.locator('[data-code="courtesy.gratitude-missing"], [data-code="courtesy.out-missing"]')).to_have_count(0)
    expect(panel.locator('[data-field="checklist-title"]')).to_have_text("What a good request has")
    time.sleep(0.5)
    assert "Nice work" not in visible_texts(panel)
    if panel.locator("[data-code]").count() == 0:  # the coach found nothing in what is left
        no_findings = panel.locator('[data-field="no-findings"]')
        expect(no_findings).to_be_visible()
        expect(no_findings).to_contain_text("cut")
        expect(panel.locator('[data-field="summary"]')).to_contain_text("cut")


def test_pop_out_label_stays_on_one_line(paired):
    browser, _ = paired
    _, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    panel.set_viewport_size({"width": 300, "height": 700})
    box = panel.locator('[data-action="popout"]').evaluate(
        "(el) => ({ h: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) })")
    assert box["h"] < box["line"] * 1.5


def test_a_draft_in_another_language_says_what_was_not_checked(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _tab = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(EDITOR)
    page.keyboard.type("Hola Dana, vi tu charla sobre Kafka. Estoy postulando al puesto de Data Engineer en Acme "
                       "Robotics. ¿Estarías dispuesta a recomendarme? ¡Gracias!", delay=5)
    expect(panel.locator('[data-code="language.not-english"]')).to_have_count(1, timeout=10000)
    for code in ("courtesy.out-missing", "personal.generic", "background.missing", "tone.impolite"):
        expect(panel.locator(f'[data-code="{code}"]')).to_have_count(0)
    expect(panel.locator(".checklist-card")).to_be_hidden()  # no ticks for what could not be read
    clear_field(page)
    page.keyboard.type("Hi Dana, could you refer me for the Data Engineer role at Acme Robotics?", delay=5)
    expect(panel.locator('[data-code="language.not-english"]')).to_have_count(0, timeout=10000)
    expect(panel.locator(".checklist-card")).to_be_visible()
    expect(panel.locator('[data-code="courtesy.out-missing"]')).to_have_count(1)


def test_a_draft_not_in_english_is_not_scored(paired):
    """A Spanish request gets its findings and "Not scored", never a number: the wording went unread,
    and a 96 would read as "good". Back in English, the score returns."""
    from playwright.sync_api import expect

    page, panel, _ = open_tab(paired[0], "/in/dana-whitfield/")
    page.click(EDITOR)
    page.keyboard.insert_text("Hola Dana, vi tu charla sobre Kafka. Estoy postulando al puesto de Data Engineer en "
                              "Stripe. ¿Estarías dispuesta a recomendarme? Te puedo enviar mi CV. ¡Gracias!")
    expect(finding(panel, "language.not-english")).to_be_visible(timeout=10000)
    expect(panel.locator('[data-field="summary"]')).to_contain_text("Not scored")
    expect(panel.locator('[data-field="score-box"]')).to_be_hidden()
    assert "/100" not in visible_texts(panel) and "Nice work" not in visible_texts(panel)
    clear_field(page)
    page.keyboard.insert_text("Hi Dana, could you refer me for the Data Engineer role at Stripe? Thank you!")
    expect(panel.locator('[data-field="score"]')).to_have_text(re.compile(r"^\d+$"), timeout=10000)
    expect(panel.locator('[data-field="summary"]')).to_contain_text("out of 100")


def test_a_greeting_alone_gets_no_score_and_no_list_of_what_is_missing(paired):
    """'Hi Dana' is where a message starts: no red score, no 'no thanks anywhere' cards while the first
    sentence is typed; the checklist stays as a guide, and the score card says why there is no score."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Hi Dana, I'm applying for the", delay=5)
    note = panel.locator('[data-field="score-note"]')
    expect(note).to_have_text("No score yet: keep typing", timeout=10000)
    expect(panel.locator('[data-field="score-box"]')).to_be_hidden()
    expect(panel.locator('[data-field="checklist-title"]')).to_have_text("What a good request has")
    expect(panel.locator("[data-code]")).to_have_count(0)
    page.keyboard.type(" Backend Engineer role at Acme Robotics.", delay=5)
    expect(panel.locator('[data-field="score"]')).to_have_text(re.compile(r"^\d+$"), timeout=10000)
    expect(note).to_be_hidden()
    expect(finding(panel, "courtesy.gratitude-missing")).to_be_visible()


def test_the_late_reply_apology_is_applied_where_the_card_says_open_with(paired):
    """In a conversation whose last word is Dana's, months ago, the reply.late card's Apply puts the apology
    after the greeting, not at the end of the draft (audit 17: an Insert there read "…resume? Sorry…")."""
    from playwright.sync_api import expect

    page, panel, _ = open_tab(paired[0], "/messaging/thread/2-dana/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(".msg-form__contenteditable")
    draft = "Hi Dana, thanks so much! Here's the posting and my resume."
    page.keyboard.type(draft, delay=2)
    answered_all(paired[0], panel, "resume.")
    late = finding(panel, "reply.late")
    apply = late.locator('[data-action="apply"]')
    expect(apply).to_contain_text("Hi Dana, sorry for the slow reply! Thanks", timeout=10000)
    apply.click()
    wait_until(lambda: editor_text(page) == "Hi Dana, sorry for the slow reply! Thanks so much! Here's the posting "
               "and my resume.", message="the apology opens the draft")
    expect(finding(panel, "reply.late")).to_have_count(0, timeout=10000)  # re-checked: the gap is spoken of
