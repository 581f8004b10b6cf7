""" "Today" is the person's day in the browser: Chromium is put in a timezone whose date
differs from UTC's right now, and the Log a watch form starts at that zone's today and
logs it.

The server's clock cannot be frozen here, so the zone is picked when the test runs: at any
instant Pacific/Kiritimati (UTC+14, a new day from 10:00 UTC) or Pacific/Pago_Pago
(UTC-11, still the day before until 11:00 UTC) is on another date than UTC.
"""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from movie_tracker.models import Movie, Status
from movie_tracker.store import MovieRepository
from movie_tracker.ui.text import day_month_year
from tests.e2e.conftest import NOT_LOOPBACK, open_page, wait_for_app

AHEAD, BEHIND = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def a_zone_on_another_day() -> str:
    now = datetime.now(timezone.utc)
    return AHEAD if now.astimezone(ZoneInfo(AHEAD)).date() != now.date() else BEHIND


def today_in(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


@pytest.fixture(scope="module")
def heat_id(app_server) -> int:
    library = MovieRepository(app_server.database_url)
    try:
        return library.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995)).id
    finally:
        library.dispose()


def test_the_form_starts_at_the_browsers_today_and_logs_it(browser: Browser, app_server, heat_id):
    zone = a_zone_on_another_day()
    before = today_in(zone)
    assert before != datetime.now(timezone.utc).date()
    context = browser.new_context(timezone_id=zone, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route(NOT_LOOPBACK, lambda route: route.abort())

    open_page(page, app_server, f"library?movie={heat_id}")
    field = page.get_by_test_id("stDateInput").filter(has_text="Day watched")
    shown = field.get_by_test_id("stDateInputField").inner_text().replace("\n", "")  # 2026/12/05
    page.get_by_role("button", name="Log watch", exact=True).click()
    wait_for_app(page)
    after = today_in(zone)

    assert shown in {day.strftime("%Y/%m/%d") for day in (before, after)}
    expect(page.get_by_text("Logged a watch of Heat (1995).")).to_be_visible()
    library = MovieRepository(app_server.database_url)
    try:
        [watch] = library.find_watches(heat_id)
    finally:
        library.dispose()
    assert watch.watched_on in (before, after)
    assert watch.watched_on.strftime("%Y/%m/%d") == shown
    expect(page.get_by_text(f"{day_month_year(watch.watched_on)} · no rating")).to_be_visible()
    context.close()
