"""Each media server's webhook payload, read into what it means for the library.

- Jellyfin (the official webhook plugin, "Send All Properties"): a flat JSON object, often
  sent as text/plain, so the body is read as JSON whatever its content type. A play:
  `NotificationType: "PlaybackStop"` with `PlayedToCompletion: true`, or `UserDataSaved`
  with `Played: true` (marked watched by hand). The film: `ItemType: "Movie"`, `Name`,
  `Year`, `Provider_imdb`. The user: `NotificationUsername`, `UserId`.
- Plex (Plex Pass): multipart/form-data, the JSON in the field `payload`. A play:
  `event: "media.scrobble"` (sent past 90% of the film); a rating: `event: "media.rate"`
  with `rating` 0–10. The film: `Metadata.type: "movie"`, `title`, `year`, `Guid` ids
  (`imdb://tt…`), `lastViewedAt` (unix seconds). The user: `Account.title`, `Account.id`.
- Emby (Premiere): the form field `data` holding JSON, or a JSON body (4.9 and later). A
  play: `Event: "playback.stop"` with `PlaybackInfo.PlayedToCompletion: true` (never
  `Session.PlayState`, which auto-play has moved on to the next item). The film:
  `Item.Type: "Movie"`, `Item.Name`, `Item.ProductionYear`, `Item.ProviderIds.Imdb`.
  The user: `User.Name`, `User.Id`.

A Plex rating of 0–10 becomes stars by halving it, rounded half up to a half star
(7 -> 3.5, 7.5 -> 4, 0.7 -> 0.5); 0 (or none, or a negative number) clears the rating.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from movie_tracker.models import EMBY, JELLYFIN, PLEX, Play
from movie_tracker.web.bodies import Refused

PLAY, RATE, IGNORE = "play", "rate", "ignore"
# What a server calls the things it plays that are not films.
NOT_FILMS = {
    "episode": "an episode",
    "series": "a series",
    "season": "a season",
    "show": "a show",
    "audio": "a track",
    "track": "a track",
    "musicvideo": "a music video",
    "trailer": "a trailer",
    "clip": "a clip (a trailer or an extra)",
}


@dataclass(frozen=True)
class Reading:
    """What a payload asks: PLAY (log a watch), RATE (set the rating), or IGNORE (and why)."""

    action: str
    play: Play | None = None
    reason: str = ""


def ignored(reason: str) -> Reading:
    return Reading(IGNORE, reason=reason)


def jellyfin(payload: dict[str, Any]) -> Reading:
    notification = payload.get("NotificationType")
    if not isinstance(notification, str):
        raise _not_format(JELLYFIN, "it has no NotificationType")
    if notification == "PlaybackStop":
        if payload.get("PlayedToCompletion") is not True:
            return ignored("A partial play: Jellyfin says it was not played to the end.")
    elif notification == "UserDataSaved":
        if payload.get("Played") is not True:
            return ignored("Jellyfin saved user data, but not that it was played.")
        if payload.get("SaveReason") not in (None, "TogglePlayed"):
            return ignored("Jellyfin saved user data other than marking it played.")
    else:
        return ignored(f"A Jellyfin {notification} notification, not a finished play.")
    if (not_film := _not_a_film(payload.get("ItemType"))) is not None:
        return not_film
    play = Play(
        title=_title(payload.get("Name"), JELLYFIN, "Name"),
        year=_year(payload.get("Year"), JELLYFIN),
        imdb_id=_text(payload.get("Provider_imdb")),
        user_name=_text(payload.get("NotificationUsername")),
        user_id=_text(payload.get("UserId")),
        played_at=_iso_time(payload.get("UtcTimestamp")),
    )
    return Reading(PLAY, play)


def plex(payload: dict[str, Any]) -> Reading:
    event = payload.get("event")
    if not isinstance(event, str):
        raise _not_format(PLEX, "its payload has no event")
    if event not in ("media.scrobble", "media.rate"):
        return ignored(f"A Plex {event} event, not a finished play or a rating.")
    metadata = payload.get("Metadata")
    if not isinstance(metadata, dict):
        raise _not_format(PLEX, "its payload has no Metadata")
    if (not_film := _not_a_film(metadata.get("type"))) is not None:
        return not_film
    account = _object(payload.get("Account"))
    play = Play(
        title=_title(metadata.get("title"), PLEX, "Metadata.title"),
        year=_year(metadata.get("year"), PLEX),
        imdb_id=_plex_imdb_id(metadata.get("Guid")),
        user_name=_text(account.get("title")),
        user_id=_text(account.get("id")),
        played_at=_unix_time(metadata.get("lastViewedAt")),
    )
    if event == "media.rate":
        given = payload.get("rating", metadata.get("userRating"))
        return Reading(RATE, replace(play, rating=plex_stars(given)))
    return Reading(PLAY, play)


def emby(payload: dict[str, Any]) -> Reading:
    event = payload.get("Event")
    if not isinstance(event, str):
        raise _not_format(EMBY, "it has no Event")
    if event != "playback.stop":
        return ignored(f"An Emby {event} event, not a finished play.")
    item = payload.get("Item")
    if not isinstance(item, dict):
        raise _not_format(EMBY, "it has no Item")
    info = _object(payload.get("PlaybackInfo"))
    if info.get("PlayedToCompletion") is not True:
        return ignored("A partial play: Emby says it was not played to the end.")
    if (not_film := _not_a_film(item.get("Type"))) is not None:
        return not_film
    ids = _object(item.get("ProviderIds"))
    user = _object(payload.get("User"))
    play = Play(
        title=_title(item.get("Name"), EMBY, "Item.Name"),
        year=_year(item.get("ProductionYear"), EMBY),
        imdb_id=_text(ids.get("Imdb") or ids.get("IMDB")),
        user_name=_text(user.get("Name")),
        user_id=_text(user.get("Id")),
        played_at=_iso_time(payload.get("Date")),
    )
    return Reading(PLAY, play)


def plex_stars(rating: object) -> float | None:
    """Plex's 0–10 as stars in half steps (rounded half up); 0, none or below clears."""
    if rating is None or isinstance(rating, bool):
        return None
    try:
        ten = Decimal(str(rating).strip())
    except InvalidOperation:
        raise _not_format(PLEX, f"its rating {rating!r} is not a number") from None
    if not ten.is_finite() or ten > 10:
        raise _not_format(PLEX, f"its rating {rating!r} is not from 0 to 10")
    halves = ten.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(halves) / 2 if halves > 0 else None


def _not_a_film(item_type: object) -> Reading | None:
    kind = str(item_type or "").strip().lower()
    if kind == "movie":
        return None
    what = NOT_FILMS.get(kind, f"a {kind}" if kind else "an item of no stated type")
    return ignored(f"Not a film: it is {what}.")


def _not_format(kind: str, why: str) -> Refused:
    names = {JELLYFIN: "Jellyfin's webhook", PLEX: "Plex's webhook", EMBY: "Emby's webhook"}
    return Refused(400, f"The body is not from {names[kind]}: {why}. Nothing was written.")


def _title(value: object, kind: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _not_format(kind, f"the film has no {field}")
    return value.strip()


def _year(value: object, kind: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise _not_format(kind, f"the film's year {value!r} is not a year")


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _plex_imdb_id(guids: object) -> str | None:
    """The IMDb ID among Plex's `Guid` ids: [{"id": "imdb://tt0113277"}, ...]."""
    for guid in guids if isinstance(guids, list) else []:
        value = guid.get("id") if isinstance(guid, dict) else None
        if isinstance(value, str) and value.startswith("imdb://"):
            return value.removeprefix("imdb://").strip() or None
    return None


def _unix_time(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def _iso_time(value: object) -> datetime | None:
    """An ISO 8601 time ("2026-03-03T21:40:00.0000000Z"); None when there is none that
    reads (the play is then dated now)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    if "." in text:  # .NET writes seven digits of fractions; Python reads up to six
        whole, _, rest = text.partition(".")
        digits = "".join(ch for ch in rest if ch.isdigit())
        text = f"{whole}.{digits[:6]}{rest[len(digits) :]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
