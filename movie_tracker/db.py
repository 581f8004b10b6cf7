"""Data access: the schema and every query the app makes.

The schema's history lives in movie_tracker/migrations (Alembic); opening a library
upgrades it to the newest revision first.

SQLAlchemy Core, so the same queries run on SQLite (the default) and on a server database
named by DATABASE_URL. Every library change writes its row in the `events` table in the same
transaction, and is logged only after that transaction commits.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime, timezone
from typing import Any

from alembic import command
from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import URL, RowMapping, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from movie_tracker import events, migrations
from movie_tracker.config import DEFAULT_DATABASE_URL
from movie_tracker.models import LibraryEvent, Movie, Status, search_key, validate_movie

BUSY_TIMEOUT_MS = 30_000
# Alembic's `op` and `context` are module-wide proxies: two upgrades running at once in one
# process (two sessions opening the library) would each drive the other's migration. The
# switch to WAL needs the file to itself, so it waits its turn here too.
_ONE_UPGRADE_AT_A_TIME = threading.Lock()
log = logging.getLogger(__name__)

metadata = MetaData()
movies = Table(
    "movies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("director", Text),
    Column("genre", Text),
    Column("status", Text, nullable=False),
    Column("imdb_id", Text),
    Column("poster_url", Text),
    Column("date_added", Text, nullable=False),
    Column("year", Integer),
    Column("search_key", Text),
    sqlite_autoincrement=True,
)
MOVIE_INDEXES = (
    Index("ux_movies_imdb_id", movies.c.imdb_id, unique=True),
    Index("ix_movies_status", movies.c.status),
    Index("ix_movies_date_added", movies.c.date_added),
)
event_rows = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("movie_id", Integer),
    Column("title", Text),
    Column("status", Text),
    Column("details", Text, nullable=False),
    Index("ix_events_movie_id", "movie_id"),
    sqlite_autoincrement=True,
)
library_state = Table(
    "library_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("id = 1", name="ck_library_state_one_row"),
)


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
    """The seed's data access functions over one database."""

    def __init__(self, database_url: str = DEFAULT_DATABASE_URL) -> None:
        self.database_url = database_url
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

    # -- the seed's functions ------------------------------------------------------------

    def add_movie(self, movie_data: Movie | Mapping[str, Any]) -> Movie:
        """Store a new movie and return it with its id and date_added."""
        movie = movie_data if isinstance(movie_data, Movie) else Movie.from_mapping(movie_data)
        movie = validate_movie(movie)
        added = datetime.now(timezone.utc)
        row = _movie_row(movie, added)
        try:
            with self._storage("add a movie"), self._writing() as conn:
                movie_id = conn.execute(
                    insert(movies).values(row).returning(movies.c.id)
                ).scalar_one()
                stored = _movie_from_row({**row, "id": movie_id})
                event = events.Event.create(
                    events.MOVIE_ADDED,
                    movie_id=movie_id,
                    title=stored.title,
                    year=stored.year,
                    status=stored.status.value,
                    imdb_id=stored.imdb_id,
                )
                _record_change(conn, event)
        except _DuplicateImdbId:
            existing = self.find_by_imdb_id(movie.imdb_id or "") or movie
            raise DuplicateMovieError(existing) from None
        events.emit(event)
        return stored

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            row = _movie_row_by_id(conn, movie_id)
        return _movie_from_row(row) if row else None

    def get_all_movies(self) -> list[Movie]:
        return self.find_movies()

    def get_movies_by_status(self, status: Status | str) -> list[Movie]:
        return self.find_movies(status=Status.parse(status))

    def update_movie_status(self, movie_id: int, new_status: Status | str) -> bool:
        """Change a movie's status; False when there is no such movie or nothing changed."""
        status = Status.parse(new_status)
        with self._storage("change a movie's status"), self._writing() as conn:
            row = _movie_row_to_change(conn, movie_id)
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
            _record_change(conn, event)
        events.emit(event)
        return True

    def delete_movie(self, movie_id: int) -> bool:
        with self._storage("delete a movie"), self._writing() as conn:
            row = _movie_row_to_change(conn, movie_id)
            if row is None:
                return False
            conn.execute(movies.delete().where(movies.c.id == movie_id))
            event = events.Event.create(
                events.MOVIE_DELETED,
                movie_id=movie_id,
                title=row["title"],
                year=row["year"],
                status=row["status"],
            )
            _record_change(conn, event)
        events.emit(event)
        return True

    # -- queries the service needs beyond the seed ---------------------------------------

    def find_movies(
        self,
        status: Status | None = None,
        text: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Movie]:
        """Movies newest first, filtered by status and by text in title, director or genre."""
        query = _filtered(select(movies), status, text)
        query = query.order_by(movies.c.date_added.desc(), movies.c.id.desc())
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read the library"), self._reading() as conn:
            return [_movie_from_row(row) for row in conn.execute(query).mappings()]

    def count_movies(self, status: Status | None = None, text: str = "") -> int:
        query = _filtered(select(func.count()).select_from(movies), status, text)
        with self._storage("count the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            row = conn.execute(select(movies).where(movies.c.imdb_id == imdb_id)).mappings().first()
        return _movie_from_row(row) if row else None

    def movie_labels(self) -> list[tuple[int, str, int | None]]:
        """(id, title, year) of every movie, newest first: cheap enough for a picker."""
        query = select(movies.c.id, movies.c.title, movies.c.year).order_by(
            movies.c.date_added.desc(), movies.c.id.desc()
        )
        with self._storage("read the library"), self._reading() as conn:
            return [(row.id, row.title, row.year) for row in conn.execute(query)]

    def count_by_status(self) -> dict[Status, int]:
        query = select(movies.c.status, func.count()).group_by(movies.c.status)
        counts = dict.fromkeys(Status, 0)
        with self._storage("count the library"), self._reading() as conn:
            for status, count in conn.execute(query):
                counts[_status_from_db(status)] += count
        return counts

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        """Counts per genre text as stored ("Crime, Drama"); reports.py splits the lists."""
        query = select(movies.c.genre, func.count()).group_by(movies.c.genre)
        with self._storage("count the library"), self._reading() as conn:
            return [(genre, count) for genre, count in conn.execute(query)]

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decade = ((movies.c.year // 10) * 10).label("decade")
        query = select(decade, func.count()).group_by(decade).order_by(decade)
        with self._storage("count the library"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(query)]

    def watched_by_month(self) -> list[tuple[str, int]]:
        """How many of the movies now watched were marked watched in each month ("2026-11").

        A movie's month is the last time it was added or marked as Watched; movies from
        before the events table existed fall back to their date_added.
        """
        watched_at = (
            select(
                func.substr(
                    func.coalesce(func.max(event_rows.c.ts), movies.c.date_added), 1, 7
                ).label("month"),
            )
            .select_from(
                movies.outerjoin(
                    event_rows,
                    (event_rows.c.movie_id == movies.c.id)
                    & (event_rows.c.status == Status.WATCHED.value)
                    & event_rows.c.name.in_([events.MOVIE_ADDED, events.MOVIE_STATUS_CHANGED]),
                )
            )
            .where(movies.c.status == Status.WATCHED.value)
            .group_by(movies.c.id, movies.c.date_added)
            .subquery()
        )
        query = (
            select(watched_at.c.month, func.count())
            .group_by(watched_at.c.month)
            .order_by(watched_at.c.month)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(month, count) for month, count in conn.execute(query)]

    def library_version(self) -> int:
        """A number that grows with every change to the library, and only then.

        Every add, status change and delete bumps it in its own transaction, so a reader
        can cache anything it computed from the library until this number moves, even when
        another process made the change. (The newest event's id would not do: PostgreSQL
        hands out ids in the order transactions start, not the order they commit.)
        """
        query = select(library_state.c.version)
        with self._storage("read the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        query = select(event_rows).order_by(event_rows.c.id.desc()).limit(limit)
        with self._storage("read the activity"), self._reading() as conn:
            return [_event_from_row(row) for row in conn.execute(query).mappings()]

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


def _on_sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _filtered(query: Any, status: Status | None, text_filter: str) -> Any:
    if status is not None:
        query = query.where(movies.c.status == Status.parse(status).value)
    for word in search_key(text_filter).split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(movies.c.search_key.like(pattern, escape="\\"))
    return query


def _movie_search_key(movie: Movie) -> str:
    """What text search looks in: title, director and genre, without case or accents."""
    return search_key(" ".join(part for part in (movie.title, movie.director, movie.genre) if part))


def _movie_row_by_id(conn: Connection, movie_id: int) -> RowMapping | None:
    return conn.execute(select(movies).where(movies.c.id == movie_id)).mappings().first()


def _movie_row_to_change(conn: Connection, movie_id: int) -> RowMapping | None:
    """The row as it is now, locked until this transaction ends.

    On PostgreSQL a second writer of the same movie waits here, then reads what the first
    one committed, so six simultaneous deletes make one change and one event. (SQLite has
    no row locks and needs none: its writers already take turns with BEGIN IMMEDIATE.)
    """
    query = select(movies).where(movies.c.id == movie_id).with_for_update()
    return conn.execute(query).mappings().first()


def _movie_row(movie: Movie, added: datetime) -> dict[str, Any]:
    return {
        "title": movie.title,
        "year": movie.year,
        "director": movie.director,
        "genre": movie.genre,
        "status": movie.status.value,
        "imdb_id": movie.imdb_id,
        "poster_url": movie.poster_url,
        "date_added": added.isoformat(timespec="seconds"),
        "search_key": _movie_search_key(movie),
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
    )


def _record_change(conn: Connection, event: events.Event) -> None:
    """The change's event row and a new library version, in the change's transaction."""
    conn.execute(library_state.update().values(version=library_state.c.version + 1))
    fields = dict(event.fields)
    conn.execute(
        insert(event_rows).values(
            ts=event.ts.isoformat(timespec="seconds"),
            name=event.name,
            movie_id=fields.get("movie_id"),
            title=fields.get("title"),
            status=fields.get("status"),
            details=json.dumps(fields, default=str),
        )
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
