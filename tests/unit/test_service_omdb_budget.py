"""OMDb's daily budget: every request the client sends is counted for the UTC day in the
library's database; fill-in stops when the day's count reaches OMDB_DAILY_LIMIT and says
when it goes on; a lookup someone asks for (Add movie) counts and is never refused by it."""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, MovieDetails
from movie_tracker.service import MovieService, OmdbBudget, StorageError, count_omdb_requests_in
from tests.fakes.omdb import FakeOmdbClient

DAY = date(2026, 11, 25)


def counted(library, limit: int, client: FakeOmdbClient | None = None) -> MovieService:
    """The service as MovieService.open wires it: the client reports to the library."""
    client = client or FakeOmdbClient()
    client.on_request = count_omdb_requests_in(library)
    return MovieService(library, client, omdb_daily_limit=limit)


def add(library, count: int, title: str = "Heat") -> None:
    for _ in range(count):
        library.add_movie(Movie(title=title, year=1995))


@freeze_time("2026-11-25 15:00:00")
def test_each_request_a_lookup_sends_is_counted_for_the_utc_day(library):
    service = counted(library, limit=900)

    service.add_movie("Heat", lookup="Heat (1995)")  # a search, then the movie by its id

    assert library.omdb_requests(DAY) == 2
    assert service.omdb_budget() == OmdbBudget(
        used=2, limit=900, resets_at=datetime(2026, 11, 26, tzinfo=timezone.utc)
    )
    assert service.omdb_budget().left == 898


@freeze_time("2026-11-25 15:00:00")
def test_fill_in_stops_mid_batch_when_the_days_budget_is_spent(library):
    add(library, 15)
    library.record_omdb_requests(1, DAY)  # someone's lookup earlier today
    service = counted(library, limit=4)

    result = service.fill_in_details(limit=10)

    assert (result.filled, result.remaining) == (3, 12)
    assert result.budget_reached
    assert not result.limit_reached
    assert result.resume_after == datetime(2026, 11, 26, tzinfo=timezone.utc)
    assert library.omdb_requests(DAY) == 4
    assert len(service.omdb.calls) == 3


def test_the_next_utc_day_goes_on_where_the_budget_stopped(library):
    add(library, 5)
    service = counted(library, limit=2)
    with freeze_time("2026-11-25 23:59:00"):
        first = service.fill_in_details()
    with freeze_time("2026-11-26 00:00:01"):
        assert service.omdb_budget().used == 0
        second = service.fill_in_details()

    assert (first.filled, first.remaining, first.budget_reached) == (2, 3, True)
    assert (second.filled, second.remaining, second.budget_reached) == (2, 1, True)
    assert second.resume_after == datetime(2026, 11, 27, tzinfo=timezone.utc)
    assert library.omdb_requests(DAY) == library.omdb_requests(date(2026, 11, 26)) == 2


class CachingOmdb(FakeOmdbClient):
    """The fake OMDb behind a cache: an answer it has already had costs no request."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[tuple[str, int | None], MovieDetails] = {}

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails:
        if (title, year) not in self.cache:
            self.cache[title, year] = super().get_by_title(title, year)
        return self.cache[title, year]


@freeze_time("2026-11-25 15:00:00")
def test_answers_from_the_cache_cost_nothing_from_the_budget(library):
    add(library, 3)  # the same film three times: OMDb is asked once
    service = counted(library, limit=2, client=CachingOmdb())

    result = service.fill_in_details()

    assert (result.filled, result.remaining, result.budget_reached) == (3, 0, False)
    assert library.omdb_requests(DAY) == 1


@freeze_time("2026-11-25 15:00:00")
def test_a_lookup_someone_asks_for_counts_and_still_runs_past_the_budget(library):
    library.record_omdb_requests(900, DAY)
    service = counted(library, limit=900)

    added = service.add_movie("Heat", lookup="tt0113277")

    assert added.movie.director == "Michael Mann"
    assert library.omdb_requests(DAY) == 901
    assert service.omdb_budget().left == 0


@freeze_time("2026-11-25 15:00:00")
def test_a_budget_of_zero_never_fills_in(library):
    add(library, 2)
    service = counted(library, limit=0)

    result = service.fill_in_details()

    assert (result.filled, result.remaining, result.budget_reached) == (0, 2, True)
    assert service.omdb.calls == []


@freeze_time("2026-11-25 15:00:00")
def test_a_library_that_cannot_count_does_not_fail_the_lookup(library, caplog):
    def broken(requests: int, day: date) -> int:
        raise StorageError("Could not count OMDb requests: the disk is full.")

    service = counted(library, limit=900)
    library.record_omdb_requests = broken

    with caplog.at_level(logging.WARNING, logger="movie_tracker.service"):
        added = service.add_movie("Heat", lookup="tt0113277")

    assert added.details is not None
    assert [record.getMessage() for record in caplog.records] == [
        "1 OMDb request went uncounted: Could not count OMDb requests: the disk is full."
    ]


def test_the_budget_defaults_to_the_settings_default(library):
    assert MovieService(library, FakeOmdbClient()).omdb_budget().limit == 900
    person = MovieService(library, FakeOmdbClient(), omdb_daily_limit=5).for_owner(library.owner)
    assert person.omdb_budget().limit == 5


@freeze_time("2026-11-25 15:00:00")
@pytest.mark.parametrize("limit", [0, 3])
def test_the_budget_says_how_many_are_left_never_below_zero(library, limit):
    library.record_omdb_requests(4, DAY)

    assert counted(library, limit=limit).omdb_budget().left == 0
