"""Tonight: one film picked at random from what you want to watch, and why it fits.

TonightFilters    what the pick must satisfy: no longer than N minutes, a genre, a
                  decade, never watched; from Want to Watch or one of your lists
TonightPick       the film picked, the reasons it fits, and how many films fitted
NoPick            no film: why, and which filter to loosen (or that every film that
                  fits was shown already: start over)
FilmKey           a film as another library names it (a friend's share link): its
                  IMDb ID, title and year; `on_both` keeps the films found on both
runtime_length    a runtime as people say it ("1 h 52 min")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from movie_tracker.models.errors import ValidationError, quote
from movie_tracker.models.library import Movie, search_key

# The filters, as NoPick.loosen names the one to loosen.
RUNTIME, GENRE, DECADE, UNWATCHED, TOGETHER = "runtime", "genre", "decade", "unwatched", "together"
LONGEST_LIMIT = 24 * 60  # minutes: a day; a longer "no longer than" is a typing slip


class FilmKey(Protocol):
    """A film as another library names it: what matching by the duplicate rule needs."""

    @property
    def imdb_id(self) -> str | None: ...

    @property
    def title(self) -> str: ...

    @property
    def year(self) -> int | None: ...


@dataclass(frozen=True)
class TonightFilters:
    """What tonight's film must be. `list_id` None: from Want to Watch."""

    max_minutes: int | None = None
    genre: str | None = None
    decade: int | None = None
    unwatched: bool = False
    list_id: int | None = None

    @property
    def active(self) -> tuple[str, ...]:
        """The filters that are on, in the order the page shows them."""
        on = {
            RUNTIME: self.max_minutes is not None,
            GENRE: self.genre is not None,
            DECADE: self.decade is not None,
            UNWATCHED: self.unwatched,
        }
        return tuple(name for name, is_on in on.items() if is_on)

    def without(self, name: str) -> TonightFilters:
        """These filters with `name` off."""
        off = {
            RUNTIME: {"max_minutes": None},
            GENRE: {"genre": None},
            DECADE: {"decade": None},
            UNWATCHED: {"unwatched": False},
        }
        return replace(self, **off.get(name, {}))  # type: ignore[arg-type]


@dataclass(frozen=True)
class TonightPick:
    """The film picked, each reason it fits ("1 h 52 min — fits under 2 hours"), and how
    many films fitted (those already shown this visit included)."""

    movie: Movie
    why: tuple[str, ...]
    candidates: int

    @property
    def sentence(self) -> str:
        """The reasons as one sentence: "1 h 52 min — fits under 2 hours; Drama, as you
        asked; on your watchlist." """
        return "; ".join(self.why) + "." if self.why else ""


@dataclass(frozen=True)
class NoPick:
    """No film tonight, and `reason` says why in a sentence. `loosen` names the filter
    (RUNTIME, GENRE, DECADE, UNWATCHED or TOGETHER) whose loosening gives the most films,
    when one does; `start_over` is True when every film that fits was shown already."""

    reason: str
    loosen: str | None = None
    start_over: bool = False


def clean_tonight_filters(
    max_minutes: object = None,
    genre: object = None,
    decade: object = None,
    unwatched: object = False,
    list_id: object = None,
) -> TonightFilters:
    """The filters as the store takes them: a blank genre is no genre; a longest runtime
    is a whole number of minutes from 1 to a day; a decade is a year ending in 0."""
    if max_minutes is not None and not _whole(max_minutes, 1, LONGEST_LIMIT):
        raise ValidationError(
            "max_minutes",
            f"Choose how long the film may be in minutes, from 1 to {LONGEST_LIMIT} "
            f"({quote(max_minutes)} is not one).",
        )
    if decade is not None and not (_whole(decade, 0, 9990) and int(str(decade)) % 10 == 0):
        raise ValidationError(
            "decade", f"Choose a decade as its first year, like 1990 ({quote(decade)} is not one)."
        )
    if list_id is not None and not _whole(list_id, 1, 2**62):
        raise ValidationError("list", f"Choose one of your lists ({quote(list_id)} is not one).")
    wanted = " ".join(genre.split()) if isinstance(genre, str) else None
    if genre is not None and not isinstance(genre, str):
        raise ValidationError("genre", f"Choose a genre by its name ({quote(genre)} is not one).")
    return TonightFilters(
        max_minutes=None if max_minutes is None else int(str(max_minutes)),
        genre=wanted or None,
        decade=None if decade is None else int(str(decade)),
        unwatched=bool(unwatched),
        list_id=None if list_id is None else int(str(list_id)),
    )


def _whole(value: object, lowest: int, highest: int) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return False
    text = str(value).strip()
    return text.isascii() and text.isdigit() and lowest <= int(text) <= highest


def on_both(films: Sequence[Movie], keys: Iterable[FilmKey]) -> list[Movie]:
    """The films that are also among `keys`, by the duplicate rule (store.queries.same_film):
    the same IMDb ID; else the same title and year, case and accents ignored (search_key),
    unless both have an IMDb ID and they differ."""
    imdb_ids: set[str] = set()
    titled: dict[tuple[str, int | None], set[str | None]] = {}
    for key in keys:
        if key.imdb_id:
            imdb_ids.add(key.imdb_id)
        titled.setdefault((search_key(key.title).strip(), key.year), set()).add(key.imdb_id or None)
    kept = []
    for film in films:
        theirs = titled.get((search_key(film.title).strip(), film.year), set())
        if (film.imdb_id and film.imdb_id in imdb_ids) or (
            theirs and (not film.imdb_id or None in theirs)
        ):
            kept.append(film)
    return kept


def matched_genre(genre_list: str | None, wanted: str) -> str | None:
    """The film's own spelling of the genre asked for, or None: whole genres of OMDb's
    comma list ("Crime, Drama"), case and accents ignored."""
    key = search_key(wanted).strip()
    for name in (genre_list or "").split(","):
        if name.strip() and search_key(name).strip() == key:
            return name.strip()
    return None


def runtime_length(minutes: int | None) -> str | None:
    """A runtime as people say it: "1 h 52 min", "45 min", "2 h"; None when unknown."""
    if not minutes or minutes < 0:
        return None
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def time_limit(minutes: int) -> str:
    """A limit as people say it: "2 hours", "1 hour", "90 minutes"."""
    if minutes % 60:
        return f"{minutes} minutes"
    hours = minutes // 60
    return "1 hour" if hours == 1 else f"{hours} hours"
