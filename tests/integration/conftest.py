import pytest

from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository


@pytest.fixture
def repository(database_url):
    repo = MovieRepository(database_url)
    yield repo
    repo.dispose()


@pytest.fixture
def service(repository) -> MovieService:
    return MovieService(repository)
