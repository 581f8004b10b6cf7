"""OMDb's details as a movie's: merged into a movie being added, or as the fields a
fill-in may set."""

from __future__ import annotations

import re
from dataclasses import replace

from movie_tracker.models import Movie, MovieDetails, clean_title

_RUNTIME = re.compile(r"(\d+)\s*min")


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
