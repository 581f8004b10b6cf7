"""The contract suites run every test against each implementation of a boundary.

The OMDb client (`omdb`):

- `cassette`: the real `OmdbClient` replaying tests/cassettes/test_omdb_contract/<test>.yaml
  (one cassette per test function, shared by nothing else);
- `fake`: the in-memory `FakeOmdbClient` the service, UI and browser tests use;
- `fake_server`: the real `OmdbClient` against the local fake OMDb HTTP server.

The movie repository (`repository`):

- `sqlite`: the real `MovieRepository` on a new SQLite file;
- `fake`: the in-memory `FakeMovieRepository` the service and UI tests use;
- `postgres`: the real `MovieRepository` on a fresh PostgreSQL database. Only this one runs
  with TEST_BACKEND=postgres (the `postgres` tox env); the `contract` env runs the other two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from movie_tracker.omdb import OmdbClient, OmdbLookup
from movie_tracker.store import MovieRepository
from tests.fakes.omdb import FakeOmdbClient
from tests.fakes.omdb_catalogue import BAD_API_KEY, PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FakeOmdbServer
from tests.fakes.store import FakeMovieRepository
from tests.postgres import BACKEND

IMPLEMENTATIONS = ("cassette", "fake", "fake_server")
REPOSITORIES = ("postgres",) if BACKEND == "postgres" else ("sqlite", "fake")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "replay_only: its cassette was written by hand for a state OMDb cannot be put in on "
        "demand (request limit reached); `tox -e record` replays it instead of rewriting it",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give the `cassette` variant of each contract test its cassette, named after the test."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or callspec.params.get("omdb") != "cassette":
            continue
        name = item.originalname  # type: ignore[attr-defined]
        item.add_marker(pytest.mark.default_cassette(name))
        if item.get_closest_marker("replay_only"):
            item.add_marker(pytest.mark.vcr(record_mode="none"))
        else:
            item.add_marker(pytest.mark.vcr)


@dataclass
class Omdb:
    """One implementation under contract: a client, a client with a bad key, a way to put
    OMDb into a state (for the cassette, the state is already in the recording), and what
    the client reported of the requests it sent (`on_request`), one number a lookup."""

    name: str
    client: OmdbLookup
    bad_key_client: OmdbLookup
    enter: Callable[[str], None] = field(default=lambda mode: None)
    sent: list[int] = field(default_factory=list)


def _no_sleep(seconds: float) -> None:
    """Retries in the contract suite do not wait."""


@pytest.fixture(scope="module")
def contract_server() -> Iterator[FakeOmdbServer]:
    with FakeOmdbServer() as server:
        yield server


@pytest.fixture(params=IMPLEMENTATIONS)
def omdb(
    request: pytest.FixtureRequest,
    omdb_api_key: str,
    omdb_base_url: str,
    contract_server: FakeOmdbServer,
) -> Iterator[Omdb]:
    sent: list[int] = []
    if request.param == "cassette":
        yield Omdb(
            "cassette",
            OmdbClient(
                omdb_api_key, base_url=omdb_base_url, sleep=_no_sleep, on_request=sent.append
            ),
            OmdbClient(BAD_API_KEY, base_url=omdb_base_url, sleep=_no_sleep),
            sent=sent,
        )
    elif request.param == "fake":
        fake = FakeOmdbClient(on_request=sent.append)
        yield Omdb("fake", fake, FakeOmdbClient(BAD_API_KEY), fake.fail_with_mode, sent)
    else:
        url = contract_server.url
        yield Omdb(
            "fake_server",
            OmdbClient(
                PLACEHOLDER_API_KEY,
                base_url=url,
                timeout=2,
                sleep=_no_sleep,
                on_request=sent.append,
            ),
            OmdbClient(BAD_API_KEY, base_url=url, timeout=2, sleep=_no_sleep),
            contract_server.set_fault,
            sent,
        )
        contract_server.set_fault("none")


@pytest.fixture(params=REPOSITORIES)
def repository(request: pytest.FixtureRequest) -> Iterator[MovieRepository | FakeMovieRepository]:
    """An empty library behind one implementation of the repository."""
    if request.param == "fake":
        yield FakeMovieRepository()
        return
    # `database_url` is a SQLite file, or a fresh PostgreSQL database with TEST_BACKEND=postgres
    real = MovieRepository(request.getfixturevalue("database_url"))
    yield real
    real.dispose()
