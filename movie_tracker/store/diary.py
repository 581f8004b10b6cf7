"""The diary: watches, logged, read, changed and deleted, and which of them are rewatches.

A movie's first watch is its earliest: undated before dated (unknown counts as earliest),
then by the day that places it (a month's or a year's last day), of one day the day, then
the month, then the year (models/dates.py), then the one logged first; every later one is
a rewatch, and so is the first when it was seen_before (a Letterboxd entry marked
Rewatch). The flags are worked out again in the transaction of every change to a movie's
watches.

The stars of a watch rate the film, as on Letterboxd: the film's rating is the latest
rating the person gave, logging a watch with stars, giving a watch new stars, or rating
the film itself; a watch without stars (or with its stars cleared) leaves it as it is. The
film's rating changes in the watch's transaction. Logging records no movie.rated of its
own, since watch.logged carries the stars ("Watched Heat, rated ★★★★"); editing an
entry's stars records movie.rated beside watch.updated, which does not name them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.engine import RowMapping

from movie_tracker import events
from movie_tracker.models import BY_HAND, Status, Watch
from movie_tracker.store.library import Library
from movie_tracker.store.queries import (
    in_year,
    last_watched,
    movie_row_to_change,
    record_change,
)
from movie_tracker.store.queries import rate_film as _rate_film
from movie_tracker.store.queries import recompute_rewatches as _recompute_rewatches
from movie_tracker.store.queries import status_changed as _status_changed
from movie_tracker.store.queries import watch_event as _watch_event
from movie_tracker.store.rows import (
    movie_from_row,
    watch_from_row,
    watch_row,
    watch_values,
)
from movie_tracker.store.tables import movies, watches


class Diary(Library):
    """The watches of one owner's library."""

    def log_watch(self, watch: Watch) -> Watch | None:
        """Store a watch (its fields already clean); None when the movie is gone.

        In the same transaction a movie not yet Watched becomes Watched, and a watch with
        stars gives the film its rating.
        """
        logged = datetime.now(timezone.utc)
        with self._storage("log a watch"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, watch.movie_id)
            if row is None:
                return None
            changes = []
            if row["status"] != Status.WATCHED.value:
                conn.execute(
                    movies.update()
                    .where(movies.c.id == watch.movie_id)
                    .values(status=Status.WATCHED.value)
                )
                changes.append(_status_changed(row, Status.WATCHED))
            watch_id = conn.execute(
                insert(watches).values(watch_row(watch, logged, self._key)).returning(watches.c.id)
            ).scalar_one()
            _rate_film(conn, row, watch.rating)
            stored = _recompute_rewatches(conn, watch.movie_id)[watch_id]
            changes.append(_watch_event(events.WATCH_LOGGED, row, stored, source=BY_HAND))
            for change in changes:
                record_change(conn, self._key, change)
        for change in changes:
            self._emit(change)
        return stored

    def get_watch(self, watch_id: int) -> Watch | None:
        with self._storage("read a watch"), self._reading() as conn:
            query = select(watches).where(watches.c.id == watch_id, watches.c.owner == self._key)
            row = conn.execute(query).mappings().first()
        return watch_from_row(row) if row else None

    def find_watches(self, movie_id: int) -> list[Watch]:
        """A movie's watches, newest first: unknown dates last, then the latest logged."""
        query = (
            select(watches)
            .where(watches.c.movie_id == movie_id, watches.c.owner == self._key)
            .order_by(*_newest_watches())
        )
        with self._storage("read the diary"), self._reading() as conn:
            return [watch_from_row(row) for row in conn.execute(query).mappings()]

    def update_watch(self, watch_id: int, changes: Mapping[str, Any]) -> Watch | None:
        """Change some of a watch's fields (watched_on, rating, review, tags, already clean);
        None when the watch is gone. Values equal to the stored ones change nothing and
        write nothing: no event, and the library version stays."""
        with self._storage("change a watch"), self._writing() as conn:
            found = _watch_row_to_change(conn, self._key, watch_id)
            if found is None:
                return None
            movie_row, watch_row_now = found
            values = {
                name: value
                for name, value in watch_values(changes).items()
                if watch_row_now[name] != value
            }
            if not values:
                return watch_from_row(watch_row_now)
            conn.execute(watches.update().where(watches.c.id == watch_id).values(values))
            stored = _recompute_rewatches(conn, movie_row["id"])[watch_id]
            recorded = []
            if _rate_film(conn, movie_row, values.get("rating")):
                recorded.append(_film_rated(movie_row, stored.rating))
            recorded.append(
                _watch_event(events.WATCH_UPDATED, movie_row, stored, changed=sorted(values))
            )
            for event in recorded:
                record_change(conn, self._key, event)
        for event in recorded:
            self._emit(event)
        return stored

    def delete_watch(self, watch_id: int) -> Watch | None:
        """Delete a watch and return it as it was; None when it is already gone."""
        with self._storage("delete a watch"), self._writing() as conn:
            found = _watch_row_to_change(conn, self._key, watch_id)
            if found is None:
                return None
            movie_row, deleted_row = found
            conn.execute(watches.delete().where(watches.c.id == watch_id))
            _recompute_rewatches(conn, movie_row["id"])
            deleted = watch_from_row(deleted_row)
            event = _watch_event(events.WATCH_DELETED, movie_row, deleted)
            record_change(conn, self._key, event)
        self._emit(event)
        return deleted

    def diary(
        self,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        oldest_first: bool = False,
        since: date | None = None,
    ) -> list[Watch]:
        """Watches across the library, each with its movie: newest first (unknown dates
        last), or with oldest_first the other way round; `year` keeps one year's, `since`
        those dated on that day or later."""
        order = _newest_watches()
        if oldest_first:
            order = [
                watches.c.watched_on.asc().nulls_first(),
                watches.c.watched_precision,
                watches.c.id,
            ]
        query = in_year(_diary_select(self._key), year, since).order_by(*order)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read the diary"), self._reading() as conn:
            return [_diary_entry(row) for row in conn.execute(query).mappings()]

    def count_diary(self, year: int | None = None, *, since: date | None = None) -> int:
        query = select(func.count()).select_from(watches).where(watches.c.owner == self._key)
        query = in_year(query, year, since)
        with self._storage("read the diary"), self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def diary_years(self) -> list[int]:
        """The years that have dated watches, newest first."""
        year = func.substr(watches.c.watched_on, 1, 4)
        query = (
            select(year)
            .where(watches.c.owner == self._key, watches.c.watched_on.is_not(None))
            .distinct()
        )
        with self._storage("read the diary"), self._reading() as conn:
            return sorted((int(value) for value in conn.execute(query).scalars()), reverse=True)


def _newest_watches() -> list[Any]:
    """Newest first (of one placing day: the year, the month, then the day), undated last:
    ix_watches_owner_watched_on read backwards on SQLite, whose NULLs sort first;
    PostgreSQL sorts the owner's watches."""
    return [
        watches.c.watched_on.desc().nulls_last(),
        watches.c.watched_precision.desc(),
        watches.c.id.desc(),
    ]


def _diary_select(owner: str) -> Any:
    movie_columns = [column.label(f"movie__{column.name}") for column in movies.c]
    return (
        select(watches, *movie_columns, last_watched().label("movie__last_watched"))
        .select_from(watches.join(movies, watches.c.movie_id == movies.c.id))
        .where(watches.c.owner == owner)
    )


def _diary_entry(row: Mapping[Any, Any]) -> Watch:
    movie: dict[str, Any] = {
        key[len("movie__") :]: value for key, value in row.items() if key.startswith("movie__")
    }
    return watch_from_row(row, movie_from_row(movie))


def _watch_row_to_change(
    conn: Connection, owner: str, watch_id: int
) -> tuple[RowMapping, RowMapping] | None:
    """The watch's movie row, locked (so its watches change one writer at a time), and the
    watch as it is once the lock is held; None when either is gone or is another owner's."""
    query = select(watches.c.movie_id).where(watches.c.id == watch_id, watches.c.owner == owner)
    movie_id = conn.execute(query).scalar_one_or_none()
    movie_row = movie_row_to_change(conn, owner, movie_id) if movie_id is not None else None
    if movie_row is None:
        return None
    found = conn.execute(select(watches).where(watches.c.id == watch_id)).mappings().first()
    return (movie_row, found) if found else None


def _film_rated(movie_row: Mapping[Any, Any], rating: float | None) -> events.Event:
    return events.Event.create(
        events.MOVIE_RATED,
        movie_id=movie_row["id"],
        title=movie_row["title"],
        year=movie_row["year"],
        rating=rating,
        previous_rating=movie_row["rating"],
    )
