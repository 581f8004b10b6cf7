"""Share links: a read-only link to a person's watchlist, one of their lists, or their
diary, for anyone who has it, and what that person sees through it.

A link's secret is 256 random bits (models.connections.new_secret), shown once, in the link
the maker copies; the database keeps only its SHA-256 (secret_hash), as a connection's.
What the link shows is a SharedView: the films, in the list's (or the watchlist's) order
or the diary's (newest first), under the name the maker chose, never their e-mail; ratings
and notes only when the maker chose to show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from movie_tracker.models.dates import DatePrecision
from movie_tracker.models.errors import ValidationError, quote
from movie_tracker.models.library import Owner
from movie_tracker.models.rules import one_line_name

WATCHLIST, LIST, DIARY = "watchlist", "list", "diary"
SHARE_KINDS = {WATCHLIST: "Watchlist", LIST: "List", DIARY: "Diary"}
SHARE_PATH = "/share/"
DISPLAY_NAME_MAX_LENGTH = 60
DEFAULT_DISPLAY_NAME = "A Movie Tracker user"
# What a share's secret is made of (secrets.token_urlsafe), and at most how long one is.
_SECRET = re.compile(r"[A-Za-z0-9_-]{16,200}")


@dataclass(frozen=True)
class Share:
    """A share link the person made: what it shows (`kind`, and `list_id` for a list),
    under which name, and whether ratings and notes show.

    `secret` is set only on the Share that `share()` returns, the one time it exists
    outside the link; `url` is then the link itself: `base_url` + /share/<secret>.
    """

    id: int
    owner: Owner
    kind: str
    list_id: int | None = None
    list_name: str | None = None  # the list's name now (a list's share)
    display_name: str = ""
    show_ratings: bool = False
    show_notes: bool = False
    created_at: datetime | None = None
    revoked_at: datetime | None = None
    secret: str | None = field(default=None, repr=False)
    base_url: str = ""

    @property
    def shown_as(self) -> str:
        """The name the link says it is shared by."""
        return self.display_name or DEFAULT_DISPLAY_NAME

    @property
    def path(self) -> str | None:
        return f"{SHARE_PATH}{self.secret}" if self.secret else None

    @property
    def url(self) -> str | None:
        """The link to hand out (None once the secret is gone: on every Share but the one
        `share()` returned)."""
        if self.path is None:
            return None
        return f"{self.base_url.rstrip('/')}{self.path}"

    @property
    def label(self) -> str:
        """What it shares, in words: "Your watchlist", "Your diary", "The list “Noir”"."""
        if self.kind == LIST:
            return f"The list “{self.list_name or 'a list'}”"
        return "Your watchlist" if self.kind == WATCHLIST else "Your diary"


@dataclass(frozen=True)
class SharedFilm:
    """A film as a share link shows it: `rating` and `note` are None unless the maker
    chose to show them (the note is a list's note, or a diary entry's review); a diary's
    film has the date it was watched (to its precision)."""

    title: str
    year: int | None = None
    imdb_id: str | None = None
    poster: str | None = None
    rating: float | None = None
    note: str | None = None
    watched_on: date | None = None
    precision: DatePrecision = DatePrecision.DAY


@dataclass(frozen=True)
class SharedView:
    """What anyone with the link sees: a title, who shared it, and the films in order;
    `total` is how many there are when `films` holds only the first of them (a long
    diary's most recent watches)."""

    kind: str
    title: str
    display_name: str
    films: list[SharedFilm] = field(default_factory=list)
    total: int | None = None

    @property
    def cut_short(self) -> bool:
        return self.total is not None and self.total > len(self.films)


def clean_share_kind(value: object) -> str:
    for kind, label in SHARE_KINDS.items():
        if value in (kind, label):
            return kind
    raise ValidationError(
        "kind", f"Share your watchlist, a list or your diary (not {quote(value)})."
    )


def clean_display_name(value: object) -> str:
    """The name a share link says it is shared by; blank is "" (DEFAULT_DISPLAY_NAME)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("display_name", "The name to show must be text.")
    return one_line_name(value, "display_name", "the name to show", DISPLAY_NAME_MAX_LENGTH)


def share_secret_in(link: object) -> str | None:
    """The secret of a share link: a whole link (http://host/share/<secret>, or its .json),
    a path (/share/<secret>), or the bare secret; None when it holds none."""
    if not isinstance(link, str):
        return None
    text = link.strip()
    if SHARE_PATH in text:
        try:
            path = urlsplit(text).path if "://" in text else text.split("?")[0].split("#")[0]
        except ValueError:
            return None
        text = path.rpartition(SHARE_PATH)[2].strip("/")
    text = text.removesuffix(".json")
    return text if _SECRET.fullmatch(text) else None
