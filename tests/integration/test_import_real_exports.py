"""Every real export in ../shared/real-exports, and every peer project's fixture in
../shared/peer-fixtures, imported into an empty SQLite library: the library then holds
exactly what the preview promised, importing it again adds nothing, and its diary holds
one watch per entry the file records (a Letterboxd diary row or review without one, a
Trakt play), none made up.

The files are other people's published data: read in place, never copied; skipped where
the folders are absent.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from freezegun import freeze_time

from movie_tracker.models import Status
from movie_tracker.service import MovieService

_CHECKOUT = Path(__file__).parents[2]
_SHARED = next(
    (path for path in (_CHECKOUT.parent / "shared", _CHECKOUT.parent.parent / "shared")
     if path.is_dir()),
    _CHECKOUT.parent / "shared",
)  # fmt: skip
REAL = _SHARED / "real-exports"
PEERS = _SHARED / "peer-fixtures"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")


def _uploads() -> list[tuple[str, list[Path]]]:
    """(name, files uploaded together): a Letterboxd or Trakt account's files as one upload,
    each IMDb CSV on its own, each peer fixture (a ZIP) on its own."""
    uploads: list[tuple[str, list[Path]]] = []
    if REAL.is_dir():
        for kind in sorted(path for path in REAL.iterdir() if path.is_dir()):
            for account in sorted(path for path in kind.iterdir() if path.is_dir()):
                files = sorted(p for p in account.iterdir() if p.name != "LICENSE")
                if kind.name == "imdb":
                    uploads += [(f"{account.name}/{path.name}", [path]) for path in files]
                else:
                    uploads.append((account.name, files))
    if PEERS.is_dir():
        uploads += [(path.name, [path]) for path in sorted(PEERS.rglob("*.zip"))]
    return uploads


UPLOADS = _uploads()


def _read(paths: list[Path]) -> list[tuple[str, bytes]]:
    """The files under their original paths (the copies write / as __)."""
    return [(path.name.replace("__", "/"), path.read_bytes()) for path in paths]


def _entries(files: list[tuple[str, bytes]]) -> tuple[int, int]:
    """(watches, undated ones) as the raw files record them, counted without the importers:
    a Letterboxd diary row (always dated) and a review Letterboxd keeps without a diary
    entry (undated); a Trakt history play, or where there is no history, the last play
    watched-movies dates. IMDb files and ratings record no viewing."""
    members = []
    for name, data in files:
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members += [(n, archive.read(n)) for n in archive.namelist() if not n.endswith("/")]
        else:
            members.append((name, data))
    diary = undated_reviews = history = last_plays = 0
    for name, data in members:
        if name in ("diary.csv", "reviews.csv"):
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
            if name == "diary.csv":
                assert all(row["Watched Date"] for row in rows)
                diary += len(rows)
            else:
                undated_reviews += sum(1 for row in rows if not row["Watched Date"])
        elif name.endswith(".json"):
            items = json.loads(data)
            movies = (
                [i for i in items if isinstance(i, dict) and "movie" in i]
                if isinstance(items, list)
                else []
            )
            history += sum(1 for item in movies if "watched_at" in item)
            last_plays += sum(1 for item in movies if "last_watched_at" in item)
    return diary + undated_reviews + (history or last_plays), undated_reviews


@freeze_time("2026-11-25 12:00:00")
@pytest.mark.parametrize(("upload", "paths"), UPLOADS, ids=[u for u, _ in UPLOADS])
def test_a_real_export_imports_exactly_what_its_preview_says(service: MovieService, upload, paths):
    files = _read(paths)

    preview = service.preview_import_files(files)
    result = service.run_import(preview)

    assert result.movies_added == preview.movies_to_add == service.count_movies()
    assert service.count_diary() == preview.watches_to_add
    assert service.status_counts().want_to_watch == preview.watchlist_to_add
    assert service.count_movies(Status.WATCHED) == preview.movies_to_add - preview.watchlist_to_add
    again = service.preview_import_files(files)
    assert (again.movies_to_add, again.movies_to_update, again.watches_to_add) == (0, 0, 0)
    assert again.movies_unchanged == preview.movies_to_add


@freeze_time("2026-11-25 12:00:00")
@pytest.mark.parametrize(("upload", "paths"), UPLOADS, ids=[u for u, _ in UPLOADS])
def test_a_real_export_brings_one_watch_per_entry_it_records_and_invents_none(
    service: MovieService, upload, paths
):
    files = _read(paths)
    watches, undated = _entries(files)

    service.run_import(service.preview_import_files(files))

    assert service.count_diary() == watches
    assert sum(1 for watch in service.diary() if watch.watched_on is None) == undated


@freeze_time("2026-11-25 12:00:00")
def test_patrickmjones_keeps_both_haunted_castles_and_every_diary_entry(service: MovieService):
    paths = dict(UPLOADS)["patrickmjones__letterboxd-data"]

    preview = service.preview_import_files(_read(paths))
    service.run_import(preview)

    assert len(service.list_movies(text="the haunted castle")) >= 2
    # 2,132 diary rows and the one review kept without a diary entry; the 2,604 films of
    # watched.csv without an entry are Watched with none (it was 2,660 watches, 527 made up)
    assert preview.watches_to_add == service.count_diary() == 2132 + 1
    # 777 on the watchlist, and the films only a list names (they come in Want to Watch)
    assert service.count_movies(Status.WATCHED) == (
        preview.movies_to_add - 777 - preview.films_only_in_lists
    )
    assert service.year_in_review(2020).rewatches > 0


@freeze_time("2026-11-25 12:00:00")
def test_patrickmjones_films_not_on_letterboxd_keep_their_diary_date_as_date_added(
    service: MovieService,
):
    """Regression: a diary row with no Letterboxd URI (a film not on Letterboxd) came in
    added at the moment of the import, on top of "Date added"; it is the row's Date."""
    paths = dict(UPLOADS)["patrickmjones__letterboxd-data"]
    service.run_import(service.preview_import_files(_read(paths)))

    [prada] = service.list_movies(text="prada candy")
    assert prada.date_added == datetime(2020, 6, 4, tzinfo=timezone.utc)
    newest = service.list_movies(limit=20)
    assert all(movie.date_added.date() < date(2026, 11, 25) for movie in newest)
