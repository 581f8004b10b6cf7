"""FakeLists: a person's lists in memory (store.lists)."""

from __future__ import annotations

from dataclasses import replace

from movie_tracker.importers.list_merge import StoredList
from movie_tracker.models import (
    LibraryEvent,
    ListEntry,
    Movie,
    MovieList,
    Status,
    ValidationError,
    list_name_key,
)
from tests.fakes.store.library import FakeLibrary, FakeList, now


class FakeLists(FakeLibrary):
    def create_list(self, name: str, description: str = "") -> MovieList:
        with self._lock:
            self._refuse_taken(name)
            made = FakeList(next(self._list_ids), name, description, now())
            self.movie_lists[made.id] = made
            self._log_list("list.created", made)
            return self._summary(made)

    def lists(self) -> list[MovieList]:
        with self._lock:
            ordered = sorted(self.movie_lists.values(), key=lambda kept: list_name_key(kept.name))
            return [self._summary(kept) for kept in ordered]

    def get_list(self, list_id: int) -> MovieList | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            return self._summary(kept) if kept else None

    def lists_of_movie(self, movie_id: int) -> list[MovieList]:
        return [
            summary
            for summary in self.lists()
            if any(m == movie_id for m, _, _ in self.movie_lists[summary.id].entries)
        ]

    def rename_list(self, list_id: int, name: str) -> MovieList | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            if kept is None:
                return None
            if kept.name != name:
                self._refuse_taken(name, but=list_id)
                previous, kept.name = kept.name, name
                self._log_list("list.renamed", kept, previous_name=previous)
            return self._summary(kept)

    def describe_list(self, list_id: int, description: str) -> MovieList | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            if kept is None:
                return None
            if kept.description != description:
                kept.description = description
                self._log_list("list.described", kept)
            return self._summary(kept)

    def delete_list(self, list_id: int) -> MovieList | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            if kept is None:
                return None
            summary = self._summary(kept)
            del self.movie_lists[list_id]
            self._log_list("list.deleted", kept)
            return summary

    def list_entries(self, list_id: int) -> list[ListEntry] | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            return self._entries(kept) if kept else None

    def add_to_list(self, list_id: int, movie_id: int, note: str = "") -> ListEntry | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            movie = self.movies.get(movie_id)
            if kept is None or movie is None:
                return None
            if any(m == movie_id for m, _, _ in kept.entries):
                raise ValidationError("movie", f"{movie.label} is already in “{kept.name}”.")
            kept.entries.append((movie_id, note, now()))
            self._log_list("list.film_added", kept, movie, position=len(kept.entries))
            return self._entry(kept, movie_id)

    def remove_from_list(self, list_id: int, movie_id: int) -> ListEntry | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            entry = self._entry(kept, movie_id) if kept else None
            if kept is None or entry is None:
                return None
            kept.entries = [e for e in kept.entries if e[0] != movie_id]
            self._log_list("list.film_removed", kept, entry.movie)
            return entry

    def set_list_note(self, list_id: int, movie_id: int, note: str) -> ListEntry | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            entry = self._entry(kept, movie_id) if kept else None
            if kept is None or entry is None:
                return None
            if entry.note != note:
                kept.entries = [(m, note if m == movie_id else n, a) for m, n, a in kept.entries]
                self._log_list("list.note_changed", kept, entry.movie)
            return replace(entry, note=note)

    def move_in_list(self, list_id: int, movie_id: int, position: int) -> ListEntry | None:
        with self._lock:
            kept = self.movie_lists.get(list_id)
            entry = self._entry(kept, movie_id) if kept else None
            if kept is None or entry is None:
                return None
            count = len(kept.entries)
            if not 1 <= position <= count:
                films = "1 film" if count == 1 else f"{count} films"
                raise ValidationError(
                    "position", f"Type a position from 1 to {count}: “{kept.name}” has {films}."
                )
            if entry.position != position:
                moved = kept.entries.pop(entry.position - 1)
                kept.entries.insert(position - 1, moved)
                self._log_list("list.reordered", kept, entry.movie, position=position)
            return self._entry(kept, movie_id)

    def list_snapshot(self) -> tuple[list[StoredList], list[int]]:
        with self._lock:
            stored = [
                StoredList(
                    kept.id, kept.name, kept.description, tuple((m, n) for m, n, _ in kept.entries)
                )
                for kept in sorted(self.movie_lists.values(), key=lambda kept: kept.id)
            ]
            return stored, self._watchlist_ids()

    # -- helpers -----------------------------------------------------------------------------

    def _refuse_taken(self, name: str, but: int | None = None) -> None:
        for kept in self.movie_lists.values():
            if kept.id != but and list_name_key(kept.name) == list_name_key(name):
                raise ValidationError(
                    "name", f"You already have a list named “{kept.name}”. Choose another name."
                )

    def _summary(self, kept: FakeList) -> MovieList:
        films = [self.movies[m] for m, _, _ in kept.entries]
        return MovieList(
            id=kept.id,
            name=kept.name,
            description=kept.description,
            created_at=kept.created_at,
            films=len(films),
            watched=sum(movie.status is Status.WATCHED for movie in films),
            runtime_minutes=sum(movie.runtime_minutes or 0 for movie in films),
            without_runtime=sum(movie.runtime_minutes is None for movie in films),
        )

    def _entries(self, kept: FakeList) -> list[ListEntry]:
        return [
            ListEntry(self._read(movie_id), place, note, added)
            for place, (movie_id, note, added) in enumerate(kept.entries, start=1)
        ]

    def _entry(self, kept: FakeList, movie_id: int) -> ListEntry | None:
        return next((e for e in self._entries(kept) if e.movie.id == movie_id), None)

    def _log_list(
        self,
        name: str,
        kept: FakeList,
        movie: Movie | None = None,
        previous_name: str | None = None,
        position: int | None = None,
    ) -> None:
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name=name,
                ts=now(),
                movie_id=movie.id if movie else None,
                title=movie.title if movie else None,
                year=movie.year if movie else None,
                list_name=kept.name,
                previous_name=previous_name,
                position=position,
            )
        )
