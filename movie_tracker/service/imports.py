"""Import and export: preview an upload, import it whole or not at all, download the
Letterboxd CSVs or a backup, and fill in missing details from OMDb afterwards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone, tzinfo

from movie_tracker import exporters
from movie_tracker.importers import read_exports
from movie_tracker.importers.merge import clean_plan, match
from movie_tracker.models import Movie, Watch
from movie_tracker.omdb import MovieNotFound, OmdbError, OmdbLookup, RequestLimitReached
from movie_tracker.service.base import Service
from movie_tracker.service.details import details_to_fill
from movie_tracker.service.quota import OmdbBudget, budget_of, next_utc_midnight
from movie_tracker.service.results import FillInResult, ImportPreview, ImportResult

Progress = Callable[[int, int], object]  # progress(done, total)
OMDB_BATCH = 10  # movies looked up between two progress reports (and chances to stop)


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
        changes = match(plan, self.repository.import_snapshot())
        return ImportPreview.of([name for name, _ in files], plan, changes)

    def run_import(self, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
        """Apply a preview in one transaction: all of it, or (on any error) none of it.

        The library is matched again as the import runs, so a change made since the
        preview is taken into account. `progress(done, total)` is called as movies are
        written. One `import.completed` event; the library version moves once.
        """
        changes = self.repository.apply_import(preview.plan, progress)
        return ImportResult.of(preview.plan, changes)

    def export_letterboxd(self) -> bytes:
        """A ZIP of CSV files Letterboxd imports (see exporters.letterboxd_zip)."""
        movies, watches = self._everything()
        return exporters.letterboxd_zip(movies, watches)

    def export_backup(self) -> bytes:
        """The whole library as a versioned JSON backup: movies, watches, the days OMDb was
        asked about them and the Activity history. preview_import restores it into an empty
        library exactly; into one with movies it merges as any import does."""
        movies, watches = self._everything()
        return exporters.backup_json(
            movies,
            watches,
            datetime.now(timezone.utc),
            events=self.repository.history(),
            details_checked=self.repository.details_checked_days(),
        )

    def export_filenames(self) -> tuple[str, str]:
        """(Letterboxd ZIP, backup) file names for today's downloads (the person's date)."""
        day = self.today()
        return exporters.letterboxd_filename(day), exporters.backup_filename(day)

    def _everything(self) -> tuple[list[Movie], list[Watch]]:
        return self.repository.find_movies(), self.repository.diary(oldest_first=True)

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
