"""Route tests: the real routes (movie_tracker.web) through Starlette's TestClient, over the
real service on a real library (`database_url`: a SQLite file, or PostgreSQL in the
`postgres` stage). Payloads are written here from each server's documented fields (see
movie_tracker/web/payloads.py); no test reaches a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from movie_tracker import web
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from movie_tracker.web.bodies import SHARE_OPENS_PER_MINUTE, RateLimit

# 2026-03-03 21:40 UTC, as each server writes it.
PLAYED_ISO = "2026-03-03T21:40:00.0000000Z"
PLAYED_UNIX = 1772574000


@pytest.fixture
def library(database_url: str) -> Iterator[MovieRepository]:
    repository = MovieRepository(database_url)
    yield repository
    repository.dispose()


@pytest.fixture
def service(library: MovieRepository) -> MovieService:
    return MovieService(library)


class Clock:
    """The rate limit's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(service: MovieService, clock: Clock) -> Iterator[TestClient]:
    shares = RateLimit(SHARE_OPENS_PER_MINUTE, clock=clock, per="from this address")
    gate = web.Gate(lambda: service, RateLimit(clock=clock), shares)
    app = Starlette(routes=web.routes(lambda: service, gate=gate))
    with TestClient(app) as test_client:
        yield test_client


def jellyfin(**changes: Any) -> dict[str, Any]:
    """The Webhook plugin's "Send All Properties" body for a film played to the end."""
    payload = {
        "ServerId": "c0ffee",
        "ServerName": "living-room",
        "NotificationType": "PlaybackStop",
        "Timestamp": "2026-03-03T22:40:00.0000000+01:00",
        "UtcTimestamp": PLAYED_ISO,
        "Name": "Heat",
        "ItemId": "8f1e",
        "ItemType": "Movie",
        "Year": 1995,
        "Provider_imdb": "tt0113277",
        "Provider_tmdb": "949",
        "PlayedToCompletion": True,
        "NotificationUsername": "anna",
        "UserId": "5a7b",
        "DeviceName": "Firefox",
        "ClientName": "Jellyfin Web",
    }
    payload.update(changes)
    return payload


def plex(event: str = "media.scrobble", **metadata: Any) -> dict[str, Any]:
    """Plex's webhook payload (the JSON in the multipart field `payload`)."""
    return {
        "event": event,
        "user": True,
        "owner": True,
        "Account": {"id": 1, "thumb": "https://plex.tv/users/x/avatar", "title": "anna"},
        "Server": {"title": "living-room", "uuid": "54664a3d"},
        "Player": {"local": True, "publicAddress": "192.0.2.7", "title": "Plex Web"},
        "Metadata": {
            "librarySectionType": "movie",
            "ratingKey": "1936",
            "type": "movie",
            "title": "Heat",
            "year": 1995,
            "Guid": [{"id": "imdb://tt0113277"}, {"id": "tmdb://949"}],
            "lastViewedAt": PLAYED_UNIX,
            **metadata,
        },
    }


def emby(**changes: Any) -> dict[str, Any]:
    """Emby's webhook body (the JSON of the form field `data`, or the body on 4.9+)."""
    payload = {
        "Title": "anna has finished playing Heat on Firefox",
        "Date": PLAYED_ISO,
        "Event": "playback.stop",
        "Severity": "Info",
        "User": {"Name": "anna", "Id": "e2c3"},
        "Item": {
            "Name": "Heat",
            "ProductionYear": 1995,
            "Type": "Movie",
            "ProviderIds": {"Imdb": "tt0113277", "Tmdb": "949"},
            "RunTimeTicks": 101700000000,
        },
        "PlaybackInfo": {"PlayedToCompletion": True, "PositionTicks": 101000000000},
        # Auto-play has already moved the session on to the next item: never trusted.
        "Session": {"PlayState": {"PositionTicks": 0}},
    }
    payload.update(changes)
    return payload


def post_jellyfin(client: TestClient, secret: str, payload: Any) -> Any:
    """As the plugin sends it: JSON with a text/plain content type."""
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(
        f"/hooks/jellyfin/{secret}", content=body, headers={"Content-Type": "text/plain"}
    )


def post_plex(client: TestClient, secret: str, payload: Any, thumb: bool = True) -> Any:
    """As Plex sends it: multipart/form-data, the JSON in `payload` (and a thumbnail)."""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    files: dict[str, Any] = {"payload": (None, body)}
    if thumb:
        files["thumb"] = ("thumb.jpg", b"\xff\xd8\xff" + b"0" * 2000, "image/jpeg")
    return client.post(f"/hooks/plex/{secret}", files=files)


def post_emby(client: TestClient, secret: str, payload: Any, as_json: bool = False) -> Any:
    """As Emby sends it: the form field `data`, or (4.9+) a JSON body."""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    if as_json:
        return client.post(
            f"/hooks/emby/{secret}", content=body, headers={"Content-Type": "application/json"}
        )
    return client.post(f"/hooks/emby/{secret}", data={"data": body})
