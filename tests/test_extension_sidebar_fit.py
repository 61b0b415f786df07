"""Apply and Insert against the box's own limit, in real Chromium with the real extension and
companion: the invitation note (maxlength 200) keeps only what fits, so an edit that would go over
is greyed out in the sidebar with the reason, and the content script refuses it even when asked
directly; it never leaves half a sentence. And an example with placeholders is not offered to
paste."""

import pytest

from extension_support import (  # noqa: F401 - fixtures
    companion_proc, ext_browser, needs_chromium, paired, pw, wait_until,
)
from test_extension_sidebar import finding, open_tab, sw_eval

pytestmark = [pytest.mark.browser, needs_chromium]

NOTE_BOX = "#interop-outlet textarea[name=message]"
# 197 of 200 characters; Apply would turn "Send me the link to apply!" into a 10-character longer question.
NEARLY_FULL = ("Hi Lee, I am applying for the Platform Engineer role at Nimbus Labs (job 7781) and saw your talk on "
               "Kafka at QCon. Send me the link to apply! No worries if not. Thank you so much for your time, Sam")
GENERIC = ("Hi Lee, I am looking for a job at Nimbus Labs. Please refer me to any open position you have, I need a "
           "referral urgently. Send me the link to apply!")


def note(browser, text):
    """Lee's profile with the invitation dialog open and `text` pasted into its note."""
    from playwright.sync_api import expect

    page, panel, tab = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#connect")
    page.locator(NOTE_BOX).click()
    page.keyboard.insert_text(text)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Invitation note", timeout=10000)
    return page, panel, tab


def ask_directly(browser, panel, tab, **edit):
    """Sends an edit to the tab as a sidebar does, bypassing its buttons; the content script's answer."""
    draft_id = sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft.draft_id")
    return panel.evaluate("""([tab, edit]) => new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: "panel" });
        port.onMessage.addListener((m) => { if (m.kind === "edit_result") { port.disconnect(); resolve(m); } });
        port.postMessage({ kind: "follow", tabId: tab });
        port.postMessage({ kind: "edit", tabId: tab, ...edit });
    })""", [tab, {"draftId": draft_id, **edit}])


def test_apply_that_would_not_fit_the_note_is_greyed_out_and_refused(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = note(browser, NEARLY_FULL)
    assert len(page.locator(NOTE_BOX).input_value()) == 197
    card = finding(panel, "tone.demanding")
    apply = card.locator('[data-action="apply"]', has_text="Could you send me the link to apply?")
    expect(apply).to_be_visible(timeout=10000)
    expect(apply).to_be_disabled()
    reason = "Does not fit: 7 characters over the note's limit of 200."
    expect(card.locator("[data-no-room]")).to_contain_text(reason)
    # Asked directly (a sidebar that did not know), the content script refuses and says why.
    start = NEARLY_FULL.index("Send me")
    end = NEARLY_FULL.index("No worries") - 1
    result = ask_directly(browser, panel, tab, action="apply", range={"start": start, "end": end},
                          replacement="Could you send me the link to apply?", expected=NEARLY_FULL[start:end])
    assert result["ok"] is False and reason in result["error"], result
    assert page.locator(NOTE_BOX).input_value() == NEARLY_FULL  # no half sentence
    expect(panel.locator('[data-field="truncated"]')).to_be_hidden()
    # With room made, the same Apply is offered again and works.
    page.locator(NOTE_BOX).press("End")
    for _ in range(len(" for your time, Sam")):
        page.keyboard.press("Backspace")
    expect(apply).to_be_enabled(timeout=10000)
    expect(card.locator("[data-no-room]")).to_have_count(0)
    apply.click()
    wait_until(lambda: "Could you send me the link to apply? No worries" in page.locator(NOTE_BOX).input_value(),
               message="the fix applied whole")
    assert len(page.locator(NOTE_BOX).input_value()) == 197 - len(" for your time, Sam") + 10


def test_insert_that_would_not_fit_the_note_is_greyed_out_and_refused(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = note(browser, GENERIC)
    thanks = finding(panel, "courtesy.gratitude-missing").locator('[data-action="insert"]')
    expect(thanks).to_be_enabled(timeout=10000)
    thanks.click()  # 148 + 30 = 178 of 200: it fits
    wait_until(lambda: page.locator(NOTE_BOX).input_value() == f"{GENERIC} Thank you for considering it.",
               message="the thank-you inserted")
    hint = panel.locator('[data-list="hints"] [data-hint="mutual_connection"]')
    insert = hint.locator('[data-action="insert"]')
    expect(insert).to_be_disabled(timeout=10000)  # " We're both connected with Ana Souza." is 37: 15 too many
    reason = "Does not fit: 15 characters over the note's limit of 200."
    expect(hint.locator("[data-no-room]")).to_contain_text(reason)
    expect(hint.locator('[data-action="copy-hint"]')).to_be_enabled()  # copying is still up to the user
    result = ask_directly(browser, panel, tab, action="insert", text="We're both connected with Ana Souza.")
    assert result["ok"] is False and reason in result["error"], result
    assert page.locator(NOTE_BOX).input_value() == f"{GENERIC} Thank you for considering it."
    expect(panel.locator('[data-field="truncated"]')).to_be_hidden()
    # A card's example that does not fit either: "No worries at all if it's not a fit." needs 37.
    out = finding(panel, "courtesy.out-missing")
    expect(out.locator('[data-action="insert"]')).to_be_disabled()
    expect(out.locator('[data-action="copy"]')).to_be_enabled()


def test_an_example_with_placeholders_is_not_offered_to_paste(paired):
    """ask.role-missing's example is a fragment to adapt ("the Senior Data Analyst role, job ID 48213"),
    not a sentence: pasted, it would name a role the user never chose. No Insert, no Copy sentence;
    the advice stays."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Hi Dana, could you refer me? I need this job.", delay=5)
    role = finding(panel, "ask.role-missing")
    expect(role.locator(".suggestion")).to_contain_text("job ID 48213", timeout=10000)
    expect(role.locator('[data-action="insert"]')).to_have_count(0)
    expect(role.locator('[data-action="copy"]')).to_have_count(0)
    expect(finding(panel, "courtesy.gratitude-missing").locator('[data-action="insert"]')).to_be_visible()
