"""Rows to models and back: what every part of the store reads and writes.

Dates are ISO text ('YYYY-MM-DD'), times ISO text in UTC to the second, tags a JSON list;
`search_key` and `genre_key` are what text search and the genre filter look in. A watch's
date is its placing day and its precision ('day', 'month', 'year': models/dates.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker.models import (
    DatePrecision,
    EventRecord,
    LibraryEvent,
    Movie,
    Status,
    Watch,
    search_key,
)

# The counts an `import.completed` event carries, in the order the Activity page shows them.
IMPORT_COUNTS = (
    "movies_added", "movies_updated", "movies_unchanged", "watches_added", "ratings_added",
    "reviews_added", "watchlist_added", "skipped", "lists_added", "lists_updated",
    "list_entries_added",
)  # fmt: skip


def movie_row(movie: Movie, added: datetime, owner: str) -> dict[str, Any]:
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
        "search_key": movie_search_key(movie),
        "genre_key": genre_key(movie.genre),
        "rating": movie.rating,
        "runtime_minutes": movie.runtime_minutes,
        "plot": movie.plot,
        "actors": movie.actors,
        "imdb_rating": movie.imdb_rating,
        "language": movie.language,
        "country": movie.country,
    }


def movie_from_row(row: Mapping[Any, Any]) -> Movie:
    return Movie(
        id=row["id"],
        title=row["title"],
        year=row["year"],
        director=row["director"],
        genre=row["genre"],
        status=status_from_db(row["status"]),
        imdb_id=row["imdb_id"],
        poster_url=row["poster_url"],
        date_added=parse_ts(row["date_added"]),
        rating=row["rating"],
        runtime_minutes=row["runtime_minutes"],
        plot=row["plot"],
        actors=row["actors"],
        imdb_rating=row["imdb_rating"],
        language=row["language"],
        country=row["country"],
        **last_watched(row.get("last_watched")),
    )


def last_watched(value: str | None) -> dict[str, Any]:
    """queries.last_watched's text, the placing day then the precision ("2015-03-31month"),
    as a Movie's two fields."""
    day = parse_date((value or "")[:10])
    precision = DatePrecision.parse((value or "")[10:] or None) if day else DatePrecision.DAY
    return {"last_watched": day, "last_watched_precision": precision}


def watch_row(watch: Watch, logged: datetime, owner: str) -> dict[str, Any]:
    return {
        "owner": owner,
        "movie_id": watch.movie_id,
        "logged_at": logged.isoformat(timespec="seconds"),
        "rewatch": False,
        "seen_before": watch.seen_before,
        **watch_values(
            {
                "watched_on": watch.watched_on,
                "precision": watch.precision,
                "rating": watch.rating,
                "review": watch.review,
                "tags": watch.tags,
            }
        ),
    }


def watch_values(changes: Mapping[Any, Any]) -> dict[str, Any]:
    """A watch's fields as columns: the date as text, its precision as watched_precision,
    the tags as JSON."""
    values = dict(changes)
    if "watched_on" in values:
        values["watched_on"] = iso_date(values["watched_on"])
    if "precision" in values:
        values["watched_precision"] = DatePrecision.parse(values.pop("precision")).value
    if "tags" in values:
        values["tags"] = json.dumps(list(values["tags"]), ensure_ascii=False)
    return values


def watch_from_row(row: Mapping[Any, Any], movie: Movie | None = None) -> Watch:
    return Watch(
        id=row["id"],
        movie_id=row["movie_id"],
        watched_on=parse_date(row["watched_on"]),
        rating=row["rating"],
        review=row["review"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        rewatch=bool(row["rewatch"]),
        logged_at=parse_ts(row["logged_at"]),
        movie=movie,
        seen_before=bool(row["seen_before"]),
        precision=DatePrecision.parse(row["watched_precision"]),
    )


def event_from_row(row: Mapping[Any, Any]) -> LibraryEvent:
    details = json.loads(row["details"] or "{}")
    previous = details.get("previous_status")
    return LibraryEvent(
        id=row["id"],
        name=row["name"],
        ts=parse_ts(row["ts"]) or datetime.now(timezone.utc),
        movie_id=row["movie_id"],
        title=row["title"],
        year=details.get("year"),
        status=status_from_db(row["status"]) if row["status"] else None,
        previous_status=status_from_db(previous) if previous else None,
        rating=details.get("rating"),
        **_event_date(details.get("watched_on"), details.get("precision")),
        source=details.get("source"),
        counts=tuple(
            (key, value)
            for key, value in details.items()
            if key in IMPORT_COUNTS and isinstance(value, int)
        ),
        list_name=details.get("list_name"),
        previous_name=details.get("previous_name"),
        position=details.get("position"),
        shared=details.get("shared"),
    )


def _event_date(watched_on: object, precision: object) -> dict[str, Any]:
    """A watch event's date: the placing day, and its precision when not to the day."""
    day = parse_date(watched_on) if isinstance(watched_on, str) else None
    try:
        known = DatePrecision.parse(precision) if day else DatePrecision.DAY
    except ValueError:
        known = DatePrecision.DAY
    return {"watched_on": day, "watched_precision": known}


def event_record(row: Mapping[Any, Any]) -> EventRecord:
    return EventRecord(
        ts=parse_ts(row["ts"]) or datetime.now(timezone.utc),
        name=row["name"],
        movie_id=row["movie_id"],
        title=row["title"],
        status=row["status"],
        details=json.loads(row["details"] or "{}"),
    )


def event_row(event: EventRecord, owner: str) -> dict[str, Any]:
    """The events row of a recorded event (as queries.record_change writes one)."""
    return {
        "owner": owner,
        "ts": event.ts.isoformat(timespec="seconds"),
        "name": event.name,
        "movie_id": event.movie_id,
        "title": event.title,
        "status": event.status,
        "details": json.dumps(dict(event.details), default=str),
    }


def movie_search_key(movie: Movie) -> str:
    """What text search looks in: title, director and genre, without case or accents."""
    return search_key(" ".join(part for part in (movie.title, movie.director, movie.genre) if part))


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


def status_from_db(value: str) -> Status:
    return Status.WATCHED if value == Status.WATCHED.value else Status.WANT_TO_WATCH


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def parse_ts(value: str | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
