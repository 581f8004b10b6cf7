"""Log a film with OMDb lookups off: the typed title is the new film, and the task
without a review takes at most five actions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, open_page
from tests.e2e.test_log_film import dialog, log_a_film

MOST_WITHOUT_A_REVIEW = 5


@pytest.fixture(scope="module")
def app_environment() -> dict[str, str]:
    """No OMDB_API_KEY: lookups are off."""
    return {"OMDB_API_KEY": ""}


def test_log_a_typed_title_from_activity_in_five_actions(
    loopback_page: Page, app_server: AppServer
):
    page = loopback_page
    open_page(page, app_server, "activity")
    pick = page.locator(".st-key-log_pick_new").get_by_role("button")

    journey = log_a_film(page, "Stalker", pick, review=None)

    assert journey.actions <= MOST_WITHOUT_A_REVIEW
    expect(dialog(page).get_by_text("Stalker was added to your library.")).to_be_visible()
    open_page(page, app_server, "library?view=grid")
    expect(page.get_by_text("Watched · ★★★★½", exact=True)).to_be_visible()
    open_page(page, app_server, "statistics")
    expect(page.get_by_role("link", name="Stalker ★★★★½")).to_be_visible()
