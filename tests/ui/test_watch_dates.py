"""Dates as people remember them: a watch logged or edited to a day, a month ("March
2015"), a year ("2015") or not at all, with the inputs that fit each; shown as written in
the movie view, the Diary, Statistics and Activity, and counted by its month or year."""

from datetime import date

import pytest
from freezegun import freeze_time
from streamlit.testing.v1 import AppTest

from movie_tracker.models import DatePrecision, Movie, Status
from movie_tracker.ui import app  # noqa: F401  pandas before freezegun (see test_today.py)
from tests.ui.conftest import TIMEOUT, _script, charts, texts

TODAY = "2026-11-25 15:00:00"
SUBMIT = "FormSubmitter:log_watch-Log watch"


@pytest.fixture
def heat(library):
    return library.add_movie(Movie("Heat", Status.WATCHED, 1995, runtime_minutes=170))


def open_page(service, page, **params) -> AppTest:
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": page}, default_timeout=TIMEOUT
    )
    at.query_params.update(params)
    return at.run()


def open_movie(service, movie_id) -> AppTest:
    return open_page(service, "library", movie=str(movie_id))


def choose(at, precision, key="log_watched_on"):
    return at.radio(key=f"{key}_precision").set_value(precision).run()


def labels(elements):
    return [element.label for element in elements]


def entry_lines(at):
    return [m.value for m in at.markdown if m.value.startswith("**") and "·" in m.value]


@freeze_time(TODAY, tick=True)
def test_the_log_form_starts_on_todays_day_and_offers_a_month_a_year_or_none(service, heat):
    at = open_movie(service, heat.id)
    date_watched = at.radio(key="log_watched_on_precision")
    assert (date_watched.label, date_watched.options) == (
        "Date watched",
        ["Day", "Month", "Year", "Don't remember"],
    )
    assert date_watched.value == "Day"
    assert at.date_input(key="log_watched_on").value == date(2026, 11, 25)

    at = choose(at, "Month")
    assert not at.date_input
    assert (
        at.selectbox(key="log_watched_on_month").value,
        at.selectbox(key="log_watched_on_year").value,
    ) == (11, 2026)
    assert at.selectbox(key="log_watched_on_month").options[:3] == ["January", "February", "March"]

    at = choose(at, "Year")
    assert "Month" not in labels(at.selectbox)
    assert at.selectbox(key="log_watched_on_year").options[:2] == ["2026", "2025"]
    assert at.selectbox(key="log_watched_on_year").options[-1] == "1870"

    at = choose(at, "Don't remember")
    assert not at.date_input
    assert "Year" not in labels(at.selectbox)


@freeze_time(TODAY, tick=True)
def test_log_a_watch_in_march_2015(service, library, heat):
    at = choose(open_movie(service, heat.id), "Month")
    at.selectbox(key="log_watched_on_month").set_value(3)
    at.selectbox(key="log_watched_on_year").set_value(2015)
    at = at.button(key=SUBMIT).click().run()

    assert texts(at.success) == ["Logged a watch of Heat (1995)."]
    [watch] = library.find_watches(heat.id)
    assert (watch.watched_on, watch.precision) == (date(2015, 3, 31), DatePrecision.MONTH)
    assert entry_lines(at) == ["**March 2015 · no rating**"]
    assert at.radio(key="log_watched_on_precision").value == "Day"  # the form is new again


@freeze_time(TODAY, tick=True)
def test_log_a_watch_in_2015_with_stars(service, library, heat):
    at = choose(open_movie(service, heat.id), "Year")
    at.selectbox(key="log_watched_on_year").set_value(2015)
    at.selectbox(key="log_rating").set_value(4.5)
    at = at.button(key=SUBMIT).click().run()

    assert texts(at.success) == ["Logged a watch of Heat (1995), rated ★★★★½."]
    [watch] = library.find_watches(heat.id)
    assert (watch.watched_on, watch.precision) == (date(2015, 12, 31), DatePrecision.YEAR)
    assert entry_lines(at) == ["**2015 · ★★★★½**"]


@freeze_time(TODAY, tick=True)
def test_this_month_is_fine_but_next_month_is_refused_and_nothing_is_stored(service, library, heat):
    at = choose(open_movie(service, heat.id), "Month")
    at.selectbox(key="log_watched_on_month").set_value(12)
    at.text_area(key="log_review").input("Keep this.")
    at = at.button(key=SUBMIT).click().run()

    assert not at.success
    assert texts(at.error) == [
        "The date watched cannot be in the future: 2026-12 has not begun (today is 2026-11-25)."
    ]
    assert library.find_watches(heat.id) == []
    assert at.text_area(key="log_review").value == "Keep this."  # kept to correct

    at.selectbox(key="log_watched_on_month").set_value(11)
    at = at.button(key=SUBMIT).click().run()
    assert texts(at.success) == ["Logged a watch of Heat (1995)."]
    assert library.find_watches(heat.id)[0].when.iso == "2026-11"


@freeze_time(TODAY, tick=True)
def test_an_entry_opens_at_its_precision_and_can_change_it(service, library, heat):
    watch = service.log_watch(heat.id, "2015-03")
    key = f"entry_{watch.id}_log_watched_on"
    at = open_movie(service, heat.id)
    assert at.radio(key=f"{key}_precision").value == "Month"
    assert at.selectbox(key=f"{key}_month").value == 3
    assert at.selectbox(key=f"{key}_year").value == 2015

    at = choose(at, "Year", key)
    assert at.selectbox(key=f"{key}_year").value == 2015  # the year carries over
    at = at.button(key=f"FormSubmitter:entry_{watch.id}-Save entry").click().run()

    assert texts(at.success) == ["Saved the diary entry for Heat (1995)."]
    assert library.get_watch(watch.id).when.iso == "2015"
    assert entry_lines(at) == ["**2015 · no rating**"]

    at = choose(at, "Day", key)
    at.date_input(key=key).set_value(date(2015, 7, 4))
    at = at.button(key=f"FormSubmitter:entry_{watch.id}-Save entry").click().run()
    assert library.get_watch(watch.id).when.iso == "2015-07-04"
    assert entry_lines(at) == ["**4 Jul 2015 · no rating**"]


@freeze_time(TODAY, tick=True)
def test_an_undated_entry_opens_at_dont_remember(service, heat):
    watch = service.log_watch(heat.id, None)
    at = open_movie(service, heat.id)
    assert at.radio(key=f"entry_{watch.id}_log_watched_on_precision").value == "Don't remember"
    assert entry_lines(at) == ["**Date unknown · no rating**"]


@freeze_time(TODAY, tick=True)
def test_the_diary_shows_months_and_years_as_written_at_the_end_of_them(service, library, heat):
    alien = library.add_movie(Movie("Alien", year=1979))
    service.log_watch(heat.id, "2015")
    service.log_watch(alien.id, "2015-03")
    service.log_watch(alien.id, "2015-03-31")
    service.log_watch(heat.id, "2015-04-02")
    at = open_page(service, "diary")

    assert texts(at.header) == ["2015"]
    captions = [c for c in texts(at.main.caption) if not c.startswith(("Showing", "Tags"))]
    assert captions == ["2015 · ↻ Rewatch", "2 Apr 2015", "March 2015 · ↻ Rewatch", "31 Mar 2015"]


@freeze_time(TODAY, tick=True)
def test_statistics_count_a_year_in_its_year_and_in_no_month(service, library, heat):
    service.log_watch(heat.id, "2015")
    service.log_watch(heat.id, "2015-03")
    service.log_watch(heat.id, "2015-06-14")
    at = open_page(service, "statistics")

    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Watches"] == "3"
    _, data = charts(at)["Watches per month"]
    by_month = dict(data.itertuples(index=False, name=None))
    assert (by_month["2015-03"], by_month["2015-06"], sum(by_month.values())) == (1, 1, 2)
    assert (metrics["Films"], metrics["Rewatches"], metrics["Hours"]) == ("1", "2", "8.5")
    assert "**First watch**, March 2015" in texts(at.markdown)
    assert "**Last watch**, 2015" in texts(at.markdown)


@freeze_time(TODAY, tick=True)
def test_watches_dated_only_to_a_year_are_in_no_month(service, heat):
    service.log_watch(heat.id, "2015")
    at = open_page(service, "statistics")
    assert "Watches per month" not in charts(at)
    assert "Watches per month: none of your watches is dated to a month or a day yet." in texts(
        at.main.caption
    )
    assert {metric.label: metric.value for metric in at.metric}["Watches"] == "1"
    assert at.selectbox(key="review_year").options == ["2015"]


@freeze_time(TODAY, tick=True)
def test_activity_says_in_march_2015_and_in_2015(service, heat):
    service.log_watch(heat.id, "2015-03", rating=4)
    service.log_watch(heat.id, "2015")
    at = open_page(service, "activity")
    assert at.markdown[0].value.split("\n")[:2] == [
        "- Watched Heat (1995) in 2015, just now",
        "- Watched Heat (1995) in March 2015, rated ★★★★, just now",
    ]


@freeze_time(TODAY, tick=True)
def test_the_library_shows_a_last_watch_as_written(service, library, heat):
    service.log_watch(heat.id, "2015-03")
    at = open_page(service, "library")
    assert list(at.dataframe[0].value["Last watched"]) == ["2015-03"]
