"""Request bodies read within their limit, the rate limit, and JSON answers.

A body over MAX_BODY_BYTES is refused while it is read (413), not after: a Content-Length
over the limit is refused before a byte is read, and a body without one is counted as it
arrives. Every answer is JSON; an error is {"error": "..."} with the app's own words.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

MAX_BODY_BYTES = 1024 * 1024  # 1 MB
API_REQUESTS_PER_MINUTE = 60
SHARE_OPENS_PER_MINUTE = 30  # share links opened from one client address


class Refused(Exception):
    """A request answered with an error: its status and the message for the caller."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def answer(payload: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(payload, status_code=status)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, or Refused(413) as soon as it passes `limit` bytes."""
    too_large = Refused(413, f"The body is over {limit // 1024 // 1024} MB; nothing was written.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def json_object(body: bytes, what: str) -> dict[str, Any]:
    """The body as a JSON object, whatever its content type said, or Refused(400)."""
    try:
        parsed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, f"The body is not {what}: it is not JSON.") from None
    if not isinstance(parsed, dict):
        raise Refused(400, f"The body is not {what}: it is JSON, but not an object.")
    return parsed


async def form_of(request: Request, body: bytes) -> FormData:
    """The body (already read) as a form: multipart/form-data or urlencoded."""

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, replay).form(max_files=5, max_fields=100)
    except (HTTPException, ValueError, KeyError) as problem:
        detail = getattr(problem, "detail", None) or str(problem)
        raise Refused(400, f"The body is not a form that can be read ({detail}).") from None


class RateLimit:
    """At most `per_minute` requests in any 60 seconds per key (a token, or a client's
    address): a sliding window in this process's memory, so each app server counts its own.
    `per` names the key in the refusal ("with this token")."""

    def __init__(
        self,
        per_minute: int = API_REQUESTS_PER_MINUTE,
        clock: Callable[[], float] = time.monotonic,
        per: str = "with this token",
    ) -> None:
        self.per_minute = per_minute
        self.per = per
        self._clock = clock
        self._seen: dict[object, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept = clock()

    def check(self, key: object) -> None:
        """Count one request for `key`, or Refused(429) saying when to try again."""
        now = self._clock()
        with self._lock:
            self._sweep(now)
            seen = self._seen.setdefault(key, deque())
            while seen and now - seen[0] >= 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                wait = max(1, int(60 - (now - seen[0]) + 0.999))
                raise Refused(
                    429,
                    f"More than {self.per_minute} requests in a minute {self.per}; "
                    f"try again in {wait} seconds.",
                    {"Retry-After": str(wait)},
                )
            seen.append(now)

    def _sweep(self, now: float) -> None:
        """Once a minute, forget the keys with no request in the last minute: the window
        holds only who asked lately, however many addresses ever asked."""
        if now - self._swept < 60:
            return
        self._swept = now
        for key in [key for key, seen in self._seen.items() if not seen or now - seen[-1] >= 60]:
            del self._seen[key]

    def keys(self) -> int:
        """How many keys the window holds now."""
        with self._lock:
            return len(self._seen)
