"""FakeLibrary: the in-memory library every fake part stands on, as store.library.Library
is for the real ones: one owner's movies, watches and events in dicts, one change at a time,
and the helpers more than one part uses."""

from __future__ import annotations

import copy
import itertools
import threading
from dataclasses import replace
from datetime import date, datetime, timezone

from movie_tracker.models import LOCAL_OWNER, LibraryEvent, Movie, Owner, Status, Watch, search_key


def now() -> datetime:
    """The database keeps times to the second; so does the fake."""
    return datetime.now(timezone.utc).replace(microsecond=0)


class FakeLibrary:
    """One owner's library; `for_owner` gives another owner's over the same storage (ids
    are handed out across owners, as a database's are)."""

    def __init__(self, owner: Owner = LOCAL_OWNER) -> None:
        self.owner = owner
        self.movies: dict[int, Movie] = {}
        self.watches: dict[int, Watch] = {}
        self.events: list[LibraryEvent] = []
        self._ids = itertools.count(1)
        self._watch_ids = itertools.count(1)
        # One change at a time, as a database transaction would: concurrent callers see
        # exactly one winner and one event per change.
        self._lock = threading.RLock()
        self.details_checked: dict[int, date] = {}  # movies OMDb was asked about, and when
        self._version_offset = 0  # the version moves on when a library is handed over
        self._libraries: dict[Owner, FakeLibrary] = {owner: self}

    def for_owner(self, owner: Owner) -> FakeLibrary:
        with self._lock:
            if owner not in self._libraries:
                view = copy.copy(self)
                view.owner, view.movies, view.watches, view.events = owner, {}, {}, []
                view.details_checked, view._version_offset = {}, 0
                self._libraries[owner] = view
            return self._libraries[owner]

    def _all(self) -> list[Movie]:
        with self._lock:
            return [self._read(movie_id) for movie_id in self.movies]

    def _read(self, movie_id: int) -> Movie:
        """The movie as a read gives it: last_watched from its newest dated watch."""
        dates = [w.watched_on for w in self._watches_of(movie_id) if w.watched_on]
        return replace(self.movies[movie_id], last_watched=max(dates, default=None))

    def _watches_of(self, movie_id: int) -> list[Watch]:
        return [w for w in self.watches.values() if w.movie_id == movie_id]

    def _in_year(self, year: int | None) -> list[Watch]:
        return [
            w
            for w in self.watches.values()
            if year is None or (w.watched_on is not None and w.watched_on.year == year)
        ]

    def _recompute_rewatches(self, movie_id: int) -> None:
        ordered = sorted(self._watches_of(movie_id), key=earliest_watch_first)
        for position, watch in enumerate(ordered):
            rewatch = position > 0 or watch.seen_before
            self.watches[watch.id or 0] = replace(watch, rewatch=rewatch)

    def _log(
        self,
        name: str,
        movie: Movie,
        status: Status | None,
        previous: Status | None = None,
        rating: float | None = None,
        watched_on: date | None = None,
    ) -> None:
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name=name,
                ts=now(),
                movie_id=movie.id,
                title=movie.title,
                year=movie.year,
                status=status,
                previous_status=previous,
                rating=rating,
                watched_on=watched_on,
            )
        )


def key_text(movie: Movie) -> str:
    """Title, director and genre: what text search and the title sort look in."""
    return " ".join(value for value in (movie.title, movie.director, movie.genre) if value)


def title_key(movie: Movie) -> str:
    return search_key(key_text(movie))


def earliest_watch_first(watch: Watch) -> tuple[bool, date, datetime, int]:
    """Undated first (unknown counts as earliest), then by date, then logged first."""
    moment = watch.logged_at or datetime.min.replace(tzinfo=timezone.utc)
    return (watch.watched_on is not None, watch.watched_on or date.min, moment, watch.id or 0)
