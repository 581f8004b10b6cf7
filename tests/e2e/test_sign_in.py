"""Sign-in with OpenID Connect in the browser, against a real provider on loopback
(oidc-provider-mock: any client id and secret; its authorization page takes a `sub`). The
people in PEOPLE have the claims given there; any other `sub` typed in gets itself as an
e-mail address the provider has not verified. A fresh browser context is a fresh,
signed-out person.

The browser's address, the redirect URL and the provider's discovery URL all use
127.0.0.1: with mixed hosts the sign-in cookie is not sent back and sign-in fails silently.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import BaseWSGIServer, make_server

from movie_tracker.models import Movie, Owner
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import (
    NOT_LOOPBACK,
    AppServer,
    free_port,
    open_page,
    start_app_server,
    stop_app_server,
    wait_for_app,
)
from tests.postgres import fresh_database

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

ALLOWED = "alice@example.com, @team.org"
COOKIE_SECRET = "e2e-cookie-secret-that-is-long-enough-0123456789"
# Who the provider knows, by `sub`: their e-mail address, and whether it vouches for it.
PEOPLE = {
    "alice@example.com": ("alice@example.com", True),
    "bob@team.org": ("bob@team.org", True),
    "carol@example.com": ("carol@example.com", True),
    "dave@team.org": ("dave@team.org", True),
    "mallory": ("alice@example.com", False),  # says she is Alice; the provider does not
}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The OpenID Connect provider, on 127.0.0.1 like the app; yields its base URL."""
    people = [
        oidc_provider_mock.User(sub=sub, claims={"email": email, "email_verified": verified})
        for sub, (email, verified) in PEOPLE.items()
    ]
    provider_app = oidc_provider_mock.app(user_claims=people)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, provider_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """Every journey on a SQLite file, then again on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sign-in-sqlite') / 'movies.db'}"
        return
    with fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment, provider, database_url) -> Iterator[AppServer]:
    environment = {**app_environment, "ALLOWED_EMAILS": ALLOWED, "DATABASE_URL": database_url}
    server = start_signed_in_server(tmp_path_factory.mktemp("sign-in"), environment, provider)
    yield server
    stop_app_server(server)


def start_signed_in_server(folder: Path, environment: dict[str, str], provider: str) -> AppServer:
    """An app server with sign-in on: its [auth] secrets name `provider` and the port the
    redirect comes back to."""
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "movie-tracker"\n'
        'client_secret = "e2e-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    return start_app_server(
        folder, environment, port=port, options=["--secrets.files", str(secrets)]
    )


def new_person(browser: Browser) -> Page:
    """A new person: a fresh browser context, signed out, reaching only loopback (closed
    with the browser)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    return page


@pytest.fixture
def person(browser: Browser) -> Iterator[Page]:
    page = new_person(browser)
    yield page
    page.context.close()


def sign_in(page: Page, server: AppServer, who: str) -> None:
    open_page(page, server, "")
    expect(page.get_by_text("Sign in to see your movie library.")).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").fill(who)
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_test_id("stApp")).to_be_visible()
    wait_for_app(page)


def sign_out(page: Page) -> None:
    """Sign out in the app, then end the session at the provider, which sends the
    browser back to the app."""
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_test_id("stApp")).to_be_visible()
    wait_for_app(page)


def add_movie(page: Page, server: AppServer, title: str) -> None:
    open_page(page, server, "add-movie")
    page.get_by_role("textbox", name="Movie Title", exact=True).fill(title)
    page.get_by_role("button", name="Add Movie").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Added {title} to your library as Want to Watch.")).to_be_visible()


def test_a_signed_out_visitor_sees_only_the_sign_in_page(person: Page, app_server):
    open_page(person, app_server, "library")
    expect(person.get_by_text("Sign in to see your movie library.")).to_be_visible()
    expect(person.get_by_role("button", name="Sign in")).to_be_visible()
    expect(person.get_by_role("heading", name="Library")).to_have_count(0)


def test_alice_signs_in_adds_movies_and_signs_out(person: Page, app_server):
    sign_in(person, app_server, "alice@example.com")
    expect(person.get_by_text("Signed in as alice@example.com")).to_be_visible()
    add_movie(person, app_server, "Solaris")
    add_movie(person, app_server, "Stalker")
    open_page(person, app_server, "library")
    expect(person.get_by_role("heading", name="Library", level=1)).to_be_visible()
    sign_out(person)
    expect(person.get_by_text("Sign in to see your movie library.")).to_be_visible()
    expect(person.get_by_role("heading", name="Library")).to_have_count(0)


def alices_movie_id(server: AppServer, provider: str, title: str) -> int:
    library = MovieRepository(server.database_url, Owner.signed_in(provider, "alice@example.com"))
    try:
        return next(movie.id for movie in library.find_movies() if movie.title == title)
    finally:
        library.dispose()


def test_bob_starts_with_an_empty_library_and_cannot_open_alices_movie(
    browser: Browser, app_server, provider
):
    alice = new_person(browser)
    sign_in(alice, app_server, "alice@example.com")
    add_movie(alice, app_server, "Mirror")
    mirror = alices_movie_id(app_server, provider, "Mirror")
    bob = new_person(browser)
    sign_in(bob, app_server, "bob@team.org")
    expect(bob.get_by_text("Signed in as bob@team.org")).to_be_visible()
    expect(bob.get_by_text("Your library is empty.", exact=False)).to_be_visible()
    open_page(bob, app_server, f"library?movie={mirror}")
    expect(bob.get_by_role("heading", name="Movie not found")).to_be_visible()
    expect(bob.get_by_text("Mirror")).to_have_count(0)
    open_page(alice, app_server, f"library?movie={mirror}")
    expect(alice.get_by_role("heading", name=re.compile(r"^Mirror"))).to_be_visible()


def test_the_allowlist_turns_carol_away(person: Page, app_server):
    sign_in(person, app_server, "carol@example.com")
    expect(
        person.get_by_text("carol@example.com may not use this Movie Tracker.", exact=False)
    ).to_be_visible()
    expect(person.get_by_role("heading", name="Library")).to_have_count(0)


def test_an_address_the_provider_has_not_verified_is_turned_away(person: Page, app_server):
    sign_in(person, app_server, "mallory")
    expect(
        person.get_by_text(
            "alice@example.com may not use this Movie Tracker: your provider has not verified",
            exact=False,
        )
    ).to_be_visible()
    expect(person.get_by_role("heading", name="Library")).to_have_count(0)
    expect(person.get_by_role("button", name="Sign out")).to_be_visible()


def test_without_library_owner_nobody_takes_the_local_library(person: Page, app_server):
    """Regression: the first person to sign in took the library kept without sign-in."""
    local = MovieRepository(app_server.database_url)
    try:
        for title in ("Ran", "Ikiru"):
            local.add_movie(Movie(title=title))
        sign_in(person, app_server, "dave@team.org")
        expect(person.get_by_text("Signed in as dave@team.org")).to_be_visible()
        expect(person.get_by_text("Your library is empty.", exact=False)).to_be_visible()
        sidebar = person.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("(2 movies) has no owner yet", exact=False)).to_be_visible()
        expect(sidebar.get_by_text("to your subject, dave@team.org,", exact=False)).to_be_visible()
        assert sorted(movie.title for movie in local.find_movies()) == ["Ikiru", "Ran"]
    finally:
        local.dispose()
