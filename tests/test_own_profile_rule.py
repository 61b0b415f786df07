"""Only the user's own profile page updates own_profile.json (issue 14 item 10, second half).

A page marked as the user's own by its markup (links to /in/<slug>/edit/) used to overwrite the
remembered profile, whatever page it was: anyone can put such a link on their own profile. The
rule (docs/pages.md): LinkedIn's viewer data names the account; markup counts only on a page whose
URL is that profile's /in/ slug and, once a profile is remembered, only for the remembered slug."""

import json
from pathlib import Path

import pytest

from companion.pages import own_profile
from conftest import pair_and_connect, recv_json

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
OWN_URL = "https://www.linkedin.com/in/sara-lindgren-dev/"
MALLORY_URL = "https://www.linkedin.com/in/priya-raman-42/"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def mallory_marked_as_own() -> str:
    """Someone else's profile carrying the edit links of their own slug, as on the user's page."""
    link = f'<a href="{MALLORY_URL}edit/intro/">Edit intro</a>'
    return fixture("sdui_profile_2nd.html").replace("</main>", link + "</main>", 1)


async def send_page(ws, n: int, url: str, html: str) -> dict:
    await ws.send(json.dumps({"type": "page", "id": n, "url": url, "html": html}))
    reply = await recv_json(ws, timeout=30)
    assert reply["id"] == n and reply["success"], reply
    return reply["result"]


@pytest.mark.asyncio
async def test_a_page_marked_as_own_elsewhere_does_not_replace_the_own_profile(companion_server):
    ws = await pair_and_connect(companion_server)
    try:
        first = await send_page(ws, 1, OWN_URL, fixture("sdui_profile_own.html"))  # the first own page: trusted
        assert first["profile"]["is_self"] is True
        assert own_profile.load(companion_server.data_dir).slug == "sara-lindgren-dev"
        stored = (companion_server.data_dir / own_profile.FILE_NAME).read_bytes()

        other = await send_page(ws, 2, MALLORY_URL, mallory_marked_as_own())
        assert other["profile"]["slug"] == "priya-raman-42" and not other["profile"].get("is_self")
        assert (companion_server.data_dir / own_profile.FILE_NAME).read_bytes() == stored

        # Another address showing the user's markup (a page framing their profile) is not theirs either.
        elsewhere = await send_page(ws, 3, MALLORY_URL, fixture("sdui_profile_own.html"))
        assert not elsewhere["profile"].get("is_self")
        assert (companion_server.data_dir / own_profile.FILE_NAME).read_bytes() == stored

        # The user's own page at its own address still updates it.
        again = await send_page(ws, 4, OWN_URL, fixture("sdui_profile_own.html"))
        assert again["profile"]["is_self"] is True
    finally:
        await ws.close()


@pytest.mark.asyncio
async def test_first_page_marked_as_own_counts_only_at_its_own_address(companion_server):
    ws = await pair_and_connect(companion_server)
    try:
        result = await send_page(ws, 1, "https://www.linkedin.com/in/someone-else/", mallory_marked_as_own())
        assert not result["profile"].get("is_self")
        assert own_profile.load(companion_server.data_dir) is None
    finally:
        await ws.close()


@pytest.mark.asyncio
async def test_linkedins_viewer_data_still_names_another_account(companion_server):
    """Signing in to another account: the classic build's viewer record replaces the remembered one."""
    ws = await pair_and_connect(companion_server)
    try:
        await send_page(ws, 1, MALLORY_URL, mallory_marked_as_own())  # nothing remembered: not own either
        await send_page(ws, 2, "https://www.linkedin.com/in/daniel-okoye/", fixture("classic_profile_1st.html"))
        assert own_profile.load(companion_server.data_dir).slug == "sara-lindgren-dev"  # from the viewer data
    finally:
        await ws.close()
