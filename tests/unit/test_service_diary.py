"""The diary through the service: validation, rewatches, ratings, edits and statistics,
over the in-memory library."""

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, Status, ValidationError
from movie_tracker.reports import DiaryMoment, RatedMovie
from movie_tracker.service import (
    NOT_GIVEN,
    MovieService,
    UnknownMovieError,
    UnknownWatchError,
    merge_details,
    runtime_minutes,
)
from tests.factories import MovieDetailsFactory, WatchFactory

TODAY = "2026-11-25 12:00:00"


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


@pytest.fixture
def heat(library) -> Movie:
    return library.add_movie(
        Movie(title="Heat", year=1995, director="Michael Mann", genre="Crime, Drama")
    )


def unchanged(library):
    """What a refused change must leave exactly as it was."""
    return (dict(library.movies), dict(library.watches), len(library.events))


# -- log_watch ---------------------------------------------------------------------------


@freeze_time(TODAY)
def test_log_watch_cleans_its_input_and_returns_the_watch(service, heat):
    watch = service.log_watch(heat.id, "2026-11-20", "3.5", "  Tense.\r\nLoved it. ", "a, b, a")

    assert (watch.watched_on, watch.rating) == (date(2026, 11, 20), 3.5)
    assert (watch.review, watch.tags, watch.rewatch) == ("Tense.\nLoved it.", ("a", "b"), False)
    assert service.watches(heat.id) == [watch]
    assert service.get_movie(heat.id).status is Status.WATCHED


@freeze_time(TODAY)
def test_log_watch_without_a_date_or_rating(service, heat):
    watch = service.log_watch(heat.id)
    assert (watch.watched_on, watch.rating, watch.review, watch.tags) == (None, None, "", ())


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 5.5}, "rating"),
        ({"rating": 2.3}, "rating"),
        ({"rating": "abc"}, "rating"),
        ({"watched_on": "2026-11-26"}, "watched_on"),
        ({"watched_on": date(1869, 12, 31)}, "watched_on"),
        ({"watched_on": "yesterday"}, "watched_on"),
        ({"review": "x" * 10_001}, "review"),
        ({"review": "bad\x00byte"}, "review"),
        ({"review": "bell\x07"}, "review"),
        ({"tags": [f"tag{n}" for n in range(21)]}, "tags"),
        ({"tags": ["x" * 51]}, "tags"),
    ],
)
def test_bad_watch_input_names_the_field_and_changes_nothing(service, library, heat, fields, field):
    before = unchanged(library)

    with pytest.raises(ValidationError) as caught:
        service.log_watch(heat.id, **fields)

    assert caught.value.field == field
    assert unchanged(library) == before
    assert service.get_movie(heat.id).status is Status.WANT_TO_WATCH


@freeze_time(TODAY)
def test_limits_themselves_are_allowed(service, heat):
    watch = service.log_watch(
        heat.id,
        watched_on="2026-11-25",
        rating=5,
        review="line\n\ttab" + "x" * 9_991,
        tags=[f"t{n}" for n in range(19)] + ["y" * 50],
    )
    assert (watch.rating, len(watch.review), len(watch.tags)) == (5.0, 10_000, 20)
    assert service.log_watch(heat.id, "1870-01-01", 0.5).rating == 0.5


def test_log_watch_of_an_unknown_movie_is_a_clear_error(service, library):
    with pytest.raises(UnknownMovieError, match="No movie with id 99"):
        service.log_watch(99)
    assert library.watches == {}


# -- rewatches ---------------------------------------------------------------------------


@freeze_time(TODAY)
def test_a_watch_is_a_rewatch_when_the_movie_has_an_earlier_one(service, heat):
    later = service.log_watch(heat.id, "2026-06-01")
    earlier = service.log_watch(heat.id, "2026-01-01")
    same_day = service.log_watch(heat.id, "2026-01-01")

    rewatch = {w.id: w.rewatch for w in service.watches(heat.id)}
    assert rewatch == {earlier.id: False, same_day.id: True, later.id: True}


@freeze_time(TODAY)
def test_deleting_or_redating_the_first_watch_recomputes_rewatches(service, heat):
    first = service.log_watch(heat.id, "2026-01-01")
    second = service.log_watch(heat.id, "2026-06-01")

    service.update_watch(first.id, watched_on="2026-07-01")
    assert service.get_watch(second.id).rewatch is False
    assert service.get_watch(first.id).rewatch is True

    service.delete_watch(second.id)
    assert service.get_watch(first.id).rewatch is False


@freeze_time(TODAY)
def test_an_undated_watch_counts_as_the_earliest(service, heat):
    dated = service.log_watch(heat.id, "2026-01-01")
    undated = service.log_watch(heat.id)
    assert service.get_watch(undated.id).rewatch is False
    assert service.get_watch(dated.id).rewatch is True


# -- update_watch and delete_watch -------------------------------------------------------


@freeze_time(TODAY)
def test_update_watch_changes_only_the_fields_given(service, heat):
    watch = service.log_watch(heat.id, "2026-11-20", 3, "Good", ["a"])

    assert service.update_watch(watch.id, rating=4.5).rating == 4.5
    updated = service.update_watch(watch.id, review=" Better ", tags="b,c")
    assert (updated.watched_on, updated.rating) == (date(2026, 11, 20), 4.5)
    assert (updated.review, updated.tags) == ("Better", ("b", "c"))
    cleared = service.update_watch(watch.id, watched_on=None, rating=None)
    assert (cleared.watched_on, cleared.rating, cleared.review) == (None, None, "Better")
    assert service.update_watch(watch.id) == cleared


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": 5.5}, "rating"),
        ({"watched_on": "2027-01-01"}, "watched_on"),
        ({"review": "\x1b[31m"}, "review"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"rating": 4, "tags": ["x" * 51]}, "tags"),
    ],
)
def test_bad_update_changes_nothing(service, library, heat, fields, field):
    watch = service.log_watch(heat.id, "2026-11-20", 3)
    before = unchanged(library)

    with pytest.raises(ValidationError) as caught:
        service.update_watch(watch.id, **fields)

    assert caught.value.field == field
    assert unchanged(library) == before


def test_unknown_watches_are_a_clear_error(service, heat):
    watch = service.log_watch(heat.id)
    assert service.delete_watch(watch.id) == watch
    for action in (
        lambda: service.delete_watch(watch.id),
        lambda: service.update_watch(watch.id, rating=3),
        lambda: service.update_watch(watch.id),
        lambda: service.get_watch(watch.id),
    ):
        with pytest.raises(UnknownWatchError, match="may have just been deleted") as caught:
            action()
        assert caught.value.watch_id == watch.id
        assert "Reload" in str(caught.value)


def test_not_given_says_so():
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


# -- rate_movie and edit_movie -----------------------------------------------------------


def test_rate_movie_in_half_stars_and_clear(service, heat):
    assert service.rate_movie(heat.id, "4.5").rating == 4.5
    assert service.get_movie(heat.id).rating == 4.5
    assert service.rate_movie(heat.id, None).rating is None
    assert service.rate_movie(heat.id, "").rating is None


@pytest.mark.parametrize("stars", [0, 5.5, 2.3, "abc", -1, True])
def test_a_bad_rating_is_refused_and_changes_nothing(service, library, heat, stars):
    service.rate_movie(heat.id, 3)
    before = unchanged(library)
    with pytest.raises(ValidationError) as caught:
        service.rate_movie(heat.id, stars)
    assert caught.value.field == "rating"
    assert unchanged(library) == before


def test_rating_an_unknown_movie_is_a_clear_error(service):
    with pytest.raises(UnknownMovieError):
        service.rate_movie(99, 3)


def test_edit_movie_changes_only_the_fields_given(service, heat):
    edited = service.edit_movie(heat.id, title="  Heat (1995 cut) ", year="1996")
    assert (edited.title, edited.year) == ("Heat (1995 cut)", 1996)
    assert (edited.director, edited.genre) == ("Michael Mann", "Crime, Drama")
    cleared = service.edit_movie(heat.id, director="", genre=None)
    assert (cleared.director, cleared.genre, cleared.title) == (None, None, "Heat (1995 cut)")
    assert service.recent_activity(limit=1)[0].name == "movie.edited"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"year": 1800}, "year"),
        ({"year": "soon"}, "year"),
        ({"director": "x" * 501}, "director"),
        ({"genre": "Crime\x00"}, "genre"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(service, library, heat, fields, field):
    before = unchanged(library)
    with pytest.raises(ValidationError) as caught:
        service.edit_movie(heat.id, **fields)
    assert caught.value.field == field
    assert unchanged(library) == before


def test_editing_an_unknown_movie_is_a_clear_error(service, library, heat, monkeypatch):
    with pytest.raises(UnknownMovieError):
        service.edit_movie(99, title="Heat")
    monkeypatch.setattr(library, "update_movie_details", lambda _id, _movie: None)
    with pytest.raises(UnknownMovieError):
        service.edit_movie(heat.id, title="Gone meanwhile")


# -- the Library's filters ---------------------------------------------------------------


@freeze_time(TODAY)
def test_list_and_count_pass_the_librarys_filters_and_sort(service, library, heat):
    library.add_movie(Movie(title="Alien", year=1979, genre="Horror"))
    service.rate_movie(heat.id, 5)

    assert [m.title for m in service.list_movies(genre="DRAMA")] == ["Heat"]
    assert [m.title for m in service.list_movies("All", decade=1970)] == ["Alien"]
    assert [m.title for m in service.list_movies(rated=False)] == ["Alien"]
    assert [m.title for m in service.list_movies(sort="title", limit=1)] == ["Alien"]
    assert service.count_movies(genre="crime", rated=True) == 1
    assert service.count_movies("Watched", decade=1990) == 0
    assert service.genres() == ["Crime", "Drama", "Horror"]
    assert service.decades() == [1970, 1990]


# -- the diary ---------------------------------------------------------------------------


@freeze_time(TODAY)
def test_the_diary_newest_first_with_movies_counts_and_years(service, library, heat):
    alien = library.add_movie(Movie(title="Alien", year=1979))
    service.log_watch(heat.id, "2025-05-01")
    service.log_watch(alien.id, "2026-02-01")
    service.log_watch(heat.id)

    entries = service.diary()
    assert [(w.movie.title, w.watched_on) for w in entries] == [
        ("Alien", date(2026, 2, 1)),
        ("Heat", date(2025, 5, 1)),
        ("Heat", None),
    ]
    assert [w.movie.title for w in service.diary(2025)] == ["Heat"]
    assert [w.movie.title for w in service.diary(limit=1, offset=1)] == ["Heat"]
    assert (service.count_diary(), service.count_diary(2026)) == (3, 1)
    assert service.diary_years() == [2026, 2025]


# -- statistics --------------------------------------------------------------------------


@freeze_time(TODAY)
def test_diary_statistics(service, library, heat):
    library.movies[heat.id] = Movie(**{**heat.__dict__, "runtime_minutes": 170})
    alien = library.add_movie(Movie(title="Alien", director="Ridley Scott", genre="Horror"))
    service.log_watch(heat.id, "2026-01-05")
    service.log_watch(heat.id, "2026-03-05")
    service.log_watch(alien.id, "2026-03-06")
    service.rate_movie(heat.id, 4.5)

    stats = service.diary_statistics()
    assert stats.watches_by_month == (("2026-01", 1), ("2026-02", 0), ("2026-03", 2))
    assert (stats.minutes_watched, stats.hours_watched, stats.watches_without_runtime) == (
        340,
        5.7,
        1,
    )
    assert stats.watches == 3
    assert dict(stats.rating_distribution) == {s / 2: int(s == 9) for s in range(1, 11)}
    assert stats.top_directors == (("Michael Mann", 2), ("Ridley Scott", 1))
    assert stats.top_genres == (("Crime", 2), ("Drama", 2), ("Horror", 1))
    assert not stats.is_empty
    assert service.diary_statistics(2025).is_empty


def test_diary_statistics_of_an_empty_library(service):
    stats = service.diary_statistics()
    assert stats.is_empty
    assert (stats.watches_by_month, stats.top_directors, stats.top_genres) == ((), (), ())
    assert (stats.minutes_watched, stats.watches, stats.rated_movies) == (0, 0, 0)
    assert len(stats.rating_distribution) == 10


@freeze_time(TODAY)
def test_undated_watches_of_unknown_genre_still_count(service, library):
    movie = library.add_movie(Movie(title="Untitled"))
    service.log_watch(movie.id)
    stats = service.diary_statistics()
    assert (stats.watches, stats.watches_by_month, stats.top_genres) == (1, (), ())
    assert not stats.is_empty
    assert service.diary_statistics(2026).is_empty


@freeze_time(TODAY)
def test_statistics_count_watched_months_by_date_watched(service, heat):
    service.log_watch(heat.id, "2026-09-30")  # backdated
    assert service.statistics().watched_by_month == (("2026-09", 1),)


@freeze_time(TODAY)
def test_year_in_review(service, library, heat):
    alien = library.add_movie(Movie(title="Alien", year=1979))
    up = library.add_movie(Movie(title="Up", year=2009))
    service.rate_movie(alien.id, 3)
    service.log_watch(heat.id, "2025-12-31", rating=5)
    service.log_watch(heat.id, "2026-02-01", rating=4)
    service.log_watch(alien.id, "2026-02-10")
    service.log_watch(up.id, "2026-06-10")
    service.log_watch(heat.id, "2026-08-01")

    review = service.year_in_review(2026)

    assert (review.year, review.films, review.watches, review.rewatches) == (2026, 3, 4, 2)
    assert review.highest_rated == (
        RatedMovie(heat.id, "Heat (1995)", 4.0),
        RatedMovie(alien.id, "Alien (1979)", 3.0),
    )
    assert review.busiest_month == ("2026-02", 2)
    assert review.first_watch == DiaryMoment(date(2026, 2, 1), heat.id, "Heat (1995)")
    assert review.last_watch == DiaryMoment(date(2026, 8, 1), heat.id, "Heat (1995)")
    assert (review.minutes_watched, review.watches_without_runtime) == (0, 4)
    assert review.hours_watched == 0
    assert not review.is_empty


def test_an_empty_year_in_review(service, heat):
    review = service.year_in_review(2026)
    assert review.is_empty
    assert (review.films, review.watches, review.highest_rated) == (0, 0, ())
    assert (review.busiest_month, review.first_watch, review.last_watch) == (None, None, None)


# -- OMDb details ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("runtime", "minutes"),
    [("170 min", 170), ("90min", 90), ("N/A", None), (None, None), ("1 h 30", None)],
)
def test_runtime_in_minutes(runtime, minutes):
    assert runtime_minutes(runtime) == minutes


def test_merged_details_keep_omdbs_runtime_plot_actors_rating_language_country():
    details = MovieDetailsFactory.build(language="English, Spanish", country="United States")
    merged = merge_details(Movie(title="heat"), details)
    assert (merged.runtime_minutes, merged.plot, merged.actors) == (
        170,
        details.plot,
        details.actors,
    )
    assert (merged.imdb_rating, merged.language, merged.country) == (
        8.3,
        "English, Spanish",
        "United States",
    )


def test_watch_factory_builds_a_watch():
    watch = WatchFactory.build(movie_id=3)
    assert (watch.movie_id, watch.id, watch.rewatch) == (3, None, False)
