"""The statements more than one part of the store runs, each scoped by its owner.

Reading a movie (with the date it was last watched), locking one to change it, and
recording a change: its event row and a new version of the owner's library, in the
change's own transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RowMapping

from movie_tracker import events
from movie_tracker.models import Movie
from movie_tracker.store.rows import movie_from_row
from movie_tracker.store.tables import event_rows, library_versions, movies, watches


def last_watched() -> Any:
    """The newest dated watch of the movie in the outer query (ix_watches_movie_id)."""
    # An alias, so that in the diary (watches joined to movies) it still reads every
    # watch of the movie, not only the outer row's.
    dated = watches.alias("dated")
    return (
        select(func.max(dated.c.watched_on))
        .where(dated.c.movie_id == movies.c.id)
        .correlate(movies)
        .scalar_subquery()
    )


def movie_select() -> Any:
    return select(movies, last_watched().label("last_watched"))


def movie_by_id(conn: Connection, owner: str, movie_id: int) -> Movie | None:
    query = movie_select().where(movies.c.id == movie_id, movies.c.owner == owner)
    row = conn.execute(query).mappings().first()
    return movie_from_row(row) if row else None


def movie_row_to_change(conn: Connection, owner: str, movie_id: int) -> RowMapping | None:
    """The row as it is now, locked until this transaction ends.

    On PostgreSQL a second writer of the same movie waits here, then reads what the first
    one committed, so six simultaneous deletes make one change and one event. (SQLite has
    no row locks and needs none: its writers already take turns with BEGIN IMMEDIATE.)
    """
    query = select(movies).where(movies.c.id == movie_id, movies.c.owner == owner)
    query = query.with_for_update()
    return conn.execute(query).mappings().first()


def in_year(query: Any, year: int | None) -> Any:
    """Only watches dated in `year`: a range on the text date, so the index serves it."""
    if year is None:
        return query
    return query.where(
        watches.c.watched_on >= f"{year:04d}-01-01", watches.c.watched_on <= f"{year:04d}-12-31"
    )


def record_change(conn: Connection, owner: str, event: events.Event) -> None:
    """The change's event row and a new version of the owner's library, in the change's
    transaction."""
    bump = _dialect_insert(conn)(library_versions).values(owner=owner, version=1)
    conn.execute(
        bump.on_conflict_do_update(
            index_elements=["owner"], set_={"version": library_versions.c.version + 1}
        )
    )
    fields = dict(event.fields)
    conn.execute(
        insert(event_rows).values(
            owner=owner,
            ts=event.ts.isoformat(timespec="seconds"),
            name=event.name,
            movie_id=fields.get("movie_id"),
            title=fields.get("title"),
            status=fields.get("status"),
            details=json.dumps(fields, default=str),
        )
    )


def lock_version(conn: Connection, owner: str) -> None:
    """The owner's version row, made if new, locked until this transaction ends: every
    writer of the owner's library takes it first (Library._writing), so they take turns
    on it. One statement when the row exists, as it does after the library's first change."""
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    if conn.execute(query.with_for_update()).first() is not None:
        return
    statement = _dialect_insert(conn)(library_versions).values(owner=owner, version=0)
    conn.execute(statement.on_conflict_do_nothing(index_elements=["owner"]))
    conn.execute(query.with_for_update())


def version_of(conn: Connection, owner: str) -> int:
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    return int(conn.execute(query).scalar_one_or_none() or 0)


def _dialect_insert(conn: Connection) -> Any:
    """INSERT with ON CONFLICT, which both databases the library runs on have."""
    return postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
