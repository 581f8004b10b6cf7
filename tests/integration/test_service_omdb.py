"""The service over a real SQLite file and the real OMDb client replaying cassettes."""

import logging

import pytest

from movie_tracker import events
from movie_tracker.omdb import OmdbClient, RequestLimitReached
from movie_tracker.service import MovieService


@pytest.fixture
def service(repository, omdb_api_key, omdb_base_url) -> MovieService:
    client = OmdbClient(omdb_api_key, base_url=omdb_base_url, sleep=lambda _s: None)
    return MovieService(repository, client)


@pytest.mark.vcr
def test_adding_with_a_lookup_stores_omdbs_details(service, repository, caplog, omdb_api_key):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    result = service.add_movie("Heat", "Watched", lookup="tt0113277")
    stored = repository.get_movie(result.movie.id)
    assert (stored.year, stored.director, stored.imdb_id) == (1995, "Michael Mann", "tt0113277")
    names = [getattr(r, "event", None) for r in caplog.records]
    assert names == ["omdb.request", "omdb.success", "movie.added"]
    assert omdb_api_key not in caplog.text


@pytest.mark.vcr(record_mode="none")  # OMDb cannot be put over the limit on demand
def test_a_lookup_over_the_limit_stores_nothing(service, repository):
    with pytest.raises(RequestLimitReached, match="Try again tomorrow"):
        service.add_movie("The Matrix", "Watched", lookup="tt0133093")
    assert repository.count_movies() == 0
    assert repository.recent_events() == []
