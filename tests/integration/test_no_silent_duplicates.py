"""Adding a film the library already has adds nothing new, over a real database: the film
you have is used instead, and from OMDb it gains its IMDb ID and the details it lacked.

Issue 16: every film imported from Letterboxd (which has no IMDb ID) used to be duplicated
by the first OMDb add of it.
"""

from __future__ import annotations

import threading

import pytest

from movie_tracker.models import Movie, Status
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from tests.fakes.omdb import FakeOmdbClient
from tests.importer_files import LetterboxdExport, lb_uri


@pytest.fixture
def service(repository) -> MovieService:
    return MovieService(repository, FakeOmdbClient())


def import_heat_from_letterboxd(service: MovieService) -> Movie:
    export = LetterboxdExport(
        diary=[["2024-01-03", "Heat", 1995, lb_uri("heat"), 4.5, "", "", "2024-01-02"]],
        watched=[["2024-01-03", "Heat", 1995, lb_uri("heat")]],
    )
    service.run_import(service.preview_import("letterboxd.zip", export.zip()))
    (heat,) = service.list_movies()
    assert heat.imdb_id is None  # Letterboxd's export has no IMDb IDs
    return heat


def test_a_film_imported_from_letterboxd_then_added_from_omdb_search_is_one_film(
    service, repository
):
    imported = import_heat_from_letterboxd(service)

    result = service.add_from_omdb("tt0113277", "Want to Watch")

    (heat,) = repository.find_movies()
    assert heat.id == imported.id
    assert (heat.title, heat.year, heat.imdb_id) == ("Heat", 1995, "tt0113277")
    assert heat.status is Status.WATCHED  # as you have it: adding changes no status
    assert (heat.director, heat.runtime_minutes) == ("Michael Mann", 170)
    assert heat.poster_url.startswith("https://")
    assert len(repository.diary()) == 1  # its diary entry stays with it
    assert result.new is False
    assert result.movie == heat
    assert {"imdb_id", "poster_url", "runtime_minutes"} <= set(result.filled)
    assert [e.name for e in repository.recent_events(limit=2)] == [
        "movie.edited",
        "import.completed",
    ]


def test_the_form_with_a_lookup_finds_the_imported_film_too(service, repository):
    imported = import_heat_from_letterboxd(service)

    result = service.add_movie("heat", "Watched", lookup="Heat 1995")

    assert (result.new, result.movie.id) == (False, imported.id)
    assert [m.imdb_id for m in repository.find_movies()] == ["tt0113277"]


def test_adding_it_again_from_omdb_fills_nothing_and_changes_nothing(service, repository):
    service.add_from_omdb("tt0113277", "Watched")
    version = repository.library_version()

    result = service.add_from_omdb("tt0113277", "Want to Watch")

    assert (result.new, result.filled) == (False, ())
    assert result.movie.status is Status.WATCHED
    assert repository.count_movies() == 1
    assert repository.library_version() == version


THREADS = 6


def test_two_tabs_adding_the_same_film_at_once_end_with_one_film(database_url):
    """Six tabs press Add on Heat at the same moment; each on its own engine, as two
    app servers on one database would be."""
    repositories = [MovieRepository(database_url) for _ in range(THREADS)]
    services = [MovieService(repo, FakeOmdbClient()) for repo in repositories]
    barrier = threading.Barrier(THREADS)
    results = []

    def add(service: MovieService) -> None:
        barrier.wait()
        results.append(service.add_from_omdb("tt0113277", "Watched"))

    try:
        threads = [threading.Thread(target=add, args=(s,)) for s in services]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == THREADS
        assert sorted(result.new for result in results) == [False] * (THREADS - 1) + [True]
        assert len({result.movie.id for result in results}) == 1
        assert repositories[0].count_movies() == 1
        events = [e.name for e in repositories[0].recent_events()]
        assert events == ["movie.added"]
    finally:
        for repo in repositories:
            repo.dispose()


def test_two_tabs_adding_the_same_film_by_title_at_once_end_with_one_film(repository):
    """Without an IMDb ID the rule is the title and year: still one film."""
    services = [MovieService(repository) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    results = []

    def add(service: MovieService) -> None:
        barrier.wait()
        results.append(service.add_movie("Solaris", "Watched"))

    threads = [threading.Thread(target=add, args=(s,)) for s in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result.new for result in results) == [False] * (THREADS - 1) + [True]
    assert [m.title for m in repository.find_movies()] == ["Solaris"]
