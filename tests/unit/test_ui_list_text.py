"""The sentences of lists: a list's sums, the Activity's lines for list changes and the
watchlist's order, and what an import does to lists."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from movie_tracker.importers import ImportPlan
from movie_tracker.models import LibraryEvent, MovieList
from movie_tracker.service import ImportPreview, ImportResult
from movie_tracker.ui import import_text, list_text
from movie_tracker.ui.text import describe_event

NOW = datetime(2026, 12, 10, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 min"), (45, "45 min"), (120, "2 h"), (1215, "20 h 15 min")]
)
def test_a_runtime_reads_in_hours_and_minutes(minutes, text):
    assert list_text.runtime_total(minutes) == text


@pytest.mark.parametrize(
    ("kept", "text"),
    [
        (MovieList(1, "Empty"), "0 films · 0 watched"),
        (
            MovieList(1, "One", films=1, watched=1, runtime_minutes=170),
            "1 film · 1 watched · 2 h 50 min",
        ),
        (
            MovieList(1, "Many", films=1200, watched=3, runtime_minutes=90, without_runtime=1),
            "1,200 films · 3 watched · 1 h 30 min (1 film without a runtime)",
        ),
    ],
)
def test_a_list_sums_up_its_films(kept, text):
    assert list_text.list_summary(kept) == text


def event(name: str, **fields: object) -> LibraryEvent:
    return LibraryEvent(1, name, NOW - timedelta(minutes=3), **fields)  # type: ignore[arg-type]


NOIR = {"list_name": "Noir"}
HEAT = {"list_name": "Noir", "title": "Heat"}


@pytest.mark.parametrize(
    ("name", "fields", "text"),
    [
        ("list.created", NOIR, "Made the list “Noir”"),
        ("list.renamed", {"list_name": "Night", "previous_name": "Noir"},
         "Renamed the list “Noir” to “Night”"),
        ("list.described", NOIR, "Changed the description of “Noir”"),
        ("list.deleted", NOIR, "Deleted the list “Noir”"),
        ("list.film_added", HEAT | {"year": 1995}, "Added Heat (1995) to “Noir”"),
        ("list.film_removed", HEAT, "Took Heat out of “Noir”"),
        ("list.note_changed", HEAT, "Changed the note on Heat in “Noir”"),
        ("list.reordered", HEAT | {"position": 2}, "Moved Heat to number 2 in “Noir”"),
        ("watchlist.reordered", {"title": "Up", "position": 1},
         "Moved Up to number 1 in your watchlist's order"),
        ("list.created", {}, "Made the list “a list”"),
    ],
)  # fmt: skip
def test_each_list_change_reads_as_a_line_of_the_activity(name, fields, text):
    assert describe_event(event(name, **fields), NOW) == f"{text}, 3 minutes ago"


def test_an_import_that_brought_lists_says_how_many():
    counts = (
        ("movies_added", 2),
        ("lists_added", 3),
        ("lists_updated", 1),
        ("list_entries_added", 40),
    )
    line = describe_event(event("import.completed", source="letterboxd", counts=counts), NOW)

    assert line == (
        "Imported a Letterboxd export: 2 movies added, 3 lists added, 1 list updated, "
        "40 list entries added, 3 minutes ago"
    )


def preview(**counts: object) -> ImportPreview:
    base = dict.fromkeys(
        ("movies_to_add", "movies_to_update", "movies_unchanged", "watches_to_add",
         "ratings_to_add", "reviews_to_add", "watchlist_to_add"), 0,
    )  # fmt: skip
    return ImportPreview(
        "trakt", ("t.zip",), skipped=(), plan=ImportPlan("trakt"), **(base | counts)
    )


def test_the_preview_says_what_an_import_does_to_lists():
    assert list_text.lists_preview(preview()) is None
    assert list_text.lists_preview(
        preview(lists_to_add=2, lists_to_update=1, list_entries_to_add=1, films_only_in_lists=1)
    ) == (
        "Lists: 2 new lists, and 1 list you already have by name updated (never doubled); "
        "1 film put in them. 1 film only a list names come in as Want to Watch."
    )
    assert list_text.lists_preview(preview(reorders_watchlist=True)) == (
        "Your watchlist takes the order this file gives it, its films first."
    )
    assert preview(reorders_watchlist=True).has_changes
    assert not preview().has_changes


def test_the_message_after_an_import_counts_its_lists():
    result = ImportResult("trakt", 1, 0, 0, 0, 0, 0, 0, 0, lists_added=2, list_entries_added=5)

    assert import_text.imported_message(result).endswith(
        "and 0 watchlist entries added. 2 lists made and 0 updated, with 5 films put in them."
    )
    assert list_text.lists_imported(ImportResult("trakt", 1, 0, 0, 0, 0, 0, 0, 0)) == ""


def test_a_films_place_and_its_lists_read_plainly():
    assert list_text.watchlist_place(3, 1200) == "Number 3 of 1,200 in your watchlist's order."
    assert list_text.in_lists([]) == "Not in any of your lists yet."
    assert list_text.in_lists(["Noir", "Best"]) == "In your lists: “Noir”, “Best”."
