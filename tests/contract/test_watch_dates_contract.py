"""Watches dated to a day, a month or a year, on every repository (SQLite, PostgreSQL and
the fake): stored as their placing day and precision, ordered day < month < year within
one placing day in the diary, a movie's watches, its rewatches and its last watch (and the
Library's sort by it), counted by their month or only by their year, and kept exactly by
an edit, an import and the Activity's events."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import DatePrecision, Movie, Status, Watch, WatchDate

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
DEC_31 = date(2015, 12, 31)


def on(movie_id: int, when: WatchDate | None, **fields: object) -> Watch:
    if when is None:
        return Watch(movie_id, **fields)
    return Watch(movie_id, when.watched_on, precision=when.precision, **fields)


def written(watches: list[Watch]) -> list[str | None]:
    return [w.when.iso if w.when else None for w in watches]


@pytest.fixture
def heat(repository) -> Movie:
    return repository.add_movie(Movie("Heat", Status.WATCHED, 1995, runtime_minutes=170))


@pytest.fixture
def logged(repository, heat) -> dict[str, Watch]:
    """Heat in 2015, in December 2015, on 31 Dec 2015, in 2014, and on a day unknown,
    logged in an order that is none of theirs."""
    watches = {}
    for iso in ("2015-12", None, "2015", "2014", "2015-12-31"):
        when = None if iso is None else _parse(iso)
        watches[iso] = repository.log_watch(on(heat.id, when))
    return watches


def _parse(iso: str) -> WatchDate:
    if len(iso) == 4:
        return WatchDate.year(int(iso))
    if len(iso) == 7:
        return WatchDate.month(int(iso[:4]), int(iso[5:]))
    return WatchDate(date.fromisoformat(iso))


def test_a_watch_keeps_its_placing_day_and_precision(repository, heat):
    stored = repository.log_watch(on(heat.id, WatchDate.month(2015, 3), rating=4.0))

    assert (stored.watched_on, stored.precision) == (date(2015, 3, 31), MONTH)
    assert repository.get_watch(stored.id) == stored
    assert repository.find_watches(heat.id) == [stored]


def test_newest_first_puts_the_year_before_the_month_before_the_day(repository, heat, logged):
    newest_first = ["2015", "2015-12", "2015-12-31", "2014", None]
    assert written(repository.find_watches(heat.id)) == newest_first
    assert written(repository.diary()) == newest_first
    assert written(repository.diary(2015)) == newest_first[:3]
    assert written(repository.diary(limit=2, offset=1)) == newest_first[1:3]
    assert written(repository.diary(oldest_first=True)) == list(reversed(newest_first))
    assert written(repository.diary(since=date(2015, 12, 31))) == newest_first[:3]
    assert (repository.count_diary(2015), repository.count_diary(2014)) == (3, 1)
    assert repository.diary_years() == [2015, 2014]


def test_the_first_watch_is_the_earliest_and_of_one_day_the_day_first(repository, heat, logged):
    flags = {iso: repository.get_watch(w.id).rewatch for iso, w in logged.items()}
    # Undated counts as the earliest; then 2014, 31 Dec 2015, December 2015, 2015.
    assert flags == {None: False, "2014": True, "2015-12-31": True, "2015-12": True, "2015": True}

    repository.delete_watch(logged[None].id)
    repository.delete_watch(logged["2014"].id)
    flags = [(iso, w.rewatch) for iso, w in zip(
        written(repository.diary(oldest_first=True)), repository.diary(oldest_first=True),
        strict=True,
    )]  # fmt: skip
    assert flags == [("2015-12-31", False), ("2015-12", True), ("2015", True)]


def test_a_movies_last_watch_is_its_newest_placed_year_before_month_before_day(repository, heat):
    alien = repository.add_movie(Movie("Alien", year=1979))
    up = repository.add_movie(Movie("Up", year=2009))
    repository.log_watch(on(heat.id, WatchDate(DEC_31)))
    repository.log_watch(on(alien.id, WatchDate.month(2015, 12)))
    repository.log_watch(on(up.id, WatchDate.year(2015)))
    repository.log_watch(on(up.id, WatchDate(date(2015, 6, 1))))

    last = {m.title: m.last_watched_date for m in repository.find_movies()}
    assert {title: when.iso for title, when in last.items()} == {
        "Heat": "2015-12-31",
        "Alien": "2015-12",
        "Up": "2015",
    }
    by_last = [m.title for m in repository.find_movies(sort="last_watched")]
    assert by_last == ["Up", "Alien", "Heat"]
    assert repository.get_movie(alien.id).last_watched == DEC_31
    [entry] = [w for w in repository.diary() if w.movie_id == alien.id]
    assert entry.movie.last_watched_date == WatchDate.month(2015, 12)


def test_a_month_counts_in_its_month_and_a_year_in_its_year_only(repository, heat, logged):
    assert repository.watches_by_month(2015) == [("2015-12", 2)]
    assert repository.watches_by_month() == [("2015-12", 2)]
    assert repository.year_counts(2015) == (1, 3, 3)
    assert repository.watch_minutes(2015) == (3 * 170, 0)
    assert repository.watches_by_director(2015) == [(None, 3)]
    assert [(m.title, stars) for m, stars in repository.top_rated(2015)] == []


def test_an_edit_changes_the_precision_and_an_equal_one_records_nothing(repository, heat):
    watch = repository.log_watch(on(heat.id, WatchDate(date(2015, 3, 14))))
    version = repository.library_version()

    to_month = repository.update_watch(
        watch.id, {"watched_on": date(2015, 3, 31), "precision": MONTH}
    )
    assert (to_month.when.iso, repository.get_watch(watch.id).when.iso) == ("2015-03", "2015-03")
    assert repository.library_version() == version + 1
    same = repository.update_watch(watch.id, {"watched_on": date(2015, 3, 31), "precision": MONTH})
    assert same == to_month
    assert repository.library_version() == version + 1
    to_day = repository.update_watch(watch.id, {"precision": DAY})  # 31 Mar 2015, to the day
    assert to_day.when.iso == "2015-03-31"


def test_the_activity_says_which_month_or_year(repository, heat):
    repository.log_watch(on(heat.id, WatchDate.month(2015, 3)))
    repository.log_watch(on(heat.id, WatchDate.year(2015)))
    repository.log_watch(on(heat.id, None))

    logged = [e for e in repository.recent_events() if e.name == "watch.logged"]
    assert [(e.when.iso if e.when else None) for e in logged] == [None, "2015", "2015-03"]
    recorded = [e.details for e in repository.history() if e.name == "watch.logged"]
    assert [(d.get("watched_on"), d.get("precision")) for d in recorded] == [
        ("2015-03-31", "month"),
        ("2015-12-31", "year"),
        (None, None),
    ]


@freeze_time("2026-11-25 15:00:00")
def test_an_import_keeps_a_months_precision_and_a_second_import_adds_nothing(repository):
    plan = clean_plan(
        ImportPlan(
            "backup",
            (
                PlannedMovie(
                    "Heat",
                    1995,
                    watches=(
                        PlannedWatch(date(2015, 3, 31), precision=MONTH),
                        PlannedWatch(date(2015, 3, 31)),
                        PlannedWatch(date(2015, 6, 2), precision=YEAR),  # placed at its end
                    ),
                ),
            ),
        ),
        date(2026, 11, 25),
    )
    repository.apply_import(plan)
    [heat] = repository.find_movies()

    assert written(repository.find_watches(heat.id)) == ["2015", "2015-03", "2015-03-31"]
    assert [w.rewatch for w in repository.find_watches(heat.id)] == [True, True, False]
    again = repository.apply_import(plan)
    assert (again.new_movies, again.updates, again.unchanged) == ((), (), 1)
    assert repository.count_diary() == 3


@freeze_time("2026-03-10 15:00:00")
def test_an_import_refuses_a_month_still_to_come_and_keeps_this_one(repository):
    plan = clean_plan(
        ImportPlan(
            "backup",
            (
                PlannedMovie(
                    "Heat",
                    1995,
                    watches=(
                        PlannedWatch(date(2026, 3, 31), precision=MONTH),
                        PlannedWatch(date(2026, 4, 30), precision=MONTH),
                    ),
                ),
            ),
        ),
        date(2026, 3, 10),
    )
    assert [s.reason for s in plan.skipped] == [
        "Heat (1995): The date watched cannot be in the future: 2026-04 has not begun "
        "(today is 2026-03-10)."
    ]
    repository.apply_import(plan)
    assert written(repository.diary()) == ["2026-03"]
