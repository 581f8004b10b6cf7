"""History: the Activity's events, the per-owner library version, and the hand-over of the
local library on first sign-in."""

from __future__ import annotations

from sqlalchemy import Connection, select

from movie_tracker import events
from movie_tracker.models import LOCAL_OWNER, EventRecord, LibraryEvent
from movie_tracker.store.library import Library
from movie_tracker.store.queries import lock_version, version_of
from movie_tracker.store.rows import event_from_row, event_record
from movie_tracker.store.tables import (
    event_rows,
    library_versions,
    list_entries,
    lists,
    movies,
    shares,
    tokens,
    watches,
    watchlist_order,
)

_OWNED = (movies, watches, event_rows, tokens, lists, list_entries, watchlist_order, shares)


class History(Library):
    """What changed in one owner's library, and how often."""

    def library_version(self) -> int:
        """A number that grows with every change to the library, and only then.

        Every change (movies, watches, ratings) bumps it in its own transaction, so a reader
        can cache anything it computed from the library until this number moves, even when
        another process made the change. (The newest event's id would not do: PostgreSQL
        hands out ids in the order transactions start, not the order they commit.)
        """
        with self._storage("read the library"), self._reading() as conn:
            return version_of(conn, self._key)

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        query = (
            select(event_rows)
            .where(event_rows.c.owner == self._key)
            .order_by(event_rows.c.id.desc())
            .limit(limit)
        )
        with self._storage("read the activity"), self._reading() as conn:
            return [event_from_row(row) for row in conn.execute(query).mappings()]

    def history(self) -> list[EventRecord]:
        """Every event of the library as it was recorded, oldest first: a backup's."""
        query = select(event_rows).where(event_rows.c.owner == self._key).order_by(event_rows.c.id)
        with self._storage("read the activity"), self._reading() as conn:
            return [event_record(row) for row in conn.execute(query).mappings()]

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        """Hand the local library (the one kept without sign-in) to this owner, in one
        transaction, when this owner has nothing yet and the local library has movies.
        With `library_owner` (the LIBRARY_OWNER setting, an owner's key) only that owner
        takes it. True when it moved; the local library is then empty, so it moves once."""
        if self.owner.is_local or library_owner not in (None, "", self._key):
            return False
        local = LOCAL_OWNER.key
        with self._storage("take over the local library"), self._writing() as conn:
            lock_version(conn, local)
            lock_version(conn, self._key)
            if _has_rows(conn, self._key) or not _has_rows(conn, local, movies_only=True):
                return False
            # The local library's connections go with it: their plays land where it went;
            # and its lists, its watchlist's order and its share links.
            for table in _OWNED:
                conn.execute(table.update().where(table.c.owner == local).values(owner=self._key))
            version = version_of(conn, local)
            for owner in (self._key, local):
                conn.execute(
                    library_versions.update()
                    .where(library_versions.c.owner == owner)
                    .values(version=version + 1)
                )
        events.record(events.LIBRARY_CLAIMED, owner=self.owner.hashed)
        return True


def _has_rows(conn: Connection, owner: str, *, movies_only: bool = False) -> bool:
    tables = (movies,) if movies_only else (movies, watches, event_rows)
    return any(
        conn.execute(select(table.c.id).where(table.c.owner == owner).limit(1)).first()
        for table in tables
    )
