"""The open movie (/library?movie=<id>): its details and diary entries, every action on it,
the service's validation messages, and a movie that is not there or has just gone."""

from datetime import datetime, timezone

import pytest
from streamlit.testing.v1 import AppTest

from movie_tracker.models import Movie, Status
from movie_tracker.service import MovieService
from movie_tracker.store import StorageError
from tests.fakes.store import FakeMovieRepository
from tests.markdown import as_read, formatting
from tests.ui.conftest import TIMEOUT, _script, posters, texts

PAGE = "library"
HEAT = Movie(
    title="Heat",
    year=1995,
    director="Michael Mann",
    genre="Action, Crime, Drama",
    status=Status.WATCHED,
    imdb_id="tt0113277",
    poster_url="https://img.example.org/heat.jpg",
    runtime_minutes=170,
    plot="A group of high-end professional thieves start to feel the heat.",
    imdb_rating=8.3,
)
ALIEN = Movie(title="Alien", year=1979, director="Ridley Scott", genre="Horror, Sci-Fi")
TODAY = datetime.now(timezone.utc).date()
GONE = "Alien (1979) is no longer in your library: it may have just been deleted"


@pytest.fixture
def heat(library):
    return library.add_movie(HEAT)


@pytest.fixture
def alien(library):
    return library.add_movie(ALIEN)


def open_movie(service, movie_id) -> AppTest:
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": PAGE}, default_timeout=TIMEOUT
    )
    at.query_params["movie"] = str(movie_id)
    return at.run()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def click(at, label):
    return button(at, label).click().run()


def labelled(elements, label):
    return next(element for element in elements if element.label == label)


def log_watch(at, rating=None, review="", tags="", on=None, unknown=False):
    if on is not None:
        at.date_input(key="log_watched_on").set_value(on)
    if unknown:  # outside the form: the choice reruns the page to show what fits
        at = at.radio(key="log_watched_on_precision").set_value("Don't remember").run()
    at.button_group(key="log_rating").set_value(rating)
    at.text_area(key="log_review").input(review)
    at.text_input(key="log_tags").input(tags)
    return at.button(key="FormSubmitter:log_watch-Log watch").click().run()


def test_a_movie_shows_its_details(service, heat):
    at = open_movie(service, heat.id)
    assert not at.exception
    assert texts(at.title) == ["Library"]
    assert texts(at.header) == ["Heat (1995)"]
    details = at.markdown[0].value
    for line in (
        "**Status:** Watched", "**Your rating:** Not rated", "**Year:** 1995",
        "**Director:** Michael Mann", "**Genre:** Action, Crime, Drama",
        "**Runtime:** 2 h 50 min", "**IMDb rating:** 8.3/10",
    ):  # fmt: skip
        assert line in details
    assert at.get("link_button")[0].proto.url == "https://www.imdb.com/title/tt0113277/"
    assert posters(at) == {f"poster_movie_{heat.id}": "https://img.example.org/heat.jpg"}
    assert texts(at.main.caption)[0] == "Heat (1995)"  # the poster box's title, under it
    assert HEAT.plot in texts(at.text)


def reviews(at):
    """What a reader sees of each markdown on the page (reviews among them)."""
    return [as_read(markdown) for markdown in texts(at.main.markdown)]


def test_a_letterboxd_review_reads_with_its_formatting(service, heat):
    review = (
        'Saw <a href="https://letterboxd.com/film/heat-1995/">Heat</a> again. <b>Wow.</b>'
        '<blockquote>A quote.</blockquote><a href="javascript:alert(1)">no link</a>'
    )
    service.log_watch(heat.id, "2024-05-01", 4, review)
    at = open_movie(service, heat.id)
    (shown,) = (m for m in texts(at.main.markdown) if "Saw" in m)
    assert as_read(shown) == "Saw Heat again. Wow.\nA quote.\nno link"
    assert "[Heat](https://letterboxd.com/film/heat-1995/)" in shown
    assert "javascript" not in shown
    assert formatting(shown) == [
        "link_open", "link_close", "strong_open", "strong_close",
        "blockquote_open", "blockquote_close",
    ]  # fmt: skip


def test_a_movie_lists_its_diary_entries_newest_first(service, heat):
    service.log_watch(heat.id, "2024-05-01", 3.5, "First line\nsecond *line* <u>", "cinema, 35mm")
    service.log_watch(heat.id, "2025-03-03")
    at = open_movie(service, heat.id)
    entries = [m.value for m in at.markdown if m.value.startswith("**") and "·" in m.value]
    assert entries == ["**3 Mar 2025 · no rating · rewatch**", "**1 May 2024 · ★★★½**"]
    assert "First line\nsecond *line* <u>" in reviews(at)  # as typed, never markdown
    assert "Tags: cinema, 35mm" in texts(at.main.caption)


def test_an_unknown_or_bad_id_says_not_found_and_offers_the_way_back(service, heat):
    for raw in ("999", "abc", "-1"):
        at = open_movie(service, raw)
        assert not at.exception
        assert texts(at.header) == ["Movie not found"]
        assert f"There is no movie “{raw}” in your library" in at.error[0].value
    at = click(at, "← Back to the Library")
    assert at.query_params == {}
    assert texts(at.title) == ["Library"]


def test_back_returns_to_the_library_as_it_was_filtered(service, heat):
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": PAGE}, default_timeout=TIMEOUT
    )
    at.query_params.update({"movie": str(heat.id), "status": "Watched"})
    at = click(at.run(), "← Back to the Library")
    assert at.query_params == {"status": "Watched"}
    assert list(at.dataframe[0].value["Title"]) == ["Heat"]


# -- log a watch -------------------------------------------------------------------------


def test_log_a_watch_with_half_stars_a_two_line_review_and_tags(service, library, alien):
    at = log_watch(open_movie(service, alien.id), 3.5, "Still scary.\nThe cat!", "space, horror")
    assert texts(at.success) == ["Logged a watch of Alien (1979), rated ★★★½."]
    assert "Still scary.\nThe cat!" in reviews(at)
    assert "Tags: space, horror" in texts(at.main.caption)
    assert "**Status:** Watched" in at.markdown[0].value
    [watch] = library.find_watches(alien.id)
    assert (watch.watched_on, watch.rating, watch.tags) == (TODAY, 3.5, ("space", "horror"))
    assert at.text_area(key="log_review").value == ""  # the form is empty again


def test_a_watch_logged_with_stars_rates_the_movie(service, library, alien):
    at = log_watch(open_movie(service, alien.id), 4.5)

    assert texts(at.success) == ["Logged a watch of Alien (1979), rated ★★★★½."]
    assert "**Your rating:** ★★★★½" in at.markdown[0].value
    assert labelled(at.selectbox, "Your rating").value == 4.5  # the Rate tab
    assert not button(at, "Clear rating").disabled
    at = click(at, "← Back to the Library")
    assert list(at.dataframe[0].value["Rating"]) == ["★★★★½"]
    at.session_state["library_more"] = True  # "More filters and sorting" unfolded
    at.run()
    at.selectbox(key="library_rated").select("Rated").run()
    assert list(at.dataframe[0].value["Title"]) == ["Alien"]


def test_a_watch_on_an_unknown_date(service, library, alien):
    at = log_watch(open_movie(service, alien.id), unknown=True)
    assert texts(at.success) == ["Logged a watch of Alien (1979)."]
    assert library.find_watches(alien.id)[0].watched_on is None
    assert any(m.value.startswith("**Date unknown") for m in at.markdown)


def test_a_refused_watch_names_what_to_change_and_keeps_what_was_typed(service, library, alien):
    long_tag = "x" * 60
    at = log_watch(open_movie(service, alien.id), 4, "Keep this review.", long_tag)
    assert not at.success
    assert "Keep each tag to 50 characters" in at.error[0].value
    assert at.text_area(key="log_review").value == "Keep this review."
    assert at.button_group(key="log_rating").value == 4
    assert library.find_watches(alien.id) == []


# -- rate, status, details ---------------------------------------------------------------


def rate(at, stars):
    """Choose the stars (a rerun, which lets Save rating be pressed), then save them."""
    labelled(at.selectbox, "Your rating").set_value(stars).run()
    return click(at, "Save rating")


def test_rate_in_half_stars_then_clear(service, library, alien):
    at = rate(open_movie(service, alien.id), 4.5)
    assert texts(at.success) == ["Rated Alien (1979) ★★★★½."]
    assert "**Your rating:** ★★★★½" in at.markdown[0].value
    at = click(at, "Clear rating")
    assert texts(at.success) == ["Cleared your rating of Alien (1979)."]
    assert library.get_movie(alien.id).rating is None


def test_the_rate_tab_starts_with_nothing_chosen_for_a_movie_not_rated_yet(service, library, alien):
    """Regression: it preselected ★★★★★, so Save rating gave five stars unasked."""
    at = open_movie(service, alien.id)
    assert labelled(at.selectbox, "Your rating").value is None
    assert button(at, "Save rating").disabled
    assert button(at, "Clear rating").disabled
    library.rate_movie(alien.id, 3.5)
    at = open_movie(service, alien.id)
    assert labelled(at.selectbox, "Your rating").value == 3.5
    assert not button(at, "Save rating").disabled


def test_change_status(service, library, alien):
    at = open_movie(service, alien.id)
    labelled(at.selectbox, "New status").select("Watched")
    at = click(at, "Change status")
    assert texts(at.success) == ["Marked Alien (1979) as Watched."]
    assert library.get_movie(alien.id).status is Status.WATCHED


def test_change_to_the_same_status_says_nothing_changed(service, library, heat):
    at = click(open_movie(service, heat.id), "Change status")
    assert texts(at.info) == [
        "No diary entries yet. Log a watch below when you have seen it.",  # Watched, none logged
        "Heat (1995) is already marked Watched.",
    ]
    assert library.find_watches(heat.id) == []
    assert "movie.status_changed" not in [event.name for event in library.recent_events()]


def edit(at, **fields):
    for label, value in fields.items():
        labelled(at.text_input, label).input(value)
    return click(at, "Save details")


def test_edit_details(service, library, alien):
    at = edit(open_movie(service, alien.id), Title="Alien: Director's Cut", Year="2003")
    assert texts(at.success) == ["Saved the details of Alien: Director's Cut (2003)."]
    assert texts(at.header) == ["Alien: Director's Cut (2003)"]
    assert library.get_movie(alien.id).director == "Ridley Scott"


@pytest.mark.parametrize(("fields", "says"), [({"Title": " "}, "Enter a movie title."),
                                               ({"Year": "soon"}, "is not a year")])  # fmt: skip
def test_refused_details_name_what_to_change_and_keep_what_was_typed(
    service, library, alien, fields, says
):
    at = edit(open_movie(service, alien.id), Director="R. Scott", **fields)
    assert says in at.error[0].value
    assert labelled(at.text_input, "Director").value == "R. Scott"
    assert library.get_movie(alien.id).director == "Ridley Scott"


# -- delete ------------------------------------------------------------------------------


def test_delete_asks_for_a_second_click_then_returns_to_the_library(service, library, alien):
    at = click(open_movie(service, alien.id), "Delete movie")
    assert texts(at.warning) == ["Delete Alien (1979) from your library? This cannot be undone."]
    assert library.get_movie(alien.id) is not None
    at = click(at, "Confirm delete")
    assert texts(at.success) == ["Deleted Alien (1979) from your library."]
    assert texts(at.title) == ["Library"]
    assert not at.header  # the list, not a movie
    assert at.query_params == {}
    assert library.get_movie(alien.id) is None


def test_cancel_keeps_the_movie(service, library, alien):
    at = click(click(open_movie(service, alien.id), "Delete movie"), "Cancel")
    assert not at.warning
    assert texts(at.header) == ["Alien (1979)"]
    assert library.get_movie(alien.id) is not None


# -- diary entries -----------------------------------------------------------------------


def test_edit_a_diary_entry(service, library, alien):
    watch = service.log_watch(alien.id, "2024-05-01", 3)
    at = open_movie(service, alien.id)
    at.button_group(key=f"entry_{watch.id}_log_rating").set_value(5)
    at.text_area(key=f"entry_{watch.id}_log_review").input("Better\nevery time")
    at = at.button(key=f"FormSubmitter:entry_{watch.id}-Save entry").click().run()
    assert texts(at.success) == ["Saved the diary entry for Alien (1979)."]
    assert "**1 May 2024 · ★★★★★**" in texts(at.markdown)
    assert "Better\nevery time" in reviews(at)
    assert library.get_watch(watch.id).rating == 5


def ask_to_delete(at, watch):
    return at.button(key=f"entry_delete_{watch.id}").click().run()


def confirm_entry_delete(at, watch):
    return at.button(key=f"entry_{watch.id}_confirm_delete").click().run()


def test_delete_a_diary_entry_asks_first(service, library, alien):
    """Regression: one click deleted the entry and its review."""
    watch = service.log_watch(alien.id, "2024-05-01", 3, "The cat lives.")
    at = ask_to_delete(open_movie(service, alien.id), watch)
    assert texts(at.warning) == [
        "Delete this diary entry (1 May 2024 · ★★★) and its review? This cannot be undone."
    ]
    assert library.find_watches(alien.id) == [watch]
    at = confirm_entry_delete(at, watch)
    assert texts(at.success) == ["Deleted a diary entry for Alien (1979)."]
    assert not at.warning
    assert "No diary entries yet" in at.info[0].value
    assert library.find_watches(alien.id) == []


def test_cancel_keeps_the_diary_entry(service, library, alien):
    watch = service.log_watch(alien.id, None, None)
    at = ask_to_delete(open_movie(service, alien.id), watch)
    assert texts(at.warning) == [
        "Delete this diary entry (Date unknown · no rating)? This cannot be undone."
    ]
    at = at.button(key=f"entry_{watch.id}_cancel_delete").click().run()
    assert not at.warning
    assert not at.success
    assert library.find_watches(alien.id) == [watch]
    assert "movie.deleted" not in [e.name for e in library.recent_events()]


def test_deleting_a_diary_entry_another_tab_deleted_changes_nothing_else(service, library, alien):
    kept = service.log_watch(alien.id, "2024-01-01", 2)
    gone = service.log_watch(alien.id, "2024-05-01", 3)
    at = open_movie(service, alien.id)
    service.delete_watch(gone.id)  # another tab
    at = at.button(key=f"entry_delete_{gone.id}").click().run()
    assert not at.success
    assert [w.id for w in library.find_watches(alien.id)] == [kept.id]
    assert "**1 Jan 2024 · ★★**" in texts(at.markdown)


# -- a movie deleted in another tab: say it is gone and change nothing -------------------


def statuses(library):
    return {movie.title: (movie.status, movie.rating) for movie in library.find_movies()}


@pytest.mark.parametrize(
    "act",
    [
        lambda at: click(at, "Change status"),
        lambda at: click(at, "Save rating"),
        lambda at: click(at, "Delete movie"),
        lambda at: log_watch(at, 4, "Seen it"),
        lambda at: edit(at, Title="Renamed"),
    ],
    ids=["status", "rate", "delete", "log", "edit"],
)
def test_acting_on_a_movie_deleted_in_another_tab_changes_nothing(
    service, library, heat, alien, act
):
    """Regression: the old picker fell back to the newest movie and changed that one."""
    at = open_movie(service, alien.id)
    labelled(at.selectbox, "New status").select("Watched")
    at = labelled(at.selectbox, "Your rating").set_value(4).run()
    service.delete_movie(alien.id)  # another tab
    before = statuses(library)
    at = act(at)
    assert not at.success
    assert GONE in at.error[0].value
    assert "Nothing was changed" in at.error[0].value
    assert statuses(library) == before
    assert library.find_watches(heat.id) == service.watches(heat.id)
    at = click(at, "← Back to the Library")
    assert list(at.dataframe[0].value["Title"]) == ["Heat"]


def test_confirming_a_delete_of_a_movie_deleted_in_another_tab_changes_nothing(
    service, library, heat, alien
):
    at = click(open_movie(service, alien.id), "Delete movie")
    service.delete_movie(alien.id)  # another tab
    at = click(at, "Confirm delete")
    assert not at.success
    assert GONE in at.error[0].value
    assert [m.title for m in library.find_movies()] == ["Heat"]


class VanishingLibrary(FakeMovieRepository):
    """Another session deletes the movie just as this one changes it (after the page read it)."""

    def rate_movie(self, movie_id, rating):
        return None

    def log_watch(self, watch):
        return None

    def delete_movie(self, movie_id):
        return False


def test_a_movie_deleted_while_it_is_being_changed_says_so(open_page):
    library = VanishingLibrary([ALIEN])
    movie_id = library.find_movies()[0].id
    service = MovieService(library)
    at = rate(open_movie(service, movie_id), 4)
    assert GONE in at.error[0].value
    at = log_watch(at, 4)
    assert GONE in at.error[0].value
    at = click(click(at, "Delete movie"), "Confirm delete")
    assert GONE in at.error[0].value


class ForgetfulDiary(FakeMovieRepository):
    """Another session deletes every diary entry just as this one changes it."""

    def update_watch(self, watch_id, changes):
        return None

    def delete_watch(self, watch_id):
        return None


def test_a_diary_entry_deleted_while_it_is_being_changed_says_so():
    library = ForgetfulDiary([ALIEN])
    service = MovieService(library)
    movie_id = library.find_movies()[0].id
    watch = service.log_watch(movie_id, "2024-05-01", 3)
    at = open_movie(service, movie_id)
    at = at.button(key=f"FormSubmitter:entry_{watch.id}-Save entry").click().run()
    assert f"No watch with id {watch.id} is in your diary" in at.error[0].value
    at = confirm_entry_delete(ask_to_delete(at, watch), watch)
    assert f"No watch with id {watch.id} is in your diary" in at.error[0].value
    assert not at.success
    assert library.find_watches(movie_id) == [watch]


class ReadOnlyLibrary(FakeMovieRepository):
    def update_movie_status(self, movie_id, new_status):
        raise StorageError("Could not change a movie's status: the library file is read-only.")

    def delete_movie(self, movie_id):
        raise StorageError("Could not delete a movie: the library file is read-only.")


def test_storage_failures_say_what_to_do_and_change_nothing():
    library = ReadOnlyLibrary([ALIEN])
    movie_id = library.find_movies()[0].id
    at = open_movie(MovieService(library), movie_id)
    labelled(at.selectbox, "New status").select("Watched")
    at = click(at, "Change status")
    assert texts(at.error) == ["Could not change a movie's status: the library file is read-only."]
    at = click(click(at, "Delete movie"), "Confirm delete")
    assert texts(at.error) == ["Could not delete a movie: the library file is read-only."]
    assert library.get_movie(movie_id).status is Status.WANT_TO_WATCH
