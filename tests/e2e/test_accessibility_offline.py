"""With OMDb lookups off, Add movie still passes axe-core: the hint that says how to turn
them on is ordinary text, so its link keeps its contrast (in a caption it was faded to
2.96:1)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page
from tests.e2e.test_accessibility import expect_no_violations


@pytest.fixture(scope="module")
def app_environment() -> dict[str, str]:
    """No OMDB_API_KEY: lookups are off."""
    return {"OMDB_API_KEY": ""}


def test_add_movie_with_lookups_off(loopback_page: Page, app_server):
    open_page(loopback_page, app_server, "add-movie")
    hint = loopback_page.get_by_test_id("stForm").get_by_text("OMDb lookups are off.")
    expect(hint).to_be_visible()
    expect_no_violations(Axe(), loopback_page)
