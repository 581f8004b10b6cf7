"""Lists: a person's lists of films, each film once in a list with a note, in their order.

Every list and entry is the owner's: another person's list id is "not found" here (None).
Each change writes its event (list.created, list.film_added, ...) and the owner's new
library version in its own transaction. A film deleted from the library leaves its lists
(store/orders.py: forget_film, in the delete's transaction).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, case, func, insert, select

from movie_tracker import events
from movie_tracker.importers.list_merge import StoredList
from movie_tracker.models import ListEntry, MovieList, Status, ValidationError, list_name_key
from movie_tracker.models import movie_label as _label
from movie_tracker.store.library import Library
from movie_tracker.store.orders import stored_lists, watchlist_ids
from movie_tracker.store.queries import movie_row_to_change, movie_select, record_change
from movie_tracker.store.rows import movie_from_row, parse_ts
from movie_tracker.store.tables import list_entries, lists, movies


class Lists(Library):
    """One owner's lists."""

    def create_list(self, name: str, description: str = "") -> MovieList:
        """Make a list (its name and description already clean); a name the owner already
        uses (case, accents and spaces ignored) is refused."""
        now = _now()
        with self._storage("make a list"), self._writing() as conn:
            _refuse_taken(conn, self._key, name)
            values = {
                "owner": self._key,
                "name": name,
                "name_key": list_name_key(name),
                "description": description,
                "created_at": now.isoformat(timespec="seconds"),
            }
            list_id = conn.execute(insert(lists).values(values).returning(lists.c.id)).scalar_one()
            event = _event(events.LIST_CREATED, list_id, name)
            record_change(conn, self._key, event)
        self._emit(event)
        return MovieList(list_id, name, description, parse_ts(values["created_at"]))

    def lists(self) -> list[MovieList]:
        """The owner's lists, A to Z, each with its count of films, of watched films, and
        its runtime."""
        query = _summaries().where(lists.c.owner == self._key).order_by(lists.c.name_key)
        with self._storage("read your lists"), self._reading() as conn:
            return [_summary(row) for row in conn.execute(query).mappings()]

    def get_list(self, list_id: int) -> MovieList | None:
        query = _summaries().where(lists.c.owner == self._key, lists.c.id == list_id)
        with self._storage("read a list"), self._reading() as conn:
            row = conn.execute(query).mappings().first()
        return _summary(row) if row else None

    def lists_of_movie(self, movie_id: int) -> list[MovieList]:
        """The owner's lists that hold this film, A to Z."""
        holding = select(list_entries.c.list_id).where(
            list_entries.c.movie_id == movie_id, list_entries.c.owner == self._key
        )
        query = _summaries().where(lists.c.owner == self._key, lists.c.id.in_(holding))
        with self._storage("read your lists"), self._reading() as conn:
            rows = conn.execute(query.order_by(lists.c.name_key)).mappings()
            return [_summary(row) for row in rows]

    def rename_list(self, list_id: int, name: str) -> MovieList | None:
        """A new name (clean) for the list; None when the owner has no such list. The same
        name again changes nothing; another list's name is refused."""
        event = None
        with self._storage("rename a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            if row is None:
                return None
            if row["name"] != name:
                _refuse_taken(conn, self._key, name, but=list_id)
                values = {"name": name, "name_key": list_name_key(name)}
                conn.execute(lists.update().where(lists.c.id == list_id).values(values))
                event = _event(events.LIST_RENAMED, list_id, name, previous_name=row["name"])
                record_change(conn, self._key, event)
        self._emit_if(event)
        return self.get_list(list_id)

    def describe_list(self, list_id: int, description: str) -> MovieList | None:
        """A new description (clean); None when the owner has no such list."""
        event = None
        with self._storage("describe a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            if row is None:
                return None
            if row["description"] != description:
                update = lists.update().where(lists.c.id == list_id)
                conn.execute(update.values(description=description))
                event = _event(events.LIST_DESCRIBED, list_id, row["name"])
                record_change(conn, self._key, event)
        self._emit_if(event)
        return self.get_list(list_id)

    def delete_list(self, list_id: int) -> MovieList | None:
        """Delete the list and its entries (never the films); the list as it was, or None
        when the owner has no such list."""
        deleted = self.get_list(list_id)
        with self._storage("delete a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            if row is None or deleted is None:
                return None
            conn.execute(list_entries.delete().where(list_entries.c.list_id == list_id))
            conn.execute(lists.delete().where(lists.c.id == list_id))
            event = _event(events.LIST_DELETED, list_id, row["name"], films=deleted.films)
            record_change(conn, self._key, event)
        self._emit(event)
        return deleted

    # -- the films of a list -----------------------------------------------------------------

    def list_entries(self, list_id: int) -> list[ListEntry] | None:
        """The list's films in its order, each with its note; None when there is no list."""
        with self._storage("read a list"), self._reading() as conn:
            if _list_row(conn, self._key, list_id) is None:
                return None
            return _entries(conn, list_id)

    def add_to_list(self, list_id: int, movie_id: int, note: str = "") -> ListEntry | None:
        """Put the film at the end of the list, with its note (clean); None when the list
        or the film is not the owner's. A film already in the list is refused."""
        with self._storage("add a film to a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            film = movie_row_to_change(conn, self._key, movie_id)
            if row is None or film is None:
                return None
            places = _places(conn, list_id)
            if movie_id in places:
                raise ValidationError(
                    "movie", f"{_label(film['title'], film['year'])} is already in “{row['name']}”."
                )
            values = {
                "list_id": list_id,
                "movie_id": movie_id,
                "owner": self._key,
                "position": max(places.values(), default=0) + 1,
                "note": note,
                "added_at": _now().isoformat(timespec="seconds"),
            }
            conn.execute(insert(list_entries).values(values))
            event = _film_event(events.LIST_FILM_ADDED, row, film, position=len(places) + 1)
            record_change(conn, self._key, event)
            entry = _entry_of(conn, list_id, movie_id)
        self._emit(event)
        return entry

    def remove_from_list(self, list_id: int, movie_id: int) -> ListEntry | None:
        """Take the film out of the list; the entry it was, or None when the list is not the
        owner's or the film is not in it."""
        with self._storage("remove a film from a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            entry = _entry_of(conn, list_id, movie_id) if row is not None else None
            if row is None or entry is None:
                return None
            conn.execute(
                list_entries.delete().where(
                    list_entries.c.list_id == list_id, list_entries.c.movie_id == movie_id
                )
            )
            event = _film_event(events.LIST_FILM_REMOVED, row, _film(entry))
            record_change(conn, self._key, event)
        self._emit(event)
        return entry

    def set_list_note(self, list_id: int, movie_id: int, note: str) -> ListEntry | None:
        """The film's note in the list (clean); None when the list is not the owner's or the
        film is not in it. The same note again changes nothing."""
        event = None
        with self._storage("change a note"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            entry = _entry_of(conn, list_id, movie_id) if row is not None else None
            if row is None or entry is None:
                return None
            if entry.note != note:
                conn.execute(
                    list_entries.update()
                    .where(list_entries.c.list_id == list_id, list_entries.c.movie_id == movie_id)
                    .values(note=note)
                )
                event = _film_event(events.LIST_NOTE_CHANGED, row, _film(entry))
                record_change(conn, self._key, event)
        self._emit_if(event)
        return replace(entry, note=note)

    def move_in_list(self, list_id: int, movie_id: int, position: int) -> ListEntry | None:
        """Put the film at `position` (1 is the first) in the list, the others keeping their
        order; None when the list is not the owner's or the film is not in it. A position
        past the list's end is refused."""
        event = None
        with self._storage("order a list"), self._writing() as conn:
            row = _list_row(conn, self._key, list_id)
            if row is None:
                return None
            places = _places(conn, list_id)
            order = sorted(places, key=places.__getitem__)
            if movie_id not in order:
                return None
            if not 1 <= position <= len(order):
                raise ValidationError("position", _out_of_range(row["name"], len(order)))
            before = order.index(movie_id) + 1
            if before != position:
                order.remove(movie_id)
                order.insert(position - 1, movie_id)
                _renumber(conn, list_id, places, order)
                moved = _entry_of(conn, list_id, movie_id)
                assert moved is not None  # moved just now, in this transaction
                event = _film_event(
                    events.LIST_REORDERED,
                    row,
                    _film(moved),
                    position=position,
                    previous_position=before,
                )
                record_change(conn, self._key, event)
            entry = _entry_of(conn, list_id, movie_id)
        self._emit_if(event)
        return entry

    def list_snapshot(self) -> tuple[list[StoredList], list[int]]:
        """The owner's lists and watchlist order as an import's preview meets them."""
        with self._storage("read your lists"), self._reading() as conn:
            return stored_lists(conn, self._key), watchlist_ids(conn, self._key)

    def _emit_if(self, event: events.Event | None) -> None:
        if event is not None:
            self._emit(event)


def _summaries() -> Any:
    watched = case((movies.c.status == Status.WATCHED.value, 1), else_=0)
    unknown = case((movies.c.id.is_not(None) & movies.c.runtime_minutes.is_(None), 1), else_=0)
    return (
        select(
            lists.c.id,
            lists.c.name,
            lists.c.description,
            lists.c.created_at,
            func.count(movies.c.id).label("films"),
            func.coalesce(func.sum(watched), 0).label("watched"),
            func.coalesce(func.sum(movies.c.runtime_minutes), 0).label("runtime"),
            func.coalesce(func.sum(unknown), 0).label("without_runtime"),
        )
        .select_from(
            lists.outerjoin(list_entries, list_entries.c.list_id == lists.c.id).outerjoin(
                movies, movies.c.id == list_entries.c.movie_id
            )
        )
        .group_by(lists.c.id, lists.c.name, lists.c.description, lists.c.created_at)
    )


def _summary(row: Mapping[Any, Any]) -> MovieList:
    return MovieList(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        created_at=parse_ts(row["created_at"]),
        films=int(row["films"]),
        watched=int(row["watched"]),
        runtime_minutes=int(row["runtime"]),
        without_runtime=int(row["without_runtime"]),
    )


def _list_row(conn: Connection, owner: str, list_id: int) -> Mapping[Any, Any] | None:
    query = select(lists).where(lists.c.id == list_id, lists.c.owner == owner)
    return conn.execute(query).mappings().first()


def _refuse_taken(conn: Connection, owner: str, name: str, but: int | None = None) -> None:
    key = list_name_key(name)
    query = select(lists.c.name).where(lists.c.owner == owner, lists.c.name_key == key)
    if but is not None:
        query = query.where(lists.c.id != but)
    taken = conn.execute(query).scalar_one_or_none()
    if taken is not None:
        raise ValidationError(
            "name", f"You already have a list named “{taken}”. Choose another name."
        )


def _places(conn: Connection, list_id: int) -> dict[int, int]:
    query = select(list_entries.c.movie_id, list_entries.c.position).where(
        list_entries.c.list_id == list_id
    )
    return {movie_id: place for movie_id, place in conn.execute(query)}


def _renumber(conn: Connection, list_id: int, places: dict[int, int], order: list[int]) -> None:
    for place, movie_id in enumerate(order, start=1):
        if places[movie_id] != place:
            conn.execute(
                list_entries.update()
                .where(list_entries.c.list_id == list_id, list_entries.c.movie_id == movie_id)
                .values(position=place)
            )


def _out_of_range(name: str, count: int) -> str:
    films = "1 film" if count == 1 else f"{count} films"
    return f"Type a position from 1 to {count}: “{name}” has {films}."


def _entries_query(list_id: int) -> Any:
    return (
        movie_select()
        .add_columns(list_entries.c.position, list_entries.c.note, list_entries.c.added_at)
        .select_from(movies.join(list_entries, list_entries.c.movie_id == movies.c.id))
        .where(list_entries.c.list_id == list_id)
        .order_by(list_entries.c.position, list_entries.c.added_at)
    )


def _entries(conn: Connection, list_id: int) -> list[ListEntry]:
    rows = conn.execute(_entries_query(list_id)).mappings()
    return [
        ListEntry(movie_from_row(row), place, row["note"], parse_ts(row["added_at"]))
        for place, row in enumerate(rows, start=1)
    ]


def _entry_of(conn: Connection, list_id: int, movie_id: int) -> ListEntry | None:
    return next((e for e in _entries(conn, list_id) if e.movie.id == movie_id), None)


def _event(name: str, list_id: int, list_name: str, **fields: object) -> events.Event:
    return events.Event.create(name, logging.INFO, list_id=list_id, list_name=list_name, **fields)


def _film_event(
    name: str, list_row: Mapping[Any, Any], film: Mapping[Any, Any], **fields: object
) -> events.Event:
    return _event(
        name,
        list_row["id"],
        list_row["name"],
        movie_id=film["id"],
        title=film["title"],
        year=film["year"],
        **fields,
    )


def _film(entry: ListEntry) -> dict[str, Any]:
    return {"id": entry.movie.id, "title": entry.movie.title, "year": entry.movie.year}


def _now() -> datetime:
    return datetime.now(timezone.utc)
