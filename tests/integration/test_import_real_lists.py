"""The lists in real exports, imported into an empty library: every Letterboxd list file
in ../shared/real-exports and the peer fixtures (a "Letterboxd list export v7", or the
older one with an empty first line), Trakt's lists and its ranked watchlist. Each list
comes in with its name, description, films in order and notes, counted against the raw
files read without the importers; importing again changes nothing.

The files are other people's published data: read in place, never copied; skipped where
the folders are absent.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
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
NEODB = _SHARED / "peer-fixtures" / "neodb-social__neodb"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")


def _account(folder: Path) -> list[tuple[str, bytes]]:
    """An account's files under their original paths (the copies write / as __)."""
    return [
        (path.name.replace("__", "/"), path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.name != "LICENSE"
    ]


def _unzipped(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(n, archive.read(n)) for n in archive.namelist() if not n.endswith("/")]


def _raw_letterboxd_lists(files: list[tuple[str, bytes]]) -> dict[str, list[tuple[str, str]]]:
    """Each list file's name and its films' (name, note), read with the csv module alone."""
    lists = {}
    for name, data in files:
        if not name.startswith("lists/"):
            continue
        rows = [r for r in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) if r]
        header = rows.index(["Date", "Name", "Tags", "URL", "Description"])
        start = rows.index(["Position", "Name", "Year", "URL", "Description"])
        films = sorted(rows[start + 1 :], key=lambda row: int(row[0]))
        lists[rows[header + 1][1].strip()] = [(row[1], row[4]) for row in films]
    return lists


def _imported(service: MovieService) -> dict[str, list[tuple[str, str]]]:
    return {
        kept.name: [(e.movie.title, e.note) for e in service.list_entries(kept.id)]
        for kept in service.lists()
    }


def _import_twice(service: MovieService, files: list[tuple[str, bytes]]) -> None:
    """Import the files, then check that importing them again would change nothing."""
    preview = service.preview_import_files(files)
    result = service.run_import(preview)
    assert (result.lists_added, result.list_entries_added) == (
        preview.lists_to_add,
        preview.list_entries_to_add,
    )
    again = service.preview_import_files(files)
    assert (again.lists_to_add, again.lists_to_update, again.list_entries_to_add) == (0, 0, 0)
    assert not again.reorders_watchlist
    assert not again.has_changes


LETTERBOXD = [
    path
    for path in sorted((REAL / "letterboxd").iterdir() if REAL.is_dir() else [])
    if any(p.name.startswith("lists__") for p in path.iterdir())
]


@freeze_time("2026-11-25 12:00:00")
@pytest.mark.parametrize("account", LETTERBOXD, ids=[path.name for path in LETTERBOXD])
def test_every_letterboxd_list_comes_in_whole_in_order_with_its_notes(service, account):
    files = _account(account)
    raw = _raw_letterboxd_lists(files)

    _import_twice(service, files)

    imported = _imported(service)
    assert sorted(imported) == sorted(raw)
    for name, films in raw.items():
        assert [title for title, _ in imported[name]] == [title for title, _ in films]
        assert [note for _, note in imported[name]] == [
            note.replace("\r\n", "\n").strip() for _, note in films
        ]
    assert "Eryn" not in imported  # deleted/lists/eryn.csv: deleted on Letterboxd


@freeze_time("2026-11-25 12:00:00")
def test_patrickmjones_lists_add_the_films_only_they_name_as_want_to_watch(service):
    files = _account(REAL / "letterboxd" / "patrickmjones__letterboxd-data")

    preview = service.preview_import_files(files)
    service.run_import(preview)

    sizes = {kept.name: kept.films for kept in service.lists()}
    assert sizes == {
        "Favorite Films of 2021": 0,
        "Made in Hong Kong Film Festival 2020": 6,
        "Official Top 250 Narrative Feature Films by Women Directors": 250,
        "Zatoichi": 4,
    }
    # 777 films on the watchlist that are not watched, and the films only a list names
    assert preview.films_only_in_lists > 0
    assert service.count_movies(Status.WANT_TO_WATCH) == 777 + preview.films_only_in_lists
    top = next(k for k in service.lists() if k.films == 250)
    assert 0 < top.watched < 250


@pytest.mark.skipif(not NEODB.is_dir(), reason=f"{NEODB} is not here")
@freeze_time("2026-11-25 12:00:00")
def test_the_neodb_letterboxd_list_keeps_its_two_films_in_order_with_their_notes(service):
    files = _unzipped((NEODB / "letterboxd-neodb-2025-09-23-06-48-utc.zip").read_bytes())

    _import_twice(service, files)

    [kept] = service.lists()
    assert (kept.name, kept.description) == ("test list", "test desc\n\nline 2")
    assert _imported(service)["test list"] == [
        ("Weapons", "no notes"),
        ("Local Legends", "spoiler\n\ntext"),
    ]


@pytest.mark.skipif(not NEODB.is_dir(), reason=f"{NEODB} is not here")
@freeze_time("2026-11-25 12:00:00")
def test_the_neodb_trakt_list_and_watchlist_come_in_and_again_bring_nothing(service):
    files = _unzipped((NEODB / "trakt-export-test.zip").read_bytes())

    _import_twice(service, files)

    [kept] = service.lists()
    assert (kept.name, kept.description) == ("My Test List", "A test list description")
    assert _imported(service)["My Test List"] == [("Inception", "Great movie"), ("Billy Lynn", "")]
    inception = next(e.movie for e in service.list_entries(kept.id) if e.movie.title == "Inception")
    assert inception.rating == 4.5  # Trakt's 9 of 10
    assert [movie.title for movie in service.watchlist()] == ["The Internets Own Boy"]


@freeze_time("2026-11-25 12:00:00")
def test_joshs_trakt_lists_and_his_watchlist_in_the_order_of_its_rank(service):
    folder = REAL / "trakt" / "josh__trakt-data"
    files = _account(folder)
    raw = {name: json.loads(data) for name, data in files if name.startswith("lists/")}

    _import_twice(service, files)

    for about in raw["lists/lists.json"]:
        items = raw[f"lists/list-{about['ids']['trakt']}-{about['ids']['slug']}.json"]
        movies = sorted((i for i in items if i["type"] == "movie"), key=lambda i: i["rank"])
        kept = next(k for k in service.lists() if k.name == about["name"])
        titles = [e.movie.title for e in service.list_entries(kept.id)]
        assert titles == [item["movie"]["title"] for item in movies]
    ranked = sorted(
        (i for i in raw["lists/watchlist.json"] if i["type"] == "movie"), key=lambda i: i["rank"]
    )
    wanted = [movie.title for movie in service.watchlist()]
    ranked_titles = [i["movie"]["title"] for i in ranked if i["movie"]["title"] in wanted]
    assert wanted[: len(ranked_titles)] == ranked_titles
    assert len(ranked_titles) > 100
