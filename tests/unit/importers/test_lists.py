"""Lists in exports: Letterboxd's list files, Trakt's lists and ranked watchlist, the
backup's lists and watchlist order; how a plan's lists are cleaned and matched with the
library's; and the lists Movie Tracker writes for Letterboxd."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from movie_tracker.exporters import letterboxd_zip
from movie_tracker.importers import (
    UNREADABLE,
    ImportPlan,
    PlannedList,
    PlannedListEntry,
    PlannedMovie,
    UnreadableExport,
    read_export,
    read_exports,
)
from movie_tracker.importers.list_merge import StoredList, match_lists
from movie_tracker.importers.merge import StoredMovie, clean_plan
from movie_tracker.models import ListEntry, Movie, MovieList, Status
from tests.importer_files import (
    LB_FILMS,
    LetterboxdExport,
    csv_bytes,
    lb_list_file,
    lb_uri,
    trakt_listed,
    trakt_movie,
    trakt_play,
    trakt_show,
    trakt_zip,
)

TODAY = date(2026, 12, 10)
WANT, WATCHED = Status.WANT_TO_WATCH, Status.WATCHED


def clean(plan: ImportPlan) -> ImportPlan:
    return clean_plan(plan, TODAY)


def entries(planned: PlannedList) -> list[tuple[str, int | None, str]]:
    return [(entry.title, entry.year, entry.note) for entry in planned.entries]


# -- Letterboxd ------------------------------------------------------------------------------


def test_a_letterboxd_list_keeps_its_name_description_and_films_with_notes_in_order() -> None:
    description = "<b>Night</b> films\r\n\r\nSecond paragraph, with a comma"
    note = 'First paragraph.\r\n\r\nSecond, "quoted".'
    listed = lb_list_file(
        ("Heat", "1995", note, lb_uri("heat")),
        ("Alien", "1979"),
        ("Nausicaä of the Valley of the Wind", ""),
        name="Noir & more ",
        description=description,
    )
    export = LetterboxdExport(watched=[["2024-01-01", "Heat", 1995, lb_uri("heat")]])
    export.extra = {"lists/noir.csv": listed}

    plan = clean(read_export("export.zip", export.zip()))

    [noir] = plan.lists
    assert (noir.name, noir.description) == (
        "Noir & more",
        "<b>Night</b> films\n\nSecond paragraph, with a comma",
    )
    assert noir.created_at == datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert entries(noir) == [
        ("Heat", 1995, 'First paragraph.\n\nSecond, "quoted".'),
        ("Alien", 1979, ""),
        ("Nausicaä of the Valley of the Wind", None, ""),
    ]
    statuses = {movie.title: movie.status for movie in plan.movies}
    assert statuses == {"Heat": WATCHED, "Alien": WANT, "Nausicaä of the Valley of the Wind": WANT}
    # a film only the list names counts as added on the day the list was made
    added = {movie.title: movie.added_on for movie in plan.movies}
    assert added["Alien"] == date(2024, 1, 1)
    assert (plan.summary.lists, plan.summary.list_entries) == (1, 3)


def test_a_letterboxd_lists_films_come_in_the_order_of_their_positions() -> None:
    rows = [["Position", "Name", "Year", "URL", "Description"]]
    rows += [[2, "Alien", 1979, lb_uri("alien"), ""], [1, "Heat", 1995, lb_uri("heat"), ""]]
    body = "\r\n".join(",".join(str(cell) for cell in row) for row in rows)
    listed = (
        "Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n"
        f"2024-01-01,Two,,{lb_uri('two')},\r\n\r\n{body}\r\n"
    ).encode()

    [two] = read_export("two.csv", listed).lists

    assert [entry.title for entry in two.entries] == ["Heat", "Alien"]


def test_unreadable_list_rows_are_skipped_with_their_line_and_the_rest_kept() -> None:
    listed = lb_list_file(("Heat", "1995"), ("", "1990"), ("Alien", "19x9"))
    listed += b"x,Up,2009,https://boxd.it/up,\r\n4,Jaws\r\n"

    plan = read_export("lists/best.csv", listed)

    assert entries(plan.lists[0]) == [("Heat", 1995, "")]
    assert [skip.reason for skip in plan.skipped] == [
        "line 7: the film has no name",
        "line 8: the year '19x9' is not a year",
        "line 9: the position 'x' is not a number",
        "line 10: 2 fields, expected 5",
    ]
    assert {skip.kind for skip in plan.skipped} == {UNREADABLE}


def test_a_list_file_without_its_list_row_is_skipped() -> None:
    cut = b"Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n"

    plan = read_exports([("lists/cut.csv", cut), ("watched.csv", csv_bytes(LB_FILMS, []))])

    assert plan.lists == ()
    assert [(skip.file, skip.reason) for skip in plan.skipped] == [
        ("lists/cut.csv", "a list file without its list")
    ]


def test_the_lists_movie_tracker_writes_for_letterboxd_are_not_read_back() -> None:
    heat = Movie(title="Heat", year=1995, id=1, imdb_id="tt0113277", status=WATCHED)
    kept = MovieList(1, "Noir")
    zipped = letterboxd_zip([heat], [], [(kept, [ListEntry(heat, 1, "the diner")])])
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        listed = archive.read("lists/noir.csv")

    with pytest.raises(UnreadableExport, match="does not read back"):
        read_export("noir.csv", listed)


# -- Trakt -----------------------------------------------------------------------------------

HEAT = trakt_movie("Heat", 1995, "tt0113277", 120)
RAN = trakt_movie("Ran", 1985, "tt0089881", 121)
UP = trakt_movie("Up", 2009, "tt1049413", 122)
ABOUT = {
    "name": "Best of",
    "description": "The best",
    "privacy": "private",
    "item_count": 3,
    "created_at": "2024-03-01T10:00:00.000Z",
    "ids": {"slug": "best-of", "trakt": 77},
}


def test_a_trakt_list_is_named_by_lists_lists_and_keeps_its_rank_order_and_notes() -> None:
    files = {
        "watched-history-1.json": [trakt_play(HEAT, "2024-03-01T20:00:00.000Z")],
        "lists-lists.json": [ABOUT],
        "lists-list-77-best-of.json": [
            trakt_listed(RAN, rank=3, notes="Epic"),
            trakt_listed(HEAT, rank=1, notes=None),
            trakt_listed(trakt_show(), kind="show", rank=2),
        ],
    }

    plan = clean(read_export("trakt.zip", trakt_zip(files)))

    [best] = plan.lists
    assert (best.name, best.description) == ("Best of", "The best")
    assert best.created_at == datetime(2024, 3, 1, 10, tzinfo=timezone.utc)
    assert entries(best) == [("Heat", 1995, ""), ("Ran", 1985, "Epic")]
    assert {m.title: m.status for m in plan.movies} == {"Heat": WATCHED, "Ran": WANT}
    # a film first met in a list counts as added on the day it was put there
    assert {m.title: m.added_on for m in plan.movies}["Ran"] == date(2024, 7, 9)
    assert [skip.reason for skip in plan.skipped] == ["TV show: not a movie"]


def test_a_trakt_list_without_lists_lists_is_named_by_its_slug() -> None:
    plan = read_export(
        "trakt.zip", trakt_zip({"lists-list-9-films-for-sunday.json": [trakt_listed(UP)]})
    )

    assert [kept.name for kept in plan.lists] == ["Films for sunday"]


def test_the_trakt_watchlist_comes_in_the_order_of_its_rank_without_watched_films() -> None:
    files = {
        "watched-history-1.json": [trakt_play(HEAT, "2024-03-01T20:00:00.000Z")],
        "lists-watchlist.json": [
            trakt_listed(UP, rank=3),
            trakt_listed(HEAT, rank=1),
            trakt_listed(RAN, rank=2),
            trakt_listed(trakt_movie("Jaws", 1975, "tt0073195", 9), rank=None),
        ],
    }

    plan = clean(read_export("trakt.zip", trakt_zip(files)))

    assert [entry.title for entry in plan.watchlist] == ["Ran", "Up", "Jaws"]


def test_a_trakt_watchlist_film_counts_as_added_when_listed_or_now_if_that_is_unreadable() -> None:
    files = {
        "lists-watchlist.json": [
            trakt_listed(UP, listed_at="2024-07-09T23:20:02.000Z"),
            trakt_listed(RAN, listed_at="last week"),
        ]
    }

    plan = read_export("trakt.zip", trakt_zip(files), tz=ZoneInfo("Asia/Tokyo"))

    # the day in the person's zone, as for a watch; a time that is not one is no reason
    # to lose the film
    assert {m.title: m.added_on for m in plan.movies} == {"Up": date(2024, 7, 10), "Ran": None}
    assert plan.skipped == ()


def test_a_trakt_list_item_that_is_not_an_item_is_skipped() -> None:
    plan = read_export(
        "trakt.zip",
        trakt_zip({"lists-list-9-x.json": [trakt_listed(UP), {"listed_at": "x", "type": "movie"}]}),
    )

    assert entries(plan.lists[0]) == [("Up", 2009, "")]
    assert [skip.reason for skip in plan.skipped] == ["item 2: not a Trakt item"]


# -- the backup ------------------------------------------------------------------------------


def a_backup(**document: object) -> bytes:
    movies = [
        {"key": 1, "title": "Heat", "year": 1995, "status": "Watched"},
        {"key": 2, "title": "Up", "status": "Want to Watch"},
        {"key": 3, "title": "Ran", "status": "Want to Watch"},
    ]
    content = {"format": "movie-tracker-backup", "version": 4, "movies": movies, **document}
    return json.dumps(content).encode()


def test_a_backup_gives_back_its_lists_and_watchlist_order() -> None:
    lists = [
        {
            "name": "Noir",
            "description": "At night",
            "created_at": "2024-01-01T10:00:00+00:00",
            "entries": [
                {"movie": 3, "note": "Epic", "added_at": "2024-01-02T10:00:00+00:00"},
                {"movie": 1, "note": "", "added_at": None},
            ],
        }
    ]

    plan = clean(read_export("backup.json", a_backup(lists=lists, watchlist=[3, 2, 99])))

    [noir] = plan.lists
    assert (noir.name, noir.description, entries(noir)) == (
        "Noir",
        "At night",
        [("Ran", None, "Epic"), ("Heat", 1995, "")],
    )
    assert [e.source_key for e in noir.entries] == ["backup:3", "backup:1"]
    assert noir.entries[0].added_at == datetime(2024, 1, 2, 10, tzinfo=timezone.utc)
    assert [entry.title for entry in plan.watchlist] == ["Ran", "Up"]


def test_a_backup_list_that_cannot_be_read_or_names_a_film_it_lacks_is_skipped() -> None:
    lists = [{"description": "no name"}, {"name": "Noir", "entries": [{"movie": 8, "note": ""}]}]

    plan = clean(read_export("backup.json", a_backup(lists=lists)))

    assert entries(plan.lists[0]) == []
    assert [skip.reason for skip in plan.skipped] == [
        "list 1: not readable",
        "movie 8 in “Noir”: its film is not imported",
    ]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_backup_from_before_lists_still_reads_its_movies_with_no_lists(version: int) -> None:
    movies = [{"key": 1, "title": "Heat", "year": 1995, "status": "Watched"}]
    content = {"format": "movie-tracker-backup", "version": version, "movies": movies}

    plan = clean(read_export("backup.json", json.dumps(content).encode()))

    assert [movie.title for movie in plan.movies] == ["Heat"]
    assert (plan.lists, plan.watchlist, plan.skipped) == ((), (), ())


def test_a_backup_whose_lists_are_not_a_list_is_damaged() -> None:
    with pytest.raises(UnreadableExport, match="damaged"):
        read_export("backup.json", a_backup(lists={"name": "Noir"}))


# -- cleaning and matching -------------------------------------------------------------------


def film(title: str, status: Status = WATCHED, **fields: object) -> PlannedMovie:
    return PlannedMovie(title=title, status=status, source_key=f"k:{title}", **fields)


def entry(title: str, note: str = "", **fields: object) -> PlannedListEntry:
    return PlannedListEntry(title=title, source_key=f"k:{title}", note=note, **fields)


def test_a_list_with_a_bad_name_or_a_note_too_long_is_skipped_with_its_reason() -> None:
    plan = ImportPlan(
        "letterboxd",
        (film("Heat"),),
        lists=(
            PlannedList("   ", file="lists/x.csv", line=3),
            PlannedList("Noir", entries=(entry("Heat", "x" * 10_001, file="n.csv", line=6),)),
        ),
    )

    cleaned = clean(plan)

    assert [(kept.name, kept.entries) for kept in cleaned.lists] == [("Noir", ())]
    assert [skip.reason for skip in cleaned.skipped] == [
        "line 3: list '   ': Give the list a name, like “Films to watch with Sam”.",
        "line 6: Heat in “Noir”: Shorten the note to 10,000 characters or fewer (it has 10,001).",
    ]


def stored(movie_id: int, title: str, status: Status = WATCHED, **fields: object) -> StoredMovie:
    return StoredMovie(movie_id, title, status, **fields)


def test_a_film_is_found_by_its_key_then_imdb_id_then_title_and_year() -> None:
    films = [
        stored(1, "Heat", year=1995, imdb_id="tt0113277"),
        stored(2, "Heat", year=1995),
        stored(3, "Alien", year=1979, imdb_id="tt0078748"),
        stored(4, "Up", WANT),
    ]
    listed = (
        PlannedListEntry("Anything", source_key="backup:9"),
        PlannedListEntry("HEAT", 1995, imdb_id="tt0113277"),
        PlannedListEntry("Heat", 1995, imdb_id="tt9999999"),  # another film called Heat
        PlannedListEntry("héat", 1995),
        PlannedListEntry("Alien", 1979, imdb_id="tt0000001"),  # Alien has another id
        PlannedListEntry("Missing"),
    )
    plan = ImportPlan("backup", lists=(PlannedList("Noir", entries=listed),))

    [update] = match_lists(plan, films, [], [4], {"backup:9": 4}).updates

    assert [movie_id for movie_id, _, _ in update.entries] == [4, 1, 2]


def test_a_list_named_twice_in_a_file_is_one_list() -> None:
    films = [stored(1, "Heat"), stored(2, "Up", WANT)]
    plan = ImportPlan(
        "letterboxd",
        lists=(
            PlannedList("Noir", "first", (entry("Heat", "a"),)),
            PlannedList("NOIR", "", (entry("Up"), entry("Heat"))),
        ),
    )
    kept = StoredList(5, "noir", "mine", ((2, "up note"),))

    [update] = match_lists(plan, films, [kept], [2], {"k:Heat": 1, "k:Up": 2}).updates

    assert (update.stored, update.name, update.description) == (kept, "noir", "first")
    assert update.entries == ((2, "up note", None), (1, "a", None))
    assert update.added == 1
