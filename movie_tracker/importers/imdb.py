"""IMDb exports: the ratings CSV and watchlist or list CSVs, in all three header generations.

Rows are keyed on `Const`, the IMDb id. `Your Rating` (1–10) becomes stars (0.5–5). A rated
list row counts as watched. Series, episodes, games and podcasts are skipped and counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from movie_tracker.importers._files import Member, first_row, member_rows
from movie_tracker.importers.plan import (
    NOT_A_MOVIE,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    PlannedMovie,
    Skipped,
)
from movie_tracker.models import IMDB_ID_PATTERN, Status

# Title Type, lower case without spaces, in the 2018 camelCase, 2024 display and legacy words.
MOVIE_TYPES = frozenset(
    {"movie", "featurefilm", "tvmovie", "video", "short", "tvshort", "tvspecial"}
)
SKIPPED_TYPES = {
    "tvseries": "TV series",
    "tvminiseries": "TV mini-series",
    "tvepisode": "TV episode",
    "videogame": "video game",
    "musicvideo": "music video",
    "podcastseries": "podcast",
    "podcastepisode": "podcast episode",
}

_YEAR = re.compile(r"\d{4}", re.ASCII)
_WHOLE = re.compile(r"\d+", re.ASCII)


def recognises(header: Sequence[str]) -> bool:
    names = {name.strip().lower() for name in header}
    return "const" in names and "title" in names


def sniff(member: Member) -> bool:
    header = first_row(member)
    return header is not None and recognises(header)


def read(members: Sequence[Member]) -> ImportPlan:
    """One plan from one or more IMDb CSVs (a ratings file and a watchlist, say)."""
    movies: dict[str, PlannedMovie] = {}
    skipped: list[Skipped] = []
    for member in members:
        if sniff(member):
            _read_file(member, movies, skipped)
        else:
            skipped.append(Skipped(member.name, None, "not an IMDb export file", NOT_IMPORTED))
    return ImportPlan("imdb", tuple(movies.values()), tuple(skipped))


def _read_file(member: Member, movies: dict[str, PlannedMovie], skipped: list[Skipped]) -> None:
    name = member.name
    rows = member_rows(member)
    header = next(rows)
    columns = {field.strip().lower(): index for index, field in enumerate(header.fields)}
    is_list = "position" in columns
    for row in rows:
        if len(row.fields) != len(header.fields):
            skipped.append(
                Skipped(
                    name,
                    row.line,
                    f"line {row.line} has {len(row.fields)} fields, expected {len(header.fields)}",
                    UNREADABLE,
                )
            )
            continue
        values = {column: row.fields[index].strip() for column, index in columns.items()}
        try:
            movie = _movie(values, is_list, name, row.line)
        except _Skip as skip:
            skipped.append(Skipped(name, row.line, skip.reason, skip.kind))
            continue
        assert movie.imdb_id is not None
        known = movies.get(movie.imdb_id)
        movies[movie.imdb_id] = movie if known is None else _merge(known, movie)


class _Skip(Exception):
    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


def _movie(values: dict[str, str], is_list: bool, file: str, line: int) -> PlannedMovie:
    kind = _get(values, "title type").replace(" ", "").lower()
    if kind in SKIPPED_TYPES:
        raise _Skip(f"{SKIPPED_TYPES[kind]}: not a movie", NOT_A_MOVIE)
    if kind and kind not in MOVIE_TYPES:
        raise _Skip(f"line {line}: unknown title type {_get(values, 'title type')!r}", UNREADABLE)
    const = _get(values, "const")
    if not IMDB_ID_PATTERN.fullmatch(const):
        raise _Skip(f"line {line}: {const!r} is not an IMDb id", UNREADABLE)
    title = _get(values, "original title") or _get(values, "title")
    if not title:
        raise _Skip(f"line {line}: the title is empty", UNREADABLE)
    rating = _rating(_get(values, "your rating", "you rated"), line)
    rated_on = _date(_get(values, "date rated", "date added"))
    added_on = rated_on if rating is not None or not is_list else None
    return PlannedMovie(
        title=title,
        year=_year(_get(values, "year")),
        imdb_id=const,
        status=Status.WANT_TO_WATCH if is_list and rating is None else Status.WATCHED,
        rating=rating,
        directors=_split(_get(values, "directors")),
        genres=tuple(_genre(genre) for genre in _split(_get(values, "genres"))),
        runtime_minutes=int(runtime)
        if _WHOLE.fullmatch(runtime := _get(values, "runtime (mins)"))
        else None,
        added_on=added_on or _date(_get(values, "created")),
        source_key=const,
        file=file,
        line=line,
    )


def _get(values: dict[str, str], *names: str) -> str:
    for name in names:
        if values.get(name):
            return values[name]
    return ""


def _rating(text: str, line: int) -> float | None:
    if not text:
        return None
    if not _WHOLE.fullmatch(text) or not 1 <= int(text) <= 10:
        raise _Skip(
            f"line {line}: the rating {text!r} is not a whole number from 1 to 10", UNREADABLE
        )
    return int(text) / 2


def _year(text: str) -> int | None:
    """The year, or a series' first year from a range like 2013–2023."""
    found = _YEAR.match(text)
    return int(found.group()) if found else None


def _date(text: str) -> date | None:
    """An ISO date, or a legacy ctime string like "Sat Apr 23 08:36:35 2011"."""
    for parse in (
        date.fromisoformat,
        lambda t: datetime.strptime(t, "%a %b %d %H:%M:%S %Y").date(),
    ):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _genre(text: str) -> str:
    """Legacy files write genres as "sci_fi"; newer ones as "Sci-Fi"."""
    if text.islower():
        return "-".join(word.capitalize() for word in text.split("_"))
    return text


def _merge(known: PlannedMovie, other: PlannedMovie) -> PlannedMovie:
    """The same Const twice (a ratings file and a watchlist): watched and rated win."""
    if known.status is Status.WATCHED and other.status is not Status.WATCHED:
        return known
    if other.status is Status.WATCHED and known.status is not Status.WATCHED:
        return other
    return replace(known, rating=known.rating if known.rating is not None else other.rating)
