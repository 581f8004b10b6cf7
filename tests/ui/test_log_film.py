"""The Log a film dialog (issue 16) with AppTest, over the real navigation on a real
library: every page's sidebar opens it, then each of its states. AppTest draws an
st.dialog's body in the page's tree, so the dialog is driven as a person would."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, Status
from movie_tracker.omdb import OmdbUnavailable
from tests.ui.conftest import texts

TODAY = "2026-11-25 12:00:00"
PAGES = ["library", "diary", "add-movie", "statistics", "activity", "import-export", "connections"]


def open_dialog(at):
    return at.sidebar.button(key="log_film").click().run()


def film_fields(at):
    return [field for field in at.text_input if field.label == "Film"]


def type_film(at, typed):
    return film_fields(at)[0].input(typed).run()


def films(at):
    return [button.label for button in at.button if (button.key or "").startswith("log_pick_")]


def fields_key(at, name):
    return f"log_watch_{at.session_state['log_round']}_{name}"


def save(at, rating=None, review=None, tags=None):
    if rating is not None:
        at.button_group(key=fields_key(at, "log_rating")).set_value(rating)
    if review is not None:
        at.text_area(key=fields_key(at, "log_review")).input(review)
    if tags is not None:
        at.text_input(key=fields_key(at, "log_tags")).input(tags)
    submit = next(button for button in at.button if button.label == "Save")
    return submit.click().run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_starts_its_sidebar_with_log_a_film_and_the_dialog_closed(
    open_page, service, page
):
    at = open_page(service, page)

    assert at.sidebar.button[0].label == "Log a film"
    assert film_fields(at) == []


def test_the_dialog_opens_empty_with_what_to_type(open_page, service):
    at = open_dialog(open_page(service, "diary"))

    [field] = film_fields(at)
    assert field.value == ""
    assert texts(at.caption)[-1] == (
        "Type a few letters of the title: your films first, then OMDb's."
    )
    assert films(at) == []


def test_typing_lists_your_films_first_accents_and_case_ignored(
    open_page, offline_service, library
):
    library.add_movie(Movie("Amélie", Status.WATCHED, 2001))
    library.add_movie(Movie("Alien", Status.WANT_TO_WATCH, 1979))

    at = type_film(open_dialog(open_page(offline_service, "statistics")), "AMELIE")

    assert films(at) == ["Amélie (2001) · in your library", "Log “AMELIE” as a new film"]
    assert not at.warning


def test_omdbs_movies_follow_yours_and_a_film_you_have_is_listed_once_as_yours(
    open_page, service, library
):
    heat = library.add_movie(Movie("Heat", Status.WATCHED, 1995))  # imported: no IMDb ID

    at = type_film(open_dialog(open_page(service, "diary")), "heat")

    listed = films(at)
    assert listed[0] == "Heat (1995) · in your library"
    assert listed.count("Heat (1995) · in your library") == 1
    assert "Heat (1995) · from OMDb" not in listed
    assert "The Heat (2013) · from OMDb" in listed
    assert listed[-1] == "Log “heat” as a new film"
    assert at.button(key=f"log_pick_movie_{heat.id}").label == listed[0]


def test_omdb_failing_says_so_and_leaves_your_films_usable(open_page, service, library, omdb):
    heat = library.add_movie(Movie("Heat", Status.WATCHED, 1995))
    omdb.fail_with(OmdbUnavailable)

    at = type_film(open_dialog(open_page(service, "diary")), "heat")

    assert texts(at.warning) == [
        "OMDb's films cannot be shown: OMDb is not answering right now. Try again in a few "
        "minutes. Your own films and a typed title still work."
    ]
    assert films(at) == ["Heat (1995) · in your library", "Log “heat” as a new film"]
    at = at.button(key=f"log_pick_movie_{heat.id}").click().run()
    assert "**Heat (1995) · in your library**" in texts(at.markdown)


@freeze_time(TODAY)
def test_a_film_picked_shows_the_watch_fields_with_today_and_no_stars(open_page, service):
    at = type_film(open_dialog(open_page(service, "diary")), "heat")
    at = at.button(key="log_pick_tt0113277").click().run()

    assert "**Heat (1995) · from OMDb**" in texts(at.markdown)
    assert film_fields(at) == []
    assert at.date_input(key=fields_key(at, "log_watched_on")).value == date(2026, 11, 25)
    stars = at.button_group(key=fields_key(at, "log_rating"))
    assert (stars.value, stars.options[8]) == (None, "★★★★½")
    [rewatch] = at.checkbox
    assert (rewatch.label, rewatch.value, rewatch.disabled) == ("Rewatch", False, False)
    at = at.button(key="log_change_film").click().run()
    assert film_fields(at)[0].value == "heat"  # back to the results, as typed


@freeze_time(TODAY)
def test_saving_a_new_film_from_omdb_adds_it_with_its_watch(open_page, service, library):
    at = type_film(open_dialog(open_page(service, "activity")), "heat")
    at = at.button(key="log_pick_tt0113277").click().run()
    at = save(at, rating=4.5, review="Tense.")

    assert texts(at.success) == [
        "Logged a watch of Heat (1995), rated ★★★★½. Heat (1995) was added to your library."
    ]
    [heat] = library.find_movies()
    assert (heat.director, heat.status, heat.rating) == ("Michael Mann", Status.WATCHED, 4.5)
    [watch] = library.find_watches(heat.id)
    assert (watch.watched_on, watch.review, watch.rewatch) == (date(2026, 11, 25), "Tense.", False)
    assert [button.label for button in at.button][-2:] == ["Open Heat (1995)", "Log another"]


@freeze_time(TODAY)
def test_saving_a_film_you_have_logs_a_rewatch_there_and_adds_nothing(open_page, service, library):
    heat = library.add_movie(Movie("Heat", Status.WATCHED, 1995))
    service.log_watch(heat.id, "2020-01-01")

    at = type_film(open_dialog(open_page(service, "diary")), "HEAT")
    at = at.button(key=f"log_pick_movie_{heat.id}").click().run()
    [rewatch] = at.checkbox
    assert (rewatch.value, rewatch.disabled) == (True, True)
    assert rewatch.help == "You have logged this film before, so this watch is a rewatch."
    at = save(at, rating=3)

    assert texts(at.success) == ["Logged a watch of Heat (1995), rated ★★★."]
    assert library.count_movies() == 1
    assert [watch.rewatch for watch in library.find_watches(heat.id)] == [True, False]


@freeze_time(TODAY)
def test_a_refused_field_says_what_to_change_and_stores_nothing(
    open_page, offline_service, library
):
    at = type_film(open_dialog(open_page(offline_service, "diary")), "Stalker")
    at = at.button(key="log_pick_new").click().run()
    at = save(at, review="Keep this.", tags="x" * 60)

    assert "Keep each tag to 50 characters" in at.error[0].value
    assert not at.success
    assert at.text_area(key=fields_key(at, "log_review")).value == "Keep this."
    assert library.find_movies() == []


@freeze_time(TODAY)
def test_with_lookups_off_a_typed_title_is_logged_as_a_new_film(
    open_page, offline_service, library
):
    at = open_dialog(open_page(offline_service, "library"))
    assert texts(at.caption)[-1] == (
        "Type a few letters of the title: your films, or a new film by its title."
    )
    at = type_film(at, "Stalker")
    assert films(at) == ["Log “Stalker” as a new film"]
    at = at.button(key="log_pick_new").click().run()
    at.checkbox[0].check()  # seen before: a rewatch though it is the film's first watch
    at = save(at, rating=5)

    assert texts(at.success) == [
        "Logged a watch of Stalker, rated ★★★★★. Stalker was added to your library."
    ]
    [stalker] = library.find_movies()
    assert (stalker.title, stalker.rating) == ("Stalker", 5)
    assert [watch.rewatch for watch in library.find_watches(stalker.id)] == [True]


@freeze_time(TODAY)
def test_log_another_starts_again_from_an_empty_film_field(open_page, offline_service, library):
    at = type_film(open_dialog(open_page(offline_service, "diary")), "Stalker")
    at = save(at.button(key="log_pick_new").click().run())
    at = at.button(key="log_another").click().run()

    assert not at.success
    [field] = film_fields(at)
    assert field.value == ""
    assert library.count_movies() == 1


@freeze_time(TODAY)
def test_open_the_film_closes_the_dialog_and_shows_it_at_its_address(
    open_page, offline_service, library
):
    at = type_film(open_dialog(open_page(offline_service, "diary")), "Stalker")
    at = save(at.button(key="log_pick_new").click().run(), rating=4)
    at = at.button(key="log_open_film").click().run()

    [stalker] = library.find_movies()
    assert at.query_params["movie"] == str(stalker.id)
    assert "Stalker" in [header.value for header in at.header]
    assert film_fields(at) == []


@freeze_time(TODAY)
def test_the_movie_views_log_a_watch_has_the_same_rewatch_tick(open_page, service, library):
    heat = library.add_movie(Movie("Heat", Status.WANT_TO_WATCH, 1995))
    at = open_page(service, "library")
    at.query_params["movie"] = str(heat.id)
    at = at.run()
    at.checkbox(key="log_watch_rewatch_False").check()
    at = at.button(key="FormSubmitter:log_watch-Log watch").click().run()

    assert [watch.rewatch for watch in library.find_watches(heat.id)] == [True]
    assert at.checkbox(key="log_watch_rewatch_True").disabled


@freeze_time(TODAY)
def test_omdb_failing_at_save_says_so_and_stores_nothing(open_page, service, library, omdb):
    at = type_film(open_dialog(open_page(service, "diary")), "heat")
    at = at.button(key="log_pick_tt0113277").click().run()
    omdb.fail_with(OmdbUnavailable)
    at = save(at, rating=4)

    assert texts(at.error) == ["OMDb is not answering right now. Try again in a few minutes."]
    assert library.find_movies() == []
    assert "**Heat (1995) · from OMDb**" in texts(at.markdown)  # still there to try again
