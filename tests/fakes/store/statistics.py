"""FakeStatistics: the statistics part in memory (store.statistics)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from movie_tracker.models import DatePrecision, Movie, Status
from tests.fakes.store.library import FakeLibrary, title_key


class FakeStatistics(FakeLibrary):
    def count_by_status(self) -> dict[Status, int]:
        counts = Counter(m.status for m in self._all())
        return {status: counts.get(status, 0) for status in Status}

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        return list(Counter(m.genre for m in self._all()).items())

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decades = Counter(m.year // 10 * 10 if m.year else None for m in self._all())
        return list(decades.items())

    def count_by_rating(self) -> list[tuple[float, int]]:
        return sorted(Counter(m.rating for m in self._all() if m.rating is not None).items())

    def watches_by_month(self, year: int | None = None) -> list[tuple[str, int]]:
        with self._lock:
            months = Counter(
                w.watched_on.strftime("%Y-%m")
                for w in self._in_year(year)
                if w.watched_on and w.precision is not DatePrecision.YEAR
            )
        return sorted(months.items())

    def watch_minutes(self, year: int | None = None) -> tuple[int, int]:
        with self._lock:
            runtimes = [self.movies[w.movie_id].runtime_minutes for w in self._in_year(year)]
        known = [minutes for minutes in runtimes if minutes is not None]
        return sum(known), len(runtimes) - len(known)

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
        rated.sort(key=lambda item: (-item[1], title_key(item[0]), item[0].id))
        return rated[:limit]

    def _watches_by(
        self, name_of: Callable[[Movie], str | None], year: int | None
    ) -> list[tuple[str | None, int]]:
        with self._lock:
            return list(
                Counter(name_of(self.movies[w.movie_id]) for w in self._in_year(year)).items()
            )
