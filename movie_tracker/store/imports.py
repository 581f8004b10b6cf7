"""Imports: an ImportPlan applied in one transaction, and details filled in from OMDb.

An import matches the plan against the library again inside its transaction, writes new
movies and watches with bulk inserts and changed movies with one executemany UPDATE, and
is one change: one `import.completed` event, one new library version. Its lists and its
watchlist order are written last, once its films are there (orders.import_lists). A backup restored
into a library without movies also writes its history, each event with its own time and
its movie's new id, before that one event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, func, insert, select

from movie_tracker import events
from movie_tracker.importers.merge import (
    FILLED_FIELDS,
    ImportChanges,
    MovieUpdate,
    StoredMovie,
    WatchKey,
    date_added,
    match,
    watch_key,
)
from movie_tracker.importers.plan import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.models import DatePrecision, Movie, Status, Watch
from movie_tracker.store.library import Library
from movie_tracker.store.orders import import_lists
from movie_tracker.store.queries import (
    earliest_watches,
    fill_in,
    lock_version,
    movie_by_id,
    movie_row_to_change,
    movie_select,
    record_change,
)
from movie_tracker.store.rows import (
    event_row,
    genre_key,
    iso_date,
    movie_from_row,
    movie_row,
    movie_search_key,
    parse_date,
    status_from_db,
    watch_row,
)
from movie_tracker.store.tables import event_rows, movies, watches

Progress = Callable[[int, int], object]
IMPORT_STEP = 500  # movies written between two progress reports
_T = TypeVar("_T")


class Imports(Library):
    """What imports and the filling in of details read and write."""

    def import_snapshot(self) -> list[StoredMovie]:
        """Every movie as an import matches it, with its watches' keys: two queries."""
        with self._storage("read the library"), self._reading() as conn:
            return _stored_movies(conn, self._key)

    def apply_import(self, plan: ImportPlan, progress: Progress | None = None) -> ImportChanges:
        """Import a clean plan (merge.clean_plan) whole or not at all; what it did.

        The library is matched again inside the transaction, so what is written is right
        even when the library changed since the preview. An error, or `progress` raising,
        leaves the library as it was.
        """
        now = datetime.now(timezone.utc)
        with self._storage("import the export"), self._writing() as conn:
            # Imports take turns: the version row stays locked until this one commits.
            lock_version(conn, self._key)
            changes = match(plan, _stored_movies(conn, self._key))
            steps = _Steps(len(changes.new_movies) + len(changes.updates), progress)
            movie_ids = _insert_movies(conn, self._key, changes.new_movies, now, steps)
            _update_movies(conn, changes.updates, steps)
            planned = [
                (movie_id, watch)
                for movie_id, movie in zip(movie_ids, changes.new_movies, strict=True)
                for watch in movie.watches
            ] + [(u.movie.id, watch) for u in changes.updates for watch in u.watches]
            watch_ids = _insert_watches(conn, self._key, planned, now)
            _recompute_rewatches_of(conn, self._key, {movie_id for movie_id, _ in planned})
            if changes.restore:
                _restore_history(conn, self._key, changes, movie_ids, planned, watch_ids)
            lists = import_lists(conn, self._key, plan, changes.new_movies, movie_ids, now)
            changes = replace(changes, lists=lists)
            event = events.Event.create(
                events.IMPORT_COMPLETED, logging.INFO, **import_counts(plan, changes)
            )
            record_change(conn, self._key, event)
        self._emit(event)
        return changes

    # -- filling in details from OMDb --------------------------------------------------------

    def details_checked_days(self) -> dict[int, date]:
        """The day OMDb was asked about each movie it was asked about: a backup's."""
        query = select(movies.c.id, movies.c.details_checked_on).where(
            movies.c.owner == self._key, movies.c.details_checked_on.is_not(None)
        )
        with self._storage("read the library"), self._reading() as conn:
            checked = {movie_id: parse_date(day) for movie_id, day in conn.execute(query)}
        return {movie_id: day for movie_id, day in checked.items() if day is not None}

    def movies_missing_details(self, limit: int) -> list[Movie]:
        """Movies without an IMDb ID or a poster that OMDb was never asked about, oldest
        first."""
        query = _missing_details(movie_select().where(movies.c.owner == self._key))
        query = query.order_by(movies.c.id).limit(limit)
        with self._storage("read the library"), self._reading() as conn:
            return [movie_from_row(row) for row in conn.execute(query).mappings()]

    def count_missing_details(self) -> int:
        query = select(func.count()).select_from(movies).where(movies.c.owner == self._key)
        query = _missing_details(query)
        with self._storage("count the library"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def fill_in_details(self, movie_id: int, changes: Mapping[str, Any]) -> Movie | None:
        """Fill in fields a movie lacks (`changes`: clean values, only fields now empty) and
        remember that OMDb was asked, found or not (queries.fill_in). One `movie.edited`
        event when anything was filled; none for a movie OMDb did not know. None when the
        movie is gone."""
        with self._storage("fill in a movie's details"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            _, event = fill_in(conn, self._key, row, changes)
            stored = movie_by_id(conn, self._key, movie_id)
        if event is not None:
            self._emit(event)
        return stored


def import_counts(plan: ImportPlan, changes: ImportChanges) -> dict[str, object]:
    """What an `import.completed` event says (rows.IMPORT_COUNTS, and the source); the
    lists' counts only when the file has lists or a watchlist order."""
    lists = {
        "lists_added": changes.lists.lists_to_add,
        "lists_updated": changes.lists.lists_to_update,
        "list_entries_added": changes.lists.entries_to_add,
    }
    return {
        "source": plan.source,
        "movies_added": len(changes.new_movies),
        "movies_updated": len(changes.updates),
        "movies_unchanged": changes.unchanged,
        "watches_added": changes.watches_to_add,
        "ratings_added": changes.ratings_to_add,
        "reviews_added": changes.reviews_to_add,
        "watchlist_added": changes.watchlist_to_add,
        "skipped": len(plan.skipped),
        **(lists if plan.lists or plan.watchlist else {}),
    }


class _Steps:
    """Progress of an import: `progress(done, total)` after each step of movies."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)


def _chunks(items: Sequence[_T], size: int = IMPORT_STEP) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# StoredMovie's fields, in its order.
_STORED_COLUMNS = (
    "id", "title", "status", "year", "imdb_id", "rating", "director", "genre",
    "runtime_minutes", "poster_url", "plot", "actors", "imdb_rating", "language", "country",
)  # fmt: skip


def _stored_movies(conn: Connection, owner: str) -> list[StoredMovie]:
    keys: dict[int, list[WatchKey]] = {}
    query = select(
        watches.c.movie_id,
        watches.c.watched_on,
        watches.c.rating,
        watches.c.review,
        watches.c.watched_precision,
    ).where(watches.c.owner == owner)
    for movie_id, watched_on, rating, review, precision in conn.execute(query):
        key = watch_key(parse_date(watched_on), rating, review, DatePrecision.parse(precision))
        keys.setdefault(movie_id, []).append(key)
    columns = [getattr(movies.c, name) for name in _STORED_COLUMNS]
    stored = []
    for row in conn.execute(select(*columns).where(movies.c.owner == owner)):
        movie_id, title, status, year, imdb_id, rating, director, genre = row[:8]
        runtime, poster, plot, actors, imdb_rating, language, country = row[8:]
        stored.append(
            StoredMovie(
                movie_id,
                title,
                status_from_db(status),
                year,
                imdb_id,
                rating,
                director,
                genre,
                runtime,
                poster,
                plot,
                actors,
                imdb_rating,
                language,
                country,
                tuple(keys.get(movie_id, ())),
            )
        )
    return stored


def _insert_movies(
    conn: Connection,
    owner: str,
    new_movies: Sequence[PlannedMovie],
    now: datetime,
    steps: _Steps,
) -> list[int]:
    """Insert the new movies in bulk; their ids, in the same order."""
    ids: list[int] = []
    statement = insert(movies).returning(movies.c.id, sort_by_parameter_order=True)
    for chunk in _chunks(new_movies):
        rows = [
            movie_row(_planned_movie(movie), date_added(movie, now), owner)
            | {"details_checked_on": iso_date(movie.details_checked_on)}
            for movie in chunk
        ]
        ids.extend(conn.execute(statement, rows).scalars().all())
        steps.advance(len(chunk))
    return ids


def _planned_movie(movie: PlannedMovie) -> Movie:
    return Movie(
        title=movie.title,
        status=movie.status,
        year=movie.year,
        director=movie.director,
        genre=movie.genre,
        imdb_id=movie.imdb_id,
        poster_url=movie.poster_url,
        rating=movie.rating,
        runtime_minutes=movie.runtime_minutes,
        plot=movie.plot,
        actors=movie.actors,
        imdb_rating=movie.imdb_rating,
        language=movie.language,
        country=movie.country,
    )


def _update_movies(conn: Connection, updates: Sequence[MovieUpdate], steps: _Steps) -> None:
    """Every changed movie with one executemany UPDATE (all columns an import may change)."""
    names = ("status", "rating", "imdb_id", *FILLED_FIELDS)
    statement = (
        movies.update()
        .where(movies.c.id == bindparam("movie_id"))
        .values({name: bindparam(f"new_{name}") for name in (*names, "search_key", "genre_key")})
    )
    for chunk in _chunks(updates):
        rows = []
        for update in chunk:
            row: dict[str, Any] = {f"new_{name}": update.value(name) for name in names}
            row["new_status"] = Status.parse(row["new_status"]).value
            text = Movie(update.movie.title, director=row["new_director"], genre=row["new_genre"])
            row |= {
                "movie_id": update.movie.id,
                "new_search_key": movie_search_key(text),
                "new_genre_key": genre_key(row["new_genre"]),
            }
            rows.append(row)
        conn.execute(statement, rows)
        steps.advance(len(chunk))


def _insert_watches(
    conn: Connection, owner: str, planned: Sequence[tuple[int, PlannedWatch]], now: datetime
) -> list[int]:
    """Insert the watches in bulk; their ids, in the same order."""
    rows = []
    for movie_id, watch in planned:
        logged = watch.logged_at or now
        row = watch_row(
            Watch(
                movie_id,
                watch.watched_on,
                watch.rating,
                watch.review,
                watch.tags,
                seen_before=watch.rewatch,
                precision=watch.precision,
            ),
            logged,
            owner,
        )
        rows.append(row)
    ids: list[int] = []
    statement = insert(watches).returning(watches.c.id, sort_by_parameter_order=True)
    for chunk in _chunks(rows):
        ids.extend(conn.execute(statement, list(chunk)).scalars().all())
    return ids


def _restore_history(
    conn: Connection,
    owner: str,
    changes: ImportChanges,
    movie_ids: Sequence[int],
    planned: Sequence[tuple[int, PlannedWatch]],
    watch_ids: Sequence[int],
) -> None:
    """A restore's events, each with its own time and the new ids of its movie and watch."""
    movie_of = dict(zip((m.source_key for m in changes.new_movies), movie_ids, strict=True))
    watch_of = dict(zip((w.source_key for _, w in planned), watch_ids, strict=True))
    rows = [event_row(event.restored(movie_of, watch_of), owner) for event in changes.events]
    for chunk in _chunks(rows):
        conn.execute(insert(event_rows), list(chunk))


def _recompute_rewatches_of(conn: Connection, owner: str, movie_ids: set[int]) -> None:
    """Every watch but each movie's first is a rewatch, and the first too when it was seen
    before (as the diary has it), for many movies with one read and one bulk write."""
    if not movie_ids:
        return
    query = (
        select(watches.c.id, watches.c.movie_id, watches.c.rewatch, watches.c.seen_before)
        .where(watches.c.owner == owner)
        .order_by(watches.c.movie_id, *earliest_watches(), watches.c.logged_at, watches.c.id)
    )
    seen: set[int] = set()
    flips = []
    for watch_id, movie_id, rewatch, seen_before in conn.execute(query):
        if movie_id not in movie_ids:
            continue
        flag = movie_id in seen or bool(seen_before)
        seen.add(movie_id)
        if bool(rewatch) != flag:
            flips.append({"watch_id": watch_id, "flag": flag})
    if flips:
        statement = (
            watches.update()
            .where(watches.c.id == bindparam("watch_id"))
            .values(rewatch=bindparam("flag"))
        )
        conn.execute(statement, flips)


def _missing_details(query: Any) -> Any:
    return query.where(
        movies.c.imdb_id.is_(None) | movies.c.poster_url.is_(None),
        movies.c.details_checked_on.is_(None),
    )
