"""FakeMovieRepository: an in-memory stand-in for db.MovieRepository.

The seed asks for the data layer to be mocked in analyzer and UI tests; this double keeps
the repository's observable behaviour (ids, newest first, duplicates, events) in a dict.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

from movie_tracker.db import DuplicateMovieError
from movie_tracker.models import LibraryEvent, Movie, Status, validate_movie


class FakeMovieRepository:
    def __init__(self, movies: list[Movie] | None = None) -> None:
        self.movies: dict[int, Movie] = {}
        self.events: list[LibraryEvent] = []
        self._ids = itertools.count(1)
        for movie in movies or []:
            self.add_movie(movie)

    def add_movie(self, movie: Movie) -> Movie:
        movie = validate_movie(movie)
        if movie.imdb_id and (existing := self.find_by_imdb_id(movie.imdb_id)):
            raise DuplicateMovieError(existing)
        stored = replace(movie, id=next(self._ids), date_added=datetime.now(timezone.utc))
        self.movies[stored.id] = stored
        self._log("movie.added", stored, stored.status)
        return stored

    def get_movie(self, movie_id: int) -> Movie | None:
        return self.movies.get(movie_id)

    def update_movie_status(self, movie_id: int, new_status: Status) -> bool:
        movie = self.movies.get(movie_id)
        if movie is None or movie.status == new_status:
            return False
        self.movies[movie_id] = replace(movie, status=new_status)
        self._log("movie.status_changed", movie, new_status, previous=movie.status)
        return True

    def delete_movie(self, movie_id: int) -> bool:
        movie = self.movies.pop(movie_id, None)
        if movie is not None:
            self._log("movie.deleted", movie, movie.status)
        return movie is not None

    def find_movies(self, status=None, text="", limit=None, offset=0) -> list[Movie]:
        found = [m for m in self._newest_first() if _matches(m, status, text)]
        return found[offset:] if limit is None else found[offset : offset + limit]

    def count_movies(self, status=None, text="") -> int:
        return len(self.find_movies(status, text))

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        return next((m for m in self.movies.values() if m.imdb_id == imdb_id), None)

    def movie_labels(self) -> list[tuple[int, str, int | None]]:
        return [(m.id, m.title, m.year) for m in self._newest_first()]

    def count_by_status(self) -> dict[Status, int]:
        counts = Counter(m.status for m in self.movies.values())
        return {status: counts.get(status, 0) for status in Status}

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        return list(Counter(m.genre for m in self.movies.values()).items())

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decades = Counter(m.year // 10 * 10 if m.year else None for m in self.movies.values())
        return list(decades.items())

    def watched_by_month(self) -> list[tuple[str, int]]:
        months = Counter(
            m.date_added.strftime("%Y-%m")
            for m in self.movies.values()
            if m.status == Status.WATCHED
        )
        return sorted(months.items())

    def library_version(self) -> int:
        return len(self.events)

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        return list(reversed(self.events))[:limit]

    def _newest_first(self) -> list[Movie]:
        return sorted(self.movies.values(), key=lambda m: m.id, reverse=True)

    def _log(self, name: str, movie: Movie, status: Status, previous=None) -> None:
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name=name,
                ts=datetime.now(timezone.utc),
                movie_id=movie.id,
                title=movie.title,
                year=movie.year,
                status=status,
                previous_status=previous,
            )
        )


def _matches(movie: Movie, status: Status | None, text: str) -> bool:
    if status is not None and movie.status != status:
        return False
    haystack = " ".join(filter(None, (movie.title, movie.director, movie.genre))).lower()
    return all(word.lower() in haystack for word in text.split())
