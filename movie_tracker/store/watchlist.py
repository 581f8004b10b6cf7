"""The watchlist: the owner's Want to Watch films in the order they set (store/orders.py
says how the order is kept: new films at the end, a film marked Watched out of it)."""

from __future__ import annotations

from movie_tracker import events
from movie_tracker.models import Movie, ValidationError, movie_label
from movie_tracker.store.library import Library
from movie_tracker.store.orders import WANTED, watchlist_ids, watchlist_sort, write_watchlist
from movie_tracker.store.queries import movie_row_to_change, movie_select, record_change
from movie_tracker.store.rows import movie_from_row
from movie_tracker.store.tables import movies


class Watchlist(Library):
    """The order of one owner's Want to Watch films."""

    def watchlist(self, limit: int | None = None, offset: int = 0) -> list[Movie]:
        """The Want to Watch films in the watchlist's order, first first."""
        query = (
            movie_select()
            .where(movies.c.owner == self._key, movies.c.status == WANTED)
            .order_by(*watchlist_sort())
        )
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._storage("read your watchlist"), self._reading() as conn:
            return [movie_from_row(row) for row in conn.execute(query).mappings()]

    def watchlist_place(self, movie_id: int) -> tuple[int, int] | None:
        """(the film's place, how many films the watchlist has); None when the film is not
        the owner's or not Want to Watch."""
        with self._storage("read your watchlist"), self._reading() as conn:
            ids = watchlist_ids(conn, self._key)
        return (ids.index(movie_id) + 1, len(ids)) if movie_id in ids else None

    def move_in_watchlist(self, movie_id: int, position: int) -> int | None:
        """Put the film at `position` (1 is the first) in the watchlist, the others keeping
        their order; its place, or None when the film is not the owner's. A film that is
        not Want to Watch, or a position past the end, is refused."""
        event = None
        with self._storage("order your watchlist"), self._writing() as conn:
            row = movie_row_to_change(conn, self._key, movie_id)
            if row is None:
                return None
            if row["status"] != WANTED:
                raise ValidationError(
                    "status",
                    f"{movie_label(row['title'], row['year'])} is not Want to Watch: only the "
                    "films you want to watch have a place in your watchlist's order.",
                )
            order = watchlist_ids(conn, self._key)
            if not 1 <= position <= len(order):
                films = "1 film" if len(order) == 1 else f"{len(order)} films"
                raise ValidationError(
                    "position",
                    f"Type a position from 1 to {len(order)}: your watchlist has {films}.",
                )
            before = order.index(movie_id) + 1
            if before != position:
                order.remove(movie_id)
                order.insert(position - 1, movie_id)
                write_watchlist(conn, self._key, order)
                event = events.Event.create(
                    events.WATCHLIST_REORDERED,
                    movie_id=movie_id,
                    title=row["title"],
                    year=row["year"],
                    position=position,
                    previous_position=before,
                )
                record_change(conn, self._key, event)
        if event is not None:
            self._emit(event)
        return position
