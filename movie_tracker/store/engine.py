"""The engine for a library, set up for its kind of database, and the upgrade at open.

SQLite: transactions are ours (writes BEGIN IMMEDIATE and wait up to BUSY_TIMEOUT_MS for the
lock), foreign keys on, write-ahead logging once the schema is known to be ours, and one
shared connection for an in-memory library. PostgreSQL (any server database): connections
tested before use. Opening a library upgrades it to the newest Alembic revision
(movie_tracker/migrations), one upgrade at a time per process and per database.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from movie_tracker.store.failures import NewerLibraryError

BUSY_TIMEOUT_MS = 30_000
SCRIPT_LOCATION = "movie_tracker:migrations"
LAST_VERSION_BEFORE_ALEMBIC = 2
UPGRADE_LOCK = 7_242_026  # any number of our own, for pg_advisory_xact_lock
# Alembic's `op` and `context` are module-wide proxies: two upgrades running at once in one
# process (two sessions opening the library) would each drive the other's migration. The
# switch to WAL needs the file to itself, so it waits its turn here too.
_ONE_UPGRADE_AT_A_TIME = threading.Lock()
log = logging.getLogger(__name__)


def create_library_engine(database_url: str) -> Engine:
    """An engine for the library at database_url, set up for its kind of database."""
    url = make_url(database_url)
    engine = create_engine(url, **_engine_options(url))
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def writer_of(engine: Engine) -> Engine:
    """The engine as writers use it: on SQLite their transactions BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def one_at_a_time(engine: Engine) -> AbstractContextManager[Any]:
    """Threads sharing one connection (the in-memory library) must not interleave their
    transactions on it: they take turns. Everywhere else each has its own connection."""
    return threading.RLock() if isinstance(engine.pool, StaticPool) else nullcontext()


def upgrade(engine: Engine, turn: AbstractContextManager[Any]) -> None:
    """Bring the database to the newest revision, in one transaction; then, on SQLite,
    switch the file to write-ahead logging."""
    with _ONE_UPGRADE_AT_A_TIME:
        with turn, writer_of(engine).begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        if engine.dialect.name == "sqlite":
            _use_write_ahead_log(engine)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's settings in code, so migrations run from an installed package too.

    With a connection, env.py migrates on it, inside the caller's transaction; without
    one, on DATABASE_URL. So a deployment with no alembic.ini can still upgrade:
    `alembic.command.upgrade(alembic_config(), "head")`.
    """
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def wait_for_other_upgrades(connection: Connection) -> None:
    """Let one app process at a time upgrade the database, until its transaction ends.

    SQLite writers already take turns (BEGIN IMMEDIATE). On PostgreSQL two processes
    starting on a new database would otherwise both create the tables, and one would fail.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})


def refuse_newer_library(connection: Connection, script: ScriptDirectory) -> None:
    """Raise NewerLibraryError, before anything is written, for a schema this app does not know."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables:
        known = {revision.revision for revision in script.walk_revisions()}
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        unknown = sorted(set(found) - known)
        if unknown:
            raise NewerLibraryError(f"it is at revision {', '.join(unknown)}")
    elif "schema_version" in tables:
        version = connection.execute(
            text("SELECT MAX(version) FROM schema_version")
        ).scalar_one_or_none()
        if version is not None and version > LAST_VERSION_BEFORE_ALEMBIC:
            raise NewerLibraryError(f"it is at schema version {version}")


def _engine_options(url: URL) -> dict[str, Any]:
    if url.get_backend_name() != "sqlite":
        # A server drops idle connections (restarts, timeouts): test each before use.
        return {"pool_pre_ping": True}
    if url.database in (None, "", ":memory:"):
        # One in-memory library for every thread, not one each (pysqlite's default).
        return {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    return {}


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transactions out of pysqlite's hands so that writes can BEGIN IMMEDIATE: a
    # writer then waits for the lock (busy_timeout) instead of failing on upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


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
