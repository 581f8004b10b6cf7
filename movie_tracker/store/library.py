"""One owner's library in one database: what every part of the store stands on.

A `Library` holds the engine, the owner every query is scoped by, and the three ways in:
`_reading()` and `_writing()` give a connection (a writer's is one transaction), and
`_storage(operation)` turns any database failure into a StorageError that says what to do.
The parts (movies, diary, statistics, imports, history) are subclasses of it, each typed
against this class alone, so a part cannot reach another part's methods; MovieRepository
is their union (see CONTRIBUTING.md, "The store").
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from movie_tracker import events
from movie_tracker.config import DEFAULT_DATABASE_URL
from movie_tracker.models import LOCAL_OWNER, Owner
from movie_tracker.store import engine as engines
from movie_tracker.store.failures import describe, storage
from movie_tracker.store.queries import lock_version

if TYPE_CHECKING:
    from typing_extensions import Self


class Library:
    """One owner's library: every query a part makes is scoped by `self._key`, so another
    owner's rows are not there for it (their ids are "not found")."""

    def __init__(
        self, database_url: str = DEFAULT_DATABASE_URL, owner: Owner = LOCAL_OWNER
    ) -> None:
        self.database_url = database_url
        self.owner = owner
        self._key = owner.key
        self._where = describe(database_url)
        with self._storage("open the library"):
            self.engine = engines.create_library_engine(database_url)
            self._writer = engines.writer_of(self.engine)
            self._turn = engines.one_at_a_time(self.engine)
            try:
                engines.upgrade(self.engine, self._turn)
            except Exception:
                self.engine.dispose()  # a library that did not open holds no connection
                raise

    def dispose(self) -> None:
        self.engine.dispose()

    def for_owner(self, owner: Owner) -> Self:
        """The same database as `owner` sees it: a cheap view sharing this engine."""
        view = copy.copy(self)
        view.owner, view._key = owner, owner.key
        return view

    def _emit(self, event: events.Event) -> None:
        """Log a committed change; another person's carries their hashed owner id."""
        if not self.owner.is_local:
            event = replace(event, fields={**event.fields, "owner": self.owner.hashed})
        events.emit(event)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._turn, self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One transaction that changes this owner's library.

        On PostgreSQL it first locks the owner's version row, the row every change ends
        by bumping, so the library's writers take turns from their first statement. A
        writer that locked a movie first and the version row last would deadlock with an
        import, which locks the version row and then the movies it updates. (SQLite's
        writers already take turns: BEGIN IMMEDIATE.)
        """
        with self._turn, self._writer.begin() as conn:
            if conn.dialect.name != "sqlite":
                lock_version(conn, self._key)
            yield conn

    def _storage(self, operation: str) -> AbstractContextManager[None]:
        return storage(operation, self._where)
