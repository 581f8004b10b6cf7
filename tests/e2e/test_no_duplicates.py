"""Issue 16 in the browser: a film you have is never added twice (after a Letterboxd
import, from OMDb's search), the lookup alone adds a film, and "Open <film>" after an add
lands on the film."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.store import MovieRepository
from tests.e2e.conftest import NOT_LOOPBACK, AppServer, open_page, wait_for_app
from tests.importer_files import LetterboxdExport, lb_uri

LOOKUP = "OMDb lookup (title or IMDb ID)"


@pytest.fixture
def heat_export(tmp_path: Path) -> Path:
    """A Letterboxd export with Heat (1995): Letterboxd's files have no IMDb IDs."""
    export = LetterboxdExport(
        diary=[["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5, "", "", "2024-01-02"]],
        watched=[["2024-01-03", "Heat", 1995, lb_uri("heat")]],
    )
    path = tmp_path / "letterboxd-heat.zip"
    path.write_bytes(export.zip())
    return path


def stored(server: AppServer) -> list[tuple[str, int | None, str | None]]:
    """(title, year, IMDb ID) of every movie in the server's library."""
    library = MovieRepository(server.database_url)
    try:
        return sorted((m.title, m.year, m.imdb_id) for m in library.find_movies())
    finally:
        library.dispose()


def search_omdb(page: Page, query: str) -> None:
    box = page.get_by_role("textbox", name="Search OMDb", exact=True)
    box.fill(query)
    box.press("Enter")
    wait_for_app(page)


def test_a_film_imported_from_letterboxd_then_added_from_omdb_search_is_one_film(
    loopback_page: Page, app_server: AppServer, heat_export: Path
):
    """Search in one tab, import in another, then press Add in the first: the import's
    Heat gains its IMDb ID instead of a second Heat; searching again shows it yours."""
    adding = loopback_page
    open_page(adding, app_server, "add-movie")
    search_omdb(adding, "heat")
    heat = adding.locator(".st-key-omdb_add_tt0113277").get_by_role("button", name="Add")
    expect(heat).to_be_visible()

    importing = adding.context.new_page()
    importing.route(NOT_LOOPBACK, lambda route: route.abort())
    open_page(importing, app_server, "import-export")
    importing.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
        heat_export
    )
    wait_for_app(importing)
    importing.get_by_role("button", name="Import", exact=True).click()
    wait_for_app(importing)
    expect(
        importing.get_by_text(re.compile(r"^Imported a Letterboxd export: 1 movie"))
    ).to_be_visible()
    assert stored(app_server) == [("Heat", 1995, None)]
    importing.close()

    heat.click()
    wait_for_app(adding)
    expect(adding.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Heat (1995) is already in your library; added its IMDb ID, poster, runtime"
    )
    assert stored(app_server) == [("Heat", 1995, "tt0113277")]

    expect(adding.locator(".st-key-omdb_add_tt0113277")).to_have_count(0)  # marked now
    expect(adding.get_by_text("In your library", exact=True)).to_have_count(1)
    adding.get_by_role("link", name="Open", exact=True).click()
    expect(adding.get_by_role("heading", name="Heat (1995)")).to_be_visible()
    assert re.search(r"/library\?movie=\d+$", adding.url), adding.url
    assert stored(app_server) == [("Heat", 1995, "tt0113277")]


def test_the_lookup_alone_adds_the_film_and_open_lands_on_it(
    loopback_page: Page, app_server: AppServer
):
    page = loopback_page
    open_page(page, app_server, "add-movie")
    page.get_by_role("textbox", name=LOOKUP, exact=True).fill(
        "https://www.imdb.com/title/tt0133093/"
    )
    page.get_by_role("button", name="Add Movie").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Added The Matrix (1999) to your library as Want to Watch."
    )
    expect(page.get_by_role("textbox", name=LOOKUP, exact=True)).to_have_value("")
    assert ("The Matrix", 1999, "tt0133093") in stored(app_server)

    page.get_by_role("link", name="Open The Matrix (1999)").click()
    expect(page.get_by_role("heading", name="The Matrix (1999)")).to_be_visible()
    expect(page.get_by_role("heading", name="Library", level=1)).to_be_visible()
    assert re.search(r"/library\?movie=\d+$", page.url), page.url


def test_open_after_adding_by_hand_lands_on_the_film(loopback_page: Page, app_server: AppServer):
    page = loopback_page
    open_page(page, app_server, "add-movie")
    page.get_by_role("textbox", name="Movie Title", exact=True).fill("Solaris")
    page.get_by_role("button", name="Add Movie").click()
    wait_for_app(page)
    expect(page.get_by_text("Added Solaris to your library as Want to Watch.")).to_be_visible()

    page.get_by_role("textbox", name="Movie Title", exact=True).fill("solaris")
    page.get_by_role("button", name="Add Movie").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(
        "Solaris is already in your library, as Want to Watch: nothing was added."
    )
    assert [m for m in stored(app_server) if m[0] == "Solaris"] == [("Solaris", None, None)]

    page.get_by_role("link", name="Open Solaris").click()
    expect(page.get_by_role("heading", name="Solaris")).to_be_visible()
    assert re.search(r"/library\?movie=\d+$", page.url), page.url
