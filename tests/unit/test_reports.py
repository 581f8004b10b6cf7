from datetime import date

from movie_tracker.models import Movie, Status, Watch
from movie_tracker.reports import (
    DiaryMoment,
    DiaryStatistics,
    Statistics,
    StatusCounts,
    YearInReview,
    busiest_month,
    decade_counts,
    genre_counts,
    month_counts,
    rating_distribution,
    top_names,
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


def test_rating_distribution_fills_every_half_star():
    assert rating_distribution([(4.5, 2), (1.0, 1)]) == (
        (0.5, 0),
        (1.0, 1),
        (1.5, 0),
        (2.0, 0),
        (2.5, 0),
        (3.0, 0),
        (3.5, 0),
        (4.0, 0),
        (4.5, 2),
        (5.0, 0),
    )
    assert rating_distribution([]) == tuple((stars / 2, 0) for stars in range(1, 11))


def test_top_names_split_lists_and_keep_the_ten_most_watched():
    rows = [(f"Director {n:02d}", n) for n in range(1, 13)]
    rows += [("Joel Coen, Ethan Coen", 20), (None, 50)]
    top = top_names(rows)
    assert top[:2] == (("Ethan Coen", 20), ("Joel Coen", 20))
    assert len(top) == 10
    assert top[-1] == ("Director 05", 5)
    assert "Unknown" not in dict(top)
    assert top_names([("A", 1), ("B", 2)], top=1) == (("B", 2),)


def test_busiest_month_is_the_earliest_of_a_tie():
    assert busiest_month([("2026-01", 2), ("2026-03", 4), ("2026-02", 4)]) == ("2026-02", 4)
    assert busiest_month([]) is None


def test_diary_statistics_hours_rated_movies_and_empty():
    stats = DiaryStatistics(
        watches=1,
        minutes_watched=125,
        rating_distribution=rating_distribution([(4.5, 2), (1.0, 1)]),
    )
    assert (stats.hours_watched, stats.rated_movies, stats.is_empty) == (2.1, 3, False)
    assert DiaryStatistics().is_empty


def test_year_in_review_hours_and_empty():
    assert YearInReview(2026).is_empty
    review = YearInReview(2026, films=1, watches=2, minutes_watched=340)
    assert (review.is_empty, review.hours_watched) == (False, 5.7)


def test_a_diary_moment_names_the_movie_of_a_watch():
    watch = Watch(3, date(2026, 1, 2), movie=Movie(title="Heat", year=1995, id=3))
    assert DiaryMoment.of(watch) == DiaryMoment(date(2026, 1, 2), 3, "Heat (1995)")
    assert DiaryMoment.of(Watch(4)) == DiaryMoment(None, 4, "")
