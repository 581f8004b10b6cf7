"""Share links in the browser, with sign-in on: Alice makes a list, orders it, shares it
under her chosen name, and a fresh, signed-out browser opens the link and sees the films
in her order, while the app's pages and a ?movie= address still ask it to sign in; then
she revokes the link and it says "This link no longer works"."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from movie_tracker.models import Movie, Owner, Status
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import (
    AppServer,
    open_page,
    stop_app_server,
    wait_for_app,
)
from tests.e2e.test_sign_in import new_person, provider, sign_in, start_signed_in_server

__all__ = ["provider"]  # the OpenID Connect provider fixture, shared with test_sign_in

SEED = [
    Movie("Heat", Status.WATCHED, 1995, "Michael Mann", rating=4.5),
    Movie("Alien", Status.WANT_TO_WATCH, 1979, "Ridley Scott"),
    Movie("Up", Status.WANT_TO_WATCH, 2009, "Pete Docter"),
]
GONE = "This link no longer works"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment, provider) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("sharing")
    database_url = f"sqlite:///{folder / 'movies.db'}"
    environment = {
        **app_environment,
        "ALLOWED_EMAILS": "@example.com",
        "DATABASE_URL": database_url,
    }
    server = start_signed_in_server(folder, environment, provider)
    yield server
    stop_app_server(server)


def alices(server: AppServer, provider: str) -> MovieRepository:
    return MovieRepository(server.database_url, Owner.signed_in(provider, "alice@example.com"))


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def test_a_shared_list_opens_signed_out_in_order_and_stops_when_revoked(
    browser: Browser, app_server, provider
):
    alice = new_person(browser)
    sign_in(alice, app_server, "alice@example.com")
    open_page(alice, app_server, "lists")
    alice.get_by_text("Make a list").click()
    alice.get_by_role("textbox", name="List name").fill("Night films")
    click(alice, "Make list")
    expect(alice.get_by_role("heading", name="Night films", level=2)).to_be_visible()
    list_address = alice.url
    library = alices(app_server, provider)
    try:
        night = library.lists()[0]
        for movie in SEED:
            library.add_to_list(night.id, library.add_movie(movie).id, f"Why {movie.title}")
        heat = next(m.id for m in library.find_movies() if m.title == "Heat")
    finally:
        library.dispose()
    alice.goto(list_address)
    wait_for_app(alice)
    alice.get_by_role("combobox", name="Film").click()
    alice.get_by_role("option", name="Up (2009)", exact=True).click()
    wait_for_app(alice)
    click(alice, "Move to the top")
    expect(alice.get_by_text("Moved Up (2009) to number 1 in “Night films”.")).to_be_visible()

    alice.get_by_role("textbox", name="Shared by").fill("Alice <3")
    alice.get_by_text("Show my ratings").click()
    click(alice, "Make link")
    expect(alice.get_by_text("Made a link to the list “Night films”.", exact=False)).to_be_visible()
    link = alice.get_by_test_id("stCode").locator("code").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(app_server.url)}/share/[A-Za-z0-9_-]{{43}}", link)

    friend = new_person(browser)
    friend.goto(link)
    expect(friend.get_by_role("heading", name="Night films", level=1)).to_be_visible()
    expect(friend.get_by_text("Shared by Alice <3")).to_be_visible()
    expect(friend.locator(".films .title")).to_have_text(["Up", "Heat", "Alien"])
    expect(friend.get_by_label("4.5 stars")).to_have_text("★★★★½")
    expect(friend.get_by_text("Why Heat")).to_have_count(0)  # notes were not chosen
    expect(friend.get_by_role("link")).to_have_count(0)  # nothing leads into the app
    assert friend.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    # the app itself is still behind sign-in for this visitor
    for path in ("", "lists", f"library?movie={heat}", "connections"):
        open_page(friend, app_server, path)
        expect(friend.get_by_text("Sign in to see your movie library.")).to_be_visible()
        expect(friend.get_by_text("Heat")).to_have_count(0)
    friend.goto(link.replace(link[-5:], "AAAAA" if link[-5:] != "AAAAA" else "BBBBB"))
    expect(friend.get_by_role("heading", name=GONE)).to_be_visible()

    alice.goto(list_address)
    wait_for_app(alice)
    expect(alice.get_by_text("shown as Alice <3 · ratings shown · notes hidden")).to_be_visible()
    click(alice, "Revoke")
    expect(
        alice.get_by_text("Revoked the link to the list “Night films”", exact=False)
    ).to_be_visible()
    friend.goto(link)
    expect(friend.get_by_role("heading", name=GONE)).to_be_visible()
    expect(friend.get_by_text("Up")).to_have_count(0)
