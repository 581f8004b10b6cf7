"""Tonight: the films tonight's pick may come from. Want to Watch, or one of the owner's
lists, through the Library's filters (store/filters.py) and "never watched"; the service
picks among them and says why the pick fits."""

from __future__ import annotations

from sqlalchemy import select

from movie_tracker.models import Movie, TonightFilters
from movie_tracker.store.filters import filtered, never_watched, no_longer_than
from movie_tracker.store.library import Library
from movie_tracker.store.orders import WANTED
from movie_tracker.store.queries import movie_select
from movie_tracker.store.rows import movie_from_row
from movie_tracker.store.tables import list_entries, lists, movies


class Tonight(Library):
    """The films one owner could watch tonight."""

    def tonight_candidates(self, filters: TonightFilters) -> list[Movie] | None:
        """The films of the source that pass every filter, by id (a seeded pick is the same
        pick on every backend); None when `filters.list_id` is not the owner's list. Films
        whose runtime is not known are left out while a longest runtime is set."""
        query = movie_select().where(movies.c.owner == self._key)
        if filters.list_id is None:
            query = query.where(movies.c.status == WANTED)
        else:
            query = query.where(
                movies.c.id.in_(
                    select(list_entries.c.movie_id).where(
                        list_entries.c.list_id == filters.list_id,
                        list_entries.c.owner == self._key,
                    )
                )
            )
        query = filtered(query, None, "", filters.genre, filters.decade)
        query = no_longer_than(query, filters.max_minutes)
        if filters.unwatched:
            query = never_watched(query)
        with self._storage("read your films for tonight"), self._reading() as conn:
            if filters.list_id is not None:
                mine = select(lists.c.id).where(
                    lists.c.id == filters.list_id, lists.c.owner == self._key
                )
                if conn.execute(mine).first() is None:
                    return None
            rows = conn.execute(query.order_by(movies.c.id)).mappings()
            return [movie_from_row(row) for row in rows]
