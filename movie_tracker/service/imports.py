"""Import and export: preview an upload, import it whole or not at all, download the
Letterboxd CSVs or a backup, and fill in missing details from OMDb afterwards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timezone, tzinfo

from movie_tracker import exporters
from movie_tracker.importers import ImportPlan, read_exports
from movie_tracker.importers.list_merge import ListChanges, match_lists
from movie_tracker.importers.merge import ImportChanges, StoredMovie, clean_plan, match
from movie_tracker.models import ListEntry, Movie, MovieList, Status, Watch
from movie_tracker.omdb import MovieNotFound, OmdbError, OmdbLookup, RequestLimitReached
from movie_tracker.service.base import Service
from movie_tracker.service.details import details_to_fill
from movie_tracker.service.quota import OmdbBudget, budget_of, next_utc_midnight
from movie_tracker.service.results import FillInResult, ImportPreview, ImportResult

Progress = Callable[[int, int], object]  # progress(done, total)
OMDB_BATCH = 10  # movies looked up between two progress reports (and chances to stop)
WATCHED = Status.WATCHED


class Imports(Service):
    """Moving a person's history in and out of their library."""

    def preview_import(
        self, filename: str, data: bytes, *, tz: tzinfo | None = None
    ) -> ImportPreview:
        """What importing one upload (a ZIP, CSV or JSON file) would do; writes nothing.

        Raises UnreadableExport, whose message is for the person, when the upload is no
        export the app reads. `tz` is the zone Trakt's timestamps are dated in (the
        person's: the service's timezone, unless given).
        """
        return self.preview_import_files([(filename, data)], tz=tz)

    def preview_import_files(
        self, files: Sequence[tuple[str, bytes]], *, tz: tzinfo | None = None
    ) -> ImportPreview:
        """As preview_import, for several loose files of one export: [(name, bytes), ...]."""
        plan = clean_plan(read_exports(files, tz=tz or self.timezone), self.today())
        snapshot = self.repository.import_snapshot()
        changes = match(plan, snapshot)
        if plan.lists or plan.watchlist:
            changes = replace(changes, lists=self._list_changes(plan, changes, snapshot))
        return ImportPreview.of([name for name, _ in files], plan, changes)

    def _list_changes(
        self, plan: ImportPlan, changes: ImportChanges, snapshot: Sequence[StoredMovie]
    ) -> ListChanges:
        """What the plan's lists and watchlist order would do, as the store works it out
        once the movies are written (store.orders.import_lists): the films it would add
        stand in with ids of their own (below zero), at the watchlist's end."""
        stored, order = self.repository.list_snapshot()
        watched = {u.movie.id for u in changes.updates if u.changes.get("status") is WATCHED}
        films = [
            replace(movie, status=WATCHED) if movie.id in watched else movie for movie in snapshot
        ]
        new = [
            StoredMovie(-number, movie.title, movie.status, movie.year, movie.imdb_id)
            for number, movie in enumerate(changes.new_movies, start=1)
        ]
        by_key = {m.source_key: -n for n, m in enumerate(changes.new_movies, 1) if m.source_key}
        order = [movie_id for movie_id in order if movie_id not in watched]
        order += [movie.id for movie in new if movie.status is not WATCHED]
        return match_lists(plan, sorted(films, key=lambda m: m.id) + new, stored, order, by_key)

    def run_import(self, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
        """Apply a preview in one transaction: all of it, or (on any error) none of it.

        The library is matched again as the import runs, so a change made since the
        preview is taken into account. `progress(done, total)` is called as movies are
        written. One `import.completed` event; the library version moves once.
        """
        changes = self.repository.apply_import(preview.plan, progress)
        return ImportResult.of(preview.plan, changes)

    def export_letterboxd(self) -> bytes:
        """A ZIP of CSV files Letterboxd imports (see exporters.letterboxd_zip), each list
        in Letterboxd's list format."""
        movies, watches = self._everything()
        return exporters.letterboxd_zip(movies, watches, self._lists_with_entries())

    def export_backup(self) -> bytes:
        """The whole library as a versioned JSON backup: movies, watches, the days OMDb was
        asked about them, the Activity history, the lists and the watchlist's order.
        preview_import restores it into an empty library exactly; into one with movies it
        merges as any import does."""
        movies, watches = self._everything()
        return exporters.backup_json(
            movies,
            watches,
            datetime.now(timezone.utc),
            events=self.repository.history(),
            details_checked=self.repository.details_checked_days(),
            lists=self._lists_with_entries(),
            watchlist=[movie.id or 0 for movie in self.repository.watchlist()],
        )

    def export_filenames(self) -> tuple[str, str]:
        """(Letterboxd ZIP, backup) file names for today's downloads (the person's date)."""
        day = self.today()
        return exporters.letterboxd_filename(day), exporters.backup_filename(day)

    def _everything(self) -> tuple[list[Movie], list[Watch]]:
        return self.repository.find_movies(), self.repository.diary(oldest_first=True)

    def _lists_with_entries(self) -> list[tuple[MovieList, list[ListEntry]]]:
        """Each list with its films in order (a list deleted meanwhile is left out)."""
        return [
            (kept, entries)
            for kept in self.repository.lists()
            if (entries := self.repository.list_entries(kept.id)) is not None
        ]

    # -- details afterwards, from OMDb ------------------------------------------------------

    def fill_in_details(
        self,
        limit: int | None = None,
        progress: Progress | None = None,
        *,
        stop: Callable[[], bool] | None = None,
        batch_size: int = OMDB_BATCH,
    ) -> FillInResult:
        """Look up movies without an IMDb ID or poster on OMDb (by IMDb ID when known, else
        by title and year) and fill in what they lack, in batches.

        Each filled movie is its own change with one `movie.edited` event, so stopping
        (after `limit` movies, or when `stop()` says so between batches, or when today's
        OMDb requests reach the budget, `omdb_daily_limit`, or on OMDb's own daily limit)
        keeps everything filled so far; the next run resumes with the movies still missing
        details. A movie OMDb does not know is remembered and not asked about again.
        `progress(done, total)` after each batch.
        """
        client = self._lookup_client()
        total = self.repository.count_missing_details()
        total = total if limit is None else min(total, max(0, limit))
        counts = {"filled": 0, "not_found": 0}
        done = 0
        while done < total:
            batch = self.repository.movies_missing_details(min(batch_size, total - done))
            if not batch:
                break
            for movie in batch:
                if self.omdb_budget().left == 0:
                    return self._filled(counts, budget_reached=True)
                try:
                    outcome = self._fill_in(client, movie)
                except RequestLimitReached:
                    return self._filled(counts, limit_reached=True)
                except OmdbError as error:
                    return self._filled(counts, error=str(error))
                counts[outcome] += 1
                done += 1
            if progress is not None:
                progress(done, total)
            if stop is not None and stop():
                break
        return self._filled(counts)

    def _fill_in(self, client: OmdbLookup, movie: Movie) -> str:
        """Look one movie up and store what OMDb adds; "filled" or "not_found"."""
        try:
            if movie.imdb_id:
                details = client.get_by_id(movie.imdb_id)
            else:
                details = client.get_by_title(movie.title, movie.year)
        except MovieNotFound:
            self.repository.fill_in_details(movie.id or 0, {})
            return "not_found"
        self.repository.fill_in_details(movie.id or 0, details_to_fill(details))
        return "filled"

    def omdb_budget(self) -> OmdbBudget:
        """Today's OMDb requests (the whole deployment's), and how many fill-in may make."""
        return budget_of(self.repository, self.omdb_daily_limit)

    def _filled(
        self,
        counts: dict[str, int],
        *,
        limit_reached: bool = False,
        budget_reached: bool = False,
        error: str | None = None,
    ) -> FillInResult:
        return FillInResult(
            filled=counts["filled"],
            not_found=counts["not_found"],
            remaining=self.repository.count_missing_details(),
            limit_reached=limit_reached,
            budget_reached=budget_reached,
            resume_after=next_utc_midnight() if limit_reached or budget_reached else None,
            error=error,
        )
