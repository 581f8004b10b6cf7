"""FakeLibrary: the in-memory library every fake part stands on, as store.library.Library
is for the real ones: one owner's movies, watches and events in dicts, one change at a time,
and the helpers more than one part uses."""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from movie_tracker.models import (
    LOCAL_OWNER,
    DatePrecision,
    LibraryEvent,
    Movie,
    Owner,
    Share,
    Status,
    Token,
    Watch,
    search_key,
)


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
        # Every owner's tokens, as one table holds them: a secret finds its owner.
        self.all_tokens: dict[int, tuple[Token, str]] = {}  # id -> (token, secret hash)
        self.token_of_watch: dict[int, int] = {}  # watch id -> the token that logged it
        self._token_ids = itertools.count(1)
        # Every owner's share links, as one table holds them: a secret finds its owner.
        self.all_shares: dict[int, tuple[Share, str]] = {}  # id -> (share, secret hash)
        self._share_ids = itertools.count(1)
        # Lists (store.lists) and the watchlist's order (store.orders): the owner's.
        self.movie_lists: dict[int, FakeList] = {}
        self.watchlist_places: dict[int, int] = {}  # movie id -> its place
        self._list_ids = itertools.count(1)

    def for_owner(self, owner: Owner) -> FakeLibrary:
        with self._lock:
            if owner not in self._libraries:
                view = copy.copy(self)
                view.owner, view.movies, view.watches, view.events = owner, {}, {}, []
                view.details_checked, view._version_offset = {}, 0
                view.movie_lists, view.watchlist_places = {}, {}
                self._libraries[owner] = view
            return self._libraries[owner]

    def _all(self) -> list[Movie]:
        with self._lock:
            return [self._read(movie_id) for movie_id in self.movies]

    def _read(self, movie_id: int) -> Movie:
        """The movie as a read gives it: last_watched from its newest dated watch (of one
        placing day: the year, then the month, then the day)."""
        dates = [w.when for w in self._watches_of(movie_id) if w.when]
        newest = max(dates, key=lambda when: when.sort_key, default=None)
        return replace(
            self.movies[movie_id],
            last_watched=newest.watched_on if newest else None,
            last_watched_precision=newest.precision if newest else DatePrecision.DAY,
        )

    def _watches_of(self, movie_id: int) -> list[Watch]:
        return [w for w in self.watches.values() if w.movie_id == movie_id]

    def _in_year(self, year: int | None, since: date | None = None) -> list[Watch]:
        return [
            w
            for w in self.watches.values()
            if (year is None or (w.watched_on is not None and w.watched_on.year == year))
            and (since is None or (w.watched_on is not None and w.watched_on >= since))
        ]

    def _store_watch(self, watch: Watch) -> Watch:
        watch_id = next(self._watch_ids)
        self.watches[watch_id] = replace(watch, id=watch_id, logged_at=now(), rewatch=False)
        self._recompute_rewatches(watch.movie_id)
        return self.watches[watch_id]

    def _rate_film(self, movie_id: int, rating: float | None) -> bool:
        """As the store does it: stars given to a watch become the film's rating."""
        movie = self.movies[movie_id]
        if rating is None or rating == movie.rating:
            return False
        self.movies[movie_id] = replace(movie, rating=rating)
        return True

    def _recompute_rewatches(self, movie_id: int) -> None:
        ordered = sorted(self._watches_of(movie_id), key=earliest_watch_first)
        for position, watch in enumerate(ordered):
            rewatch = position > 0 or watch.seen_before
            self.watches[watch.id or 0] = replace(watch, rewatch=rewatch)

    def _same_film(self, imdb_id: str | None, title: str, year: int | None) -> Movie | None:
        """store.queries.same_film: by IMDb ID, else by title and year (case and accents
        ignored) on a movie without another IMDb ID; the one added first."""
        if imdb_id:
            found = next((m for m in self.movies.values() if m.imdb_id == imdb_id), None)
            if found is not None:
                return found
        key = search_key(title).strip()
        for movie in sorted(self.movies.values(), key=lambda m: m.id or 0):
            same = movie.year == year and search_key(movie.title).strip() == key
            if key and same and not (imdb_id and movie.imdb_id):
                return movie
        return None

    # -- the watchlist's order and lists, as store/orders.py keeps them ----------------------

    def _watchlist_ids(self) -> list[int]:
        """Want to Watch films: placed ones in their places, then the rest oldest added
        first."""
        wanted = [m for m in self.movies.values() if m.status is Status.WANT_TO_WATCH]
        return [m.id or 0 for m in sorted(wanted, key=self._watchlist_key)]

    def _watchlist_key(self, movie: Movie) -> tuple[bool, int, datetime, int]:
        place = self.watchlist_places.get(movie.id or 0)
        added = movie.date_added or datetime.min.replace(tzinfo=timezone.utc)
        return (place is None, place or 0, added, movie.id or 0)

    def _write_watchlist(self, ids: list[int]) -> None:
        self.watchlist_places = {movie_id: place for place, movie_id in enumerate(ids, 1)}

    def _to_watchlist_end(self, movie_id: int) -> None:
        self._write_watchlist([m for m in self._watchlist_ids() if m != movie_id] + [movie_id])

    def _forget_film(self, movie_id: int) -> None:
        """A deleted film leaves its lists and the watchlist's order."""
        self.watchlist_places.pop(movie_id, None)
        for kept in self.movie_lists.values():
            kept.entries = [entry for entry in kept.entries if entry[0] != movie_id]

    def _fill_in(self, movie_id: int, changes: Mapping[str, Any]) -> tuple[str, ...]:
        """store.queries.fill_in: the fields the movie lacks, from `changes`, an IMDb ID
        another movie has excepted; OMDb remembered as asked today. The fields filled."""
        movie = self.movies[movie_id]
        values = {k: v for k, v in changes.items() if getattr(movie, k) is None}
        if "imdb_id" in values and any(
            m.imdb_id == values["imdb_id"] for m in self.movies.values()
        ):
            del values["imdb_id"]
        self.details_checked[movie_id] = now().date()
        if values:
            self.movies[movie_id] = replace(movie, **values)
            self._log("movie.edited", self.movies[movie_id], None)
        return tuple(sorted(values))

    def _log(
        self,
        name: str,
        movie: Movie,
        status: Status | None,
        previous: Status | None = None,
        rating: float | None = None,
        watched_on: date | None = None,
        source: str | None = None,
        precision: DatePrecision = DatePrecision.DAY,
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
                watched_precision=precision if watched_on else DatePrecision.DAY,
                source=source,
            )
        )


@dataclass
class FakeList:
    """A list as the fake keeps it: its films as (movie id, note, added at), in order."""

    id: int
    name: str
    description: str
    created_at: datetime
    entries: list[tuple[int, str, datetime]] = field(default_factory=list)


def key_text(movie: Movie) -> str:
    """Title, director and genre: what text search and the title sort look in."""
    return " ".join(value for value in (movie.title, movie.director, movie.genre) if value)


def title_key(movie: Movie) -> str:
    return search_key(key_text(movie))


def earliest_watch_first(watch: Watch) -> tuple[bool, date, str, datetime, int]:
    """Undated first (unknown counts as earliest), then by the day that places it, of one
    day the day, then the month, then the year; then logged first."""
    moment = watch.logged_at or datetime.min.replace(tzinfo=timezone.utc)
    day, precision = watch.watched_on or date.min, watch.precision.value
    return (watch.watched_on is not None, day, precision, moment, watch.id or 0)
