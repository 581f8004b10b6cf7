"""The journey the issue asks for: make a Jellyfin connection on the Connections page, post
a play to the address it shows (as Jellyfin would, from outside the browser), and find the
film in the Diary and the play in Activity. The same server serves the pages and the
webhook (st.App)."""

from __future__ import annotations

import json
import re

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, open_page, wait_for_app
from tests.web.conftest import jellyfin

HOOK = re.compile(r"^http://127\.0\.0\.1:\d+/hooks/jellyfin/[A-Za-z0-9_-]{43}$")


def test_a_jellyfin_play_posted_to_the_address_shown_lands_in_the_diary_and_activity(
    loopback_page: Page, app_server: AppServer
):
    page = loopback_page
    open_page(page, app_server, "connections")
    page.get_by_role("textbox", name="Name").fill("Living room Jellyfin")
    page.get_by_role("combobox", name="Kind").click()
    page.get_by_role("option", name="Jellyfin").click()
    page.get_by_role("button", name="Make token").click()
    wait_for_app(page)
    expect(page.get_by_text("Copy it now: this is the only time it is shown.")).to_be_visible()
    address = page.get_by_test_id("stCode").first.inner_text().strip()
    assert HOOK.match(address), address

    answer = httpx.post(
        address,
        content=json.dumps(jellyfin()),
        headers={"Content-Type": "text/plain"},
        timeout=10,
    )

    assert answer.status_code == 200
    assert answer.json()["result"] == "logged"
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Living room Jellyfin", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("last used just now"))).to_be_visible()
    expect(page.get_by_text("Copy it now")).to_have_count(0)  # shown once

    open_page(page, app_server, "diary")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("link", name="Heat (1995)")).to_be_visible()
    expect(main.get_by_text("3 Mar 2026", exact=True)).to_be_visible()

    open_page(page, app_server, "activity")
    expect(page.get_by_text("Jellyfin: watched Heat (1995) on 3 Mar 2026")).to_be_visible()
    expect(page.get_by_text("Jellyfin: added Heat (1995) as Watched")).to_be_visible()


def test_the_routes_answer_beside_the_pages(app_server: AppServer):
    """One `streamlit run`: the health check, the API's document and a refused webhook."""
    assert httpx.get(f"{app_server.url}/_stcore/health", timeout=10).text == "ok"
    document = httpx.get(f"{app_server.url}/api/v1/openapi.json", timeout=10).json()
    assert document["openapi"] == "3.1.0"
    refused = httpx.post(f"{app_server.url}/hooks/plex/nope", content=b"{}", timeout=10)
    assert refused.status_code == 401
