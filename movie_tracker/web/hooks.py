"""POST /hooks/jellyfin|plex|emby/{token}: a media server says a film was played (or rated).

Answers, all JSON: 200 with what was done ("logged", "duplicate", "rated") or why nothing
was ("ignored", with a reason: the server must not retry); 401 for a token that is unknown
or revoked (the same answer for both) or made for another server; 400 when the body is not
the server's format (nothing is written); 413 for a body over 1 MB.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from movie_tracker.models import EMBY, JELLYFIN, KIND_LABELS, PLEX, Token
from movie_tracker.web import payloads
from movie_tracker.web.bodies import Refused, answer, form_of, json_object, read_body

if TYPE_CHECKING:
    from movie_tracker.web.gate import Gate

UNKNOWN_TOKEN = (
    "Unknown or revoked token. Make a connection on the Connections page and paste its "
    "address into your media server."
)
_READERS = {JELLYFIN: payloads.jellyfin, PLEX: payloads.plex, EMBY: payloads.emby}


def receiver(kind: str) -> Callable[[Gate, Request], Awaitable[Response]]:
    async def receive(gate: Gate, request: Request) -> Response:
        token = await authorised(gate, request.path_params["token"], kind)
        body = await read_body(request)
        reading = _READERS[kind](await payload_of(kind, request, body))
        if reading.action == payloads.IGNORE:
            return answer({"result": "ignored", "reason": reading.reason})
        assert reading.play is not None  # a play or a rating names its film
        service = gate.service().for_owner(token.owner)
        act = service.rate_play if reading.action == payloads.RATE else service.log_play
        outcome = await gate.run(act, token, reading.play)
        said: dict[str, Any] = {"result": outcome.result, "reason": outcome.reason}
        if outcome.movie_id is not None:
            said["movie_id"] = outcome.movie_id
        if outcome.watch_id is not None:
            said["watch_id"] = outcome.watch_id
        if outcome.watched_on is not None:
            said["watched_on"] = outcome.watched_on.isoformat()
        return answer(said)

    receive.__name__ = f"{kind}_webhook"
    return receive


async def authorised(gate: Gate, secret: str, kind: str) -> Token:
    token = await gate.run(gate.service().token_for_secret, secret)
    if token is None:
        raise Refused(401, UNKNOWN_TOKEN)
    if token.kind != kind:
        wanted = KIND_LABELS[kind]
        raise Refused(
            401,
            f"This token is for {token.label}, not {wanted}. Make a {wanted} connection on "
            "the Connections page and paste its address.",
        )
    return token


async def payload_of(kind: str, request: Request, body: bytes) -> dict[str, Any]:
    """The JSON object the server sent: the body itself (Jellyfin, whatever its content
    type; Emby 4.9+), the form field `payload` (Plex) or `data` (Emby before 4.9)."""
    what = f"{KIND_LABELS[kind]}'s webhook payload"
    if kind == JELLYFIN:
        return json_object(body, what)
    if kind == EMBY and (_says_json(request) or body.lstrip().startswith(b"{")):
        return json_object(body, what)
    field = "payload" if kind == PLEX else "data"
    form = await form_of(request, body)
    value = form.get(field)
    if isinstance(value, str):
        return json_object(value.encode(), what)
    sent = "multipart/form-data" if kind == PLEX else "a form or a JSON body"
    raise Refused(
        400,
        f"The body is not {what}: {KIND_LABELS[kind]} sends {sent} with the JSON in a field "
        f"named {field}, and there is none. Nothing was written.",
    )


def _says_json(request: Request) -> bool:
    return "json" in request.headers.get("content-type", "").lower()
