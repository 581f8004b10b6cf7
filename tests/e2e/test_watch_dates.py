"""A watch dated as the person remembers it, in the browser: Heat logged as seen "in 2015"
(no day, no month) is in the Diary as "2015", and Statistics counts it in 2015's totals
and its year in review, but in no month."""

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.models import DatePrecision, Movie, Status
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import AppServer, open_page, start_app_server, stop_app_server, wait_for_app


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment):
    folder = tmp_path_factory.mktemp("dates")
    database_url = f"sqlite:///{folder / 'movies.db'}"
    repository = MovieRepository(database_url)
    repository.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995, runtime_minutes=170))
    repository.dispose()
    server = start_app_server(folder, {**app_environment, "DATABASE_URL": database_url})
    yield server
    stop_app_server(server)


def heat(server: AppServer) -> Movie:
    library = MovieRepository(server.database_url)
    try:
        [movie] = library.find_movies()
        return movie
    finally:
        library.dispose()


def metric(page: Page, label: str):
    named = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=named).get_by_test_id("stMetricValue")


def test_a_watch_remembered_only_by_its_year(loopback_page: Page, app_server):
    page = loopback_page
    open_page(page, app_server, f"library?movie={heat(app_server).id}")
    expect(page.get_by_role("heading", name="Heat (1995)", level=2)).to_be_visible()

    page.get_by_role("radio", name="Year", exact=True).check(force=True)
    wait_for_app(page)
    expect(page.get_by_test_id("stDateInput")).to_have_count(0)
    year = page.get_by_role("combobox", name="Year", exact=True)
    year.click()
    year.press_sequentially("2015")  # types into the picker: its one match is highlighted
    year.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Log watch", exact=True).click()
    wait_for_app(page)

    expect(page.get_by_text("Logged a watch of Heat (1995).")).to_be_visible()
    expect(page.get_by_text("2015 · no rating", exact=True)).to_be_visible()
    library = MovieRepository(app_server.database_url)
    try:
        [watch] = library.find_watches(heat(app_server).id)
    finally:
        library.dispose()
    assert (watch.watched_on.isoformat(), watch.precision) == ("2015-12-31", DatePrecision.YEAR)

    page.get_by_role("link", name="Diary").click()
    wait_for_app(page)
    diary = page.get_by_test_id("stMain")
    expect(diary.get_by_role("heading", name="2015", level=2)).to_be_visible()
    expect(
        diary.get_by_test_id("stCaptionContainer").get_by_text("2015", exact=True)
    ).to_be_visible()
    expect(diary.get_by_role("link", name="Heat (1995)")).to_be_visible()

    page.get_by_role("link", name="Statistics").click()
    wait_for_app(page)
    statistics = page.get_by_test_id("stMain")
    expect(metric(page, "Watches")).to_have_text("1")
    expect(
        statistics.get_by_text("Watches per month: none of your watches is dated to a month")
    ).to_be_visible()
    expect(statistics.get_by_role("heading", name="Year in review", level=2)).to_be_visible()
    expect(page.get_by_role("combobox", name="Year")).to_have_value("2015")
    expect(metric(page, "Films")).to_have_text("1")
    expect(metric(page, "Hours")).to_have_text("2.8")
    expect(page.get_by_test_id("stMetric").filter(has_text="Busiest month")).to_have_count(0)
    expect(statistics.get_by_text("Last watch, 2015")).to_be_visible()
