"""The event catalogue and the structured logging every event goes through.

An event is one log record with a fixed name and its fields. Library changes are also
stored in the `events` table by the store, in the same transaction as the change; this module
only names, builds, redacts and logs them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TextIO

APP_STARTED = "app.started"
MOVIE_ADDED = "movie.added"
MOVIE_STATUS_CHANGED = "movie.status_changed"
MOVIE_DELETED = "movie.deleted"
MOVIE_RATED = "movie.rated"
MOVIE_EDITED = "movie.edited"
WATCH_LOGGED = "watch.logged"
WATCH_UPDATED = "watch.updated"
WATCH_DELETED = "watch.deleted"
IMPORT_COMPLETED = "import.completed"
OMDB_REQUEST = "omdb.request"
OMDB_SUCCESS = "omdb.success"
OMDB_FAILURE = "omdb.failure"
DB_ERROR = "db.error"
LIBRARY_CLAIMED = "library.claimed"
LIST_CREATED = "list.created"
LIST_RENAMED = "list.renamed"
LIST_DESCRIBED = "list.described"
LIST_DELETED = "list.deleted"
LIST_FILM_ADDED = "list.film_added"
LIST_FILM_REMOVED = "list.film_removed"
LIST_NOTE_CHANGED = "list.note_changed"
LIST_REORDERED = "list.reordered"
WATCHLIST_REORDERED = "watchlist.reordered"
SHARE_CREATED = "share.created"
SHARE_REVOKED = "share.revoked"
# The changes to a person's lists and watchlist order (each with its events row).
LIST_EVENTS = frozenset(
    {
        LIST_CREATED,
        LIST_RENAMED,
        LIST_DESCRIBED,
        LIST_DELETED,
        LIST_FILM_ADDED,
        LIST_FILM_REMOVED,
        LIST_NOTE_CHANGED,
        LIST_REORDERED,
        WATCHLIST_REORDERED,
    }
)

CATALOGUE = frozenset(
    {
        APP_STARTED,
        MOVIE_ADDED,
        MOVIE_STATUS_CHANGED,
        MOVIE_DELETED,
        MOVIE_RATED,
        MOVIE_EDITED,
        WATCH_LOGGED,
        WATCH_UPDATED,
        WATCH_DELETED,
        IMPORT_COMPLETED,
        OMDB_REQUEST,
        OMDB_SUCCESS,
        OMDB_FAILURE,
        DB_ERROR,
        LIBRARY_CLAIMED,
        *LIST_EVENTS,
        SHARE_CREATED,
        SHARE_REVOKED,
    }
)

LOGGER_NAME = "movie_tracker"
logger = logging.getLogger(f"{LOGGER_NAME}.events")

REDACTED = "REDACTED"
_API_KEY_IN_TEXT = re.compile(r"(apikey=)[^&\s'\"]+", re.IGNORECASE)
_secrets: set[str] = set()


@dataclass(frozen=True)
class Event:
    name: str
    ts: datetime
    fields: Mapping[str, object] = field(default_factory=dict)
    level: int = logging.INFO

    @classmethod
    def create(cls, name: str, level: int = logging.INFO, **fields: object) -> Event:
        if name not in CATALOGUE:
            raise ValueError(f"{name!r} is not in the event catalogue")
        return cls(name, datetime.now(timezone.utc), redact_fields(fields), level)


def emit(event: Event) -> Event:
    """Log the event as one structured record."""
    logger.log(
        event.level,
        "%s",
        event.name,
        extra={"event": event.name, "event_ts": event.ts, "event_fields": dict(event.fields)},
    )
    return event


def record(name: str, level: int = logging.INFO, **fields: object) -> Event:
    """Build and log an event that has no row of its own (omdb.*, app.started, db.error)."""
    return emit(Event.create(name, level, **fields))


def register_secret(value: str | None) -> None:
    """Never let this value (the OMDb key) appear in an event, a log line or a message."""
    if value and len(value) >= 4:
        _secrets.add(value)


def redact(text: str) -> str:
    text = _API_KEY_IN_TEXT.sub(rf"\g<1>{REDACTED}", text)
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def redact_fields(fields: Mapping[str, object]) -> dict[str, object]:
    return {key: _redact_value(value) for key, value in fields.items()}


def _redact_value(value: object) -> object:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return redact_fields(value)
    if isinstance(value, (list, tuple)):
        return [_redact_value(item) for item in value]
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return redact(str(value))


class RedactingFilter(logging.Filter):
    """Last line of defence: scrub every record that reaches our handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        fields = getattr(record, "event_fields", None)
        if isinstance(fields, Mapping):
            record.__dict__["event_fields"] = redact_fields(fields)
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: event, ts, level and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "event": getattr(record, "event", None) or "log",
            "ts": _timestamp(record),
            "level": record.levelname,
        }
        fields = getattr(record, "event_fields", None)
        if fields:
            payload.update(fields)
        else:
            payload["message"] = record.getMessage()
            payload["logger"] = record.name
        if record.exc_text:
            payload["exception"] = record.exc_text
        return json.dumps(payload, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`2026-11-25T15:00:00+00:00 INFO movie.added title='Heat' year=1995`."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "event_fields", None) or {}
        parts = [_timestamp(record), record.levelname, record.getMessage()]
        parts += [f"{key}={value!r}" for key, value in fields.items()]
        line = " ".join(parts)
        if record.exc_text:
            line += "\n" + record.exc_text
        return line


def configure_logging(
    level: str = "INFO", log_format: str = "text", secrets: Iterable[str | None] = ()
) -> logging.Handler:
    """Send the app's records to stdout in the chosen format. Safe to call on every rerun."""
    for secret in secrets:
        register_secret(secret)
    root = logging.getLogger(LOGGER_NAME)
    handler = next((h for h in root.handlers if isinstance(h, _StdoutHandler)), None)
    if handler is None:
        handler = _StdoutHandler()
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.setLevel(level)
    return handler


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time, so replacing stdout never loses logs."""

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def _timestamp(record: logging.LogRecord) -> str:
    ts = getattr(record, "event_ts", None)
    if not isinstance(ts, datetime):
        ts = datetime.fromtimestamp(record.created, timezone.utc)
    return ts.isoformat(timespec="milliseconds")
