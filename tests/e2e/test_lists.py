"""Lists and the ranked watchlist in the browser: make a list, add films to it from their
pages, order it (up, down, a typed position), see its runtime and how many you watched;
and put a film you want to watch at the top of your order, then find it first in the
Library sorted by Your order."""

import re

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.models import Movie, Status
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import open_page, start_app_server, stop_app_server, wait_for_app

SEED = [
    Movie("Heat", Status.WATCHED, 1995, "Michael Mann", runtime_minutes=170),
    Movie("Alien", Status.WANT_TO_WATCH, 1979, "Ridley Scott", runtime_minutes=117),
    Movie("Up", Status.WANT_TO_WATCH, 2009, "Pete Docter", runtime_minutes=96),
]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment):
    folder = tmp_path_factory.mktemp("lists")
    database_url = f"sqlite:///{folder / 'movies.db'}"
    repository = MovieRepository(database_url)
    for movie in SEED:
        repository.add_movie(movie)
    repository.dispose()
    server = start_app_server(folder, {**app_environment, "DATABASE_URL": database_url})
    yield server
    stop_app_server(server)


def movie_id(server, title: str) -> int:
    library = MovieRepository(server.database_url)
    try:
        return next(movie.id for movie in library.find_movies() if movie.title == title)
    finally:
        library.dispose()


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def select(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def in_order(page: Page, *labels: str) -> None:
    """The grid's cards, first to last: "1. Up (2009)", ..."""
    links = page.get_by_test_id("stMain").get_by_role("link", name=re.compile(r"^\d+\. "))
    expect(links).to_have_text([re.compile(f"{re.escape(label)}$") for label in labels])


def add_to_list(page: Page, server, title: str, note: str = "") -> None:
    open_page(page, server, f"library?movie={movie_id(server, title)}")
    page.get_by_role("tab", name="Add to list").click()
    if note:
        page.get_by_role("textbox", name="Note (optional)").fill(note)
    click(page, "Add to list")


def test_make_a_list_add_films_order_them_and_see_its_runtime_and_watched(
    loopback_page: Page, app_server
):
    page = loopback_page
    open_page(page, app_server, "lists")
    expect(page.get_by_text("You have no lists yet.", exact=False)).to_be_visible()
    page.get_by_text("Make a list").click()
    page.get_by_role("textbox", name="List name").fill("Night films")
    page.get_by_role("textbox", name="Description (optional)").fill("Rain and neon.")
    click(page, "Make list")
    expect(page.get_by_role("heading", name="Night films", level=2)).to_be_visible()
    assert re.search(r"[?&]list=\d+", page.url)
    list_address = page.url

    add_to_list(page, app_server, "Heat", "The diner scene")
    expect(page.get_by_text("Added Heat (1995) to “Night films”, number 1.")).to_be_visible()
    open_page(page, app_server, f"library?movie={movie_id(app_server, 'Heat')}")
    page.get_by_role("tab", name="Add to list").click()
    expect(page.get_by_text("In your lists: “Night films”.")).to_be_visible()
    add_to_list(page, app_server, "Alien")
    add_to_list(page, app_server, "Up")
    expect(page.get_by_text("Added Up (2009) to “Night films”, number 3.")).to_be_visible()

    page.goto(list_address)
    wait_for_app(page)
    expect(metric(page, "Films")).to_have_text("3")
    expect(metric(page, "Watched")).to_have_text("1 of 3")
    expect(metric(page, "Runtime")).to_have_text("6 h 23 min")  # 170 + 117 + 96 minutes
    page.get_by_text("Grid view").click()
    wait_for_app(page)
    in_order(page, "1. Heat (1995)", "2. Alien (1979)", "3. Up (2009)")
    expect(page.get_by_test_id("stText").filter(has_text="The diner scene")).to_be_visible()

    select(page, "Film", "Up (2009)")
    click(page, "Move up")
    expect(page.get_by_text("Moved Up (2009) to number 2 in “Night films”.")).to_be_visible()
    in_order(page, "1. Heat (1995)", "2. Up (2009)", "3. Alien (1979)")
    position = page.get_by_role("spinbutton", name="New position")
    position.fill("1")
    position.press("Enter")
    wait_for_app(page)
    click(page, "Move to position")
    in_order(page, "1. Up (2009)", "2. Heat (1995)", "3. Alien (1979)")
    click(page, "Move down")
    in_order(page, "1. Heat (1995)", "2. Up (2009)", "3. Alien (1979)")

    click(page, "← Back to your lists")
    expect(page.get_by_text("3 films · 1 watched · 6 h 23 min")).to_be_visible()
    assert "list=" not in page.url


def test_a_film_put_at_the_top_of_your_order_comes_first_in_the_library(
    loopback_page: Page, app_server
):
    page = loopback_page
    open_page(page, app_server, f"library?movie={movie_id(app_server, 'Up')}")
    expect(page.get_by_text("Number 2 of 2 in your watchlist's order.")).to_be_visible()
    click(page, "Move to the top")
    expect(
        page.get_by_text("Moved Up (2009) to number 1 in your watchlist's order.")
    ).to_be_visible()
    expect(page.get_by_text("Number 1 of 2 in your watchlist's order.")).to_be_visible()

    open_page(page, app_server, "library?view=grid")
    page.get_by_text("More filters and sorting").click()  # opened first: a picker clicked
    # while the expander still opens, or while the page reruns, closes at once
    select(page, "Show", "Want to Watch")
    expect(page.get_by_text("Showing 1–2 of 2 movies", exact=False)).to_be_visible()
    wait_for_app(page)
    select(page, "Sort by", "Your order (Want to Watch first)")
    expect(page).to_have_url(re.compile(r"sort=your_order"))
    cards = page.get_by_test_id("stMain").get_by_role("button", name=re.compile(r"\(\d{4}\)$"))
    expect(cards).to_have_text(["Up (2009)", "Alien (1979)"])
