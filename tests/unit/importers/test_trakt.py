"""Trakt exports: the official ZIP of JSON files, and its loose JSON files."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from movie_tracker.importers import (
    ALREADY_WATCHED,
    NOT_A_MOVIE,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    UnreadableExport,
    read_export,
    read_exports,
)
from movie_tracker.models import Status
from tests.importer_files import (
    json_bytes,
    trakt_episode_play,
    trakt_listed,
    trakt_movie,
    trakt_play,
    trakt_rating,
    trakt_show,
    trakt_watched,
    trakt_zip,
)

HEAT = trakt_movie("Heat", 1995, "tt0113277", 120)
RAN = trakt_movie("Ran", 1985, "tt0089881", 121)


def read(files: dict[str, Any], **options: Any) -> ImportPlan:
    return read_export("trakt-export.zip", trakt_zip(files), **options)


def test_every_history_item_is_a_watch_rewatches_included() -> None:
    plan = read(
        {
            "watched-history-1.json": [
                trakt_play(HEAT, "2024-03-01T20:00:00.000Z"),
                trakt_play(HEAT, "2014-04-05T15:27:00.000Z"),
                trakt_play(RAN, "2020-01-01T12:00:00.000Z"),
            ]
        }
    )

    assert plan.source == "trakt"
    heat, ran = plan.movies
    assert (heat.title, heat.year, heat.imdb_id, heat.status) == (
        "Heat",
        1995,
        "tt0113277",
        Status.WATCHED,
    )
    assert heat.source_key == "heat"
    assert [w.watched_on for w in heat.watches] == [date(2014, 4, 5), date(2024, 3, 1)]
    assert heat.watches[0].file == "watched-history-1.json"
    assert len(ran.watches) == 1
    assert plan.summary.watches == 3


def test_history_pages_are_all_read_in_number_order() -> None:
    pages = {
        f"watched-history-{n}.json": [trakt_play(HEAT, f"2020-01-{n:02d}T12:00:00.000Z")]
        for n in (10, 2, 1)
    }

    plan = read(pages)

    assert [w.watched_on.day for w in plan.movies[0].watches if w.watched_on] == [1, 2, 10]
    assert [w.file for w in plan.movies[0].watches] == [
        "watched-history-1.json",
        "watched-history-2.json",
        "watched-history-10.json",
    ]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (None, date(2024, 1, 2)),
        (timezone.utc, date(2024, 1, 2)),
        (ZoneInfo("America/New_York"), date(2024, 1, 1)),
        (timezone(timedelta(hours=-5)), date(2024, 1, 1)),
    ],
)
def test_a_utc_time_near_midnight_becomes_the_date_in_the_zone_given(
    zone: Any, expected: date
) -> None:
    plan = read({"watched-history-1.json": [trakt_play(HEAT, "2024-01-02T03:30:00.000Z")]}, tz=zone)

    assert plan.movies[0].watches[0].watched_on == expected


def test_a_late_evening_time_stays_on_its_day_in_utc_and_moves_on_east_of_it() -> None:
    history = {"watched-history-1.json": [trakt_play(HEAT, "2023-12-31T23:59:59.000Z")]}

    assert read(history).movies[0].watches[0].watched_on == date(2023, 12, 31)
    tokyo = read(history, tz=ZoneInfo("Asia/Tokyo"))
    assert tokyo.movies[0].watches[0].watched_on == date(2024, 1, 1)


def test_a_time_without_a_zone_is_read_as_utc() -> None:
    plan = read({"watched-history-1.json": [trakt_play(HEAT, "2024-01-02T03:30:00")]})

    assert plan.movies[0].watches[0].watched_on == date(2024, 1, 2)


@pytest.mark.parametrize("rating", range(1, 11))
def test_ratings_from_1_to_10_become_half_stars(rating: int) -> None:
    plan = read({"ratings-movies.json": [trakt_rating(HEAT, rating, "2024-01-02T03:30:00.000Z")]})

    (movie,) = plan.movies
    assert movie.rating == rating / 2
    assert movie.status is Status.WATCHED
    assert movie.added_on == date(2024, 1, 2)


@pytest.mark.parametrize("rating", [0, 11, 7.5, "8", None, True])
def test_a_rating_that_is_not_1_to_10_is_reported(rating: object) -> None:
    plan = read({"ratings-movies.json": [trakt_rating(HEAT, rating, "2024-01-02T03:30:00.000Z")]})

    assert plan.movies == ()
    assert [(s.file, s.kind) for s in plan.skipped] == [("ratings-movies.json", UNREADABLE)]
    assert plan.skipped[0].reason == (
        f"item 1: the rating {rating!r} is not a whole number from 1 to 10"
    )


def test_the_watchlist_is_want_to_watch_and_watched_wins() -> None:
    plan = read(
        {
            "watched-history-1.json": [trakt_play(HEAT, "2024-03-01T20:00:00.000Z")],
            "lists-watchlist.json": [trakt_listed(HEAT), trakt_listed(RAN)],
        }
    )

    assert [(m.title, m.status) for m in plan.movies] == [
        ("Heat", Status.WATCHED),
        ("Ran", Status.WANT_TO_WATCH),
    ]
    assert [(s.reason, s.kind) for s in plan.skipped] == [
        ("Heat: already watched, and watched wins", ALREADY_WATCHED)
    ]
    assert plan.summary.watchlist == 1


def test_shows_and_episodes_are_skipped_and_counted() -> None:
    plan = read(
        {
            "watched-history-1.json": [
                trakt_episode_play("2024-03-01T20:00:00.000Z"),
                trakt_play(HEAT, "2024-03-01T20:00:00.000Z"),
            ],
            "lists-watchlist.json": [trakt_listed(trakt_show(), kind="show")],
            "ratings-seasons.json": [
                {"rated_at": "2024-01-01T00:00:00.000Z", "rating": 8, "type": "season"}
            ],
            "ratings-custom.json": [
                {"rated_at": "2024-01-01T00:00:00.000Z", "rating": 8, "type": "person"}
            ],
        }
    )

    assert [m.title for m in plan.movies] == ["Heat"]
    assert [s.reason for s in plan.skipped] == [
        "TV episode: not a movie",
        "person: not a movie",
        "TV season: not a movie",
        "TV show: not a movie",
    ]
    assert plan.summary.skipped == ((NOT_A_MOVIE, 4),)


def test_watched_movies_alone_give_the_last_watch_and_history_overrides_it() -> None:
    aggregate = [trakt_watched(HEAT, "2024-05-05T10:00:00.000Z", plays=3)]

    alone = read({"watched-movies.json": aggregate})
    both = read(
        {
            "watched-movies.json": aggregate,
            "watched-history-1.json": [
                trakt_play(HEAT, "2020-01-01T10:00:00.000Z"),
                trakt_play(HEAT, "2024-05-05T10:00:00.000Z"),
            ],
        }
    )

    assert [w.watched_on for w in alone.movies[0].watches] == [date(2024, 5, 5)]
    assert [w.watched_on for w in both.movies[0].watches] == [date(2020, 1, 1), date(2024, 5, 5)]


def test_a_watched_movies_item_without_its_play_count_is_still_the_last_watch() -> None:
    # As neodb's test export writes watched-movies.json: last_watched_at, no "plays".
    item = trakt_watched(HEAT, "2023-06-01T12:00:00.000Z")
    del item["plays"]

    plan = read({"watched-movies.json": [item]})

    assert plan.skipped == ()
    assert [(m.title, m.status) for m in plan.movies] == [("Heat", Status.WATCHED)]
    assert [w.watched_on for w in plan.movies[0].watches] == [date(2023, 6, 1)]


def test_a_rated_film_is_watched_with_its_rating_and_no_watch() -> None:
    plan = read({"ratings-movies.json": [trakt_rating(RAN, 9, "2024-01-15T10:30:00.000Z")]})

    (ran,) = plan.movies
    assert (ran.status, ran.rating, ran.watches) == (Status.WATCHED, 4.5, ())


def test_favorites_comments_collections_profile_are_not_imported() -> None:
    plan = read(
        {
            "watched-history-1.json": [trakt_play(HEAT, "2024-03-01T20:00:00.000Z")],
            "lists-favorites.json": [trakt_listed(RAN)],
            "comments-movies.json": [{"comment": {"comment": "Nice"}, "type": "movie"}],
            "collection-movies.json": [{"collected_at": "2020-01-01T00:00:00.000Z", "movie": RAN}],
            "user-profile.json": {"username": "someone", "vip": False},
            "ratings-episodes.json": [],
            "notes.json": [{"unknown": True}],
        }
    )

    assert [m.title for m in plan.movies] == ["Heat"]
    assert [(s.file, s.reason) for s in plan.skipped] == [
        ("collection-movies.json", "not imported"),
        ("comments-movies.json", "not imported"),
        ("lists-favorites.json", "favorites are not imported"),
        ("notes.json", "not a Trakt export file"),
        ("user-profile.json", "not imported"),
    ]
    assert plan.summary.skipped == ((NOT_IMPORTED, 5),)


def test_files_are_matched_on_their_basename_in_folders_and_loose() -> None:
    files = {
        "watched/watched-movies.json": [trakt_watched(HEAT, "2024-05-05T10:00:00.000Z")],
        "lists/watchlist.json": [trakt_listed(RAN)],
        "lists/list-35780117-projector.json": [trakt_listed(RAN, my_rating=None)],
    }

    zipped = read(files)
    loose = read_exports([(name, json_bytes(items)) for name, items in files.items()])

    for plan in (zipped, loose):
        assert [(m.title, m.status) for m in plan.movies] == [
            ("Heat", Status.WATCHED),
            ("Ran", Status.WANT_TO_WATCH),
        ]


def test_a_loose_list_file_is_the_watchlist_unless_its_items_carry_my_rating() -> None:
    watchlist = json_bytes([trakt_listed(RAN)])
    custom = json_bytes([trakt_listed(RAN, my_rating=8)])

    assert read_export("upload.json", watchlist).movies[0].status is Status.WANT_TO_WATCH
    assert read_export("upload.json", watchlist).lists == ()
    [kept] = read_export("upload.json", custom).lists
    assert (kept.name, [entry.title for entry in kept.entries]) == ("Upload", ["Ran"])


def test_within_the_file_movies_match_by_imdb_id_else_trakt_id_else_title_and_year() -> None:
    no_imdb = trakt_movie("Amélie", None, None, 7)
    no_ids = trakt_movie("Le Samouraï", 1967, None, None)
    plan = read(
        {
            "watched-history-1.json": [
                trakt_play(trakt_movie("Heat", 1995, "tt0113277", 1), "2020-01-01T10:00:00.000Z"),
                trakt_play(no_imdb, "2020-01-01T10:00:00.000Z"),
                trakt_play(no_ids, "2020-01-01T10:00:00.000Z"),
            ],
            "ratings-movies.json": [
                trakt_rating(
                    trakt_movie("HEAT", 1995, "tt0113277", 999), 8, "2020-01-01T10:00:00Z"
                ),
                trakt_rating(no_imdb, 6, "2020-01-01T10:00:00Z"),
                trakt_rating(trakt_movie("LE SAMOURAI", 1967, None, None), 10, "2020-01-01T10:00Z"),
            ],
        }
    )

    assert [(m.title, m.year, m.imdb_id, m.rating) for m in plan.movies] == [
        ("Heat", 1995, "tt0113277", 4.0),
        ("Amélie", None, None, 3.0),
        ("Le Samouraï", 1967, None, 5.0),
    ]
    assert plan.movies[2].source_key == "le-samouraï"


def test_titles_keep_non_ascii_and_no_break_spaces() -> None:
    title = "A Quiet Place:\u00a0Day One"
    plan = read({"lists-watchlist.json": [trakt_listed(trakt_movie(title, None))]})

    assert plan.movies[0].title == title
    assert plan.movies[0].year is None


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (trakt_play(trakt_movie(""), "2020-01-01T10:00:00.000Z"), "item 1: the movie has no title"),
        (trakt_play(HEAT, "yesterday"), "item 1: the time 'yesterday' is not a timestamp"),
        (trakt_play(HEAT, 1577872800), "item 1: the time 1577872800 is not a timestamp"),
        ({"watched_at": "2020-01-01T10:00:00Z", "type": "movie"}, "item 1: not a Trakt item"),
    ],
)
def test_an_item_that_cannot_be_read_is_reported_and_the_rest_imported(
    item: dict[str, Any], reason: str
) -> None:
    plan = read({"watched-history-1.json": [item, trakt_play(RAN, "2020-01-01T10:00:00.000Z")]})

    assert [m.title for m in plan.movies] == ["Ran"]
    assert [(s.file, s.line, s.reason, s.kind) for s in plan.skipped] == [
        ("watched-history-1.json", None, reason, UNREADABLE)
    ]


def test_an_item_without_a_type_is_a_movie_when_it_holds_one() -> None:
    item = trakt_play(HEAT, "2020-01-01T10:00:00.000Z")
    del item["type"]
    show = {"watched_at": "2020-01-01T10:00:00.000Z", "show": trakt_show()}

    plan = read({"watched-history-1.json": [item, show]})

    assert [m.title for m in plan.movies] == ["Heat"]
    assert [s.reason for s in plan.skipped] == ["TV show: not a movie"]


def test_a_json_array_of_other_things_is_not_trakt() -> None:
    plan = read(
        {
            "watched-history-1.json": [trakt_play(HEAT, "2020-01-01T10:00:00.000Z")],
            "numbers.json": [1, 2],
        }
    )

    assert [s.reason for s in plan.skipped] == ["not a Trakt export file"]


def test_json_nested_too_deep_is_not_an_export_and_odd_names_still_sort() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000

    with pytest.raises(UnreadableExport, match="is not an export the app can read"):
        read_export("deep.json", deep)
    plan = read({"watched-history-1.json": [trakt_play(HEAT, "2020-01-01T10:00:00Z")], "²": []})
    assert len(plan.movies) == 1
