"""FakeWatchlist: the watchlist's order in memory (store.watchlist)."""

from __future__ import annotations

from movie_tracker.models import LibraryEvent, Movie, Status, ValidationError
from tests.fakes.store.library import FakeLibrary, now


class FakeWatchlist(FakeLibrary):
    def watchlist(self, limit: int | None = None, offset: int = 0) -> list[Movie]:
        with self._lock:
            ordered = [self._read(movie_id) for movie_id in self._watchlist_ids()]
        return ordered[offset:] if limit is None else ordered[offset : offset + limit]

    def watchlist_place(self, movie_id: int) -> tuple[int, int] | None:
        with self._lock:
            ids = self._watchlist_ids()
        return (ids.index(movie_id) + 1, len(ids)) if movie_id in ids else None

    def move_in_watchlist(self, movie_id: int, position: int) -> int | None:
        with self._lock:
            movie = self.movies.get(movie_id)
            if movie is None:
                return None
            if movie.status is not Status.WANT_TO_WATCH:
                raise ValidationError(
                    "status",
                    f"{movie.label} is not Want to Watch: only the films you want to watch "
                    "have a place in your watchlist's order.",
                )
            order = self._watchlist_ids()
            if not 1 <= position <= len(order):
                films = "1 film" if len(order) == 1 else f"{len(order)} films"
                raise ValidationError(
                    "position",
                    f"Type a position from 1 to {len(order)}: your watchlist has {films}.",
                )
            if order.index(movie_id) + 1 != position:
                order.remove(movie_id)
                order.insert(position - 1, movie_id)
                self._write_watchlist(order)
                self.events.append(
                    LibraryEvent(
                        id=len(self.events) + 1,
                        name="watchlist.reordered",
                        ts=now(),
                        movie_id=movie_id,
                        title=movie.title,
                        year=movie.year,
                        position=position,
                    )
                )
            return position
