"""Statistics: each a GROUP BY over one owner's movies or watches, a few rows back.

reports.py turns these counts into what the Statistics page shows (it splits "A, B" genre
and director lists, fills in empty months, picks the top names).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from movie_tracker.models import DatePrecision, Movie, Status
from movie_tracker.store.library import Library
from movie_tracker.store.queries import in_year, movie_select
from movie_tracker.store.rows import movie_from_row, status_from_db
from movie_tracker.store.tables import movies, watches


class Statistics(Library):
    """Counts over one owner's library and diary."""

    # -- the library -----------------------------------------------------------------------

    def count_by_status(self) -> dict[Status, int]:
        query = (
            select(movies.c.status, func.count())
            .where(movies.c.owner == self._key)
            .group_by(movies.c.status)
        )
        counts = dict.fromkeys(Status, 0)
        with self._storage("count the library"), self._reading() as conn:
            for status, count in conn.execute(query):
                counts[status_from_db(status)] += count
        return counts

    def count_by_genre(self) -> list[tuple[str | None, int]]:
        """Counts per genre text as stored ("Crime, Drama"); reports.py splits the lists."""
        query = (
            select(movies.c.genre, func.count())
            .where(movies.c.owner == self._key)
            .group_by(movies.c.genre)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(genre, count) for genre, count in conn.execute(query)]

    def count_by_decade(self) -> list[tuple[int | None, int]]:
        decade = ((movies.c.year // 10) * 10).label("decade")
        query = (
            select(decade, func.count())
            .where(movies.c.owner == self._key)
            .group_by(decade)
            .order_by(decade)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(query)]

    def count_by_rating(self) -> list[tuple[float, int]]:
        """How many movies you rated each number of stars (only the ratings given)."""
        query = (
            select(movies.c.rating, func.count())
            .where(movies.c.owner == self._key, movies.c.rating.is_not(None))
            .group_by(movies.c.rating)
            .order_by(movies.c.rating)
        )
        with self._storage("count the library"), self._reading() as conn:
            return [(float(rating), count) for rating, count in conn.execute(query)]

    # -- the diary -------------------------------------------------------------------------

    def watches_by_month(self, year: int | None = None) -> list[tuple[str, int]]:
        """Dated watches per month watched ("2026-11"), oldest first. A watch dated only
        to a year is in none (it counts in its year's totals)."""
        month = func.substr(watches.c.watched_on, 1, 7)
        query = select(month, func.count()).where(
            watches.c.owner == self._key,
            watches.c.watched_on.is_not(None),
            watches.c.watched_precision != DatePrecision.YEAR.value,
        )
        query = in_year(query, year).group_by(month).order_by(month)
        with self._storage("count the diary"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(query)]

    def watch_minutes(self, year: int | None = None) -> tuple[int, int]:
        """(minutes watched: each watch counts its movie's runtime, watches whose movie has
        no runtime)."""
        query = select(
            func.coalesce(func.sum(movies.c.runtime_minutes), 0),
            func.count() - func.count(movies.c.runtime_minutes),
        ).select_from(_watched_movies())
        query = query.where(*self._both_owned())
        with self._storage("count the diary"), self._reading() as conn:
            minutes, unknown = conn.execute(in_year(query, year)).one()
        return int(minutes), int(unknown)

    def watches_by_director(self, year: int | None = None) -> list[tuple[str | None, int]]:
        """Watches per director text as stored; reports.py splits "A, B" lists."""
        return self._watches_by(movies.c.director, year)

    def watches_by_genre(self, year: int | None = None) -> list[tuple[str | None, int]]:
        return self._watches_by(movies.c.genre, year)

    def _watches_by(self, column: Any, year: int | None) -> list[tuple[str | None, int]]:
        query = (
            select(column, func.count())
            .select_from(_watched_movies())
            .where(*self._both_owned())
            .group_by(column)
        )
        with self._storage("count the diary"), self._reading() as conn:
            return [(value, count) for value, count in conn.execute(in_year(query, year))]

    def year_counts(self, year: int) -> tuple[int, int, int]:
        """(distinct movies, watches, rewatches) in a year."""
        query = select(
            func.count(func.distinct(watches.c.movie_id)),
            func.count(),
            func.coalesce(func.sum(case((watches.c.rewatch, 1), else_=0)), 0),
        ).where(watches.c.owner == self._key)
        with self._storage("count the diary"), self._reading() as conn:
            films, count, rewatches = conn.execute(in_year(query, year)).one()
        return int(films), int(count), int(rewatches)

    def top_rated(self, year: int, limit: int = 5) -> list[tuple[Movie, float]]:
        """The movies watched in a year with their best rating there (a watch's rating,
        else the movie's), highest first, then by title."""
        best = func.max(func.coalesce(watches.c.rating, movies.c.rating)).label("best")
        per_movie = (
            select(watches.c.movie_id, best)
            .select_from(_watched_movies())
            .where(*self._both_owned())
            .group_by(watches.c.movie_id)
        )
        query = in_year(per_movie, year).subquery()
        ranked = (
            movie_select()
            .add_columns(query.c.best)
            .join(query, query.c.movie_id == movies.c.id)
            .where(movies.c.owner == self._key, query.c.best.is_not(None))
            .order_by(query.c.best.desc(), movies.c.search_key, movies.c.id)
            .limit(limit)
        )
        with self._storage("count the diary"), self._reading() as conn:
            rows = conn.execute(ranked).mappings().all()
        return [(movie_from_row(row), float(row["best"])) for row in rows]

    def _both_owned(self) -> tuple[Any, Any]:
        """The owner on both sides of a watches-movies join: PostgreSQL then hash-joins the
        owner's few thousand rows instead of looking up each watch's movie among everyone's
        (BENCHMARKS.md, "Many people on one PostgreSQL")."""
        return watches.c.owner == self._key, movies.c.owner == self._key


def _watched_movies() -> Any:
    return watches.join(movies, watches.c.movie_id == movies.c.id)
