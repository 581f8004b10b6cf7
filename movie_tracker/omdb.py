"""The OMDb client: HTTP, parsing into models, typed errors, retries and an optional cache.

Only this module speaks HTTP. Every request goes through one reused `requests.Session`
with a timeout, emits `omdb.request` and then `omdb.success` or `omdb.failure`, and never
lets the API key reach an event, a log line or an error message.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from movie_tracker import events
from movie_tracker.models import (
    MAX_SEARCH_PAGE,
    MovieDetails,
    Rating,
    SearchPage,
    SearchResult,
    ValidationError,
    is_imdb_id,
)

if TYPE_CHECKING:
    from typing_extensions import Self
    from urllib3.response import BaseHTTPResponse

    from movie_tracker.config import Settings

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://www.omdbapi.com/"
# Connect and read timeouts: a person waits on the page while OMDb answers.
DEFAULT_TIMEOUT = (3.05, 5.0)
DEFAULT_RETRIES = 1
DEFAULT_BACKOFF = 0.5
CACHE_EXPIRY = timedelta(hours=24)
MAX_PAGE = MAX_SEARCH_PAGE
RETRY_STATUSES = frozenset({502, 503, 504})
TYPE_RANK = {"movie": 0, "series": 1, "episode": 2, "game": 3}

NOT_FOUND_ERRORS = frozenset(
    {
        "Movie not found!",
        "Series not found!",
        "Episode not found!",
        "Series or episode not found!",
        "Series or season not found!",
    }
)
INCORRECT_IMDB_ID = "Incorrect IMDb ID."
TOO_MANY_RESULTS = "Too many results."
INVALID_KEY_ERRORS = frozenset({"Invalid API key!", "No API key provided."})

_T = TypeVar("_T")
_TRAILING_YEAR = re.compile(r"^(?P<title>.*?\S)\s*(?:\((?P<paren>\d{4})\)|(?P<bare>\d{4}))$")
_FIRST_YEAR = re.compile(r"^\s*(\d{4})")


# --- errors -----------------------------------------------------------------------------


class OmdbError(Exception):
    """Base of every OMDb failure. `str(error)` is fit to show a user and never holds the key.

    `omdb_error` is OMDb's own "Error" text when it sent one; `detail` is a redacted
    technical description for logs.
    """

    default_message = "The movie lookup failed."

    def __init__(
        self, user_message: str | None = None, *, omdb_error: str | None = None, detail: str = ""
    ) -> None:
        self.user_message = events.redact(user_message or self.default_message)
        self.omdb_error = events.redact(omdb_error) if omdb_error else None
        self.detail = events.redact(detail)
        super().__init__(self.user_message)


class MovieNotFound(OmdbError):
    default_message = "OMDb has no movie matching that search."


class IncorrectImdbId(MovieNotFound):
    default_message = 'That IMDb ID is not valid. IMDb IDs look like "tt0113277".'


class InvalidApiKey(OmdbError):
    default_message = "The OMDb API key is missing or invalid. Check the OMDB_API_KEY setting."


class RequestLimitReached(OmdbError):
    default_message = "The OMDb daily request limit is reached. Try again tomorrow."


class TooManyResults(OmdbError):
    default_message = "That search matches too many titles. Add more words or the year."


class OmdbUnavailable(OmdbError):
    default_message = "OMDb is not answering right now. Try again in a few minutes."


class OmdbRejected(OmdbError):
    """OMDb refused the request with an error text this client does not know."""

    def __init__(self, omdb_error: str, *, detail: str = "") -> None:
        super().__init__(
            f"OMDb could not answer: {omdb_error}", omdb_error=omdb_error, detail=detail
        )


def error_for(omdb_error: str, status: int = 200) -> OmdbError:
    """The typed error for an OMDb `{"Response":"False","Error":...}` answer."""
    if omdb_error in NOT_FOUND_ERRORS:
        return MovieNotFound(_not_found_message(omdb_error), omdb_error=omdb_error)
    if omdb_error == INCORRECT_IMDB_ID:
        return IncorrectImdbId(omdb_error=omdb_error)
    if omdb_error == TOO_MANY_RESULTS:
        return TooManyResults(omdb_error=omdb_error)
    if "limit reached" in omdb_error.lower():
        return RequestLimitReached(omdb_error=omdb_error)
    if omdb_error in INVALID_KEY_ERRORS or status == 401:
        return InvalidApiKey(omdb_error=omdb_error)
    return OmdbRejected(omdb_error, detail=f"HTTP {status}")


def _not_found_message(omdb_error: str) -> str:
    what = "series" if omdb_error.startswith("Series") else "movie"
    return f"OMDb has no {what} matching that search."


# --- parsing ----------------------------------------------------------------------------


def optional(value: object) -> str | None:
    """OMDb's "N/A" (and blanks) as None, every other value as stripped text."""
    if value is None:
        return None
    text = str(value).strip()
    return None if not text or text == "N/A" else text


def parse_year(value: object) -> int | None:
    """The first year of "1995", "2008–2013" (en dash) or "2016–"; None for "N/A"."""
    match = _FIRST_YEAR.match(optional(value) or "")
    return int(match.group(1)) if match else None


def parse_int(value: object) -> int | None:
    """ "1,234,567" as 1234567; None for "N/A" or anything that is not a number."""
    text = (optional(value) or "").replace(",", "")
    return int(text) if text.isdigit() else None


def parse_float(value: object) -> float | None:
    try:
        return float(optional(value) or "")
    except ValueError:
        return None


def parse_ratings(value: object) -> tuple[Rating, ...]:
    """The Ratings list; missing (pre-2017 bodies) or empty gives ()."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Rating(source=str(item["Source"]), value=str(item["Value"]))
        for item in value
        if isinstance(item, Mapping)
        and optional(item.get("Source"))
        and optional(item.get("Value"))
    )


def parse_movie_details(data: Mapping[str, Any]) -> MovieDetails:
    """A MovieDetails from a successful by-ID or by-title body.

    Raises OmdbUnavailable when the body lacks a title or a valid IMDb ID.
    """
    title = optional(data.get("Title"))
    imdb_id = optional(data.get("imdbID"))
    if not title or not imdb_id or not is_imdb_id(imdb_id):
        raise OmdbUnavailable(detail="OMDb answer lacks Title or imdbID")
    return MovieDetails(
        title=title,
        imdb_id=imdb_id,
        year=parse_year(data.get("Year")),
        director=optional(data.get("Director")),
        genre=optional(data.get("Genre")),
        poster_url=optional(data.get("Poster")),
        type=optional(data.get("Type")),
        runtime=optional(data.get("Runtime")),
        plot=optional(data.get("Plot")),
        actors=optional(data.get("Actors")),
        imdb_rating=parse_float(data.get("imdbRating")),
        imdb_votes=parse_int(data.get("imdbVotes")),
        ratings=parse_ratings(data.get("Ratings")),
        language=optional(data.get("Language")),
        country=optional(data.get("Country")),
    )


def parse_search_page(data: Mapping[str, Any], query: str, page: int) -> SearchPage:
    """A SearchPage from a successful search body. Raises OmdbUnavailable if it is malformed."""
    items = data.get("Search")
    total = parse_int(data.get("totalResults"))
    if not isinstance(items, list) or total is None:
        raise OmdbUnavailable(detail="OMDb search answer lacks Search or totalResults")
    results = []
    for item in items:
        if not isinstance(item, Mapping):
            raise OmdbUnavailable(detail="OMDb search result is not an object")
        title = optional(item.get("Title"))
        imdb_id = optional(item.get("imdbID"))
        if not title or not imdb_id:
            raise OmdbUnavailable(detail="OMDb search result lacks Title or imdbID")
        results.append(
            SearchResult(
                title=title,
                imdb_id=imdb_id,
                year=parse_year(item.get("Year")),
                type=optional(item.get("Type")),
                poster_url=optional(item.get("Poster")),
            )
        )
    return SearchPage(query=query, results=tuple(results), total_results=total, page=page)


# --- choosing -------------------------------------------------------------------------------


def split_trailing_year(query: str) -> tuple[str, int | None, bool]:
    """ "Heat (1995)" -> ("Heat", 1995, True); "Heat 1995" -> ("Heat", 1995, False).

    The flag says whether the year was in parentheses; a bare trailing number may be part
    of the title ("Blade Runner 2049"), so callers fall back to the whole query.
    """
    text = " ".join(query.split())
    match = _TRAILING_YEAR.match(text)
    if not match:
        return text, None, False
    year = match.group("paren") or match.group("bare")
    return match.group("title"), int(year), match.group("paren") is not None


def pick_best_match(results: Sequence[SearchResult], title: str) -> SearchResult | None:
    """An exact title match first (case-insensitive), then movies before series, episodes
    and games, then OMDb's own order."""
    wanted = title.strip().casefold()

    def rank(indexed: tuple[int, SearchResult]) -> tuple[int, int, int]:
        index, result = indexed
        exact = 0 if result.title.casefold() == wanted else 1
        return exact, TYPE_RANK.get(result.type or "", len(TYPE_RANK)), index

    ranked = sorted(enumerate(results), key=rank)
    return ranked[0][1] if ranked else None


class OmdbLookup(Protocol):
    """What the service needs from an OMDb client (the real one or tests' fakes)."""

    def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage: ...

    def get_by_id(self, imdb_id: str) -> MovieDetails: ...

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails: ...

    def search_and_get_movie_details(self, query: str) -> MovieDetails: ...


class LookupMixin:
    """`search_and_get_movie_details` on top of search / get_by_id / get_by_title.

    Shared by the real client and the in-memory fake so both choose alike.
    """

    if TYPE_CHECKING:

        def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage: ...

        def get_by_id(self, imdb_id: str) -> MovieDetails: ...

        def get_by_title(self, title: str, year: int | None = None) -> MovieDetails: ...

    def search_and_get_movie_details(self, query: str) -> MovieDetails:
        """Details for an IMDb ID, or for the best match of a title search.

        A trailing year ("Heat (1995)", "Heat 1995") narrows the search; when a bare year
        finds nothing, the whole text is searched as a title. A search that OMDb finds too
        broad ("Up") falls back to OMDb's exact-title lookup.
        """
        text = clean_query(query)
        if is_imdb_id(text):
            return self.get_by_id(text)
        title, year, parenthesised = split_trailing_year(text)
        if year is not None:
            try:
                return self._best_match(title, year)
            except MovieNotFound:
                if parenthesised:
                    raise
        return self._best_match(text, None)

    def _best_match(self, title: str, year: int | None) -> MovieDetails:
        try:
            page = self.search(title, year=year)
        except TooManyResults as too_many:
            try:
                return self.get_by_title(title, year=year)
            except MovieNotFound:
                raise too_many from None
        best = pick_best_match(page.results, title)
        if best is None:
            raise MovieNotFound()
        return self.get_by_id(best.imdb_id)


def clean_query(value: str) -> str:
    """The query with its whitespace collapsed; a blank one is refused."""
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError("query", "Enter a title or an IMDb ID to look up.")
    return text


# --- retries --------------------------------------------------------------------------


class _Retry(Retry):
    """urllib3's Retry, pausing `backoff_factor * 2**(n-1)` seconds before the n-th retry
    through an injectable `pause`, so tests count the waits instead of waiting.

    urllib3 2 retries the first failure at once; OMDb gets a short breath first, as it
    always did. Retry-After is never waited for (`retry_policy` turns it off).
    """

    def __init__(
        self, *args: Any, pause: Callable[[float], object] = time.sleep, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.pause = pause

    def new(self, **kw: Any) -> Self:
        return super().new(pause=self.pause, **kw)

    def get_backoff_time(self) -> float:
        retried = len(self.history)
        return float(min(self.backoff_max, self.backoff_factor * 2 ** (retried - 1)))

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.pause(backoff)


def retry_policy(
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], object] = time.sleep,
) -> Retry:
    """What the client's sessions retry: connection errors, timeouts and 502/503/504.

    GET only, and never a 401 or any other status. A server's Retry-After is ignored: a
    person waits on the page, and urllib3 honouring it would also retry 413s and 429s. When
    retries run out the last answer is returned, not raised, so a 503 still reads "HTTP 503".
    """
    return _Retry(
        total=max(0, retries),
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff,
        respect_retry_after_header=False,
        raise_on_status=False,
        pause=sleep,
    )


def with_retries(session: requests.Session, retry: Retry) -> requests.Session:
    """The session, retrying through one HTTPAdapter for both schemes."""
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


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


# --- the client -------------------------------------------------------------------------


def is_cacheable(response: requests.Response) -> bool:
    """Cache successful answers and "not found" answers; never any other error."""
    if response.status_code != 200:
        return False
    try:
        data = json.loads(response.content)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    if data.get("Response") == "True":
        return _parses(data)
    error = data.get("Error")
    return error in NOT_FOUND_ERRORS or error == INCORRECT_IMDB_ID


def _parses(data: Mapping[str, Any]) -> bool:
    """Whether a "Response":"True" body holds what a search or a lookup needs."""
    try:
        if "Search" in data:
            parse_search_page(data, "", 1)
        else:
            parse_movie_details(data)
    except OmdbUnavailable:
        return False
    return True


def cached_session(path: str) -> requests.Session:
    """A requests-cache SQLite session: 24 hours, key-free cache keys, no error caching.

    OMDb (through Cloudflare) sends `Cache-Control: public, max-age=86400` even on its 401s,
    so response headers are ignored (`cache_control=False`) and `is_cacheable` decides.
    Expired answers are purged on opening, so the file holds at most a day of lookups.
    """
    import requests_cache
    from requests_cache.policy.settings import DEFAULT_IGNORED_PARAMS

    session = requests_cache.CachedSession(
        cache_name=path,
        backend="sqlite",
        expire_after=CACHE_EXPIRY,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        cache_control=False,
        ignored_parameters=[*DEFAULT_IGNORED_PARAMS, "apikey"],
        filter_fn=is_cacheable,
    )
    _purge_expired(session.cache)
    return session


def _purge_expired(cache: Any) -> None:
    """Delete expired answers (and VACUUM, which rewrites the file) only when there are
    any, so an opening with nothing expired costs two COUNT queries."""
    if cache.responses.count(expired=False) < cache.responses.count():
        cache.delete(expired=True)


class OmdbClient(LookupMixin):
    """The real OMDb client. Reuses one session; every request has a timeout.

    The sessions it builds retry through urllib3 (`retry_policy`): `retries` transient
    failures (connection errors, timeouts, 502/503/504) after `backoff * 2**n` seconds
    through `sleep`; a 401 never. A session passed in keeps its own transport.
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
        self.session = session if session is not None else _session(cache, self._retry)
        self._cache_name = cache or "of the session"

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
            _record_outcome(fields, started, unanswered.attempts, False, unanswered.error)
            raise unanswered.error from None
        attempts, from_cache = _attempts(response), bool(getattr(response, "from_cache", False))
        try:
            result = parse(_check(response))
        except OmdbError as error:
            _record_outcome(fields, started, attempts, from_cache, error)
            raise error from None
        _record_outcome(fields, started, attempts, from_cache)
        return result

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
                _log_cache_failure(self._cache_name, error)
                self.session = with_retries(requests.Session(), self._retry)
                broken.close()
            return self.session


def _session(cache: str | None, retry: Retry) -> requests.Session:
    """A cached session when asked for one; a plain one when the cache cannot be opened,
    since lookups matter more than saving a request. Both retry alike."""
    if not cache:
        return with_retries(requests.Session(), retry)
    try:
        return with_retries(cached_session(cache), retry)
    except (sqlite3.Error, OSError) as error:
        _log_cache_failure(cache, error)
        return with_retries(requests.Session(), retry)


def _log_cache_failure(cache: object, error: Exception) -> None:
    log.warning(
        "OMDb answers will not be cached: the cache %s failed (%s: %s)",
        cache,
        type(error).__name__,
        error,
    )


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
