"""Dates as people remember them: a day, a month or a year (or none), read from what a
caller gives, placed at the end of their month or year, refused when still to come in the
person's timezone or before films, and logged, changed and described through the service
over the in-memory library."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from movie_tracker.models import (
    DatePrecision,
    LibraryEvent,
    Movie,
    ValidationError,
    Watch,
    WatchDate,
    clean_watch_date,
    parse_watch_date,
)
from movie_tracker.service import MovieService
from movie_tracker.ui import text

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("given", "placed", "precision", "written"),
    [
        ("2015-03-14", date(2015, 3, 14), DAY, "2015-03-14"),
        (" 2015-03 ", date(2015, 3, 31), MONTH, "2015-03"),
        ("2016-02", date(2016, 2, 29), MONTH, "2016-02"),  # a leap year's February
        ("2015-02", date(2015, 2, 28), MONTH, "2015-02"),
        ("2015", date(2015, 12, 31), YEAR, "2015"),
        (date(2015, 3, 14), date(2015, 3, 14), DAY, "2015-03-14"),
        (datetime(2015, 3, 14, 23, 59), date(2015, 3, 14), DAY, "2015-03-14"),
        (WatchDate(date(2015, 3, 2), MONTH), date(2015, 3, 31), MONTH, "2015-03"),
        (WatchDate.year(2015), date(2015, 12, 31), YEAR, "2015"),
    ],
)
def test_a_day_a_month_or_a_year_is_placed_at_its_end(given, placed, precision, written):
    when = parse_watch_date(given)
    assert (when.watched_on, when.precision, when.iso) == (placed, precision, written)


@pytest.mark.parametrize("given", [None, "", "   "])
def test_nothing_is_a_date_not_remembered(given):
    assert parse_watch_date(given) is None
    assert clean_watch_date(given, date(2026, 1, 1)) is None


@pytest.mark.parametrize("given", ["2015-13", "2015-00", "2015-3", "March 2015", "15", "0000"])
def test_anything_else_says_the_three_ways_to_write_a_date(given):
    with pytest.raises(ValidationError) as refused:
        parse_watch_date(given)
    assert refused.value.field == "watched_on"
    assert refused.value.message == (
        "Enter a day as YYYY-MM-DD, a month as YYYY-MM or a year as YYYY "
        f'("{given}" is none of those).'
    )


@pytest.mark.parametrize("given", [2015, 2015.0, ["2015"], True])
def test_a_date_must_be_a_date_or_text(given):
    with pytest.raises(ValidationError, match="must be a date, or left empty"):
        parse_watch_date(given)


def test_a_month_starts_on_its_first_day_and_a_year_on_1_january():
    assert WatchDate.month(2015, 3).start == date(2015, 3, 1)
    assert WatchDate.year(2015).start == date(2015, 1, 1)
    assert WatchDate(date(2015, 3, 14)).start == date(2015, 3, 14)


def test_of_one_placing_day_the_day_comes_first_then_the_month_then_the_year():
    dates = [WatchDate.year(2015), WatchDate.month(2015, 12), WatchDate(date(2015, 12, 31))]
    ordered = sorted(dates, key=lambda when: when.sort_key)
    assert [when.iso for when in ordered] == ["2015-12-31", "2015-12", "2015"]
    # The store sorts by the text it keeps, which must agree:
    assert sorted(p.value for p in DatePrecision) == ["day", "month", "year"]


@pytest.mark.parametrize("given", ["day", "month", "year", DAY, None])
def test_a_precision_is_read_by_its_name_and_none_is_to_the_day(given):
    assert DatePrecision.parse(given) is (DatePrecision(given) if given else DAY)


def test_an_unknown_precision_is_refused():
    with pytest.raises(ValidationError, match='not "week"'):
        DatePrecision.parse("week")


# -- not in the future, not before films ----------------------------------------------------


@pytest.mark.parametrize(
    ("today", "given"),
    [
        (date(2026, 3, 1), "2026-03"),  # the month has begun: fine on its first day
        (date(2026, 3, 1), "2026"),
        (date(2026, 1, 1), "2026"),  # the year too
        (date(2026, 12, 31), "2026-12-31"),
        (date(2026, 3, 1), "1870"),
        (date(2026, 3, 1), "1870-01"),
        (date(2026, 3, 1), "1870-01-01"),
    ],
)
def test_a_month_or_a_year_that_has_begun_is_fine(today, given):
    assert clean_watch_date(given, today) == parse_watch_date(given)


@pytest.mark.parametrize(
    ("today", "given", "message"),
    [
        (date(2026, 2, 28), "2026-03", "2026-03 has not begun (today is 2026-02-28)"),
        (date(2026, 12, 31), "2027", "2027 has not begun (today is 2026-12-31)"),
        (date(2026, 12, 31), "2027-01", "2027-01 has not begun (today is 2026-12-31)"),
        (date(2026, 3, 1), "2026-03-02", "(today is 2026-03-01)"),
    ],
)
def test_a_date_still_to_come_is_refused(today, given, message):
    with pytest.raises(ValidationError) as refused:
        clean_watch_date(given, today)
    assert refused.value.message.startswith("The date watched cannot be in the future")
    assert message in refused.value.message


@pytest.mark.parametrize("given", ["1869", "1869-12", "1869-12-31"])
def test_a_date_before_films_is_refused(given):
    with pytest.raises(ValidationError, match="Enter a date from 1870-01-01 on"):
        clean_watch_date(given, date(2026, 3, 1))


# -- through the service ----------------------------------------------------------------------


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


@pytest.fixture
def heat(library) -> Movie:
    return library.add_movie(Movie(title="Heat", year=1995))


@freeze_time("2026-11-25 12:00:00")
@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("2015-03-14", "2015-03-14"),
        ("2015-03", "2015-03"),
        ("2015", "2015"),
        (date(2015, 3, 14), "2015-03-14"),
        (WatchDate.month(2015, 3), "2015-03"),
    ],
)
def test_log_watch_takes_a_day_a_month_or_a_year(service, heat, given, written):
    watch = service.log_watch(heat.id, given)
    assert watch.when.iso == written
    assert service.get_watch(watch.id).when == watch.when


@freeze_time("2026-11-25 12:00:00")
def test_a_watch_without_a_date_is_to_the_day(service, heat):
    watch = service.log_watch(heat.id, None)
    assert (watch.watched_on, watch.precision, watch.when) == (None, DAY, None)


def test_this_month_is_fine_in_sydney_where_it_has_begun_not_in_utc(service, heat):
    with freeze_time("2026-02-28 13:30:00"):  # 1 March 00:30 in Sydney
        in_sydney = service.in_timezone(ZoneInfo("Australia/Sydney"))
        assert in_sydney.log_watch(heat.id, "2026-03").when.iso == "2026-03"
        with pytest.raises(ValidationError, match="2026-03 has not begun"):
            service.log_watch(heat.id, "2026-03")
    assert len(service.watches(heat.id)) == 1


@freeze_time("2026-11-25 12:00:00")
def test_update_watch_changes_the_precision_and_none_forgets_the_date(service, library, heat):
    watch = service.log_watch(heat.id, "2015-03-14", 4)

    to_a_year = service.update_watch(watch.id, watched_on="2015")
    assert (to_a_year.watched_on, to_a_year.precision, to_a_year.rating) == (
        date(2015, 12, 31),
        YEAR,
        4.0,
    )
    forgotten = service.update_watch(watch.id, watched_on=None)
    assert (forgotten.watched_on, forgotten.precision) == (None, DAY)
    events = len(library.events)
    assert service.update_watch(watch.id, watched_on="").when is None
    assert len(library.events) == events  # nothing changed: nothing recorded


@freeze_time("2026-11-25 12:00:00")
def test_a_refused_date_changes_nothing(service, library, heat):
    watch = service.log_watch(heat.id, "2015-03")
    with pytest.raises(ValidationError, match="2027 has not begun"):
        service.update_watch(watch.id, watched_on="2027", rating=5)
    assert service.get_watch(watch.id) == watch
    with pytest.raises(ValidationError, match="is none of those"):
        service.log_watch(heat.id, "Spring 2015")
    assert service.watches(heat.id) == [watch]


@freeze_time("2026-11-25 12:00:00")
def test_the_first_watch_of_a_film_is_the_earliest_placed_then_day_month_year(service, heat):
    in_2015 = service.log_watch(heat.id, "2015")
    in_december = service.log_watch(heat.id, "2015-12")
    on_the_31st = service.log_watch(heat.id, "2015-12-31")

    rewatches = {w.id: w.rewatch for w in service.watches(heat.id)}
    assert rewatches == {on_the_31st.id: False, in_december.id: True, in_2015.id: True}
    assert [w.id for w in service.watches(heat.id)] == [in_2015.id, in_december.id, on_the_31st.id]
    assert service.get_movie(heat.id).last_watched_date == WatchDate.year(2015)


@freeze_time("2026-11-25 12:00:00")
def test_statistics_count_a_month_in_its_month_and_a_year_in_no_month(service, heat):
    service.log_watch(heat.id, "2015")
    service.log_watch(heat.id, "2015-03")
    service.log_watch(heat.id, "2015-03-02")

    diary = service.diary_statistics(2015)
    assert (diary.watches, diary.watches_by_month) == (3, (("2015-03", 2),))
    review = service.year_in_review(2015)
    assert (review.watches, review.busiest_month) == (3, ("2015-03", 2))
    assert (review.first_watch.when.iso, review.last_watch.when.iso) == ("2015-03-02", "2015")
    assert service.diary_years() == [2015]


# -- in words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "shown", "in_a_sentence"),
    [
        (WatchDate(date(2026, 3, 3)), "3 Mar 2026", "on 3 Mar 2026"),
        (WatchDate.month(2015, 3), "March 2015", "in March 2015"),
        (WatchDate.month(2015, 9), "September 2015", "in September 2015"),
        (WatchDate.year(2015), "2015", "in 2015"),
        (None, "Date unknown", ""),
    ],
)
def test_a_date_reads_as_the_person_gave_it(when, shown, in_a_sentence):
    assert text.watched_on(when) == shown
    assert text.when_watched(when) == in_a_sentence


def test_activity_says_watched_in_a_month_or_a_year():
    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)

    def logged(watched_on, precision):
        return LibraryEvent(
            1, "watch.logged", now, 1, "Heat", 1995, watched_on=watched_on,
            watched_precision=precision, rating=4.0,
        )  # fmt: skip

    assert text.describe_event(logged(date(2015, 3, 31), MONTH), now) == (
        "Watched Heat (1995) in March 2015, rated ★★★★, just now"
    )
    assert text.describe_event(logged(date(2015, 12, 31), YEAR), now) == (
        "Watched Heat (1995) in 2015, rated ★★★★, just now"
    )
    assert text.describe_event(logged(None, DAY), now) == (
        "Watched Heat (1995), rated ★★★★, just now"
    )


def test_a_watch_says_when_in_one_value():
    watch = Watch(1, date(2015, 3, 31), precision=MONTH)
    assert watch.when == WatchDate.month(2015, 3)
    assert Watch(1).when is None


@freeze_time("2026-11-25 12:00:00")
def test_a_restored_history_says_which_month_and_reads_an_odd_precision_as_a_day(service):
    def logged(precision):
        details = {"watched_on": "2015-03-31", "precision": precision}
        return {"ts": "2024-01-03T00:00:00+00:00", "name": "watch.logged", "movie": 1,
                "watch": 1, "title": "Heat", "status": None, "details": details}  # fmt: skip

    backup = {
        "format": "movie-tracker-backup",
        "version": 3,
        "movies": [
            {
                "key": 1,
                "title": "Heat",
                "status": "Watched",
                "watches": [{"key": 1, "watched_on": "2015-03-31", "precision": "month"}],
            }
        ],
        "events": [logged("month"), logged("week")],
    }
    service.run_import(service.preview_import("backup.json", json.dumps(backup).encode()))

    history = [e for e in service.recent_activity() if e.name == "watch.logged"]
    assert [e.when.iso for e in history] == ["2015-03-31", "2015-03"]
    assert service.diary()[0].when.iso == "2015-03"
