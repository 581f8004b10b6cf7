"""How an import's lists and watchlist order meet the library: pure functions, no SQL.

`clean_lists` holds the plan's lists to the models' rules (as merge.clean_plan does its
movies, and it is called from there). `match_lists` then says what importing them does,
once the plan's films are known as the library's films (`Film`s, by id):

- a list whose name (case, accents and spaces ignored) the library has is updated, never
  doubled: the file's films come first, in the file's order, each with the file's note (or
  the note it had, when the file gives none), then the films only the library's list holds,
  in their order; the file's description replaces the list's unless it is empty;
- a list the library lacks is made as the file has it;
- the file's watchlist order (Trakt's rank, a backup's) puts its films first, in that
  order, and the rest of the watchlist after them, as it was.

Importing the same file again therefore changes nothing. An entry finds its film by the
film's key in the file (a backup's exact key, for a movie the import adds), else by IMDb
ID, else by title and year (case and accents ignored) on a film without another IMDb ID.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from movie_tracker.importers.plan import (
    UNREADABLE,
    ImportPlan,
    PlannedList,
    PlannedListEntry,
    Skipped,
)
from movie_tracker.models import (
    Status,
    ValidationError,
    clean_list_name,
    clean_list_text,
    list_name_key,
    movie_label,
    search_key,
)

Entry = tuple[int, str, datetime | None]  # (movie id, note, when added: None keeps it)


class Film(Protocol):
    """What finding a list's film needs to know of a movie (merge.StoredMovie has it)."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def year(self) -> int | None: ...
    @property
    def imdb_id(self) -> str | None: ...
    @property
    def status(self) -> Status: ...


@dataclass(frozen=True)
class StoredList:
    """A list of the library as an import meets it: its films (id, note), in order."""

    id: int
    name: str
    description: str = ""
    entries: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ListUpdate:
    """A list the import makes (`stored` None) or changes, as it will be afterwards."""

    name: str
    description: str
    entries: tuple[Entry, ...]
    stored: StoredList | None = None
    created_at: datetime | None = None
    added: int = 0  # films new to the list


@dataclass(frozen=True)
class ListChanges:
    """What an import does to lists and to the watchlist's order (None: leaves it)."""

    updates: tuple[ListUpdate, ...] = ()
    watchlist: tuple[int, ...] | None = None

    @property
    def lists_to_add(self) -> int:
        return sum(update.stored is None for update in self.updates)

    @property
    def lists_to_update(self) -> int:
        return sum(update.stored is not None for update in self.updates)

    @property
    def entries_to_add(self) -> int:
        return sum(update.added for update in self.updates)

    @property
    def reorders_watchlist(self) -> bool:
        return self.watchlist is not None


# -- cleaning ------------------------------------------------------------------------------


def clean_lists(plan: ImportPlan) -> ImportPlan:
    """The plan's lists with their names, descriptions and notes held to the models' rules;
    a list or an entry that fails one, or whose film the plan no longer holds (skipped as
    unreadable), is skipped with its reason. Entries of the watchlist's order whose film is
    gone are dropped: the film's own skip says why."""
    if not (plan.lists or plan.watchlist):
        return plan
    films = _Films([_PlanFilm(n, m.title, m.year, m.imdb_id) for n, m in enumerate(plan.movies)])
    for number, movie in enumerate(plan.movies):
        if movie.source_key:
            films.by_key.setdefault(movie.source_key, number)
    skipped = list(plan.skipped)
    lists = []
    for planned in plan.lists:
        try:
            name = clean_list_name(planned.name)
            description = clean_list_text(planned.description)
        except ValidationError as error:
            skipped.append(_skip(planned.file, planned.line, f"list {planned.name!r}", error))
            continue
        entries = []
        for entry in planned.entries:
            label = f"{movie_label(entry.title, entry.year)} in “{name}”"
            try:
                note = clean_list_text(entry.note, "note")
                if films.find(entry) is None:
                    raise ValidationError("film", "its film is not imported")
            except ValidationError as error:
                skipped.append(_skip(entry.file, entry.line, label, error))
                continue
            entries.append(replace(entry, note=note))
        lists.append(replace(planned, name=name, description=description, entries=tuple(entries)))
    watchlist = tuple(entry for entry in plan.watchlist if films.find(entry) is not None)
    return replace(plan, lists=tuple(lists), watchlist=watchlist, skipped=tuple(skipped))


def _skip(file: str, line: int | None, what: str, error: ValidationError) -> Skipped:
    where = f"line {line}: " if line else ""
    return Skipped(file, line, f"{where}{what}: {error.message}", UNREADABLE)


# -- matching ------------------------------------------------------------------------------


def match_lists(
    plan: ImportPlan,
    films: Sequence[Film],
    stored: Iterable[StoredList],
    watchlist: Sequence[int],
    by_key: Mapping[str, int] | None = None,
) -> ListChanges:
    """What importing the (clean) plan's lists and watchlist order does to a library whose
    films (after the import's movies are written) are `films`, in the order a title finds
    them (the first added first), whose lists are `stored` and whose watchlist order is
    `watchlist` (movie ids). `by_key` gives the films the import adds by their key in the
    file, so a backup's entry finds exactly its own."""
    found = _Films(films, by_key)
    states: dict[str, _State] = {}
    for kept in stored:
        states[list_name_key(kept.name)] = _State(kept, kept.name, kept.description)
        states[list_name_key(kept.name)].entries = [(m, note, None) for m, note in kept.entries]
    for planned in plan.lists:
        resolved: list[Entry] = []
        seen: set[int] = set()
        for entry in planned.entries:
            movie_id = found.find(entry)
            if movie_id is not None and movie_id not in seen:
                seen.add(movie_id)
                resolved.append((movie_id, entry.note, entry.added_at))
        key = list_name_key(planned.name)
        if key not in states:
            states[key] = _State(None, planned.name, planned.description, planned.created_at)
        states[key].take(planned, resolved)
    updates = tuple(update for state in states.values() if (update := state.update()))
    return ListChanges(updates, _watchlist(plan.watchlist, found, films, watchlist))


@dataclass
class _State:
    """A list as the import builds it, from the library's and the file's."""

    stored: StoredList | None
    name: str
    description: str
    created_at: datetime | None = None
    entries: list[Entry] = field(default_factory=list)
    added: int = 0

    def take(self, planned: PlannedList, resolved: Sequence[Entry]) -> None:
        notes = {movie_id: note for movie_id, note, _ in self.entries}
        taken = [(m, note or notes.get(m, ""), added) for m, note, added in resolved]
        ids = {movie_id for movie_id, _, _ in taken}
        self.added += sum(movie_id not in notes for movie_id in ids)
        self.entries = taken + [entry for entry in self.entries if entry[0] not in ids]
        self.description = planned.description or self.description

    def update(self) -> ListUpdate | None:
        stored = self.stored
        if stored is not None:
            same = [(m, note) for m, note, _ in self.entries] == list(stored.entries)
            if same and self.description == stored.description:
                return None
        return ListUpdate(
            self.name, self.description, tuple(self.entries), stored, self.created_at, self.added
        )


def _watchlist(
    planned: Sequence[PlannedListEntry],
    found: _Films,
    films: Sequence[Film],
    watchlist: Sequence[int],
) -> tuple[int, ...] | None:
    """The watchlist's new order, when the file gives one that changes it."""
    if not planned:
        return None
    wanted = {film.id for film in films if film.status is Status.WANT_TO_WATCH} & set(watchlist)
    first: list[int] = []
    for entry in planned:
        movie_id = found.find(entry)
        if movie_id in wanted and movie_id not in first:
            first.append(movie_id)
    order = tuple(first + [movie_id for movie_id in watchlist if movie_id not in first])
    return None if order == tuple(watchlist) else order


@dataclass(frozen=True)
class _PlanFilm:
    id: int
    title: str
    year: int | None
    imdb_id: str | None
    status: Status = Status.WANT_TO_WATCH


class _Films:
    """Films found by key, IMDb ID, or title and year (the first of them)."""

    def __init__(self, films: Iterable[Film], by_key: Mapping[str, int] | None = None) -> None:
        self.by_key: dict[str, int] = dict(by_key or {})
        self.by_imdb: dict[str, int] = {}
        self.by_title: dict[tuple[str, int | None], list[Film]] = {}
        for film in films:
            if film.imdb_id:
                self.by_imdb.setdefault(film.imdb_id, film.id)
            self.by_title.setdefault(_title_key(film.title, film.year), []).append(film)

    def find(self, entry: PlannedListEntry) -> int | None:
        if entry.source_key and entry.source_key in self.by_key:
            return self.by_key[entry.source_key]
        if entry.imdb_id and entry.imdb_id in self.by_imdb:
            return self.by_imdb[entry.imdb_id]
        for film in self.by_title.get(_title_key(entry.title, entry.year), []):
            if not (entry.imdb_id and film.imdb_id):
                return film.id
        return None


def _title_key(title: str, year: int | None) -> tuple[str, int | None]:
    return (search_key(title).strip(), year)
