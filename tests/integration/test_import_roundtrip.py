"""A backup restores into an empty library exactly; the Letterboxd export is a valid CSV of
Letterboxd's import columns; both through the service on real databases."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.exporters import WATCHED_HEADER, WATCHLIST_HEADER
from movie_tracker.importers import UnreadableExport
from movie_tracker.models import Movie, Status, Watch
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository

REVIEW = (
    'Line one, with a comma.\nLine two "quoted" — Pietà, 8½,\n\n<b>bold</b> &nbsp; =not a formula'
)


def build_library(service: MovieService) -> None:
    repository = service.repository
    with freeze_time("2025-03-01 10:00:00"):
        heat = repository.add_movie(
            Movie(
                title="Heat", year=1995, director="Michael Mann", genre="Crime, Drama",
                imdb_id="tt0113277", poster_url="https://m.media-amazon.com/heat.jpg",
                status=Status.WATCHED, runtime_minutes=170, plot="A cop, a thief.",
                actors="Al Pacino, Robert De Niro", imdb_rating=8.3, language="English",
                country="United States",
            )
        )  # fmt: skip
    with freeze_time("2025-03-02 11:30:15"):
        amelie = repository.add_movie(Movie(title="Le Fabuleux Destin d’Amélie", year=2001))
        repository.add_movie(Movie(title="Heat"))  # a second Heat, no year, no IMDb ID
        repository.add_movie(Movie(title="Nausicaä", status=Status.WANT_TO_WATCH))
    with freeze_time("2025-03-03 09:00:00"):
        service.log_watch(heat.id, "2024-12-24", 4.5, REVIEW, ["crime", "la, night"])
        service.log_watch(heat.id, None, None, "", [])
        service.log_watch(amelie.id, "2025-01-01", 5, "Très bien", "paris")
        service.log_watch(amelie.id, "2025-01-01", 5, "Très bien", "paris")  # same day twice
        service.rate_movie(heat.id, 4)


def snapshot(service: MovieService) -> list[tuple[Movie, list[Watch]]]:
    """Everything a person sees, without the ids the database gives."""
    movies = sorted(service.list_movies(), key=lambda m: (m.date_added, m.title))
    return [
        (
            replace(movie, id=None),
            [replace(w, id=None, movie_id=0) for w in service.watches(movie.id)],
        )
        for movie in movies
    ]


@freeze_time("2026-11-25 12:00:00")
def test_a_backup_restores_into_an_empty_library_exactly(service, tmp_path):
    build_library(service)
    backup = service.export_backup()
    empty = MovieRepository(f"sqlite:///{tmp_path / 'restored.db'}")
    restored = MovieService(empty)

    preview = restored.preview_import("backup.json", backup)
    result = restored.run_import(preview)

    assert (preview.source, preview.skipped) == ("backup", ())
    assert result.movies_added == 4
    assert snapshot(restored) == snapshot(service)
    again = restored.preview_import("backup.json", backup)
    assert (again.movies_to_add, again.movies_unchanged, again.watches_to_add) == (0, 4, 0)
    empty.dispose()


@freeze_time("2026-11-25 12:00:00")
def test_a_zipped_backup_restores_too(service, tmp_path):
    build_library(service)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("backup.json", service.export_backup())
    empty = MovieRepository(f"sqlite:///{tmp_path / 'restored.db'}")

    preview = MovieService(empty).preview_import("backup.zip", out.getvalue())

    assert (preview.movies_to_add, preview.watches_to_add) == (4, 4)  # the four logged
    empty.dispose()


@freeze_time("2026-11-25 12:00:00")
def test_the_letterboxd_export_reads_back_as_csv_with_letterboxds_columns(service):
    build_library(service)

    with zipfile.ZipFile(io.BytesIO(service.export_letterboxd())) as archive:
        watched = list(csv.DictReader(io.StringIO(archive.read("letterboxd-watched.csv").decode())))
        watchlist = list(csv.reader(io.StringIO(archive.read("letterboxd-watchlist.csv").decode())))

    assert list(watched[0]) == list(WATCHED_HEADER)
    assert sorted(watchlist[1:]) == [["", "Heat", ""], ["", "Nausicaä", ""]]
    assert watchlist[0] == list(WATCHLIST_HEADER)
    reviewed = next(row for row in watched if row["WatchedDate"] == "2024-12-24")
    assert reviewed["Review"] == REVIEW  # an "=" inside the text is no formula
    assert (reviewed["imdbID"], reviewed["Rating"], reviewed["Tags"]) == (
        "tt0113277",
        "4.5",
        "crime, la, night",
    )
    heat_rows = [row for row in watched if row["imdbID"] == "tt0113277"]
    assert sorted(row["WatchedDate"] for row in heat_rows) == ["", "2024-12-24"]  # as logged
    assert [row["Rewatch"] for row in watched if row["Title"].startswith("Le Fab")] == ["", "true"]


def test_a_backup_from_a_newer_version_is_refused(service):
    newer = b'{"format": "movie-tracker-backup", "version": 99, "movies": []}'

    with pytest.raises(UnreadableExport, match="newer version"):
        service.preview_import("backup.json", newer)


@pytest.mark.parametrize(
    "damaged",
    [
        b'{"format": "movie-tracker-backup", "version": 1, "movies": [',
        b'{"format": "movie-tracker-backup", "version": 1, "movies": {}}',
    ],
)
def test_a_damaged_backup_is_refused(service, damaged):
    with pytest.raises(UnreadableExport, match="damaged"):
        service.preview_import("backup.json", damaged)


@freeze_time("2026-11-25 12:00:00")
def test_unreadable_movies_in_a_backup_are_skipped_with_their_reason(service):
    backup = (
        b'{"format": "movie-tracker-backup", "version": 1, "movies": ['
        b'{"title": "Heat", "status": "Watched", "year": "1995"},'
        b'{"title": "Up", "status": "Seen"},'
        b'"not a movie",'
        b'{"title": "Jaws", "status": "Watched", "watches": [{"tags": "x"}]},'
        b'{"title": "Alien", "status": "Watched", "watches": ["x"]},'
        b'{"title": 7, "status": "Watched"},'
        b'{"title": "Psycho", "status": "Watched", "rating": true},'
        b'{"title": "Coco", "status": "Watched", "date_added": "soon"},'
        b'{"title": "Ran", "status": "Watched", "year": 1985, "director": "Akira Kurosawa",'
        b' "watches": [{"watched_on": "2024-01-01", "tags": ["jidaigeki"]}]}'
        b"]}"
    )

    preview = service.preview_import("backup.json", backup)

    assert preview.movies_to_add == 1
    assert [skipped.reason.split(":")[0] for skipped in preview.skipped] == [
        f"movie {n}" for n in range(1, 9)
    ]
    assert "Status must be" in preview.skipped[1].reason


def test_restoring_a_backup_into_a_library_that_has_its_movies_adds_only_what_is_missing(
    service,
):
    heat = service.repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    backup = (
        b'{"format": "movie-tracker-backup", "version": 1, "movies": ['
        b'{"title": "Heat", "status": "Watched", "imdb_id": "tt0113277", "year": 1995,'
        b' "poster_url": "https://example.org/heat.jpg",'
        b' "watches": [{"watched_on": "2024-01-01", "rating": 4.5}]}]}'
    )

    service.run_import(service.preview_import("backup.json", backup))

    stored = service.get_movie(heat.id)
    assert (stored.status, stored.year, stored.poster_url) == (
        Status.WATCHED,
        1995,
        "https://example.org/heat.jpg",
    )
    assert [w.watched_on for w in service.watches(heat.id)] == [date(2024, 1, 1)]
