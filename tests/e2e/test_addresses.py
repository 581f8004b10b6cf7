"""Every page's own address, typed into a new tab: the page it names opens, the address
stays as typed (query string too), and Streamlit's "Page not found" never shows."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, open_page

ADDRESSES = [
    ("", "Library"),
    ("library", "Library"),
    ("add-movie", "Add movie"),
    ("statistics", "Statistics"),
    ("activity", "Activity"),
    ("diary", "Diary"),
    ("lists", "Lists"),
    ("tonight", "Tonight"),
    ("import-export", "Import and export"),
    ("connections", "Connections"),
]


def open_address(page: Page, server: AppServer, address: str, title: str) -> None:
    open_page(page, server, address)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def expect_found(page: Page, server: AppServer, address: str) -> None:
    expect(page).to_have_url(f"{server.url}/{address}")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


@pytest.mark.parametrize(("address", "title"), ADDRESSES)
def test_each_address_opens_its_own_page(loopback_page: Page, app_server, address, title):
    open_address(loopback_page, app_server, address, title)
    expect_found(loopback_page, app_server, address)


@pytest.mark.parametrize("address", ["library?movie=3", "?movie=3"])
def test_the_query_string_reaches_the_library(loopback_page: Page, app_server, address):
    """The Library opens a movie from ?movie=3: the address must arrive with it."""
    open_address(loopback_page, app_server, address, "Library")
    expect_found(loopback_page, app_server, address)


def test_the_menu_marks_the_library_at_the_root_and_leads_to_each_page_s_address(
    loopback_page: Page, app_server
):
    open_address(loopback_page, app_server, "", "Library")
    menu = loopback_page.get_by_test_id("stSidebarNav")
    menu_titles = [
        "Library", "Diary", "Lists", "Tonight", "Add movie", "Statistics", "Activity",
        "Import and export", "Connections",
    ]  # fmt: skip
    expect(menu.get_by_role("link")).to_have_text([re.compile(f"{t}$") for t in menu_titles])
    expect(menu.get_by_role("link", name="Library")).to_have_attribute("aria-current", "page")
    for address, title in ADDRESSES[2:]:
        menu.get_by_role("link", name=title).click()
        expect(loopback_page.get_by_role("heading", name=title, level=1)).to_be_visible()
        expect(loopback_page).to_have_url(f"{app_server.url}/{address}")
        expect(menu.get_by_role("link", name=title)).to_have_attribute("aria-current", "page")


def test_the_empty_librarys_link_opens_add_movie_at_its_address(loopback_page: Page, app_server):
    open_address(loopback_page, app_server, "library", "Library")
    main = loopback_page.get_by_test_id("stMain")
    main.get_by_role("link", name=re.compile("Add movie")).click()
    expect(loopback_page.get_by_role("heading", name="Add movie", level=1)).to_be_visible()
    expect(loopback_page).to_have_url(f"{app_server.url}/add-movie")
