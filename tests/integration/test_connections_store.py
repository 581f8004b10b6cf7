"""The connections part of the real store where only a real database can show it: the
second, constant-time look at a token's hash, and a film added by hand at the very moment
a play adds it."""

from __future__ import annotations

from datetime import date

from movie_tracker.models import Movie, Watch, secret_hash
from movie_tracker.store import MovieRepository
from movie_tracker.store import connections as store_connections
from movie_tracker.store.failures import DuplicateImdbId


def test_a_token_is_found_only_when_its_hash_also_compares_equal_in_constant_time(
    database_url, monkeypatch
):
    repository = MovieRepository(database_url)
    try:
        repository.add_token("Jellyfin", "jellyfin", secret_hash("s3cret"))
        compared = []

        def compare_digest(a, b):
            compared.append((a, b))
            return False

        monkeypatch.setattr(store_connections.hmac, "compare_digest", compare_digest)

        assert repository.token_by_secret_any_owner(secret_hash("s3cret")) is None
        assert compared == [(secret_hash("s3cret"), secret_hash("s3cret"))]
    finally:
        repository.dispose()


def test_a_play_whose_film_was_added_by_hand_that_instant_logs_it_once(database_url, monkeypatch):
    repository = MovieRepository(database_url)
    try:
        token = repository.add_token("Plex", "plex", secret_hash("s3cret"))
        heat = Movie(title="Heat", year=1995, imdb_id="tt0113277")
        first_try = store_connections.Connections._log_play
        tries = []

        def raced(self, *args):
            tries.append(1)
            if len(tries) == 1:  # the film arrives by hand before the play's insert
                repository.add_movie(heat)
                raise DuplicateImdbId()
            return first_try(self, *args)

        monkeypatch.setattr(store_connections.Connections, "_log_play", raced)
        logged = repository.log_play(token, heat, Watch(0, date(2026, 3, 3)))

        assert not logged.added
        assert repository.count_movies() == 1
        assert repository.count_diary() == 1
    finally:
        repository.dispose()
