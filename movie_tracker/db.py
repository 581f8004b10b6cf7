"""Data access: the schema and every query the app makes.

The schema's history lives in movie_tracker/migrations (Alembic); opening a library
upgrades it to the newest revision first.

SQLAlchemy Core, so the same queries run on SQLite (the default) and on a server database
named by DATABASE_URL. Every library change writes its row in the `events` table in the same
transaction, and is logged only after that transaction commits.
"""

from __future__ import annotations

import copy
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from alembic import command
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    case,
    create_engine,
    event,
    false,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, RowMapping, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from movie_tracker import events, migrations
from movie_tracker.config import DEFAULT_DATABASE_URL
from movie_tracker.importers.merge import (
    FILLED_FIELDS,
    ImportChanges,
    MovieUpdate,
    StoredMovie,
    WatchKey,
    date_added,
    match,
    watch_key,
)
from movie_tracker.importers.plan import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.models import (
    LOCAL_OWNER,
    LibraryEvent,
    Movie,
    Owner,
    Status,
    ValidationError,
    Watch,
    search_key,
    validate_movie,
)

BUSY_TIMEOUT_MS = 30_000
# Alembic's `op` and `context` are module-wide proxies: two upgrades running at once in one
# process (two sessions opening the library) would each drive the other's migration. The
# switch to WAL needs the file to itself, so it waits its turn here too.
_ONE_UPGRADE_AT_A_TIME = threading.Lock()
log = logging.getLogger(__name__)
_T = TypeVar("_T")

metadata = MetaData()
movies = Table(
    "movies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("title", Text, nullable=False),
    Column("director", Text),
    Column("genre", Text),
    Column("status", Text, nullable=False),
    Column("imdb_id", Text),
    Column("poster_url", Text),
    Column("date_added", Text, nullable=False),
    Column("year", Integer),
    Column("search_key", Text),
    Column("rating", Float),
    Column("runtime_minutes", Integer),
    Column("plot", Text),
    Column("actors", Text),
    Column("imdb_rating", Float),
    Column("language", Text),
    Column("country", Text),
    Column("genre_key", Text),
    Column("details_checked_on", Text),  # the day OMDb was asked for missing details
    sqlite_autoincrement=True,
)
MOVIE_INDEXES = (
    Index("ux_movies_owner_imdb_id", movies.c.owner, movies.c.imdb_id, unique=True),
    Index("ix_movies_owner_status", movies.c.owner, movies.c.status),
    Index("ix_movies_owner_date_added", movies.c.owner, movies.c.date_added),
)
event_rows = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("ts", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("movie_id", Integer),
    Column("title", Text),
    Column("status", Text),
    Column("details", Text, nullable=False),
    Index("ix_events_movie_id", "movie_id"),
    Index("ix_events_owner_id", "owner", "id"),
    sqlite_autoincrement=True,
)
watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("movie_id", Integer, ForeignKey("movies.id", ondelete="CASCADE"), nullable=False),
    Column("watched_on", Text),  # 'YYYY-MM-DD', or NULL when not known
    Column("rating", Float),
    Column("review", Text, nullable=False, server_default=""),
    Column("tags", Text, nullable=False, server_default="[]"),  # a JSON list
    Column("rewatch", Boolean, nullable=False, server_default=false()),
    Column("logged_at", Text, nullable=False),
    Index("ix_watches_owner_watched_on", "owner", "watched_on", "id"),
    Index("ix_watches_movie_id", "movie_id", "watched_on"),
    sqlite_autoincrement=True,
)
library_versions = Table(  # one row per owner that ever changed their library
    "library_versions",
    metadata,
    Column("owner", Text, primary_key=True),
    Column("version", Integer, nullable=False),
)


# How the Library can sort movies (find_movies' `sort`).
SORT_ADDED, SORT_TITLE, SORT_YEAR, SORT_RATING, SORT_LAST_WATCHED = (
    "added",
    "title",
    "year",
    "rating",
    "last_watched",
)
MOVIE_SORTS = (SORT_ADDED, SORT_TITLE, SORT_YEAR, SORT_RATING, SORT_LAST_WATCHED)


class StorageError(RuntimeError):
    """The library could not be read or saved. The message says what to do; nothing changed."""


class DuplicateMovieError(ValueError):
    """The IMDb ID is already in the library; `existing` is the movie that has it."""

    def __init__(self, existing: Movie) -> None:
        super().__init__(
            f"{existing.label} is already in your library (IMDb ID {existing.imdb_id}). "
            "Change its status in the Library instead of adding it again."
        )
        self.existing = existing


class MovieRepository:
    """The seed's data access functions over one owner's library in one database.

    Every query is scoped by `owner`: another owner's rows are not there for it (their ids
    are "not found"). `for_owner` gives another owner's library over the same engine.
    """

    def __init__(
        self, database_url: str = DEFAULT_DATABASE_URL, owner: Owner = LOCAL_OWNER
    ) -> None:
        self.database_url = database_url
        self.owner = owner
        self._key = owner.key
        self._where = _describe(database_url)
        with self._storage("open the library"):
            self.engine = create_library_engine(database_url)
            self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
            self._turn = _one_at_a_time(self.engine)
            try:
                with _ONE_UPGRADE_AT_A_TIME:
                    self._upgrade()
            except Exception:
                self.engine.dispose()  # a library that did not open holds no connection
                raise

    def _upgrade(self) -> None:
        with self._writing() as conn:
            command.upgrade(migrations.alembic_config(conn), "head")
        if self.engine.dialect.name == "sqlite":
            _use_write_ahead_log(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    def for_owner(self, owner: Owner) -> MovieRepository:
        """The same database as `owner` sees it: a cheap view sharing this engine."""
        view = copy.copy(self)
        view.owner, view._key = owner, owner.key
        return view

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        """Hand the local library (the one kept without sign-in) to this owner, in one
        transaction, when this owner has nothing yet and the local library has movies.
        With `library_owner` (the LIBRARY_OWNER setting, an owner's key) only that owner
        takes it. True when it moved; the local library is then empty, so it moves once."""
        if self.owner.is_local or library_owner not in (None, "", self._key):
            return False
        local = LOCAL_OWNER.key
        with self._storage("take over the local library"), self._writing() as conn:
            _lock_version(conn, local)
            _lock_version(conn, self._key)
            if _has_rows(conn, self._key) or not _has_rows(conn, local, movies_only=True):
                return False
            for table in (movies, watches, event_rows):
                conn.execute(table.update().where(table.c.owner == local).values(owner=self._key))
            version = _version_of(conn, local)
            conn.execute(
                library_versions.update()
                .where(library_versions.c.owner == self._key)
                .values(version=version + 1)
            )
            conn.execute(
                library_versions.update()
                .where(library_versions.c.owner == local)
                .values(version=version + 1)
            )
        events.record(events.LIBRARY_CLAIMED, owner=self.owner.hashed)
        return True

    def _emit(self, event: events.Event) -> None:
        """Log a committed change; another person's carries their hashed owner id."""
        if not self.owner.is_local:
            event = replace(event, fields={**event.fields, "owner": self.owner.hashed})
        events.emit(event)

    # -- the seed's functions ------------------------------------------------------------

    def add_movie(self, movie_data: Movie | Mapping[str, Any]) -> Movie:
        """Store a new movie and return it with its id and date_added.

        A status says whether you have seen a movie, not when: marking a movie Watched
        (here or in update_movie_status) logs no watch; log_watch does, and marks it.
        """
        movie = movie_data if isinstance(movie_data, Movie) else Movie.from_mapping(movie_data)
        movie = validate_movie(movie)
        added = datetime.now(timezone.utc)
        row = _movie_row(movie, added, self._key)
        try:
            with self._storage("add a movie"), self._writing() as conn:
                movie_id = conn.execute(
                    insert(movies).values(row).returning(movies.c.id)
                ).scalar_one()
                stored = _movie_by_id(conn, self._key, movie_id)
                assert stored is not None  # inserted just now, in this transaction
                event = events.Event.create(
                    events.MOVIE_ADDED,
                    movie_id=movie_id,
                    title=stored.title,
                    year=stored.year,
                    status=stored.status.value,
                    imdb_id=stored.imdb_id,
                )
                _record_change(conn, self._key, event)
        except _DuplicateImdbId:
            existing = self.find_by_imdb_id(movie.imdb_id or "") or movie
            raise DuplicateMovieError(existing) from None
        self._emit(event)
        return stored

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            return _movie_by_id(conn, self._key, movie_id)

    def get_all_movies(self) -> list[Movie]:
        return self.find_movies()

    def get_movies_by_status(self, status: Status | str) -> list[Movie]:
        return self.find_movies(status=Status.parse(status))

    def update_movie_status(self, movie_id: int, new_status: Status | str) -> bool:
        """Change a movie's status, logging no watch; False when there is no such movie or
        nothing changed."""
        status = Status.parse(new_status)
        with self._storage("change a movie's status"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, movie_id)
            if row is None or row["status"] == status.value:
                return False
            conn.execute(movies.update().where(movies.c.id == movie_id).values(status=status.value))
            event = events.Event.create(
                events.MOVIE_STATUS_CHANGED,
                movie_id=movie_id,
                title=row["title"],
                year=row["year"],
                previous_status=row["status"],
                status=status.value,
            )
            _record_change(conn, self._key, event)
        self._emit(event)
        return True

    def delete_movie(self, movie_id: int) -> bool:
        with self._storage("delete a movie"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return False
            # The foreign key cascades too; deleting here does not depend on SQLite's
            # foreign_keys pragma being on for whoever opened the file.
            conn.execute(watches.delete().where(watches.c.movie_id == movie_id))
            conn.execute(movies.delete().where(movies.c.id == movie_id))
            event = events.Event.create(
                events.MOVIE_DELETED,
                movie_id=movie_id,
                title=row["title"],
                year=row["year"],
                status=row["status"],
            )
            _record_change(conn, self._key, event)
        self._emit(event)
        return True

    # -- the diary: watches, ratings, details ----------------------------------------------

    def log_watch(self, watch: Watch) -> Watch | None:
        """Store a watch (its fields already clean); None when the movie is gone.

        A movie not yet Watched becomes Watched in the same transaction.
        """
        logged = datetime.now(timezone.utc)
        with self._storage("log a watch"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, watch.movie_id)
            if row is None:
                return None
            changes = []
            if row["status"] != Status.WATCHED.value:
                conn.execute(
                    movies.update()
                    .where(movies.c.id == watch.movie_id)
                    .values(status=Status.WATCHED.value)
                )
                changes.append(_status_changed(row, Status.WATCHED))
            watch_id = conn.execute(
                insert(watches).values(_watch_row(watch, logged, self._key)).returning(watches.c.id)
            ).scalar_one()
            stored = _recompute_rewatches(conn, watch.movie_id)[watch_id]
            changes.append(_watch_event(events.WATCH_LOGGED, row, stored))
            for change in changes:
                _record_change(conn, self._key, change)
        for change in changes:
            self._emit(change)
        return stored

    def get_watch(self, watch_id: int) -> Watch | None:
        with self._storage("read a watch"), self._reading() as conn:
            query = select(watches).where(watches.c.id == watch_id, watches.c.owner == self._key)
            row = conn.execute(query).mappings().first()
        return _watch_from_row(row) if row else None

    def find_watches(self, movie_id: int) -> list[Watch]:
        """A movie's watches, newest first: unknown dates last, then the latest logged."""
        query = (
            select(watches)
            .where(watches.c.movie_id == movie_id, watches.c.owner == self._key)
            .order_by(*_newest_watches())
        )
        with self._storage("read the diary"), self._reading() as conn:
            return [_watch_from_row(row) for row in conn.execute(query).mappings()]

    def update_watch(self, watch_id: int, changes: Mapping[str, Any]) -> Watch | None:
        """Change some of a watch's fields (watched_on, rating, review, tags, already clean);
        None when the watch is gone."""
        with self._storage("change a watch"), self._writing() as conn:
            found = _watch_row_to_change(conn, self._key, watch_id)
            if found is None:
                return None
            movie_row, _ = found
            values = _watch_values(changes)
            conn.execute(watches.update().where(watches.c.id == watch_id).values(values))
            stored = _recompute_rewatches(conn, movie_row["id"])[watch_id]
            event = _watch_event(events.WATCH_UPDATED, movie_row, stored, changed=sorted(values))
            _record_change(conn, self._key, event)
        self._emit(event)
        return stored

    def delete_watch(self, watch_id: int) -> Watch | None:
        """Delete a watch and return it as it was; None when it is already gone."""
        with self._storage("delete a watch"), self._writing() as conn:
            found = _watch_row_to_change(conn, self._key, watch_id)
            if found is None:
                return None
            movie_row, watch_row = found
            conn.execute(watches.delete().where(watches.c.id == watch_id))
            _recompute_rewatches(conn, movie_row["id"])
            deleted = _watch_from_row(watch_row)
            event = _watch_event(events.WATCH_DELETED, movie_row, deleted)
            _record_change(conn, self._key, event)
        self._emit(event)
        return deleted

    def rate_movie(self, movie_id: int, rating: float | None) -> Movie | None:
        """Set (or with None clear) your rating of a movie; None when the movie is gone.
        The same rating again changes nothing and writes no event."""
        with self._storage("rate a movie"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            event = None
            if row["rating"] != rating:
                conn.execute(movies.update().where(movies.c.id == movie_id).values(rating=rating))
                event = events.Event.create(
                    events.MOVIE_RATED,
                    movie_id=movie_id,
                    title=row["title"],
                    year=row["year"],
                    rating=rating,
                    previous_rating=row["rating"],
                )
                _record_change(conn, self._key, event)
            stored = _movie_by_id(conn, self._key, movie_id)
        if event is not None:
            self._emit(event)
        return stored

    def update_movie_details(self, movie_id: int, movie: Movie) -> Movie | None:
        """Edit details: title, year, director and genre from `movie` (validated here);
        None when the movie is gone."""
        movie = validate_movie(movie)
        with self._storage("edit a movie"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            values = {
                "title": movie.title,
                "year": movie.year,
                "director": movie.director,
                "genre": movie.genre,
                "search_key": _movie_search_key(movie),
                "genre_key": genre_key(movie.genre),
            }
            conn.execute(movies.update().where(movies.c.id == movie_id).values(values))
            event = events.Event.create(
                events.MOVIE_EDITED,
                movie_id=movie_id,
                title=movie.title,
                year=movie.year,
                previous_title=row["title"],
                previous_year=row["year"],
            )
            _record_change(conn, self._key, event)
            stored = _movie_by_id(conn, self._key, movie_id)
        self._emit(event)
        return stored

    def diary(
        self,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        oldest_first: bool = False,
    ) -> list[Watch]:
        """Watches across the library, each with its movie: newest first (unknown dates
        last), or with oldest_first the other way round; `year` keeps one year's."""
        order = _newest_watches()
        if oldest_first:
            order = [watches.c.watched_on.is_not(None), watches.c.watched_on, watches.c.id]
        query = _in_year(_diary_select(self._key), year).order_by(*order)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read the diary"), self._reading() as conn:
            return [_diary_entry(row) for row in conn.execute(query).mappings()]

    def count_diary(self, year: int | None = None) -> int:
        query = select(func.count()).select_from(watches).where(watches.c.owner == self._key)
        query = _in_year(query, year)
        with self._storage("read the diary"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def diary_years(self) -> list[int]:
        """The years that have dated watches, newest first."""
        year = func.substr(watches.c.watched_on, 1, 4)
        query = (
            select(year)
            .where(watches.c.owner == self._key, watches.c.watched_on.is_not(None))
            .distinct()
        )
        with self._storage("read the diary"), self._reading() as conn:
            return sorted((int(value) for value in conn.execute(query).scalars()), reverse=True)

    # -- diary statistics: each a GROUP BY, a few rows back --------------------------------

    def watches_by_month(self, year: int | None = None) -> list[tuple[str, int]]:
        """Dated watches per month watched ("2026-11"), oldest first."""
        month = func.substr(watches.c.watched_on, 1, 7)
        query = select(month, func.count()).where(
            watches.c.owner == self._key, watches.c.watched_on.is_not(None)
        )
        query = _in_year(query, year).group_by(month).order_by(month)
        with self._storage("count the diary"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(query)]

    def watch_minutes(self, year: int | None = None) -> tuple[int, int]:
        """(minutes watched: each watch counts its movie's runtime, watches whose movie has
        no runtime)."""
        query = select(
            func.coalesce(func.sum(movies.c.runtime_minutes), 0),
            func.count() - func.count(movies.c.runtime_minutes),
        ).select_from(watches.join(movies, watches.c.movie_id == movies.c.id))
        query = query.where(watches.c.owner == self._key)
        with self._storage("count the diary"), self._reading() as conn:
            minutes, unknown = conn.execute(_in_year(query, year)).one()
        return int(minutes), int(unknown)

    def count_by_rating(self) -> list[tuple[float, int]]:
        """How many movies you rated each number of stars (only the ratings given)."""
        query = (
            select(movies.c.rating, func.count())
            .where(movies.c.owner == self._key, movies.c.rating.is_not(None))
            .group_by(movies.c.rating)
            .order_by(movies.c.rating)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(float(rating), count) for rating, count in conn.execute(query)]

    def watches_by_director(self, year: int | None = None) -> list[tuple[str | None, int]]:
        """Watches per director text as stored; reports.py splits "A, B" lists."""
        return self._watches_by(movies.c.director, year)

    def watches_by_genre(self, year: int | None = None) -> list[tuple[str | None, int]]:
        return self._watches_by(movies.c.genre, year)

    def _watches_by(self, column: Any, year: int | None) -> list[tuple[str | None, int]]:
        query = (
            select(column, func.count())
            .select_from(watches.join(movies, watches.c.movie_id == movies.c.id))
            .where(watches.c.owner == self._key)
            .group_by(column)
        )
        with self._storage("count the diary"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(_in_year(query, year))]

    def year_counts(self, year: int) -> tuple[int, int, int]:
        """(distinct movies, watches, rewatches) in a year."""
        query = select(
            func.count(func.distinct(watches.c.movie_id)),
            func.count(),
            func.coalesce(func.sum(case((watches.c.rewatch, 1), else_=0)), 0),
        ).where(watches.c.owner == self._key)
        with self._storage("count the diary"), self._reading() as conn:
            films, count, rewatches = conn.execute(_in_year(query, year)).one()
        return int(films), int(count), int(rewatches)

    def top_rated(self, year: int, limit: int = 5) -> list[tuple[Movie, float]]:
        """The movies watched in a year with their best rating there (a watch's rating,
        else the movie's), highest first, then by title."""
        best = func.max(func.coalesce(watches.c.rating, movies.c.rating)).label("best")
        per_movie = (
            select(watches.c.movie_id, best)
            .select_from(watches.join(movies, watches.c.movie_id == movies.c.id))
            .where(watches.c.owner == self._key)
            .group_by(watches.c.movie_id)
        )
        query = _in_year(per_movie, year).subquery()
        ranked = (
            _movie_select()
            .add_columns(query.c.best)
            .join(query, query.c.movie_id == movies.c.id)
            .where(query.c.best.is_not(None))
            .order_by(query.c.best.desc(), movies.c.search_key, movies.c.id)
            .limit(limit)
        )
        with self._storage("count the diary"), self._reading() as conn:
            rows = conn.execute(ranked).mappings().all()
        return [(_movie_from_row(row), float(row["best"])) for row in rows]

    # -- queries the service needs beyond the seed ---------------------------------------

    def find_movies(
        self,
        status: Status | None = None,
        text: str = "",
        limit: int | None = None,
        offset: int = 0,
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
        sort: str = SORT_ADDED,
    ) -> list[Movie]:
        """Movies filtered by status, text (title, director, genre), one genre, a decade and
        whether you rated them; newest added first unless `sort` is one of MOVIE_SORTS."""
        query = _movie_select().where(movies.c.owner == self._key)
        query = _filtered(query, status, text, genre, decade, rated)
        query = query.order_by(*_movie_order(sort))
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read the library"), self._reading() as conn:
            return [_movie_from_row(row) for row in conn.execute(query).mappings()]

    def count_movies(
        self,
        status: Status | None = None,
        text: str = "",
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
    ) -> int:
        query = select(func.count()).select_from(movies).where(movies.c.owner == self._key)
        query = _filtered(query, status, text, genre, decade, rated)
        with self._storage("count the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def genres(self) -> list[str]:
        """Each genre name in the library's comma lists once, A to Z (case and accents
        ignored in telling them apart)."""
        query = (
            select(movies.c.genre)
            .where(movies.c.owner == self._key, movies.c.genre.is_not(None))
            .distinct()
        )
        with self._storage("read the library"), self._reading() as conn:
            return genre_names(conn.execute(query).scalars())

    def decades(self) -> list[int]:
        decade = (movies.c.year // 10) * 10
        query = (
            select(decade)
            .where(movies.c.owner == self._key, movies.c.year.is_not(None))
            .distinct()
            .order_by(decade)
        )
        with self._storage("read the library"), self._reading() as conn:
            return [int(value) for value in conn.execute(query).scalars()]

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            query = _movie_select().where(movies.c.owner == self._key, movies.c.imdb_id == imdb_id)
            row = conn.execute(query).mappings().first()
        return _movie_from_row(row) if row else None

    def count_by_status(self) -> dict[Status, int]:
        query = (
            select(movies.c.status, func.count())
            .where(movies.c.owner == self._key)
            .group_by(movies.c.status)
        )
        counts = dict.fromkeys(Status, 0)
        with self._storage("count the library"), self._reading() as conn:
            for status, count in conn.execute(query):
                counts[_status_from_db(status)] += count
        return counts

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        """Counts per genre text as stored ("Crime, Drama"); reports.py splits the lists."""
        query = (
            select(movies.c.genre, func.count())
            .where(movies.c.owner == self._key)
            .group_by(movies.c.genre)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(genre, count) for genre, count in conn.execute(query)]

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decade = ((movies.c.year // 10) * 10).label("decade")
        query = (
            select(decade, func.count())
            .where(movies.c.owner == self._key)
            .group_by(decade)
            .order_by(decade)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(query)]

    def library_version(self) -> int:
        """A number that grows with every change to the library, and only then.

        Every change (movies, watches, ratings) bumps it in its own transaction, so a reader
        can cache anything it computed from the library until this number moves, even when
        another process made the change. (The newest event's id would not do: PostgreSQL
        hands out ids in the order transactions start, not the order they commit.)
        """
        with self._storage("read the library"), self._reading() as conn:
            return _version_of(conn, self._key)

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        query = (
            select(event_rows)
            .where(event_rows.c.owner == self._key)
            .order_by(event_rows.c.id.desc())
            .limit(limit)
        )
        with self._storage("read the activity"), self._reading() as conn:
            return [_event_from_row(row) for row in conn.execute(query).mappings()]

    # -- importing -------------------------------------------------------------------------

    def import_snapshot(self) -> list[StoredMovie]:
        """Every movie as an import matches it, with its watches' keys: two queries."""
        with self._storage("read the library"), self._reading() as conn:
            return _stored_movies(conn, self._key)

    def apply_import(self, plan: ImportPlan, progress: Progress | None = None) -> ImportChanges:
        """Import a clean plan (merge.clean_plan) whole or not at all; what it did.

        The library is matched again inside the transaction, so what is written is right
        even when the library changed since the preview. New movies and watches go in with
        bulk inserts; the import is one change: one `import.completed` event, one new
        library version. An error, or `progress` raising, leaves the library as it was.
        """
        now = datetime.now(timezone.utc)
        with self._storage("import the export"), self._writing() as conn:
            # Imports take turns: the version row stays locked until this one commits.
            _lock_version(conn, self._key)
            changes = match(plan, _stored_movies(conn, self._key))
            steps = _Steps(len(changes.new_movies) + len(changes.updates), progress)
            movie_ids = _insert_movies(conn, self._key, changes.new_movies, now, steps)
            _update_movies(conn, changes.updates, steps)
            planned = [
                (movie_id, watch)
                for movie_id, movie in zip(movie_ids, changes.new_movies, strict=True)
                for watch in movie.watches
            ] + [(u.movie.id, watch) for u in changes.updates for watch in u.watches]
            _insert_watches(conn, self._key, planned, now)
            _recompute_rewatches_of(conn, self._key, {movie_id for movie_id, _ in planned})
            event = events.Event.create(
                events.IMPORT_COMPLETED, logging.INFO, **import_counts(plan, changes)
            )
            _record_change(conn, self._key, event)
        self._emit(event)
        return changes

    # -- filling in details from OMDb --------------------------------------------------------

    def movies_missing_details(self, limit: int) -> list[Movie]:
        """Movies without an IMDb ID or a poster that OMDb was never asked about, oldest
        first."""
        query = _missing_details(_movie_select().where(movies.c.owner == self._key))
        query = query.order_by(movies.c.id).limit(limit)
        with self._storage("read the library"), self._reading() as conn:
            return [_movie_from_row(row) for row in conn.execute(query).mappings()]

    def count_missing_details(self) -> int:
        query = select(func.count()).select_from(movies).where(movies.c.owner == self._key)
        query = _missing_details(query)
        with self._storage("count the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def fill_in_details(self, movie_id: int, changes: Mapping[str, Any]) -> Movie | None:
        """Fill in fields a movie lacks (`changes`: clean values, only fields now empty) and
        remember that OMDb was asked, found or not. One `movie.edited` event when anything
        was filled; none for a movie OMDb did not know. None when the movie is gone."""
        with self._storage("fill in a movie's details"), self._writing() as conn:
            row = _movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            values = {name: value for name, value in changes.items() if row[name] is None}
            if "imdb_id" in values and _imdb_id_taken(conn, self._key, values["imdb_id"]):
                del values["imdb_id"]  # another movie of the library is that film
            checked = datetime.now(timezone.utc).date().isoformat()
            event = None
            if values:
                text = Movie(
                    row["title"],
                    director=values.get("director", row["director"]),
                    genre=values.get("genre", row["genre"]),
                )
                values |= {
                    "search_key": _movie_search_key(text),
                    "genre_key": genre_key(text.genre),
                }
                event = events.Event.create(
                    events.MOVIE_EDITED,
                    movie_id=movie_id,
                    title=row["title"],
                    year=values.get("year", row["year"]),
                    filled_in=sorted(name for name in changes if name in values),
                )
                _record_change(conn, self._key, event)
            update = movies.update().where(movies.c.id == movie_id)
            conn.execute(update.values(details_checked_on=checked, **values))
            stored = _movie_by_id(conn, self._key, movie_id)
        if event is not None:
            self._emit(event)
        return stored

    # -- connections and errors ----------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._turn, self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._turn, self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _storage(self, operation: str) -> Iterator[None]:
        """Turn any database failure into a StorageError that tells the user what to do."""
        try:
            yield
        except IntegrityError as error:
            if "imdb_id" in str(error.orig):
                raise _DuplicateImdbId() from error
            raise self._failure(operation, error) from None
        except (SQLAlchemyError, ArgumentError) as error:
            raise self._failure(operation, error) from None
        except ModuleNotFoundError as error:
            raise self._failure(operation, error, _driver_advice(error.name, self._where)) from None
        except migrations.NewerLibraryError as error:
            raise self._failure(operation, error, _newer_library_advice(self._where)) from None

    def _failure(self, operation: str, error: Exception, advice: str = "") -> StorageError:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        events.record(
            events.DB_ERROR,
            logging.ERROR,
            operation=operation,
            database=self._where,
            error=type(error).__name__,
            reason=reason,
        )
        return StorageError(f"Could not {operation}: {advice or _advice(reason, self._where)}")


class _DuplicateImdbId(Exception):
    pass


def create_library_engine(database_url: str) -> Engine:
    """An engine for the library at database_url, set up for its kind of database."""
    url = make_url(database_url)
    engine = create_engine(url, **_engine_options(url))
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _engine_options(url: URL) -> dict[str, Any]:
    if url.get_backend_name() != "sqlite":
        # A server drops idle connections (restarts, timeouts): test each before use.
        return {"pool_pre_ping": True}
    if url.database in (None, "", ":memory:"):
        # One in-memory library for every thread, not one each (pysqlite's default).
        return {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    return {}


def _one_at_a_time(engine: Engine) -> AbstractContextManager[Any]:
    """Threads sharing one connection (the in-memory library) must not interleave their
    transactions on it: they take turns. Everywhere else each has its own connection."""
    return threading.RLock() if isinstance(engine.pool, StaticPool) else nullcontext()


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transactions out of pysqlite's hands so that writes can BEGIN IMMEDIATE: a
    # writer then waits for the lock (busy_timeout) instead of failing on upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _use_write_ahead_log(engine: Engine) -> None:
    """Readers then never wait for a writer; the mode stays with the file.

    Switched only once the schema is known to be ours, so a database this app refuses is
    left exactly as it was. A file that cannot switch now (read-only, or another process
    opening it at this very moment) keeps its mode and works as before.
    """
    connection = engine.raw_connection()
    try:
        connection.cursor().execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        log.warning("Could not switch the library to write-ahead logging: %s", error)
    finally:
        connection.close()


# -- importing -------------------------------------------------------------------------------

Progress = Callable[[int, int], object]
IMPORT_STEP = 500  # movies written between two progress reports


class _Steps:
    """Progress of an import: `progress(done, total)` after each step of movies."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)


def _chunks(items: Sequence[_T], size: int = IMPORT_STEP) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored_movies(conn: Connection, owner: str) -> list[StoredMovie]:
    keys: dict[int, list[WatchKey]] = {}
    query = select(
        watches.c.movie_id, watches.c.watched_on, watches.c.rating, watches.c.review
    ).where(watches.c.owner == owner)
    for movie_id, watched_on, rating, review in conn.execute(query):
        keys.setdefault(movie_id, []).append(watch_key(_parse_date(watched_on), rating, review))
    columns = [getattr(movies.c, name) for name in _STORED_COLUMNS]
    stored = []
    for row in conn.execute(select(*columns).where(movies.c.owner == owner)):
        movie_id, title, status, year, imdb_id, rating, director, genre = row[:8]
        runtime, poster, plot, actors, imdb_rating, language, country = row[8:]
        stored.append(
            StoredMovie(
                movie_id,
                title,
                _status_from_db(status),
                year,
                imdb_id,
                rating,
                director,
                genre,
                runtime,
                poster,
                plot,
                actors,
                imdb_rating,
                language,
                country,
                tuple(keys.get(movie_id, ())),
            )
        )
    return stored


# StoredMovie's fields, in its order.
_STORED_COLUMNS = (
    "id", "title", "status", "year", "imdb_id", "rating", "director", "genre",
    "runtime_minutes", "poster_url", "plot", "actors", "imdb_rating", "language", "country",
)  # fmt: skip


def _insert_movies(
    conn: Connection,
    owner: str,
    new_movies: Sequence[PlannedMovie],
    now: datetime,
    steps: _Steps,
) -> list[int]:
    """Insert the new movies in bulk; their ids, in the same order."""
    ids: list[int] = []
    statement = insert(movies).returning(movies.c.id, sort_by_parameter_order=True)
    for chunk in _chunks(new_movies):
        rows = [_movie_row(_planned_movie(movie), date_added(movie, now), owner) for movie in chunk]
        ids.extend(conn.execute(statement, rows).scalars().all())
        steps.advance(len(chunk))
    return ids


def _planned_movie(movie: PlannedMovie) -> Movie:
    return Movie(
        title=movie.title,
        status=movie.status,
        year=movie.year,
        director=movie.director,
        genre=movie.genre,
        imdb_id=movie.imdb_id,
        poster_url=movie.poster_url,
        rating=movie.rating,
        runtime_minutes=movie.runtime_minutes,
        plot=movie.plot,
        actors=movie.actors,
        imdb_rating=movie.imdb_rating,
        language=movie.language,
        country=movie.country,
    )


def _update_movies(conn: Connection, updates: Sequence[MovieUpdate], steps: _Steps) -> None:
    """Every changed movie with one executemany UPDATE (all columns an import may change)."""
    names = ("status", "rating", "imdb_id", *FILLED_FIELDS)
    statement = (
        movies.update()
        .where(movies.c.id == bindparam("movie_id"))
        .values({name: bindparam(f"new_{name}") for name in (*names, "search_key", "genre_key")})
    )
    for chunk in _chunks(updates):
        rows = []
        for update in chunk:
            row: dict[str, Any] = {f"new_{name}": update.value(name) for name in names}
            row["new_status"] = Status.parse(row["new_status"]).value
            text = Movie(update.movie.title, director=row["new_director"], genre=row["new_genre"])
            row |= {
                "movie_id": update.movie.id,
                "new_search_key": _movie_search_key(text),
                "new_genre_key": genre_key(row["new_genre"]),
            }
            rows.append(row)
        conn.execute(statement, rows)
        steps.advance(len(chunk))


def _insert_watches(
    conn: Connection, owner: str, planned: Sequence[tuple[int, PlannedWatch]], now: datetime
) -> None:
    rows = []
    for movie_id, watch in planned:
        logged = watch.logged_at or now
        row = _watch_row(
            Watch(movie_id, watch.watched_on, watch.rating, watch.review, watch.tags),
            logged,
            owner,
        )
        rows.append(row)
    for chunk in _chunks(rows):
        conn.execute(insert(watches), list(chunk))


def _recompute_rewatches_of(conn: Connection, owner: str, movie_ids: set[int]) -> None:
    """As _recompute_rewatches, for many movies with one read and one bulk write."""
    if not movie_ids:
        return
    query = (
        select(watches.c.id, watches.c.movie_id, watches.c.watched_on, watches.c.rewatch)
        .where(watches.c.owner == owner)
        .order_by(
            watches.c.movie_id,
            watches.c.watched_on.is_not(None),
            watches.c.watched_on,
            watches.c.logged_at,
            watches.c.id,
        )
    )
    seen: set[int] = set()
    flips = []
    for watch_id, movie_id, _watched_on, rewatch in conn.execute(query):
        if movie_id not in movie_ids:
            continue
        flag = movie_id in seen
        seen.add(movie_id)
        if bool(rewatch) != flag:
            flips.append({"watch_id": watch_id, "flag": flag})
    if flips:
        statement = (
            watches.update()
            .where(watches.c.id == bindparam("watch_id"))
            .values(rewatch=bindparam("flag"))
        )
        conn.execute(statement, flips)


IMPORT_COUNTS = (
    "movies_added", "movies_updated", "movies_unchanged", "watches_added", "ratings_added",
    "reviews_added", "watchlist_added", "skipped",
)  # fmt: skip


def import_counts(plan: ImportPlan, changes: ImportChanges) -> dict[str, object]:
    return {
        "source": plan.source,
        "movies_added": len(changes.new_movies),
        "movies_updated": len(changes.updates),
        "movies_unchanged": changes.unchanged,
        "watches_added": changes.watches_to_add,
        "ratings_added": changes.ratings_to_add,
        "reviews_added": changes.reviews_to_add,
        "watchlist_added": changes.watchlist_to_add,
        "skipped": len(plan.skipped),
    }


def _missing_details(query: Any) -> Any:
    return query.where(
        movies.c.imdb_id.is_(None) | movies.c.poster_url.is_(None),
        movies.c.details_checked_on.is_(None),
    )


def _imdb_id_taken(conn: Connection, owner: str, imdb_id: str) -> bool:
    query = select(movies.c.id).where(movies.c.owner == owner, movies.c.imdb_id == imdb_id)
    return conn.execute(query).first() is not None


def _on_sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _filtered(
    query: Any,
    status: Status | None,
    text_filter: str,
    genre: str | None = None,
    decade: int | None = None,
    rated: bool | None = None,
) -> Any:
    if status is not None:
        query = query.where(movies.c.status == Status.parse(status).value)
    for word in search_key(text_filter).split():
        query = query.where(movies.c.search_key.like(f"%{_like_escaped(word)}%", escape="\\"))
    wanted_genre = search_key(genre).strip()
    if wanted_genre:
        pattern = f"%,{_like_escaped(wanted_genre)},%"
        query = query.where(movies.c.genre_key.like(pattern, escape="\\"))
    if decade is not None:
        query = query.where(movies.c.year >= decade, movies.c.year < decade + 10)
    if rated is not None:
        query = query.where(movies.c.rating.is_not(None) if rated else movies.c.rating.is_(None))
    return query


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _last_watched() -> Any:
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


def _movie_select() -> Any:
    return select(movies, _last_watched().label("last_watched"))


def _movie_order(sort: str) -> list[Any]:
    """ORDER BY for a MOVIE_SORTS name; ties go newest added first."""
    last_watched = _last_watched()
    orders: dict[str, list[Any]] = {
        SORT_ADDED: [],
        SORT_TITLE: [movies.c.search_key],
        SORT_YEAR: [movies.c.year.is_(None), movies.c.year.desc()],
        SORT_RATING: [movies.c.rating.is_(None), movies.c.rating.desc()],
        SORT_LAST_WATCHED: [last_watched.is_(None), last_watched.desc()],
    }
    if sort not in orders:
        choices = ", ".join(MOVIE_SORTS)
        raise ValidationError("sort", f"Sort by one of {choices} (not {sort!r}).")
    return [*orders[sort], movies.c.date_added.desc(), movies.c.id.desc()]


def genre_key(genre: str | None) -> str:
    """ ",crime,drama,": each genre in OMDb's comma list by its search key, between commas,
    so LIKE '%,drama,%' finds one genre whatever its case and accents."""
    names = [search_key(name).strip() for name in (genre or "").split(",")]
    return "," + "".join(f"{name}," for name in names if name)


def genre_names(genre_lists: Iterable[str | None]) -> list[str]:
    """The distinct genre names in OMDb's comma lists, A to Z; of two spellings of one
    name, the one in the (code point) first list, whatever order the database gives."""
    names: dict[str, str] = {}
    for genre_list in sorted(text for text in genre_lists if text):
        for name in genre_list.split(","):
            if name.strip():
                names.setdefault(search_key(name.strip()), name.strip())
    return sorted(names.values(), key=search_key)


def _newest_watches() -> list[Any]:
    return [watches.c.watched_on.is_(None), watches.c.watched_on.desc(), watches.c.id.desc()]


def _in_year(query: Any, year: int | None) -> Any:
    """Only watches dated in `year`: a range on the text date, so the index serves it."""
    if year is None:
        return query
    return query.where(
        watches.c.watched_on >= f"{year:04d}-01-01", watches.c.watched_on <= f"{year:04d}-12-31"
    )


def _diary_select(owner: str) -> Any:
    movie_columns = [column.label(f"movie__{column.name}") for column in movies.c]
    return (
        select(watches, *movie_columns, _last_watched().label("movie__last_watched"))
        .select_from(watches.join(movies, watches.c.movie_id == movies.c.id))
        .where(watches.c.owner == owner)
    )


def _diary_entry(row: Mapping[Any, Any]) -> Watch:
    movie = {
        key[len("movie__") :]: value for key, value in row.items() if key.startswith("movie__")
    }
    return _watch_from_row(row, _movie_from_row(movie))


def _watch_row(watch: Watch, logged: datetime, owner: str) -> dict[str, Any]:
    return {
        "owner": owner,
        "movie_id": watch.movie_id,
        "logged_at": logged.isoformat(timespec="seconds"),
        "rewatch": False,
        **_watch_values(
            {
                "watched_on": watch.watched_on,
                "rating": watch.rating,
                "review": watch.review,
                "tags": watch.tags,
            }
        ),
    }


def _watch_values(changes: Mapping[Any, Any]) -> dict[str, Any]:
    values = dict(changes)
    if "watched_on" in values:
        values["watched_on"] = _iso_date(values["watched_on"])
    if "tags" in values:
        values["tags"] = json.dumps(list(values["tags"]), ensure_ascii=False)
    return values


def _watch_from_row(row: Mapping[Any, Any], movie: Movie | None = None) -> Watch:
    return Watch(
        id=row["id"],
        movie_id=row["movie_id"],
        watched_on=_parse_date(row["watched_on"]),
        rating=row["rating"],
        review=row["review"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        rewatch=bool(row["rewatch"]),
        logged_at=_parse_ts(row["logged_at"]),
        movie=movie,
    )


def _watch_row_to_change(
    conn: Connection, owner: str, watch_id: int
) -> tuple[RowMapping, RowMapping] | None:
    """The watch's movie row, locked (so its watches change one writer at a time), and the
    watch as it is once the lock is held; None when either is gone or is another owner's."""
    query = select(watches.c.movie_id).where(watches.c.id == watch_id, watches.c.owner == owner)
    movie_id = conn.execute(query).scalar_one_or_none()
    movie_row = _movie_row_to_change(conn, owner, movie_id) if movie_id is not None else None
    if movie_row is None:
        return None
    watch_row = conn.execute(select(watches).where(watches.c.id == watch_id)).mappings().first()
    return (movie_row, watch_row) if watch_row else None


def _recompute_rewatches(conn: Connection, movie_id: int) -> dict[int, Watch]:
    """Mark every watch of the movie but its first as a rewatch; the watches, by id.

    First means earliest: undated before dated (unknown counts as earliest), then by
    date, then the one logged first.
    """
    query = (
        select(watches)
        .where(watches.c.movie_id == movie_id)
        .order_by(
            watches.c.watched_on.is_not(None),
            watches.c.watched_on,
            watches.c.logged_at,
            watches.c.id,
        )
    )
    stored = {}
    for position, row in enumerate(conn.execute(query).mappings().all()):
        rewatch = position > 0
        if bool(row["rewatch"]) != rewatch:
            conn.execute(watches.update().where(watches.c.id == row["id"]).values(rewatch=rewatch))
        stored[row["id"]] = replace(_watch_from_row(row), rewatch=rewatch)
    return stored


def _status_changed(row: Mapping[Any, Any], status: Status) -> events.Event:
    return events.Event.create(
        events.MOVIE_STATUS_CHANGED,
        movie_id=row["id"],
        title=row["title"],
        year=row["year"],
        previous_status=row["status"],
        status=status.value,
    )


def _watch_event(
    name: str, movie_row: Mapping[Any, Any], watch: Watch, **extra: object
) -> events.Event:
    fields: dict[str, Any] = {
        "movie_id": movie_row["id"],
        "title": movie_row["title"],
        "year": movie_row["year"],
        "watch_id": watch.id,
        "watched_on": _iso_date(watch.watched_on),
        "rating": watch.rating,
        **extra,
    }
    return events.Event.create(name, **fields)


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _movie_by_id(conn: Connection, owner: str, movie_id: int) -> Movie | None:
    query = _movie_select().where(movies.c.id == movie_id, movies.c.owner == owner)
    row = conn.execute(query).mappings().first()
    return _movie_from_row(row) if row else None


def _movie_search_key(movie: Movie) -> str:
    """What text search looks in: title, director and genre, without case or accents."""
    return search_key(" ".join(part for part in (movie.title, movie.director, movie.genre) if part))


def _movie_row_to_change(conn: Connection, owner: str, movie_id: int) -> RowMapping | None:
    """The row as it is now, locked until this transaction ends.

    On PostgreSQL a second writer of the same movie waits here, then reads what the first
    one committed, so six simultaneous deletes make one change and one event. (SQLite has
    no row locks and needs none: its writers already take turns with BEGIN IMMEDIATE.)
    """
    query = select(movies).where(movies.c.id == movie_id, movies.c.owner == owner)
    query = query.with_for_update()
    return conn.execute(query).mappings().first()


def _movie_row(movie: Movie, added: datetime, owner: str) -> dict[str, Any]:
    return {
        "owner": owner,
        "title": movie.title,
        "year": movie.year,
        "director": movie.director,
        "genre": movie.genre,
        "status": movie.status.value,
        "imdb_id": movie.imdb_id,
        "poster_url": movie.poster_url,
        "date_added": added.isoformat(timespec="seconds"),
        "search_key": _movie_search_key(movie),
        "genre_key": genre_key(movie.genre),
        "rating": movie.rating,
        "runtime_minutes": movie.runtime_minutes,
        "plot": movie.plot,
        "actors": movie.actors,
        "imdb_rating": movie.imdb_rating,
        "language": movie.language,
        "country": movie.country,
    }


def _movie_from_row(row: Mapping[Any, Any]) -> Movie:
    return Movie(
        id=row["id"],
        title=row["title"],
        year=row["year"],
        director=row["director"],
        genre=row["genre"],
        status=_status_from_db(row["status"]),
        imdb_id=row["imdb_id"],
        poster_url=row["poster_url"],
        date_added=_parse_ts(row["date_added"]),
        rating=row["rating"],
        runtime_minutes=row["runtime_minutes"],
        plot=row["plot"],
        actors=row["actors"],
        imdb_rating=row["imdb_rating"],
        language=row["language"],
        country=row["country"],
        last_watched=_parse_date(row.get("last_watched")),
    )


def _record_change(conn: Connection, owner: str, event: events.Event) -> None:
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


def _lock_version(conn: Connection, owner: str) -> None:
    """The owner's version row, made if new, locked until this transaction ends: the
    owner's imports (and the hand-over of the local library) take turns on it."""
    statement = _dialect_insert(conn)(library_versions).values(owner=owner, version=0)
    conn.execute(statement.on_conflict_do_nothing(index_elements=["owner"]))
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    conn.execute(query.with_for_update())


def _dialect_insert(conn: Connection) -> Any:
    """INSERT with ON CONFLICT, which both databases the library runs on have."""
    return postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert


def _version_of(conn: Connection, owner: str) -> int:
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    return int(conn.execute(query).scalar_one_or_none() or 0)


def _has_rows(conn: Connection, owner: str, *, movies_only: bool = False) -> bool:
    tables = (movies,) if movies_only else (movies, watches, event_rows)
    return any(
        conn.execute(select(table.c.id).where(table.c.owner == owner).limit(1)).first()
        for table in tables
    )


def _event_from_row(row: Mapping[Any, Any]) -> LibraryEvent:
    details = json.loads(row["details"] or "{}")
    previous = details.get("previous_status")
    return LibraryEvent(
        id=row["id"],
        name=row["name"],
        ts=_parse_ts(row["ts"]) or datetime.now(timezone.utc),
        movie_id=row["movie_id"],
        title=row["title"],
        year=details.get("year"),
        status=_status_from_db(row["status"]) if row["status"] else None,
        previous_status=_status_from_db(previous) if previous else None,
        rating=details.get("rating"),
        watched_on=_parse_date(details.get("watched_on")),
        source=details.get("source"),
        counts=tuple(
            (key, value)
            for key, value in details.items()
            if key in IMPORT_COUNTS and isinstance(value, int)
        ),
    )


def _status_from_db(value: str) -> Status:
    return Status.WATCHED if value == Status.WATCHED.value else Status.WANT_TO_WATCH


def _parse_ts(value: str | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _describe(database_url: str) -> str:
    """Where the library is, for messages: the file path, never a password."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        return "the configured DATABASE_URL"
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    return url.render_as_string(hide_password=True)


def _advice(reason: str, where: str) -> str:
    lowered = reason.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return (
            f"the library file {where} is damaged or is not a Movie Tracker database. "
            "Restore it from a backup, or point DATABASE_URL at another file."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return (
            f"the library file {where} is read-only. Make it (and its folder) writable, "
            "or point DATABASE_URL at a writable place."
        )
    if "unable to open" in lowered:
        return (
            f"the library file {where} cannot be opened. Check that its folder exists and "
            "is writable, or point DATABASE_URL at another place."
        )
    if "locked" in lowered or "busy" in lowered:
        return "the library is busy with another change. Try again in a moment."
    if "could not parse" in lowered or "can't load plugin" in lowered:
        return "DATABASE_URL is not a database address. Use a form like sqlite:///movies.db."
    return f"the database answered: {reason}. Nothing was changed; try again."


# The pip command for a database driver, where it is not just the driver's module name.
_DRIVER_INSTALLS = {
    "psycopg": '"movie-tracker[postgres]"',
    "pymysql": "PyMySQL",
    "MySQLdb": "mysqlclient",
}


def _driver_advice(module: str | None, where: str) -> str:
    driver = (module or "").split(".")[0] or "its database driver"
    return (
        f"DATABASE_URL {where} needs the Python package {driver}, which is not installed. "
        f"Install it with pip install {_DRIVER_INSTALLS.get(driver, driver)}, "
        "or point DATABASE_URL at another database."
    )


def _newer_library_advice(where: str) -> str:
    return (
        f"the library {where} was written by a newer version of Movie Tracker, which this "
        "one cannot read. Nothing was changed. Upgrade Movie Tracker to open it, or point "
        "DATABASE_URL at another library."
    )
