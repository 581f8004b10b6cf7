"""What OMDb says about a title, as the app reads it: details, critic scores, search pages."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SEARCH_PAGE = 100  # OMDb serves search pages 1 to 100, however many results there are


@dataclass(frozen=True)
class Rating:
    """A critic score OMDb lists ("Rotten Tomatoes", "91%"); not the person's own stars."""

    source: str
    value: str


@dataclass(frozen=True)
class MovieDetails:
    """What OMDb knows about a title, with OMDb's "N/A" already turned into None."""

    title: str
    imdb_id: str
    year: int | None = None
    director: str | None = None
    genre: str | None = None
    poster_url: str | None = None
    type: str | None = None
    runtime: str | None = None
    plot: str | None = None
    actors: str | None = None
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    ratings: tuple[Rating, ...] = ()
    language: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class SearchResult:
    title: str
    imdb_id: str
    year: int | None = None
    type: str | None = None
    poster_url: str | None = None


@dataclass(frozen=True)
class SearchPage:
    """One page of an OMDb search: at most 10 results, and how many there are in all."""

    query: str
    results: tuple[SearchResult, ...] = ()
    total_results: int = 0
    page: int = 1
    page_size: int = field(default=10, repr=False)

    @property
    def total_pages(self) -> int:
        return min(MAX_SEARCH_PAGE, max(1, -(-self.total_results // self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.total_pages
