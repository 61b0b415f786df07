"""The extension in real Chromium against the real companion: LinkedIn pages (served by route
interception) show their recipient in the sidebar, and typing in each kind of composer updates the
findings for each version typed."""

import re
import time

import pytest
from extension_support import (  # noqa: F401 - fixtures
    clear_field, companion_proc, ext_browser, needs_chromium, paired, pw, wait_until,
)

from companion.coach.registry import RULES_BY_CODE

pytestmark = [pytest.mark.browser, needs_chromium]

DEMANDING = "Refer me ASAP."
# A should-fix rule of that draft: must-fix findings (tone.demanding) have no switch.
RULE = "courtesy.out-missing"
POLITE = ("Hi, I saw the Backend Engineer role (job 12345) at Acme Robotics. I spent four years building "
          "payment APIs at Stripe. Would you be open to referring me? No worries if not, and thank you "
          "for your time. My resume: https://example.com/cv")


def open_tab(browser, path):
    """A LinkedIn tab and a sidebar (panel.html?tab=<id>) that follows it."""
    page = browser.linkedin(path)
    helper = browser.options()
    tab = wait_until(lambda: browser.tab_id(f"https://www.linkedin.com{path}", helper), message="tab id")
    helper.close()
    return page, browser.panel(tab), tab


def lee_invitation_note(browser, text, delay=10):
    """Lee Park's profile with the invitation dialog open and `text` typed into its note box."""
    page, panel, tab = open_tab(browser, "/in/lee-park/")
    page.click("#connect")
    page.locator("#interop-outlet textarea[name=message]").click()
    page.keyboard.type(text, delay=delay)
    return page, panel, tab


def finding(panel, code):
    return panel.locator(f'[data-list="findings"] [data-code="{code}"]')


def type_demanding(page, panel, timeout: int = 10000) -> None:
    """Type the demanding draft into the page's composer and wait for the sidebar to flag it."""
    from playwright.sync_api import expect

    page.click(".msg-form__contenteditable")
    page.keyboard.type(DEMANDING, delay=10)
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=timeout)


def version(panel) -> int:
    value = panel.locator("#feedback").get_attribute("data-version")
    return int(value) if value else -1


def sw_eval(browser, expr):
    return browser.service_worker.evaluate(expr)


def test_classic_profile_shows_the_recipient(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    _, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="connection"]')).to_have_attribute("data-state", "connected")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    expect(panel.locator('[data-field="recipient-headline"]')).to_have_text("Staff Engineer at Acme Robotics")
    expect(panel.locator('[data-field="recipient-degree"]')).to_contain_text("1st")


def test_new_build_profile_shows_the_recipient_with_the_visible_degree(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    _, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    expect(panel.locator('[data-field="recipient-degree"]')).to_contain_text("2nd")


def test_classic_composer_updates_findings_per_version(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    expect(finding(panel, "tone.demanding").first.locator(".trigger mark")).not_to_have_text("")
    expect(panel.locator('[data-field="surface"]')).to_have_text("Message")
    first = version(panel)
    assert first >= 1
    clear_field(page)
    page.keyboard.type(POLITE, delay=2)
    expect(finding(panel, "tone.demanding")).to_have_count(0, timeout=10000)
    expect(finding(panel, "courtesy.gratitude-missing")).to_have_count(0)
    expect(panel.locator('[data-field="score"]')).not_to_have_text("")
    assert version(panel) > first
    # The draft the worker holds is exactly what is in LinkedIn's editor (which we never wrote to).
    assert page.inner_text(".msg-form__contenteditable").strip() == POLITE


def test_shadow_root_composer_in_a_popup_updates_findings(paired):
    """New-build pages open the message pop-up inside #interop-outlet's open shadow root, with no
    URL change."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#message")
    editor = page.locator("#interop-outlet .msg-form__contenteditable")
    editor.click()
    page.keyboard.type(DEMANDING, delay=10)
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
    v1 = version(panel)
    page.keyboard.type(" Thank you so much for your time!", delay=5)
    expect(finding(panel, "courtesy.gratitude-missing")).to_have_count(0, timeout=10000)
    assert version(panel) > v1
    # The snapshot carried the pop-up as a declarative shadow root (open shadow roots included).
    tab_html = wait_until(lambda: (h := sw_eval(browser, "() => [...__tactful.tabs.values()].map((t) => t.html || '').join('')"))
                          and "msg-overlay-conversation-bubble" in h and h, message="a snapshot with the pop-up")
    assert re.search(r'<div id="interop-outlet"[^>]*><template shadowrootmode="open">\s*<div class="msg-overlay-conversation-bubble">',
                     tab_html)
    assert "<script" not in tab_html and "<img" not in tab_html and "<style" not in tab_html
    assert DEMANDING not in tab_html  # the draft travels as a draft, not inside the page snapshot


def test_invitation_note_uses_the_page_limit(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = lee_invitation_note(browser, "Refer me ASAP!!!")
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Invitation note")
    expect(panel.locator('[data-field="limits"]')).to_have_text(re.compile(r"^16 / 200 characters$"))
    v1 = version(panel)
    clear_field(page)
    page.keyboard.type("Hi Lee, thank you for your talk on platform teams. I'd love to connect.", delay=2)
    expect(finding(panel, "tone.demanding")).to_have_count(0, timeout=10000)
    assert version(panel) > v1


def test_messaging_page_shows_the_thread_participant(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    type_demanding(page, panel)


def test_in_page_navigation_replaces_the_context(paired):
    """LinkedIn navigates with pushState and renders the new profile a moment later: the sidebar
    must end on the new person and never keep the old name."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    name = panel.locator('[data-field="recipient-name"]')
    expect(name).to_have_text("Dana Whitfield", timeout=10000)
    page.click("#next-profile")
    expect(name).not_to_have_text("Dana Whitfield", timeout=5000)
    expect(name).to_have_text("Lee Park", timeout=10000)
    time.sleep(1.0)  # a late snapshot of the old DOM must not bring the old name back
    expect(name).to_have_text("Lee Park")
    assert page.url.endswith("/in/lee-park/")


def test_in_page_navigation_with_the_message_bubble_open_keeps_its_person(paired):
    """LinkedIn keeps a message bubble open across in-page navigation: on Lee's profile the bubble
    still writes to Dana. The sidebar must not present Lee as the recipient of that draft: it names
    the bubble's person, and a send is logged for Dana under her own name, not Lee's."""
    from playwright.sync_api import expect

    from test_extension_outreach_panel import stored

    browser, companion = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    name = panel.locator('[data-field="recipient-name"]')
    expect(name).to_have_text("Dana Whitfield", timeout=10000)
    page.click("#next-profile")
    expect(name).to_have_text("Lee Park", timeout=10000)  # no draft yet: the page's person
    page.click(".msg-form__contenteditable")
    page.keyboard.type(POLITE, delay=1)
    expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live", timeout=10000)
    assert sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft.recipient") == "dana-whitfield"
    expect(name).to_have_text("Dana Whitfield")
    assert "Nimbus Labs" not in panel.locator('[data-section="recipient"]').inner_text()
    page.click(".msg-form__send-button")
    entry = wait_until(lambda: stored(companion).get("dana-whitfield"), message="the send logged")
    assert entry["recipient"]["name"] == "Dana Whitfield", entry
    assert "lee-park" not in stored(companion)


def test_switching_a_rule_off_and_on(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    cards = panel.locator('[data-list="findings"] .finding:not(.finding-part)')
    codes = lambda: cards.evaluate_all("(els) => els.map((e) => e.dataset.code || e.dataset.card)")  # noqa: E731
    expect(finding(panel, RULE).first).to_be_visible(timeout=10000)  # the whole draft judged, full stop typed
    before = codes()
    assert RULE in before[:-1]  # not the last card, so a card put back at the end would show
    item = finding(panel, RULE).first
    expect(item.locator('[data-action="disable-rule"]')).to_be_hidden()  # tucked in the card's menu
    item.locator("details.menu summary").click()
    why = RULES_BY_CODE[RULE].rationale  # what the rule is for, in words, before and after turning it off
    expect(item.locator(".menu-body")).to_contain_text(why)
    item.locator('[data-action="disable-rule"]').click()
    expect(finding(panel, RULE)).to_have_count(0, timeout=10000)
    expect(panel.locator(f'[data-disabled-code="{RULE}"]')).to_be_visible()
    expect(panel.locator(f'[data-disabled-code="{RULE}"]')).to_contain_text(why)
    panel.locator(f'[data-disabled-code="{RULE}"] [data-action="enable-rule"]').click()
    expect(finding(panel, RULE).first).to_be_visible(timeout=10000)
    assert codes() == before  # back in its place: turning a rule off and on reorders nothing


def test_copy_puts_the_suggestion_on_the_clipboard(paired):
    """Copy hands the suggestion's exact text to the Clipboard API (recorded by a wrapper: headless
    Chromium cannot grant clipboard permissions to an extension origin)."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    panel.evaluate("""() => {
        window.__copied = [];
        const original = navigator.clipboard.writeText.bind(navigator.clipboard);
        navigator.clipboard.writeText = (text) => { window.__copied.push(text); return original(text).catch(() => {}); };
    }""")
    page.click(".msg-form__contenteditable")
    page.keyboard.type(DEMANDING, delay=10)
    item = finding(panel, "courtesy.gratitude-missing")  # something missing: its example can be pasted
    expect(item.locator('[data-action="copy"]')).to_be_visible(timeout=10000)
    suggestion = item.locator(".suggestion").inner_text()
    quoted = re.search(r'["\u201c]([^"\u201d]{8,})["\u201d]', suggestion).group(1).strip()
    item.locator('[data-action="copy"]').click()
    expect(panel.locator('[data-field="copied"]')).to_contain_text("Copied")
    # The sentence to paste, not the advice around it.
    assert panel.evaluate("() => window.__copied") == [quoted]


def test_pause_sends_nothing(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    panel.locator('[data-action="pause"]').check()
    expect(panel.locator('[data-section="empty"]')).to_contain_text("paused")
    time.sleep(0.5)  # the content script hears of the switch through chrome.storage.onChanged
    page.click(".msg-form__contenteditable")
    page.keyboard.type(DEMANDING, delay=10)
    time.sleep(0.8)
    draft = sw_eval(browser, f"() => __tactful.tabs.get({tab})?.draft ?? null")
    assert draft is None  # the sensor sent nothing while paused
    panel.locator('[data-action="pause"]').uncheck()
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)  # resent on resume


def test_send_is_recorded_in_the_outreach_log(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(".msg-form__contenteditable")
    page.keyboard.type(POLITE, delay=1)
    expect(panel.locator('[data-field="score"]')).not_to_have_text("", timeout=10000)
    page.click(".msg-form__send-button")
    expect(panel.locator('[data-field="followup"]')).to_contain_text("asked", timeout=10000)


def test_personalization_hint_from_the_profile_can_be_copied(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    panel.evaluate("""() => {
        window.__copied = [];
        navigator.clipboard.writeText = async (text) => { window.__copied.push(text); };
    }""")
    page.click("#message")
    page.locator("#interop-outlet .msg-form__contenteditable").click()
    page.keyboard.type("Hi Lee, could you refer me for the backend role at Nimbus Labs? Thanks!", delay=2)
    hint = panel.locator('[data-list="hints"] [data-hint="mutual_connection"]')
    expect(hint).to_contain_text("Ana Souza", timeout=10000)
    hint.locator('[data-action="copy-hint"]').click()
    assert panel.evaluate("() => window.__copied") == ["We're both connected with Ana Souza."]


def test_enter_to_send_is_recorded(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(".msg-form__contenteditable")
    page.keyboard.type(POLITE, delay=1)
    expect(panel.locator('[data-field="score"]')).not_to_have_text("", timeout=10000)
    page.keyboard.press("Enter")
    expect(panel.locator('[data-field="followup"]')).to_contain_text("asked", timeout=10000)


def test_switching_tabs_keeps_each_tabs_page_without_a_new_upload(paired):
    """The companion holds a page context per tab: typing in one tab, then another, then the first
    again coaches each against its own recipient, and the first tab's page is not sent again."""
    from playwright.sync_api import expect

    browser, _ = paired
    dana, dana_panel, dana_tab = open_tab(browser, "/in/dana-whitfield/")
    expect(dana_panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    lee, lee_panel, _ = open_tab(browser, "/in/lee-park/")
    expect(lee_panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    uploads = sw_eval(browser, f"() => __tactful.tabs.get({dana_tab}).pageSeq")
    dana.bring_to_front()
    dana.click(".msg-form__contenteditable")
    dana.keyboard.type("Hi Lee, could you refer me? Thanks!", delay=2)
    expect(finding(dana_panel, "fact.name-mismatch").first).to_be_visible(timeout=10000)  # "Lee" to Dana
    lee.bring_to_front()
    lee.click("#message")
    lee.locator("#interop-outlet .msg-form__contenteditable").click()
    lee.keyboard.type("Hi Lee, could you refer me? Thanks!", delay=2)
    expect(lee_panel.locator('[data-field="score"]')).not_to_have_text("", timeout=10000)
    expect(finding(lee_panel, "fact.name-mismatch")).to_have_count(0)
    dana.bring_to_front()
    dana.click(".msg-form__contenteditable")
    before = version(dana_panel)
    dana.keyboard.type(" Best, Sam", delay=2)
    wait_until(lambda: version(dana_panel) > before, message="feedback for the new version")
    expect(finding(dana_panel, "fact.name-mismatch").first).to_be_visible()
    assert sw_eval(browser, f"() => __tactful.tabs.get({dana_tab}).pageSeq") == uploads


def test_writing_under_your_own_unanswered_message_is_coached_as_a_follow_up(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana-followup/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Did you see my message? Still waiting.", delay=5)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Follow-up", timeout=10000)
    expect(finding(panel, "followup.pressure").first).to_be_visible(timeout=10000)
    # A reminder's own checklist: what it follows up on, and its timing (the thread's message is 8 days old).
    checklist = panel.locator('[data-list="checklist"]')
    expect(checklist.locator('[data-check="specific"]')).to_contain_text("Says what it follows up on")
    expect(checklist.locator('[data-check="timing"][data-ok="true"]')).to_contain_text("Waits a week")
    expect(checklist.locator('[data-check="polite"][data-ok="false"]')).to_be_visible()
    expect(checklist.locator('[data-check="fit"]')).to_have_count(0)  # the fit was in the first message


def test_a_reminder_due_offers_its_model_to_copy(paired):
    """Under your own message of 8 days ago, a reminder is due: the card's model reminder can be copied
    (audit 19: it was printed with no button)."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana-followup/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Hi Dana, bumping this in case it got buried. No worries if not!", delay=5)
    item = finding(panel, "followup.ok")
    expect(item.locator('[data-action="copy"]')).to_be_visible(timeout=10000)
    expect(item.locator('[data-action="copy"]')).to_have_attribute("aria-label", re.compile(r"Hi Dana, just bringing"))


def test_inmail_subject_and_body(paired):
    """InMail: the subject and the body travel together; the page's counter gives the limit."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/lee-park/")
    page.click("#inmail")
    page.locator("#interop-outlet input[name=subject]").click()
    page.keyboard.type("Referral for the platform role?", delay=5)
    page.locator("#interop-outlet .msg-form__contenteditable").click()
    page.keyboard.type("Refer me ASAP.", delay=10)
    expect(panel.locator('[data-field="surface"]')).to_have_text("InMail", timeout=10000)
    expect(finding(panel, "tone.demanding").first).to_be_visible(timeout=10000)
    expect(panel.locator('[data-field="limits"]')).to_contain_text("/ 2000 characters")  # the page's counter, not the default 1,900
    draft = wait_until(lambda: (d := browser.service_worker.evaluate(f"() => __tactful.tabs.get({tab}).draft"))
                       and d["text"].strip() == "Refer me ASAP." and d, message="the last keystroke's draft")
    assert draft["subject"] == "Referral for the platform role?" and draft["surface"] == "inmail"


def test_sending_an_invitation_note_is_recorded(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    page.click("#connect")
    page.locator("#interop-outlet textarea[name=message]").click()
    page.keyboard.type("Hi Lee, I enjoyed your talk on platform teams. Thank you, and I'd love to connect.", delay=1)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Invitation note", timeout=10000)
    page.locator('#interop-outlet button[aria-label="Dismiss"]').click()
    time.sleep(1.0)
    expect(panel.locator('[data-field="followup"]')).not_to_contain_text("asked")  # dismissing sends nothing
    page.locator('#interop-outlet button[aria-label="Send invitation"]').click()
    expect(panel.locator('[data-field="followup"]')).to_contain_text("asked", timeout=10000)


def test_an_invitation_from_search_results_knows_its_invitee(paired):
    """Connect on a search result: no profile page, so the invitee comes from the dialog (its
    vanityName) and their name from the result's link; the note is coached for them and the send
    is logged under them."""
    from playwright.sync_api import expect

    from test_extension_outreach_panel import stored

    browser, companion = paired
    page, panel, _ = open_tab(browser, "/search/results/people/")
    page.click("#connect")
    page.locator("textarea#custom-message").click()
    page.keyboard.type("Hi Sam, I enjoyed your talk on data contracts. Thank you, and I'd love to connect.", delay=1)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Invitation note", timeout=10000)
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Sam Ortiz", timeout=10000)
    page.locator('button[aria-label="Send invitation"]').click()
    entry = wait_until(lambda: stored(companion).get("sam-ortiz-4b2"), message="the invitation logged")
    assert entry["recipient"]["name"] == "Sam Ortiz" and entry["sent"][0]["surface"] == "connection_note"


def test_sidebar_is_usable_from_the_keyboard_and_labelled(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    type_demanding(page, panel)
    # Every control has an accessible name.
    for role in ("button", "switch", "checkbox"):
        for control in panel.get_by_role(role).all():
            name = control.evaluate("(el) => el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent")
            assert name and name.strip(), control.evaluate("(el) => el.outerHTML")
    # Tab to the rule's menu, open it with Enter, Tab to its switch-off button, Enter.
    panel.bring_to_front()
    label = "() => document.activeElement?.getAttribute('aria-label')"
    for _ in range(80):
        panel.keyboard.press("Tab")
        if panel.evaluate(label) == f"More about the rule {RULE}":
            break
    else:
        raise AssertionError("the rule's menu is not reachable with Tab")
    panel.keyboard.press("Enter")
    panel.keyboard.press("Tab")
    assert panel.evaluate(label) == f"Turn off the rule {RULE}"
    panel.keyboard.press("Enter")
    expect(finding(panel, RULE)).to_have_count(0, timeout=10000)
    # Focus moves to the control that undoes it, not to the top of the page.
    expect(panel.locator(f'[data-disabled-code="{RULE}"] [data-action="enable-rule"]')).to_be_focused()
    panel.keyboard.press("Enter")
    expect(finding(panel, RULE).first).to_be_visible(timeout=10000)
    expect(finding(panel, RULE).first.locator('[data-action="disable-rule"]')).to_be_focused()


def test_pop_out_follows_the_same_tab(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    _, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    with browser.context.expect_page() as info:
        panel.click('[data-action="popout"]')
    popout = info.value
    popout.wait_for_load_state()
    assert popout.url.endswith(f"/src/panel/panel.html?tab={tab}")
    expect(popout.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
