"""The routes: every one guarded, so what the service refuses becomes a JSON error with
the UI's message (400 for input it refuses, 404 for what is not there, 503 when the library
cannot be read or saved)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from movie_tracker.models import MEDIA_SERVERS, ValidationError
from movie_tracker.service import (
    FilmNotInLibraryError,
    StorageError,
    UnknownMovieError,
    UnknownWatchError,
)
from movie_tracker.web import api, hooks, shares
from movie_tracker.web.bodies import Refused, error
from movie_tracker.web.gate import Gate

if TYPE_CHECKING:
    from movie_tracker.service import MovieService

Handler = Callable[[Gate, Request], Awaitable[Response]]


def routes(open_service: Callable[[], MovieService], gate: Gate | None = None) -> list[BaseRoute]:
    """Every route the app serves beside its pages (see README, "Connections")."""
    gate = gate or Gate(open_service)
    webhooks = [
        Route(f"/hooks/{kind}/{{token}}", _guarded(gate, hooks.receiver(kind)), methods=["POST"])
        for kind in MEDIA_SERVERS
    ]
    return [
        *webhooks,
        Route("/api/v1/movies", _guarded(gate, api.movies), methods=["GET"]),
        Route("/api/v1/diary", _guarded(gate, api.diary), methods=["GET"]),
        Route("/api/v1/watches", _guarded(gate, api.log_watch), methods=["POST"]),
        Route("/api/v1/openapi.json", _guarded(gate, api.openapi), methods=["GET"]),
        # a share link, as a page or (ending in .json) as JSON: the one thing a signed-out
        # visitor reaches when sign-in is on
        Route("/share/{secret}", _guarded(gate, shares.shared), methods=["GET"]),
    ]


def _guarded(gate: Gate, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(gate, request)
        except Refused as refused:
            return error(refused.status, refused.message, refused.headers)
        except ValidationError as invalid:
            return error(400, f"{invalid.message} Nothing was written.")
        except (UnknownMovieError, UnknownWatchError, FilmNotInLibraryError) as missing:
            return error(404, str(missing))
        except StorageError as failed:
            return error(503, str(failed))

    endpoint.__name__ = getattr(handler, "__name__", "endpoint")
    return endpoint
