"""The library's things: statuses, movies, watches, owners and the events of the Activity."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import Enum
from typing import Any

from movie_tracker.models.dates import DatePrecision, WatchDate
from movie_tracker.models.errors import ValidationError, quote


class Status(str, Enum):
    WATCHED = "Watched"
    WANT_TO_WATCH = "Want to Watch"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: object) -> Status:
        """The status named exactly as the app shows it; anything else is refused."""
        if isinstance(value, cls):
            return value
        for status in cls:
            if value == status.value:
                return status
        choices = " or ".join(f'"{s.value}"' for s in cls)
        raise ValidationError("status", f"Status must be {choices}, not {quote(value)}.")


@dataclass(frozen=True)
class Movie:
    """One movie in a person's library. `id` and `date_added` are set once it is stored."""

    title: str
    status: Status = Status.WANT_TO_WATCH
    year: int | None = None
    director: str | None = None
    genre: str | None = None
    imdb_id: str | None = None
    poster_url: str | None = None
    id: int | None = None
    date_added: datetime | None = None
    rating: float | None = None  # your current rating, in stars
    runtime_minutes: int | None = None
    plot: str | None = None
    actors: str | None = None
    imdb_rating: float | None = None  # OMDb's, out of 10
    language: str | None = None
    country: str | None = None
    last_watched: date | None = None  # as read: the newest dated watch's placing day
    last_watched_precision: DatePrecision = DatePrecision.DAY  # ... and how much is known

    @property
    def last_watched_date(self) -> WatchDate | None:
        return WatchDate.of(self.last_watched, self.last_watched_precision)

    @property
    def label(self) -> str:
        return movie_label(self.title, self.year)

    @property
    def imdb_url(self) -> str | None:
        return f"https://www.imdb.com/title/{self.imdb_id}/" if self.imdb_id else None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Movie:
        """A movie from a dict with the seed's keys; unknown keys are refused, not dropped."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValidationError(unknown[0], f"Unknown movie field {unknown[0]!r}.")
        if "title" not in data:
            raise ValidationError("title", "Enter a movie title.")
        return cls(**data)  # type: ignore[arg-type]


@dataclass(frozen=True)
class MovieAdded:
    """What adding a film did: the library's movie, whether it is `new` or the one the
    library already had, and the fields it gained from OMDb when it was already there."""

    movie: Movie
    new: bool = True
    filled: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilmLogged:
    """What logging a film did (the Log a film dialog): the watch, the library's movie as
    it is after it, whether the film was added for it (`new`) and, when the library
    already had it, the fields OMDb's details filled in (as MovieAdded's)."""

    movie: Movie
    watch: Watch
    new: bool = False
    filled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Watch:
    """One diary entry: a viewing of a movie, on a date (or an unknown one).

    `watched_on` is the day that places it and `precision` how much of it is known: a watch
    in March 2015 is placed on 2015-03-31 with precision MONTH (models/dates.py); `when`
    gives both as one WatchDate. A watch without a date is to the DAY.

    `rewatch` is derived, never typed: a watch is a rewatch when the movie has an earlier
    watch (an earlier date, or the same date logged earlier; an undated watch counts as
    the earliest), or when it is the first and `seen_before` (the person had seen the film
    before it, as a Letterboxd entry marked Rewatch says; only an import sets it). `movie` is
    filled in where a watch is listed across the library.
    """

    movie_id: int
    watched_on: date | None = None
    rating: float | None = None
    review: str = ""
    tags: tuple[str, ...] = ()
    rewatch: bool = False
    id: int | None = None
    logged_at: datetime | None = None
    movie: Movie | None = None
    seen_before: bool = False
    precision: DatePrecision = DatePrecision.DAY

    @property
    def when(self) -> WatchDate | None:
        """The date watched as the person gave it; None when it is not known."""
        return WatchDate.of(self.watched_on, self.precision)


def movie_label(title: str, year: int | None) -> str:
    """How the app names a movie to a person: "Heat (1995)", or "Heat" without a year."""
    return f"{title} ({year})" if year else title


def search_key(text: str | None) -> str:
    """Text as the library searches it: case and accents ignored in every script.

    "AMÉLIE", "amelie" and "Amélie" share one key, and so do "École" and "ecole". The
    database stores each movie's key beside it, so SQLite, PostgreSQL and the in-memory
    fake compare exactly the same strings.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.casefold())


@dataclass(frozen=True)
class Owner:
    """Whose library: a person as their sign-in provider knows them, "issuer|subject"
    (never a display name or an e-mail), or LOCAL_OWNER when the app runs without sign-in.
    """

    key: str

    @classmethod
    def signed_in(cls, issuer: str, subject: str) -> Owner:
        if not issuer or not subject:
            raise ValueError("An owner needs the provider's issuer and the person's subject.")
        return cls(f"{issuer}|{subject}")

    @property
    def hashed(self) -> str:
        """What logs and events carry instead of the key: 12 hex digits of its SHA-256."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:12]

    @property
    def is_local(self) -> bool:
        return self == LOCAL_OWNER


LOCAL_OWNER = Owner("local")


@dataclass(frozen=True)
class LibraryEvent:
    """One change to the library, as the Activity page shows it."""

    id: int
    name: str
    ts: datetime
    movie_id: int | None = None
    title: str | None = None
    year: int | None = None
    status: Status | None = None
    previous_status: Status | None = None
    rating: float | None = None  # movie.rated and watch.*: the stars given
    watched_on: date | None = None  # watch.*: the date watched (its placing day), when known
    watched_precision: DatePrecision = DatePrecision.DAY  # ... to the day, month or year
    source: str | None = None  # import.completed: "letterboxd", "imdb", "trakt", "backup"
    counts: tuple[tuple[str, int], ...] = ()  # import.completed: ("movies_added", 12), ...
    list_name: str | None = None  # list.*: the list's name (after a rename, the new one)
    previous_name: str | None = None  # list.renamed: the name it had
    position: int | None = None  # list.reordered, watchlist.reordered: the film's new place
    shared: str | None = None  # share.*: what the link shares: watchlist, list or diary

    @property
    def movie_label(self) -> str:
        return movie_label(self.title, self.year) if self.title else "a movie"

    @property
    def when(self) -> WatchDate | None:
        return WatchDate.of(self.watched_on, self.watched_precision)


@dataclass(frozen=True)
class EventRecord:
    """One event of the Activity history as the library keeps it: what a full backup
    carries. `status` is the status column's text; `details` every field the change was
    recorded with (movie_id, watch_id, year, previous status, an import's counts...)."""

    ts: datetime
    name: str
    movie_id: int | None = None
    title: str | None = None
    status: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
