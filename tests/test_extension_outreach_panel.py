"""The sidebar's outreach block in real Chromium with the real extension and companion: for a
profile in the outreach log, the page result's entry shows the state, the last contact and what is
due (companion/coach/due.py), and one click on Agreed / Declined / Referred stores the state
(outreach.update, as `tactful history set`). With TACTFUL_UPDATE_SCREENSHOTS=1 it writes
docs/img/sidebar-outreach.png.

The companion runs in its own process on the wall clock, so the log is seeded half a day away from
any boundary (8.5 days after the message: a follow-up is due, not yet late)."""

import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from companion.store import LogDB
from extension_support import REPO, companion_proc, ext_browser, needs_chromium, paired, pw  # noqa: F401
from test_extension_sidebar import open_tab

pytestmark = [pytest.mark.browser, needs_chromium]
DAY = 86_400_000


def seed(companion) -> None:
    """Dana got a message 8.5 days ago; the companion is restarted so it reads the log afresh."""
    companion.stop()
    now = int(time.time() * 1000)
    db = LogDB.in_dir(companion.data_dir)
    db.record_sent("dana-whitfield", "message", "Hi Dana, would you be open to referring me for the backend role?",
                   now - int(8.5 * DAY), now, url="https://www.linkedin.com/in/dana-whitfield/", name="Dana Whitfield",
                   company="Acme Robotics")
    db.close()
    companion.start()


def stored(companion) -> dict:
    r = subprocess.run([sys.executable, "-m", "companion", "history", "--json", "--data-dir", str(companion.data_dir)],
                       capture_output=True, text=True, timeout=60, cwd=REPO)
    assert r.returncode == 0, r.stderr
    return {e["recipient"]["slug"]: e for e in json.loads(r.stdout)}


def test_the_outreach_block_shows_the_state_and_sets_it_in_one_click(paired, tmp_path):
    from playwright.sync_api import expect

    browser, companion = paired
    seed(companion)
    _, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    panel.set_viewport_size({"width": 400, "height": 900})
    block = panel.locator('[data-section="followup"]')
    state, due = panel.locator('[data-field="outreach-state"]'), panel.locator('[data-field="outreach-due"]')
    expect(state).to_have_text("asked", timeout=20000)
    expect(due).to_have_attribute("data-kind", "follow_up")
    expect(due).to_have_attribute("data-due-now", "true")
    expect(due).to_have_text("Follow up: one short, warm reminder")
    # One unambiguous date format, as in the findings ("5 Dec", "28 Nov 2025"), never "11/27/2026".
    last_contact = time.localtime(time.time() - 8.5 * 86400)
    expect(panel.locator('[data-field="outreach-last"]')).to_have_text(
        time.strftime("%-d %b", last_contact) + ("" if last_contact.tm_year == time.localtime().tm_year
                                                 else f" {last_contact.tm_year}"))
    buttons = panel.locator('[data-action="set-state"]')
    expect(buttons).to_have_text(["Agreed", "Declined", "Referred"])
    shot = tmp_path / "sidebar-outreach.png"
    block.screenshot(path=str(shot))

    panel.locator('[data-action="set-state"][data-state="agreed"]').click()
    expect(state).to_have_text("agreed", timeout=10000)
    expect(due).to_have_attribute("data-kind", "thank")
    expect(due).to_have_text("Thank them, and tell them where things stand")
    agreed = panel.locator('[data-state="agreed"][data-action="set-state"]')
    expect(agreed).to_be_disabled()
    expect(agreed).to_have_attribute("aria-pressed", "true")
    entry = stored(companion)["dana-whitfield"]
    assert entry["state"] == "agreed" and entry["due"]["kind"] == "thank"

    panel.locator('[data-action="set-state"][data-state="referred"]').click()
    expect(state).to_have_text("referred", timeout=10000)
    expect(due).to_have_attribute("data-kind", "update")
    assert stored(companion)["dana-whitfield"]["state"] == "referred"
    # Her conversation shows the same block, from that page's own result.
    _, thread_panel, _ = open_tab(browser, "/messaging/thread/2-dana/")
    expect(thread_panel.locator('[data-field="outreach-state"]')).to_have_text("referred", timeout=20000)
    expect(thread_panel.locator('[data-field="outreach-due"]')).to_have_attribute("data-kind", "update")
    if os.environ.get("TACTFUL_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, REPO / "docs" / "img" / "sidebar-outreach.png")


def test_someone_not_in_the_log_gets_no_block(paired):
    from playwright.sync_api import expect

    browser, _ = paired
    _, panel, _ = open_tab(browser, "/in/lee-park/")
    expect(panel.locator('[data-field="recipient-name"]')).to_have_text("Lee Park", timeout=10000)
    expect(panel.locator('[data-section="followup"]')).to_be_hidden()
    expect(panel.locator('[data-action="set-state"]')).to_have_count(0)


def test_a_reply_waiting_for_an_answer_is_shown_as_due(paired):
    from playwright.sync_api import expect

    browser, companion = paired
    seed(companion)
    companion.stop()
    db = LogDB.in_dir(companion.data_dir)
    db.record_replies("dana-whitfield", [int(time.time() * 1000) - int(2.5 * DAY)])
    db.close()
    companion.start()
    _, panel, _ = open_tab(browser, "/in/dana-whitfield/")
    due = panel.locator('[data-field="outreach-due"]')
    expect(panel.locator('[data-field="outreach-state"]')).to_have_text("replied: did they agree?", timeout=20000)
    expect(due).to_have_attribute("data-kind", "answer")
    expect(due).to_have_text("They replied: answer them, then say what their reply meant")
    assert stored(companion)["dana-whitfield"]["due"]["kind"] == "answer"


def test_a_follow_up_finding_is_said_once_as_a_card_not_again_in_your_ask(paired):
    """Someone not in the log: "following up on my note" draws followup.no-earlier as a card, and no
    "Your ask" block repeats it."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana/")
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Hi Dana, just following up on my note from two weeks ago about the Backend Engineer "
                       "role at Acme Robotics. Thanks!", delay=2)
    expect(panel.locator('[data-code="followup.no-earlier"]')).to_have_count(1, timeout=15000)
    expect(panel.locator('[data-section="followup"]')).to_be_hidden()


def test_a_draft_not_to_send_shows_that_verdict_alone_until_asked_for_the_rest(paired):
    """"This is my fourth message": followup.stop says let it go. Its card stands alone; the cards that
    would polish the message wait behind "If you send it anyway", which shows and hides them."""
    from playwright.sync_api import expect

    browser, _ = paired
    page, panel, _ = open_tab(browser, "/messaging/thread/2-dana/")
    page.click(".msg-form__contenteditable")
    page.keyboard.type("Hi Dana, following up again. This is my fourth message about the referral. Did you "
                       "submit it or not? Please reply today.", delay=2)
    stop = panel.locator('[data-code="followup.stop"]')
    expect(stop).to_be_visible(timeout=15000)
    anyway = panel.locator('[data-action="show-anyway"]')
    expect(anyway).to_have_text(re.compile(r"If you send it anyway: \d+ more suggestions?"))
    expect(anyway).to_have_attribute("aria-expanded", "false")
    expect(panel.locator('[data-group="should"]')).to_be_hidden()
    expect(panel.locator('[data-group="must"] li:visible')).to_have_count(1)
    expect(panel.locator('[data-group="must"] .group-count')).to_have_text("(1)")  # what it shows
    expect(panel.locator(".checklist-card")).to_be_hidden()  # no polish list under "let this one go"
    anyway.click()
    expect(panel.locator('[data-group="should"]')).to_be_visible()
    expect(panel.locator(".checklist-card")).to_be_visible()
    expect(anyway).to_have_text("Hide the other suggestions")
    expect(anyway).to_have_attribute("aria-expanded", "true")
    anyway.click()
    expect(panel.locator('[data-group="should"]')).to_be_hidden()
