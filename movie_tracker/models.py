"""The movie tracker's plain data: statuses, movies, watches, ratings, OMDb details, and
input validation.

Nothing here touches a database, the network or Streamlit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from urllib.parse import urlparse

TITLE_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 500
URL_MAX_LENGTH = 2000
FIRST_FILM_YEAR = 1870
YEARS_AHEAD = 10
IMDB_ID_PATTERN = re.compile(r"tt\d{7,10}")
MAX_SEARCH_PAGE = 100  # OMDb serves search pages 1 to 100, however many results there are
RATING_MIN, RATING_MAX = 0.5, 5.0  # stars, in half steps, everywhere in the app
RATING_CHOICES = tuple(step / 2 for step in range(1, 11))
REVIEW_MAX_LENGTH = 10_000
TAGS_MAX = 20
TAG_MAX_LENGTH = 50
FIRST_WATCH_DATE = date(FIRST_FILM_YEAR, 1, 1)


class ValidationError(ValueError):
    """Input the library refuses. `field` names the input; the message says what to change."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


class Status(str, Enum):
    WATCHED = "Watched"
    WANT_TO_WATCH = "Want to Watch"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: object) -> Status:
        """The status named exactly as the app shows it; anything else is refused."""
        if isinstance(value, cls):
            return value
        for status in cls:
            if value == status.value:
                return status
        choices = " or ".join(f'"{s.value}"' for s in cls)
        raise ValidationError("status", f"Status must be {choices}, not {_quote(value)}.")


@dataclass(frozen=True)
class Movie:
    """One movie in a person's library. `id` and `date_added` are set once it is stored."""

    title: str
    status: Status = Status.WANT_TO_WATCH
    year: int | None = None
    director: str | None = None
    genre: str | None = None
    imdb_id: str | None = None
    poster_url: str | None = None
    id: int | None = None
    date_added: datetime | None = None
    rating: float | None = None  # your current rating, in stars
    runtime_minutes: int | None = None
    plot: str | None = None
    actors: str | None = None
    imdb_rating: float | None = None  # OMDb's, out of 10
    language: str | None = None
    country: str | None = None
    last_watched: date | None = None  # as read: the newest dated watch, if any

    @property
    def label(self) -> str:
        return movie_label(self.title, self.year)

    @property
    def imdb_url(self) -> str | None:
        return f"https://www.imdb.com/title/{self.imdb_id}/" if self.imdb_id else None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Movie:
        """A movie from a dict with the seed's keys; unknown keys are refused, not dropped."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValidationError(unknown[0], f"Unknown movie field {unknown[0]!r}.")
        if "title" not in data:
            raise ValidationError("title", "Enter a movie title.")
        return cls(**data)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Rating:
    """A critic score OMDb lists ("Rotten Tomatoes", "91%"); not the person's own stars."""

    source: str
    value: str


@dataclass(frozen=True)
class Watch:
    """One diary entry: a viewing of a movie, on a date (or an unknown one).

    `rewatch` is derived, never typed: a watch is a rewatch when the movie has an earlier
    watch (an earlier date, or the same date logged earlier; an undated watch counts as
    the earliest). `movie` is filled in where a watch is listed across the library.
    """

    movie_id: int
    watched_on: date | None = None
    rating: float | None = None
    review: str = ""
    tags: tuple[str, ...] = ()
    rewatch: bool = False
    id: int | None = None
    logged_at: datetime | None = None
    movie: Movie | None = None


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


def movie_label(title: str, year: int | None) -> str:
    """How the app names a movie to a person: "Heat (1995)", or "Heat" without a year."""
    return f"{title} ({year})" if year else title


def search_key(text: str | None) -> str:
    """Text as the library searches it: case and accents ignored in every script.

    "AMÉLIE", "amelie" and "Amélie" share one key, and so do "École" and "ecole". The
    database stores each movie's key beside it, so SQLite, PostgreSQL and the in-memory
    fake compare exactly the same strings.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.casefold())


def validate_movie(movie: Movie, now: datetime | None = None) -> Movie:
    """The movie with its fields normalised, or a ValidationError naming what to change."""
    now = now or datetime.now(timezone.utc)
    return replace(
        movie,
        title=clean_title(movie.title),
        status=Status.parse(movie.status),
        year=clean_year(movie.year, now.year),
        director=clean_text(movie.director, "director"),
        genre=clean_text(movie.genre, "genre"),
        imdb_id=clean_imdb_id(movie.imdb_id),
        poster_url=clean_poster_url(movie.poster_url),
    )


def clean_title(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("title", "Enter a movie title.")
    title = value.strip()
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            "title",
            f"Shorten the title to {TITLE_MAX_LENGTH} characters or fewer (it has {len(title)}).",
        )
    if _has_control_characters(title):
        raise ValidationError(
            "title", "Remove the control characters (tabs, line breaks) from the title."
        )
    return title


def clean_text(value: object, field_name: str) -> str | None:
    """An optional free-text field such as director or genre; blank becomes None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field_name, f"The {field_name} must be text.")
    text = value.strip()
    if not text:
        return None
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            field_name,
            f"Shorten the {field_name} to {TEXT_MAX_LENGTH} characters or fewer.",
        )
    if _has_control_characters(text):
        raise ValidationError(field_name, f"Remove the control characters from the {field_name}.")
    return text


def clean_year(value: object, current_year: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    last = current_year + YEARS_AHEAD
    hint = f"Enter a year from {FIRST_FILM_YEAR} to {last}, or leave it empty"
    if isinstance(value, bool):
        raise ValidationError("year", f"{hint}.")
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise ValidationError("year", f"{hint} ({_quote(value)} is not a year).")
        value = int(value.strip())
    if not isinstance(value, int):
        raise ValidationError("year", f"{hint}.")
    if not FIRST_FILM_YEAR <= value <= last:
        raise ValidationError("year", f"{hint} ({value} is out of range).")
    return value


def clean_imdb_id(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not IMDB_ID_PATTERN.fullmatch(text):
        raise ValidationError(
            "imdb_id",
            f'An IMDb ID is "tt" followed by 7 to 10 digits, like tt0113277 '
            f"({_quote(value)} is not one); leave it empty if you do not know it.",
        )
    return text


def clean_poster_url(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    parsed = urlparse(text)
    if (
        parsed.scheme not in ("http", "https")
        or not parsed.netloc
        or len(text) > URL_MAX_LENGTH
        or _has_control_characters(text)
        or " " in text
    ):
        raise ValidationError(
            "poster_url",
            "The poster must be an http:// or https:// address, or left empty.",
        )
    return text


def clean_rating(value: object) -> float | None:
    """Stars from 0.5 to 5 in half steps ("3.5", 3.5, 4); None or blank is no rating."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    hint = "Rate from 0.5 to 5 stars in half steps, like 3.5, or leave the rating empty"
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValidationError("rating", f"{hint}.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError("rating", f"{hint} ({_quote(value)} is not a number).") from None
    if not number.is_finite() or not RATING_MIN <= number <= RATING_MAX or (number * 2) % 1:
        raise ValidationError("rating", f"{hint} ({_quote(value)} is not one of those).")
    return float(number)


def stars(rating: float | None) -> str:
    """A rating as stars: 3.5 is "★★★½"; no rating is ""."""
    if rating is None:
        return ""
    whole = int(rating)
    return "★" * whole + ("½" if rating - whole else "")


def clean_watched_on(value: object, today: date) -> date | None:
    """The date a movie was watched: a date (or "YYYY-MM-DD"), not in the future, not
    before films existed; None when it is not known."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                "watched_on", f"Enter the date as YYYY-MM-DD ({_quote(value)} is not a date)."
            ) from None
    if not isinstance(value, date):
        raise ValidationError("watched_on", "The date watched must be a date, or left empty.")
    if value > today:
        raise ValidationError(
            "watched_on", f"The date watched cannot be in the future (today is {today})."
        )
    if value < FIRST_WATCH_DATE:
        raise ValidationError(
            "watched_on", f"Enter a date from {FIRST_WATCH_DATE} on, or leave it empty."
        )
    return value


def clean_review(value: object) -> str:
    """A review keeps its line breaks and tabs; other control characters are refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("review", "The review must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > REVIEW_MAX_LENGTH:
        raise ValidationError(
            "review",
            f"Shorten the review to {REVIEW_MAX_LENGTH:,} characters or fewer "
            f"(it has {len(text):,}).",
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ValidationError(
            "review", "Remove the control characters from the review (line breaks are fine)."
        )
    return text


def clean_tags(value: object) -> tuple[str, ...]:
    """Tags from a list, or from text separated by commas; blanks and repeats dropped."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = value.split(",")
    elif isinstance(value, Iterable):
        items = value
    else:
        raise ValidationError("tags", "Tags must be text separated by commas.")
    tags: list[str] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise ValidationError("tags", "Each tag must be text.")
        tag = " ".join(item.split())
        if not tag or search_key(tag) in seen:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                "tags", f"Keep each tag to {TAG_MAX_LENGTH} characters ({_quote(tag)} is longer)."
            )
        if _has_control_characters(tag):
            raise ValidationError("tags", "Remove the control characters from the tags.")
        seen.add(search_key(tag))
        tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise ValidationError("tags", f"Use {TAGS_MAX} tags or fewer (there are {len(tags)}).")
    return tuple(tags)


def is_imdb_id(text: str) -> bool:
    return bool(IMDB_ID_PATTERN.fullmatch(text.strip()))


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f'"{text}"'


@dataclass(frozen=True)
class Owner:
    """Whose library: a person as their sign-in provider knows them, "issuer|subject"
    (never a display name or an e-mail), or LOCAL_OWNER when the app runs without sign-in.
    """

    key: str

    @classmethod
    def signed_in(cls, issuer: str, subject: str) -> Owner:
        if not issuer or not subject:
            raise ValueError("An owner needs the provider's issuer and the person's subject.")
        return cls(f"{issuer}|{subject}")

    @property
    def hashed(self) -> str:
        """What logs and events carry instead of the key: 12 hex digits of its SHA-256."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:12]

    @property
    def is_local(self) -> bool:
        return self == LOCAL_OWNER


LOCAL_OWNER = Owner("local")


@dataclass(frozen=True)
class LibraryEvent:
    """One change to the library, as the Activity page shows it."""

    id: int
    name: str
    ts: datetime
    movie_id: int | None = None
    title: str | None = None
    year: int | None = None
    status: Status | None = None
    previous_status: Status | None = None
    rating: float | None = None  # movie.rated and watch.*: the stars given
    watched_on: date | None = None  # watch.*: the date watched, when known
    source: str | None = None  # import.completed: "letterboxd", "imdb", "trakt", "backup"
    counts: tuple[tuple[str, int], ...] = ()  # import.completed: ("movies_added", 12), ...

    @property
    def movie_label(self) -> str:
        return movie_label(self.title, self.year) if self.title else "a movie"
