"""Fixtures every suite shares: OMDb cassettes, the OMDb key, the OMDb test doubles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.library import FakeMovieRepository
from tests.fakes.omdb import FakeOmdbClient
from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FakeOmdbServer

CASSETTES = Path(__file__).parent / "cassettes"


@pytest.fixture
def vcr_config() -> dict[str, object]:
    """Every cassette stores the OMDb key as the placeholder, and bodies as plain text.

    No record_mode here: replay is `none` from pyproject.toml; only `tox -e record` rewrites.
    """
    return {
        "filter_query_parameters": [("apikey", PLACEHOLDER_API_KEY)],
        "decode_compressed_response": True,
    }


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
