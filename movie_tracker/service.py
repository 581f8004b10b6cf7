"""The one API the UI talks to: add, look up, change status, delete, list, statistics.

The service takes its repository and its OMDb client as arguments, so tests hand it fakes.
It validates every input before anything is stored; the repository logs the events.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from movie_tracker import reports
from movie_tracker.db import MovieRepository
from movie_tracker.models import (
    LibraryEvent,
    Movie,
    MovieDetails,
    SearchPage,
    Status,
    ValidationError,
    clean_imdb_id,
    clean_title,
    movie_label,
    validate_movie,
)
from movie_tracker.omdb import OmdbLookup

ENABLE_LOOKUPS_HINT = (
    "OMDb lookups are off. Get a free key at https://www.omdbapi.com/apikey.aspx and set "
    "OMDB_API_KEY (in the environment or .streamlit/secrets.toml) to turn them on."
)
SEARCH_QUERY_MAX_LENGTH = 200


class UnknownMovieError(LookupError):
    def __init__(self, movie_id: object) -> None:
        super().__init__(
            f"No movie with id {movie_id} is in your library; it may have just been deleted. "
            "Reload the page to see the library as it is now."
        )
        self.movie_id = movie_id


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


class MovieService:
    def __init__(self, repository: MovieRepository, omdb_client: OmdbLookup | None = None):
        self.repository = repository
        self.omdb = omdb_client

    @property
    def lookups_enabled(self) -> bool:
        return self.omdb is not None

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
    ) -> list[Movie]:
        return self.repository.find_movies(_status_filter(status), text or "", limit, offset)

    def count_movies(self, status: Status | str | None = None, text: str = "") -> int:
        return self.repository.count_movies(_status_filter(status), text or "")

    def movie_choices(self) -> list[tuple[int, str]]:
        """(id, "Title (Year)") for every movie, newest first, each label unique.

        A picker tells its options apart by their text, so a title stored twice gets its
        id: "Heat (#2)" and "Heat (#1)"; otherwise one of them could never be picked.
        """
        rows = self.repository.movie_labels()
        labels = [movie_label(title, year) for _id, title, year in rows]
        repeated = {label for label, count in Counter(labels).items() if count > 1}
        return [
            (movie_id, f"{label} (#{movie_id})" if label in repeated else label)
            for (movie_id, _title, _year), label in zip(rows, labels, strict=True)
        ]

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
            watched_by_month=reports.month_counts(self.repository.watched_by_month()),
        )

    def library_version(self) -> int:
        """Changes whenever the library does: the key for caching anything read from it."""
        return self.repository.library_version()

    def recent_activity(self, limit: int = 50) -> list[LibraryEvent]:
        return self.repository.recent_events(limit)

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
    )


def _status_filter(status: Status | str | None) -> Status | None:
    if status is None or status == "" or status == "All":
        return None
    return Status.parse(status)
