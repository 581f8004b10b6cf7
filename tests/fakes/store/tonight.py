"""FakeTonight: the films tonight's pick may come from, in memory (store.tonight)."""

from __future__ import annotations

from movie_tracker.models import Movie, Status, TonightFilters, search_key
from tests.fakes.store.library import FakeLibrary
from tests.fakes.store.movies import Filters


class FakeTonight(FakeLibrary):
    def tonight_candidates(self, filters: TonightFilters) -> list[Movie] | None:
        with self._lock:
            if filters.list_id is None:
                source = [m.id for m in self.movies.values() if m.status is Status.WANT_TO_WATCH]
            elif filters.list_id in self.movie_lists:
                source = [entry[0] for entry in self.movie_lists[filters.list_id].entries]
            else:
                return None
            genre = search_key(filters.genre).strip()
            wanted = Filters(None, [], genre, filters.decade, None, filters.max_minutes)
            films = [self._read(movie_id) for movie_id in sorted(source)]
            return [
                film
                for film in films
                if wanted.match(film) and not (filters.unwatched and _watched(self, film))
            ]


def _watched(library: FakeLibrary, film: Movie) -> bool:
    """A watch in the diary, or marked Watched (store.filters.never_watched)."""
    return film.status is Status.WATCHED or bool(library._watches_of(film.id or 0))
