""" "Today" is the person's day: the browser's timezone (st.context.timezone, UTC when it
is missing or unknown) dates the Log a watch form and bounds it. At both edges: just
after midnight in Sydney (still yesterday in UTC) and an evening in Los Angeles (already
tomorrow in UTC)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from streamlit.testing.v1 import AppTest

from movie_tracker.models import Movie
from movie_tracker.ui import app  # noqa: F401  (see below)
from movie_tracker.ui.state import zone_named
from tests.ui.conftest import TIMEOUT, _script, texts

# The pages (and pandas with them) are imported above, before any test freezes the clock:
# pandas imported for the first time under freezegun recurses until the C stack overflows.
SYDNEY_JUST_AFTER_MIDNIGHT = "2026-11-25 13:30:00"  # 26 Nov 00:30 in Sydney (UTC+11)
LOS_ANGELES_EVENING = "2026-11-26 03:00:00"  # 25 Nov 19:00 in Los Angeles (UTC-8)


@pytest.fixture
def heat(library):
    return library.add_movie(Movie(title="Heat", year=1995))


def open_movie_in(service, movie_id, zone: str | None) -> AppTest:
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": "library"}, default_timeout=TIMEOUT
    )
    at.context = {"timezone": zone}
    at.query_params["movie"] = str(movie_id)
    return at.run()


def date_watched(at: AppTest):
    return at.date_input(key="log_watched_on")


def log(at: AppTest) -> AppTest:
    return at.button(key="FormSubmitter:log_watch-Log watch").click().run()


def test_just_after_midnight_in_sydney_the_form_offers_sydneys_today(service, library, heat):
    with freeze_time(SYDNEY_JUST_AFTER_MIDNIGHT, tick=True):
        at = open_movie_in(service, heat.id, "Australia/Sydney")
        assert date_watched(at).value == date(2026, 11, 26)
        assert date_watched(at).max == date(2026, 11, 26)

        at = log(at)

    assert not at.error
    assert texts(at.success) == ["Logged a watch of Heat (1995)."]
    assert [w.watched_on for w in library.find_watches(heat.id)] == [date(2026, 11, 26)]
    assert any(m.value.startswith("**26 Nov 2026") for m in at.markdown)


def test_in_the_evening_in_los_angeles_the_form_does_not_offer_tomorrow(service, library, heat):
    with freeze_time(LOS_ANGELES_EVENING, tick=True):
        at = open_movie_in(service, heat.id, "America/Los_Angeles")
        assert date_watched(at).value == date(2026, 11, 25)
        assert date_watched(at).max == date(2026, 11, 25)

        at = log(at)

    assert [w.watched_on for w in library.find_watches(heat.id)] == [date(2026, 11, 25)]


@pytest.mark.parametrize("zone", [None, "Mars/Olympus_Mons", "../../etc/passwd", ""])
def test_without_a_zone_the_browser_names_the_form_uses_utc(service, heat, zone):
    with freeze_time(LOS_ANGELES_EVENING, tick=True):
        at = open_movie_in(service, heat.id, zone)
    assert not at.exception
    assert date_watched(at).value == date(2026, 11, 26)


def test_an_entry_edited_in_sydney_may_keep_sydneys_today(service, library, heat):
    with freeze_time(SYDNEY_JUST_AFTER_MIDNIGHT, tick=True):
        service.in_timezone(zone_named("Australia/Sydney")).log_watch(heat.id, "2026-11-26")
        at = open_movie_in(service, heat.id, "Australia/Sydney")
        at = at.button(key="FormSubmitter:entry_1-Save entry").click().run()
    assert not at.error
    assert texts(at.success) == ["Saved the diary entry for Heat (1995)."]


def test_an_entry_dated_sydneys_today_opens_in_los_angeles(service, library, heat):
    """The same moment is 26 Nov in Sydney and 25 Nov in Los Angeles: an entry logged
    in Sydney is on a day still to come for a browser in Los Angeles."""
    with freeze_time(SYDNEY_JUST_AFTER_MIDNIGHT, tick=True):
        service.in_timezone(zone_named("Australia/Sydney")).log_watch(heat.id, "2026-11-26")
        at = open_movie_in(service, heat.id, "America/Los_Angeles")
    assert not at.exception
    assert at.date_input(key="entry_1_log_watched_on").value == date(2026, 11, 26)
    assert date_watched(at).value == date(2026, 11, 25)


def test_export_file_names_carry_the_persons_date(service):
    with freeze_time(LOS_ANGELES_EVENING, tick=True):
        at = AppTest.from_function(
            _script, kwargs={"service": service, "page": "import-export"}, default_timeout=TIMEOUT
        )
        at.context = {"timezone": "America/Los_Angeles"}
        at = at.run()
    captions = texts(at.caption)
    assert any(c.startswith("movie-tracker-letterboxd-2026-11-25.zip") for c in captions)
    assert any(c.startswith("movie-tracker-backup-2026-11-25.json") for c in captions)


@pytest.mark.parametrize(
    ("name", "offset_hours"),
    [("Australia/Sydney", 11), ("America/Los_Angeles", -8), ("UTC", 0), (None, 0), ("", 0),
     ("Nowhere/Special", 0), ("../etc", 0), ("Europe/Paris\x00", 0)],
)  # fmt: skip
def test_a_zone_is_read_by_its_iana_name_and_anything_else_is_utc(name, offset_hours):
    moment = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    offset = moment.astimezone(zone_named(name)).utcoffset()
    assert offset == timedelta(hours=offset_hours)
