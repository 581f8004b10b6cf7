"""The OMDb client: one reused session, a timeout on every request, the events of each
lookup, and the checks that turn an answer into a model or a typed error.

Only this package speaks HTTP. Every request emits `omdb.request` and then `omdb.success`
or `omdb.failure`, and never lets the API key reach an event, a log line or a message.
`on_request(n)` hears of the `n` requests each lookup sent to OMDb (retries included, an
answer from the cache none), so the service can count them toward OMDb's day.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import requests
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from movie_tracker import events
from movie_tracker.models import MAX_SEARCH_PAGE, MovieDetails, SearchPage, ValidationError
from movie_tracker.omdb.cache import log_cache_failure, session_for
from movie_tracker.omdb.errors import InvalidApiKey, OmdbError, OmdbUnavailable, error_for
from movie_tracker.omdb.lookup import LookupMixin, clean_query
from movie_tracker.omdb.parsing import parse_movie_details, parse_search_page
from movie_tracker.omdb.retries import DEFAULT_BACKOFF, DEFAULT_RETRIES, retry_policy, with_retries

if TYPE_CHECKING:
    from movie_tracker.config import Settings

DEFAULT_BASE_URL = "https://www.omdbapi.com/"
# Connect and read timeouts: a person waits on the page while OMDb answers.
DEFAULT_TIMEOUT = (3.05, 5.0)
MAX_PAGE = MAX_SEARCH_PAGE
_T = TypeVar("_T")

# urllib3 and requests-cache log request URLs, key included (urllib3 warns on each retry).
_HTTP_LOGGERS = (
    "urllib3.connectionpool",
    "urllib3.util.retry",
    "requests_cache.session",
    "requests_cache.policy.actions",
)


def _redact_http_logs() -> None:
    for name in _HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, events.RedactingFilter) for f in logger.filters):
            logger.addFilter(events.RedactingFilter())


class OmdbClient(LookupMixin):
    """The real OMDb client. Reuses one session; every request has a timeout.

    The sessions it builds retry through urllib3 (`retry_policy`): `retries` transient
    failures (connection errors, timeouts, 502/503/504) after `backoff * 2**n` seconds
    through `sleep`; a 401 never. A session passed in keeps its own transport.

    After each lookup that sent anything, `on_request(n)` is called with how many requests
    went to OMDb (each retry is one more; one that got no answer counts, since it may have
    reached OMDb); an answer from the cache sends none and is not reported.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        *,
        cache: str | None = None,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        sleep: Callable[[float], object] = time.sleep,
        on_request: Callable[[int], object] | None = None,
    ) -> None:
        if session is not None and cache is not None:
            raise ValueError("Pass either a session or a cache path, not both.")
        events.register_secret(api_key)
        self._api_key = api_key or ""
        self.base_url = base_url
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self._retry = retry_policy(self.retries, backoff, sleep)
        _redact_http_logs()
        self._replacing = threading.Lock()
        self.session = session if session is not None else session_for(cache, self._retry)
        self._cache_name = cache or "of the session"
        self.on_request = on_request

    def __repr__(self) -> str:
        return f"OmdbClient(base_url={self.base_url!r})"

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> OmdbClient | None:
        """A client for the app's settings, or None when lookups are off (no key)."""
        if not settings.omdb_api_key:
            return None
        return cls(
            settings.omdb_api_key,
            base_url=settings.omdb_base_url,
            cache=settings.omdb_cache,
            **kwargs,
        )

    def close(self) -> None:
        with self._replacing:
            self.session.close()

    # public lookups

    def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage:
        text = clean_query(query)
        if not 1 <= page <= MAX_PAGE:
            raise ValidationError("page", f"Choose a page from 1 to {MAX_PAGE}.")
        params: dict[str, object] = {"page": page, "s": text}
        if year is not None:
            params["y"] = year
        return self._fetch("search", text, params, page, lambda d: parse_search_page(d, text, page))

    def get_by_id(self, imdb_id: str) -> MovieDetails:
        text = clean_query(imdb_id)
        return self._fetch("id", text, {"i": text}, None, parse_movie_details)

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails:
        text = clean_query(title)
        params: dict[str, object] = {"t": text}
        if year is not None:
            params["y"] = year
        return self._fetch("title", text, params, None, parse_movie_details)

    # plumbing

    def _fetch(
        self,
        kind: str,
        query: str,
        params: Mapping[str, object],
        page: int | None,
        parse: Callable[[dict[str, Any]], _T],
    ) -> _T:
        """One lookup: its events, the request (retried by urllib3), the checks, the parsing."""
        fields = _query_fields(kind, query, page)
        events.record(events.OMDB_REQUEST, logging.INFO, **fields)
        started = time.perf_counter()
        try:
            response = self._send(params)
        except _Unanswered as unanswered:
            self._sent(unanswered.attempts)
            _record_outcome(fields, started, unanswered.attempts, False, unanswered.error)
            raise unanswered.error from None
        attempts, from_cache = _attempts(response), bool(getattr(response, "from_cache", False))
        if not from_cache:
            self._sent(attempts)
        try:
            result = parse(_check(response))
        except OmdbError as error:
            _record_outcome(fields, started, attempts, from_cache, error)
            raise error from None
        _record_outcome(fields, started, attempts, from_cache)
        return result

    def _sent(self, requests_sent: int) -> None:
        if self.on_request is not None:
            self.on_request(requests_sent)

    def _send(self, params: Mapping[str, object]) -> requests.Response:
        try:
            return self._get(params)
        except requests.RequestException as exc:
            # urllib3 raises MaxRetryError only once every allowed attempt has failed.
            gave_up = any(isinstance(arg, MaxRetryError) for arg in exc.args)
            error = OmdbUnavailable(detail=f"{type(exc).__name__}: {exc}")
            raise _Unanswered(error, self.retries + 1 if gave_up else 1) from None

    def _get(self, params: Mapping[str, object]) -> requests.Response:
        query = {"apikey": self._api_key, **{k: str(v) for k, v in sorted(params.items())}}
        session = self.session
        try:
            return session.get(self.base_url, params=query, timeout=self.timeout)
        except sqlite3.Error as error:
            # Only a cache speaks SQLite here: it broke while the app ran, so go on without.
            session = self._drop_cache(session, error)
            return session.get(self.base_url, params=query, timeout=self.timeout)

    def _drop_cache(self, broken: requests.Session, error: sqlite3.Error) -> requests.Session:
        """A plain session instead of the broken one: replaced and closed once, however many
        threads (Streamlit serves each browser session from its own) saw it break."""
        with self._replacing:
            if self.session is broken:
                log_cache_failure(self._cache_name, error)
                self.session = with_retries(requests.Session(), self._retry)
                broken.close()
            return self.session


class _Unanswered(Exception):
    """No answer came back; carries the error to raise and how often the request was sent."""

    def __init__(self, error: OmdbError, attempts: int) -> None:
        super().__init__(error.detail)
        self.error = error
        self.attempts = attempts


def _attempts(response: requests.Response) -> int:
    """How often the request was sent: urllib3 keeps each retried failure in its history."""
    retry = getattr(response.raw, "retries", None)
    return len(retry.history) + 1 if isinstance(retry, Retry) else 1


def _record_outcome(
    fields: Mapping[str, object],
    started: float,
    attempts: int,
    from_cache: bool,
    error: OmdbError | None = None,
) -> None:
    """`omdb.success`, or `omdb.failure` with the error's type, OMDb's text and the detail."""
    outcome = {
        **fields,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "attempts": attempts,
        "from_cache": from_cache,
    }
    if error is None:
        events.record(events.OMDB_SUCCESS, logging.INFO, **outcome)
        return
    events.record(
        events.OMDB_FAILURE,
        logging.WARNING,
        **outcome,
        error=type(error).__name__,
        omdb_error=error.omdb_error,
        detail=error.detail,
    )


def _query_fields(kind: str, query: str, page: int | None) -> dict[str, object]:
    fields: dict[str, object] = {"kind": kind, "query": query}
    if page is not None:
        fields["page"] = page
    return fields


def _check(response: requests.Response) -> dict[str, Any]:
    """The body of a successful answer; the typed error for everything else.

    Both the status code and OMDb's `Response` field count: OMDb's key and limit errors
    come with 401, its "not found" errors with 200.
    """
    status = response.status_code
    if status >= 500:
        raise OmdbUnavailable(detail=f"HTTP {status}")
    try:
        data = json.loads(response.content)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        if status == 401:
            raise InvalidApiKey(detail="HTTP 401 without an OMDb body")
        raise OmdbUnavailable(detail=f"HTTP {status}: the answer is not an OMDb JSON object")
    if data.get("Response") == "False" or "Error" in data:
        raise error_for(str(data.get("Error") or "Unknown error."), status)
    if status == 401:
        raise InvalidApiKey(detail="HTTP 401")
    if status != 200 or data.get("Response") != "True":
        raise OmdbUnavailable(detail=f"HTTP {status}: unexpected OMDb answer")
    return data
