"""Filling in imported movies' details from OMDb afterwards: batches, progress, stopping and
resuming, movies OMDb does not know, and OMDb's daily limit; with the fake OMDb client."""

from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, MovieDetails, Status
from movie_tracker.omdb import OmdbUnavailable, RequestLimitReached
from movie_tracker.service import LookupsDisabledError, MovieService, details_to_fill
from tests.fakes.omdb import FakeOmdbClient


class LimitAfter(FakeOmdbClient):
    """The fake OMDb, which reaches its daily limit after `allowed` lookups."""

    def __init__(self, allowed: int) -> None:
        super().__init__()
        self.allowed = allowed

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails:
        if len(self.calls) >= self.allowed:
            raise RequestLimitReached()
        return super().get_by_title(title, year)


@pytest.fixture
def service(library, omdb) -> MovieService:
    return MovieService(library, omdb)


def add(library, *titles: str, **fields: object) -> list[Movie]:
    return [library.add_movie(Movie(title=title, **fields)) for title in titles]


def test_movies_are_filled_in_by_title_and_year_keeping_their_title(service, library, omdb):
    (heat,) = add(library, "heat", year=1995, status=Status.WATCHED)
    calls = []

    result = service.fill_in_details(progress=lambda done, total: calls.append((done, total)))

    stored = service.get_movie(heat.id)
    assert (stored.title, stored.imdb_id, stored.director) == ("heat", "tt0113277", "Michael Mann")
    assert stored.poster_url is not None
    assert stored.runtime_minutes == 170
    assert (result.filled, result.not_found, result.remaining, result.finished) == (1, 0, 0, True)
    assert calls == [(1, 1)]
    assert omdb.calls == [("title", "heat")]
    assert [e.name for e in service.recent_activity()][:1] == ["movie.edited"]


def test_a_known_imdb_id_is_looked_up_by_id(service, library, omdb):
    (matrix,) = add(library, "Matrix", imdb_id="tt0133093")

    service.fill_in_details()

    assert omdb.calls == [("id", "tt0133093")]
    assert service.get_movie(matrix.id).year == 1999


def test_a_movie_omdb_does_not_know_is_remembered_and_not_asked_again(service, library, omdb):
    add(library, "A Film Nobody Made", year=1901)
    version = service.library_version()

    first = service.fill_in_details()
    second = service.fill_in_details()

    assert (first.filled, first.not_found, first.remaining) == (0, 1, 0)
    assert (second.filled, second.not_found) == (0, 0)
    assert len(omdb.calls) == 1
    assert service.library_version() == version  # nothing visible changed


def test_a_limit_stops_after_that_many_and_the_next_run_resumes(service, library, omdb):
    add(library, "Heat", "The Matrix", "A Film Nobody Made")

    first = service.fill_in_details(limit=2, batch_size=1)
    second = service.fill_in_details()

    assert (first.filled, first.remaining, first.finished) == (2, 1, False)
    assert (second.not_found, second.remaining) == (1, 0)
    assert [call[1] for call in omdb.calls] == ["Heat", "The Matrix", "A Film Nobody Made"]


def test_the_caller_can_stop_between_batches(service, library):
    add(library, "Heat", "The Matrix", "A Film Nobody Made")
    calls = []

    result = service.fill_in_details(
        progress=lambda done, total: calls.append((done, total)), stop=lambda: True, batch_size=2
    )

    assert calls == [(2, 3)]
    assert (result.filled, result.remaining) == (2, 1)


@freeze_time("2026-11-25 21:00:00")
def test_the_daily_limit_stops_cleanly_and_says_when_to_resume(library):
    add(library, "Heat", "The Matrix")
    service = MovieService(library, LimitAfter(allowed=1))

    result = service.fill_in_details()

    assert (result.filled, result.remaining, result.limit_reached) == (1, 1, True)
    assert result.resume_after == datetime(2026, 11, 26, tzinfo=timezone.utc)
    assert not result.finished


def test_another_omdb_failure_stops_with_its_message(service, library, omdb):
    add(library, "Heat")
    omdb.fail_with(OmdbUnavailable)

    result = service.fill_in_details()

    assert result.error == OmdbUnavailable.default_message
    assert (result.filled, result.remaining, result.limit_reached) == (0, 1, False)


def test_an_imdb_id_another_movie_has_is_not_given_twice(service, library):
    add(library, "Heat", imdb_id="tt0113277", poster_url="https://example.org/heat.jpg")
    (copy,) = add(library, "Heat", year=1995)

    result = service.fill_in_details()

    stored = service.get_movie(copy.id)
    assert (stored.imdb_id, stored.director) == (None, "Michael Mann")
    assert result.remaining == 0


def test_nothing_to_fill_in_makes_no_lookup(service, library, omdb):
    add(library, "Heat", imdb_id="tt0113277", poster_url="https://example.org/heat.jpg")

    result = service.fill_in_details()

    assert (result.filled, result.remaining, omdb.calls) == (0, 0, [])


def test_filling_in_needs_lookups(library):
    with pytest.raises(LookupsDisabledError):
        MovieService(library).fill_in_details()


def test_details_to_fill_leaves_out_what_omdb_does_not_know():
    details = MovieDetails(title="Heat", imdb_id="tt0113277", runtime="N/A", year=1995)

    assert details_to_fill(details) == {"imdb_id": "tt0113277", "year": 1995}


def test_movies_deleted_while_filling_in_end_the_run(service, library):
    movies = add(library, "Heat", "The Matrix", "A Film Nobody Made")

    def delete_the_rest(done: int, total: int) -> None:
        for movie in movies[done:]:
            library.delete_movie(movie.id)

    result = service.fill_in_details(progress=delete_the_rest, batch_size=1)

    assert (result.filled, result.remaining) == (1, 0)
