"""Letterboxd's list files (`lists/<slug>.csv`, "Letterboxd list export v7").

A list file starts with a preamble: a first line `Letterboxd list export v7` (empty in
older exports), the header `Date,Name,Tags,URL,Description`, one row about the list (its
description may run over several lines), a blank line; then the header
`Position,Name,Year,URL,Description` and a row per film, whose URL is the film's
(boxd.it) and whose Description is the film's note in the list, paragraphs kept. The
list's name, description and date are kept; its tags and its own URL are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from itertools import dropwhile

from movie_tracker.importers._files import Member, Row, member_rows
from movie_tracker.importers.plan import (
    UNREADABLE,
    PlannedList,
    PlannedListEntry,
    PlannedMovie,
    Skipped,
)
from movie_tracker.models import Status

PREAMBLE = ("Date", "Name", "Tags", "URL", "Description")
ENTRIES = ("Position", "Name", "Year", "URL", "Description")


def is_list(header: tuple[str, ...]) -> bool:
    """Whether a file whose first non-blank row is `header` is a Letterboxd list."""
    return header == PREAMBLE or bool(header and header[0].startswith("Letterboxd list export"))


def wanted_film(entry: PlannedListEntry, listed: PlannedList) -> PlannedMovie:
    """A film only a list names, as the import adds it: Want to Watch, added on the day
    the list was made (the file says no later day of it), not at the import's moment."""
    return PlannedMovie(
        title=entry.title,
        year=entry.year,
        status=Status.WANT_TO_WATCH,
        added_on=listed.created_at.date() if listed.created_at else None,
        source_key=entry.source_key,
        file=entry.file,
        line=entry.line,
    )


def read_list(member: Member) -> tuple[PlannedList | None, list[Skipped]]:
    """The list a file holds, its films in their positions' order, and what was skipped;
    None (and why) for a file without a list row."""
    skipped: list[Skipped] = []
    rows = dropwhile(lambda row: tuple(row.fields) != PREAMBLE, member_rows(member))
    next(rows, None)
    about = next(rows, None)
    if about is None or len(about.fields) != len(PREAMBLE) or not about.fields[1].strip():
        skipped.append(Skipped(member.name, None, "a list file without its list", UNREADABLE))
        return None, skipped
    values = dict(zip(PREAMBLE, about.fields, strict=True))
    entries = sorted(_entries(member, rows, skipped), key=lambda pair: pair[0])
    planned = PlannedList(
        name=values["Name"].strip(),
        description=values["Description"],
        entries=tuple(entry for _, entry in entries),
        created_at=_day(values["Date"].strip()),
        file=member.name,
        line=about.line,
    )
    return planned, skipped


def _entries(
    member: Member, rows: Iterator[Row], skipped: list[Skipped]
) -> Iterator[tuple[tuple[int, int], PlannedListEntry]]:
    """((position, line), entry) for each film row after the entries' header."""
    for row in dropwhile(lambda row: tuple(row.fields) != ENTRIES, rows):
        if tuple(row.fields) == ENTRIES:
            continue
        why = _unreadable(row)
        if why:
            skipped.append(Skipped(member.name, row.line, f"line {row.line}: {why}", UNREADABLE))
            continue
        position, name, year, url, note = (field.strip() for field in row.fields)
        entry = PlannedListEntry(
            title=name,
            year=int(year) if year else None,
            source_key=url,
            note=note,
            file=member.name,
            line=row.line,
        )
        yield (int(position), row.line), entry


def _unreadable(row: Row) -> str | None:
    if len(row.fields) != len(ENTRIES):
        return f"{len(row.fields)} fields, expected {len(ENTRIES)}"
    position, name, year = (field.strip() for field in row.fields[:3])
    if not (position.isascii() and position.isdigit()):
        return f"the position {position!r} is not a number"
    if not name:
        return "the film has no name"
    if year and not (year.isascii() and year.isdigit()):
        return f"the year {year!r} is not a year"
    return None


def _day(text: str) -> datetime | None:
    """The day the list was made, as midnight UTC; None when it is not a date."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
