"""The Library's address and session keys: what the URL holds and how a page reads it;
and the person's timezone, as the browser names it.

The URL is the source of truth for what the Library shows (filters, sort, view, page,
the open movie), so a Library can be bookmarked and the back button returns to it. The
widgets are seeded from it on every run and write to it when the person changes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timezone, tzinfo
from zoneinfo import ZoneInfo

from movie_tracker.service import MOVIE_SORTS, SORT_ADDED

# Query parameters.
MOVIE = "movie"
LIST = "list"  # the Lists page: ?list=<id> opens one list
STATUS = "status"
TEXT = "q"
GENRE = "genre"
DECADE = "decade"
RATED = "rated"
SORT = "sort"
VIEW = "view"
PAGE = "page"
RUNTIME = "runtime"  # no longer than this many minutes
FILTERS = (STATUS, TEXT, GENRE, DECADE, RATED, SORT, VIEW, PAGE, RUNTIME)

STATUSES = ("All", "Watched", "Want to Watch")
RATED_CHOICES = {"rated": True, "unrated": False}
RUNTIME_CHOICES = (90, 120, 150)  # "No longer than" offers these, in minutes
GRID, TABLE = "grid", "table"  # ?view=: a phone opens the grid, a wider screen the table

# Session keys.
FLASH_PAGE = "library"
PENDING_DELETE = "movie_pending_delete"
PENDING_ENTRY_DELETE = "entry_pending_delete"  # the diary entry whose delete awaits a yes
MOVIE_SHOWN = "movie_shown"  # (id, label) of the movie the view last drew
CLEAR_LOG_FORM = "movie_clear_log_form"


@dataclass(frozen=True)
class LibraryQuery:
    """What the Library shows, as read from its URL; anything unreadable is the default."""

    status: str = "All"
    text: str = ""
    genre: str | None = None
    decade: int | None = None
    rated: bool | None = None
    sort: str = SORT_ADDED
    grid: bool = False
    page: int = 1
    max_runtime: int | None = None


def library_query(params: Mapping[str, str], phone: bool = False) -> LibraryQuery:
    """What the URL asks the Library for; without a view in it, a phone gets the grid."""
    status = params.get(STATUS, "All")
    sort = params.get(SORT, SORT_ADDED)
    return LibraryQuery(
        status=status if status in STATUSES else "All",
        text=params.get(TEXT, "").strip(),
        genre=params.get(GENRE) or None,
        decade=_whole_number(params.get(DECADE)),
        rated=RATED_CHOICES.get(params.get(RATED, "")),
        sort=sort if sort in MOVIE_SORTS else SORT_ADDED,
        grid=params.get(VIEW) == GRID or (phone and params.get(VIEW) != TABLE),
        page=max(1, _whole_number(params.get(PAGE)) or 1),
        max_runtime=_runtime_choice(params.get(RUNTIME)),
    )


def _runtime_choice(raw: str | None) -> int | None:
    minutes = _whole_number(raw)
    return minutes if minutes in RUNTIME_CHOICES else None


def is_phone(headers: Mapping[str, str]) -> bool:
    """Whether the browser says it is a phone, in the headers of its first request:
    Chromium's client hint `Sec-CH-UA-Mobile: ?1`, or "Mobi" in its User-Agent (what
    every phone browser puts there and tablets leave out, as MDN advises to look for).
    Streamlit tells a page nothing of the window's width (st.context has no viewport)."""
    sent = {name.lower(): value for name, value in headers.items()}
    return sent.get("sec-ch-ua-mobile", "").strip() == "?1" or "Mobi" in sent.get("user-agent", "")


def movie_id(raw: str) -> int | None:
    """The id in ?movie=<id>; None when it is not a positive whole number."""
    number = _whole_number(raw)
    return number if number is not None and number > 0 else None


def _whole_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def zone_named(name: str | None) -> tzinfo:
    """The timezone the browser names (an IANA name such as "Australia/Sydney"); UTC when
    it names none, or one this machine's zone database does not know."""
    if not name:
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return timezone.utc
