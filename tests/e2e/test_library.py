"""The library in the browser: change a status, delete with a second click, filter, and
see Statistics and Activity follow."""

import re

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.db import MovieRepository
from movie_tracker.models import Movie, Status
from tests.e2e.conftest import (
    NOT_LOOPBACK,
    open_page,
    start_app_server,
    stop_app_server,
    wait_for_app,
)

SEED = [
    Movie("Heat", Status.WATCHED, 1995, "Michael Mann", "Action, Crime, Drama", "tt0113277"),
    Movie("Alien", Status.WANT_TO_WATCH, 1979, "Ridley Scott", "Horror, Sci-Fi", "tt0078748"),
    Movie("Up", Status.WANT_TO_WATCH, 2009, "Pete Docter", "Animation, Comedy", "tt1049413"),
]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment):
    folder = tmp_path_factory.mktemp("library")
    database_url = f"sqlite:///{folder / 'movies.db'}"
    repository = MovieRepository(database_url)
    for movie in SEED:
        repository.add_movie(movie)
    repository.dispose()
    server = start_app_server(folder, {**app_environment, "DATABASE_URL": database_url})
    yield server
    stop_app_server(server)


def select(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def library_table(page: Page):
    """The dataframe is a canvas: focus it, then read the table it keeps for screen readers."""
    frame = page.get_by_test_id("stDataFrame")
    frame.locator(".dvn-scroller").focus()
    return frame.locator("table")


def test_change_status_and_statistics_and_activity_follow(app: Page, app_server):
    open_page(app, app_server, "statistics")
    expect(metric(app, "Total")).to_have_text("3")
    watched_before = int(metric(app, "Watched").first.inner_text())

    open_page(app, app_server, "")
    select(app, "Movie", "Alien (1979)")
    select(app, "New status", "Watched")
    click(app, "Update status")
    expect(app.get_by_text("Marked Alien (1979) as Watched.")).to_be_visible()

    app.get_by_role("link", name="Statistics").click()
    expect(app.get_by_role("heading", name="Statistics")).to_be_visible()
    expect(metric(app, "Watched").first).to_have_text(str(watched_before + 1))
    expect(app.get_by_test_id("stVegaLiteChart")).to_have_count(5)  # library 2, diary 3

    app.get_by_role("link", name="Activity").click()
    expect(app.get_by_text("Marked Alien (1979) as Watched, just now")).to_be_visible()


def test_delete_needs_a_second_click(app: Page):
    select(app, "Movie", "Up (2009)")
    click(app, "Delete movie")
    expect(
        app.get_by_text("Delete Up (2009) from your library? This cannot be undone.")
    ).to_be_visible()
    click(app, "Cancel")
    expect(app.get_by_text("This cannot be undone.")).to_have_count(0)
    expect(app.get_by_text("Showing 1–3 of 3 movies.")).to_be_visible()

    click(app, "Delete movie")
    click(app, "Confirm delete")
    expect(app.get_by_text("Deleted Up (2009) from your library.")).to_be_visible()
    expect(app.get_by_text("Showing 1–2 of 2 movies.")).to_be_visible()
    app.get_by_role("combobox", name="Movie").click()
    expect(app.get_by_role("option", name="Up (2009)")).to_have_count(0)
    app.keyboard.press("Escape")


def test_filter_by_status_and_text(app: Page):
    select(app, "Show", "Watched")
    search = app.get_by_role("textbox", name="Search title, director or genre", exact=True)
    search.fill("mann")
    search.press("Enter")
    wait_for_app(app)
    expect(
        app.get_by_text(re.compile(r"^Showing 1–1 of 1 movies \(of \d in your library\)\.$"))
    ).to_be_visible()
    table = library_table(app)
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Heat1995Michael Mann")
    expect(table).not_to_contain_text("Alien")
    select(app, "Show", "Want to Watch")
    expect(app.get_by_text("No movies match these filters.")).to_be_visible()


def another_tab(page: Page, server) -> Page:
    """A second tab in the same browser: its own Streamlit session on the same library."""
    tab = page.context.new_page()
    tab.route(NOT_LOOPBACK, lambda route: route.abort())
    open_page(tab, server, "")
    return tab


def test_a_movie_deleted_in_another_tab_is_not_swapped_for_the_newest(app: Page, app_server):
    """Regression: the picker fell back to its first option, so Update status changed
    the newest movie. It acts on the movie this tab picked, and says that one is gone."""
    library = MovieRepository(app_server.database_url)
    library.add_movie(Movie("Stalker", Status.WANT_TO_WATCH, 1979))
    newest = library.add_movie(Movie("Solaris", Status.WANT_TO_WATCH, 1972))
    open_page(app, app_server, "")
    select(app, "Movie", "Stalker (1979)")
    select(app, "New status", "Watched")

    tab = another_tab(app, app_server)
    select(tab, "Movie", "Stalker (1979)")
    click(tab, "Delete movie")
    click(tab, "Confirm delete")
    expect(tab.get_by_text("Deleted Stalker (1979) from your library.")).to_be_visible()

    click(app, "Update status")
    gone = app.get_by_test_id("stAlertContentError")
    expect(gone).to_contain_text("Stalker (1979) is no longer in your library")
    expect(gone).to_contain_text("Nothing was changed.")
    expect(app.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    assert library.get_movie(newest.id).status is Status.WANT_TO_WATCH
    library.dispose()
