"""AppTest fixtures: the real navigation and pages over a service on a real library.

The library is a real MovieRepository on the test's database (`database_url`: a SQLite
file, or PostgreSQL with TEST_BACKEND=postgres); OMDb is the FakeOmdbClient. Tests that
inject failures (a library that raises StorageError) bring their own fake repository.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas  # noqa: F401  first imported under freezegun, pandas overflows the C stack
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from movie_tracker.models import Movie
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository

TIMEOUT = 20


def _script(service, page):
    from movie_tracker.ui import app

    app.navigation(service, default=page).run()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with Streamlit's caches empty, as a new process would."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@contextmanager
def real_library(database_url: str, movies: Iterable[Movie] = ()) -> Iterator[MovieRepository]:
    """A MovieRepository on `database_url` holding `movies` (added in order, so the last
    is the newest), disposed of afterwards."""
    repository = MovieRepository(database_url)
    try:
        for movie in movies:
            repository.add_movie(movie)
        yield repository
    finally:
        repository.dispose()


@pytest.fixture
def library(database_url: str) -> Iterator[MovieRepository]:
    """An empty library in the test's own database."""
    with real_library(database_url) as repository:
        yield repository


@pytest.fixture
def service(library, omdb) -> MovieService:
    """Lookups on: a FakeOmdbClient answers from its catalogue of real movies."""
    return MovieService(library, omdb)


@pytest.fixture
def offline_service(library) -> MovieService:
    """Lookups off: no OMDB_API_KEY, so no client."""
    return MovieService(library)


@pytest.fixture
def open_page():
    """open_page(service, "library") runs the app with that page shown first."""

    def run(service: MovieService, page: str) -> AppTest:
        at = AppTest.from_function(
            _script, kwargs={"service": service, "page": page}, default_timeout=TIMEOUT
        )
        return at.run()

    return run


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def posters(at: AppTest) -> dict[str, str | None]:
    """Each poster box drawn (ui/widgets.poster) by its key: the address its layer loads,
    or None when it shows only the film's title."""
    import re

    found: dict[str, str | None] = {}
    for element in at.get("html"):
        box = re.search(r"\.st-key-(poster_\S+) \{", element.proto.body)
        if box:
            layer = re.search(r'url\("([^"]*)"\)', element.proto.body)
            found[box[1]] = layer[1] if layer else None
    return found


def charts(at: AppTest) -> dict[str, object]:
    """Each Altair chart on the page by its title, as (spec, data frame) read from its proto."""
    import json

    import pyarrow as pa

    found = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        data = pa.ipc.open_stream(element.proto.datasets[0].data.data).read_pandas()
        found[spec["title"]] = (spec, data)
    return found
