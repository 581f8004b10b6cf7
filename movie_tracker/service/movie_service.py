"""MovieService: the one API the pages call, the union of the service's parts."""

from __future__ import annotations

from movie_tracker.config import Settings
from movie_tracker.omdb import OmdbClient
from movie_tracker.service.connections import Connections
from movie_tracker.service.diary import Diary
from movie_tracker.service.imports import Imports
from movie_tracker.service.lists import Lists
from movie_tracker.service.movies import Movies
from movie_tracker.service.quota import count_omdb_requests_in
from movie_tracker.service.shares import Shares
from movie_tracker.service.statistics import Statistics
from movie_tracker.service.tonight import Tonight
from movie_tracker.store import MovieRepository


class MovieService(Movies, Diary, Statistics, Imports, Connections, Lists, Tonight, Shares):
    """Add, look up, change status, delete and list movies; the diary of watches and
    ratings; statistics; import and export; connections (tokens, webhook plays, the API);
    lists and the watchlist's order; tonight's pick; share links (make, list, revoke, and
    open anyone's).
    It validates every input before anything is stored; the repository logs the events."""

    @classmethod
    def open(cls, settings: Settings) -> MovieService:
        """The service for the app's settings: the library at DATABASE_URL (upgraded on
        opening) and the OMDb client, or none when lookups are off; every request the client
        sends is counted in the library's database toward OMDB_DAILY_LIMIT."""
        repository = MovieRepository(settings.database_url)
        client = OmdbClient.from_settings(settings, on_request=count_omdb_requests_in(repository))
        return cls(repository, client, omdb_daily_limit=settings.omdb_daily_limit)
