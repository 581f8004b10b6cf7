"""The OMDb cache: a requests-cache SQLite file (tmp_path only) in front of the fake server.

The same lookup within 24 hours costs no second request, also after an app restart; only
successes and "not found" answers are kept; the file never holds the key.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from freezegun import freeze_time

from movie_tracker import events
from movie_tracker.config import Settings
from movie_tracker.omdb import (
    InvalidApiKey,
    MovieNotFound,
    OmdbClient,
    OmdbError,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
)
from movie_tracker.service import MovieService
from tests.fakes.omdb_server import FakeOmdbServer

SECRET = "cache-secret-1a2b3c4d5e6f"


@pytest.fixture
def cache_path(tmp_path: Path) -> str:
    return str(tmp_path / "omdb_cache.sqlite")


def cached_client(server: FakeOmdbServer, cache_path: str) -> OmdbClient:
    return OmdbClient(SECRET, base_url=server.url, cache=cache_path, retries=0)


def outcome_events(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    names = (events.OMDB_SUCCESS, events.OMDB_FAILURE)
    return [r for r in caplog.records if getattr(r, "event", None) in names]


def test_the_same_lookup_twice_costs_one_request(
    omdb_server: FakeOmdbServer, cache_path: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    client = cached_client(omdb_server, cache_path)

    first = client.get_by_id("tt0113277")
    second = client.get_by_id("tt0113277")

    assert first == second
    assert omdb_server.requests_served == 1
    assert [r.event_fields["from_cache"] for r in outcome_events(caplog)] == [False, True]


def test_the_cache_survives_a_restart(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    cached_client(omdb_server, cache_path).search("heat", page=2)
    cached_client(omdb_server, cache_path).close()

    again = cached_client(omdb_server, cache_path).search("heat", page=2)

    assert again.page == 2
    assert omdb_server.requests_served == 1


def test_from_settings_uses_the_configured_cache_file(
    omdb_server: FakeOmdbServer, cache_path: str
) -> None:
    settings = Settings(omdb_api_key=SECRET, omdb_base_url=omdb_server.url, omdb_cache=cache_path)

    for _ in range(2):
        client = OmdbClient.from_settings(settings)
        assert client is not None
        assert client.get_by_title("Up").imdb_id == "tt1049413"

    assert omdb_server.requests_served == 1
    assert Path(cache_path).exists()


def test_answers_expire_after_24_hours(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    start = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    client = cached_client(omdb_server, cache_path)
    with freeze_time(start) as clock:
        client.get_by_id("tt0133093")
        clock.tick(timedelta(hours=23, minutes=59))
        client.get_by_id("tt0133093")
        assert omdb_server.requests_served == 1
        clock.tick(timedelta(minutes=2))
        client.get_by_id("tt0133093")
    assert omdb_server.requests_served == 2


def stored_answers(cache_path: str) -> int:
    with closing(sqlite3.connect(cache_path)) as db:
        return int(db.execute("SELECT count(*) FROM responses").fetchone()[0])


def test_opening_the_cache_purges_expired_answers(
    omdb_server: FakeOmdbServer, cache_path: str
) -> None:
    start = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    with freeze_time(start):
        first_day = cached_client(omdb_server, cache_path)
        first_day.search("heat", page=1)
        first_day.search("heat", page=2)
        for imdb_id in ("tt0113277", "tt1049413", "tt0903747", "tt0185906"):
            first_day.get_by_id(imdb_id)
        first_day.close()
    with freeze_time(start + timedelta(hours=23)):
        later = cached_client(omdb_server, cache_path)
        later.get_by_id("tt0133093")
        later.close()
    grown = Path(cache_path).stat().st_size
    assert stored_answers(cache_path) == 7

    with freeze_time(start + timedelta(hours=25)):
        reopened = cached_client(omdb_server, cache_path)

        assert stored_answers(cache_path) == 1
        assert Path(cache_path).stat().st_size < grown
        assert reopened.get_by_id("tt0133093").title == "The Matrix"
    assert omdb_server.requests_served == 7


def test_not_found_answers_are_cached(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    client = cached_client(omdb_server, cache_path)

    for _ in range(2):
        with pytest.raises(MovieNotFound):
            client.get_by_title("Zyzzyva Qwerty Nonexistent")

    assert omdb_server.requests_served == 1


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("invalid-key", InvalidApiKey),
        ("limit", RequestLimitReached),
        ("500", OmdbUnavailable),
        ("down", OmdbUnavailable),
        ("html", OmdbUnavailable),
        ("malformed", OmdbUnavailable),
        ("missing-fields", OmdbUnavailable),
        ("unknown-error", OmdbRejected),
    ],
)
def test_errors_are_never_cached(
    mode: str, error: type[OmdbError], omdb_server: FakeOmdbServer, cache_path: str
) -> None:
    """The fake server sends OMDb's `Cache-Control: public, max-age=86400` on errors too."""
    client = cached_client(omdb_server, cache_path)
    omdb_server.set_fault(mode)
    with pytest.raises(error):
        client.get_by_id("tt0113277")

    omdb_server.set_fault("none")

    assert client.get_by_id("tt0113277").title == "Heat"
    assert omdb_server.requests_served == 2


def test_too_many_results_is_not_cached(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    client = cached_client(omdb_server, cache_path)

    for _ in range(2):
        with pytest.raises(TooManyResults):
            client.search("a")

    assert omdb_server.requests_served == 2


def test_the_cache_key_ignores_the_api_key(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    cached_client(omdb_server, cache_path).get_by_id("tt0113277")
    other = OmdbClient("another-key-123456", base_url=omdb_server.url, cache=cache_path)

    assert other.get_by_id("tt0113277").title == "Heat"
    assert omdb_server.requests_served == 1


def test_the_cache_file_never_holds_the_key(omdb_server: FakeOmdbServer, cache_path: str) -> None:
    client = cached_client(omdb_server, cache_path)
    client.get_by_id("tt0113277")
    client.search("heat")
    with pytest.raises(MovieNotFound):
        client.get_by_title("Zyzzyva Qwerty Nonexistent")
    client.close()

    stored = b"".join(path.read_bytes() for path in Path(cache_path).parent.iterdir())
    assert b"tt0113277" in stored  # the answers are there ...
    assert SECRET.encode() not in stored  # ... the key is not


def cache_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "will not be cached" in r.getMessage()]


def test_a_cache_file_that_is_not_a_database_leaves_lookups_working(
    omdb_server: FakeOmdbServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    broken = tmp_path / "omdb_cache.sqlite"
    broken.write_bytes(b"not a database at all " * 100)

    client = cached_client(omdb_server, str(broken))

    assert client.get_by_id("tt0113277").title == "Heat"
    assert client.get_by_id("tt0113277").title == "Heat"
    assert omdb_server.requests_served == 2
    assert len(cache_warnings(caplog)) == 1
    assert SECRET not in caplog.text


def test_a_cache_path_that_cannot_be_opened_leaves_lookups_working(
    omdb_server: FakeOmdbServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("the cache's folder is a file")
    client = cached_client(omdb_server, str(not_a_folder / "omdb_cache.sqlite"))

    assert client.get_by_id("tt0113277").title == "Heat"
    assert len(cache_warnings(caplog)) == 1


def test_a_cache_that_breaks_while_the_app_runs_is_dropped(
    omdb_server: FakeOmdbServer, cache_path: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    client = cached_client(omdb_server, cache_path)
    assert client.get_by_id("tt0113277").title == "Heat"

    client.session.cache.responses.close()
    for extra in Path(cache_path).parent.glob("omdb_cache.sqlite*"):
        extra.unlink()
    Path(cache_path).write_bytes(b"\0garbage" * 1000)

    assert client.get_by_id("tt0133093").title == "The Matrix"
    assert client.get_by_id("tt0133093").title == "The Matrix"
    assert omdb_server.requests_served == 3
    assert len(cache_warnings(caplog)) == 1


def test_the_cached_session_retries_a_gateway_error_too(
    omdb_server: FakeOmdbServer, cache_path: str
) -> None:
    sleeps: list[float] = []
    client = OmdbClient(SECRET, base_url=omdb_server.url, cache=cache_path, sleep=sleeps.append)
    omdb_server.set_fault("flaky")

    assert client.get_by_id("tt0113277").title == "Heat"
    assert client.get_by_id("tt0113277").title == "Heat"
    assert (omdb_server.requests_served, sleeps) == (2, [0.5])


class BreakingCacheSession(requests.Session):
    """A cached session whose SQLite file broke: every caller fails, once all are inside."""

    def __init__(self, callers: int) -> None:
        super().__init__()
        self.inside = threading.Barrier(callers)
        self.closed = 0

    def get(self, url: str | bytes, **kwargs: object) -> requests.Response:
        self.inside.wait(timeout=10)
        raise sqlite3.DatabaseError("database disk image is malformed")

    def close(self) -> None:
        self.closed += 1
        super().close()


def test_threads_that_see_the_cache_break_together_replace_it_once(
    omdb_server: FakeOmdbServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Streamlit serves every browser session from its own thread, all sharing one client."""
    caplog.set_level(logging.INFO, logger="movie_tracker")
    threads = 8
    broken = BreakingCacheSession(threads)
    client = OmdbClient(SECRET, base_url=omdb_server.url, session=broken)

    def look_up(_: int) -> tuple[str, requests.Session]:
        return client.get_by_id("tt0113277").title, client.session

    with ThreadPoolExecutor(threads) as pool:
        outcomes = list(pool.map(look_up, range(threads)))

    assert [title for title, _ in outcomes] == ["Heat"] * threads
    assert broken.closed == 1
    sessions = {id(session) for _, session in outcomes}
    assert sessions == {id(client.session)}
    assert client.session is not broken
    assert len(cache_warnings(caplog)) == 1
    assert omdb_server.requests_served == threads

    omdb_server.set_fault("flaky")  # the session put in its place retries too
    assert client.get_by_id("tt0113277").title == "Heat"
    assert omdb_server.requests_served == threads + 2


def test_requests_caches_logs_lose_the_key(
    omdb_server: FakeOmdbServer, cache_path: str, caplog: pytest.LogCaptureFixture
) -> None:
    """requests-cache logs the full URL, key included, of every answer it does not keep."""
    caplog.set_level(logging.DEBUG)
    omdb_server.set_fault("limit")

    with pytest.raises(RequestLimitReached):
        cached_client(omdb_server, cache_path).get_by_id("tt0113277")

    skipped = [r.getMessage() for r in caplog.records if "Skipping cache write" in r.getMessage()]
    assert skipped
    assert all("api" + "key=REDACTED" in message for message in skipped)
    assert SECRET not in caplog.text


def test_answers_from_the_cache_are_not_reported_as_requests(
    omdb_server: FakeOmdbServer, cache_path: str
) -> None:
    sent: list[int] = []
    client = OmdbClient(
        SECRET, base_url=omdb_server.url, cache=cache_path, retries=0, on_request=sent.append
    )

    client.get_by_id("tt0113277")
    client.get_by_id("tt0113277")

    assert sent == [1]
    assert omdb_server.requests_served == 1


@freeze_time("2026-11-25 15:00:00")
def test_every_app_server_counts_the_requests_it_sends_in_the_library_not_cached_answers(
    omdb_server: FakeOmdbServer, cache_path: str, database_url: str
) -> None:
    settings = Settings(
        database_url=database_url,
        omdb_api_key=SECRET,
        omdb_base_url=omdb_server.url,
        omdb_cache=cache_path,
    )
    one = MovieService.open(settings)
    other = MovieService.open(replace(settings, omdb_cache=f"{cache_path}.other"))
    try:
        one.search_omdb("heat")
        one.search_omdb("heat")  # from this server's cache
        other.search_omdb("heat")  # another server, with a cache of its own

        assert omdb_server.requests_served == 2
        assert one.omdb_budget().used == other.omdb_budget().used == 2
    finally:
        one.repository.dispose()
        other.repository.dispose()
