"""What the service refuses, each with a message for the person: a movie, a watch or a
connection, a list or a film in a list, a share link that is not there (any more), and a
lookup while lookups are off."""

from __future__ import annotations

ENABLE_LOOKUPS_HINT = (
    "OMDb lookups are off. Get a free key at https://www.omdbapi.com/apikey.aspx and set "
    "OMDB_API_KEY (in the environment or .streamlit/secrets.toml) to turn them on."
)


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


class UnknownTokenError(LookupError):
    def __init__(self, token_id: object) -> None:
        super().__init__(
            f"No connection with id {token_id} is working in your library; it may have just "
            "been revoked. Reload the page to see your connections as they are now."
        )
        self.token_id = token_id


class UnknownListError(LookupError):
    def __init__(self, list_id: object) -> None:
        super().__init__(
            f"List {list_id} was not found in your library; it may have just been deleted. "
            "Open Lists to see your lists as they are now."
        )
        self.list_id = list_id


class NotInListError(LookupError):
    def __init__(self, label: str, list_name: str) -> None:
        super().__init__(
            f"{label} was not found in “{list_name}”; it may have just been taken out. "
            "Reload the page to see the list as it is now."
        )
        self.label = label
        self.list_name = list_name


class UnknownShareError(LookupError):
    def __init__(self, share_id: object) -> None:
        super().__init__(
            f"No share link with id {share_id} is working in your library; it may have just "
            "been revoked. Reload the page to see your links as they are now."
        )
        self.share_id = share_id


SHARE_GONE = "This link no longer works"


class ShareNotFoundError(LookupError):
    """A share link that is unknown, revoked, or whose list was deleted: all alike."""

    def __init__(self) -> None:
        super().__init__(SHARE_GONE)


class FilmNotInLibraryError(LookupError):
    def __init__(self, imdb_id: str) -> None:
        super().__init__(
            f"No movie with IMDb ID {imdb_id} is in your library. Send its title and year "
            "too, and it is added."
        )
        self.imdb_id = imdb_id


class LookupsDisabledError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(ENABLE_LOOKUPS_HINT)
