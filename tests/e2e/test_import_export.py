"""Import and export in the browser: upload a Letterboxd export, read the preview, import
it with a progress bar, download both exports, find the films in the Diary and the Library,
and stop filling in details from OMDb."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from movie_tracker.models import Movie, Status, Watch
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from tests.e2e.conftest import AppServer, open_page, wait_for_app
from tests.fakes.store import FakeMovieRepository
from tests.importer_files import LetterboxdExport, lb_uri


def letterboxd_export() -> LetterboxdExport:
    return LetterboxdExport(
        diary=[
            ["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5, "", "", "2024-01-02"],
            ["2024-02-10", "Alien", 1979, lb_uri("alien"), 4, "", "", "2024-02-09"],
        ],
        watched=[
            ["2024-01-03", "Heat", 1995, lb_uri("heat")],
            ["2024-02-10", "Alien", 1979, lb_uri("alien")],
        ],
        watchlist=[["2024-04-01", "Up", 2009, lb_uri("up")]],
        ratings=[["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5]],
        extra={"lists/favourites.csv": b"Letterboxd list export v7\r\n"},
    )


@pytest.fixture
def export_zip(tmp_path: Path) -> Path:
    path = tmp_path / "letterboxd-export.zip"
    path.write_bytes(letterboxd_export().zip())
    return path


def upload(page: Page, *files: Path) -> None:
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(list(files))
    wait_for_app(page)


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_import_a_letterboxd_export_download_it_and_find_it_in_the_diary_and_the_library(
    loopback_page: Page, app_server: AppServer, export_zip: Path, tmp_path: Path
):
    page = loopback_page
    open_page(page, app_server, "import-export")
    upload(page, export_zip)
    expect(
        page.get_by_text("Read as a Letterboxd export from letterboxd-export.zip.")
    ).to_be_visible()
    expect(metric(page, "Movies to add")).to_have_text("3")
    expect(metric(page, "Watches to add")).to_have_text("2")
    expect(metric(page, "Watchlist entries to add")).to_have_text("1")
    expect(page.get_by_role("heading", name="Skipped (1)")).to_be_visible()

    page.get_by_role("button", name="Import", exact=True).click()
    wait_for_app(page)
    # the import's bar: while the page reruns, the live bar of the run before may still
    # stand beside the finished one, both saying so
    written = page.get_by_test_id("stProgress").filter(has_text="movies written")
    expect(written.first).to_contain_text("3 of 3 movies written")
    expect(
        page.get_by_text(re.compile(r"^Imported a Letterboxd export: 3 movies added"))
    ).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(0)  # the uploader is empty again

    letterboxd = download(page, "Letterboxd CSVs (ZIP)", tmp_path)
    assert re.fullmatch(r"movie-tracker-letterboxd-\d{4}-\d{2}-\d{2}\.zip", letterboxd.name)
    with zipfile.ZipFile(letterboxd) as archive:
        watched = csv_rows(archive.read("letterboxd-watched.csv"))
        watchlist = csv_rows(archive.read("letterboxd-watchlist.csv"))
    assert sorted((row["Title"], row["Year"], row["WatchedDate"]) for row in watched) == [
        ("Alien", "1979", "2024-02-09"),
        ("Heat", "1995", "2024-01-02"),
    ]
    assert [(row["Title"], row["Year"]) for row in watchlist] == [("Up", "2009")]

    backup = download(page, "Full backup", tmp_path)
    assert re.fullmatch(r"movie-tracker-backup-\d{4}-\d{2}-\d{2}\.json", backup.name)
    document = json.loads(backup.read_text())
    assert document["format"] == "movie-tracker-backup"
    assert sorted(movie["title"] for movie in document["movies"]) == ["Alien", "Heat", "Up"]

    page.get_by_role("link", name="Open the Diary").click()
    expect(page.get_by_role("heading", name="Diary", level=1)).to_be_visible()
    for entry in ("Heat (1995)", "Alien (1979)"):
        expect(page.get_by_test_id("stMain").get_by_role("link", name=entry)).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Library").click()
    expect(page.get_by_role("heading", name="Library", level=1)).to_be_visible()
    for title in ("Heat", "Alien", "Up"):
        expect(library_table(page)).to_contain_text(title)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Import and export").click()
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    upload(page, export_zip)
    expect(page.get_by_text(re.compile("^Nothing new to import"))).to_be_visible()
    expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)


def download(page: Page, label: str, folder: Path) -> Path:
    """Click a download button; the file the browser saved, under its suggested name."""
    with page.expect_download() as started:
        page.get_by_role("button", name=label).click()
    saved = folder / started.value.suggested_filename
    started.value.save_as(saved)
    return saved


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def library_table(page: Page):
    """The dataframe is a canvas: focus it, then read the table it keeps for screen readers."""
    frame = page.get_by_test_id("stDataFrame")
    frame.locator(".dvn-scroller").focus()
    return frame.locator("table")


def test_a_backup_into_a_library_with_movies_says_it_merges_and_does(
    loopback_page: Page, app_server: AppServer, tmp_path: Path
):
    other = MovieService(FakeMovieRepository())
    seen = other.repository.add_movie(Movie("Stalker", Status.WANT_TO_WATCH, 1979))
    other.repository.log_watch(Watch(seen.id, date(2024, 1, 2)))
    other.repository.update_movie_status(seen.id, Status.WANT_TO_WATCH)
    backup = tmp_path / "movie-tracker-backup.json"
    backup.write_bytes(other.export_backup())
    library = MovieRepository(app_server.database_url)
    library.add_movie(Movie("Solaris", Status.WATCHED, 1972))
    library.dispose()

    page = loopback_page
    open_page(page, app_server, "import-export")
    upload(page, backup)
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(
        "Your library already has movies, so this backup is merged into it as any import is"
    )
    page.get_by_role("button", name="Import", exact=True).click()
    wait_for_app(page)
    expect(
        page.get_by_text(re.compile(r"^Imported a Movie Tracker backup export: 1 movie added"))
    ).to_be_visible()


def test_a_file_that_is_no_export_is_refused_with_the_reason(
    loopback_page: Page, app_server: AppServer, tmp_path: Path
):
    notes = tmp_path / "notes.csv"
    notes.write_text("Shopping,Qty\nMilk,2\n")
    open_page(loopback_page, app_server, "import-export")
    upload(loopback_page, notes)
    expect(loopback_page.get_by_test_id("stAlertContentError")).to_contain_text(
        "notes.csv is not an export the app can read."
    )
    expect(loopback_page.get_by_test_id("stException")).to_have_count(0)


@pytest.fixture
def slow_omdb(omdb_server):
    """OMDb answering each lookup after a moment, as it does on a bad day."""
    delay = omdb_server.delay
    omdb_server.delay = 0.3
    omdb_server.set_fault("slow")
    yield omdb_server
    omdb_server.delay = delay


FILMS = 60  # about 18 s of lookups at 0.3 s each: more than the test needs to see


def lacking(page: Page) -> int:
    """How many movies the page says lack details (the module's other tests add some)."""
    caption = page.get_by_text(re.compile(r"^[\d,]+ movies lack an IMDb ID or a poster"))
    return int(re.match(r"[\d,]+", caption.inner_text()).group().replace(",", ""))


def test_filling_in_goes_on_batch_after_batch_while_the_page_answers_and_stop_ends_it(
    loopback_page: Page, app_server: AppServer, slow_omdb
):
    """Filling in looks up ten movies a run of its own part of the page and goes on by
    itself; meanwhile another page opens at once, filling in goes on on coming back, and
    Stop, pressed in the middle of a batch, ends it and keeps what was looked up."""
    library = MovieRepository(app_server.database_url)
    for number in range(1, FILMS + 1):
        library.add_movie(Movie(f"A Film Nobody Made {number}", Status.WATCHED, 2001))
    page = loopback_page
    open_page(page, app_server, "import-export")
    missing = lacking(page)
    page.get_by_role("button", name="Fill in details").click()

    progress = page.get_by_test_id("stProgress")
    # a second batch without anybody touching the page
    expect(progress).to_contain_text(re.compile(r"Looked up (1[1-9]|[2-5]\d) of \d+ movies"))
    expect(page.get_by_text(re.compile(r"^OMDb lookups today: \d+ of the 900"))).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Library").click()
    expect(page.get_by_role("heading", name="Library", level=1)).to_be_visible()
    nav.get_by_role("link", name="Import and export").click()
    expect(progress).to_contain_text(re.compile(r"Looked up [34]\d of \d+ movies"))
    page.get_by_test_id("stMain").get_by_role("button", name="Stop").click()  # not Streamlit's
    wait_for_app(page)

    stopped = page.get_by_test_id("stAlertContentWarning")
    expect(stopped).to_contain_text(re.compile(r"^Stopped\. Filled in the details of \d+ movie"))
    left = int(re.search(r"(\d+) movies still lack details", stopped.inner_text()).group(1))
    assert 0 < left <= missing - 30
    assert len(library.movies_missing_details(missing)) == left  # each lookup was kept
    asked = slow_omdb.requests_served
    open_page(page, app_server, "import-export")  # a new session: nothing runs in the old one
    assert lacking(page) == left
    assert slow_omdb.requests_served == asked
    library.dispose()
