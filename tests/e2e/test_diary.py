"""The Diary and the diary's Statistics in the browser: watches logged through the service
show up in both, the Diary's movie link opens the movie in the Library, and both pages fit
a phone's 390 px (screenshots under test-results/ to look at)."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.importers import read_exports
from movie_tracker.models import Movie
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import ROOT, AppServer, open_page, wait_for_app

SCREENSHOTS = ROOT / "test-results"
PHONE = {"width": 390, "height": 844}
REVIEW = "Pacino and De Niro at the diner.\nThe <b>best</b> **heist** film."


@pytest.fixture(scope="module")
def service(app_server: AppServer):
    repository = MovieRepository(app_server.database_url)
    yield MovieService(repository)
    repository.dispose()


@pytest.fixture(scope="module")
def heat(service: MovieService) -> Movie:
    """Heat, watched on 3 Mar 2026 for 3.5 stars with a two-line review, then rewatched."""
    movie = service.repository.add_movie(
        Movie("Heat", year=1995, director="Michael Mann", genre="Crime, Drama", runtime_minutes=170)
    )
    service.log_watch(movie.id, date(2026, 3, 3), rating=3.5, review=REVIEW, tags=["heist"])
    service.log_watch(movie.id, date(2026, 4, 1))
    service.rate_movie(movie.id, 3.5)
    return movie


def shot(page: Page, name: str) -> Path:
    """The whole page at phone width: Streamlit scrolls inside its main block, so the
    window is made as tall as that block's content first."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": PHONE["width"], "height": max(tall, PHONE["height"])})
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Year")).to_be_visible()
    page.screenshot(path=path, full_page=True)
    return path


def test_a_logged_watch_shows_in_the_diary(loopback_page: Page, app_server, heat):
    open_page(loopback_page, app_server, "diary")
    main = loopback_page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="2026", level=2)).to_be_visible()
    expect(main.get_by_text("3 Mar 2026 · ★★★½", exact=True)).to_be_visible()
    expect(main.get_by_text("1 Apr 2026 · ↻ Rewatch", exact=True)).to_be_visible()
    review = main.get_by_test_id("stMarkdown").filter(has_text="Pacino and De Niro")
    # both lines; Letterboxd's <b> is bold, the markdown typed reads as typed
    expect(review).to_have_text("Pacino and De Niro at the diner.\nThe best **heist** film.")
    expect(review.locator("strong")).to_have_text("best")
    expect(main.locator("b")).to_have_count(0)
    expect(main.get_by_text("Tags: heist")).to_be_visible()


def test_the_diarys_movie_link_opens_it_in_the_library(loopback_page: Page, app_server, heat):
    open_page(loopback_page, app_server, "diary")
    main = loopback_page.get_by_test_id("stMain")
    main.get_by_role("link", name="Heat (1995)").first.click()
    wait_for_app(loopback_page)
    expect(loopback_page).to_have_url(f"{app_server.url}/library?movie={heat.id}")
    expect(loopback_page.get_by_role("heading", name="Library", level=1)).to_be_visible()


def test_the_year_filter_picks_a_year(loopback_page: Page, app_server, heat, service):
    alien = service.repository.add_movie(Movie("Alien", year=1979))
    service.log_watch(alien.id, date(2024, 5, 4))
    open_page(loopback_page, app_server, "diary")
    main = loopback_page.get_by_test_id("stMain")
    expect(main.get_by_text("Showing 1–3 of 3 watches, newest first.")).to_be_visible()
    main.get_by_role("combobox", name="Year").click()
    loopback_page.get_by_role("option", name="2024").click()
    wait_for_app(loopback_page)
    expect(main.get_by_text("Showing 1–1 of 1 watch, newest first.")).to_be_visible()
    expect(main.get_by_role("link", name="Alien (1979)")).to_be_visible()
    expect(main.get_by_role("link", name="Heat (1995)")).to_have_count(0)


def test_the_statistics_chart_the_diary_and_review_its_year(loopback_page: Page, app_server, heat):
    open_page(loopback_page, app_server, "statistics")
    main = loopback_page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Year in review", level=2)).to_be_visible()
    expect(main.get_by_test_id("stVegaLiteChart")).to_have_count(6)
    films = main.get_by_test_id("stMetric").filter(has_text="Films")
    expect(films).to_contain_text("1")
    expect(main.get_by_test_id("stMetric").filter(has_text="Rewatches")).to_contain_text("1")
    expect(main.get_by_text("First watch, 3 Mar 2026")).to_be_visible()
    expect(main.get_by_role("link", name="Heat (1995) ★★★½")).to_be_visible()


def test_real_letterboxd_reviews_read_with_their_formatting(
    loopback_page: Page, app_server, service
):
    """Two reviews from the largest real export, as the importer reads them: a block quote
    in the Diary and the movie view, and a link to a Letterboxd profile; no raw tag."""
    exports = ROOT.parent.parent / "shared" / "real-exports"
    if not exports.is_dir():
        exports = ROOT.parent / "shared" / "real-exports"
    if not exports.is_dir():
        pytest.skip(f"{exports} is not here")
    folder = exports / "letterboxd" / "patrickmjones__letterboxd-data"
    plan = read_exports([(path.name, path.read_bytes()) for path in folder.glob("*.csv")])
    written = {m.title: w.review for m in plan.movies for w in m.watches if w.review}
    ids = {}
    for title, year in (("Diabolique", 1955), ("Final Destination 3", 2006)):
        movie = service.repository.add_movie(Movie(title, year=year))
        service.log_watch(movie.id, date(2020, 10, 27), review=written[title])
        ids[title] = movie.id

    open_page(loopback_page, app_server, f"library?movie={ids['Diabolique']}")
    main = loopback_page.get_by_test_id("stMain")
    quote = main.locator("blockquote")
    expect(quote).to_contain_text("Ne soyez pas DIABOLIQUES!")
    expect(quote).to_contain_text("Merci pour eux.")
    expect(main.get_by_text("I found this to be a very enjoyable")).to_be_visible()
    expect(main).not_to_contain_text("blockquote>")

    open_page(loopback_page, app_server, f"library?movie={ids['Final Destination 3']}")
    main = loopback_page.get_by_test_id("stMain")
    link = main.get_by_role("link", name="@switchblade1984")
    expect(link).to_have_attribute("href", "https://letterboxd.com/switchblade1984")
    expect(main).not_to_contain_text("<a href")

    open_page(loopback_page, app_server, "diary")  # the start of each review
    main = loopback_page.get_by_test_id("stMain")
    expect(main.locator("blockquote")).to_contain_text("Ne soyez pas DIABOLIQUES!")
    expect(main.get_by_text("They do a really good job of creating suspense")).to_be_visible()
    expect(main).not_to_contain_text("blockquote>")


@pytest.mark.parametrize("address", ["statistics", "diary"])
def test_a_phone_sees_the_whole_page(loopback_page: Page, app_server, heat, address):
    """At 390 px nothing sticks out sideways: every chart fits, nothing scrolls across."""
    loopback_page.set_viewport_size(PHONE)
    open_page(loopback_page, app_server, address)
    main = loopback_page.get_by_test_id("stMain")
    expect(main.get_by_role("combobox", name="Year")).to_be_visible()
    expect(main.get_by_role("link", name="Heat (1995)").first).to_be_visible()
    for chart in main.get_by_test_id("stVegaLiteChart").all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    wide = loopback_page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
    assert wide <= PHONE["width"]
    assert shot(loopback_page, f"{address}-390px.png").exists()
