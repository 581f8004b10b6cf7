"""The export writers: Letterboxd's import headers, splitting at 1,000 rows, the formula
guard, CSV quoting of newlines and quotes, and the backup document."""

import csv
import io
import json
import zipfile
from datetime import date, datetime, timezone

import pytest

from movie_tracker import exporters
from movie_tracker.exporters import (
    ROWS_PER_FILE,
    WATCHED_HEADER,
    WATCHLIST_HEADER,
    backup_json,
    letterboxd_zip,
    split_csv,
    spreadsheet_safe,
    stars_text,
)
from movie_tracker.models import (
    DatePrecision,
    EventRecord,
    ListEntry,
    Movie,
    MovieList,
    Status,
    Watch,
)

HEAT = Movie(
    title="Heat", year=1995, director="Michael Mann", imdb_id="tt0113277", id=1,
    status=Status.WATCHED, rating=4.5,
)  # fmt: skip
UP = Movie(title="Up", year=2009, imdb_id="tt1049413", id=2)


def unzip(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))
            for name in archive.namelist()
        }


def test_letterboxd_zip_has_a_watched_file_and_a_separate_watchlist():
    watches = [
        Watch(1, date(2024, 2, 1), None, 'Still "great",\nagain', ("la", "crime"), True, id=2),
        Watch(1, date(2024, 1, 1), 4.0, "", (), False, id=1),
    ]

    files = unzip(letterboxd_zip([HEAT, UP], watches))

    assert sorted(files) == ["letterboxd-watched.csv", "letterboxd-watchlist.csv"]
    assert files["letterboxd-watched.csv"] == [
        list(WATCHED_HEADER),
        ["tt0113277", "Heat", "1995", "Michael Mann", "2024-01-01", "4", "", "", ""],
        ["tt0113277", "Heat", "1995", "Michael Mann", "2024-02-01", "4.5", "true", "la, crime",
         'Still "great",\nagain'],
    ]  # fmt: skip
    assert files["letterboxd-watchlist.csv"] == [
        list(WATCHLIST_HEADER),
        ["tt1049413", "Up", "2009"],
    ]


def test_a_watched_movie_without_a_dated_watch_is_a_row_without_a_date():
    alien = Movie(title="Alien", id=3, status=Status.WATCHED)
    undated = Movie(title="Jaws", id=4, status=Status.WATCHED)

    files = unzip(letterboxd_zip([alien, undated], [Watch(4, None, 3.5)]))

    rows = files["letterboxd-watched.csv"][1:]
    assert sorted(rows) == [
        ["", "Alien", "", "", "", "", "", "", ""],
        ["", "Jaws", "", "", "", "3.5", "", "", ""],
    ]


def test_quotes_commas_and_line_breaks_are_quoted_as_csv_and_the_bytes_are_utf8_without_bom():
    data = exporters.csv_bytes(("Title", "Review"), [["Crazy, Stupid, Love.", 'a "b"\r\nc']])

    assert data == b'Title,Review\r\n"Crazy, Stupid, Love.","a ""b""\r\nc"\r\n'
    assert not data.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("Heat", "Heat"),
        (1995, "1995"),
        (None, ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(cell, written):
    assert spreadsheet_safe(cell) == written


def test_titles_and_reviews_are_guarded_in_the_export():
    movie = Movie(title="=1+2", id=1, status=Status.WATCHED)

    rows = unzip(letterboxd_zip([movie], [Watch(1, None, None, "@me")]))["letterboxd-watched.csv"]

    assert (rows[1][1], rows[1][8]) == ("'=1+2", "'@me")


def test_files_are_split_at_1000_rows_each_with_its_header():
    rows = [[f"tt{n:07d}", f"Film {n}", 2000] for n in range(ROWS_PER_FILE * 2 + 1)]

    parts = split_csv("letterboxd-watchlist", WATCHLIST_HEADER, rows)

    assert [name for name, _ in parts] == [
        "letterboxd-watchlist-1.csv",
        "letterboxd-watchlist-2.csv",
        "letterboxd-watchlist-3.csv",
    ]
    counts = [len(list(csv.reader(io.StringIO(data.decode())))) - 1 for _, data in parts]
    assert counts == [1000, 1000, 1]
    assert all(data.startswith(b"imdbID,Title,Year\r\n") for _, data in parts)


def test_an_empty_library_still_gives_both_files_with_their_headers():
    files = unzip(letterboxd_zip([], []))

    assert files == {
        "letterboxd-watched.csv": [list(WATCHED_HEADER)],
        "letterboxd-watchlist.csv": [list(WATCHLIST_HEADER)],
    }


def test_a_watch_dated_to_a_month_or_a_year_gets_no_made_up_day_but_a_tag():
    watches = [
        Watch(1, date(2015, 12, 31), 3.0, "", ("cinema",), id=3, precision=DatePrecision.YEAR),
        Watch(1, date(2015, 3, 31), None, "Late.", (), id=2, precision=DatePrecision.MONTH),
        Watch(1, date(2015, 3, 31), 4.0, "", (), id=1),
    ]

    rows = unzip(letterboxd_zip([HEAT], watches))["letterboxd-watched.csv"][1:]

    assert [(row[4], row[5], row[7], row[8]) for row in rows] == [
        ("2015-03-31", "4", "", ""),  # the day, then the month, then the year
        ("", "", "watched:2015-03", "Late."),
        ("", "3", "cinema, watched:2015", ""),
    ]


def test_the_backup_keeps_each_watchs_precision():
    moment = datetime(2024, 1, 2, tzinfo=timezone.utc)
    heat = Movie(title="Heat", id=1, date_added=moment)
    watches = [
        Watch(1, date(2015, 3, 31), id=1, logged_at=moment, precision=DatePrecision.MONTH),
        Watch(1, date(2015, 12, 31), id=2, logged_at=moment, precision=DatePrecision.YEAR),
        Watch(1, None, id=3, logged_at=moment),
    ]

    document = json.loads(backup_json([heat], watches, moment))

    assert [(w["watched_on"], w["precision"]) for w in document["movies"][0]["watches"]] == [
        ("2015-03-31", "month"),
        ("2015-12-31", "year"),
        (None, "day"),
    ]


@pytest.mark.parametrize(("rating", "text"), [(None, ""), (4.0, "4"), (3.5, "3.5"), (0.5, "0.5")])
def test_ratings_are_written_as_letterboxd_writes_half_stars(rating, text):
    assert stars_text(rating) == text


def test_the_backup_is_versioned_json_with_every_field_oldest_added_first():
    added = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    later = Movie(title="Up", id=2, date_added=datetime(2025, 1, 1, tzinfo=timezone.utc))
    heat = Movie(
        title="Heat", id=1, date_added=added, poster_url="https://example.org/p.jpg", plot="Å."
    )
    watch = Watch(1, date(2024, 1, 1), 4.0, "ok", ("la",), logged_at=added, id=9, seen_before=True)

    document = json.loads(
        backup_json([later, heat], [watch], added, details_checked={2: date(2025, 2, 3)})
    )

    assert (document["format"], document["version"]) == ("movie-tracker-backup", 4)
    assert document["exported_at"] == "2024-01-02T03:04:05+00:00"
    assert [(m["key"], m["title"]) for m in document["movies"]] == [(1, "Heat"), (2, "Up")]
    first = document["movies"][0]
    assert (first["date_added"], first["poster_url"], first["plot"]) == (
        "2024-01-02T03:04:05+00:00",
        "https://example.org/p.jpg",
        "Å.",
    )
    assert first["watches"] == [
        {
            "key": 1,
            "watched_on": "2024-01-01",
            "rating": 4.0,
            "review": "ok",
            "tags": ["la"],
            "seen_before": True,
            "logged_at": "2024-01-02T03:04:05+00:00",
            "precision": "day",
        }
    ]
    assert [m["details_checked_on"] for m in document["movies"]] == [None, "2025-02-03"]
    assert document["movies"][1]["watches"] == []
    assert document["events"] == []


def test_the_backup_names_an_events_movie_and_watch_by_their_keys_never_by_ids():
    moment = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    heat = Movie(title="Heat", id=41, date_added=moment)
    watch = Watch(41, date(2024, 1, 1), id=77, logged_at=moment)
    events = [
        EventRecord(
            moment, "movie.added", 41, "Heat", "Want to Watch", {"movie_id": 41, "year": None}
        ),
        EventRecord(moment, "watch.logged", 41, "Heat", None, {"movie_id": 41, "watch_id": 77}),
        EventRecord(moment, "movie.deleted", 40, "Gone", "Watched", {"movie_id": 40}),
        EventRecord(moment, "import.completed", None, None, None, {"source": "imdb", "skipped": 2}),
    ]

    document = json.loads(backup_json([heat], [watch], moment, events))

    assert [(e["name"], e["movie"], e["watch"], e["details"]) for e in document["events"]] == [
        ("movie.added", 1, None, {"year": None}),
        ("watch.logged", 1, 1, {}),
        ("movie.deleted", None, None, {}),  # not in the backup: named by nothing
        ("import.completed", None, None, {"source": "imdb", "skipped": 2}),
    ]
    assert document["events"][0] | {"movie": 0} == {
        "ts": "2024-01-02T03:04:05+00:00",
        "name": "movie.added",
        "movie": 0,
        "watch": None,
        "title": "Heat",
        "status": "Want to Watch",
        "details": {"year": None},
    }


def test_export_file_names_carry_the_day():
    day = date(2026, 11, 25)

    assert exporters.letterboxd_filename(day) == "movie-tracker-letterboxd-2026-11-25.zip"
    assert exporters.backup_filename(day) == "movie-tracker-backup-2026-11-25.json"


def test_each_list_is_a_file_for_letterboxds_list_importer_with_its_notes_in_order():
    noir = MovieList(1, "Film noir: Night & Rain!")
    same = MovieList(2, "film noir — night & rain")
    odd = MovieList(3, "❦")
    entries = [
        ListEntry(UP, 1, "=HYPERLINK(x)\nand a second line"),
        ListEntry(HEAT, 2, ""),
    ]

    files = unzip(letterboxd_zip([HEAT, UP], [], [(noir, entries), (same, []), (odd, [])]))

    assert files["lists/film-noir-night-rain.csv"] == [
        list(exporters.LIST_HEADER),
        ["1", "tt1049413", "Up", "2009", "'=HYPERLINK(x)\nand a second line"],
        ["2", "tt0113277", "Heat", "1995", ""],
    ]
    assert files["lists/film-noir-night-rain-2.csv"] == [list(exporters.LIST_HEADER)]
    assert "lists/list-3.csv" in files
    assert exporters.LIST_HEADER == ("Position", "imdbID", "Title", "Year", "Review")


def test_the_backup_holds_the_lists_and_the_watchlist_order_by_movie_keys():
    added = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    heat = Movie(title="Heat", id=10, date_added=added)
    up = Movie(title="Up", id=20, date_added=datetime(2025, 1, 1, tzinfo=timezone.utc))
    noir = MovieList(7, "Noir", "At night", created_at=added)
    entries = [ListEntry(up, 1, "Balloons", added), ListEntry(heat, 2)]

    document = json.loads(
        backup_json([up, heat], [], added, lists=[(noir, entries)], watchlist=[20, 10, 99])
    )

    assert document["lists"] == [
        {
            "name": "Noir",
            "description": "At night",
            "created_at": "2024-01-02T03:04:05+00:00",
            "entries": [
                {"movie": 2, "note": "Balloons", "added_at": "2024-01-02T03:04:05+00:00"},
                {"movie": 1, "note": "", "added_at": None},
            ],
        }
    ]
    assert document["watchlist"] == [2, 1]
