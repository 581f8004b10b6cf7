"""FakeMovies: the movies part in memory (store.movies)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker.models import (
    Movie,
    MovieAdded,
    Status,
    ValidationError,
    search_key,
    validate_movie,
)
from movie_tracker.store import (
    MOVIE_SORTS,
    SORT_ADDED,
    SORT_LAST_WATCHED,
    SORT_RATING,
    SORT_RUNTIME,
    SORT_TITLE,
    SORT_WATCHLIST,
    SORT_YEAR,
    DuplicateMovieError,
    genre_key,
    genre_names,
)
from tests.fakes.store.library import FakeLibrary, key_text, now, title_key


class FakeMovies(FakeLibrary):
    def add_movie(self, movie: Movie) -> Movie:
        movie = validate_movie(movie)
        with self._lock:
            if movie.imdb_id and (existing := self.find_by_imdb_id(movie.imdb_id)):
                raise DuplicateMovieError(existing)
            stored = replace(movie, id=next(self._ids), date_added=now(), last_watched=None)
            self.movies[stored.id] = stored
            self._log("movie.added", stored, stored.status)
        return self._read(stored.id)

    def add_or_find_movie(self, movie: Movie, fill: Mapping[str, Any] | None = None) -> MovieAdded:
        movie = validate_movie(movie)
        with self._lock:
            found = self._same_film(movie.imdb_id, movie.title, movie.year)
            if found is None:
                return MovieAdded(self.add_movie(movie))
            filled = self._fill_in(found.id or 0, fill) if fill is not None else ()
            return MovieAdded(self._read(found.id or 0), new=False, filled=filled)

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._lock:
            return self._read(movie_id) if movie_id in self.movies else None

    def get_all_movies(self) -> list[Movie]:
        return self.find_movies()

    def get_movies_by_status(self, status: Status | str) -> list[Movie]:
        return self.find_movies(status=Status.parse(status))

    def update_movie_status(self, movie_id: int, new_status: Status | str) -> bool:
        status = Status.parse(new_status)
        with self._lock:
            movie = self.movies.get(movie_id)
            if movie is None or movie.status == status:
                return False
            self.movies[movie_id] = replace(movie, status=status)
            if status is Status.WANT_TO_WATCH:
                self._to_watchlist_end(movie_id)
            self._log("movie.status_changed", movie, status, previous=movie.status)
            return True

    def delete_movie(self, movie_id: int) -> bool:
        with self._lock:
            movie = self.movies.pop(movie_id, None)
            if movie is None:
                return False
            for watch in self._watches_of(movie_id):
                del self.watches[watch.id or 0]
            self._forget_film(movie_id)
            self._log("movie.deleted", movie, movie.status)
            return True

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
            if edited == stored:
                return self._read(movie_id)
            self.movies[movie_id] = edited
            self._log("movie.edited", edited, None)
            return self._read(movie_id)

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
        max_runtime: int | None = None,
    ) -> list[Movie]:
        words = [search_key(word) for word in text.split()]
        wanted = Filters(status, words, search_key(genre).strip(), decade, rated, max_runtime)
        found = [m for m in self._newest_first() if wanted.match(m)]
        if sort == SORT_WATCHLIST:
            found = sorted(found, key=self._your_order)
        else:
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
        max_runtime: int | None = None,
    ) -> int:
        found = self.find_movies(
            status, text, genre=genre, decade=decade, rated=rated, max_runtime=max_runtime
        )
        return len(found)

    def genres(self) -> list[str]:
        return genre_names(m.genre for m in self._all())

    def decades(self) -> list[int]:
        return sorted({m.year // 10 * 10 for m in self._all() if m.year})

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._lock:
            return next((m for m in self.movies.values() if m.imdb_id == imdb_id), None)

    def find_same_film(self, imdb_id: str | None, title: str, year: int | None) -> Movie | None:
        with self._lock:
            found = self._same_film(imdb_id, title, year)
            return self._read(found.id or 0) if found else None

    def _your_order(self, movie: Movie) -> tuple[bool, tuple[bool, int, datetime, int]]:
        """store.orders.watchlist_sort: Want to Watch in the watchlist's order, then the rest
        oldest added first."""
        wanted = movie.status is Status.WANT_TO_WATCH
        if wanted:
            return (False, self._watchlist_key(movie))
        added = movie.date_added or datetime.min.replace(tzinfo=timezone.utc)
        return (True, (True, 0, added, movie.id or 0))

    def find_same_films(
        self, films: Sequence[tuple[str | None, str, int | None]]
    ) -> list[Movie | None]:
        return [self.find_same_film(imdb_id, title, year) for imdb_id, title, year in films]

    def _newest_first(self) -> list[Movie]:
        """Newest date_added first, then highest id, as the database orders them."""
        return sorted(self._all(), key=lambda m: (m.date_added, m.id), reverse=True)


class Filters:
    """The Library's filters, as store.movies applies them in SQL."""

    def __init__(
        self,
        status: Status | None,
        words: list[str],
        genre: str,
        decade: int | None,
        rated: bool | None,
        max_runtime: int | None = None,
    ) -> None:
        self.status, self.words, self.genre = status, words, genre
        self.decade, self.rated, self.max_runtime = decade, rated, max_runtime

    def match(self, movie: Movie) -> bool:
        return (
            (self.status is None or movie.status == self.status)
            and _has_words(movie, self.words)
            and (not self.genre or f",{self.genre}," in genre_key(movie.genre))
            and (self.decade is None or _in_decade(movie.year, self.decade))
            and (self.rated is None or (movie.rating is not None) == self.rated)
            and (self.max_runtime is None or _no_longer(movie.runtime_minutes, self.max_runtime))
        )


def _no_longer(runtime: int | None, longest: int) -> bool:
    """A film without a runtime (or with 0) is not known to be short enough: SQL's
    NULL <= n."""
    return runtime is not None and 0 < runtime <= longest


def _in_decade(year: int | None, decade: int) -> bool:
    return year is not None and year // 10 * 10 == decade


def _has_words(movie: Movie, words: list[str]) -> bool:
    """Every word is in the title, director or genre, compared by models.search_key.

    The database looks in one key of all three joined by spaces; so does the fake.
    """
    return all(word in search_key(key_text(movie)) for word in words)


def _sorted(movies: list[Movie], sort: str) -> list[Movie]:
    """`movies` come newest added first; a stable sort keeps that order within ties."""
    keys: dict[str, Callable[[Movie], Any]] = {
        SORT_ADDED: lambda m: 0,
        SORT_TITLE: title_key,
        SORT_YEAR: lambda m: (m.year is None, -(m.year or 0)),
        SORT_RATING: lambda m: (m.rating is None, -(m.rating or 0)),
        SORT_LAST_WATCHED: lambda m: (
            m.last_watched is None,
            -(m.last_watched or date.min).toordinal(),
        ),
        SORT_RUNTIME: lambda m: (m.runtime_minutes is None, m.runtime_minutes or 0),
    }
    if sort not in keys:
        raise ValidationError("sort", f"Sort by one of {', '.join(MOVIE_SORTS)} (not {sort!r}).")
    return sorted(movies, key=keys[sort])
