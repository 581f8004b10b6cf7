"""The rules of the library's input: what a title, a year, an IMDb ID, a poster address, a
rating, a date watched, a review and tags may be, each cleaned or refused with a
ValidationError that says what to change."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from urllib.parse import urlparse

from movie_tracker.models.errors import ValidationError, quote
from movie_tracker.models.library import Movie, Status, search_key

TITLE_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 500
URL_MAX_LENGTH = 2000
FIRST_FILM_YEAR = 1870
YEARS_AHEAD = 10
IMDB_ID_PATTERN = re.compile(r"tt\d{7,10}")
_IMDB_TITLE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?imdb\.com/(?:[a-z]{2}(?:-[a-z]{2})?/)?title/"
    r"(?P<imdb_id>(?-i:tt\d{7,10}))(?:[/?#].*)?",
    re.IGNORECASE,
)
RATING_MIN, RATING_MAX = 0.5, 5.0  # stars, in half steps, everywhere in the app
RATING_CHOICES = tuple(step / 2 for step in range(1, 11))
REVIEW_MAX_LENGTH = 10_000
TAGS_MAX = 20
TAG_MAX_LENGTH = 50


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
            raise ValidationError("year", f"{hint} ({quote(value)} is not a year).")
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
            f"({quote(value)} is not one); leave it empty if you do not know it.",
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
        raise ValidationError("rating", f"{hint} ({quote(value)} is not a number).") from None
    if not number.is_finite() or not RATING_MIN <= number <= RATING_MAX or (number * 2) % 1:
        raise ValidationError("rating", f"{hint} ({quote(value)} is not one of those).")
    return float(number)


def stars(rating: float | None) -> str:
    """A rating as stars: 3.5 is "★★★½"; no rating is ""."""
    if rating is None:
        return ""
    whole = int(rating)
    return "★" * whole + ("½" if rating - whole else "")


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
                "tags", f"Keep each tag to {TAG_MAX_LENGTH} characters ({quote(tag)} is longer)."
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


def imdb_id_in(text: str) -> str | None:
    """The IMDb ID `text` is, or the one an IMDb link to a title names
    ("https://www.imdb.com/title/tt0113277/", the phone site's, a language's); else None."""
    text = text.strip()
    if is_imdb_id(text):
        return text
    found = _IMDB_TITLE_LINK.fullmatch(text)
    return found.group("imdb_id") if found else None


def one_line_name(value: str, field: str, what: str, longest: int) -> str:
    """A name kept on one line: runs of spaces made one, at most `longest` characters, no
    control characters; `what` names it in the messages ("the list's name")."""
    name = " ".join(value.split())
    if len(name) > longest:
        raise ValidationError(
            field, f"Shorten {what} to {longest} characters or fewer (it has {len(name)})."
        )
    if _has_control_characters(name):
        raise ValidationError(field, f"Remove the control characters from {what}.")
    return name


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)
