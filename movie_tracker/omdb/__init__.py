"""The OMDb client: HTTP, parsing into models, typed errors, retries and an optional cache.

errors     OmdbError and its kinds, and OMDb's error texts mapped onto them
parsing    OMDb's JSON bodies into MovieDetails and SearchPage
lookup     OmdbLookup (what the service needs) and LookupMixin (how a movie is chosen)
retries    what is retried, and the pause before each retry
cache      the day-long cache of answers worth keeping
client     OmdbClient, the only code that speaks HTTP out
"""

from movie_tracker.omdb.client import DEFAULT_BASE_URL, MAX_PAGE, OmdbClient
from movie_tracker.omdb.errors import (
    IncorrectImdbId,
    InvalidApiKey,
    MovieNotFound,
    OmdbError,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
    error_for,
)
from movie_tracker.omdb.lookup import LookupMixin, OmdbLookup, clean_query

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_PAGE",
    "IncorrectImdbId",
    "InvalidApiKey",
    "LookupMixin",
    "MovieNotFound",
    "OmdbClient",
    "OmdbError",
    "OmdbLookup",
    "OmdbRejected",
    "OmdbUnavailable",
    "RequestLimitReached",
    "TooManyResults",
    "clean_query",
    "error_for",
]
