"""The one API the UI talks to, split by part like the store it stands on:

    base          Service: one owner's repository and the OMDb client
    movies, diary, statistics, imports, connections, lists, tonight, shares     the parts
    movie_service MovieService, their union
    errors, results, details    what the calls refuse and give back; OMDb's details as a movie's
    quota         OMDb's day: the requests counted for the deployment, fill-in's budget

The errors a caller of the service catches come from here too, wherever they are raised:
StorageError and DuplicateMovieError (the store), UnreadableExport (the importers).
"""

from movie_tracker.importers import UnreadableExport
from movie_tracker.service.base import NOT_GIVEN
from movie_tracker.service.connections import (
    DUPLICATE,
    IGNORED,
    LOGGED,
    RATED,
    PlayOutcome,
)
from movie_tracker.service.details import details_to_fill, merge_details, runtime_minutes
from movie_tracker.service.errors import (
    ENABLE_LOOKUPS_HINT,
    SHARE_GONE,
    FilmNotInLibraryError,
    LookupsDisabledError,
    NotInListError,
    ShareNotFoundError,
    UnknownListError,
    UnknownMovieError,
    UnknownShareError,
    UnknownTokenError,
    UnknownWatchError,
)
from movie_tracker.service.imports import OMDB_BATCH
from movie_tracker.service.movie_service import MovieService
from movie_tracker.service.quota import OmdbBudget, count_omdb_requests_in
from movie_tracker.service.results import (
    SOURCE_LABELS,
    AddResult,
    FillInResult,
    ImportPreview,
    ImportResult,
    StatusChange,
)
from movie_tracker.service.tonight import TonightChoices
from movie_tracker.store import (
    MOVIE_SORTS,
    SORT_ADDED,
    SORT_WATCHLIST,
    DuplicateMovieError,
    StorageError,
)

__all__ = [
    "DUPLICATE",
    "ENABLE_LOOKUPS_HINT",
    "IGNORED",
    "LOGGED",
    "MOVIE_SORTS",
    "NOT_GIVEN",
    "OMDB_BATCH",
    "RATED",
    "SHARE_GONE",
    "SORT_ADDED",
    "SORT_WATCHLIST",
    "SOURCE_LABELS",
    "AddResult",
    "DuplicateMovieError",
    "FillInResult",
    "FilmNotInLibraryError",
    "ImportPreview",
    "ImportResult",
    "LookupsDisabledError",
    "MovieService",
    "NotInListError",
    "OmdbBudget",
    "PlayOutcome",
    "ShareNotFoundError",
    "StatusChange",
    "StorageError",
    "TonightChoices",
    "UnknownListError",
    "UnknownMovieError",
    "UnknownShareError",
    "UnknownTokenError",
    "UnknownWatchError",
    "UnreadableExport",
    "count_omdb_requests_in",
    "details_to_fill",
    "merge_details",
    "runtime_minutes",
]
