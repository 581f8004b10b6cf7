"""Movie Tracker's own backup (exporters.backup_json): a versioned JSON document.

It holds every field of every movie (OMDb's details, the moment it was added) and every
watch with the moment it was logged, so restoring it into an empty library gives back the
same library. Fields are checked by the models' rules when the plan is cleaned, like any
import's; a movie or watch this reader cannot make sense of is skipped with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker.importers._files import Member
from movie_tracker.importers.plan import (
    UNREADABLE,
    ImportPlan,
    PlannedMovie,
    PlannedWatch,
    Skipped,
    UnreadableExport,
)
from movie_tracker.models import Status, ValidationError

FORMAT = "movie-tracker-backup"
VERSION = 1
_MARK = b'"' + FORMAT.encode() + b'"'


def sniff(member: Member) -> bool:
    """A JSON object that names the backup format near its start."""
    start = member.data[:512]
    return start.lstrip()[:1] == b"{" and _MARK in start


def read(members: Sequence[Member]) -> ImportPlan:
    movies: list[PlannedMovie] = []
    skipped: list[Skipped] = []
    for member in filter(sniff, members):
        document = _document(member)
        for position, item in enumerate(document["movies"], start=1):
            try:
                movies.append(_movie(item, member.name, position))
            except (ValidationError, TypeError, ValueError, KeyError) as error:
                reason = error.message if isinstance(error, ValidationError) else "not readable"
                skipped.append(
                    Skipped(member.name, None, f"movie {position}: {reason}", UNREADABLE)
                )
    return ImportPlan("backup", tuple(movies), tuple(skipped))


def _document(member: Member) -> dict[str, Any]:
    try:
        document = json.loads(member.data)
    except (ValueError, RecursionError):
        raise UnreadableExport(f"{member.name} is a damaged Movie Tracker backup.") from None
    if not isinstance(document, dict) or not isinstance(document.get("movies"), list):
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
        source_key=f"backup:{position}",
    )


def _watch(item: Mapping[str, Any], file: str) -> PlannedWatch:
    if not isinstance(item, Mapping):
        raise ValidationError("watch", "a watch that is not readable")
    watched_on = _text(item.get("watched_on"))
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise ValidationError("tags", "tags that are not a list")
    return PlannedWatch(
        watched_on=date.fromisoformat(watched_on) if watched_on else None,
        rating=_number(item.get("rating"), float),
        review=_text(item.get("review")) or "",
        tags=tuple(str(tag) for tag in tags),
        file=file,
        logged_at=_moment(item.get("logged_at")),
    )


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
