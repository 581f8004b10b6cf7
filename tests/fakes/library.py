"""FakeMovieRepository: an in-memory stand-in for db.MovieRepository.

The seed asks for the data layer to be mocked in analyzer and UI tests; this double keeps
the repository's observable behaviour (ids, newest first, duplicates, events, text search,
watched months, one winner among concurrent changes) in a dict. The repository contract
suite (tests/contract/test_repository_contract.py) holds it to the same promises as the real
repository.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

from movie_tracker.db import DuplicateMovieError
from movie_tracker.models import LibraryEvent, Movie, Status, search_key, validate_movie

WATCHED_BY = ("movie.added", "movie.status_changed")


def _now() -> datetime:
    """The database keeps times to the second; so does the fake."""
    return datetime.now(timezone.utc).replace(microsecond=0)


class FakeMovieRepository:
    def __init__(self, movies: list[Movie] | None = None) -> None:
        self.movies: dict[int, Movie] = {}
        self.events: list[LibraryEvent] = []
        self._ids = itertools.count(1)
        # One change at a time, as a database transaction would: concurrent callers see
        # exactly one winner and one event per change.
        self._lock = threading.RLock()
        for movie in movies or []:
            self.add_movie(movie)

    def add_movie(self, movie: Movie) -> Movie:
        movie = validate_movie(movie)
        with self._lock:
            if movie.imdb_id and (existing := self.find_by_imdb_id(movie.imdb_id)):
                raise DuplicateMovieError(existing)
            stored = replace(movie, id=next(self._ids), date_added=_now())
            self.movies[stored.id] = stored
            self._log("movie.added", stored, stored.status)
        return stored

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._lock:
            return self.movies.get(movie_id)

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
            self._log("movie.deleted", movie, movie.status)
            return True

    def find_movies(
        self,
        status: Status | None = None,
        text: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Movie]:
        words = [search_key(word) for word in text.split()]
        found = [m for m in self._newest_first() if _matches(m, status, words)]
        return found[offset:] if limit is None else found[offset : offset + limit]

    def count_movies(self, status: Status | None = None, text: str = "") -> int:
        return len(self.find_movies(status, text))

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._lock:
            return next((m for m in self.movies.values() if m.imdb_id == imdb_id), None)

    def movie_labels(self) -> list[tuple[int, str, int | None]]:
        return [(m.id, m.title, m.year) for m in self._newest_first() if m.id is not None]

    def count_by_status(self) -> dict[Status, int]:
        counts = Counter(m.status for m in self._all())
        return {status: counts.get(status, 0) for status in Status}

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        return list(Counter(m.genre for m in self._all()).items())

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decades = Counter(m.year // 10 * 10 if m.year else None for m in self._all())
        return list(decades.items())

    def watched_by_month(self) -> list[tuple[str, int]]:
        """Each movie now watched counts in the month it was last added as or marked
        Watched, as the events say (its date_added when no event does)."""
        with self._lock:
            watched_at: dict[int, datetime] = {}
            for event in self.events:
                watched = event.name in WATCHED_BY and event.status == Status.WATCHED
                if watched and event.movie_id is not None:
                    watched_at[event.movie_id] = event.ts
            months = Counter(
                (watched_at.get(m.id) or m.date_added or _now()).strftime("%Y-%m")
                for m in self.movies.values()
                if m.status == Status.WATCHED and m.id is not None
            )
        return sorted(months.items())

    def library_version(self) -> int:
        with self._lock:
            return len(self.events)

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        with self._lock:
            return list(reversed(self.events))[:limit]

    def _all(self) -> list[Movie]:
        with self._lock:
            return list(self.movies.values())

    def _newest_first(self) -> list[Movie]:
        """Newest date_added first, then highest id, as the database orders them."""
        return sorted(self._all(), key=lambda m: (m.date_added, m.id), reverse=True)

    def _log(self, name: str, movie: Movie, status: Status, previous: Status | None = None) -> None:
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
            )
        )


def _matches(movie: Movie, status: Status | None, words: list[str]) -> bool:
    """Every word is in the title, director or genre, compared by models.search_key."""
    if status is not None and movie.status != status:
        return False
    fields = [search_key(value) for value in (movie.title, movie.director, movie.genre) if value]
    return all(any(word in field for field in fields) for word in words)
