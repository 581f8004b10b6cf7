"""FakeMovieRepository: an in-memory stand-in for db.MovieRepository.

The seed asks for the data layer to be mocked in analyzer and UI tests; this double keeps
the repository's observable behaviour (ids, newest first, duplicates, events, text search,
watched months, one winner among concurrent changes) in a dict. The repository contract
suite (tests/contract/test_repository_contract.py) holds it to the same promises as the real
repository.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker.db import (
    IMPORT_COUNTS,
    MOVIE_SORTS,
    SORT_ADDED,
    SORT_LAST_WATCHED,
    SORT_RATING,
    SORT_TITLE,
    SORT_YEAR,
    DuplicateMovieError,
    genre_key,
    genre_names,
    import_counts,
)
from movie_tracker.importers.merge import (
    ImportChanges,
    StoredMovie,
    date_added,
    match,
    watch_key,
)
from movie_tracker.importers.plan import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.models import (
    LOCAL_OWNER,
    LibraryEvent,
    Movie,
    Owner,
    Status,
    ValidationError,
    Watch,
    search_key,
    validate_movie,
)

STORED_FIELDS = (
    "title", "status", "year", "imdb_id", "rating", "director", "genre", "runtime_minutes",
    "poster_url", "plot", "actors", "imdb_rating", "language", "country",
)  # fmt: skip


def _now() -> datetime:
    """The database keeps times to the second; so does the fake."""
    return datetime.now(timezone.utc).replace(microsecond=0)


class FakeMovieRepository:
    """One owner's library; `for_owner` gives another owner's over the same storage (ids
    are handed out across owners, as a database's are)."""

    def __init__(self, movies: list[Movie] | None = None, owner: Owner = LOCAL_OWNER) -> None:
        self.owner = owner
        self.movies: dict[int, Movie] = {}
        self.watches: dict[int, Watch] = {}
        self.events: list[LibraryEvent] = []
        self._ids = itertools.count(1)
        self._watch_ids = itertools.count(1)
        # One change at a time, as a database transaction would: concurrent callers see
        # exactly one winner and one event per change.
        self._lock = threading.RLock()
        self.details_checked: set[int] = set()  # movies OMDb was asked about
        self._version_offset = 0  # the version moves on when a library is handed over
        self._libraries: dict[Owner, FakeMovieRepository] = {owner: self}
        for movie in movies or []:
            self.add_movie(movie)

    def for_owner(self, owner: Owner) -> FakeMovieRepository:
        with self._lock:
            if owner not in self._libraries:
                view = copy.copy(self)
                view.owner, view.movies, view.watches, view.events = owner, {}, {}, []
                view.details_checked, view._version_offset = set(), 0
                self._libraries[owner] = view
            return self._libraries[owner]

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        with self._lock:
            if self.owner.is_local or library_owner not in (None, "", self.owner.key):
                return False
            local = self.for_owner(LOCAL_OWNER)
            if self.movies or self.watches or self.events or not local.movies:
                return False
            version = local.library_version() + 1
            self.movies, self.watches, self.events = local.movies, local.watches, local.events
            self.details_checked = local.details_checked
            local.movies, local.watches, local.events, local.details_checked = {}, {}, [], set()
            self._version_offset = version - len(self.events)
            local._version_offset = version
            return True

    def add_movie(self, movie: Movie) -> Movie:
        movie = validate_movie(movie)
        with self._lock:
            if movie.imdb_id and (existing := self.find_by_imdb_id(movie.imdb_id)):
                raise DuplicateMovieError(existing)
            stored = replace(movie, id=next(self._ids), date_added=_now(), last_watched=None)
            self.movies[stored.id] = stored
            self._log("movie.added", stored, stored.status)
        return self._read(stored.id)

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._lock:
            return self._read(movie_id) if movie_id in self.movies else None

    def update_movie_status(self, movie_id: int, new_status: Status | str) -> bool:
        status = Status.parse(new_status)
        with self._lock:
            movie = self.movies.get(movie_id)
            if movie is None or movie.status == status:
                return False
            self.movies[movie_id] = replace(movie, status=status)
            self._log("movie.status_changed", movie, status, previous=movie.status)
            return True

    def delete_movie(self, movie_id: int) -> bool:
        with self._lock:
            movie = self.movies.pop(movie_id, None)
            if movie is None:
                return False
            for watch in self._watches_of(movie_id):
                del self.watches[watch.id or 0]
            self._log("movie.deleted", movie, movie.status)
            return True

    def find_movies(
        self,
        status: Status | None = None,
        text: str = "",
        limit: int | None = None,
        offset: int = 0,
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
        sort: str = SORT_ADDED,
    ) -> list[Movie]:
        words = [search_key(word) for word in text.split()]
        wanted = Filters(status, words, search_key(genre).strip(), decade, rated)
        found = [m for m in self._newest_first() if wanted.match(m)]
        found = _sorted(found, sort)
        return found[offset:] if limit is None else found[offset : offset + limit]

    def count_movies(
        self,
        status: Status | None = None,
        text: str = "",
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
    ) -> int:
        return len(self.find_movies(status, text, genre=genre, decade=decade, rated=rated))

    def genres(self) -> list[str]:
        return genre_names(m.genre for m in self._all())

    def decades(self) -> list[int]:
        return sorted({m.year // 10 * 10 for m in self._all() if m.year})

    # -- the diary -----------------------------------------------------------------------

    def log_watch(self, watch: Watch) -> Watch | None:
        with self._lock:
            movie = self.movies.get(watch.movie_id)
            if movie is None:
                return None
            if movie.status != Status.WATCHED:
                self.movies[movie.id or 0] = replace(movie, status=Status.WATCHED)
                self._log("movie.status_changed", movie, Status.WATCHED, previous=movie.status)
            stored = self._store_watch(watch)
            self._log_watch("watch.logged", movie, stored)
            return stored

    def get_watch(self, watch_id: int) -> Watch | None:
        with self._lock:
            return self.watches.get(watch_id)

    def find_watches(self, movie_id: int) -> list[Watch]:
        with self._lock:
            return sorted(self._watches_of(movie_id), key=_newest_watch_first)

    def update_watch(self, watch_id: int, changes: Mapping[str, Any]) -> Watch | None:
        with self._lock:
            watch = self.watches.get(watch_id)
            if watch is None:
                return None
            self.watches[watch_id] = replace(watch, **changes)
            self._recompute_rewatches(watch.movie_id)
            stored = self.watches[watch_id]
            self._log_watch("watch.updated", self.movies[watch.movie_id], stored)
            return stored

    def delete_watch(self, watch_id: int) -> Watch | None:
        with self._lock:
            watch = self.watches.pop(watch_id, None)
            if watch is None:
                return None
            self._recompute_rewatches(watch.movie_id)
            self._log_watch("watch.deleted", self.movies[watch.movie_id], watch)
            return watch

    def rate_movie(self, movie_id: int, rating: float | None) -> Movie | None:
        with self._lock:
            movie = self.movies.get(movie_id)
            if movie is None:
                return None
            if movie.rating != rating:
                self.movies[movie_id] = replace(movie, rating=rating)
                self._log("movie.rated", movie, None, rating=rating)
            return self._read(movie_id)

    def update_movie_details(self, movie_id: int, movie: Movie) -> Movie | None:
        movie = validate_movie(movie)
        with self._lock:
            stored = self.movies.get(movie_id)
            if stored is None:
                return None
            details = {"title": movie.title, "year": movie.year}
            details |= {"director": movie.director, "genre": movie.genre}
            edited = replace(stored, **details)
            self.movies[movie_id] = edited
            self._log("movie.edited", edited, None)
            return self._read(movie_id)

    def diary(
        self,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        oldest_first: bool = False,
    ) -> list[Watch]:
        with self._lock:
            found = sorted(self._in_year(year), key=_newest_watch_first)
            if oldest_first:
                found = sorted(found, key=_earliest_watch_first)
            found = found[offset:] if limit is None else found[offset : offset + limit]
            return [replace(w, movie=self._read(w.movie_id)) for w in found]

    def count_diary(self, year: int | None = None) -> int:
        with self._lock:
            return len(self._in_year(year))

    def diary_years(self) -> list[int]:
        with self._lock:
            years = {w.watched_on.year for w in self.watches.values() if w.watched_on}
        return sorted(years, reverse=True)

    def watches_by_month(self, year: int | None = None) -> list[tuple[str, int]]:
        with self._lock:
            months = Counter(
                w.watched_on.strftime("%Y-%m") for w in self._in_year(year) if w.watched_on
            )
        return sorted(months.items())

    def watch_minutes(self, year: int | None = None) -> tuple[int, int]:
        with self._lock:
            runtimes = [self.movies[w.movie_id].runtime_minutes for w in self._in_year(year)]
        known = [minutes for minutes in runtimes if minutes is not None]
        return sum(known), len(runtimes) - len(known)

    def count_by_rating(self) -> list[tuple[float, int]]:
        return sorted(Counter(m.rating for m in self._all() if m.rating is not None).items())

    def watches_by_director(self, year: int | None = None) -> list[tuple[str | None, int]]:
        return self._watches_by(lambda movie: movie.director, year)

    def watches_by_genre(self, year: int | None = None) -> list[tuple[str | None, int]]:
        return self._watches_by(lambda movie: movie.genre, year)

    def year_counts(self, year: int) -> tuple[int, int, int]:
        with self._lock:
            found = self._in_year(year)
        return len({w.movie_id for w in found}), len(found), sum(w.rewatch for w in found)

    def top_rated(self, year: int, limit: int = 5) -> list[tuple[Movie, float]]:
        with self._lock:
            best: dict[int, float] = {}
            for watch in self._in_year(year):
                rating = watch.rating
                if rating is None:
                    rating = self.movies[watch.movie_id].rating
                if rating is not None:
                    best[watch.movie_id] = max(rating, best.get(watch.movie_id, 0.0))
            rated = [(self._read(movie_id), rating) for movie_id, rating in best.items()]
        rated.sort(key=lambda item: (-item[1], search_key(_key_text(item[0])), item[0].id))
        return rated[:limit]

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._lock:
            return next((m for m in self.movies.values() if m.imdb_id == imdb_id), None)

    def count_by_status(self) -> dict[Status, int]:
        counts = Counter(m.status for m in self._all())
        return {status: counts.get(status, 0) for status in Status}

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        return list(Counter(m.genre for m in self._all()).items())

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decades = Counter(m.year // 10 * 10 if m.year else None for m in self._all())
        return list(decades.items())

    def library_version(self) -> int:
        with self._lock:
            return len(self.events) + self._version_offset

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        with self._lock:
            return list(reversed(self.events))[:limit]

    # -- filling in details ------------------------------------------------------------------

    def movies_missing_details(self, limit: int) -> list[Movie]:
        with self._lock:
            return [self._read(m.id or 0) for m in self._missing_details()][:limit]

    def count_missing_details(self) -> int:
        with self._lock:
            return len(self._missing_details())

    def fill_in_details(self, movie_id: int, changes: Mapping[str, Any]) -> Movie | None:
        with self._lock:
            movie = self.movies.get(movie_id)
            if movie is None:
                return None
            values = {k: v for k, v in changes.items() if getattr(movie, k) is None}
            if "imdb_id" in values and self.find_by_imdb_id(values["imdb_id"]):
                del values["imdb_id"]
            self.details_checked.add(movie_id)
            if values:
                self.movies[movie_id] = replace(movie, **values)
                self._log("movie.edited", self.movies[movie_id], None)
            return self._read(movie_id)

    def _missing_details(self) -> list[Movie]:
        return sorted(
            (
                m
                for m in self.movies.values()
                if (m.imdb_id is None or m.poster_url is None) and m.id not in self.details_checked
            ),
            key=lambda m: m.id or 0,
        )

    # -- importing -------------------------------------------------------------------------

    def import_snapshot(self) -> list[StoredMovie]:
        with self._lock:
            return [self._stored(movie) for movie in self.movies.values()]

    def apply_import(
        self, plan: ImportPlan, progress: Callable[[int, int], object] | None = None
    ) -> ImportChanges:
        """As the database does it: all or nothing, one import.completed event."""
        with self._lock:
            saved = (dict(self.movies), dict(self.watches), list(self.events))
            try:
                return self._import(plan, progress)
            except BaseException:
                self.movies, self.watches, self.events = saved
                raise

    def _import(
        self, plan: ImportPlan, progress: Callable[[int, int], object] | None
    ) -> ImportChanges:
        changes = match(plan, self.import_snapshot())
        total = len(changes.new_movies) + len(changes.updates)
        now = _now()
        touched: set[int] = set()
        for done, movie in enumerate(changes.new_movies, start=1):
            movie_id = next(self._ids)
            self.movies[movie_id] = replace(
                _movie_of(movie), id=movie_id, date_added=date_added(movie, now)
            )
            self._add_watches(movie_id, movie.watches, now, touched)
            if progress is not None:
                progress(done, total)
        for done, update in enumerate(changes.updates, start=len(changes.new_movies) + 1):
            movie_id = update.movie.id
            self.movies[movie_id] = replace(self.movies[movie_id], **update.changes)
            self._add_watches(movie_id, update.watches, now, touched)
            if progress is not None:
                progress(done, total)
        for movie_id in touched:
            self._recompute_rewatches(movie_id)
        counts = import_counts(plan, changes)
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name="import.completed",
                ts=now,
                source=plan.source,
                counts=tuple((key, counts[key]) for key in IMPORT_COUNTS),
            )
        )
        return changes

    def _add_watches(
        self, movie_id: int, planned: tuple[PlannedWatch, ...], now: datetime, touched: set[int]
    ) -> None:
        for watch in planned:
            watch_id = next(self._watch_ids)
            self.watches[watch_id] = Watch(
                movie_id,
                watch.watched_on,
                watch.rating,
                watch.review,
                watch.tags,
                id=watch_id,
                logged_at=watch.logged_at or now,
            )
            touched.add(movie_id)

    def _stored(self, movie: Movie) -> StoredMovie:
        keys = tuple(
            watch_key(w.watched_on, w.rating, w.review) for w in self._watches_of(movie.id or 0)
        )
        fields = {name: getattr(movie, name) for name in STORED_FIELDS}
        return StoredMovie(id=movie.id or 0, watches=keys, **fields)

    def _all(self) -> list[Movie]:
        with self._lock:
            return [self._read(movie_id) for movie_id in self.movies]

    def _read(self, movie_id: int) -> Movie:
        """The movie as a read gives it: last_watched from its newest dated watch."""
        dates = [w.watched_on for w in self._watches_of(movie_id) if w.watched_on]
        return replace(self.movies[movie_id], last_watched=max(dates, default=None))

    def _watches_of(self, movie_id: int) -> list[Watch]:
        return [w for w in self.watches.values() if w.movie_id == movie_id]

    def _in_year(self, year: int | None) -> list[Watch]:
        return [
            w
            for w in self.watches.values()
            if year is None or (w.watched_on is not None and w.watched_on.year == year)
        ]

    def _watches_by(
        self, name_of: Callable[[Movie], str | None], year: int | None
    ) -> list[tuple[str | None, int]]:
        with self._lock:
            return list(
                Counter(name_of(self.movies[w.movie_id]) for w in self._in_year(year)).items()
            )

    def _store_watch(self, watch: Watch) -> Watch:
        watch_id = next(self._watch_ids)
        self.watches[watch_id] = replace(watch, id=watch_id, logged_at=_now(), rewatch=False)
        self._recompute_rewatches(watch.movie_id)
        return self.watches[watch_id]

    def _recompute_rewatches(self, movie_id: int) -> None:
        ordered = sorted(self._watches_of(movie_id), key=_earliest_watch_first)
        for position, watch in enumerate(ordered):
            self.watches[watch.id or 0] = replace(watch, rewatch=position > 0)

    def _log_watch(self, name: str, movie: Movie, watch: Watch) -> None:
        self._log(name, movie, None, rating=watch.rating, watched_on=watch.watched_on)

    def _newest_first(self) -> list[Movie]:
        """Newest date_added first, then highest id, as the database orders them."""
        return sorted(self._all(), key=lambda m: (m.date_added, m.id), reverse=True)

    def _log(
        self,
        name: str,
        movie: Movie,
        status: Status | None,
        previous: Status | None = None,
        rating: float | None = None,
        watched_on: date | None = None,
    ) -> None:
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name=name,
                ts=_now(),
                movie_id=movie.id,
                title=movie.title,
                year=movie.year,
                status=status,
                previous_status=previous,
                rating=rating,
                watched_on=watched_on,
            )
        )


def _movie_of(movie: PlannedMovie) -> Movie:
    fields = {name: getattr(movie, name) for name in STORED_FIELDS if name != "status"}
    return Movie(status=movie.status, **fields)


class Filters:
    """The Library's filters, as db._filtered applies them in SQL."""

    def __init__(
        self,
        status: Status | None,
        words: list[str],
        genre: str,
        decade: int | None,
        rated: bool | None,
    ) -> None:
        self.status, self.words, self.genre = status, words, genre
        self.decade, self.rated = decade, rated

    def match(self, movie: Movie) -> bool:
        return (
            (self.status is None or movie.status == self.status)
            and _has_words(movie, self.words)
            and (not self.genre or f",{self.genre}," in genre_key(movie.genre))
            and (self.decade is None or (movie.year or 0) // 10 * 10 == self.decade)
            and (self.rated is None or (movie.rating is not None) == self.rated)
        )


def _has_words(movie: Movie, words: list[str]) -> bool:
    """Every word is in the title, director or genre, compared by models.search_key.

    The database looks in one key of all three joined by spaces; so does the fake.
    """
    return all(word in search_key(_key_text(movie)) for word in words)


def _key_text(movie: Movie) -> str:
    return " ".join(value for value in (movie.title, movie.director, movie.genre) if value)


def _sorted(movies: list[Movie], sort: str) -> list[Movie]:
    """`movies` come newest added first; a stable sort keeps that order within ties."""
    keys: dict[str, Callable[[Movie], Any]] = {
        SORT_ADDED: lambda m: 0,
        SORT_TITLE: lambda m: search_key(_key_text(m)),
        SORT_YEAR: lambda m: (m.year is None, -(m.year or 0)),
        SORT_RATING: lambda m: (m.rating is None, -(m.rating or 0)),
        SORT_LAST_WATCHED: lambda m: (
            m.last_watched is None,
            -(m.last_watched or date.min).toordinal(),
        ),
    }
    if sort not in keys:
        raise ValidationError("sort", f"Sort by one of {', '.join(MOVIE_SORTS)} (not {sort!r}).")
    return sorted(movies, key=keys[sort])


def _newest_watch_first(watch: Watch) -> tuple[bool, int, int]:
    day = watch.watched_on.toordinal() if watch.watched_on else 0
    return (watch.watched_on is None, -day, -(watch.id or 0))


def _earliest_watch_first(watch: Watch) -> tuple[bool, date, datetime, int]:
    """Undated first (unknown counts as earliest), then by date, then logged first."""
    moment = watch.logged_at or datetime.min.replace(tzinfo=timezone.utc)
    return (watch.watched_on is not None, watch.watched_on or date.min, moment, watch.id or 0)
