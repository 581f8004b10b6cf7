"""Quota: the OMDb requests sent each day, counted in the database so the count survives a
restart and is shared by every app server.

This is the one part that is not one owner's: OMDb's API key belongs to the deployment and
its daily limit is shared by every person using it, so the count is the deployment's. It
is read and written the same through any owner's library, and counting is no change to
anybody's library (no event, no new library version).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from movie_tracker.store.library import Library
from movie_tracker.store.tables import omdb_requests


class Quota(Library):
    """OMDb requests per UTC day, for the whole deployment."""

    def omdb_requests(self, day: date) -> int:
        """How many OMDb requests were counted on `day` (a UTC day); 0 for a new day."""
        query = select(omdb_requests.c.requests).where(omdb_requests.c.day == day.isoformat())
        with self._storage("read today's count of OMDb requests"), self._reading() as conn:
            return int(conn.execute(query).scalar_one_or_none() or 0)

    def record_omdb_requests(self, requests: int, day: date) -> int:
        """Count `requests` more OMDb requests on `day`; the day's count with them.

        One statement adds to the day's row (making it when new), so requests counted at
        once by several sessions or servers are all counted.
        """
        statement = _insert(self.engine.dialect.name)(omdb_requests).values(
            day=day.isoformat(), requests=requests
        )
        statement = statement.on_conflict_do_update(
            index_elements=["day"],
            set_={"requests": omdb_requests.c.requests + statement.excluded.requests},
        ).returning(omdb_requests.c.requests)
        with self._storage("count OMDb requests"), self._writing() as conn:
            return int(conn.execute(statement).scalar_one())


def _insert(dialect: str) -> Any:
    """INSERT with ON CONFLICT, which both databases the library runs on have."""
    return postgresql_insert if dialect == "postgresql" else sqlite_insert
