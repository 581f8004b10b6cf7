"""Movie Tracker's own backup read back: version 3 with each watch's precision, version 2
with its keys, markers and history (every watch to the day), and version 1 as before."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from movie_tracker.importers import UNREADABLE, PlannedEvent, UnreadableExport, read_export
from movie_tracker.models import EventRecord, Status


def backup(version: int = 2, **document: object) -> bytes:
    return json.dumps({"format": "movie-tracker-backup", "version": version, **document}).encode()


HEAT = {
    "key": 7,
    "title": "Heat",
    "status": "Want to Watch",
    "details_checked_on": "2025-02-03",
    "watches": [
        {"key": 3, "watched_on": "2024-01-01", "rating": 4.0, "seen_before": True},
        {"key": 4, "watched_on": None},
    ],
}


def test_a_version_2_backup_gives_its_movies_watches_markers_and_history():
    events = [
        {"ts": "2024-01-02T03:04:05+00:00", "name": "movie.added", "movie": 7, "watch": None,
         "title": "Heat", "status": "Want to Watch", "details": {"year": None}},
        {"ts": "2024-01-03T00:00:00+00:00", "name": "watch.logged", "movie": 7, "watch": 3,
         "title": "Heat", "status": None, "details": {"rating": 4.0}},
        {"ts": "2024-01-04T00:00:00", "name": "movie.deleted", "movie": None, "title": "Gone"},
    ]  # fmt: skip

    plan = read_export("backup.json", backup(movies=[HEAT], events=events))

    (heat,) = plan.movies
    assert (heat.status, heat.details_checked_on, heat.source_key) == (
        Status.WANT_TO_WATCH,
        date(2025, 2, 3),
        "backup:7",
    )
    assert [(w.rewatch, w.source_key) for w in heat.watches] == [
        (True, "backup:watch 3"),
        (False, "backup:watch 4"),
    ]
    assert plan.events == (
        PlannedEvent(
            datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            "movie.added",
            "Heat",
            "Want to Watch",
            {"year": None},
            movie_key="backup:7",
        ),
        PlannedEvent(
            datetime(2024, 1, 3, tzinfo=timezone.utc),
            "watch.logged",
            "Heat",
            None,
            {"rating": 4.0},
            movie_key="backup:7",
            watch_key="backup:watch 3",
        ),
        PlannedEvent(datetime(2024, 1, 4, tzinfo=timezone.utc), "movie.deleted", "Gone"),
    )
    assert plan.skipped == ()


def test_a_version_1_backup_still_reads_its_movies_by_their_place():
    plan = read_export(
        "backup.json",
        backup(
            1, movies=[{"title": "Up", "status": "Watched"}, {"title": "Ran", "status": "Watched"}]
        ),
    )

    assert [(m.title, m.source_key, m.details_checked_on) for m in plan.movies] == [
        ("Up", "backup:1", None),
        ("Ran", "backup:2", None),
    ]
    assert plan.events == ()


@pytest.mark.parametrize(
    "event",
    [
        {"ts": "2024-01-02T03:04:05+00:00", "name": "omdb.request"},  # not a library change
        {"ts": "2024-01-02T03:04:05+00:00", "name": "made.up"},
        {"ts": "yesterday", "name": "movie.added"},
        {"ts": None, "name": "movie.added"},
        {"name": "movie.added"},
        {"ts": "2024-01-02T03:04:05+00:00", "name": ["movie.added"]},
        {"ts": "2024-01-02T03:04:05+00:00", "name": "movie.added", "details": ["x"]},
        {"ts": "2024-01-02T03:04:05+00:00", "name": "movie.added", "movie": "7"},
        {"ts": "2024-01-02T03:04:05+00:00", "name": "movie.added", "title": 7},
        "not an event",
    ],
)
def test_an_event_that_cannot_be_read_is_skipped_with_its_place_and_the_rest_kept(event):
    good = {"ts": "2024-01-02T03:04:05+00:00", "name": "movie.added", "title": "Heat"}

    plan = read_export("backup.json", backup(movies=[HEAT], events=[good, event]))

    assert [e.name for e in plan.events] == ["movie.added"]
    assert [(s.file, s.line, s.kind) for s in plan.skipped] == [("backup.json", None, UNREADABLE)]
    assert plan.skipped[0].reason.startswith("event 2: ")


def test_a_watch_whose_rewatch_mark_is_not_true_or_false_skips_its_movie():
    odd = {**HEAT, "watches": [{"watched_on": "2024-01-01", "seen_before": "yes"}]}

    plan = read_export("backup.json", backup(movies=[odd]))

    assert plan.movies == ()
    assert [s.reason for s in plan.skipped] == ["movie 1: 'yes' is not true or false"]


@pytest.mark.parametrize("version", [5, "2", None])
def test_a_backup_of_a_version_this_app_does_not_know_is_refused(version):
    with pytest.raises(UnreadableExport, match="newer version"):
        read_export("backup.json", backup(version, movies=[]))


def test_a_version_3_backup_keeps_a_watch_dated_to_a_month_or_a_year():
    watches = [
        {"key": 1, "watched_on": "2015-03-31", "precision": "month"},
        {"key": 2, "watched_on": "2015-12-31", "precision": "year"},
        {"key": 3, "watched_on": "2015-03-14", "precision": "day"},
        {"key": 4, "watched_on": "2015-03-14"},  # version 2 wrote none: to the day
    ]
    plan = read_export("backup.json", backup(3, movies=[{**HEAT, "watches": watches}]))

    dates = [(w.watched_on, w.precision.value) for w in plan.movies[0].watches]
    assert dates == [
        (date(2015, 3, 31), "month"),
        (date(2015, 12, 31), "year"),
        (date(2015, 3, 14), "day"),
        (date(2015, 3, 14), "day"),
    ]


def test_a_watch_of_an_unknown_precision_skips_its_movie():
    odd = {**HEAT, "watches": [{"watched_on": "2015-03-31", "precision": "week"}]}

    plan = read_export("backup.json", backup(3, movies=[odd]))

    assert plan.movies == ()
    assert [s.reason for s in plan.skipped] == [
        'movie 1: A date is to the "day", "month" or "year", not "week".'
    ]


def test_a_history_that_is_not_a_list_is_a_damaged_backup():
    with pytest.raises(UnreadableExport, match="damaged"):
        read_export("backup.json", backup(movies=[], events={"a": 1}))


def test_a_restored_event_takes_the_new_ids_of_only_what_it_names():
    moment = datetime(2024, 1, 2, tzinfo=timezone.utc)
    deleted = PlannedEvent(moment, "movie.deleted", "Gone", "Watched", {"year": 1990})
    logged = replace(deleted, name="watch.logged", movie_key="backup:1", watch_key="backup:watch 2")
    # a version 1 backup's watches have no key: "" must not stand for "no watch"
    movie_ids, watch_ids = {"backup:1": 6, "": 5}, {"backup:watch 2": 8, "": 9}

    assert deleted.restored(movie_ids, watch_ids) == EventRecord(
        moment, "movie.deleted", None, "Gone", "Watched", {"year": 1990}
    )
    assert logged.restored(movie_ids, watch_ids) == EventRecord(
        moment, "watch.logged", 6, "Gone", "Watched", {"movie_id": 6, "year": 1990, "watch_id": 8}
    )
