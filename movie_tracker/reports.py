"""The seed's Data Analyzer: turns the counts the database aggregates into reports.

The database does the counting (GROUP BY); this module only reshapes the few rows it gets
back, so it costs the same for ten movies as for ten thousand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from movie_tracker.models import RATING_CHOICES, DatePrecision, Status, Watch, WatchDate

UNKNOWN = "Unknown"
TOP = 10
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


@dataclass(frozen=True)
class DiaryStatistics:
    """The diary's charts, for one year or (year None) the whole diary.

    watches: every watch in the period (undated ones only when year is None);
    watches_by_month: ("2026-11", watches) by date watched, months without any as 0 (a
    watch dated only to a year is in none of them);
    rating_distribution: (stars, movies) for every half star 0.5 to 5, zeros included
    (movies' current ratings, whatever the year);
    top_directors, top_genres: (name, watches), at most 10, most first.
    """

    year: int | None = None
    watches: int = 0
    watches_by_month: tuple[tuple[str, int], ...] = ()
    minutes_watched: int = 0
    watches_without_runtime: int = 0
    rating_distribution: tuple[tuple[float, int], ...] = ()
    top_directors: tuple[tuple[str, int], ...] = ()
    top_genres: tuple[tuple[str, int], ...] = ()

    @property
    def hours_watched(self) -> float:
        return round(self.minutes_watched / 60, 1)

    @property
    def rated_movies(self) -> int:
        return sum(count for _stars, count in self.rating_distribution)

    @property
    def is_empty(self) -> bool:
        return self.watches == 0


@dataclass(frozen=True)
class RatedMovie:
    movie_id: int
    label: str  # "Heat (1995)"
    rating: float


@dataclass(frozen=True)
class DiaryMoment:
    """One watch as the year in review names it."""

    watched_on: date | None
    movie_id: int
    label: str
    precision: DatePrecision = DatePrecision.DAY

    @property
    def when(self) -> WatchDate | None:
        return WatchDate.of(self.watched_on, self.precision)

    @classmethod
    def of(cls, watch: Watch) -> DiaryMoment:
        label = watch.movie.label if watch.movie else ""
        return cls(watch.watched_on, watch.movie_id, label, watch.precision)


@dataclass(frozen=True)
class YearInReview:
    """A year of the diary; a year without watches is_empty, every count 0."""

    year: int
    films: int = 0  # distinct movies
    watches: int = 0
    rewatches: int = 0
    minutes_watched: int = 0
    watches_without_runtime: int = 0
    highest_rated: tuple[RatedMovie, ...] = ()  # up to 5, best first
    busiest_month: tuple[str, int] | None = None  # ("2026-11", watches)
    first_watch: DiaryMoment | None = None
    last_watch: DiaryMoment | None = None

    @property
    def is_empty(self) -> bool:
        return self.watches == 0

    @property
    def hours_watched(self) -> float:
        return round(self.minutes_watched / 60, 1)


def rating_distribution(rows: Iterable[tuple[float, int]]) -> tuple[tuple[float, int], ...]:
    """Every half star from 0.5 to 5 with its count, zeros included."""
    counted = dict(rows)
    return tuple((stars, counted.get(stars, 0)) for stars in RATING_CHOICES)


def top_names(
    rows: Iterable[tuple[str | None, int]], top: int = TOP
) -> tuple[tuple[str, int], ...]:
    """The most-watched names in comma lists (directors, genres), "Unknown" left out."""
    counted = [(name, count) for name, count in genre_counts(rows) if name != UNKNOWN]
    return tuple(counted[:top])


def busiest_month(rows: Iterable[tuple[str, int]]) -> tuple[str, int] | None:
    """The month with the most watches; the earliest of a tie."""
    months = sorted(rows, key=lambda item: (-item[1], item[0]))
    return months[0] if months else None


def genre_counts(rows: Iterable[tuple[str | None, int]]) -> tuple[tuple[str, int], ...]:
    """Split OMDb's genre lists ("Crime, Drama") so each movie counts once per genre
    (director lists too).

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
    """Watches per month by date watched ("2026-11"), in calendar order, months without any
    filled in."""
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
