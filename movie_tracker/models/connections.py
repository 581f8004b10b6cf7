"""Connections: the personal tokens a media server (Jellyfin, Plex, Emby) or a script (the
API) uses to log plays, and the plays they send.

A token's secret is shown once and stored only as its SHA-256 hash (`secret_hash`): the
secret is 256 random bits, so its hash cannot be reversed or guessed, and a slow password
hash would only slow every webhook down without making it safer.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from movie_tracker.models.errors import ValidationError, quote
from movie_tracker.models.library import Owner
from movie_tracker.models.rules import TEXT_MAX_LENGTH, _has_control_characters, one_line_name

JELLYFIN, PLEX, EMBY, API = "jellyfin", "plex", "emby", "api"
KIND_LABELS = {JELLYFIN: "Jellyfin", PLEX: "Plex", EMBY: "Emby", API: "API"}
MEDIA_SERVERS = (JELLYFIN, PLEX, EMBY)
# Where a watch came from, as the watch.logged event says: by hand, or a connection's kind.
BY_HAND = "hand"
TOKEN_NAME_MAX_LENGTH = 100
SERVER_USERS_MAX = 20
SECRET_BYTES = 32  # 256 random bits: secrets.token_urlsafe(32) is 43 URL-safe characters


@dataclass(frozen=True)
class Token:
    """A connection: who made it (`owner`), what for (`kind`), and whose plays count.

    `server_users` are media-server user names or ids whose plays are logged; empty means
    every user's. `timezone` (an IANA name, recorded when the token was made) says on which
    day a play happened. The secret itself is never kept.
    """

    id: int
    owner: Owner
    name: str
    kind: str
    server_users: tuple[str, ...] = ()
    timezone: str = "UTC"
    created_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def counts_user(self, *names: str | None) -> bool:
        """Whether a play by this media-server user (name or id, case ignored) counts."""
        if not self.server_users:
            return True
        wanted = {user.casefold() for user in self.server_users}
        return any(name and name.strip().casefold() in wanted for name in names)


@dataclass(frozen=True)
class Play:
    """A film played to the end (or rated) on a media server, as its webhook said it.

    `played_at` is when it ended (None: now); `rating` is the server's own 0–10 (Plex).
    """

    title: str
    year: int | None = None
    imdb_id: str | None = None
    user_name: str | None = None
    user_id: str | None = None
    played_at: datetime | None = None
    rating: float | None = None


@dataclass(frozen=True)
class PlayLogged:
    """What a play did: the watch logged (None for a duplicate), and whether the film was
    added to the library for it."""

    movie_id: int
    watched_on: date | None
    watch_id: int | None
    added: bool = False

    @property
    def duplicate(self) -> bool:
        return self.watch_id is None


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str) -> str:
    """What the database keeps of a secret: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def clean_token_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("name", "Give the connection a name, like “Living room Jellyfin”.")
    return one_line_name(value, "name", "the name", TOKEN_NAME_MAX_LENGTH)


def clean_kind(value: object) -> str:
    for kind, label in KIND_LABELS.items():
        if value in (kind, label):
            return kind
    choices = ", ".join(KIND_LABELS.values())
    raise ValidationError("kind", f"A connection is for one of {choices} (not {quote(value)}).")


def clean_server_users(value: object) -> tuple[str, ...]:
    """User names from a list, or from text separated by commas; blanks and repeats dropped."""
    if value is None:
        return ()
    items: Iterable[object] = value.split(",") if isinstance(value, str) else value  # type: ignore[assignment]
    if not isinstance(items, Iterable):
        raise ValidationError("server_users", "List the server users separated by commas.")
    users: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValidationError("server_users", "Each server user must be a name.")
        user = item.strip()
        if not user or user.casefold() in {u.casefold() for u in users}:
            continue
        if len(user) > TEXT_MAX_LENGTH or _has_control_characters(user):
            raise ValidationError("server_users", f"{quote(user)} is not a user name.")
        users.append(user)
    if len(users) > SERVER_USERS_MAX:
        raise ValidationError("server_users", f"Name {SERVER_USERS_MAX} server users or fewer.")
    return tuple(users)


def clean_timezone(value: object) -> str:
    """An IANA timezone name ("Europe/Paris"); blank is UTC."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "UTC"
    name = value.strip() if isinstance(value, str) else ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "timezone", f"{quote(value)} is not a timezone; use a name like Europe/Paris."
        ) from None
    return name
