"""/api/v1: the personal API, with `Authorization: Bearer <token>` (an API connection).

    GET  /api/v1/movies?status=&page=     the library, newest added first, 50 a page
    GET  /api/v1/diary?since=&page=       the diary, newest first, 50 a page
    POST /api/v1/watches                  log a watch: {imdb_id | title + year,
                                          watched_on (a day, a month "2015-03" or a
                                          year "2015"), rating, review} -> 201 and the watch
    GET  /api/v1/openapi.json             this API as an OpenAPI 3.1 document

Errors are {"error": "..."} with the app's own messages; 429 past 60 requests a minute
with one token (counted per app server).
"""

from __future__ import annotations

from datetime import date, datetime
from math import ceil
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from movie_tracker.models import API, Movie, Status, Token, Watch
from movie_tracker.web.bodies import Refused, answer, json_object, read_body
from movie_tracker.web.hooks import UNKNOWN_TOKEN
from movie_tracker.web.openapi import document

if TYPE_CHECKING:
    from movie_tracker.service import MovieService
    from movie_tracker.web.gate import Gate

PAGE_SIZE = 50
WATCH_FIELDS = ("imdb_id", "title", "year", "watched_on", "rating", "review")
STATUS_NAMES = {"watched": Status.WATCHED, "want-to-watch": Status.WANT_TO_WATCH}
NO_TOKEN = "Send an API token as `Authorization: Bearer <token>`; make one on the Connections page."


async def movies(gate: Gate, request: Request) -> Response:
    service, _ = await authorised(gate, request)
    status = _status(request.query_params.get("status", ""))
    page = _page(request.query_params.get("page"))
    total = await gate.run(service.count_movies, status)
    found = await gate.run(service.list_movies, status, "", PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return answer({"movies": [movie_json(m) for m in found], **_paging(page, total)})


async def diary(gate: Gate, request: Request) -> Response:
    service, _ = await authorised(gate, request)
    since = _since(request.query_params.get("since", ""))
    page = _page(request.query_params.get("page"))
    total = await gate.run(service.count_diary, since=since)
    found = await gate.run(service.diary, None, PAGE_SIZE, (page - 1) * PAGE_SIZE, since=since)
    return answer({"watches": [watch_json(w) for w in found], **_paging(page, total)})


async def log_watch(gate: Gate, request: Request) -> Response:
    service, token = await authorised(gate, request)
    sent = json_object(await read_body(request), "a watch as JSON")
    unknown = sorted(set(sent) - set(WATCH_FIELDS))
    if unknown:
        raise Refused(400, f"Unknown field {unknown[0]!r}: a watch has {', '.join(WATCH_FIELDS)}.")
    watch = await gate.run(service.log_api_watch, token, **sent)
    return answer(watch_json(watch), 201)


async def openapi(gate: Gate, request: Request) -> Response:
    return answer(document())


async def authorised(gate: Gate, request: Request) -> tuple[MovieService, Token]:
    """The service for the token's owner, or Refused(401 or 429)."""
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Refused(401, NO_TOKEN, {"WWW-Authenticate": "Bearer"})
    token = await gate.run(gate.service().token_for_secret, secret.strip())
    if token is None:
        raise Refused(401, UNKNOWN_TOKEN, {"WWW-Authenticate": "Bearer"})
    if token.kind != API:
        raise Refused(
            401,
            f"This token is for {token.label} webhooks, not the API. Make an API connection "
            "on the Connections page.",
            {"WWW-Authenticate": "Bearer"},
        )
    gate.rate_limit.check(token.id)
    return gate.service().for_owner(token.owner), token


def movie_json(movie: Movie) -> dict[str, Any]:
    return {
        "id": movie.id,
        "title": movie.title,
        "year": movie.year,
        "status": movie.status.value,
        "imdb_id": movie.imdb_id,
        "director": movie.director,
        "genre": movie.genre,
        "rating": movie.rating,
        "runtime_minutes": movie.runtime_minutes,
        "poster_url": movie.poster_url,
        "date_added": _iso(movie.date_added),
        "last_watched": _iso(movie.last_watched),
        "last_watched_precision": movie.last_watched_precision.value,
    }


def watch_json(watch: Watch) -> dict[str, Any]:
    return {
        "id": watch.id,
        "movie_id": watch.movie_id,
        "watched_on": _iso(watch.watched_on),
        "precision": watch.precision.value,
        "rating": watch.rating,
        "review": watch.review,
        "tags": list(watch.tags),
        "rewatch": watch.rewatch,
        "logged_at": _iso(watch.logged_at),
        "movie": movie_json(watch.movie) if watch.movie else None,
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _status(value: str) -> Status | None:
    if not value.strip():
        return None
    wanted = STATUS_NAMES.get(value.strip().lower())
    return wanted or Status.parse(value.strip())


def _page(value: str | None) -> int:
    if value is None or value == "":
        return 1
    if not value.isdigit() or int(value) < 1:
        raise Refused(400, f"page must be a whole number from 1 (not {value[:20]!r}).")
    return int(value)


def _since(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(400, f"since must be a date as YYYY-MM-DD (not {value[:20]!r}).") from None


def _paging(page: int, total: int) -> dict[str, int]:
    return {"page": page, "pages": max(1, ceil(total / PAGE_SIZE)), "total": total}
