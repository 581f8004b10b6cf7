"""Several browser sessions write at once: nothing is lost and nothing is "locked"."""

import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from movie_tracker.importers import ImportPlan, PlannedMovie
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import Movie, Status
from movie_tracker.store import MovieRepository
from tests.postgres import BACKEND

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


SAME_TIME = 6


def at_once(action, times=SAME_TIME):
    """Run action from `times` threads released together; their results, in any order."""
    barrier = threading.Barrier(times)

    def run(_):
        barrier.wait()
        return action()

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(run, range(times)))


def test_one_of_six_simultaneous_deletes_deletes_the_movie(repository):
    heat = repository.add_movie(Movie(title="Heat"))
    results = at_once(lambda: repository.delete_movie(heat.id))
    assert sorted(results) == [False] * (SAME_TIME - 1) + [True]
    assert [e.name for e in repository.recent_events()] == ["movie.deleted", "movie.added"]
    assert repository.get_movie(heat.id) is None


def test_one_of_six_simultaneous_identical_status_changes_changes_it(repository):
    heat = repository.add_movie(Movie(title="Heat"))
    version = repository.library_version()
    results = at_once(lambda: repository.update_movie_status(heat.id, "Watched"))
    assert sorted(results) == [False] * (SAME_TIME - 1) + [True]
    assert [e.name for e in repository.recent_events()] == [
        "movie.status_changed",
        "movie.added",
    ]
    assert repository.library_version() == version + 1


def test_every_thread_sees_one_in_memory_library():
    repository = MovieRepository("sqlite://")
    try:
        with ThreadPoolExecutor(1) as pool:
            pool.submit(repository.add_movie, Movie(title="Heat")).result()
        with ThreadPoolExecutor(1) as pool:
            titles = pool.submit(lambda: [m.title for m in repository.get_all_movies()]).result()
        assert titles == ["Heat"]
        assert [m.title for m in repository.get_all_movies()] == ["Heat"]
    finally:
        repository.dispose()


def test_threads_take_turns_on_the_in_memory_library():
    repository = MovieRepository("sqlite:///:memory:")

    def add_and_read() -> int:
        movie = repository.add_movie(Movie(title="Alien"))
        repository.update_movie_status(movie.id, "Watched")
        return repository.count_movies()

    try:
        counts = at_once(add_and_read)
        assert max(counts) == SAME_TIME
        assert repository.count_by_status()[Status.WATCHED] == SAME_TIME
        assert len(repository.recent_events()) == 2 * SAME_TIME
        assert repository.library_version() == 2 * SAME_TIME
    finally:
        repository.dispose()


def test_six_sessions_opening_a_new_library_at_once_share_one_schema(database_url):
    repositories = at_once(lambda: MovieRepository(database_url))
    try:
        for n, repository in enumerate(repositories):
            repository.add_movie(Movie(title=f"Movie {n}"))
        assert repositories[0].count_movies() == SAME_TIME
        assert repositories[-1].library_version() == SAME_TIME
    finally:
        for repository in repositories:
            repository.dispose()


APP_PROCESSES = 4


def open_the_library_with_the_others(database_url, barrier) -> None:
    barrier.wait()
    MovieRepository(database_url).dispose()


def test_app_processes_starting_at_once_on_a_new_database_all_open_it(database_url):
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(APP_PROCESSES)
    processes = [
        spawn.Process(target=open_the_library_with_the_others, args=(database_url, barrier))
        for _ in range(APP_PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * APP_PROCESSES


# -- an import and a change of the same film at once (PostgreSQL's row locks) ------------

WRITER_BLOCKED_TIMEOUT = 10.0


def wait_until_a_writer_waits_for_a_lock(database_url: str) -> None:
    """Until another session of this database waits for a lock (PostgreSQL says so in
    pg_stat_activity); fails after WRITER_BLOCKED_TIMEOUT seconds."""
    engine = create_engine(database_url)
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + WRITER_BLOCKED_TIMEOUT
    try:
        with engine.connect() as conn:
            while conn.execute(query).scalar_one() == 0:
                assert time.monotonic() < deadline, "the other writer never waited"
                conn.rollback()  # a fresh snapshot of pg_stat_activity
                threading.Event().wait(0.01)  # poll interval, not a wait for the outcome
    finally:
        engine.dispose()


def _change_status(repository, heat):
    return repository.update_movie_status(heat.id, Status.WANT_TO_WATCH)


def _delete(repository, heat):
    return repository.delete_movie(heat.id)


@pytest.mark.skipif(BACKEND != "postgres", reason="SQLite writers take turns from BEGIN")
@pytest.mark.parametrize(
    ("change", "event", "heat_after"),
    [
        (_change_status, "movie.status_changed", (Status.WANT_TO_WATCH, 4.5)),
        (_delete, "movie.deleted", None),
    ],
    ids=["status", "delete"],
)
def test_an_import_and_a_change_of_the_same_film_at_once_both_finish(
    database_url, repository, change, event, heat_after
):
    """Regression: the import held the library's version row and waited for the film's
    row, which the change held while it waited for the version row: PostgreSQL's deadlock
    detector failed one of them. Every writer now takes the version row first."""
    heat = repository.add_movie(Movie(title="Heat", year=1995, status=Status.WATCHED))
    plan = clean_plan(
        ImportPlan(
            "letterboxd",
            (PlannedMovie("Alien", 1979), PlannedMovie("Heat", 1995, rating=4.5)),
        ),
        date(2026, 11, 25),
    )
    other = MovieRepository(database_url)
    outcome: list[object] = []

    def change_it() -> None:
        try:
            outcome.append(change(other, heat))
        except Exception as error:  # the assertions below report it
            outcome.append(error)

    writer = threading.Thread(target=change_it)

    def progress(done: int, total: int) -> None:
        """Inside the import, after it wrote Alien and before it writes Heat: the change
        starts, and waits for the import."""
        if not writer.is_alive() and not outcome:
            writer.start()
            wait_until_a_writer_waits_for_a_lock(database_url)

    try:
        changes = repository.apply_import(plan, progress)
        writer.join(timeout=30)
    finally:
        other.dispose()

    assert outcome == [True]
    assert (len(changes.new_movies), len(changes.updates)) == (1, 1)
    assert [e.name for e in repository.recent_events()] == [
        event,
        "import.completed",
        "movie.added",
    ]
    after = repository.get_movie(heat.id)
    assert (after and (after.status, after.rating)) == heat_after
    assert [m.title for m in repository.find_movies(text="alien")] == ["Alien"]
