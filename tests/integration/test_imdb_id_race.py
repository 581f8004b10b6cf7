"""Two writers giving one IMDb ID to two movies of a library at the same moment: the one
that loses is told so in words, and its change is not made.

Every writer takes the library's version row first (store/library.py `_writing`), so
within one library such a race cannot happen today; these tests stand in for it by
letting a writer match against a library that has not yet seen the other's movie.
"""

from datetime import date

import pytest

from movie_tracker.importers import ImportPlan, PlannedMovie
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import Movie
from movie_tracker.service import MovieService
from movie_tracker.store import StorageError
from movie_tracker.store import imports as store_imports
from movie_tracker.store import queries as store_queries
from tests.fakes.omdb import FakeOmdbClient

HEAT = Movie(title="Heat", year=1995, imdb_id="tt0113277")
RACE = "another change gave a movie in your library the same IMDb ID"


def as_if_unseen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import matches against a library that does not have the other's movie yet."""
    real_match = store_imports.match
    monkeypatch.setattr(store_imports, "match", lambda plan, stored: real_match(plan, []))


def test_an_import_losing_a_race_on_an_imdb_id_says_so_and_writes_nothing(repository, monkeypatch):
    repository.add_movie(HEAT)
    before = (repository.find_movies(), repository.library_version())
    plan = clean_plan(
        ImportPlan("letterboxd", (PlannedMovie("Heat", 1995, imdb_id="tt0113277"),)),
        date(2026, 11, 25),
    )
    as_if_unseen(monkeypatch)

    with pytest.raises(StorageError) as caught:
        repository.apply_import(plan)

    assert str(caught.value).startswith(f"Could not import the export: {RACE}")
    assert "Nothing was changed" in str(caught.value)
    assert (repository.find_movies(), repository.library_version()) == before


def test_filling_in_details_losing_a_race_on_an_imdb_id_says_so(repository, monkeypatch):
    repository.add_movie(HEAT)
    heat_copy = repository.add_movie(Movie(title="Heat", year=1995))
    monkeypatch.setattr(store_queries, "imdb_id_taken", lambda conn, owner, imdb_id: False)
    service = MovieService(repository, FakeOmdbClient())

    with pytest.raises(StorageError) as caught:
        service.fill_in_details()

    assert str(caught.value).startswith(f"Could not fill in a movie's details: {RACE}")
    assert repository.get_movie(heat_copy.id).imdb_id is None
    assert repository.count_missing_details() == 1  # asked again next time
