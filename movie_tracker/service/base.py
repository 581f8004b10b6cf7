"""What every part of the service stands on: one owner's repository and the OMDb client.

The parts (movies, diary, statistics, imports) are subclasses of `Service`, each
type-checked against it alone; MovieService is their union (as the store's parts are).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from movie_tracker.config import DEFAULT_OMDB_DAILY_LIMIT
from movie_tracker.models import Owner
from movie_tracker.omdb import OmdbLookup
from movie_tracker.service.errors import LookupsDisabledError
from movie_tracker.store import MovieRepository

if TYPE_CHECKING:
    from typing_extensions import Self


class _NotGiven:
    """The default of a field the caller leaves as it is (None means "clear it")."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


class Service:
    """The service over one owner's library. It takes its repository and its OMDb client
    (None: lookups are off) as arguments, so tests hand it fakes; `omdb_daily_limit` is the
    OMDb requests a day filling in details may bring the deployment's count to."""

    def __init__(
        self,
        repository: MovieRepository,
        omdb_client: OmdbLookup | None = None,
        *,
        omdb_daily_limit: int = DEFAULT_OMDB_DAILY_LIMIT,
    ):
        self.repository = repository
        self.omdb = omdb_client
        self.omdb_daily_limit = omdb_daily_limit

    @property
    def lookups_enabled(self) -> bool:
        return self.omdb is not None

    def for_owner(self, owner: Owner) -> Self:
        """The service for `owner`'s library: the same database engine and OMDb client
        (and so the same OMDb cache); every call then reads and changes only that library."""
        return type(self)(
            self.repository.for_owner(owner), self.omdb, omdb_daily_limit=self.omdb_daily_limit
        )

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        """On sign-in: take the library kept without sign-in, if this owner has none yet
        (and LIBRARY_OWNER, when set, names this owner). True when it was handed over."""
        return self.repository.claim_local_library(library_owner)

    def _lookup_client(self) -> OmdbLookup:
        if self.omdb is None:
            raise LookupsDisabledError()
        return self.omdb


def today() -> date:
    return datetime.now(timezone.utc).date()
