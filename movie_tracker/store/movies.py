"""Movies: add, read, filter, sort, page, rate, edit, change status and delete.

The seed's data functions keep the seed's names: add_movie(movie_data), get_all_movies(),
update_movie_status(movie_id, new_status), delete_movie(movie_id) and
get_movies_by_status(status).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, insert, select

from movie_tracker import events
from movie_tracker.models import (
    Movie,
    MovieAdded,
    Status,
    ValidationError,
    validate_movie,
)
from movie_tracker.store.failures import DuplicateImdbId, DuplicateMovieError
from movie_tracker.store.filters import filtered as _filtered
from movie_tracker.store.filters import no_longer_than as _no_longer_than
from movie_tracker.store.library import Library
from movie_tracker.store.orders import forget_film, to_watchlist_end, watchlist_sort
from movie_tracker.store.queries import (
    add_or_find,
    last_watched,
    movie_by_id,
    movie_row_to_change,
    movie_select,
    rate_movie_row,
    record_change,
    same_film,
    same_films,
)
from movie_tracker.store.rows import (
    genre_key,
    genre_names,
    movie_from_row,
    movie_row,
    movie_search_key,
)
from movie_tracker.store.tables import movies, watches

# How the Library can sort movies (find_movies' `sort`).
SORT_ADDED, SORT_TITLE, SORT_YEAR, SORT_RATING, SORT_LAST_WATCHED = (
    "added",
    "title",
    "year",
    "rating",
    "last_watched",
)
SORT_RUNTIME = "runtime"  # shortest first, films without a runtime last
SORT_WATCHLIST = "your_order"  # Want to Watch in the watchlist's order, then the rest
MOVIE_SORTS = (
    SORT_ADDED,
    SORT_TITLE,
    SORT_YEAR,
    SORT_RATING,
    SORT_LAST_WATCHED,
    SORT_RUNTIME,
    SORT_WATCHLIST,
)


class Movies(Library):
    """The movies of one owner's library."""

    # -- the seed's functions ------------------------------------------------------------

    def add_movie(self, movie_data: Movie | Mapping[str, Any]) -> Movie:
        """Store a new movie and return it with its id and date_added. A status says whether
        you have seen a movie, not when: marking a movie Watched (here or in
        update_movie_status) logs no watch; log_watch does, and marks it."""
        movie = movie_data if isinstance(movie_data, Movie) else Movie.from_mapping(movie_data)
        movie = validate_movie(movie)
        added = datetime.now(timezone.utc)
        row = movie_row(movie, added, self._key)
        try:
            with self._storage("add a movie"), self._writing() as conn:
                movie_id = conn.execute(
                    insert(movies).values(row).returning(movies.c.id)
                ).scalar_one()
                stored = movie_by_id(conn, self._key, movie_id)
                assert stored is not None  # inserted just now, in this transaction
                event = events.Event.create(
                    events.MOVIE_ADDED,
                    movie_id=movie_id,
                    title=stored.title,
                    year=stored.year,
                    status=stored.status.value,
                    imdb_id=stored.imdb_id,
                )
                record_change(conn, self._key, event)
        except DuplicateImdbId:
            existing = self.find_by_imdb_id(movie.imdb_id or "") or movie
            raise DuplicateMovieError(existing) from None
        self._emit(event)
        return stored

    def add_or_find_movie(
        self, movie_data: Movie, fill: Mapping[str, Any] | None = None
    ) -> MovieAdded:
        """Add a movie unless the library has that film (queries.same_film: the same IMDb
        ID, or the same title and year on a movie without one); then the movie it has is
        kept as it is, and gains from `fill` (OMDb's details, as fill_in_details takes
        them) only the fields it lacks. Finding and adding are one transaction."""
        movie = validate_movie(movie_data)
        with self._storage("add a movie"), self._writing() as conn:
            kept = add_or_find(conn, self._key, movie, fill)
            stored = movie_by_id(conn, self._key, kept.movie_id)
        assert stored is not None  # found or added in this transaction
        if kept.event is not None:
            self._emit(kept.event)
        return MovieAdded(stored, kept.new, kept.filled)

    def get_movie(self, movie_id: int) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            return movie_by_id(conn, self._key, movie_id)

    def get_all_movies(self) -> list[Movie]:
        return self.find_movies()

    def get_movies_by_status(self, status: Status | str) -> list[Movie]:
        return self.find_movies(status=Status.parse(status))

    def update_movie_status(self, movie_id: int, new_status: Status | str) -> bool:
        """Change a movie's status, logging no watch; False if no such movie or no change."""
        status = Status.parse(new_status)
        with self._storage("change a movie's status"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None or row["status"] == status.value:
                return False
            conn.execute(movies.update().where(movies.c.id == movie_id).values(status=status.value))
            if status is Status.WANT_TO_WATCH:  # back on the watchlist: at its end
                to_watchlist_end(conn, self._key, movie_id)
            event = events.Event.create(
                events.MOVIE_STATUS_CHANGED,
                movie_id=movie_id,
                title=row["title"],
                year=row["year"],
                previous_status=row["status"],
                status=status.value,
            )
            record_change(conn, self._key, event)
        self._emit(event)
        return True

    def delete_movie(self, movie_id: int) -> bool:
        with self._storage("delete a movie"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return False
            # The foreign key cascades too; deleting here does not depend on SQLite's
            # foreign_keys pragma being on for whoever opened the file.
            conn.execute(watches.delete().where(watches.c.movie_id == movie_id))
            forget_film(conn, movie_id)  # out of its lists and the watchlist's order
            conn.execute(movies.delete().where(movies.c.id == movie_id))
            event = events.Event.create(
                events.MOVIE_DELETED,
                movie_id=movie_id,
                title=row["title"],
                year=row["year"],
                status=row["status"],
            )
            record_change(conn, self._key, event)
        self._emit(event)
        return True

    # -- rating and editing ----------------------------------------------------------------

    def rate_movie(self, movie_id: int, rating: float | None) -> Movie | None:
        """Set (or with None clear) your rating of a movie; None when the movie is gone.
        The same rating again changes nothing and writes no event."""
        with self._storage("rate a movie"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            event = rate_movie_row(conn, row, rating)
            if event is not None:
                record_change(conn, self._key, event)
            stored = movie_by_id(conn, self._key, movie_id)
        if event is not None:
            self._emit(event)
        return stored

    def update_movie_details(self, movie_id: int, movie: Movie) -> Movie | None:
        """Edit details: title, year, director and genre from `movie` (validated here);
        None when the movie is gone. The same details again change nothing and write no
        event."""
        movie = validate_movie(movie)
        with self._storage("edit a movie"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            details = {
                "title": movie.title,
                "year": movie.year,
                "director": movie.director,
                "genre": movie.genre,
            }
            if all(row[name] == value for name, value in details.items()):
                return movie_by_id(conn, self._key, movie_id)
            values = details | {
                "search_key": movie_search_key(movie),
                "genre_key": genre_key(movie.genre),
            }
            conn.execute(movies.update().where(movies.c.id == movie_id).values(values))
            event = events.Event.create(
                events.MOVIE_EDITED,
                movie_id=movie_id,
                title=movie.title,
                year=movie.year,
                previous_title=row["title"],
                previous_year=row["year"],
            )
            record_change(conn, self._key, event)
            stored = movie_by_id(conn, self._key, movie_id)
        self._emit(event)
        return stored

    # -- the Library's queries -------------------------------------------------------------

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
        """Movies filtered by status, text (title, director, genre), one genre, a decade,
        whether you rated them and a longest runtime in minutes (films without a runtime
        are left out then); newest added first unless `sort` is one of MOVIE_SORTS."""
        query = movie_select().where(movies.c.owner == self._key)
        query = _filtered(query, status, text, genre, decade, rated)
        query = _no_longer_than(query, max_runtime)
        query = query.order_by(*_movie_order(sort))
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read the library"), self._reading() as conn:
            return [movie_from_row(row) for row in conn.execute(query).mappings()]

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
        query = select(func.count()).select_from(movies).where(movies.c.owner == self._key)
        query = _filtered(query, status, text, genre, decade, rated)
        query = _no_longer_than(query, max_runtime)
        with self._storage("count the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def genres(self) -> list[str]:
        """Each genre name in the library's comma lists once, A to Z (case and accents
        ignored in telling them apart)."""
        query = (
            select(movies.c.genre)
            .where(movies.c.owner == self._key, movies.c.genre.is_not(None))
            .distinct()
        )
        with self._storage("read the library"), self._reading() as conn:
            return genre_names(conn.execute(query).scalars())

    def decades(self) -> list[int]:
        decade = (movies.c.year // 10) * 10
        query = (
            select(decade)
            .where(movies.c.owner == self._key, movies.c.year.is_not(None))
            .distinct()
            .order_by(decade)
        )
        with self._storage("read the library"), self._reading() as conn:
            return [int(value) for value in conn.execute(query).scalars()]

    def find_by_imdb_id(self, imdb_id: str) -> Movie | None:
        with self._storage("read a movie"), self._reading() as conn:
            query = movie_select().where(movies.c.owner == self._key, movies.c.imdb_id == imdb_id)
            row = conn.execute(query).mappings().first()
        return movie_from_row(row) if row else None

    def find_same_film(self, imdb_id: str | None, title: str, year: int | None) -> Movie | None:
        """The library's copy of this film, or None (queries.same_film: by IMDb ID, else
        by title and year, case and accents ignored)."""
        with self._storage("read a movie"), self._reading() as conn:
            row = same_film(conn, self._key, imdb_id, title, year)
            return movie_by_id(conn, self._key, row["id"]) if row else None

    def find_same_films(
        self, films: Sequence[tuple[str | None, str, int | None]]
    ) -> list[Movie | None]:
        """find_same_film for each (IMDb ID, title, year) of a few films, in one query."""
        with self._storage("read the library"), self._reading() as conn:
            rows = same_films(conn, self._key, films)
        return [movie_from_row(row) if row else None for row in rows]


def _movie_order(sort: str) -> list[Any]:
    """ORDER BY for a MOVIE_SORTS name; ties go newest added first."""
    newest_watch = last_watched()
    orders: dict[str, list[Any]] = {
        SORT_ADDED: [],
        SORT_TITLE: [movies.c.search_key],
        SORT_YEAR: [movies.c.year.is_(None), movies.c.year.desc()],
        SORT_RATING: [movies.c.rating.is_(None), movies.c.rating.desc()],
        SORT_LAST_WATCHED: [newest_watch.is_(None), newest_watch.desc()],
        SORT_RUNTIME: [movies.c.runtime_minutes.is_(None), movies.c.runtime_minutes],
        SORT_WATCHLIST: watchlist_sort(),
    }
    if sort not in orders:
        choices = ", ".join(MOVIE_SORTS)
        raise ValidationError("sort", f"Sort by one of {choices} (not {sort!r}).")
    return [*orders[sort], movies.c.date_added.desc(), movies.c.id.desc()]
