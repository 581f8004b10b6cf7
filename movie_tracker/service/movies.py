"""Movies: add (from the form or from OMDb), read, list, change status, rate, edit, delete,
and search OMDb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from movie_tracker.models import (
    Movie,
    MovieDetails,
    SearchPage,
    SearchResult,
    Status,
    ValidationError,
    clean_imdb_id,
    clean_rating,
    clean_title,
    validate_movie,
)
from movie_tracker.service.base import NOT_GIVEN, Service
from movie_tracker.service.details import details_to_fill, merge_details
from movie_tracker.service.errors import UnknownMovieError
from movie_tracker.service.results import AddResult, StatusChange
from movie_tracker.store import SORT_ADDED

SEARCH_QUERY_MAX_LENGTH = 200
TITLE_OR_LOOKUP = "Enter a movie title, or a title, IMDb ID or IMDb link to look up on OMDb."


class Movies(Service):
    """What a person does with the movies of their library."""

    def add_movie(
        self, title: str, status: Status | str = Status.WANT_TO_WATCH, lookup: str = ""
    ) -> AddResult:
        """Add a movie from the form; with a lookup, OMDb's details are merged in first,
        and with the title left empty the title is OMDb's. A film the library already has
        is not added again (see _keep).

        A failed lookup raises its OmdbError before anything is stored, so the caller can
        keep the form and offer to add the movie without details.
        """
        typed = title.strip() if isinstance(title, str) else ""
        lookup = (lookup or "").strip()
        if not typed and not lookup and self.lookups_enabled:
            raise ValidationError("title", TITLE_OR_LOOKUP)
        chosen_status = Status.parse(status)
        if not lookup:
            return self._keep(validate_movie(Movie(clean_title(title), chosen_status)))
        movie = Movie(clean_title(title) if typed else "", chosen_status)
        details = self._lookup_client().search_and_get_movie_details(lookup)
        return self._keep(merge_details(movie, details), details)

    def add_from_omdb(self, imdb_id: str, status: Status | str) -> AddResult:
        """Add a movie picked from the OMDb search results, with all its details; a film
        the library already has is not added again (see _keep)."""
        chosen_status = Status.parse(status)
        chosen_id = clean_imdb_id(imdb_id)
        if chosen_id is None:
            raise ValidationError("imdb_id", "Pick a movie from the search results.")
        details = self._lookup_client().get_by_id(chosen_id)
        movie = merge_details(Movie(title=details.title, status=chosen_status), details)
        return self._keep(movie, details)

    def _keep(self, movie: Movie, details: MovieDetails | None = None) -> AddResult:
        """Add `movie`, unless the library has that film (the same IMDb ID, or the same
        title and year on a movie without one): then the movie you have is used instead,
        as it is, and from OMDb it gains its IMDb ID and whatever details it lacked. One
        transaction, so two tabs adding the same film at once end with one movie."""
        fill = details_to_fill(details) if details is not None else None
        added = self.repository.add_or_find_movie(movie, fill)
        return AddResult(added.movie, details, new=added.new, filled=added.filled)

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
        max_runtime: int | None = None,
    ) -> list[Movie]:
        """A page of the Library; `sort` is one of store.MOVIE_SORTS; `max_runtime` keeps
        the films known to run at most that many minutes."""
        return self.repository.find_movies(
            _status_filter(status),
            text or "",
            limit,
            offset,
            genre=genre,
            decade=decade,
            rated=rated,
            sort=sort,
            max_runtime=max_runtime,
        )

    def count_movies(
        self,
        status: Status | str | None = None,
        text: str = "",
        *,
        genre: str | None = None,
        decade: int | None = None,
        rated: bool | None = None,
        max_runtime: int | None = None,
    ) -> int:
        return self.repository.count_movies(
            _status_filter(status),
            text or "",
            genre=genre,
            decade=decade,
            rated=rated,
            max_runtime=max_runtime,
        )

    def genres(self) -> list[str]:
        return self.repository.genres()

    def decades(self) -> list[int]:
        return self.repository.decades()

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

    def films_in_library(self, results: Sequence[SearchResult]) -> dict[str, Movie]:
        """The library's movie for each search result it already has (by IMDb ID, or by
        title and year for a movie without one), keyed by the result's IMDb ID: one query
        for a page of results."""
        films = [(result.imdb_id, result.title, result.year) for result in results]
        found = self.repository.find_same_films(films)
        return {
            r.imdb_id: movie for r, movie in zip(results, found, strict=True) if movie is not None
        }


def _status_filter(status: Status | str | None) -> Status | None:
    if status is None or status == "" or status == "All":
        return None
    return Status.parse(status)
