"""The plan an importer makes from an export file: plain frozen dataclasses, nothing stored.

An ImportPlan says what the file holds, movie by movie, and what was left out and why. The
apply step (elsewhere) turns it into library rows; the preview shows its `summary`. A backup
of this app also carries what only a restore into an empty library writes: the day OMDb was
asked about each movie, and the Activity history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from movie_tracker.models import DatePrecision, EventRecord, Status

# What a person sees as the groups of skipped content in the preview.
NOT_A_MOVIE = "series and episodes"
DELETED = "deleted or orphaned content"
NOT_IMPORTED = "likes, comments and other files not imported"
ALREADY_WATCHED = "watchlist entries already watched"
UNREADABLE = "rows that cannot be read"

ACCEPTED_EXPORTS = (
    "a Letterboxd export (the ZIP, or its diary, watched, watchlist, ratings, reviews and "
    "list CSV files), an IMDb ratings, watchlist or list CSV, a Trakt export (the ZIP, or "
    "its JSON files), or a Movie Tracker backup"
)


class UnreadableExport(Exception):
    """A whole upload the importers refuse; the message is for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Skipped:
    """Something in the file that will not be imported.

    `line` is the line the row starts on in a CSV file (None for a whole file or a JSON
    item); `reason` says why in words a person understands; `kind` is the group the preview
    counts it under (one of the module's constants).
    """

    file: str
    line: int | None
    reason: str
    kind: str


@dataclass(frozen=True)
class PlannedWatch:
    """One viewing the file records: a diary entry, a review, a play in a history.
    `precision`: to the day, as every file but a backup of this app has it."""

    watched_on: date | None = None
    rating: float | None = None  # stars, 0.5 to 5 in half steps
    review: str = ""
    tags: tuple[str, ...] = ()
    # The file says the person had seen the film before (Letterboxd's Rewatch, a backup's
    # seen_before): stored as the watch's seen_before; the app derives rewatches itself.
    rewatch: bool = False
    file: str = ""
    line: int | None = None
    logged_at: datetime | None = None  # a backup's: when the watch was logged
    source_key: str = ""  # a backup's: names the watch for its history (PlannedEvent)
    precision: DatePrecision = DatePrecision.DAY


@dataclass(frozen=True)
class PlannedMovie:
    """One distinct film in the file, with everything the file says about it.

    `rating` is the current rating, in stars. `added_on` is the day the file says the film
    was marked watched, rated or put on the watchlist: never a viewing date. `source_key`
    names the film in its service (a Letterboxd URI, an IMDb Const, a Trakt id).
    """

    title: str
    year: int | None = None
    imdb_id: str | None = None
    status: Status = Status.WATCHED
    rating: float | None = None
    watches: tuple[PlannedWatch, ...] = ()
    directors: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    runtime_minutes: int | None = None
    added_on: date | None = None
    source_key: str = ""
    file: str = ""
    line: int | None = None
    # Only a backup of this app carries these: OMDb's details and the exact moment added.
    poster_url: str | None = None
    plot: str | None = None
    actors: str | None = None
    imdb_rating: float | None = None
    language: str | None = None
    country: str | None = None
    added_at: datetime | None = None
    details_checked_on: date | None = None  # the day OMDb was asked about it, found or not

    @property
    def director(self) -> str | None:
        """The directors as the library's Movie holds them: one text, comma-separated."""
        return ", ".join(self.directors) or None

    @property
    def genre(self) -> str | None:
        return ", ".join(self.genres) or None


@dataclass(frozen=True)
class PlannedListEntry:
    """A film in a list the file holds (or in its watchlist's order), named as the file names
    it: `source_key`, `imdb_id`, `title` and `year` find it among the plan's movies (the
    importer puts every film a list names in the plan) and then in the library. `note` is
    what the list says of it; a backup's entry also knows when it was added."""

    title: str
    year: int | None = None
    imdb_id: str | None = None
    source_key: str = ""
    note: str = ""
    added_at: datetime | None = None
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class PlannedList:
    """A list the file holds: its name, its description and its films in order."""

    name: str
    description: str = ""
    entries: tuple[PlannedListEntry, ...] = ()
    created_at: datetime | None = None  # a backup's: when the list was made
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Summary:
    """The counts the preview shows before anything is written."""

    movies: int
    watched: int
    watchlist: int
    watches: int
    ratings: int  # movies with a current rating
    reviews: int  # watches with a review
    skipped: tuple[tuple[str, int], ...]  # (kind, how many), in a fixed order
    lists: int = 0
    list_entries: int = 0

    @property
    def skipped_total(self) -> int:
        return sum(count for _, count in self.skipped)


_KIND_ORDER = (NOT_A_MOVIE, DELETED, NOT_IMPORTED, ALREADY_WATCHED, UNREADABLE)


@dataclass(frozen=True)
class PlannedEvent:
    """One event of a backup's Activity history, oldest first, written with its own time.

    `movie_key` and `watch_key` are the source_key of the backup's movie and watch it is
    about (None when the backup does not hold them: a deleted movie); the store gives the
    event their new ids. `details` are the event's other fields as the library recorded
    them (previous status, rating, an import's counts...).
    """

    ts: datetime
    name: str
    title: str | None = None
    status: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    movie_key: str | None = None
    watch_key: str | None = None

    def restored(self, movie_ids: Mapping[str, int], watch_ids: Mapping[str, int]) -> EventRecord:
        """The event as the restored library records it: with the new ids of its movie and
        watch (`movie_ids` and `watch_ids` by source_key), in its details too; without them
        where the backup does not hold that movie or watch."""
        movie_id = movie_ids.get(self.movie_key) if self.movie_key else None
        watch_id = watch_ids.get(self.watch_key) if self.watch_key else None
        details = dict(self.details)
        if movie_id is not None:
            details = {"movie_id": movie_id, **details}
        if watch_id is not None:
            details["watch_id"] = watch_id
        return EventRecord(self.ts, self.name, movie_id, self.title, self.status, details)


@dataclass(frozen=True)
class ImportPlan:
    """What an export file would bring into the library, and what it leaves out.

    `events` only a backup has: its history, restored into an empty library alone.
    `lists` are the file's lists; `watchlist` the order its watchlist gives its films,
    first first (Trakt's rank, a backup's order), empty when it gives none.
    """

    source: str  # "letterboxd" | "imdb" | "trakt" | "backup"
    movies: tuple[PlannedMovie, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    events: tuple[PlannedEvent, ...] = ()
    lists: tuple[PlannedList, ...] = ()
    watchlist: tuple[PlannedListEntry, ...] = ()

    @property
    def summary(self) -> Summary:
        kinds = Counter(item.kind for item in self.skipped)
        return Summary(
            movies=len(self.movies),
            watched=sum(1 for m in self.movies if m.status is Status.WATCHED),
            watchlist=sum(1 for m in self.movies if m.status is Status.WANT_TO_WATCH),
            watches=sum(len(m.watches) for m in self.movies),
            ratings=sum(1 for m in self.movies if m.rating is not None),
            reviews=sum(1 for m in self.movies for w in m.watches if w.review),
            skipped=tuple((kind, kinds[kind]) for kind in _KIND_ORDER if kinds[kind]),
            lists=len(self.lists),
            list_entries=sum(len(planned.entries) for planned in self.lists),
        )
