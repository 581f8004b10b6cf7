"""The library in the browser: open a movie by clicking it, log a watch and see Activity
follow, rate from the grid, a watch's stars rating the movie, filter from the URL, a movie
deleted in another tab, and the Library at a phone's width."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Route, expect

from movie_tracker.models import Movie, Status
from movie_tracker.store import MovieRepository
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


def movie_id(server, title: str) -> int:
    library = MovieRepository(server.database_url)
    try:
        return next(movie.id for movie in library.find_movies() if movie.title == title)
    finally:
        library.dispose()


def first_row(page: Page) -> None:
    """Click the first row's selection cell: the canvas's left edge, below the header."""
    page.get_by_test_id("stDataFrame").locator(".dvn-scroller").click(position={"x": 18, "y": 70})
    wait_for_app(page)


def test_clicking_a_row_opens_its_movie_and_back_returns_to_the_list(app: Page, app_server):
    open_page(app, app_server, "library?sort=title")
    expect(app.get_by_text(re.compile(r"^Showing 1–\d of \d movies"))).to_be_visible()
    first_row(app)
    expect(app.get_by_role("heading", name="Alien (1979)", level=2)).to_be_visible()
    details = app.get_by_test_id("stMarkdown").filter(has_text="Director: Ridley Scott")
    expect(details).to_be_visible()
    expect(app.get_by_role("heading", name="Your diary entries")).to_be_visible()
    assert re.search(r"[?&]movie=\d+", app.url)
    assert "sort=title" in app.url

    app.go_back()
    wait_for_app(app)
    expect(app.get_by_role("heading", name="Library", level=1)).to_be_visible()
    expect(app.get_by_role("heading", name="Alien (1979)")).to_have_count(0)
    assert "movie=" not in app.url
    expect(library_table(app)).to_contain_text("Alien")


# Where a cell is on the canvas: the row marker (about 32 px), then the columns at the
# widths components/library.py gives them (Title "medium", 200 px; Year "small", 75 px);
# rows of 56 px below a 40 px header.
YEAR_CELL_X = 32 + 200 + 75 // 2


def click_cell(page: Page, row: int, x: int) -> None:
    frame = page.get_by_test_id("stDataFrame").locator(".dvn-scroller")
    frame.click(position={"x": x, "y": 40 + 56 * row + 28})
    wait_for_app(page)


def test_a_click_on_any_cell_of_a_row_opens_that_film(app: Page, app_server):
    """Regression: only the row's checkbox opened a film; a click on its title or year
    did nothing."""
    open_page(app, app_server, "library?sort=title")
    expect(library_table(app).locator("tbody tr").nth(1)).to_contain_text("Heat1995")
    click_cell(app, 1, YEAR_CELL_X)
    expect(app.get_by_role("heading", name="Heat (1995)", level=2)).to_be_visible()
    assert f"movie={movie_id(app_server, 'Heat')}" in app.url

    app.go_back()
    wait_for_app(app)
    expect(app.get_by_role("heading", name="Heat (1995)")).to_have_count(0)
    click_cell(app, 0, 100)  # the title of the first row, Alien
    expect(app.get_by_role("heading", name="Alien (1979)", level=2)).to_be_visible()


def test_log_a_watch_and_see_it_in_the_movie_activity_diary_and_statistics(app: Page, app_server):
    open_page(app, app_server, f"library?movie={movie_id(app_server, 'Heat')}")
    expect(app.get_by_role("heading", name="Heat (1995)", level=2)).to_be_visible()
    app.get_by_role("radio", name="★★★½", exact=True).click()  # one click: the stars
    app.get_by_role("textbox", name="Review").fill("Best shoot-out ever.\nDe Niro and Pacino.")
    click(app, "Log watch")
    expect(app.get_by_text("Logged a watch of Heat (1995), rated ★★★½.")).to_be_visible()
    review = app.get_by_test_id("stMarkdown").filter(has_text="Best shoot-out ever.")
    expect(review).to_have_count(1)
    assert review.inner_text() == "Best shoot-out ever.\nDe Niro and Pacino."
    # Heat was added as Watched, which logged nothing: this is its first watch, no rewatch.
    expect(app.get_by_text(re.compile(r"^\d{1,2} \w{3} \d{4} · ★★★½$"))).to_be_visible()

    app.get_by_role("link", name="Activity").click()
    expect(app.get_by_text(re.compile(r"Watched Heat \(1995\) on .+, rated ★★★½"))).to_be_visible()

    app.get_by_role("link", name="Diary").click()
    diary = app.get_by_test_id("stMain")
    expect(diary.get_by_role("link", name="Heat (1995)")).to_be_visible()
    expect(diary.get_by_text(re.compile(r"^\d{1,2} \w{3} \d{4} · ★★★½$"))).to_be_visible()
    review = diary.get_by_test_id("stMarkdown").filter(has_text="Best shoot-out ever.")
    expect(review).to_have_text("Best shoot-out ever.\nDe Niro and Pacino.")

    app.get_by_role("link", name="Statistics").click()
    statistics = app.get_by_test_id("stMain")
    expect(statistics.get_by_role("heading", name="Year in review", level=2)).to_be_visible()
    expect(statistics.get_by_role("link", name="Heat (1995) ★★★½")).to_be_visible()


def test_rate_from_the_grid(app: Page, app_server):
    open_page(app, app_server, "library?view=grid&sort=title")
    expect(app.get_by_role("switch", name="Grid view")).to_be_checked()
    select(app, "Rate Alien (1979)", "★★★★ (4)")
    expect(app.get_by_text("Rated Alien (1979) ★★★★.")).to_be_visible()
    expect(app.get_by_text("Want to Watch · ★★★★", exact=True)).to_be_visible()
    app.get_by_role("button", name="Alien (1979)").click()
    wait_for_app(app)
    expect(app.get_by_text("Your rating: ★★★★")).to_be_visible()


def test_a_watch_logged_with_stars_rates_the_movie_in_the_library(app: Page, app_server):
    open_page(app, app_server, f"library?movie={movie_id(app_server, 'Up')}")
    expect(app.get_by_text("Your rating: Not rated")).to_be_visible()
    app.get_by_role("radio", name="★★★★½", exact=True).click()  # one click: the stars
    click(app, "Log watch")
    expect(app.get_by_text("Logged a watch of Up (2009), rated ★★★★½.")).to_be_visible()
    expect(app.get_by_text("Your rating: ★★★★½")).to_be_visible()

    open_page(app, app_server, "library?rated=rated&q=docter")
    table = library_table(app)
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Up2009Watched★★★★½")


def test_filters_are_in_the_url(app: Page, app_server):
    select(app, "Show", "Watched")
    search = app.get_by_role("textbox", name="Search title, director or genre", exact=True)
    search.fill("mann")
    search.press("Enter")
    wait_for_app(app)
    expect(
        app.get_by_text(re.compile(r"^Showing 1–1 of 1 movie \(of \d in your library\)"))
    ).to_be_visible()
    table = library_table(app)
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Heat1995Watched")
    assert "status=Watched" in app.url
    assert "q=mann" in app.url

    open_page(app, app_server, "library?status=Want+to+Watch&q=mann")  # as bookmarked
    expect(app.get_by_text("No movies match these filters.")).to_be_visible()


def another_tab(page: Page, server, path: str) -> Page:
    """A second tab in the same browser: its own Streamlit session on the same library."""
    tab = page.context.new_page()
    tab.route(NOT_LOOPBACK, lambda route: route.abort())
    open_page(tab, server, path)
    return tab


def test_a_movie_deleted_in_another_tab_is_not_swapped_for_the_newest(app: Page, app_server):
    """Regression: the old picker fell back to its first option, so Update status changed
    the newest movie. The movie view acts on its own movie, and says that one is gone."""
    library = MovieRepository(app_server.database_url)
    stalker = library.add_movie(Movie("Stalker", Status.WANT_TO_WATCH, 1979))
    newest = library.add_movie(Movie("Solaris", Status.WANT_TO_WATCH, 1972))
    open_page(app, app_server, f"library?movie={stalker.id}")
    app.get_by_role("tab", name="Change status").click()
    select(app, "New status", "Watched")

    tab = another_tab(app, app_server, f"library?movie={stalker.id}")
    tab.get_by_role("tab", name="Delete").click()
    click(tab, "Delete movie")
    click(tab, "Confirm delete")
    expect(tab.get_by_text("Deleted Stalker (1979) from your library.")).to_be_visible()

    click(app, "Change status")
    gone = app.get_by_test_id("stAlertContentError")
    expect(gone).to_contain_text("Stalker (1979) is no longer in your library")
    expect(gone).to_contain_text("Nothing was changed.")
    expect(app.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    assert library.get_movie(newest.id).status is Status.WANT_TO_WATCH
    library.dispose()


def test_a_title_with_markdown_characters_reads_as_typed(app: Page, app_server):
    """Regression: titles went into markdown as they were, so "M*A*S*H" showed M, an
    italic A and S*H. Also: the Rate tab of an unrated film starts with no stars chosen."""
    library = MovieRepository(app_server.database_url)
    mash = library.add_movie(Movie("M*A*S*H", Status.WATCHED, 1970))
    library.dispose()
    open_page(app, app_server, f"library?movie={mash.id}")
    expect(app.get_by_role("heading", name="M*A*S*H (1970)", exact=True)).to_be_visible()

    app.get_by_role("tab", name="Rate").click()
    expect(app.get_by_role("button", name="Save rating")).to_be_disabled()
    select(app, "Your rating", "★★★★ (4)")
    click(app, "Save rating")
    expect(app.get_by_text("Rated M*A*S*H (1970) ★★★★.", exact=True)).to_be_visible()


PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def test_a_phone_opens_the_library_as_the_grid_with_title_year_rating_and_status(
    browser: Browser, app_server
):
    """A phone 390 px wide: its browser says it is a phone (the "Mobile" in its
    User-Agent), so /library opens as the grid; ?view=table asks for the table."""
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        user_agent=PHONE_USER_AGENT,
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    open_page(page, app_server, "library")
    expect(page.get_by_role("switch", name="Grid view")).to_be_checked()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    title = page.get_by_role("button", name="Heat (1995)")
    status_and_rating = page.get_by_text(re.compile(r"^Watched · (Not rated|[★½]+)$")).first
    for shown in (title, status_and_rating):
        expect(shown).to_be_visible()
        box = shown.bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= 390
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390  # nothing to scroll sideways
    Path("test-results").mkdir(exist_ok=True)  # screenshots to look at; not committed
    page.screenshot(path="test-results/library-390-grid-top.png")
    title.scroll_into_view_if_needed()
    page.screenshot(path="test-results/library-390-grid.png")

    page.get_by_text("Grid view", exact=True).click()  # its label takes the tap
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page).to_have_url(re.compile(r"view=table"))
    open_page(page, app_server, "library?view=table")  # as bookmarked
    expect(page.get_by_role("switch", name="Grid view")).not_to_be_checked()
    page.get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    page.screenshot(path="test-results/library-390-table.png")
    phone.close()


POSTER_BLUE = (30, 60, 120)


def png(colour: tuple[int, int, int]) -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (200, 300), colour).save(image, format="PNG")
    return image.getvalue()


def centre_colour(page: Page, locator) -> tuple[int, int, int]:
    """The colour drawn at the middle of an element, read from a screenshot of it."""
    shot = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    return shot.getpixel((shot.width // 2, shot.height // 2))


def test_a_poster_that_does_not_load_shows_the_title_not_a_broken_image(app: Page, app_server):
    library = MovieRepository(app_server.database_url)
    library.add_movie(
        Movie("Zodiac", Status.WATCHED, 2007, poster_url="https://img.example.org/zodiac.jpg")
    )
    library.add_movie(
        Movie("Zelig", Status.WATCHED, 1983, poster_url="https://img.example.org/gone.jpg")
    )
    library.dispose()

    def poster(route: Route) -> None:  # the one poster that loads; every other is aborted
        route.fulfill(body=png(POSTER_BLUE), content_type="image/png")

    app.route("https://img.example.org/zodiac.jpg", poster)
    with app.expect_response("https://img.example.org/zodiac.jpg"):
        open_page(app, app_server, "library?view=grid&q=z")
    zodiac = app.locator(f".st-key-poster_card_{movie_id(app_server, 'Zodiac')}")
    zelig = app.locator(f".st-key-poster_card_{movie_id(app_server, 'Zelig')}")
    expect(zelig).to_contain_text("Zelig (1983)")
    expect(zelig.get_by_text("Zelig (1983)")).to_be_visible()  # the title in its place
    assert app.get_by_test_id("stMain").locator("img").count() == 0  # no image to break
    zodiac_box, zelig_box = zodiac.bounding_box(), zelig.bounding_box()
    assert zodiac_box
    assert zelig_box
    assert (zodiac_box["width"], zodiac_box["height"]) == (zelig_box["width"], zelig_box["height"])
    expect(zodiac).to_have_css("background-color", re.compile(r"rgba\(128, 128, 128"))
    assert centre_colour(app, zodiac) == POSTER_BLUE  # the poster over its title
    assert centre_colour(app, zelig) != POSTER_BLUE
