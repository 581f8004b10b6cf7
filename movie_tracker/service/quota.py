"""OMDb's day: the requests the app sends, counted in the library's database, and the
budget that filling in details keeps to (OMDB_DAILY_LIMIT).

OMDb's API key is the deployment's, so its daily limit is shared by every person and every
app server: the count is the deployment's too, not an owner's (store.quota). The client
reports each request it sends (`on_request`), answers from its cache none; MovieService.open
wires it to `count_omdb_requests_in`. Only fill-in stops at the budget: a lookup someone
asks for (Add movie) counts toward the day but runs until OMDb itself answers that its
limit is reached, which the pages already explain.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from movie_tracker.store import MovieRepository, StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OmdbBudget:
    """Today's OMDb requests (everyone's, by the UTC day), the budget fill-in keeps to, and
    when the next day starts: midnight UTC, when OMDb's own count starts again as far as
    anyone can tell (OMDb does not publish its zone)."""

    used: int
    limit: int
    resets_at: datetime

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


def utc_day() -> date:
    return datetime.now(timezone.utc).date()


def next_utc_midnight() -> datetime:
    return datetime.combine(utc_day() + timedelta(days=1), time(0), timezone.utc)


def budget_of(repository: MovieRepository, limit: int) -> OmdbBudget:
    return OmdbBudget(repository.omdb_requests(utc_day()), limit, next_utc_midnight())


def count_omdb_requests_in(repository: MovieRepository) -> Callable[[int], None]:
    """What the OMDb client calls with the requests it sent: counted for today (UTC). A
    library that cannot count them is logged, never raised into the lookup that was made."""

    def count(requests: int) -> None:
        try:
            repository.record_omdb_requests(requests, utc_day())
        except StorageError as error:
            noun = "request" if requests == 1 else "requests"
            log.warning("%d OMDb %s went uncounted: %s", requests, noun, error)

    return count
