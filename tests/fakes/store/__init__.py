"""FakeMovieRepository: an in-memory stand-in for store.MovieRepository, in the same parts.

The seed asks for the data layer to be mocked in analyzer and UI tests; this double keeps
the repository's observable behaviour (ids, newest first, duplicates, events, text search,
watched months, one winner among concurrent changes) in dicts. The repository contract
suite (tests/contract/test_repository_contract.py) holds it to the same promises as the real
repository, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from movie_tracker.models import LOCAL_OWNER, Movie, Owner
from tests.fakes.store.connections import FakeConnections
from tests.fakes.store.diary import FakeDiary
from tests.fakes.store.history import FakeHistory
from tests.fakes.store.imports import FakeImports
from tests.fakes.store.lists import FakeLists
from tests.fakes.store.movies import FakeMovies
from tests.fakes.store.quota import FakeQuota
from tests.fakes.store.shares import FakeShares
from tests.fakes.store.statistics import FakeStatistics
from tests.fakes.store.tonight import FakeTonight
from tests.fakes.store.watchlist import FakeWatchlist


class FakeMovieRepository(
    FakeMovies,
    FakeDiary,
    FakeStatistics,
    FakeImports,
    FakeHistory,
    FakeConnections,
    FakeLists,
    FakeWatchlist,
    FakeTonight,
    FakeShares,
    FakeQuota,
):
    """One owner's library in memory, optionally holding `movies` to begin with."""

    def __init__(self, movies: list[Movie] | None = None, owner: Owner = LOCAL_OWNER) -> None:
        super().__init__(owner)
        for movie in movies or []:
            self.add_movie(movie)


__all__ = ["FakeMovieRepository"]
