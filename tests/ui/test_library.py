"""Library: the table, filters, paging, and changing or deleting a movie."""

import json
from datetime import datetime

import pytest

from movie_tracker.db import StorageError
from movie_tracker.models import Movie, Status
from movie_tracker.service import MovieService
from tests.factories import MovieFactory
from tests.fakes.library import FakeMovieRepository
from tests.ui.conftest import real_library, texts

PAGE = "library"

HEAT = Movie(
    title="Heat",
    year=1995,
    director="Michael Mann",
    genre="Action, Crime, Drama",
    status=Status.WATCHED,
    imdb_id="tt0113277",
    poster_url="https://img.example.org/heat.jpg",
)
ALIEN = Movie(title="Alien", year=1979, director="Ridley Scott", genre="Horror, Sci-Fi")
UNKNOWN = Movie(title="A film without details")


@pytest.fixture
def library(library):
    """Heat, then Alien, then a film without details (the newest), in a real library."""
    for movie in (HEAT, ALIEN, UNKNOWN):
        library.add_movie(movie)
    return library


@pytest.fixture
def empty_library(database_url):
    with real_library(database_url) as library:
        yield library


def table(at):
    return at.dataframe[0].value


def shown_titles(at):
    return list(table(at)["Title"]) if at.dataframe else []


def test_an_empty_library_points_to_add_movie(open_page, empty_library):
    at = open_page(MovieService(empty_library), PAGE)
    assert texts(at.info) == [
        "Your library is empty. Add the first movie you have watched or want to watch."
    ]
    assert texts(at.get("page_link")) == ["Add movie"]
    assert not at.dataframe
    assert not at.selectbox


def test_the_table_shows_every_column_newest_first(open_page, service):
    at = open_page(service, PAGE)
    frame = table(at)
    assert list(frame.columns) == [
        "Poster", "Title", "Year", "Director", "Genre", "Status", "Added", "IMDb"
    ]  # fmt: skip
    assert list(frame["Title"]) == ["A film without details", "Alien", "Heat"]
    heat = frame.iloc[2]
    assert heat["Poster"] == "https://img.example.org/heat.jpg"
    assert (heat["Year"], heat["Director"], heat["Status"]) == (1995, "Michael Mann", "Watched")
    assert heat["IMDb"] == "https://www.imdb.com/title/tt0113277/"
    assert isinstance(heat["Added"].to_pydatetime(), datetime)
    unknown = frame.iloc[0]
    assert unknown.isna()[["Poster", "Year", "Director", "Genre", "IMDb"]].all()
    assert texts(at.main.caption) == ["Showing 1–3 of 3 movies."]


def test_posters_are_images_and_imdb_is_a_link(open_page, service):
    at = open_page(service, PAGE)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["Poster"]["type_config"] == {"type": "image"}
    assert columns["IMDb"]["type_config"] == {"type": "link", "display_text": "IMDb ↗"}


@pytest.mark.parametrize(
    ("status", "words", "expected"),
    [
        ("Watched", "", ["Heat"]),
        ("Want to Watch", "", ["A film without details", "Alien"]),
        ("All", "mann", ["Heat"]),
        ("All", "sci-fi", ["Alien"]),
        ("All", "alien", ["Alien"]),
        ("Want to Watch", "crime", []),
    ],
)
def test_filters_by_status_and_by_text_in_title_director_and_genre(
    open_page, service, status, words, expected
):
    at = open_page(service, PAGE)
    at.selectbox(key="library_status").select(status)
    at = at.text_input(key="library_text").input(words).run()
    assert shown_titles(at) == expected
    count = len(expected)
    if expected:
        assert texts(at.main.caption) == [
            f"Showing 1–{count} of {count} movies (of 3 in your library)."
        ]
    else:
        assert "No movies match these filters" in at.info[0].value


def test_the_status_filter_offers_all_and_both_statuses(open_page, service):
    at = open_page(service, PAGE)
    assert at.selectbox(key="library_status").options == ["All", "Watched", "Want to Watch"]


@pytest.fixture
def big_library(database_url):
    with real_library(database_url, MovieFactory.build_batch(120)) as library:
        yield library


def test_a_big_library_is_shown_fifty_movies_a_page(open_page, big_library):
    at = open_page(MovieService(big_library), PAGE)
    assert len(table(at)) == 50
    first_page = shown_titles(at)
    assert "Page 1 of 3" in texts(at.markdown)
    assert at.button(key="library_page_previous").disabled

    at = at.button(key="library_page_next").click().run()
    assert "Page 2 of 3" in texts(at.markdown)
    assert texts(at.main.caption) == ["Showing 51–100 of 120 movies."]
    assert not set(shown_titles(at)) & set(first_page)

    at = at.button(key="library_page_next").click().run()
    assert len(table(at)) == 20
    assert at.button(key="library_page_next").disabled
    at = at.button(key="library_page_previous").click().run()
    assert "Page 2 of 3" in texts(at.markdown)


def test_changing_a_filter_goes_back_to_the_first_page(open_page, big_library):
    at = open_page(MovieService(big_library), PAGE)
    at = at.button(key="library_page_next").click().run()
    at = at.text_input(key="library_text").input("Movie").run()
    assert "Page 1 of 3" in texts(at.markdown)


def test_the_movie_picker_names_movies_by_title_and_year(open_page, service):
    at = open_page(service, PAGE)
    picker = at.selectbox(key="manage_movie")
    assert picker.label == "Movie"
    assert picker.options == ["A film without details", "Alien (1979)", "Heat (1995)"]
    assert at.selectbox(key="manage_status").label == "New status"


def pick(at, label, status=None):
    picker = at.selectbox(key="manage_movie")
    picker.select_index(picker.options.index(label))
    if status:
        at.selectbox(key="manage_status").select(status)
    return at


def click(at, label):
    return _button(at, label).click().run()


def _button(at, label):
    return next(button for button in at.button if button.label == label)


def status_of(library, title):
    return next(m.status for m in library.find_movies() if m.title == title)


def test_update_status_changes_the_movie_and_says_so(open_page, service, library):
    at = pick(open_page(service, PAGE), "Alien (1979)", "Watched")
    at = click(at, "Update status")
    assert texts(at.success) == ["Marked Alien (1979) as Watched."]
    assert status_of(library, "Alien") is Status.WATCHED
    assert list(table(at)["Status"]) == ["Want to Watch", "Watched", "Watched"]


def test_update_to_the_same_status_says_nothing_changed(open_page, service, library):
    at = pick(open_page(service, PAGE), "Heat (1995)", "Watched")
    at = click(at, "Update status")
    assert texts(at.info) == ["Heat (1995) is already marked Watched."]
    assert "movie.status_changed" not in [event.name for event in library.recent_events()]


def test_delete_asks_for_a_second_click_before_anything_is_removed(open_page, service, library):
    at = click(pick(open_page(service, PAGE), "Heat (1995)"), "Delete movie")
    assert texts(at.warning) == ["Delete Heat (1995) from your library? This cannot be undone."]
    assert "Heat" in shown_titles(at)
    assert library.count_movies() == 3

    at = click(at, "Confirm delete")
    assert texts(at.success) == ["Deleted Heat (1995) from your library."]
    assert not at.warning
    assert "Heat" not in shown_titles(at)
    assert "Heat (1995)" not in at.selectbox(key="manage_movie").options
    assert library.count_movies() == 2


def test_cancel_keeps_the_movie(open_page, service, library):
    at = click(pick(open_page(service, PAGE), "Heat (1995)"), "Delete movie")
    at = click(at, "Cancel")
    assert not at.warning
    assert not at.success
    assert "Heat" in shown_titles(at)
    assert library.count_movies() == 3


def test_picking_another_movie_withdraws_the_delete_question(open_page, service, library):
    at = click(pick(open_page(service, PAGE), "Heat (1995)"), "Delete movie")
    at = pick(at, "Alien (1979)").run()
    assert not at.warning
    assert "Confirm delete" not in [button.label for button in at.button]
    assert library.count_movies() == 3


def test_updating_first_withdraws_the_delete_question(open_page, service, library):
    at = click(pick(open_page(service, PAGE), "Alien (1979)", "Watched"), "Delete movie")
    at = click(at, "Update status")
    assert texts(at.success) == ["Marked Alien (1979) as Watched."]
    assert not at.warning
    assert library.count_movies() == 3


class VanishingLibrary(FakeMovieRepository):
    """Another session deletes every movie just as this one changes it."""

    def get_movie(self, movie_id):
        return None

    def delete_movie(self, movie_id):
        return False


class ReadOnlyLibrary(FakeMovieRepository):
    def update_movie_status(self, movie_id, new_status):
        raise StorageError("Could not change a movie's status: the library file is read-only.")

    def delete_movie(self, movie_id):
        raise StorageError("Could not delete a movie: the library file is read-only.")


def test_a_movie_deleted_elsewhere_says_to_reload(open_page):
    at = open_page(MovieService(VanishingLibrary([HEAT])), PAGE)
    at = click(at, "Update status")
    assert "it may have just been deleted" in at.error[0].value
    at = click(click(at, "Delete movie"), "Confirm delete")
    assert "Reload the page" in at.error[0].value


def test_storage_failures_say_what_to_do_and_change_nothing(open_page):
    library = ReadOnlyLibrary([ALIEN])
    at = click(
        pick(open_page(MovieService(library), PAGE), "Alien (1979)", "Watched"), "Update status"
    )
    assert texts(at.error) == ["Could not change a movie's status: the library file is read-only."]
    at = click(click(at, "Delete movie"), "Confirm delete")
    assert texts(at.error) == ["Could not delete a movie: the library file is read-only."]
    assert shown_titles(at) == ["Alien"]


def test_a_change_in_another_session_shows_on_the_next_run(open_page, service, library):
    at = open_page(service, PAGE)
    service.add_movie("Solaris", "Watched")  # another session, same process
    at = at.run()
    assert shown_titles(at)[0] == "Solaris"
    assert "Solaris" in at.selectbox(key="manage_movie").options


def test_two_movies_with_the_same_title_can_each_be_changed_and_deleted(open_page, empty_library):
    """Regression: the picker told options apart by text, so one "Heat" was unreachable."""
    library = empty_library
    older = library.add_movie(Movie(title="Heat", status="Watched"))
    newer = library.add_movie(Movie(title="Heat"))
    at = open_page(MovieService(library), PAGE)
    assert at.selectbox(key="manage_movie").options == [
        f"Heat (#{newer.id})",
        f"Heat (#{older.id})",
    ]

    at = click(pick(at, f"Heat (#{newer.id})", "Watched"), "Update status")
    assert texts(at.success) == ["Marked Heat as Watched."]
    assert library.get_movie(newer.id).status is Status.WATCHED

    at = click(pick(at, f"Heat (#{older.id})"), "Delete movie")
    at = click(at, "Confirm delete")
    assert library.get_movie(older.id) is None
    assert library.get_movie(newer.id) is not None


# -- a movie deleted in another tab: act on the movie the person saw, by id --------------

GONE = "Alien (1979) is no longer in your library: it may have just been deleted"


def statuses(library):
    """{title: status} of every movie in the library, as the repository stores them."""
    return {movie.title: movie.status for movie in library.find_movies()}


def picked_then_deleted_elsewhere(open_page, service, label, status=None):
    """The person picks `label` (and a new status); then another tab deletes that movie."""
    at = pick(open_page(service, PAGE), label, status).run()
    movie_id = next(m.id for m in service.list_movies() if m.label == label)
    service.delete_movie(movie_id)
    return at


def test_update_status_on_a_movie_deleted_in_another_tab_changes_nothing(
    open_page, service, library
):
    """Regression: the picker fell back to its first option, the newest movie, and
    Update status changed that one instead, with a success message."""
    before = statuses(library)
    at = picked_then_deleted_elsewhere(open_page, service, "Alien (1979)", "Watched")
    at = click(at, "Update status")
    assert not at.success
    assert GONE in at.error[0].value
    assert "Nothing was changed" in at.error[0].value
    assert statuses(library) == {t: s for t, s in before.items() if t != "Alien"}
    assert list(table(at)["Status"]) == ["Want to Watch", "Watched"]

    at = at.run()  # the message is said once; the picker now shows a movie still there
    assert not at.error
    assert at.selectbox(key="manage_movie").value == service.list_movies()[0].id


def test_delete_movie_on_a_movie_deleted_in_another_tab_offers_no_other_movie(
    open_page, service, library
):
    """Regression: "Delete movie" offered to delete the newest movie instead."""
    at = picked_then_deleted_elsewhere(open_page, service, "Alien (1979)")
    at = click(at, "Delete movie")
    assert not at.warning
    assert "Confirm delete" not in [button.label for button in at.button]
    assert GONE in at.error[0].value
    assert sorted(statuses(library)) == ["A film without details", "Heat"]


def test_confirming_a_delete_of_a_movie_deleted_in_another_tab_changes_nothing(
    open_page, service, library
):
    at = click(pick(open_page(service, PAGE), "Alien (1979)"), "Delete movie")
    alien = next(m for m in service.list_movies() if m.title == "Alien")
    service.delete_movie(alien.id)  # another tab
    at = click(at, "Confirm delete")
    assert not at.success
    assert GONE in at.error[0].value
    assert sorted(statuses(library)) == ["A film without details", "Heat"]


def test_picking_a_movie_another_tab_has_just_deleted_says_so(open_page, service, library):
    at = pick(open_page(service, PAGE), "Alien (1979)")  # from the list still on screen
    alien = next(m for m in service.list_movies() if m.title == "Alien")
    service.delete_movie(alien.id)  # another tab, before this pick reaches the app
    at = at.run()
    assert at.error[0].value.startswith(
        "The movie you picked is no longer in your library: it may have just been deleted"
    )
    assert "Nothing was changed" in at.error[0].value
    assert sorted(statuses(library)) == ["A film without details", "Heat"]
