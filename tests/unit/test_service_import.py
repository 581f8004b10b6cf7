"""Importing through the service over the in-memory library: the preview's counts, matching,
watched over watchlist, validation, re-imports and newer exports, all or nothing."""

import csv
import io
import zipfile
from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.importers import UNREADABLE, ImportPlan, PlannedMovie, UnreadableExport
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import Movie, Status
from movie_tracker.service import ImportPreview, ImportResult, MovieService
from tests.importer_files import (
    IMDB_RATINGS_2018,
    LetterboxdExport,
    imdb_csv,
    json_bytes,
    lb_uri,
    trakt_movie,
    trakt_rating,
)

TODAY = "2026-11-25 12:00:00"
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


def small_export() -> LetterboxdExport:
    """Heat watched twice (once a rewatch, with a review), Alien watched with no diary entry,
    Up on the watchlist, and Amélie on both lists (watched wins)."""
    return LetterboxdExport(
        watched=[
            ["2024-01-02", "Heat", 1995, lb_uri("heat")],
            ["2024-01-03", "Alien", 1979, lb_uri("alien")],
            ["2024-01-04", "Amélie", 2001, lb_uri("amelie")],
        ],
        diary=[
            ["2024-01-02", "Heat", 1995, lb_uri("d1"), "4", "", "crime, la", "2024-01-01"],
            ["2024-02-02", "Heat", 1995, lb_uri("d2"), "4.5", "Yes", "", "2024-02-01"],
        ],
        reviews=[
            [
                "2024-02-02",
                "Heat",
                1995,
                lb_uri("d2"),
                "4.5",
                "Yes",
                'Still "great",\nagain',
                "",
                "2024-02-01",
            ],
        ],
        watchlist=[
            ["2024-01-05", "Up", 2009, lb_uri("up")],
            ["2024-01-06", "Amélie", 2001, lb_uri("amelie")],
        ],
    )


def preview_of(service: MovieService, export: LetterboxdExport) -> ImportPreview:
    return service.preview_import("letterboxd.zip", export.zip())


def test_the_preview_counts_what_the_file_brings_and_writes_nothing(service, library):
    preview = preview_of(service, small_export())

    assert (preview.source, preview.source_label, preview.files) == (
        "letterboxd",
        "Letterboxd",
        ("letterboxd.zip",),
    )
    assert (preview.movies_to_add, preview.movies_to_update, preview.movies_unchanged) == (4, 0, 0)
    # Heat's two diary entries; Alien and Amélie are only marked watched: no entry, no watch
    assert preview.watches_to_add == 2
    assert (preview.ratings_to_add, preview.reviews_to_add, preview.watchlist_to_add) == (1, 1, 1)
    assert [(s.file, s.line) for s in preview.skipped] == [("watchlist.csv", 3)]
    assert preview.skipped_by_kind == (("watchlist entries already watched", 1),)
    assert preview.has_changes
    assert library.movies == {}
    assert library.events == []


def test_running_the_preview_stores_what_it_promised_as_one_change(service, library):
    preview = preview_of(service, small_export())
    calls = []

    result = service.run_import(preview, progress=lambda done, total: calls.append((done, total)))

    assert result == ImportResult("letterboxd", 4, 0, 0, 2, 1, 1, 1, 1)
    assert result.source_label == "Letterboxd"
    assert service.count_movies() == 4
    assert service.status_counts().watched == 3
    heat = service.list_movies(text="heat")[0]
    assert (heat.year, heat.rating, heat.status) == (1995, 4.5, Status.WATCHED)
    assert heat.date_added is not None
    assert heat.date_added.date() == date(2024, 1, 2)
    watches = service.watches(heat.id)
    assert [(w.watched_on, w.rating, w.rewatch) for w in watches] == [
        (date(2024, 2, 1), 4.5, True),
        (date(2024, 1, 1), 4.0, False),
    ]
    assert watches[0].review == 'Still "great",\nagain'
    assert watches[1].tags == ("crime", "la")
    alien = service.list_movies(text="alien")[0]
    assert (alien.status, service.watches(alien.id)) == (Status.WATCHED, [])
    assert service.count_diary() == 2
    assert [e.name for e in service.recent_activity()] == ["import.completed"]
    assert service.library_version() == 1
    assert calls[-1] == (4, 4)


def test_importing_the_same_file_again_adds_nothing(service):
    export = small_export()
    service.run_import(preview_of(service, export))
    version = service.library_version()

    again = preview_of(service, export)

    assert (again.movies_to_add, again.movies_to_update, again.movies_unchanged) == (0, 0, 4)
    assert (again.watches_to_add, again.ratings_to_add, again.reviews_to_add) == (0, 0, 0)
    assert not again.has_changes
    result = service.run_import(again)
    assert (result.movies_added, result.watches_added) == (0, 0)
    assert service.count_diary() == 2
    assert service.library_version() == version + 1  # the import.completed event


def test_a_newer_export_adds_only_what_is_new(service):
    service.run_import(preview_of(service, small_export()))
    newer = small_export()
    newer.diary.append(["2024-03-02", "Heat", 1995, lb_uri("d3"), "5", "Yes", "", "2024-03-01"])
    newer.watchlist.append(["2024-03-03", "Jaws", 1975, lb_uri("jaws")])

    preview = preview_of(service, newer)

    assert (preview.movies_to_add, preview.movies_to_update, preview.movies_unchanged) == (1, 1, 3)
    assert (preview.watches_to_add, preview.ratings_to_add) == (1, 1)
    service.run_import(preview)
    heat = service.list_movies(text="heat")[0]
    assert heat.rating == 5.0
    assert [w.rewatch for w in service.watches(heat.id)] == [True, True, False]


def test_matching_ignores_case_and_accents_and_never_demotes_a_watched_movie(service, library):
    amelie = library.add_movie(Movie(title="AMELIE", year=2001, status=Status.WATCHED))
    up = library.add_movie(Movie(title="up", year=2009, status=Status.WANT_TO_WATCH))
    export = LetterboxdExport(
        watchlist=[["2024-01-06", "Amélie", 2001, lb_uri("amelie")]],
        watched=[["2024-01-05", "Up", 2009, lb_uri("up")]],
    )

    preview = preview_of(service, export)
    service.run_import(preview)

    assert (preview.movies_to_add, preview.movies_to_update, preview.movies_unchanged) == (0, 1, 1)
    assert service.get_movie(amelie.id).status is Status.WATCHED
    assert service.get_movie(up.id).status is Status.WATCHED
    assert service.watches(up.id) == []  # marked watched on Letterboxd: no diary entry
    assert service.count_movies() == 2


def test_an_imdb_id_matches_first_and_a_title_gains_the_id(service, library):
    heat = library.add_movie(Movie(title="Heat", year=1995, status=Status.WATCHED))
    alien = library.add_movie(Movie(title="Alien", year=1979, imdb_id="tt0078748"))
    ratings = imdb_csv(
        IMDB_RATINGS_2018,
        [
            {"Const": "tt0113277", "Title": "Heat", "Year": "1995", "Your_Rating": "8",
             "Date_Rated": "2024-05-01"},
            {"Const": "tt0078748", "Title": "Alien (localised)", "Year": "1979",
             "Your_Rating": "10", "Date_Rated": "2024-05-02"},
        ],
    )  # fmt: skip

    preview = service.preview_import("ratings.csv", ratings)
    service.run_import(preview)

    assert (preview.movies_to_add, preview.movies_to_update) == (0, 2)
    stored = service.get_movie(heat.id)
    assert (stored.imdb_id, stored.rating, stored.director) == ("tt0113277", 4.0, "Ann Example")
    assert service.get_movie(alien.id).rating == 5.0
    assert service.get_movie(alien.id).title == "Alien"  # the library's title stays


def test_ratings_from_imdb_and_trakt_make_a_film_watched_and_rated_with_no_watch(service, library):
    up = library.add_movie(Movie(title="Up", year=2009, imdb_id="tt1049413"))
    ratings = imdb_csv(
        IMDB_RATINGS_2018,
        [
            {"Const": "tt1049413", "Title": "Up", "Year": "2009", "Your_Rating": "9",
             "Date_Rated": "2024-05-01"},
            {"Const": "tt0113277", "Title": "Heat", "Year": "1995", "Your_Rating": "8",
             "Date_Rated": "2024-05-02"},
        ],
    )  # fmt: skip
    alien = trakt_movie("Alien", 1979, "tt0078748", trakt=5)
    trakt = json_bytes([trakt_rating(alien, 10, "2024-05-03T20:00:00.000Z")])

    for name, data in (("ratings.csv", ratings), ("ratings-movies.json", trakt)):
        preview = service.preview_import(name, data)
        assert preview.watches_to_add == 0
        service.run_import(preview)

    movies = {m.title: m for m in service.list_movies()}
    assert {t: (m.status, m.rating) for t, m in movies.items()} == {
        "Up": (Status.WATCHED, 4.5),
        "Heat": (Status.WATCHED, 4.0),
        "Alien": (Status.WATCHED, 5.0),
    }
    assert service.count_diary() == 0
    assert service.get_movie(up.id).status is Status.WATCHED


def test_letterboxds_rewatch_mark_on_a_first_entry_is_kept_and_exported(service):
    # Seen before the diary began: the only entry of Heat is a rewatch on Letterboxd.
    export = LetterboxdExport(
        watched=[["2024-01-02", "Heat", 1995, lb_uri("heat")]],
        diary=[["2024-01-02", "Heat", 1995, lb_uri("d1"), "4", "Yes", "", "2024-01-01"]],
    )

    service.run_import(preview_of(service, export))

    heat = service.list_movies(text="heat")[0]
    assert [w.rewatch for w in service.watches(heat.id)] == [True]
    assert service.year_in_review(2024).rewatches == 1
    with zipfile.ZipFile(io.BytesIO(service.export_letterboxd())) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("letterboxd-watched.csv").decode())))
    assert [(row["Title"], row["WatchedDate"], row["Rewatch"]) for row in rows] == [
        ("Heat", "2024-01-01", "true")
    ]


def test_rows_that_break_the_rules_are_skipped_with_file_line_and_reason(service):
    export = LetterboxdExport(
        watched=[["2024-01-02", "Heat", 1995, lb_uri("heat")], ["2024-01-03", "x" * 301, "", ""]],
        diary=[
            ["2024-01-02", "Heat", 1995, lb_uri("d1"), "", "", "", "2027-01-01"],
            ["2024-01-02", "Heat", 1995, lb_uri("d2"), "", "", "", "2024-01-01"],
        ],
    )

    preview = preview_of(service, export)

    reasons = {(s.file, s.line): s.reason for s in preview.skipped}
    assert "cannot be in the future" in reasons[("diary.csv", 2)]
    assert "Shorten the title" in reasons[("watched.csv", 3)]
    assert all(s.kind == UNREADABLE for s in preview.skipped)
    assert (preview.movies_to_add, preview.watches_to_add) == (1, 1)


def test_a_failure_midway_leaves_the_library_as_it_was(service, library):
    library.add_movie(Movie(title="Heat", year=1995, status=Status.WANT_TO_WATCH))
    before = (dict(library.movies), dict(library.watches), service.library_version())
    preview = preview_of(service, small_export())

    def fail(done: int, total: int) -> None:
        if done >= 2:
            raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        service.run_import(preview, progress=fail)

    assert (dict(library.movies), dict(library.watches), service.library_version()) == before


def test_an_upload_that_is_no_export_is_refused_with_a_message(service):
    with pytest.raises(UnreadableExport, match="not an export the app can read"):
        service.preview_import("notes.txt", b"hello")


def test_loose_files_of_one_export_preview_together(service):
    files = list(small_export().files().items())

    preview = service.preview_import_files(files)

    assert preview.files == tuple(name for name, _ in files)
    assert preview.movies_to_add == 4


def test_export_file_names_say_what_and_when(service):
    assert service.export_filenames() == (
        "movie-tracker-letterboxd-2026-11-25.zip",
        "movie-tracker-backup-2026-11-25.json",
    )


def test_a_runtime_no_film_has_is_left_out(service):
    plan = ImportPlan("imdb", (PlannedMovie("Heat", runtime_minutes=0),))

    assert clean_plan(plan, date(2026, 11, 25)).movies[0].runtime_minutes is None


def test_an_import_never_asks_omdb(library, omdb):
    service = MovieService(library, omdb)

    service.run_import(preview_of(service, small_export()))

    assert omdb.calls == []
    assert service.list_movies(text="heat")[0].imdb_id is None
