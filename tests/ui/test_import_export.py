"""Import and export: the preview of an upload, the import, filling in details from OMDb,
and the downloads.

Uploads go through AppTest's file_uploader; the files are written by tests/importer_files.py
as Letterboxd, IMDb and Trakt write them. The library is real (SQLite, or PostgreSQL).
"""

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from freezegun import freeze_time
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.scriptrunner import RerunData, get_script_run_ctx

from movie_tracker.importers import _files
from movie_tracker.importers._files import MAX_UPLOAD_BYTES
from movie_tracker.models import Movie, Status, Watch
from movie_tracker.service import ENABLE_LOOKUPS_HINT, MovieService, count_omdb_requests_in
from movie_tracker.store import StorageError
from movie_tracker.ui.text import day_month_year
from tests.fakes.omdb import FakeOmdbClient
from tests.fakes.store import FakeMovieRepository
from tests.importer_files import (
    IMDB_RATINGS_2024,
    LetterboxdExport,
    imdb_csv,
    lb_uri,
    trakt_movie,
    trakt_play,
    trakt_zip,
)
from tests.ui.conftest import texts

PAGE = "import-export"
ZIP = "application/zip"
CSV = "text/csv"


HEAT_DIARY_ROW = ["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5, ""]
FULL_DISK = "Could not import the export: the disk is full. Nothing was changed."
DAMAGED = "Could not read the library: the library file movies.db is damaged."


def letterboxd_export() -> LetterboxdExport:
    """Two watched films (Heat rated and reviewed, Alien watched twice), Up on the watchlist,
    and comments, which are not imported."""
    return LetterboxdExport(
        diary=[
            [*HEAT_DIARY_ROW, "", "2024-01-02"],
            ["2024-02-10", "Alien", 1979, lb_uri("alien"), 4, "", "", "2024-02-09"],
            ["2024-03-01", "Alien", 1979, lb_uri("alien"), 4, "Yes", "", "2024-02-29"],
        ],
        reviews=[[*HEAT_DIARY_ROW[:6], "The diner scene.", "", "2024-01-02"]],
        watched=[
            ["2024-01-03", "Heat", 1995, lb_uri("heat")],
            ["2024-02-10", "Alien", 1979, lb_uri("alien")],
        ],
        watchlist=[["2024-04-01", "Up", 2009, lb_uri("up")]],
        ratings=[["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5]],
        extra={"comments.csv": b"Date,Content,Comment\r\n"},
    )


def upload(at, *files):
    at.file_uploader[0].set_value(list(files)).run()
    assert not at.exception
    return at


def read_as(at):
    """The preview's caption: which export the upload was read as, from which files."""
    return next(c.value for c in at.caption if c.value.startswith("Read as"))


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def import_button(at):
    return at.button(key="import_apply")


def test_an_empty_library_shows_the_upload_the_accepted_exports_and_the_downloads(
    open_page, offline_service
):
    at = open_page(offline_service, PAGE)
    assert not at.exception
    assert texts(at.title) == ["Import and export"]
    assert texts(at.header) == ["Import", "Fill in details from OMDb", "Export"]
    assert at.caption[0].value.startswith(
        "Bring in what you logged elsewhere: a Letterboxd, IMDb or Trakt export, or a Full backup"
    )
    accepted = at.expander[0]
    assert accepted.label == "Which exports can I import, and where do I get them?"
    help_text = accepted.markdown[0].value
    for where in ("Settings → Data → Export", "Your ratings → Export", "Watchlist → Export"):
        assert where in help_text
    assert "only marks as watched or rates" in help_text
    assert "adds nothing to your diary" in help_text
    assert at.file_uploader[0].accept_multiple_files
    assert set(at.file_uploader[0].allowed_type) == {".zip", ".csv", ".json"}
    assert not at.metric  # no preview before an upload


def test_a_letterboxd_zip_is_previewed_and_nothing_is_written(open_page, service):
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", letterboxd_export().zip(), ZIP))
    assert "Read as a Letterboxd export from letterboxd-export.zip." in read_as(at)
    assert metric(at, "Movies to add") == "3"
    assert metric(at, "Movies to update") == "0"
    assert metric(at, "Watches to add") == "3"
    assert metric(at, "Ratings to add") == "1"  # Heat's; Alien's stars are its watches''
    assert metric(at, "Reviews to add") == "1"
    assert metric(at, "Watchlist entries to add") == "1"
    assert service.count_movies() == 0
    assert import_button(at).label == "Import"


def test_the_skipped_table_gives_file_line_and_reason_and_filters_by_reason(open_page, service):
    export = letterboxd_export()
    export.diary.append(["2024-05-01", "", 2001, lb_uri("nameless"), 3, "", "", "2024-05-01"])
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", export.zip(), ZIP))
    assert "Skipped (2)" in texts(at.subheader)
    assert skipped_rows(at) == [
        ("comments.csv", None, "comments are not imported"),
        ("diary.csv", 5, "line 5: the film has no name"),
    ]
    reasons = at.selectbox(key="import_skipped_group")
    assert reasons.options == [
        "Every reason",
        "Likes, comments and other files not imported (1)",
        "Rows that cannot be read (1)",
    ]
    reasons.select("rows that cannot be read").run()
    assert skipped_rows(at) == [("diary.csv", 5, "line 5: the film has no name")]


def skipped_rows(at):
    """(file, line, reason) of each row the skipped table shows; no line for a whole file."""
    frame = at.dataframe[0].value
    return [
        (row.File, None if pd.isna(row.Line) else int(row.Line), row.Reason)
        for row in frame.itertuples()
    ]


def test_import_writes_the_preview_and_links_to_the_library_and_the_diary(open_page, service):
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", letterboxd_export().zip(), ZIP))
    import_button(at).click().run()
    assert not at.exception
    assert texts(at.success) == [
        "Imported a Letterboxd export: 3 movies added, 0 updated and 0 left as they were; "
        "3 watches, 1 rating, 1 review and 1 watchlist entry added. 1 item was skipped."
    ]
    assert at.get("progress")[0].proto.text == "3 of 3 movies written"
    assert texts(at.get("page_link")) == ["Open the Library", "Open the Diary"]
    assert [m.label for m in service.list_movies()] == ["Up (2009)", "Alien (1979)", "Heat (1995)"]
    assert service.count_diary() == 3
    assert not at.file_uploader[0].value  # a fresh uploader for the next export
    assert not at.metric


def test_importing_the_same_file_again_says_nothing_new_will_be_added(open_page, service):
    export = letterboxd_export().zip()
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", export, ZIP))
    import_button(at).click().run()
    upload(at, ("letterboxd-export.zip", export, ZIP))
    assert metric(at, "Movies to add") == "0"
    assert metric(at, "Movies left as they are") == "3"
    assert texts(at.info) == [
        "Nothing new to import: every movie, watch and rating in this file is already in "
        "your library, so importing it again would add nothing."
    ]
    assert not _has_button(at, "import_apply")


def _has_button(at, key):
    return any(button.key == key for button in at.button)


def a_backup() -> bytes:
    """A backup of another library: Heat seen and on the watchlist again, Alien watched."""
    other = MovieService(FakeMovieRepository())
    heat = other.repository.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995))
    other.repository.log_watch(Watch(heat.id, date(2024, 1, 2), 4.0))
    other.repository.update_movie_status(heat.id, Status.WANT_TO_WATCH)
    other.repository.add_movie(Movie("Alien", Status.WATCHED, 1979))
    return other.export_backup()


def test_a_backup_into_an_empty_library_says_it_restores_it_and_does(open_page, service):
    at = open_page(service, PAGE)
    upload(at, ("backup.json", a_backup(), "application/json"))
    assert texts(at.info) == [
        "Your library has no movies, so this backup restores it exactly as it was: every movie "
        "with its status, rating, date added and checked details, every diary entry, and its "
        "Activity history (5 events). The restore then shows in the Activity too."
    ]
    import_button(at).click().run()
    assert texts(at.success) == [
        "Restored a Movie Tracker backup: 2 movies added, 0 updated and 0 left as they were; "
        "1 watch, 1 rating, 0 reviews and 1 watchlist entry added."  # the diary's stars rate Heat
    ]
    assert {m.title: m.status for m in service.list_movies()} == {
        "Heat": Status.WANT_TO_WATCH,
        "Alien": Status.WATCHED,
    }
    assert len(service.recent_activity()) == 6  # its five, then the restore


def test_a_backup_into_a_library_with_movies_says_it_merges(open_page, service):
    service.repository.add_movie(Movie("Up", Status.WANT_TO_WATCH, 2009))
    at = open_page(service, PAGE)
    upload(at, ("backup.json", a_backup(), "application/json"))
    assert texts(at.info)[0].startswith(
        "Your library already has movies, so this backup is merged into it as any import is, "
        "not restored"
    )
    assert "Activity history is not replayed" in texts(at.info)[0]
    import_button(at).click().run()
    assert service.list_movies(text="heat")[0].status is Status.WATCHED  # it has a watch
    assert [e.name for e in service.recent_activity()] == ["import.completed", "movie.added"]


def test_the_loose_csv_files_of_a_letterboxd_export_are_read_as_one(open_page, service):
    files = letterboxd_export().files()
    at = open_page(service, PAGE)
    upload(at, *[(name, data, CSV) for name, data in files.items() if name.endswith(".csv")])
    assert "Read as a Letterboxd export from diary.csv, reviews.csv" in read_as(at)
    assert metric(at, "Movies to add") == "3"
    assert metric(at, "Watches to add") == "3"


def test_an_imdb_ratings_file_updates_a_movie_already_in_the_library(open_page, service):
    service.repository.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995, imdb_id="tt0113277"))
    ratings = imdb_csv(
        IMDB_RATINGS_2024,
        [{"Const": "tt0113277", "Title": "Heat", "Year": 1995, "Your_Rating": 9}],
    )
    at = open_page(service, PAGE)
    upload(at, ("ratings.csv", ratings, CSV))
    assert "Read as an IMDb export from ratings.csv." in read_as(at)
    assert metric(at, "Movies to add") == "0"
    assert metric(at, "Movies to update") == "1"
    import_button(at).click().run()
    heat = service.list_movies()[0]
    assert (heat.status, heat.rating) == (Status.WATCHED, 4.5)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.csv", b"Shopping,Qty\r\nMilk,2\r\n", "notes.csv is not an export the app can read"),
        ("export.zip", b"PK\x03\x04 damaged", "export.zip is a damaged ZIP file"),
        ("huge.zip", b"PK\x03\x04" + bytes(MAX_UPLOAD_BYTES), "uploads of up to 50 MB"),
    ],
    ids=["no known export", "damaged ZIP", "too big"],
)
def test_an_upload_that_cannot_be_read_says_why_and_writes_nothing(
    open_page, service, name, data, message
):
    at = open_page(service, PAGE)
    upload(at, (name, data, ZIP))
    assert len(at.error) == 1
    assert message in at.error[0].value
    assert not at.metric
    assert not _has_button(at, "import_apply")
    assert service.count_movies() == 0


def test_files_that_unpack_past_the_budget_together_are_refused_with_what_to_do(
    open_page, service, monkeypatch
):
    """One budget for the whole upload (100 MB, here made smaller): each file fits, the
    three together do not."""
    diary = letterboxd_export().files()["diary.csv"]
    monkeypatch.setattr(_files, "MAX_UNPACKED_BYTES", 2 * len(diary))
    at = open_page(service, PAGE)
    assert "100 MB for all the files of one import" in at.expander[0].markdown[0].value
    upload(at, *[(f"diary-{n}.csv", diary, CSV) for n in range(3)])
    assert len(at.error) == 1
    assert at.error[0].value.startswith("diary-0.csv, diary-1.csv, diary-2.csv would unpack")
    assert "Upload fewer files at a time" in at.error[0].value
    assert not at.metric
    assert service.count_movies() == 0


def test_a_storage_error_during_the_import_writes_nothing(open_page, service):
    apply_import = service.repository.apply_import

    def full_disk(done, total):
        raise StorageError(FULL_DISK)

    service.repository.apply_import = lambda plan, progress=None: apply_import(plan, full_disk)
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", letterboxd_export().zip(), ZIP))
    import_button(at).click().run()
    assert not at.exception
    assert texts(at.error) == [FULL_DISK]
    assert service.count_movies() == 0
    assert service.count_diary() == 0


def test_the_two_downloads_are_offered_with_todays_date_in_their_names(open_page, service):
    at = open_page(service, PAGE)
    today = datetime.now(timezone.utc).date().isoformat()  # AppTest's browser zone: UTC
    assert [button.label for button in at.get("download_button")] == [
        "Letterboxd CSVs (ZIP)",
        "Full backup",
    ]
    captions = texts(at.caption)
    assert any(c.startswith(f"movie-tracker-letterboxd-{today}.zip") for c in captions)
    assert any(c.startswith(f"movie-tracker-backup-{today}.json") for c in captions)


def test_the_page_makes_neither_download_until_its_button_is_clicked(open_page, service):
    """A large library's export takes a while: drawing the page (on every rerun) must not
    make the files. The browser suite clicks the buttons and reads what they give."""
    made = []
    service.export_letterboxd = lambda: made.append("letterboxd") or b""
    service.export_backup = lambda: made.append("backup") or b""
    at = open_page(service, PAGE)
    at.run()
    assert len(at.get("download_button")) == 2
    assert made == []


def test_the_trakt_zip_is_read(open_page, service):
    heat = trakt_movie("Heat", 1995, "tt0113277")
    export = trakt_zip({"watched-history-1.json": [trakt_play(heat, "2024-01-02T20:00:00.000Z")]})
    at = open_page(service, PAGE)
    upload(at, ("trakt.zip", export, ZIP))
    assert "Read as a Trakt export from trakt.zip." in read_as(at)
    assert metric(at, "Watches to add") == "1"


# -- filling in details from OMDb --------------------------------------------------------


@pytest.fixture
def imported(library):
    """Two movies as an import leaves them: title and year, no details; OMDb knows both."""
    library.add_movie(Movie("Heat", Status.WATCHED, 1995))
    library.add_movie(Movie("Up", Status.WANT_TO_WATCH, 2009))
    return library


def fill_in(at):
    at.button(key="fill_in_start").click().run()
    assert not at.exception
    return at


def test_without_an_omdb_key_the_page_says_how_to_turn_lookups_on(
    open_page, offline_service, imported
):
    at = open_page(offline_service, PAGE)
    assert ENABLE_LOOKUPS_HINT in texts(at.info)
    assert not _has_button(at, "fill_in_start")


def test_fill_in_details_looks_up_every_movie_that_lacks_them(open_page, service, imported):
    at = open_page(service, PAGE)
    assert "2 movies lack an IMDb ID or a poster." in " ".join(texts(at.caption))
    fill_in(at)
    assert texts(at.success) == ["Filled in the details of 2 movies."]
    assert at.get("progress")[0].proto.text == "Looked up 2 of 2 movies; 2 filled in"
    assert {m.title: m.director for m in service.list_movies()} == {
        "Heat": "Michael Mann",
        "Up": "Pete Docter, Bob Peterson",
    }
    assert "Every movie in your library has its details." in texts(at.caption)
    assert not _has_button(at, "fill_in_start")


def test_a_movie_omdb_does_not_know_is_counted_and_not_asked_again(open_page, service, imported):
    imported.add_movie(Movie("A Film Nobody Made", Status.WATCHED, 2001))
    at = fill_in(open_page(service, PAGE))
    assert texts(at.success) == [
        "Filled in the details of 2 movies. OMDb does not know 1 movie, and will not be "
        "asked about them again."
    ]
    assert "Every movie in your library has its details." in texts(at.caption)


def test_omdbs_daily_limit_says_when_to_go_on(open_page, service, omdb, imported):
    omdb.fail_with_mode("limit")
    at = fill_in(open_page(service, PAGE))
    tomorrow = datetime.now(timezone.utc).date() + timedelta(days=1)
    assert texts(at.warning) == [
        "OMDb's daily limit is reached. Filled in the details of 0 movies. 2 movies still "
        f"lack details: go on after 00:00 UTC on {day_month_year(tomorrow)}."
    ]
    assert _has_button(at, "fill_in_start")  # to go on another day


def test_a_library_that_cannot_be_read_while_previewing_says_so(open_page, service):
    def damaged():
        raise StorageError(DAMAGED)

    service.repository.import_snapshot = damaged
    at = open_page(service, PAGE)
    upload(at, ("letterboxd-export.zip", letterboxd_export().zip(), ZIP))
    assert texts(at.error) == [DAMAGED]
    assert not at.metric


def test_a_library_that_fails_while_filling_in_ends_the_run_and_says_so(
    open_page, service, imported
):
    def damaged(*_args):
        raise StorageError(DAMAGED)

    service.repository.movies_missing_details = damaged
    at = fill_in(open_page(service, PAGE))
    assert texts(at.warning) == [
        f"{DAMAGED} Filled in the details of 0 movies. 2 movies still lack details: try again "
        "later."
    ]
    assert _has_button(at, "fill_in_start")


# -- filling in runs in batches, within the day's OMDb budget ---------------------------------

UNKNOWN = [Movie(f"A Film Nobody Made {n}", Status.WATCHED, 2001) for n in range(1, 26)]


@pytest.fixture
def counted(library):
    """25 movies OMDb does not know, and the service as the app opens it: every request its
    (fake) OMDb client sends is counted in the library, toward a budget of 12 a day."""
    for movie in UNKNOWN:
        library.add_movie(movie)
    client = FakeOmdbClient(on_request=count_omdb_requests_in(library))
    return MovieService(library, client, omdb_daily_limit=12)


def bar(at):
    return at.get("progress")[0].proto.text


def test_filling_in_goes_on_a_batch_a_run_with_its_progress_and_a_stop_button(open_page, counted):
    at = fill_in(open_page(counted, PAGE))

    assert bar(at) == "Looked up 10 of 25 movies; 0 filled in"
    assert _has_button(at, "fill_in_stop")
    assert not _has_button(at, "fill_in_start")
    assert "OMDb lookups today: 10 of the 12 a day that filling in may use" in " ".join(
        texts(at.caption)
    )
    assert not at.warning
    assert not at.success


def test_stop_ends_filling_in_and_keeps_what_was_looked_up(open_page, counted, library):
    at = fill_in(open_page(counted, PAGE))
    at.button(key="fill_in_stop").click().run()

    assert texts(at.warning) == [
        "Stopped. Filled in the details of 0 movies. OMDb does not know 10 movies, and will "
        "not be asked about them again. 15 movies still lack details: press Fill in details "
        "to go on."
    ]
    assert len(library.movies_missing_details(100)) == 15
    assert _has_button(at, "fill_in_start")
    at.run()
    assert not _has_button(at, "fill_in_stop")  # no batch after Stop
    assert len(library.movies_missing_details(100)) == 15


class StopDuringLookup:
    """A FakeOmdbClient's `on_request` that counts lookups and, during lookup number
    `during`, hands Streamlit a click on the button `stop` (a WidgetState) as AppSession
    hands it the browser's: a rerun request with the click, made while the page runs."""

    def __init__(self) -> None:
        self.lookups = 0
        self.stop: WidgetState | None = None
        self.during = 0

    def __call__(self, _requests: int) -> None:
        self.lookups += 1
        if self.stop is not None and self.lookups == self.during:
            ctx = get_script_run_ctx()
            click = WidgetStates(widgets=[self.stop])
            ctx.script_requests.request_rerun(
                RerunData(widget_states=click, page_script_hash=ctx.page_script_hash)
            )


def test_stop_pressed_during_a_lookup_counts_that_lookup_and_starts_no_other(open_page, library):
    """A click that comes while the page runs is raised at the page's next Streamlit call
    (here in the same run, as AppTest and `runner.fastReruns = false` take it; with fast
    reruns see tests/unit/test_ui_fill_in.py), a write to st.session_state among them,
    before the write is made. Stop pressed during a lookup comes after the lookup is
    stored: the run counts it all the same, so the Stop message says what the library
    holds, and no lookup follows."""
    for movie in UNKNOWN:
        library.add_movie(movie)
    clicks = StopDuringLookup()
    at = fill_in(open_page(MovieService(library, FakeOmdbClient(on_request=clicks)), PAGE))
    clicks.stop = WidgetState(id=at.button(key="fill_in_stop").id, trigger_value=True)
    clicks.during = 13  # the third lookup of the second batch
    at.run()

    assert texts(at.warning) == [
        "Stopped. Filled in the details of 0 movies. OMDb does not know 13 movies, and will "
        "not be asked about them again. 12 movies still lack details: press Fill in details "
        "to go on."
    ]
    assert "12 movies lack an IMDb ID or a poster." in " ".join(texts(at.caption))
    assert len(library.movies_missing_details(100)) == 12
    assert clicks.lookups == 13
    at.run()
    assert not _has_button(at, "fill_in_stop")
    assert clicks.lookups == 13  # no lookup after Stop


@freeze_time("2026-11-25 15:00:00")
def test_the_days_budget_ends_filling_in_and_says_when_it_goes_on(open_page, counted, library):
    at = fill_in(open_page(counted, PAGE))
    at.context = {"timezone": "Australia/Sydney"}
    at.run()  # the second batch: two lookups are left of the day's twelve

    assert texts(at.warning) == [
        "Today's OMDb budget is spent. Filled in the details of 0 movies. OMDb does not know "
        "12 movies, and will not be asked about them again. 13 movies still lack details: "
        "go on after 11:00 on 26 Nov 2026, your time (midnight UTC)."
    ]
    assert "Today's OMDb budget is spent: 12 of 12 lookups." in " ".join(texts(at.caption))
    assert at.button(key="fill_in_start").disabled
    assert library.omdb_requests(date(2026, 11, 25)) == 12


@freeze_time("2026-11-25 15:00:00")
def test_a_browser_zone_python_does_not_know_gives_the_time_in_utc(open_page, counted, library):
    library.record_omdb_requests(12, date(2026, 11, 25))
    at = open_page(counted, PAGE)
    at.context = {"timezone": "Mars/Olympus_Mons"}
    at.run()

    assert "Fill in details again after 00:00 UTC on 26 Nov 2026." in " ".join(texts(at.caption))
    assert at.button(key="fill_in_start").disabled
