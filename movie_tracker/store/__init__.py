"""Data access: the schema and every query the app makes, one module per part.

    tables, rows          the tables, and rows to models and back (the floor)
    failures, engine      StorageError and its advice; the engine and the upgrade at open
    queries, library      statements the parts share; Library, the base every part is
    filters               the Library's filters, which Tonight applies too
    orders                the watchlist's order and the films of lists, as several parts keep them
    movies, diary, statistics, imports, history, connections, lists, watchlist,
    tonight, shares       the parts
    quota                 OMDb requests per day: the deployment's, the one part not an owner's
    repository            MovieRepository, their union: the door the service talks to

SQLAlchemy Core, so the same queries run on SQLite (the default) and on PostgreSQL named by
DATABASE_URL. Every library change writes its row in the `events` table and bumps the
owner's library version in the same transaction, and is logged only after it commits.
"""

from movie_tracker.store.engine import create_library_engine
from movie_tracker.store.failures import DuplicateMovieError, StorageError
from movie_tracker.store.imports import Progress, import_counts
from movie_tracker.store.movies import (
    MOVIE_SORTS,
    SORT_ADDED,
    SORT_LAST_WATCHED,
    SORT_RATING,
    SORT_RUNTIME,
    SORT_TITLE,
    SORT_WATCHLIST,
    SORT_YEAR,
)
from movie_tracker.store.repository import MovieRepository
from movie_tracker.store.rows import IMPORT_COUNTS, genre_key, genre_names
from movie_tracker.store.tables import metadata

__all__ = [
    "IMPORT_COUNTS",
    "MOVIE_SORTS",
    "SORT_ADDED",
    "SORT_LAST_WATCHED",
    "SORT_RATING",
    "SORT_RUNTIME",
    "SORT_TITLE",
    "SORT_WATCHLIST",
    "SORT_YEAR",
    "DuplicateMovieError",
    "MovieRepository",
    "Progress",
    "StorageError",
    "create_library_engine",
    "genre_key",
    "genre_names",
    "import_counts",
    "metadata",
]
