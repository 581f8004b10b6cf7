"""Looking a movie up: the OmdbLookup protocol the service needs, and the one way every
client (the real one, the fakes) chooses a movie for a title or an IMDb ID."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from movie_tracker.models import (
    MovieDetails,
    SearchPage,
    SearchResult,
    ValidationError,
    imdb_id_in,
)
from movie_tracker.omdb.errors import MovieNotFound, TooManyResults

TYPE_RANK = {"movie": 0, "series": 1, "episode": 2, "game": 3}
_TRAILING_YEAR = re.compile(r"^(?P<title>.*?\S)\s*(?:\((?P<paren>\d{4})\)|(?P<bare>\d{4}))$")


def split_trailing_year(query: str) -> tuple[str, int | None, bool]:
    """ "Heat (1995)" -> ("Heat", 1995, True); "Heat 1995" -> ("Heat", 1995, False).

    The flag says whether the year was in parentheses; a bare trailing number may be part
    of the title ("Blade Runner 2049"), so callers fall back to the whole query.
    """
    text = " ".join(query.split())
    match = _TRAILING_YEAR.match(text)
    if not match:
        return text, None, False
    year = match.group("paren") or match.group("bare")
    return match.group("title"), int(year), match.group("paren") is not None


def pick_best_match(results: Sequence[SearchResult], title: str) -> SearchResult | None:
    """An exact title match first (case-insensitive), then movies before series, episodes
    and games, then OMDb's own order."""
    wanted = title.strip().casefold()

    def rank(indexed: tuple[int, SearchResult]) -> tuple[int, int, int]:
        index, result = indexed
        exact = 0 if result.title.casefold() == wanted else 1
        return exact, TYPE_RANK.get(result.type or "", len(TYPE_RANK)), index

    ranked = sorted(enumerate(results), key=rank)
    return ranked[0][1] if ranked else None


class OmdbLookup(Protocol):
    """What the service needs from an OMDb client (the real one or tests' fakes)."""

    def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage: ...

    def get_by_id(self, imdb_id: str) -> MovieDetails: ...

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails: ...

    def search_and_get_movie_details(self, query: str) -> MovieDetails: ...


class LookupMixin:
    """`search_and_get_movie_details` on top of search / get_by_id / get_by_title.

    Shared by the real client and the in-memory fake so both choose alike.
    """

    if TYPE_CHECKING:

        def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage: ...

        def get_by_id(self, imdb_id: str) -> MovieDetails: ...

        def get_by_title(self, title: str, year: int | None = None) -> MovieDetails: ...

    def search_and_get_movie_details(self, query: str) -> MovieDetails:
        """Details for an IMDb ID (or an IMDb link to a title), or for the best match of a
        title search.

        A trailing year ("Heat (1995)", "Heat 1995") narrows the search; when a bare year
        finds nothing, the whole text is searched as a title. A search that OMDb finds too
        broad ("Up") falls back to OMDb's exact-title lookup.
        """
        text = clean_query(query)
        if imdb_id := imdb_id_in(text):
            return self.get_by_id(imdb_id)
        title, year, parenthesised = split_trailing_year(text)
        if year is not None:
            try:
                return self._best_match(title, year)
            except MovieNotFound:
                if parenthesised:
                    raise
        return self._best_match(text, None)

    def _best_match(self, title: str, year: int | None) -> MovieDetails:
        try:
            page = self.search(title, year=year)
        except TooManyResults as too_many:
            try:
                return self.get_by_title(title, year=year)
            except MovieNotFound:
                raise too_many from None
        best = pick_best_match(page.results, title)
        if best is None:
            raise MovieNotFound()
        return self.get_by_id(best.imdb_id)


def clean_query(value: str) -> str:
    """The query with its whitespace collapsed; a blank one is refused."""
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError("query", "Enter a title or an IMDb ID to look up.")
    return text
