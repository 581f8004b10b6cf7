"""Logging a film as the Log a film dialog does (issue 16), through the service over the
in-memory library: a movie of the library, a film OMDb found, or a typed title; the film
added in the watch's step unless the library has it; nothing stored on any error."""

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import DatePrecision, Movie, Status, ValidationError
from movie_tracker.omdb import OmdbUnavailable
from movie_tracker.service import LookupsDisabledError, MovieService, UnknownMovieError

TODAY = "2026-11-25 12:00:00"


@pytest.fixture
def service(library, omdb) -> MovieService:
    return MovieService(library, omdb)


def unchanged(library):
    """What a refused log must leave exactly as it was."""
    return (dict(library.movies), dict(library.watches), len(library.events))


@freeze_time(TODAY)
def test_a_film_from_omdb_is_added_with_its_details_and_its_watch(service, library):
    logged = service.log_film(imdb_id="tt0113277", watched_on=date(2026, 11, 25), rating=4.5)

    movie = library.get_movie(logged.movie.id)
    assert (movie.title, movie.year, movie.director) == ("Heat", 1995, "Michael Mann")
    assert (movie.status, movie.rating, movie.runtime_minutes) == (Status.WATCHED, 4.5, 170)
    assert (logged.new, logged.watch.watched_on, logged.watch.rating) == (
        True, date(2026, 11, 25), 4.5
    )  # fmt: skip
    assert [event.name for event in library.events] == ["movie.added", "watch.logged"]


@freeze_time(TODAY)
def test_an_omdb_film_the_library_has_is_logged_there_and_gains_its_details(service, library):
    imported = library.add_movie(Movie("heat", Status.WATCHED, 1995))

    logged = service.log_film(imdb_id="tt0113277", review="Again.")

    assert (logged.new, logged.movie.id) == (False, imported.id)
    assert "imdb_id" in logged.filled
    assert library.get_movie(imported.id).imdb_id == "tt0113277"
    assert library.count_movies() == 1
    assert [w.review for w in library.find_watches(imported.id)] == ["Again."]


@freeze_time(TODAY)
def test_a_typed_title_is_added_without_omdb(library):
    offline = MovieService(library)

    logged = offline.log_film(title="  Stalker ", watched_on="2015", tags="tarkovsky")

    assert (logged.new, logged.movie.title, logged.movie.status) == (
        True,
        "Stalker",
        Status.WATCHED,
    )
    assert (logged.watch.watched_on, logged.watch.precision) == (
        date(2015, 12, 31), DatePrecision.YEAR
    )  # fmt: skip
    assert logged.watch.tags == ("tarkovsky",)


@freeze_time(TODAY)
def test_a_movie_of_the_library_is_logged_with_the_movie_as_it_is_after(service, library):
    heat = library.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995))

    logged = service.log_film(movie_id=heat.id, rating="3.5", seen_before=True)

    assert (logged.new, logged.movie.status, logged.movie.rating) == (False, Status.WATCHED, 3.5)
    assert (logged.watch.watched_on, logged.watch.rewatch) == (None, True)


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("pick", "message"),
    [
        ({"title": "   "}, "Type the film's title, or pick one of the results."),
        ({"imdb_id": " "}, "Pick a film from the search results."),
        ({"imdb_id": "not an id"}, "followed by 7 to 10 digits"),
        ({"title": "Heat", "watched_on": "2026-12"}, "2026-12 has not begun"),
        ({"title": "Heat", "rating": 7}, "in half steps"),
    ],
)
def test_a_refused_field_stores_nothing(service, library, pick, message):
    before = unchanged(library)

    with pytest.raises(ValidationError, match=message):
        service.log_film(**pick)

    assert unchanged(library) == before


def test_omdb_failing_stores_nothing(service, library, omdb):
    omdb.fail_with(OmdbUnavailable)
    before = unchanged(library)

    with pytest.raises(OmdbUnavailable):
        service.log_film(imdb_id="tt0113277", rating=4.0)

    assert unchanged(library) == before


def test_an_omdb_pick_while_lookups_are_off_is_refused(library):
    with pytest.raises(LookupsDisabledError):
        MovieService(library).log_film(imdb_id="tt0113277")
    assert library.count_movies() == 0


def test_a_movie_deleted_meanwhile_is_not_found(service, library):
    with pytest.raises(UnknownMovieError):
        service.log_film(movie_id=404)
    assert library.count_diary() == 0
