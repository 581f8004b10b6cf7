"""Orders: the watchlist's, and the films of lists, as more than one part keeps them.

The watchlist is the owner's Want to Watch films in the order they set. `watchlist_order`
holds the place of each film they ordered; a Want to Watch film without a place (added
since, or never ordered) comes after every placed film, oldest added first. So a new film
goes to the end without a write, and a film marked Watched leaves the order without one
(the order is read through the status; its stale place is dropped at the next write).
Ordering a film writes the whole order again (every Want to Watch film its place), and a
film put back to Want to Watch goes to the end (`to_watchlist_end`).

A list's films have a place each too (`list_entries.position`); the places keep their
order, gaps are allowed (a film deleted from the library leaves one), and a list's page
numbers them 1, 2, 3... Every statement here is scoped by the owner it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, bindparam, case, insert, select

from movie_tracker.importers.list_merge import ListChanges, ListUpdate, StoredList, match_lists
from movie_tracker.importers.merge import StoredMovie
from movie_tracker.importers.plan import ImportPlan, PlannedMovie
from movie_tracker.models import Status, list_name_key
from movie_tracker.store.rows import status_from_db
from movie_tracker.store.tables import list_entries, lists, movies, watchlist_order

_STEP = 500  # ids in one IN (...)
WANTED = Status.WANT_TO_WATCH.value


def watchlist_place() -> Any:
    """The place of the movie in the outer query in the watchlist's order: NULL when it is
    not Want to Watch or has none (a correlated subquery, on the primary key)."""
    place = (
        select(watchlist_order.c.position)
        .where(watchlist_order.c.movie_id == movies.c.id)
        .correlate(movies)
        .scalar_subquery()
    )
    return case((movies.c.status == WANTED, place), else_=None)


def watchlist_sort() -> list[Any]:
    """ORDER BY the watchlist's order: Want to Watch films first, placed ones in their
    places, then the others oldest added first; then the films that are not Want to Watch,
    oldest added first."""
    place = watchlist_place()
    return [
        movies.c.status != WANTED,
        place.is_(None),
        place,
        movies.c.date_added,
        movies.c.id,
    ]


def watchlist_ids(conn: Connection, owner: str) -> list[int]:
    """The owner's Want to Watch films' ids, in the watchlist's order."""
    query = (
        select(movies.c.id)
        .where(movies.c.owner == owner, movies.c.status == WANTED)
        .order_by(*watchlist_sort())
    )
    return list(conn.execute(query).scalars())


def write_watchlist(conn: Connection, owner: str, ids: Sequence[int]) -> None:
    """Give the films `ids` the places 1, 2, 3... and drop every other place the owner
    has; only the rows that change are written."""
    query = select(watchlist_order.c.movie_id, watchlist_order.c.position).where(
        watchlist_order.c.owner == owner
    )
    now: dict[int, int] = {movie_id: place for movie_id, place in conn.execute(query)}
    wanted = {movie_id: place for place, movie_id in enumerate(ids, start=1)}
    for chunk in _chunks([movie_id for movie_id in now if movie_id not in wanted]):
        conn.execute(
            watchlist_order.delete().where(
                watchlist_order.c.owner == owner, watchlist_order.c.movie_id.in_(chunk)
            )
        )
    new = [
        {"movie_id": movie_id, "owner": owner, "position": place}
        for movie_id, place in wanted.items()
        if movie_id not in now
    ]
    if new:
        conn.execute(insert(watchlist_order), new)
    moved = [
        {"moved_id": movie_id, "place": place}
        for movie_id, place in wanted.items()
        if movie_id in now and now[movie_id] != place
    ]
    if moved:
        statement = (
            watchlist_order.update()
            .where(watchlist_order.c.movie_id == bindparam("moved_id"))
            .values(position=bindparam("place"))
        )
        conn.execute(statement, moved)


def to_watchlist_end(conn: Connection, owner: str, movie_id: int) -> None:
    """A film just put back to Want to Watch goes to the end of the watchlist."""
    ids = [other for other in watchlist_ids(conn, owner) if other != movie_id]
    write_watchlist(conn, owner, [*ids, movie_id])


def forget_film(conn: Connection, movie_id: int) -> None:
    """A film deleted from the library leaves its lists and the watchlist's order (the
    foreign keys cascade too; this does not depend on SQLite's pragma being on)."""
    conn.execute(list_entries.delete().where(list_entries.c.movie_id == movie_id))
    conn.execute(watchlist_order.delete().where(watchlist_order.c.movie_id == movie_id))


# -- an import's lists ---------------------------------------------------------------------


def stored_lists(conn: Connection, owner: str) -> list[StoredList]:
    """The owner's lists as an import meets them, each with its films in order."""
    entries: dict[int, list[tuple[int, str]]] = {}
    query = (
        select(list_entries.c.list_id, list_entries.c.movie_id, list_entries.c.note)
        .where(list_entries.c.owner == owner)
        .order_by(list_entries.c.list_id, list_entries.c.position)
    )
    for list_id, movie_id, note in conn.execute(query):
        entries.setdefault(list_id, []).append((movie_id, note))
    query = select(lists.c.id, lists.c.name, lists.c.description).where(lists.c.owner == owner)
    return [
        StoredList(list_id, name, description, tuple(entries.get(list_id, ())))
        for list_id, name, description in conn.execute(query.order_by(lists.c.id))
    ]


def import_lists(
    conn: Connection,
    owner: str,
    plan: ImportPlan,
    new_movies: Sequence[PlannedMovie],
    movie_ids: Sequence[int],
    now: datetime,
) -> ListChanges:
    """Write the plan's lists and watchlist order (list_merge.match_lists), once its movies
    are written (`new_movies` got `movie_ids`); what it did."""
    if not (plan.lists or plan.watchlist):
        return ListChanges()
    by_key = {
        movie.source_key: movie_id
        for movie, movie_id in zip(new_movies, movie_ids, strict=True)
        if movie.source_key
    }
    query = select(
        movies.c.id, movies.c.title, movies.c.status, movies.c.year, movies.c.imdb_id
    ).where(movies.c.owner == owner)
    films = [
        StoredMovie(movie_id, title, status_from_db(status), year, imdb_id)
        for movie_id, title, status, year, imdb_id in conn.execute(query.order_by(movies.c.id))
    ]
    changes = match_lists(
        plan, films, stored_lists(conn, owner), watchlist_ids(conn, owner), by_key
    )
    for update in changes.updates:
        write_list(conn, owner, update, now)
    if changes.watchlist is not None:
        write_watchlist(conn, owner, changes.watchlist)
    return changes


def write_list(conn: Connection, owner: str, update: ListUpdate, now: datetime) -> int:
    """Make the list, or change it, to be as `update` says; its id. An entry without its
    own moment keeps the one it had, or is added now."""
    stamp = now.isoformat(timespec="seconds")
    if update.stored is None:
        values = {
            "owner": owner,
            "name": update.name,
            "name_key": list_name_key(update.name),
            "description": update.description,
            "created_at": _stamp(update.created_at) or stamp,
        }
        list_id = int(conn.execute(insert(lists).values(values).returning(lists.c.id)).scalar_one())
        added: dict[int, str] = {}
    else:
        list_id = update.stored.id
        conn.execute(
            lists.update()
            .where(lists.c.id == list_id, lists.c.owner == owner)
            .values(description=update.description)
        )
        query = select(list_entries.c.movie_id, list_entries.c.added_at).where(
            list_entries.c.list_id == list_id, list_entries.c.owner == owner
        )
        added = {movie_id: moment for movie_id, moment in conn.execute(query)}
        conn.execute(
            list_entries.delete().where(
                list_entries.c.list_id == list_id, list_entries.c.owner == owner
            )
        )
    rows = [
        {
            "list_id": list_id,
            "movie_id": movie_id,
            "owner": owner,
            "position": place,
            "note": note,
            "added_at": _stamp(moment) or added.get(movie_id) or stamp,
        }
        for place, (movie_id, note, moment) in enumerate(update.entries, start=1)
    ]
    if rows:
        conn.execute(insert(list_entries), rows)
    return list_id


def _stamp(moment: datetime | None) -> str | None:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds") if moment else None


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _STEP):
        yield ids[start : start + _STEP]
