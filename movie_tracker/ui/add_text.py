"""The sentences of the Add movie page, made from plain data: what adding did (a new movie,
or the one the library already had and what OMDb filled in on it) and what OMDb found. No
Streamlit here: unit tested alone (ui/text.py holds the other pages' sentences)."""

from __future__ import annotations

from collections.abc import Sequence

from movie_tracker.models import MovieDetails
from movie_tracker.service import AddResult

# A movie's fields as a sentence names them, in the order it lists them.
FIELD_NAMES = {
    "imdb_id": "IMDb ID",
    "year": "year",
    "poster_url": "poster",
    "runtime_minutes": "runtime",
    "director": "director",
    "genre": "genre",
    "plot": "plot",
    "actors": "cast",
    "imdb_rating": "IMDb rating",
    "language": "language",
    "country": "country",
}
NAMED = 4  # more filled fields than this: the first few, then how many more


def added_message(result: AddResult) -> str:
    """What the Add movie page says after adding: the movie added with what OMDb found,
    or that the library already had it and what it gained from OMDb."""
    movie = result.movie
    if not result.new:
        if not result.filled:
            return (
                f"{movie.label} is already in your library, as {movie.status.value}: "
                "nothing was added."
            )
        filled = filled_names(result.filled)
        return f"{movie.label} is already in your library; added its {filled} from OMDb."
    message = f"Added {movie.label} to your library as {movie.status.value}."
    if result.details is not None:
        found = details_summary(result.details)
        message += f" OMDb found: {found}." if found else " OMDb found it."
    return message


def filled_names(fields: Sequence[str]) -> str:
    """ "IMDb ID, poster and runtime"; past NAMED fields, "IMDb ID, poster, runtime and 7
    more details"."""
    names = [name for field, name in FIELD_NAMES.items() if field in fields]
    names += [field for field in fields if field not in FIELD_NAMES]
    if len(names) > NAMED:
        names = [*names[: NAMED - 1], f"{len(names) - NAMED + 1} more details"]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def details_summary(details: MovieDetails) -> str:
    parts = []
    if details.director:
        parts.append(f"directed by {details.director}")
    if details.genre:
        parts.append(details.genre)
    if details.runtime:
        parts.append(details.runtime)
    if details.imdb_rating is not None:
        parts.append(f"IMDb {details.imdb_rating:g}/10")
    return "; ".join(parts)
