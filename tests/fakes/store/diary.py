"""FakeDiary: the diary part in memory (store.diary)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from movie_tracker.models import BY_HAND, DatePrecision, Movie, Status, Watch
from tests.fakes.store.library import FakeLibrary, earliest_watch_first


class FakeDiary(FakeLibrary):
    def log_watch(self, watch: Watch) -> Watch | None:
        with self._lock:
            movie = self.movies.get(watch.movie_id)
            if movie is None:
                return None
            if movie.status != Status.WATCHED:
                self.movies[movie.id or 0] = replace(movie, status=Status.WATCHED)
                self._log("movie.status_changed", movie, Status.WATCHED, previous=movie.status)
            stored = self._store_watch(watch)
            self._rate_film(watch.movie_id, watch.rating)
            self._log_watch("watch.logged", movie, stored, source=BY_HAND)
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
            changed = {k: v for k, v in changes.items() if getattr(watch, k) != tuple_of(v)}
            if not changed:
                return watch
            self.watches[watch_id] = replace(watch, **changed)
            self._recompute_rewatches(watch.movie_id)
            stored = self.watches[watch_id]
            movie = self.movies[watch.movie_id]
            if self._rate_film(watch.movie_id, changed.get("rating")):
                self._log("movie.rated", movie, None, rating=stored.rating)
            self._log_watch("watch.updated", movie, stored)
            return stored

    def delete_watch(self, watch_id: int) -> Watch | None:
        with self._lock:
            watch = self.watches.pop(watch_id, None)
            if watch is None:
                return None
            self._recompute_rewatches(watch.movie_id)
            self._log_watch("watch.deleted", self.movies[watch.movie_id], watch)
            return watch

    def diary(
        self,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        oldest_first: bool = False,
        since: date | None = None,
    ) -> list[Watch]:
        with self._lock:
            found = sorted(self._in_year(year, since), key=_newest_watch_first)
            if oldest_first:
                found = sorted(found, key=earliest_watch_first)
            found = found[offset:] if limit is None else found[offset : offset + limit]
            return [replace(w, movie=self._read(w.movie_id)) for w in found]

    def count_diary(self, year: int | None = None, *, since: date | None = None) -> int:
        with self._lock:
            return len(self._in_year(year, since))

    def diary_years(self) -> list[int]:
        with self._lock:
            years = {w.watched_on.year for w in self.watches.values() if w.watched_on}
        return sorted(years, reverse=True)

    def _log_watch(self, name: str, movie: Movie, watch: Watch, source: str | None = None) -> None:
        self._log(
            name,
            movie,
            None,
            rating=watch.rating,
            watched_on=watch.watched_on,
            source=source,
            precision=watch.precision,
        )


def tuple_of(value: Any) -> Any:
    """Tags are stored as a tuple whatever sequence they came in."""
    return tuple(value) if isinstance(value, list) else value


def _newest_watch_first(watch: Watch) -> tuple[bool, int, int, int]:
    """Newest first (of one placing day: the year, the month, then the day), undated last."""
    day = watch.watched_on.toordinal() if watch.watched_on else 0
    rank = list(DatePrecision).index(watch.precision)
    return (watch.watched_on is None, -day, -rank, -(watch.id or 0))
