"""OMDb's JSON bodies into models: "N/A" as None, "1,234" as 1234, the first year of
"2008–2013", and a body that lacks what a caller needs as OmdbUnavailable."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from movie_tracker.models import MovieDetails, Rating, SearchPage, SearchResult, is_imdb_id
from movie_tracker.omdb.errors import OmdbUnavailable

_FIRST_YEAR = re.compile(r"^\s*(\d{4})")


def optional(value: object) -> str | None:
    """OMDb's "N/A" (and blanks) as None, every other value as stripped text."""
    if value is None:
        return None
    text = str(value).strip()
    return None if not text or text == "N/A" else text


def parse_year(value: object) -> int | None:
    """The first year of "1995", "2008–2013" (en dash) or "2016–"; None for "N/A"."""
    match = _FIRST_YEAR.match(optional(value) or "")
    return int(match.group(1)) if match else None


def parse_int(value: object) -> int | None:
    """ "1,234,567" as 1234567; None for "N/A" or anything that is not a number."""
    text = (optional(value) or "").replace(",", "")
    return int(text) if text.isdigit() else None


def parse_float(value: object) -> float | None:
    try:
        return float(optional(value) or "")
    except ValueError:
        return None


def parse_ratings(value: object) -> tuple[Rating, ...]:
    """The Ratings list; missing (pre-2017 bodies) or empty gives ()."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Rating(source=str(item["Source"]), value=str(item["Value"]))
        for item in value
        if isinstance(item, Mapping)
        and optional(item.get("Source"))
        and optional(item.get("Value"))
    )


def parse_movie_details(data: Mapping[str, Any]) -> MovieDetails:
    """A MovieDetails from a successful by-ID or by-title body.

    Raises OmdbUnavailable when the body lacks a title or a valid IMDb ID.
    """
    title = optional(data.get("Title"))
    imdb_id = optional(data.get("imdbID"))
    if not title or not imdb_id or not is_imdb_id(imdb_id):
        raise OmdbUnavailable(detail="OMDb answer lacks Title or imdbID")
    return MovieDetails(
        title=title,
        imdb_id=imdb_id,
        year=parse_year(data.get("Year")),
        director=optional(data.get("Director")),
        genre=optional(data.get("Genre")),
        poster_url=optional(data.get("Poster")),
        type=optional(data.get("Type")),
        runtime=optional(data.get("Runtime")),
        plot=optional(data.get("Plot")),
        actors=optional(data.get("Actors")),
        imdb_rating=parse_float(data.get("imdbRating")),
        imdb_votes=parse_int(data.get("imdbVotes")),
        ratings=parse_ratings(data.get("Ratings")),
        language=optional(data.get("Language")),
        country=optional(data.get("Country")),
    )


def parse_search_page(data: Mapping[str, Any], query: str, page: int) -> SearchPage:
    """A SearchPage from a successful search body. Raises OmdbUnavailable if it is malformed."""
    items = data.get("Search")
    total = parse_int(data.get("totalResults"))
    if not isinstance(items, list) or total is None:
        raise OmdbUnavailable(detail="OMDb search answer lacks Search or totalResults")
    results = []
    for item in items:
        if not isinstance(item, Mapping):
            raise OmdbUnavailable(detail="OMDb search result is not an object")
        title = optional(item.get("Title"))
        imdb_id = optional(item.get("imdbID"))
        if not title or not imdb_id:
            raise OmdbUnavailable(detail="OMDb search result lacks Title or imdbID")
        results.append(
            SearchResult(
                title=title,
                imdb_id=imdb_id,
                year=parse_year(item.get("Year")),
                type=optional(item.get("Type")),
                poster_url=optional(item.get("Poster")),
            )
        )
    return SearchPage(query=query, results=tuple(results), total_results=total, page=page)
