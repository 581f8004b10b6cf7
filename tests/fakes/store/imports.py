"""FakeImports: imports and the filling in of details in memory (store.imports)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

from movie_tracker.importers.list_merge import ListChanges, StoredList, match_lists
from movie_tracker.importers.merge import ImportChanges, StoredMovie, date_added, match, watch_key
from movie_tracker.importers.plan import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.models import EventRecord, LibraryEvent, Movie, Watch
from movie_tracker.store import IMPORT_COUNTS, import_counts
from movie_tracker.store.rows import event_from_row
from tests.fakes.store.library import FakeLibrary, FakeList, now

STORED_FIELDS = (
    "title", "status", "year", "imdb_id", "rating", "director", "genre", "runtime_minutes",
    "poster_url", "plot", "actors", "imdb_rating", "language", "country",
)  # fmt: skip


class FakeImports(FakeLibrary):
    def import_snapshot(self) -> list[StoredMovie]:
        with self._lock:
            return [self._stored(movie) for movie in self.movies.values()]

    def apply_import(
        self, plan: ImportPlan, progress: Callable[[int, int], object] | None = None
    ) -> ImportChanges:
        """As the database does it: all or nothing, one import.completed event."""
        with self._lock:
            saved = (dict(self.movies), dict(self.watches), list(self.events))
            checked = dict(self.details_checked)
            kept = (copy.deepcopy(self.movie_lists), dict(self.watchlist_places))
            try:
                return self._import(plan, progress)
            except BaseException:
                self.movies, self.watches, self.events = saved
                self.details_checked = checked
                self.movie_lists, self.watchlist_places = kept
                raise

    def details_checked_days(self) -> dict[int, date]:
        with self._lock:
            return dict(self.details_checked)

    def movies_missing_details(self, limit: int) -> list[Movie]:
        with self._lock:
            return [self._read(m.id or 0) for m in self._missing_details()][:limit]

    def count_missing_details(self) -> int:
        with self._lock:
            return len(self._missing_details())

    def fill_in_details(self, movie_id: int, changes: Mapping[str, Any]) -> Movie | None:
        with self._lock:
            if movie_id not in self.movies:
                return None
            self._fill_in(movie_id, changes)
            return self._read(movie_id)

    def _missing_details(self) -> list[Movie]:
        return sorted(
            (
                m
                for m in self.movies.values()
                if (m.imdb_id is None or m.poster_url is None) and m.id not in self.details_checked
            ),
            key=lambda m: m.id or 0,
        )

    def _import(
        self, plan: ImportPlan, progress: Callable[[int, int], object] | None
    ) -> ImportChanges:
        changes = match(plan, self.import_snapshot())
        total = len(changes.new_movies) + len(changes.updates)
        moment = now()
        touched: set[int] = set()
        movie_of: dict[str, int] = {}
        watch_of: dict[str, int] = {}
        for done, movie in enumerate(changes.new_movies, start=1):
            movie_id = movie_of[movie.source_key] = next(self._ids)
            self.movies[movie_id] = replace(
                _movie_of(movie), id=movie_id, date_added=date_added(movie, moment)
            )
            if movie.details_checked_on is not None:
                self.details_checked[movie_id] = movie.details_checked_on
            watch_of |= self._add_watches(movie_id, movie.watches, moment, touched)
            if progress is not None:
                progress(done, total)
        for done, update in enumerate(changes.updates, start=len(changes.new_movies) + 1):
            movie_id = update.movie.id
            self.movies[movie_id] = replace(self.movies[movie_id], **update.changes)
            self._add_watches(movie_id, update.watches, moment, touched)
            if progress is not None:
                progress(done, total)
        for movie_id in touched:
            self._recompute_rewatches(movie_id)
        changes = replace(changes, lists=self._import_lists(plan, movie_of, moment))
        self._version_offset -= len(changes.events)  # one change: only import.completed counts
        for event in changes.events:  # a restore's history, as the database reads it back
            self.events.append(
                _library_event(len(self.events) + 1, event.restored(movie_of, watch_of))
            )
        counts = import_counts(plan, changes)
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name="import.completed",
                ts=moment,
                source=plan.source,
                counts=tuple((key, counts[key]) for key in IMPORT_COUNTS if key in counts),
            )
        )
        return changes

    def _import_lists(
        self, plan: ImportPlan, movie_of: dict[str, int], moment: datetime
    ) -> ListChanges:
        """store.orders.import_lists: the plan's lists and watchlist order, once its films
        are in."""
        if not (plan.lists or plan.watchlist):
            return ListChanges()
        films = [self._stored(self.movies[movie_id]) for movie_id in sorted(self.movies)]
        stored = [
            StoredList(
                kept.id, kept.name, kept.description, tuple((m, n) for m, n, _ in kept.entries)
            )
            for kept in sorted(self.movie_lists.values(), key=lambda kept: kept.id)
        ]
        by_key = {key: movie_id for key, movie_id in movie_of.items() if key}
        changes = match_lists(plan, films, stored, self._watchlist_ids(), by_key)
        for update in changes.updates:
            if update.stored is None:
                kept = FakeList(
                    next(self._list_ids),
                    update.name,
                    update.description,
                    update.created_at or moment,
                )
                self.movie_lists[kept.id] = kept
                added: dict[int, datetime] = {}
            else:
                kept = self.movie_lists[update.stored.id]
                kept.description = update.description
                added = {movie_id: at for movie_id, _, at in kept.entries}
            kept.entries = [
                (movie_id, note, at or added.get(movie_id) or moment)
                for movie_id, note, at in update.entries
            ]
        if changes.watchlist is not None:
            self._write_watchlist(list(changes.watchlist))
        return changes

    def _add_watches(
        self, movie_id: int, planned: tuple[PlannedWatch, ...], moment: datetime, touched: set[int]
    ) -> dict[str, int]:
        """Store the watches; their ids by source_key."""
        ids = {}
        for watch in planned:
            watch_id = next(self._watch_ids)
            self.watches[watch_id] = Watch(
                movie_id,
                watch.watched_on,
                watch.rating,
                watch.review,
                watch.tags,
                id=watch_id,
                logged_at=watch.logged_at or moment,
                seen_before=watch.rewatch,
                precision=watch.precision,
            )
            ids[watch.source_key] = watch_id
            touched.add(movie_id)
        return ids

    def _stored(self, movie: Movie) -> StoredMovie:
        keys = tuple(
            watch_key(w.watched_on, w.rating, w.review, w.precision)
            for w in self._watches_of(movie.id or 0)
        )
        fields = {name: getattr(movie, name) for name in STORED_FIELDS}
        return StoredMovie(id=movie.id or 0, watches=keys, **fields)


def _movie_of(movie: PlannedMovie) -> Movie:
    fields = {name: getattr(movie, name) for name in STORED_FIELDS if name != "status"}
    return Movie(status=movie.status, **fields)


def _library_event(event_id: int, record: EventRecord) -> LibraryEvent:
    details = json.dumps(dict(record.details), default=str)
    row = {**asdict(record), "id": event_id, "ts": record.ts.isoformat(), "details": details}
    return event_from_row(row)
