"""Two app servers on one PostgreSQL, as behind a proxy with sticky sessions: each browser
tab keeps its websocket to one `streamlit run`, and every server reads the same library.

Each server caches its pages' reads in its own memory, keyed on the library version read
from the database on every run; so a change made through one server shows in the other on
that server's next rerun, whichever server the person's tab is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from movie_tracker.store import MovieRepository
from tests.e2e.conftest import (
    NOT_LOOPBACK,
    AppServer,
    open_page,
    start_app_server,
    stop_app_server,
    wait_for_app,
)
from tests.postgres import fresh_database

EMPTY = "Your library is empty."


@pytest.fixture(scope="module")
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture(scope="module")
def servers(tmp_path_factory, app_environment, database_url) -> Iterator[list[AppServer]]:
    """Two `streamlit run` processes on the one database, started one after the other."""
    started: list[AppServer] = []
    try:
        for name in ("one", "two"):
            folder = tmp_path_factory.mktemp(f"server-{name}")
            started.append(
                start_app_server(folder, {**app_environment, "DATABASE_URL": database_url})
            )
        yield started
    finally:
        for server in started:
            stop_app_server(server)


def tab(browser: Browser) -> Page:
    """A browser tab of its own (as a second device would be), reaching only loopback."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    return page


def menu(page: Page, name: str) -> None:
    """Go to a page through the sidebar's menu: a rerun of the tab's own session."""
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    wait_for_app(page)


def rerun_library(page: Page) -> None:
    """The tab's next rerun, in the same session: away to the Diary and back, as a person
    moving through the app does (no reload, so the server's caches stay as they were)."""
    menu(page, "Diary")
    menu(page, "Library")


def library_table(page: Page):
    frame = page.get_by_test_id("stDataFrame")
    frame.locator(".dvn-scroller").focus()
    return frame.locator("table")


def movie_id(database_url: str, title: str) -> int:
    library = MovieRepository(database_url)
    try:
        return next(movie.id for movie in library.find_movies() if movie.title == title)
    finally:
        library.dispose()


def test_a_change_through_one_server_shows_in_the_other_and_a_delete_comes_back(
    browser: Browser, servers: list[AppServer], database_url: str
):
    one, two = servers
    on_one, on_two = tab(browser), tab(browser)
    for page, server in ((on_one, one), (on_two, two)):
        open_page(page, server, "library")
        expect(page.get_by_text(EMPTY)).to_be_visible()  # each server has cached "empty"

    open_page(on_one, one, "add-movie")
    on_one.get_by_role("textbox", name="Movie Title", exact=True).fill("Heat")
    on_one.get_by_role("button", name="Add Movie").click()
    wait_for_app(on_one)
    expect(on_one.get_by_text("Added Heat to your library as Want to Watch.")).to_be_visible()

    rerun_library(on_two)
    expect(on_two.get_by_text(EMPTY)).to_have_count(0)
    expect(on_two.get_by_text(re.compile(r"^Showing 1–1 of 1 movie\b"))).to_be_visible()
    expect(library_table(on_two)).to_contain_text("Heat")

    rerun_library(on_one)
    expect(library_table(on_one)).to_contain_text("Heat")  # server one caches Heat now

    heat = movie_id(database_url, "Heat")
    open_page(on_two, two, f"library?movie={heat}")
    on_two.get_by_role("tab", name="Delete").click()
    on_two.get_by_role("button", name="Delete movie", exact=True).click()
    wait_for_app(on_two)
    on_two.get_by_role("button", name="Confirm delete", exact=True).click()
    wait_for_app(on_two)
    expect(on_two.get_by_text("Deleted Heat from your library.")).to_be_visible()

    rerun_library(on_one)
    expect(on_one.get_by_text(EMPTY)).to_be_visible()
    expect(on_one.get_by_test_id("stDataFrame")).to_have_count(0)


def test_a_watch_logged_through_one_server_is_in_the_others_diary_and_statistics(
    browser: Browser, servers: list[AppServer], database_url: str
):
    one, two = servers
    on_one, on_two = tab(browser), tab(browser)
    open_page(on_two, two, "statistics")
    expect(on_two.get_by_role("heading", name="Statistics", level=1)).to_be_visible()

    library = MovieRepository(database_url)
    alien = library.add_movie({"title": "Alien", "year": 1979})
    library.dispose()
    open_page(on_one, one, f"library?movie={alien.id}")
    on_one.get_by_role("button", name="Log watch", exact=True).click()
    wait_for_app(on_one)
    expect(on_one.get_by_text("Logged a watch of Alien (1979).")).to_be_visible()

    menu(on_two, "Diary")
    diary = on_two.get_by_test_id("stMain")
    expect(diary.get_by_role("link", name="Alien (1979)")).to_be_visible()
    menu(on_two, "Statistics")
    watched = on_two.get_by_test_id("stMetric").filter(has_text="Watched")
    expect(watched.get_by_test_id("stMetricValue").first).to_have_text("1")
