"""Revision 0011 (a watch dated to a day, a month or a year: watches.watched_precision),
tested from the state before it, with rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

from freezegun import freeze_time

from movie_tracker.models import DatePrecision, Watch
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository
from tests.integration.test_migrations import migrate, query, run_sql

BEFORE = "0010"


def a_library_at_0010(database_url: str) -> str:
    """Heat with a dated and an undated watch, as 0010 left them."""
    migrate(database_url, BEFORE)
    run_sql(
        database_url,
        "INSERT INTO movies (owner, title, status, date_added, search_key)"
        " VALUES ('local', 'Heat', 'Watched', '2026-01-01T00:00:00+00:00', 'heat')",
        "INSERT INTO watches (owner, movie_id, watched_on, review, tags, rewatch, logged_at)"
        " SELECT 'local', id, '2015-03-31', 'Good', '[]', false, '2026-01-03T20:00:00+00:00'"
        " FROM movies",
        "INSERT INTO watches (owner, movie_id, watched_on, review, tags, rewatch, logged_at)"
        " SELECT 'local', id, NULL, '', '[]', true, '2026-01-04T20:00:00+00:00' FROM movies",
    )
    return database_url


@freeze_time("2026-03-10 12:00:00")
def test_0011_dates_every_existing_watch_to_the_day_and_takes_months_and_years(database_url):
    a_library_at_0010(database_url)

    repository = MovieRepository(database_url)
    try:
        [heat] = repository.find_movies()
        before = repository.find_watches(heat.id)
        assert [(w.watched_on, w.precision, w.review) for w in before] == [
            (date(2015, 3, 31), DatePrecision.DAY, "Good"),
            (None, DatePrecision.DAY, ""),
        ]
        service = MovieService(repository)
        in_march = service.log_watch(heat.id, "2015-03")
        in_2015 = service.log_watch(heat.id, "2015")
        newest_first = [w.id for w in repository.find_watches(heat.id)]
        assert newest_first == [in_2015.id, in_march.id, before[0].id, before[1].id]
        assert repository.get_movie(heat.id).last_watched_date.iso == "2015"
    finally:
        repository.dispose()


def test_0011_downgrades_to_0010_keeping_every_watch_on_its_placing_day(database_url):
    a_library_at_0010(database_url)
    repository = MovieRepository(database_url)
    [heat] = repository.find_movies()
    repository.log_watch(Watch(heat.id, date(2016, 12, 31), precision=DatePrecision.YEAR))
    repository.dispose()

    migrate(database_url, BEFORE, down=True)

    assert query(database_url, "SELECT version_num FROM alembic_version") == [(BEFORE,)]
    dates = query(database_url, "SELECT watched_on FROM watches ORDER BY id")
    assert dates == [("2015-03-31",), (None,), ("2016-12-31",)]
    again = MovieRepository(database_url)  # upgraded again on opening: to the day
    try:
        assert [w.precision for w in again.find_watches(heat.id)] == [DatePrecision.DAY] * 3
    finally:
        again.dispose()
