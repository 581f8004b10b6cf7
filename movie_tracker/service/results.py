"""What the service's calls give back: the movie added, a status change, an import's
preview and result, and what a fill-in run did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from movie_tracker.importers import ImportPlan, Skipped
from movie_tracker.importers.merge import ImportChanges
from movie_tracker.models import Movie, MovieDetails, Status

SOURCE_LABELS = {
    "letterboxd": "Letterboxd",
    "imdb": "IMDb",
    "trakt": "Trakt",
    "backup": "Movie Tracker backup",
}


@dataclass(frozen=True)
class AddResult:
    """The library's movie and, when a lookup filled it in, what OMDb said about it.

    `new` is False when the library already had the film (store.queries.same_film): then
    nothing was added, and `filled` names the fields it lacked that OMDb's details filled
    in (Movie's field names: "imdb_id", "poster_url", "runtime_minutes", ...).
    """

    movie: Movie
    details: MovieDetails | None = None
    new: bool = True
    filled: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusChange:
    movie: Movie
    changed: bool


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, worked out against the library without writing anything.

    Movies: `movies_to_add` new, `movies_to_update` already in the library that the file
    changes (status, rating, details or new watches), `movies_unchanged` already there
    exactly. `skipped` lists what will not be imported, each with file, line and reason.
    `restores` when a backup goes into a library without movies: it is then written exactly
    as it was, with `events_to_restore` events of its Activity history. Pass the preview to
    MovieService.run_import to apply it.
    """

    source: str  # "letterboxd" | "imdb" | "trakt" | "backup"
    files: tuple[str, ...]
    movies_to_add: int
    movies_to_update: int
    movies_unchanged: int
    watches_to_add: int
    ratings_to_add: int
    reviews_to_add: int
    watchlist_to_add: int
    skipped: tuple[Skipped, ...]
    plan: ImportPlan  # the plan as cleaned by the models' rules
    restores: bool = False
    events_to_restore: int = 0
    lists_to_add: int = 0
    lists_to_update: int = 0  # lists you have by name that the file changes
    list_entries_to_add: int = 0
    reorders_watchlist: bool = False  # the file's watchlist order (Trakt's rank) changes yours
    films_only_in_lists: int = 0  # new films only a list names: they come in Want to Watch

    @classmethod
    def of(cls, files: Sequence[str], plan: ImportPlan, changes: ImportChanges) -> ImportPreview:
        return cls(
            source=plan.source,
            files=tuple(files),
            movies_to_add=len(changes.new_movies),
            movies_to_update=len(changes.updates),
            movies_unchanged=changes.unchanged,
            watches_to_add=changes.watches_to_add,
            ratings_to_add=changes.ratings_to_add,
            reviews_to_add=changes.reviews_to_add,
            watchlist_to_add=changes.watchlist_to_add,
            skipped=plan.skipped,
            plan=plan,
            restores=changes.restore,
            events_to_restore=len(changes.events),
            lists_to_add=changes.lists.lists_to_add,
            lists_to_update=changes.lists.lists_to_update,
            list_entries_to_add=changes.lists.entries_to_add,
            reorders_watchlist=changes.lists.reorders_watchlist,
            films_only_in_lists=_only_in_lists(plan, changes),
        )

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def skipped_by_kind(self) -> tuple[tuple[str, int], ...]:
        """(kind, how many) for each group of skipped content, in a fixed order."""
        return self.plan.summary.skipped

    @property
    def has_changes(self) -> bool:
        """False when importing would change nothing (the same file imported again)."""
        lists = self.lists_to_add or self.lists_to_update or self.reorders_watchlist
        return bool(self.movies_to_add or self.movies_to_update or lists)


def _only_in_lists(plan: ImportPlan, changes: ImportChanges) -> int:
    files = {planned.file for planned in plan.lists}
    return sum(
        movie.file in files and movie.status is Status.WANT_TO_WATCH for movie in changes.new_movies
    )


@dataclass(frozen=True)
class ImportResult:
    """What an import did; the counts mean what the preview's do."""

    source: str
    movies_added: int
    movies_updated: int
    movies_unchanged: int
    watches_added: int
    ratings_added: int
    reviews_added: int
    watchlist_added: int
    skipped: int
    restored: bool = False  # a backup written into a library without movies, as it was
    lists_added: int = 0
    lists_updated: int = 0
    list_entries_added: int = 0

    @classmethod
    def of(cls, plan: ImportPlan, changes: ImportChanges) -> ImportResult:
        return cls(
            source=plan.source,
            movies_added=len(changes.new_movies),
            movies_updated=len(changes.updates),
            movies_unchanged=changes.unchanged,
            watches_added=changes.watches_to_add,
            ratings_added=changes.ratings_to_add,
            reviews_added=changes.reviews_to_add,
            watchlist_added=changes.watchlist_to_add,
            skipped=len(plan.skipped),
            restored=changes.restore,
            lists_added=changes.lists.lists_to_add,
            lists_updated=changes.lists.lists_to_update,
            list_entries_added=changes.lists.entries_to_add,
        )

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)


@dataclass(frozen=True)
class FillInResult:
    """What a fill_in_details run did, and whether there is more to do.

    `remaining` movies still lack an IMDb ID or a poster and were never looked up. When
    OMDb's daily limit stopped the run, `limit_reached` is True; when the app's own budget
    (OMDB_DAILY_LIMIT requests a day) did, `budget_reached`. Either way `resume_after` is
    when OMDb's new day starts (midnight UTC: OMDb does not publish its zone, so the
    earliest safe guess); `error` is the message of any other OMDb failure that stopped it.
    """

    filled: int = 0
    not_found: int = 0
    remaining: int = 0
    limit_reached: bool = False
    budget_reached: bool = False
    resume_after: datetime | None = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.remaining == 0
