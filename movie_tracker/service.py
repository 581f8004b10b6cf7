"""The one API the UI talks to: add, look up, change status, delete, list, the diary of
watches and ratings, statistics, import and export.

The service takes its repository and its OMDb client as arguments, so tests hand it fakes.
It validates every input before anything is stored; the repository logs the events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from movie_tracker import exporters, reports
from movie_tracker.importers import ImportPlan, Skipped, UnreadableExport, read_exports
from movie_tracker.importers.merge import ImportChanges, clean_plan, match
from movie_tracker.models import (
    LibraryEvent,
    Movie,
    MovieDetails,
    Owner,
    SearchPage,
    Status,
    ValidationError,
    Watch,
    clean_imdb_id,
    clean_rating,
    clean_review,
    clean_tags,
    clean_title,
    clean_watched_on,
    validate_movie,
)
from movie_tracker.omdb import MovieNotFound, OmdbError, OmdbLookup, RequestLimitReached
from movie_tracker.store import SORT_ADDED, MovieRepository

ENABLE_LOOKUPS_HINT = (
    "OMDb lookups are off. Get a free key at https://www.omdbapi.com/apikey.aspx and set "
    "OMDB_API_KEY (in the environment or .streamlit/secrets.toml) to turn them on."
)
SEARCH_QUERY_MAX_LENGTH = 200
SOURCE_LABELS = {
    "letterboxd": "Letterboxd",
    "imdb": "IMDb",
    "trakt": "Trakt",
    "backup": "Movie Tracker backup",
}
Progress = Callable[[int, int], object]  # progress(done, total)
OMDB_BATCH = 10  # movies looked up between two progress reports (and chances to stop)

__all__ = ["UnreadableExport"]  # raised by preview_import; its message is for the person


class UnknownMovieError(LookupError):
    def __init__(self, movie_id: object) -> None:
        super().__init__(
            f"No movie with id {movie_id} is in your library; it may have just been deleted. "
            "Reload the page to see the library as it is now."
        )
        self.movie_id = movie_id


class UnknownWatchError(LookupError):
    def __init__(self, watch_id: object) -> None:
        super().__init__(
            f"No watch with id {watch_id} is in your diary; it may have just been deleted. "
            "Reload the page to see the diary as it is now."
        )
        self.watch_id = watch_id


class _NotGiven:
    """The default of a field the caller leaves as it is (None means "clear it")."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()
_RUNTIME = re.compile(r"(\d+)\s*min")


class LookupsDisabledError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(ENABLE_LOOKUPS_HINT)


@dataclass(frozen=True)
class AddResult:
    """The stored movie and, when a lookup filled it in, what OMDb said about it."""

    movie: Movie
    details: MovieDetails | None = None


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
    Pass the preview to MovieService.run_import to apply it.
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
        return bool(self.movies_to_add or self.movies_to_update)


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
        )

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)


@dataclass(frozen=True)
class FillInResult:
    """What a fill_in_details run did, and whether there is more to do.

    `remaining` movies still lack an IMDb ID or a poster and were never looked up. When
    OMDb's daily limit stopped the run, `limit_reached` is True and `resume_after` is when
    OMDb's new day starts (midnight UTC: OMDb does not publish its zone, so the earliest
    safe guess); `error` is the message of any other OMDb failure that stopped it.
    """

    filled: int = 0
    not_found: int = 0
    remaining: int = 0
    limit_reached: bool = False
    resume_after: datetime | None = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.remaining == 0


class MovieService:
    def __init__(self, repository: MovieRepository, omdb_client: OmdbLookup | None = None):
        self.repository = repository
        self.omdb = omdb_client

    @property
    def lookups_enabled(self) -> bool:
        return self.omdb is not None

    def for_owner(self, owner: Owner) -> MovieService:
        """The service for `owner`'s library: the same database engine and OMDb client
        (and so the same OMDb cache); every call then reads and changes only that library."""
        return MovieService(self.repository.for_owner(owner), self.omdb)

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        """On sign-in: take the library kept without sign-in, if this owner has none yet
        (and LIBRARY_OWNER, when set, names this owner). True when it was handed over."""
        return self.repository.claim_local_library(library_owner)

    # -- changes -------------------------------------------------------------------------

    def add_movie(
        self, title: str, status: Status | str = Status.WANT_TO_WATCH, lookup: str = ""
    ) -> AddResult:
        """Add a movie from the form; with a lookup, OMDb's details are merged in first.

        A failed lookup raises its OmdbError before anything is stored, so the caller can
        keep the form and offer to add the movie without details.
        """
        movie = validate_movie(Movie(title=clean_title(title), status=Status.parse(status)))
        lookup = (lookup or "").strip()
        if not lookup:
            return AddResult(self.repository.add_movie(movie))
        details = self._lookup_client().search_and_get_movie_details(lookup)
        return AddResult(self.repository.add_movie(merge_details(movie, details)), details)

    def add_from_omdb(self, imdb_id: str, status: Status | str) -> AddResult:
        """Add a movie picked from the OMDb search results, with all its details."""
        chosen_status = Status.parse(status)
        chosen_id = clean_imdb_id(imdb_id)
        if chosen_id is None:
            raise ValidationError("imdb_id", "Pick a movie from the search results.")
        details = self._lookup_client().get_by_id(chosen_id)
        movie = merge_details(Movie(title=details.title, status=chosen_status), details)
        return AddResult(self.repository.add_movie(movie), details)

    def change_status(self, movie_id: int, new_status: Status | str) -> StatusChange:
        status = Status.parse(new_status)
        movie = self.get_movie(movie_id)
        changed = self.repository.update_movie_status(movie_id, status)
        return StatusChange(replace(movie, status=status), changed)

    def delete_movie(self, movie_id: int) -> Movie:
        movie = self.get_movie(movie_id)
        if not self.repository.delete_movie(movie_id):
            raise UnknownMovieError(movie_id)
        return movie

    # -- the diary -----------------------------------------------------------------------

    def log_watch(
        self,
        movie_id: int,
        watched_on: date | str | None = None,
        rating: float | str | None = None,
        review: str = "",
        tags: Iterable[str] | str = (),
    ) -> Watch:
        """Log a watch of a movie (marking it Watched); nothing is stored on any error."""
        watch = Watch(
            movie_id=movie_id,
            watched_on=clean_watched_on(watched_on, _today()),
            rating=clean_rating(rating),
            review=clean_review(review),
            tags=clean_tags(tags),
        )
        stored = self.repository.log_watch(watch)
        if stored is None:
            raise UnknownMovieError(movie_id)
        return stored

    def watches(self, movie_id: int) -> list[Watch]:
        """A movie's watches, newest first (unknown dates last)."""
        return self.repository.find_watches(movie_id)

    def get_watch(self, watch_id: int) -> Watch:
        watch = self.repository.get_watch(watch_id)
        if watch is None:
            raise UnknownWatchError(watch_id)
        return watch

    def update_watch(
        self,
        watch_id: int,
        *,
        watched_on: Any = NOT_GIVEN,
        rating: Any = NOT_GIVEN,
        review: Any = NOT_GIVEN,
        tags: Any = NOT_GIVEN,
    ) -> Watch:
        """Change only the fields given (None clears a date or a rating)."""
        cleaners = {
            "watched_on": lambda value: clean_watched_on(value, _today()),
            "rating": clean_rating,
            "review": clean_review,
            "tags": clean_tags,
        }
        given = {"watched_on": watched_on, "rating": rating, "review": review, "tags": tags}
        changes = {
            name: cleaners[name](value) for name, value in given.items() if value is not NOT_GIVEN
        }
        if not changes:
            return self.get_watch(watch_id)
        stored = self.repository.update_watch(watch_id, changes)
        if stored is None:
            raise UnknownWatchError(watch_id)
        return stored

    def delete_watch(self, watch_id: int) -> Watch:
        deleted = self.repository.delete_watch(watch_id)
        if deleted is None:
            raise UnknownWatchError(watch_id)
        return deleted

    def rate_movie(self, movie_id: int, rating: float | str | None) -> Movie:
        """Your rating of a movie, in half stars; None clears it."""
        rated = self.repository.rate_movie(movie_id, clean_rating(rating))
        if rated is None:
            raise UnknownMovieError(movie_id)
        return rated

    def edit_movie(
        self,
        movie_id: int,
        *,
        title: Any = NOT_GIVEN,
        year: Any = NOT_GIVEN,
        director: Any = NOT_GIVEN,
        genre: Any = NOT_GIVEN,
    ) -> Movie:
        """Edit details: only the fields given change, each validated as when adding."""
        movie = self.get_movie(movie_id)
        given = {"title": title, "year": year, "director": director, "genre": genre}
        edited = replace(movie, **{k: v for k, v in given.items() if v is not NOT_GIVEN})
        stored = self.repository.update_movie_details(movie_id, validate_movie(edited))
        if stored is None:
            raise UnknownMovieError(movie_id)
        return stored

    def diary(
        self, year: int | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Watch]:
        """Watches across the library, each with its movie, newest first."""
        return self.repository.diary(year, limit, offset)

    def count_diary(self, year: int | None = None) -> int:
        return self.repository.count_diary(year)

    def diary_years(self) -> list[int]:
        """The years with dated watches, newest first (for a year picker)."""
        return self.repository.diary_years()

    def genres(self) -> list[str]:
        return self.repository.genres()

    def decades(self) -> list[int]:
        return self.repository.decades()

    # -- reading -------------------------------------------------------------------------

    def get_movie(self, movie_id: int) -> Movie:
        movie = self.repository.get_movie(movie_id)
        if movie is None:
            raise UnknownMovieError(movie_id)
        return movie

    def list_movies(
        self,
        status: Status | str | None = None,
        text: str = "",
        limit: int | None = None,
        offset: int = 0,
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
        sort: str = SORT_ADDED,
    ) -> list[Movie]:
        """A page of the Library; `sort` is one of db.MOVIE_SORTS."""
        return self.repository.find_movies(
            _status_filter(status),
            text or "",
            limit,
            offset,
            genre=genre,
            decade=decade,
            rated=rated,
            sort=sort,
        )

    def count_movies(
        self,
        status: Status | str | None = None,
        text: str = "",
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
    ) -> int:
        return self.repository.count_movies(
            _status_filter(status), text or "", genre=genre, decade=decade, rated=rated
        )

    def status_counts(self) -> reports.StatusCounts:
        return reports.StatusCounts.from_mapping(self.repository.count_by_status())

    def statistics(self) -> reports.Statistics:
        counts = self.status_counts()
        if counts.total == 0:
            return reports.Statistics(counts)
        return reports.Statistics(
            counts=counts,
            by_genre=reports.genre_counts(self.repository.count_by_genre()),
            by_decade=reports.decade_counts(self.repository.count_by_decade()),
            watched_by_month=reports.month_counts(self.repository.watches_by_month()),
        )

    def diary_statistics(self, year: int | None = None) -> reports.DiaryStatistics:
        """The diary's charts: watches per month, hours, your ratings, top directors and
        genres; for one year or the whole diary."""
        minutes, without_runtime = self.repository.watch_minutes(year)
        return reports.DiaryStatistics(
            year=year,
            watches=self.repository.count_diary(year),
            watches_by_month=reports.month_counts(self.repository.watches_by_month(year)),
            minutes_watched=minutes,
            watches_without_runtime=without_runtime,
            rating_distribution=reports.rating_distribution(self.repository.count_by_rating()),
            top_directors=reports.top_names(self.repository.watches_by_director(year)),
            top_genres=reports.top_names(self.repository.watches_by_genre(year)),
        )

    def year_in_review(self, year: int) -> reports.YearInReview:
        films, watch_count, rewatches = self.repository.year_counts(year)
        if watch_count == 0:
            return reports.YearInReview(year=year)
        minutes, without_runtime = self.repository.watch_minutes(year)
        last = self.repository.diary(year, limit=1)
        first = self.repository.diary(year, limit=1, oldest_first=True)
        return reports.YearInReview(
            year=year,
            films=films,
            watches=watch_count,
            rewatches=rewatches,
            minutes_watched=minutes,
            watches_without_runtime=without_runtime,
            highest_rated=tuple(
                reports.RatedMovie(movie.id or 0, movie.label, rating)
                for movie, rating in self.repository.top_rated(year)
            ),
            busiest_month=reports.busiest_month(self.repository.watches_by_month(year)),
            first_watch=reports.DiaryMoment.of(first[0]),
            last_watch=reports.DiaryMoment.of(last[0]),
        )

    def library_version(self) -> int:
        """Changes whenever the library does: the key for caching anything read from it."""
        return self.repository.library_version()

    def recent_activity(self, limit: int = 50) -> list[LibraryEvent]:
        return self.repository.recent_events(limit)

    # -- import and export -----------------------------------------------------------------

    def preview_import(
        self, filename: str, data: bytes, *, tz: tzinfo | None = None
    ) -> ImportPreview:
        """What importing one upload (a ZIP, CSV or JSON file) would do; writes nothing.

        Raises UnreadableExport, whose message is for the person, when the upload is no
        export the app reads. `tz` is the zone Trakt's timestamps are dated in (UTC).
        """
        return self.preview_import_files([(filename, data)], tz=tz)

    def preview_import_files(
        self, files: Sequence[tuple[str, bytes]], *, tz: tzinfo | None = None
    ) -> ImportPreview:
        """As preview_import, for several loose files of one export: [(name, bytes), ...]."""
        plan = clean_plan(read_exports(files, tz=tz), _today())
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
        """The whole library as a versioned JSON backup; preview_import restores it."""
        movies, watches = self._everything()
        return exporters.backup_json(movies, watches, datetime.now(timezone.utc))

    def export_filenames(self) -> tuple[str, str]:
        """(Letterboxd ZIP, backup) file names for today's downloads."""
        today = _today()
        return exporters.letterboxd_filename(today), exporters.backup_filename(today)

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
        (after `limit` movies, or when `stop()` says so between batches, or on OMDb's
        daily limit) keeps everything filled so far; the next run resumes with the movies
        still missing details. A movie OMDb does not know is remembered and not asked
        about again. `progress(done, total)` after each batch.
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

    def _filled(
        self, counts: dict[str, int], *, limit_reached: bool = False, error: str | None = None
    ) -> FillInResult:
        resume = None
        if limit_reached:
            resume = datetime.combine(_today() + timedelta(days=1), time(0), timezone.utc)
        return FillInResult(
            filled=counts["filled"],
            not_found=counts["not_found"],
            remaining=self.repository.count_missing_details(),
            limit_reached=limit_reached,
            resume_after=resume,
            error=error,
        )

    # -- OMDb ----------------------------------------------------------------------------

    def search_omdb(self, query: str, page: int = 1) -> SearchPage:
        query = (query or "").strip()
        if not query:
            raise ValidationError("query", "Type a title to search OMDb for.")
        if len(query) > SEARCH_QUERY_MAX_LENGTH:
            raise ValidationError(
                "query", f"Shorten the search to {SEARCH_QUERY_MAX_LENGTH} characters or fewer."
            )
        return self._lookup_client().search(query, page=max(1, int(page)))

    def _lookup_client(self) -> OmdbLookup:
        if self.omdb is None:
            raise LookupsDisabledError()
        return self.omdb


def merge_details(movie: Movie, details: MovieDetails) -> Movie:
    """The user's title and status, with OMDb's year, director, genre, IMDb ID and poster.

    A title that differs from OMDb's only in case ("heat") takes OMDb's spelling ("Heat").
    """
    title = movie.title or details.title
    if title.casefold() == details.title.casefold():
        title = details.title
    return replace(
        movie,
        title=clean_title(title),
        year=details.year if details.year is not None else movie.year,
        director=details.director or movie.director,
        genre=details.genre or movie.genre,
        imdb_id=details.imdb_id or movie.imdb_id,
        poster_url=details.poster_url or movie.poster_url,
        runtime_minutes=runtime_minutes(details.runtime),
        plot=details.plot,
        actors=details.actors,
        imdb_rating=details.imdb_rating,
        language=details.language,
        country=details.country,
    )


def details_to_fill(details: MovieDetails) -> dict[str, object]:
    """OMDb's details as the fields fill_in_details may set (only where a movie has none).
    The title stays the library's, so a later import still matches it."""
    values: dict[str, object] = {
        "imdb_id": details.imdb_id,
        "poster_url": details.poster_url,
        "year": details.year,
        "director": details.director,
        "genre": details.genre,
        "runtime_minutes": runtime_minutes(details.runtime),
        "plot": details.plot,
        "actors": details.actors,
        "imdb_rating": details.imdb_rating,
        "language": details.language,
        "country": details.country,
    }
    return {name: value for name, value in values.items() if value is not None}


def runtime_minutes(runtime: str | None) -> int | None:
    """OMDb's "170 min" as 170; anything else (None, "N/A") as None."""
    found = _RUNTIME.fullmatch((runtime or "").strip())
    return int(found.group(1)) if found else None


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _status_filter(status: Status | str | None) -> Status | None:
    if status is None or status == "" or status == "All":
        return None
    return Status.parse(status)
