"""OMDb's failures as a hierarchy a caller can catch at the level it cares about.

`str(error)` is fit to show a person and never holds the API key; `error_for` maps OMDb's
own "Error" texts to the types.
"""

from __future__ import annotations

from movie_tracker import events

NOT_FOUND_ERRORS = frozenset(
    {
        "Movie not found!",
        "Series not found!",
        "Episode not found!",
        "Series or episode not found!",
        "Series or season not found!",
    }
)
INCORRECT_IMDB_ID = "Incorrect IMDb ID."
TOO_MANY_RESULTS = "Too many results."
INVALID_KEY_ERRORS = frozenset({"Invalid API key!", "No API key provided."})


class OmdbError(Exception):
    """Base of every OMDb failure. `str(error)` is fit to show a user and never holds the key.

    `omdb_error` is OMDb's own "Error" text when it sent one; `detail` is a redacted
    technical description for logs.
    """

    default_message = "The movie lookup failed."

    def __init__(
        self, user_message: str | None = None, *, omdb_error: str | None = None, detail: str = ""
    ) -> None:
        self.user_message = events.redact(user_message or self.default_message)
        self.omdb_error = events.redact(omdb_error) if omdb_error else None
        self.detail = events.redact(detail)
        super().__init__(self.user_message)


class MovieNotFound(OmdbError):
    default_message = "OMDb has no movie matching that search."


class IncorrectImdbId(MovieNotFound):
    default_message = 'That IMDb ID is not valid. IMDb IDs look like "tt0113277".'


class InvalidApiKey(OmdbError):
    default_message = "The OMDb API key is missing or invalid. Check the OMDB_API_KEY setting."


class RequestLimitReached(OmdbError):
    default_message = "The OMDb daily request limit is reached. Try again tomorrow."


class TooManyResults(OmdbError):
    default_message = "That search matches too many titles. Add more words or the year."


class OmdbUnavailable(OmdbError):
    default_message = "OMDb is not answering right now. Try again in a few minutes."


class OmdbRejected(OmdbError):
    """OMDb refused the request with an error text this client does not know."""

    def __init__(self, omdb_error: str, *, detail: str = "") -> None:
        super().__init__(
            f"OMDb could not answer: {omdb_error}", omdb_error=omdb_error, detail=detail
        )


def error_for(omdb_error: str, status: int = 200) -> OmdbError:
    """The typed error for an OMDb `{"Response":"False","Error":...}` answer."""
    if omdb_error in NOT_FOUND_ERRORS:
        return MovieNotFound(_not_found_message(omdb_error), omdb_error=omdb_error)
    if omdb_error == INCORRECT_IMDB_ID:
        return IncorrectImdbId(omdb_error=omdb_error)
    if omdb_error == TOO_MANY_RESULTS:
        return TooManyResults(omdb_error=omdb_error)
    if "limit reached" in omdb_error.lower():
        return RequestLimitReached(omdb_error=omdb_error)
    if omdb_error in INVALID_KEY_ERRORS or status == 401:
        return InvalidApiKey(omdb_error=omdb_error)
    return OmdbRejected(omdb_error, detail=f"HTTP {status}")


def _not_found_message(omdb_error: str) -> str:
    what = "series" if omdb_error.startswith("Series") else "movie"
    return f"OMDb has no {what} matching that search."
