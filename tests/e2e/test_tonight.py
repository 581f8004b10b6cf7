"""Tonight in the browser: a watchlist of films of various runtimes, a pick no longer than
120 minutes that shows its runtime and why it fits, Another showing the other film that
fits, then Log a film from the pick, saved to the diary; and Tonight together with a second
person's share link of their watchlist, picking the one film on both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.models import Movie, Owner
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import AppServer, open_page, wait_for_app

FILMS = [
    Movie("Clerks", year=1994, genre="Comedy", runtime_minutes=92),
    Movie("Alien", year=1979, genre="Horror, Sci-Fi", runtime_minutes=117),
    Movie("Heat", year=1995, genre="Crime, Drama", runtime_minutes=170),
    Movie("Up", year=2009, genre="Animation"),
]
FITTING = {"Clerks": "1994 · 1 h 32 min · Comedy", "Alien": "1979 · 1 h 57 min · Horror, Sci-Fi"}
RUNTIMES = {"Clerks": "1 h 32 min", "Alien": "1 h 57 min"}


@pytest.fixture(scope="module")
def library(app_server: AppServer):
    repository = MovieRepository(app_server.database_url)
    for movie in FILMS:
        repository.add_movie(movie)
    yield repository
    repository.dispose()


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def shown(page: Page) -> str:
    """The title of the film picked (its heading), once one is shown."""
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=2)
    expect(heading).to_have_count(1)
    return re.sub(r"\s+", " ", heading.inner_text()).strip()


def test_tonight_under_120_minutes_then_another_then_log_it(
    loopback_page: Page, app_server: AppServer, library: MovieRepository
):
    page = loopback_page
    main = page.get_by_test_id("stMain")
    open_page(page, app_server, "tonight")
    expect(page.get_by_role("heading", name="Tonight", level=1)).to_be_visible()
    choose(page, "No longer than", "120 minutes")

    main.get_by_role("button", name="Pick").click()
    wait_for_app(page)
    first = shown(page)
    assert first in FITTING
    expect(main.get_by_text(FITTING[first], exact=True)).to_be_visible()
    expect(main.get_by_text(f"{RUNTIMES[first]} — fits under 2 hours")).to_be_visible()
    expect(main.get_by_text("on your watchlist")).to_be_visible()
    expect(main.get_by_text("Picked at random from 2 films that fit.")).to_be_visible()

    main.get_by_role("button", name="Another").click()
    wait_for_app(page)
    expect(main.get_by_role("heading", level=2)).not_to_have_text(first)
    second = shown(page)
    assert {first, second} == set(FITTING)
    expect(main.get_by_text(f"{RUNTIMES[second]} — fits under 2 hours")).to_be_visible()

    main.get_by_role("button", name="Log a film").click()
    wait_for_app(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(re.compile(rf"^{second} \(\d{{4}}\)"))).to_be_visible()
    dialog.get_by_role("radio", name="★★★★", exact=True).click()
    wait_for_app(page)
    dialog.get_by_role("button", name="Save", exact=True).click()
    wait_for_app(page)
    expect(dialog.get_by_text(re.compile(rf"^Logged a watch of {second} "))).to_be_visible()

    movie = next(m for m in library.get_all_movies() if m.title == second)
    assert [watch.rating for watch in library.find_watches(movie.id)] == [4.0]
    assert len(library.get_all_movies()) == len(FILMS)  # logged, not added again


def test_tonight_together_with_a_second_persons_share_link_picks_a_film_on_both(
    loopback_page: Page, app_server: AppServer, library: MovieRepository
):
    sam = MovieService(library).for_owner(Owner.signed_in("https://id.example", "sam"))
    for movie in (Movie("HEAT", year=1995), Movie("Rope", year=1948)):  # Heat, as Sam typed it
        sam.repository.add_movie(movie)
    link = sam.share("watchlist", display_name="Sam", base_url=app_server.url).url
    page = loopback_page
    main = page.get_by_test_id("stMain")
    open_page(page, app_server, "tonight")
    expect(page.get_by_role("heading", name="Tonight", level=1)).to_be_visible()

    together = main.get_by_role("textbox", name="Together with")
    together.fill(link)
    together.press("Enter")
    wait_for_app(page)
    expect(
        main.get_by_text("Picking from films on both: yours and Sam's watchlist (2 films).")
    ).to_be_visible()
    main.get_by_role("button", name="Pick").click()
    wait_for_app(page)

    assert shown(page) == "Heat"
    expect(main.get_by_text("on your watchlist and Sam's")).to_be_visible()
    expect(main.get_by_text("The only film that fits.")).to_be_visible()
