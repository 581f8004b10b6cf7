"""What goes wrong with a database, said so that a person knows what to do.

Every part of the store runs its queries inside `storage(operation, where)`, which turns any
database failure into a StorageError whose message says what to change, and logs it as a
`db.error` event (where the library is, never a password). Nothing was changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from movie_tracker import events
from movie_tracker.models import Movie


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


class DuplicateImdbId(StorageError):
    """A write broke the one-IMDb-ID-per-library rule: another change gave the same IMDb ID
    to a movie of the library at the same moment. Adding a movie turns it into a
    DuplicateMovieError naming that movie; any other writer raises it as it is, a
    StorageError whose message says what happened. Nothing was changed."""


class NewerLibraryError(Exception):
    """The database was written by a newer Movie Tracker, which this one cannot read."""


@contextmanager
def storage(operation: str, where: str) -> Iterator[None]:
    """Turn any database failure into a StorageError that tells the user what to do."""
    try:
        yield
    except IntegrityError as error:
        if "imdb_id" in str(error.orig):
            raise DuplicateImdbId(
                f"Could not {operation}: another change gave a movie in your library the "
                "same IMDb ID at the same moment. Nothing was changed; try again."
            ) from error
        raise failure(operation, where, error) from None
    except (SQLAlchemyError, ArgumentError) as error:
        raise failure(operation, where, error) from None
    except ModuleNotFoundError as error:
        raise failure(operation, where, error, _driver_advice(error.name, where)) from None
    except NewerLibraryError as error:
        raise failure(operation, where, error, _newer_library_advice(where)) from None


def failure(operation: str, where: str, error: Exception, advice: str = "") -> StorageError:
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    events.record(
        events.DB_ERROR,
        logging.ERROR,
        operation=operation,
        database=where,
        error=type(error).__name__,
        reason=reason,
    )
    return StorageError(f"Could not {operation}: {advice or _advice(reason, where)}")


def describe(database_url: str) -> str:
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
