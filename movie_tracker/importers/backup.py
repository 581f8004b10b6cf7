"""Movie Tracker's own backup (exporters.backup_json): a versioned JSON document.

It holds every field of every movie (OMDb's details, the moment it was added, the day OMDb
was asked about it) and every watch with the moment it was logged, since version 2 the
Activity history, since version 3 each watch's precision (its `watched_on` is the day
that places it: a month's or a year's last day), and since version 4 the lists and the
watchlist's order, so restoring it into an empty library gives back the same library.
Versions 1 (no history, no keys), 2 (every watch to the day) and 3 (no lists) still read.
Fields are checked by the models' rules when
the plan is cleaned, like any import's; a movie, watch or event this reader cannot make
sense of is skipped with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker import events
from movie_tracker.importers._files import Member
from movie_tracker.importers.plan import (
    UNREADABLE,
    ImportPlan,
    PlannedEvent,
    PlannedList,
    PlannedListEntry,
    PlannedMovie,
    PlannedWatch,
    Skipped,
    UnreadableExport,
)
from movie_tracker.models import DatePrecision, Status, ValidationError

FORMAT = "movie-tracker-backup"
VERSION = 4
_MARK = b'"' + FORMAT.encode() + b'"'


def sniff(member: Member) -> bool:
    """A JSON object that names the backup format near its start."""
    start = member.data[:512]
    return start.lstrip()[:1] == b"{" and _MARK in start


def read(members: Sequence[Member]) -> ImportPlan:
    movies: list[PlannedMovie] = []
    skipped: list[Skipped] = []
    history: list[PlannedEvent] = []
    lists: list[PlannedList] = []
    watchlist: list[PlannedListEntry] = []
    for member in filter(sniff, members):
        document = _document(member)
        for position, item in enumerate(document["movies"], start=1):
            try:
                movies.append(_movie(item, member.name, position))
            except _UNREADABLE as error:
                skipped.append(_skip(member.name, f"movie {position}", error))
        for position, item in enumerate(document.get("events") or [], start=1):
            try:
                history.append(_event(item))
            except _UNREADABLE as error:
                skipped.append(_skip(member.name, f"event {position}", error))
        films = {movie.source_key: movie for movie in movies}
        for position, item in enumerate(document.get("lists") or [], start=1):
            try:
                lists.append(_list(item, films, member.name))
            except _UNREADABLE as error:
                skipped.append(_skip(member.name, f"list {position}", error))
        for key in document.get("watchlist") or []:
            if isinstance(key, int) and _key(key) in films:
                watchlist.append(_entry(films[_key(key)], "", None, member.name))
    return ImportPlan(
        "backup", tuple(movies), tuple(skipped), tuple(history), tuple(lists), tuple(watchlist)
    )


def _list(item: Mapping[str, Any], films: Mapping[str, PlannedMovie], file: str) -> PlannedList:
    """A list as the backup holds it; an entry of a movie the backup does not hold (one it
    skipped) is left for the cleaning to skip with its reason."""
    entries = []
    for entry in item.get("entries") or []:
        key = _key(_number(entry["movie"], int))
        film = films.get(key) or PlannedMovie(title=f"movie {entry['movie']}", source_key=key)
        entries.append(_entry(film, _text(entry.get("note")) or "", entry.get("added_at"), file))
    return PlannedList(
        name=_text(item["name"]) or "",
        description=_text(item.get("description")) or "",
        entries=tuple(entries),
        created_at=_moment(item.get("created_at")),
        file=file,
    )


def _entry(film: PlannedMovie, note: str, added_at: object, file: str) -> PlannedListEntry:
    return PlannedListEntry(
        title=film.title,
        year=film.year,
        imdb_id=film.imdb_id,
        source_key=film.source_key,
        note=note,
        added_at=_moment(added_at),
        file=file,
    )


_UNREADABLE = (ValidationError, TypeError, ValueError, KeyError, AttributeError)
_PARTS = ("events", "lists", "watchlist")
# The events a library records (the Activity's); not the app's own or OMDb's.
_HISTORY = frozenset(
    {
        events.MOVIE_ADDED,
        events.MOVIE_STATUS_CHANGED,
        events.MOVIE_DELETED,
        events.MOVIE_RATED,
        events.MOVIE_EDITED,
        events.WATCH_LOGGED,
        events.WATCH_UPDATED,
        events.WATCH_DELETED,
        events.IMPORT_COMPLETED,
        *events.LIST_EVENTS,
    }
)


def _skip(file: str, what: str, error: Exception) -> Skipped:
    reason = error.message if isinstance(error, ValidationError) else "not readable"
    return Skipped(file, None, f"{what}: {reason}", UNREADABLE)


def _document(member: Member) -> dict[str, Any]:
    try:
        document = json.loads(member.data)
    except (ValueError, RecursionError):
        raise UnreadableExport(f"{member.name} is a damaged Movie Tracker backup.") from None
    if not isinstance(document, dict) or not isinstance(document.get("movies"), list):
        raise UnreadableExport(f"{member.name} is a damaged Movie Tracker backup.")
    if not all(isinstance(document.get(part) or [], list) for part in _PARTS):
        raise UnreadableExport(f"{member.name} is a damaged Movie Tracker backup.")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise UnreadableExport(
            f"{member.name} was written by a newer version of Movie Tracker (backup version "
            f"{version}); upgrade Movie Tracker to restore it."
        )
    return document


def _movie(item: Mapping[str, Any], file: str, position: int) -> PlannedMovie:
    if not isinstance(item, Mapping):
        raise ValidationError("movie", "not a movie")
    watches = item.get("watches") or []
    checked = _text(item.get("details_checked_on"))
    key = _number(item.get("key"), int)
    return PlannedMovie(
        title=_text(item["title"]) or "",
        year=_number(item.get("year"), int),
        imdb_id=_text(item.get("imdb_id")),
        status=Status.parse(item.get("status")),
        rating=_number(item.get("rating"), float),
        watches=tuple(_watch(watch, file) for watch in watches),
        directors=_names(item.get("director")),
        genres=_names(item.get("genre")),
        runtime_minutes=_number(item.get("runtime_minutes"), int),
        added_at=_moment(item.get("date_added")),
        file=file,
        line=None,
        poster_url=_text(item.get("poster_url")),
        plot=_text(item.get("plot")),
        actors=_text(item.get("actors")),
        imdb_rating=_number(item.get("imdb_rating"), float),
        language=_text(item.get("language")),
        country=_text(item.get("country")),
        details_checked_on=date.fromisoformat(checked) if checked else None,
        # a version 1 backup names its movies by their place in it
        source_key=_key(key if key is not None else position),
    )


def _watch(item: Mapping[str, Any], file: str) -> PlannedWatch:
    if not isinstance(item, Mapping):
        raise ValidationError("watch", "a watch that is not readable")
    watched_on = _text(item.get("watched_on"))
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise ValidationError("tags", "tags that are not a list")
    key = _number(item.get("key"), int)
    seen_before = item.get("seen_before", False)
    if not isinstance(seen_before, bool):
        raise ValidationError("seen_before", f"{seen_before!r} is not true or false")
    return PlannedWatch(
        watched_on=date.fromisoformat(watched_on) if watched_on else None,
        rating=_number(item.get("rating"), float),
        review=_text(item.get("review")) or "",
        tags=tuple(str(tag) for tag in tags),
        rewatch=seen_before,
        file=file,
        logged_at=_moment(item.get("logged_at")),
        source_key=_key(key, "watch") if key is not None else "",
        precision=DatePrecision.parse(item.get("precision")),
    )


def _event(item: Mapping[str, Any]) -> PlannedEvent:
    """One event of the history, as the library recorded it; refused unless it is a
    library change the app knows, at a known moment."""
    name, ts, details = item["name"], _moment(item["ts"]), item.get("details") or {}
    if name not in _HISTORY or ts is None or not isinstance(details, Mapping):
        raise ValidationError("event", "not an event of the library")
    movie, watch = _number(item.get("movie"), int), _number(item.get("watch"), int)
    return PlannedEvent(
        ts=ts,
        name=name,
        title=_text(item.get("title")),
        status=_text(item.get("status")),
        details=dict(details),
        movie_key=_key(movie) if movie is not None else None,
        watch_key=_key(watch, "watch") if watch is not None else None,
    )


def _key(number: int, kind: str = "movie") -> str:
    return f"backup:{number}" if kind == "movie" else f"backup:{kind} {number}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError("text", f"{value!r} is not text")
    return value


def _number(value: object, kind: type[int] | type[float]) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError("number", f"{value!r} is not a number")
    return kind(value)


def _names(value: object) -> tuple[str, ...]:
    """The text as it was stored, as one name: PlannedMovie joins names back unchanged."""
    text = _text(value)
    return (text,) if text else ()


def _moment(value: object) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
