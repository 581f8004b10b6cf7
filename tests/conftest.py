"""Fixtures every suite shares: OMDb cassettes, the OMDb key, the OMDb test doubles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from movie_tracker.config import DEFAULT_OMDB_BASE_URL
from tests.fakes.omdb import FakeOmdbClient
from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FakeOmdbServer
from tests.fakes.store import FakeMovieRepository
from tests.postgres import BACKEND, ClusterError, fresh_database, throwaway_cluster

# Where the cassettes are: tests/cassettes/, or OMDB_CASSETTES (the rehearsal of
# `tox -e record` records into a copy, tests/contract/test_recording.py).
CASSETTES = Path(os.environ.get("OMDB_CASSETTES") or Path(__file__).parent / "cassettes")


# Tests that open the SQLite file itself but do not carry the sqlite_only marker yet.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, tests about SQLite files themselves do not apply."""
    if BACKEND != "postgres":
        return
    skip = pytest.mark.skip(reason="about SQLite files; this run is on PostgreSQL")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The PostgreSQL server of a TEST_BACKEND=postgres session: TEST_POSTGRES_URL, else a
    throwaway cluster started on first use and stopped when the session ends, failed or not."""
    if url := os.environ.get("TEST_POSTGRES_URL"):
        yield url
        return
    problem = ""
    try:
        with throwaway_cluster() as url:
            yield url
    except ClusterError as error:
        problem = str(error)
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty library: a SQLite file under tmp_path, or with TEST_BACKEND=postgres a
    fresh database on the session's PostgreSQL server."""
    if BACKEND == "postgres":
        with fresh_database(request.getfixturevalue("postgres_server")) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'movies.db'}"


@pytest.fixture
def vcr_config() -> dict[str, object]:
    """Every cassette stores the OMDb key as the placeholder, and bodies as plain text, and
    names OMDb's own address even when a stand-in answered (OMDB_BASE_URL).

    No record_mode here: replay is `none` from setup.cfg; only `tox -e record` rewrites.
    """
    return {
        "filter_query_parameters": [("apikey", PLACEHOLDER_API_KEY)],
        "decode_compressed_response": True,
        "before_record_request": as_asked_of_omdb,
    }


def omdb_stand_in() -> str | None:
    """The OMDb the cassette tests ask instead of the real one: OMDB_BASE_URL, when set
    (the rehearsal of `tox -e record` sets it to the fake OMDb server)."""
    return os.environ.get("OMDB_BASE_URL") or None


def as_asked_of_omdb(request: Any) -> Any:
    """A request to the stand-in OMDb, as if it had gone to OMDb's own address: so what is
    recorded, and what is matched on replay, is the same whoever answered."""
    stand_in = omdb_stand_in()
    if stand_in and request.uri.startswith(stand_in):
        request.uri = DEFAULT_OMDB_BASE_URL + request.uri[len(stand_in) :]
    return request


@pytest.fixture
def omdb_base_url() -> str:
    """Where the cassette tests' OmdbClient asks: OMDb, unless a stand-in is set."""
    return omdb_stand_in() or DEFAULT_OMDB_BASE_URL


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """tests/cassettes/<test module name>/, whichever folder the test module is in."""
    return str(CASSETTES / Path(str(request.node.fspath)).stem)


@pytest.fixture
def omdb_api_key() -> str:
    """The real key when re-recording (`tox -e record`); the placeholder for replay."""
    return os.environ.get("OMDB_API_KEY") or PLACEHOLDER_API_KEY


@pytest.fixture
def omdb_server() -> Iterator[FakeOmdbServer]:
    """A fake OMDb on a free 127.0.0.1 port, stopped after the test."""
    with FakeOmdbServer(delay=5.0) as server:
        yield server


@pytest.fixture
def library() -> FakeMovieRepository:
    """An empty in-memory library."""
    return FakeMovieRepository()


@pytest.fixture
def omdb() -> FakeOmdbClient:
    """OMDb in memory, answering from its catalogue of real movies."""
    return FakeOmdbClient()
