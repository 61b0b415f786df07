"""What the sidebar shows as a draft's life goes on, in real Chromium with the real extension and
companion: a reload forgets the old document's draft, a send is acknowledged and its feedback
leaves with it, and a message bubble that stays open across in-page navigation stays coached."""

import pytest

from extension_support import (  # noqa: F401 - fixtures
    companion_proc, ext_browser, needs_chromium, paired, pw, wait_until,
)
from test_extension_sidebar import POLITE, lee_invitation_note, open_tab, sw_eval

pytestmark = [pytest.mark.browser, needs_chromium]

EDITOR = ".msg-form__contenteditable"


def type_polite(page, panel, where=EDITOR):
    from playwright.sync_api import expect

    page.click(where)
    page.keyboard.type(POLITE, delay=1)
    expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live", timeout=10000)
    expect(panel.locator('[data-field="score"]')).not_to_have_text("")


def test_a_reload_shows_the_empty_state_not_the_old_notes_feedback(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = lee_invitation_note(browser, "Refer me ASAP!!!", delay=5)
    expect(panel.locator('[data-field="surface"]')).to_have_text("Invitation note", timeout=10000)
    page.reload()  # the same URL, a new document with no dialog open
    expect(panel.locator("#feedback")).to_be_hidden(timeout=10000)
    expect(panel.locator('[data-section="empty"]')).to_contain_text("Open a message box")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    assert sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft") is None


@pytest.mark.parametrize("path, how", [("/in/dana-whitfield/", "button"), ("/messaging/thread/2-dana/", "enter")])
def test_a_send_is_acknowledged_and_its_feedback_goes(paired, path, how):
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, path)
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Dana Whitfield", timeout=10000)
    type_polite(page, panel)
    if how == "button":
        page.click(".msg-form__send-button")
    else:
        page.keyboard.press("Enter")
    empty = panel.locator('[data-section="empty"]')
    expect(empty).to_have_text("Sent to Dana Whitfield, logged.", timeout=10000)
    expect(panel.locator("#feedback")).to_be_hidden()  # no score for text no longer in the box
    expect(panel.locator('[data-field="outreach-state"]')).to_have_text("asked")  # Your ask
    assert sw_eval(browser, f"() => __tactful.tabs.get({tab}).feedback") is None
    page.click(EDITOR)
    page.keyboard.type("Hi Dana, one more thing.", delay=5)  # a new draft: coached, the note goes
    expect(panel.locator('[data-field="score"]')).not_to_have_text("", timeout=10000)
    expect(empty).to_be_hidden()


def test_a_bubble_draft_stays_coached_across_in_page_navigation(paired):
    """Dana's message bubble stays open with a draft while LinkedIn moves to Lee's profile: the
    sidebar keeps coaching that draft, for Dana, instead of showing Lee's empty state."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, tab = open_tab(browser, "/in/dana-whitfield/")
    name = panel.locator('[data-field="recipient-name"]')
    expect(name).to_have_text("Dana Whitfield", timeout=10000)
    type_polite(page, panel)
    page.click("#next-profile")
    wait_until(lambda: sw_eval(browser, f"() => __tactful.tabs.get({tab}).page?.profile?.slug") == "lee-park",
               message="Lee's profile read")
    expect(panel.locator('[data-field="feedback"]')).to_have_attribute("data-state", "live", timeout=10000)
    expect(panel.locator('[data-section="empty"]')).to_be_hidden()
    expect(name).to_have_text("Dana Whitfield")
    draft = sw_eval(browser, f"() => __tactful.tabs.get({tab}).draft")
    assert draft["recipient"] == "dana-whitfield" and draft["text"].strip() == POLITE
