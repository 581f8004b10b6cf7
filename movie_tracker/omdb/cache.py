"""The optional cache of OMDb answers: a requests-cache SQLite file, a day long, holding
only answers worth keeping, and a plain session whenever the file cannot be used."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import requests
from urllib3.util.retry import Retry

from movie_tracker.omdb.errors import INCORRECT_IMDB_ID, NOT_FOUND_ERRORS, OmdbUnavailable
from movie_tracker.omdb.parsing import parse_movie_details, parse_search_page
from movie_tracker.omdb.retries import with_retries

log = logging.getLogger(__name__)

CACHE_EXPIRY = timedelta(hours=24)


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


def session_for(cache: str | None, retry: Retry) -> requests.Session:
    """A cached session when asked for one; a plain one when the cache cannot be opened,
    since lookups matter more than saving a request. Both retry alike."""
    if not cache:
        return with_retries(requests.Session(), retry)
    try:
        return with_retries(cached_session(cache), retry)
    except (sqlite3.Error, OSError) as error:
        log_cache_failure(cache, error)
        return with_retries(requests.Session(), retry)


def log_cache_failure(cache: object, error: Exception) -> None:
    log.warning(
        "OMDb answers will not be cached: the cache %s failed (%s: %s)",
        cache,
        type(error).__name__,
        error,
    )
