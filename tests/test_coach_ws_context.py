"""The coach over the WebSocket with a real profile context: a real companion on port 0, a real
`websockets` client, real LinkedIn pages (tests/fixtures/linkedin) parsed by the companion.

Priya Raman's page (sdui_profile_2nd.html): Staff Engineer at Nimbus Labs, at Stripe 2019-2021,
University of Waterloo, a post from December 2025, mutual connection Tomasz. The user's own page
(sdui_profile_own.html) shares Stripe and Waterloo with her.
"""

from pathlib import Path

import pytest

from test_coach_ws import command

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
PRIYA_URL = "https://www.linkedin.com/in/priya-raman/"
OWN_URL = "https://www.linkedin.com/in/sara-lindgren-dev/"  # the fixture's own /in/ address
GOOD = ("Hi Priya, I'm applying for the Staff Engineer role at Nimbus Labs (job ID 48213) and I'd be grateful "
        "for a referral if you're comfortable. I've spent five years building billing systems in Go. "
        "Happy to send my resume. No worries at all if not, and thank you for your time!")


async def open_page(ws, msg_id: int, name: str, url: str, captured_at: str | None = None) -> dict:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    body = {"type": "page", "url": url, "html": html}
    if captured_at:
        body["captured_at"] = captured_at
    return await command(ws, msg_id, **body)


async def draft(ws, msg_id: int, text: str, **extra) -> dict:
    return await command(ws, msg_id, type="draft", surface="message", text=text, version=msg_id, **extra)


def codes(feedback: dict) -> set[str]:
    return {f["code"] for f in feedback["findings"]}


@pytest.mark.asyncio
async def test_empty_draft_has_no_findings_and_no_score_but_keeps_hints(ws_client):
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL)
    for i, text in enumerate(["", "   \n\t "], start=2):
        fb = await draft(ws, i, text)
        assert fb["score"] is None and fb["findings"] == []
        assert fb["checklist"] and not any(c["ok"] for c in fb["checklist"])  # a guide, nothing done yet
        assert fb["hints"]  # what to say about her is useful before the first word


@pytest.mark.asyncio
async def test_caret_on_an_unfinished_name_is_not_judged_until_finished(ws_client):
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL)
    typing = await draft(ws, 2, "Hi Ca", caret=5)
    assert "fact.name-mismatch" not in codes(typing)
    finished = await draft(ws, 3, "Hi Carla, I hope you're well.", caret=29)
    [wrong] = [f for f in finished["findings"] if f["code"] == "fact.name-mismatch"]
    assert wrong["severity"] == "error" and wrong["fix"]["replacement"] == "Priya"


@pytest.mark.asyncio
async def test_a_must_fix_caps_the_score(ws_client):
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL)
    clean = await draft(ws, 2, GOOD)
    assert not [f for f in clean["findings"] if f["severity"] == "error"] and clean["score"] > 40
    for i, text in enumerate([GOOD.replace("Hi Priya", "Hi Carla"),  # wrong name
                              GOOD.replace("at Nimbus Labs", "at your team at Google"),  # wrong company
                              GOOD + " Please reply by tomorrow.",  # demanding
                              GOOD + " Could you share the salary band for the role?"], start=3):  # confidential
        fb = await draft(ws, i, text)
        assert any(f["severity"] == "error" for f in fb["findings"]), text
        assert fb["score"] <= 40, (text, fb["score"])


@pytest.mark.asyncio
async def test_cold_ask_stays_quiet_with_shared_history(ws_client):
    ask = "Hi Priya, would you be open to referring me for the Staff Engineer role at Nimbus Labs?"
    stranger = await ws_client()
    await open_page(stranger, 1, "sdui_profile_2nd.html", PRIYA_URL)
    [cold] = [f for f in (await draft(stranger, 2, ask))["findings"] if f["code"] == "relationship.cold-ask"]
    assert "Build rapport first" in cold["suggestion"]
    # The same ask, after the companion saw the user's own page: both were at Stripe and Waterloo.
    colleague = await ws_client(name="second browser")
    await open_page(colleague, 1, "sdui_profile_own.html", OWN_URL)
    await open_page(colleague, 2, "sdui_profile_2nd.html", PRIYA_URL)
    assert "relationship.cold-ask" not in codes(await draft(colleague, 3, ask))
    # A mutual contact named in the draft makes it an introduction, not a cold ask.
    named = ask.replace("Hi Priya,", "Hi Priya, Tomasz suggested I write to you:")
    assert "relationship.cold-ask" not in codes(await draft(stranger, 4, named))


@pytest.mark.asyncio
async def test_an_old_post_is_not_called_recent(ws_client):
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL, captured_at="2026-01-05T10:00:00Z")
    [fresh] = [h for h in (await draft(ws, 2, "Hi Priya,"))["hints"] if h["kind"] == "recent_post"]
    assert fresh["text"].startswith("I enjoyed your recent post")
    await open_page(ws, 3, "sdui_profile_2nd.html", PRIYA_URL, captured_at="2026-09-01T10:00:00Z")
    [old] = [h for h in (await draft(ws, 4, "Hi Priya,"))["hints"] if h["kind"] == "recent_post"]
    assert "recent" not in old["text"] and "recent" not in old["why"]
    assert "December 2025" in old["text"]


@pytest.mark.asyncio
async def test_a_capture_time_with_an_offset_is_read_in_utc(ws_client):
    # The post is from 2025-12-20 12:00 UTC; 20:00 at +12:00 is 08:00 UTC, 30 days on: still recent.
    # Read as 20:00 UTC it would be 31 days, and the hint would stop calling the post recent.
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL, captured_at="2026-01-20T20:00:00+12:00")
    [post] = [h for h in (await draft(ws, 2, "Hi Priya,"))["hints"] if h["kind"] == "recent_post"]
    assert post["text"].startswith("I enjoyed your recent post") and "30 days ago" in post["why"]


@pytest.mark.asyncio
async def test_a_draft_to_someone_else_is_not_judged_against_the_page_profile(ws_client):
    # LinkedIn keeps a message bubble open while the page moves on to another profile: the draft
    # says whom it is to, and the page's person must not be taken for them.
    ws = await ws_client()
    await open_page(ws, 1, "sdui_profile_2nd.html", PRIYA_URL)
    to_dana = "Hi Dana, I'm applying for the Staff Engineer role at Nimbus Labs. Would you refer me? Thanks!"
    fb = await draft(ws, 2, to_dana, recipient="dana-whitfield")
    assert "fact.name-mismatch" not in codes(fb)
    assert not any("Priya" in h["text"] or "Nimbus" in h["text"] for h in fb["hints"])
    # The same draft typed in Priya's own composer is to her, and the greeting is wrong.
    # LinkedIn's bubble often links the member id rather than the public name: that cannot be compared,
    # so the page's person is kept.
    for i, same in enumerate(("priya-raman-42", "Priya-Raman-42", "ACoAABcdEfGhIjK"), start=3):
        fb = await draft(ws, i, to_dana, recipient=same)
        [wrong] = [f for f in fb["findings"] if f["code"] == "fact.name-mismatch"]
        assert wrong["fix"]["replacement"] == "Priya"
