""" "Today" is the person's day, not the server's: the service is given the person's zone
(Service.in_timezone) and every default date, every "cannot be in the future", the export
file names and Trakt's timestamps follow it. At both edges: just after midnight in Sydney
(still yesterday in UTC) and an evening in Los Angeles (already tomorrow in UTC)."""

from datetime import date, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, Owner, ValidationError
from movie_tracker.service import MovieService
from tests.fakes.store import FakeMovieRepository
from tests.importer_files import json_bytes, trakt_movie, trakt_play

SYDNEY = ZoneInfo("Australia/Sydney")  # UTC+11 in November
LOS_ANGELES = ZoneInfo("America/Los_Angeles")  # UTC-8 in November
SYDNEY_JUST_AFTER_MIDNIGHT = "2026-11-25 13:30:00"  # 26 Nov 00:30 in Sydney
LOS_ANGELES_EVENING = "2026-11-26 03:00:00"  # 25 Nov 19:00 in Los Angeles


@pytest.fixture
def service(library, omdb) -> MovieService:
    return MovieService(library, omdb)


@pytest.fixture
def heat(library) -> Movie:
    return library.add_movie(Movie(title="Heat", year=1995))


def test_a_service_is_in_utc_until_told_the_persons_zone(service):
    assert service.timezone is timezone.utc
    assert service.in_timezone(SYDNEY).timezone is SYDNEY


@freeze_time(SYDNEY_JUST_AFTER_MIDNIGHT)
def test_in_sydney_just_after_midnight_today_is_already_the_next_day(service, heat):
    sydney = service.in_timezone(SYDNEY)

    assert sydney.today() == date(2026, 11, 26)
    assert service.today() == date(2026, 11, 25)
    watch = sydney.log_watch(heat.id, "2026-11-26", rating=4)
    assert watch.watched_on == date(2026, 11, 26)
    assert sydney.update_watch(watch.id, watched_on=date(2026, 11, 26)) == watch
    with pytest.raises(ValidationError, match=r"today is 2026-11-26"):
        sydney.log_watch(heat.id, "2026-11-27")


@freeze_time(LOS_ANGELES_EVENING)
def test_in_los_angeles_in_the_evening_tomorrow_in_utc_is_still_the_future(service, heat):
    los_angeles = service.in_timezone(LOS_ANGELES)

    assert los_angeles.today() == date(2026, 11, 25)
    with pytest.raises(ValidationError, match=r"cannot be in the future \(today is 2026-11-25\)"):
        los_angeles.log_watch(heat.id, "2026-11-26")
    watch = los_angeles.log_watch(heat.id, "2026-11-25")
    with pytest.raises(ValidationError) as caught:
        los_angeles.update_watch(watch.id, watched_on="2026-11-26")
    assert caught.value.field == "watched_on"
    assert service.log_watch(heat.id, "2026-11-26").watched_on == date(2026, 11, 26)  # UTC's


@freeze_time(LOS_ANGELES_EVENING)
def test_export_file_names_carry_the_persons_date(service):
    assert service.in_timezone(LOS_ANGELES).export_filenames() == (
        "movie-tracker-letterboxd-2026-11-25.zip",
        "movie-tracker-backup-2026-11-25.json",
    )
    assert service.export_filenames()[1] == "movie-tracker-backup-2026-11-26.json"


@freeze_time(SYDNEY_JUST_AFTER_MIDNIGHT)
def test_trakt_plays_are_dated_in_the_persons_zone_and_are_not_in_their_future(service):
    play = trakt_play(trakt_movie("Heat", 1995, "tt0113277"), "2026-11-25T13:10:00.000Z")
    history = [("watched-history-1.json", json_bytes([play]))]

    in_sydney = service.in_timezone(SYDNEY).preview_import_files(history)
    in_utc = service.preview_import_files(history)

    assert [w.watched_on for w in in_sydney.plan.movies[0].watches] == [date(2026, 11, 26)]
    assert in_sydney.skipped == ()
    assert [w.watched_on for w in in_utc.plan.movies[0].watches] == [date(2026, 11, 25)]
    told = service.preview_import("history.json", history[0][1], tz=LOS_ANGELES)
    assert [w.watched_on for w in told.plan.movies[0].watches] == [date(2026, 11, 25)]


def test_a_copy_in_another_zone_is_the_same_library_for_the_same_person(service, heat):
    sydney = service.in_timezone(SYDNEY)
    anna = sydney.for_owner(Owner.signed_in("https://accounts.example.org", "anna"))

    assert (sydney.repository, sydney.omdb) == (service.repository, service.omdb)
    assert sydney.get_movie(heat.id) == service.get_movie(heat.id)
    assert sydney.library_key == service.library_key
    assert anna.timezone is SYDNEY
    assert anna.library_key != service.library_key
    assert anna.in_timezone(LOS_ANGELES).library_key == anna.library_key


def test_two_services_never_share_a_library_key():
    first, second = MovieService(FakeMovieRepository()), MovieService(FakeMovieRepository())
    assert first.library_key != second.library_key
