"""Movies: add (from the form or from OMDb), read, list, change status, rate, edit, delete,
and search OMDb."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from movie_tracker.models import (
    Movie,
    SearchPage,
    Status,
    ValidationError,
    clean_imdb_id,
    clean_rating,
    clean_title,
    validate_movie,
)
from movie_tracker.service.base import NOT_GIVEN, Service
from movie_tracker.service.details import merge_details
from movie_tracker.service.errors import UnknownMovieError
from movie_tracker.service.results import AddResult, StatusChange
from movie_tracker.store import SORT_ADDED

SEARCH_QUERY_MAX_LENGTH = 200


class Movies(Service):
    """What a person does with the movies of their library."""

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


def _status_filter(status: Status | str | None) -> Status | None:
    if status is None or status == "" or status == "All":
        return None
    return Status.parse(status)
