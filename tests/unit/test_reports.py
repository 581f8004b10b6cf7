from movie_tracker.models import Status
from movie_tracker.reports import (
    Statistics,
    StatusCounts,
    decade_counts,
    genre_counts,
    month_counts,
)


def test_status_counts_total_and_from_mapping():
    counts = StatusCounts.from_mapping({Status.WATCHED: 3, Status.WANT_TO_WATCH: 2})
    assert (counts.watched, counts.want_to_watch, counts.total) == (3, 2, 5)
    assert StatusCounts.from_mapping({}).total == 0


def test_genre_lists_are_split_so_each_movie_counts_once_per_genre():
    rows = [("Crime, Drama", 2), ("Drama", 3), ("Drama, Drama", 1), (None, 1), ("", 1)]
    assert genre_counts(rows) == (("Drama", 6), ("Crime", 2), ("Unknown", 2))


def test_genre_ties_are_alphabetical():
    assert genre_counts([("Horror", 1), ("Action", 1)]) == (("Action", 1), ("Horror", 1))


def test_decades_oldest_first_and_unknown_last():
    assert decade_counts([(1990, 2), (None, 4), (1970, 1)]) == (
        ("1970s", 1),
        ("1990s", 2),
        ("Unknown", 4),
    )
    assert decade_counts(iter([(2000, 1)])) == (("2000s", 1),)


def test_months_are_in_order_with_gaps_filled_across_a_new_year():
    assert month_counts([("2027-02", 1), ("2026-11", 2)]) == (
        ("2026-11", 2),
        ("2026-12", 0),
        ("2027-01", 0),
        ("2027-02", 1),
    )
    assert month_counts([]) == ()


def test_months_that_are_not_months_are_left_out():
    assert month_counts([("last tu", 1), ("", 2), (None, 1), ("2026-13", 1), ("2026-11", 3)]) == (
        ("2026-11", 3),
    )


def test_statistics_is_empty_only_without_movies():
    assert Statistics(StatusCounts()).is_empty
    assert not Statistics(StatusCounts(watched=1)).is_empty
