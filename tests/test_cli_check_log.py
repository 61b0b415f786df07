"""`tactful check` reads the outreach log as the sidebar does: the same log gives the same advice
on the command line (a real `tactful check` process) and through the companion's `draft` command."""

import asyncio
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from companion.coach.outreach_view import to_ms
from companion.store import LogDB
from conftest import pair_and_connect, recv_json

TEMPLATE = ("Hi {name}, I hope you are doing well. I noticed that {company} is hiring a backend engineer "
            "and I would love to be considered for the role. I have five years of experience building "
            "payment systems in Go and Python. Would you be open to referring me? Thank you for your time.")
PEOPLE = [("ana-lopez", "Ana Lopez", "Stripe", 9), ("bo-chen", "Bo Chen", "Figma", 6),
          ("cy-diaz", "Cy Diaz", "Datadog", 2)]
# The template for a fourth person, lightly edited.
NEAR_COPY = TEMPLATE.format(name="Dee", company="Notion").replace("I hope you are doing well", "Hope all is well")


@pytest.fixture
def log_of_copies(tmp_path):
    """A data folder whose log holds the template, sent to three people in the last ten days."""
    folder = tmp_path / "data"
    db = LogDB.in_dir(folder)
    now = datetime.now(timezone.utc)
    for slug, name, company, days in PEOPLE:
        at = to_ms(now - timedelta(days=days))
        db.record_sent(slug, "message", TEMPLATE.format(name=name.split()[0], company=company), at, at,
                       name=name, company=company)
    db.close()
    return folder


def check(folder, draft_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", "check", str(draft_path), "--data-dir", str(folder),
                           "--recipient", "Dee", "--company", "Notion", *args],
                          capture_output=True, text=True, timeout=60)


def test_check_reports_a_near_copy_of_messages_sent_to_others(log_of_copies, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(NEAR_COPY, encoding="utf-8")
    out = check(log_of_copies, draft).stdout
    assert "warning [dup.mass-message]" in out and "3 other people" in out and "Cy Diaz" in out
    warnings = [line.split("[")[1].split("]")[0] for line in out.splitlines() if ": warning [" in line]
    assert warnings[0] == "dup.mass-message" and len(warnings) > 1  # a copy: whether to send it, before how
    personal = tmp_path / "personal.txt"
    personal.write_text("Hi Dee, your talk on Notion's sync engine made me rethink how we batch writes at work. "
                        "Could I ask how the team decides what to build in-house?", encoding="utf-8")
    assert "dup.mass-message" not in check(log_of_copies, personal).stdout
    assert "dup.mass-message" not in check(log_of_copies, draft, "--no-log").stdout


@pytest.mark.asyncio
async def test_check_and_the_sidebar_give_the_same_mass_message_finding(log_of_copies, tmp_path, make_server):
    draft = tmp_path / "draft.txt"
    draft.write_text(NEAR_COPY, encoding="utf-8")
    result = await asyncio.to_thread(check, log_of_copies, draft, "--json")
    [cli] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "dup.mass-message"]

    server = await make_server(data_dir=log_of_copies)
    for _ in range(100):  # the server builds its index on a thread after start-up
        if server.services.store.cache.index_ready:
            break
        await asyncio.sleep(0.05)
    ws = await pair_and_connect(server)
    try:
        await ws.send(json.dumps({"id": 2, "type": "draft", "surface": "message", "text": NEAR_COPY,
                                  "version": 1, "recipient": "dee"}))
        reply = await recv_json(ws)
        while reply.get("id") != 2:
            reply = await recv_json(ws)
    finally:
        await ws.close()
    [sidebar] = [f for f in reply["result"]["findings"] if f["code"] == "dup.mass-message"]
    assert cli == sidebar


def test_the_recipient_named_on_the_command_line_is_found_in_the_log_by_name(log_of_copies, tmp_path):
    nudge = tmp_path / "nudge.txt"
    nudge.write_text("Hi Ana, just bumping this in case it got buried. No worries if not. Thanks!", encoding="utf-8")

    def run(name, *extra):
        return subprocess.run([sys.executable, "-m", "companion", "check", str(nudge), "--data-dir", str(log_of_copies),
                               "--recipient", name, "--json", *extra], capture_output=True, text=True, timeout=60)
    fb = json.loads(run("ana  lopez").stdout)  # her log: 9 days without a reply, so a reminder is due
    assert fb["surface"] == "follow_up" and "followup.ok" in {f["code"] for f in fb["findings"]}
    for other in ("Ana", "Ana Lopez-Garcia"):  # not her name as the log has it: her log's times are not read
        fb = json.loads(run(other).stdout)  # (a follow-up still, by the draft's own "bumping this")
        assert fb["surface"] == "follow_up" and "followup.ok" not in {f["code"] for f in fb["findings"]}, other


def test_a_reminder_of_a_message_sent_to_many_says_so(log_of_copies, tmp_path):
    def codes(folder, text):
        draft = tmp_path / "draft.txt"
        draft.write_text(text, encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "companion", "check", str(draft), "--data-dir", str(folder),
                              "--recipient", "Ana Lopez", "--json"], capture_output=True, text=True, timeout=60)
        return {f["code"]: f for f in json.loads(out.stdout)["findings"]}

    nudge = "Hi Ana, just following up on my note about the backend role at Stripe. No worries if not. Thanks!"
    found = codes(log_of_copies, nudge)["dup.mass-followup"]  # what Ana got went to Bo and Cy too
    assert found["severity"] == "warning" and found["data"]["recipients"] == 2
    assert "Cy Diaz and Bo Chen" in found["message"]  # most recent first
    assert "dup.mass-followup" not in codes(log_of_copies, "Thank you so much for referring me, Ana!")

    personal = tmp_path / "personal"  # Ana's note was written for her: a reminder of it is just a reminder
    db = LogDB.in_dir(personal)
    at = to_ms(datetime.now(timezone.utc) - timedelta(days=9))
    db.record_sent("ana-lopez", "message", "Hi Ana, your talk on Stripe's ledger migration at GopherCon was the "
                   "clearest account of dual writes I have heard. Could I ask how the team tested the cutover?",
                   at, at, name="Ana Lopez", company="Stripe")
    for slug, name, company, days in PEOPLE[1:]:
        at = to_ms(datetime.now(timezone.utc) - timedelta(days=days))
        db.record_sent(slug, "message", TEMPLATE.format(name=name.split()[0], company=company), at, at,
                       name=name, company=company)
    db.close()
    found = codes(personal, nudge)
    assert "dup.mass-followup" not in found and "followup.ok" in found
