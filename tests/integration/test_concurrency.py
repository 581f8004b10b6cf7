"""Several browser sessions write at once: nothing is lost and nothing is "locked"."""

from concurrent.futures import ThreadPoolExecutor

from movie_tracker.db import MovieRepository
from movie_tracker.models import Movie

THREADS = 8
MOVIES_EACH = 200


def test_eight_threads_adding_200_movies_each_store_all_1600(database_url):
    repository = MovieRepository(database_url)

    def add_many(thread: int) -> int:
        for n in range(MOVIES_EACH):
            repository.add_movie(Movie(title=f"Thread {thread} movie {n}"))
        return MOVIES_EACH

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            added = sum(pool.map(add_many, range(THREADS)))
        assert added == THREADS * MOVIES_EACH
        assert repository.count_movies() == 1600
        assert len({m.id for m in repository.get_all_movies()}) == 1600
        assert len(repository.recent_events(limit=2000)) == 1600
    finally:
        repository.dispose()


def test_writers_on_separate_engines_wait_for_each_other(database_url):
    repositories = [MovieRepository(database_url) for _ in range(4)]

    def add_and_flip(index: int) -> None:
        repo = repositories[index]
        for n in range(50):
            movie = repo.add_movie(Movie(title=f"Engine {index} movie {n}"))
            repo.update_movie_status(movie.id, "Watched")

    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(add_and_flip, range(4)))
        counts = repositories[0].count_by_status()
        assert sum(counts.values()) == 200
        assert repositories[0].count_movies(status=None) == 200
        assert len(repositories[0].get_movies_by_status("Watched")) == 200
    finally:
        for repo in repositories:
            repo.dispose()
