"""The seed's Data Analyzer: turns the counts the database aggregates into reports.

The database does the counting (GROUP BY); this module only reshapes the few rows it gets
back, so it costs the same for ten movies as for ten thousand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from movie_tracker.models import Status

UNKNOWN = "Unknown"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class StatusCounts:
    watched: int = 0
    want_to_watch: int = 0

    @property
    def total(self) -> int:
        return self.watched + self.want_to_watch

    @classmethod
    def from_mapping(cls, counts: Mapping[Status, int]) -> StatusCounts:
        return cls(
            watched=counts.get(Status.WATCHED, 0),
            want_to_watch=counts.get(Status.WANT_TO_WATCH, 0),
        )


@dataclass(frozen=True)
class Statistics:
    """Everything the Statistics page shows. Each breakdown is (label, count) pairs."""

    counts: StatusCounts
    by_genre: tuple[tuple[str, int], ...] = ()
    by_decade: tuple[tuple[str, int], ...] = ()
    watched_by_month: tuple[tuple[str, int], ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.counts.total == 0


def genre_counts(rows: Iterable[tuple[str | None, int]]) -> tuple[tuple[str, int], ...]:
    """Split OMDb's genre lists ("Crime, Drama") so each movie counts once per genre.

    Most common first, ties alphabetical; movies without a genre count as "Unknown".
    """
    totals: Counter[str] = Counter()
    for genre_text, count in rows:
        names = {name.strip() for name in (genre_text or "").split(",") if name.strip()}
        for name in names or {UNKNOWN}:
            totals[name] += count
    return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def decade_counts(rows: Iterable[tuple[int | None, int]]) -> tuple[tuple[str, int], ...]:
    """Oldest decade first as "1990s"; movies without a year last, as "Unknown"."""
    rows = list(rows)
    known = sorted((decade, count) for decade, count in rows if decade is not None)
    unknown = sum(count for decade, count in rows if decade is None)
    labelled = [(f"{decade}s", count) for decade, count in known]
    if unknown:
        labelled.append((UNKNOWN, unknown))
    return tuple(labelled)


def month_counts(rows: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Watched movies per month ("2026-11"), in calendar order, months without any filled in."""
    counted = {month: count for month, count in rows if _MONTH.fullmatch(month or "")}
    if not counted:
        return ()
    months = sorted(counted)
    return tuple((month, counted.get(month, 0)) for month in _month_range(months[0], months[-1]))


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months
