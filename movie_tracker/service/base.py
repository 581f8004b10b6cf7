"""What every part of the service stands on: one owner's repository, the OMDb client, and
the person's timezone.

The parts (movies, diary, statistics, imports) are subclasses of `Service`, each
type-checked against it alone; MovieService is their union (as the store's parts are).
"""

from __future__ import annotations

import copy
import itertools
from datetime import date, datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from movie_tracker.config import DEFAULT_OMDB_DAILY_LIMIT
from movie_tracker.models import DatePrecision, Owner, WatchDate
from movie_tracker.omdb import OmdbLookup
from movie_tracker.service.errors import LookupsDisabledError
from movie_tracker.store import MovieRepository

if TYPE_CHECKING:
    from typing_extensions import Self

_LIBRARY_KEYS = itertools.count(1)  # never handed out twice in a process


class _NotGiven:
    """The default of a field the caller leaves as it is (None means "clear it")."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


class Service:
    """The service over one owner's library. It takes its repository and its OMDb client
    (None: lookups are off) as arguments, so tests hand it fakes; the person's `timezone`
    (UTC unless told), whose date is "today" for every default date and every "cannot be in
    the future"; and `omdb_daily_limit`, the OMDb requests a day filling in details may bring
    the deployment's count to."""

    def __init__(
        self,
        repository: MovieRepository,
        omdb_client: OmdbLookup | None = None,
        *,
        timezone: tzinfo = timezone.utc,
        omdb_daily_limit: int = DEFAULT_OMDB_DAILY_LIMIT,
    ):
        self.repository = repository
        self.omdb = omdb_client
        self.timezone = timezone
        self.omdb_daily_limit = omdb_daily_limit
        self.library_key = next(_LIBRARY_KEYS)

    @property
    def lookups_enabled(self) -> bool:
        return self.omdb is not None

    def for_owner(self, owner: Owner) -> Self:
        """The service for `owner`'s library: the same database engine and OMDb client
        (and so the same OMDb cache); every call then reads and changes only that library."""
        return type(self)(
            self.repository.for_owner(owner),
            self.omdb,
            timezone=self.timezone,
            omdb_daily_limit=self.omdb_daily_limit,
        )

    def in_timezone(self, zone: tzinfo) -> Self:
        """This service for a person in `zone`: a cheap copy sharing the repository, the
        OMDb client and the library_key, whose today() is the date in that zone."""
        view = copy.copy(self)
        view.timezone = zone
        return view

    def today(self) -> date:
        """The person's date: today in their timezone, not the server's."""
        return datetime.now(self.timezone).date()

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        """On sign-in: take the library kept without sign-in, if this owner has none yet
        (and LIBRARY_OWNER, when set, names this owner). True when it was handed over."""
        return self.repository.claim_local_library(library_owner)

    def _lookup_client(self) -> OmdbLookup:
        if self.omdb is None:
            raise LookupsDisabledError()
        return self.omdb


def today() -> date:
    """UTC's date: OMDb's day (its daily limit starts again at midnight UTC). A person's
    date is Service.today()."""
    return datetime.now(timezone.utc).date()


def date_fields(when: WatchDate | None) -> dict[str, Any]:
    """A Watch's watched_on and precision (an unknown date is to the day)."""
    if when is None:
        return {"watched_on": None, "precision": DatePrecision.DAY}
    return {"watched_on": when.watched_on, "precision": when.precision}
