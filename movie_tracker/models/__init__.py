"""The movie tracker's plain data: statuses, movies, watches, ratings, OMDb details, and
input validation. Nothing here touches a database, the network or Streamlit.

    library   Status, Movie, Watch, Owner, LibraryEvent, EventRecord; how a movie is named
              and searched
    details   what OMDb says: MovieDetails, Rating, SearchResult, SearchPage
    rules     the input rules: clean_* and validate_movie, ratings in half stars
    errors    ValidationError
"""

from movie_tracker.models.details import (
    MAX_SEARCH_PAGE,
    MovieDetails,
    Rating,
    SearchPage,
    SearchResult,
)
from movie_tracker.models.errors import ValidationError
from movie_tracker.models.library import (
    LOCAL_OWNER,
    EventRecord,
    LibraryEvent,
    Movie,
    Owner,
    Status,
    Watch,
    movie_label,
    search_key,
)
from movie_tracker.models.rules import (
    FIRST_FILM_YEAR,
    FIRST_WATCH_DATE,
    IMDB_ID_PATTERN,
    RATING_CHOICES,
    RATING_MAX,
    RATING_MIN,
    REVIEW_MAX_LENGTH,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    YEARS_AHEAD,
    clean_imdb_id,
    clean_poster_url,
    clean_rating,
    clean_review,
    clean_tags,
    clean_text,
    clean_title,
    clean_watched_on,
    clean_year,
    is_imdb_id,
    stars,
    validate_movie,
)

__all__ = [
    "FIRST_FILM_YEAR",
    "FIRST_WATCH_DATE",
    "IMDB_ID_PATTERN",
    "LOCAL_OWNER",
    "MAX_SEARCH_PAGE",
    "RATING_CHOICES",
    "RATING_MAX",
    "RATING_MIN",
    "REVIEW_MAX_LENGTH",
    "TAGS_MAX",
    "TAG_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "URL_MAX_LENGTH",
    "YEARS_AHEAD",
    "EventRecord",
    "LibraryEvent",
    "Movie",
    "MovieDetails",
    "Owner",
    "Rating",
    "SearchPage",
    "SearchResult",
    "Status",
    "ValidationError",
    "Watch",
    "clean_imdb_id",
    "clean_poster_url",
    "clean_rating",
    "clean_review",
    "clean_tags",
    "clean_text",
    "clean_title",
    "clean_watched_on",
    "clean_year",
    "is_imdb_id",
    "movie_label",
    "search_key",
    "stars",
    "validate_movie",
]
