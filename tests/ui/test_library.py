"""Library: the table and the grid, sorting and filters read from and written to the URL,
paging, empty states, and opening a movie."""

import json
from datetime import datetime

import pytest

from movie_tracker.models import Movie, Status
from movie_tracker.service import MovieService
from movie_tracker.store import StorageError
from tests.factories import MovieFactory
from tests.fakes.store import FakeMovieRepository
from tests.ui.conftest import posters, real_library, texts

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
)
ALIEN = Movie(
    title="Alien", year=1979, director="Ridley Scott", genre="Horror, Sci-Fi", runtime_minutes=117
)
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
    assert not at.toggle


def test_the_table_shows_every_column_newest_first(open_page, service):
    at = open_page(service, PAGE)
    frame = table(at)
    assert list(frame.columns) == [
        "Title", "Year", "Status", "Rating", "Runtime", "Poster", "Director", "Genre",
        "Last watched", "Added", "IMDb",
    ]  # fmt: skip
    assert list(frame["Title"]) == ["A film without details", "Alien", "Heat"]
    heat = frame.iloc[2]
    assert heat["Poster"] == "https://img.example.org/heat.jpg"
    assert (heat["Year"], heat["Director"], heat["Status"]) == (1995, "Michael Mann", "Watched")
    assert (heat["Runtime"], frame.iloc[1]["Runtime"]) == ("2 h 50 min", "1 h 57 min")
    assert heat["IMDb"] == "https://www.imdb.com/title/tt0113277/"
    assert isinstance(heat["Added"].to_pydatetime(), datetime)
    unknown = frame.iloc[0]
    assert unknown.isna()[["Poster", "Year", "Runtime", "Director", "Genre", "IMDb"]].all()
    assert texts(at.main.caption) == ["Showing 1–3 of 3 movies. Click one to open it."]


def click_table(at, cell=None, row=None):
    """What the browser sends when a cell of the table (row index, column name), or a
    row's checkbox, is clicked: the dataframe's selection as a widget state, so its
    on_select callback runs before the script, as in a browser. AppTest has no public
    way to send one (it can only seed a selection, which runs no callback)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    selected = states.widgets.add()
    selected.id = at.dataframe[0].proto.id
    selection = {"rows": [] if row is None else [row], "columns": [], "cells": []}
    if cell is not None:
        selection["cells"] = [list(cell)]
    selected.string_value = json.dumps({"selection": selection})
    return at._run(states)


def test_the_table_opens_a_movie_from_a_click_on_any_cell_of_its_row(open_page, service, library):
    at = open_page(service, PAGE)
    modes = set(at.dataframe[0].proto.selection_mode)
    assert len(modes) == 2  # a row's checkbox, and any single cell
    alien = next(m for m in library.find_movies() if m.title == "Alien")
    at = click_table(at, cell=(1, "Year"))
    assert at.query_params == {"movie": str(alien.id)}
    assert texts(at.header) == ["Alien (1979)"]


def test_the_table_opens_a_movie_from_its_row_checkbox_and_keeps_the_filters(
    open_page, service, library
):
    at = open_at(open_page, service, sort="title")
    heat = next(m for m in library.find_movies() if m.title == "Heat")
    at = click_table(at, row=2)
    assert at.query_params == {"sort": "title", "movie": str(heat.id)}
    assert texts(at.header) == ["Heat (1995)"]


def test_titles_are_not_pinned_so_they_are_drawn_in_the_normal_text_colour(open_page, service):
    """Streamlit draws a pinned column's cells "faded" (grey, like an index): the titles
    looked disabled."""
    at = open_page(service, PAGE)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert not columns["Title"].get("pinned")


def test_posters_are_images_and_imdb_is_a_link(open_page, service):
    at = open_page(service, PAGE)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["Poster"]["type_config"] == {"type": "image"}
    assert columns["IMDb"]["type_config"] == {"type": "link", "display_text": "IMDb ↗"}


def test_a_page_shows_only_the_columns_it_has_something_in(open_page, service):
    """A film without details (as every film imported from Letterboxd is until OMDb fills
    it in) has no year, poster, director, genre or IMDb link: no empty columns for it."""
    at = open_at(open_page, service, q="without")
    assert shown_titles(at) == ["A film without details"]
    assert list(at.dataframe[0].proto.column_order) == ["Title", "Status", "Added"]
    at = open_page(service, PAGE)  # Heat and Alien have details; nothing is rated or watched
    assert list(at.dataframe[0].proto.column_order) == [
        "Title", "Year", "Status", "Runtime", "Poster", "Director", "Genre", "Added", "IMDb"
    ]  # fmt: skip


def caption(at):
    return texts(at.main.caption)[0]


def search(at, status="All", words=""):
    at.selectbox(key="library_status").select(status)
    return at.text_input(key="library_text").input(words).run()


@pytest.mark.parametrize(
    ("status", "words", "expected"),
    [
        ("Watched", "", ["Heat"]),
        ("Want to Watch", "", ["A film without details", "Alien"]),
        ("All", "mann", ["Heat"]),
        ("All", "sci-fi", ["Alien"]),
        ("All", "alien", ["Alien"]),
    ],
)
def test_filters_by_status_and_by_text_in_title_director_and_genre(
    open_page, service, status, words, expected
):
    at = search(open_page(service, PAGE), status, words)
    assert shown_titles(at) == expected
    count = len(expected)
    movies = "1 movie" if count == 1 else f"{count} movies"
    assert caption(at).startswith(f"Showing 1–{count} of {movies} (of 3 in your library).")


def test_filters_are_written_to_the_url_so_the_library_can_be_bookmarked(open_page, service):
    at = search(open_page(service, PAGE), "Want to Watch", " alien ")
    assert at.query_params == {"status": "Want to Watch", "q": "alien"}
    at = search(at, "All", "")
    assert at.query_params == {}


def test_filters_that_match_nothing_say_how_to_see_every_movie(open_page, service):
    at = search(open_page(service, PAGE), "Want to Watch", "crime")
    assert not at.dataframe
    assert "No movies match these filters" in at.info[0].value


def more_filters(at):
    """Unfold "More filters and sorting", as a click on it does (it reruns the page)."""
    at.session_state["library_more"] = True
    return at.run()


def test_more_filters_are_folded_and_drawn_only_when_unfolded(open_page, service):
    """Folded, the five pickers are not sent to the browser at all (they are most of
    what a Library load draws besides the table); a click on the expander unfolds them."""
    at = open_page(service, PAGE)
    assert [e.label for e in at.expander] == ["More filters and sorting"]
    more = {"library_genre", "library_decade", "library_rated", "library_runtime", "library_sort"}
    assert not more & {box.key for box in at.selectbox}
    at = more_filters(at)
    assert more <= {box.key for box in at.selectbox}


def test_the_filters_offer_the_library_own_genres_and_decades(open_page, service):
    at = more_filters(open_page(service, PAGE))
    assert at.selectbox(key="library_status").options == ["All", "Watched", "Want to Watch"]
    assert at.selectbox(key="library_genre").options == [
        "All genres", "Action", "Crime", "Drama", "Horror", "Sci-Fi"
    ]  # fmt: skip
    assert at.selectbox(key="library_decade").options == ["All decades", "1970s", "1990s"]
    assert at.selectbox(key="library_rated").options == ["Rated or not", "Rated", "Unrated"]
    assert at.selectbox(key="library_runtime").options == [
        "Any length", "90 minutes", "120 minutes", "150 minutes"
    ]  # fmt: skip
    assert at.selectbox(key="library_sort").options == [
        "Date added", "Title", "Year", "Your rating", "Last watched", "Runtime, shortest first",
        "Your order (Want to Watch first)"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "option", "param", "expected"),
    [
        ("library_genre", "Horror", {"genre": "Horror"}, ["Alien"]),
        ("library_genre", "Crime", {"genre": "Crime"}, ["Heat"]),
        ("library_decade", "1990s", {"decade": "1990"}, ["Heat"]),
        ("library_decade", "1970s", {"decade": "1970"}, ["Alien"]),
        ("library_rated", "Rated", {"rated": "rated"}, ["Heat"]),
        ("library_rated", "Unrated", {"rated": "unrated"}, ["A film without details", "Alien"]),
        ("library_runtime", 120, {"runtime": "120"}, ["Alien"]),
        ("library_runtime", 150, {"runtime": "150"}, ["Alien"]),
    ],
)
def test_genre_decade_and_rated_filters(open_page, service, library, key, option, param, expected):
    heat = next(m for m in library.find_movies() if m.title == "Heat")
    service.rate_movie(heat.id, 4)
    at = more_filters(open_page(service, PAGE))
    at = at.selectbox(key=key).select(option).run()
    assert shown_titles(at) == expected
    assert at.query_params == param


@pytest.mark.parametrize(
    ("sort", "param", "expected"),
    [
        ("Title", "title", ["A film without details", "Alien", "Heat"]),
        ("Year", "year", ["Heat", "Alien", "A film without details"]),
        ("Your rating", "rating", ["Alien", "Heat", "A film without details"]),
        ("Last watched", "last_watched", ["Heat", "Alien", "A film without details"]),
        ("Runtime, shortest first", "runtime", ["Alien", "Heat", "A film without details"]),
    ],
)
def test_sorts_by_title_year_rating_and_last_watched(
    open_page, service, library, sort, param, expected
):
    by_title = {m.title: m.id for m in library.find_movies()}
    service.rate_movie(by_title["Heat"], 3)
    service.rate_movie(by_title["Alien"], 4.5)
    service.log_watch(by_title["Alien"], "2026-01-02")
    service.log_watch(by_title["Heat"], "2026-02-01")  # added as Watched, logged only now
    at = more_filters(open_page(service, PAGE))
    at = at.selectbox(key="library_sort").select(sort).run()
    assert shown_titles(at) == expected
    assert at.query_params == {"sort": param}
    assert at.selectbox(key="library_sort").value == param


def open_at(open_page, service, **params):
    """The Library at an address typed, bookmarked or shared: /library?<params>."""
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import TIMEOUT, _script

    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": PAGE}, default_timeout=TIMEOUT
    )
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_a_bookmarked_library_shows_its_filters_and_sort(open_page, service):
    at = open_at(open_page, service, status="Want to Watch", sort="title", q="a")
    assert shown_titles(at) == ["A film without details", "Alien"]
    assert at.selectbox(key="library_status").value == "Want to Watch"
    assert at.selectbox(key="library_sort").value == "title"
    assert at.text_input(key="library_text").value == "a"


def test_a_bookmarked_genre_decade_and_rated_show_in_their_filters(open_page, service):
    at = open_at(open_page, service, genre="Horror", decade="1970", rated="unrated")
    assert shown_titles(at) == ["Alien"]
    assert at.selectbox(key="library_genre").value == "Horror"
    assert at.selectbox(key="library_decade").value == "1970s"
    assert at.selectbox(key="library_rated").value == "Unrated"


def test_a_bookmarked_runtime_filter_and_sort_show_in_their_pickers(open_page, service):
    at = open_at(open_page, service, runtime="150", sort="runtime")
    assert shown_titles(at) == ["Alien"]
    assert at.selectbox(key="library_runtime").value == 150
    assert at.selectbox(key="library_sort").value == "runtime"
    assert texts(at.main.caption)[0].startswith("Showing 1–1 of 1 movie (of 3 in your library).")

    at = at.selectbox(key="library_runtime").select(0).run()
    assert at.query_params == {"sort": "runtime"}
    assert shown_titles(at) == ["Alien", "Heat", "A film without details"]


def test_an_address_with_values_the_library_does_not_know_shows_every_movie(open_page, service):
    at = open_at(
        open_page,
        service,
        status="Seen",
        sort="price",
        genre="Western",
        decade="x",
        page="-2",
        runtime="100",
    )
    assert not at.exception
    at = more_filters(at)  # nothing narrows the list: they stay folded
    assert shown_titles(at) == ["A film without details", "Alien", "Heat"]
    assert at.selectbox(key="library_status").value == "All"
    assert at.selectbox(key="library_genre").value == "All genres"
    assert at.selectbox(key="library_runtime").value == 0  # "Any length"


@pytest.fixture
def big_library(database_url):
    with real_library(database_url, MovieFactory.build_batch(120)) as library:
        yield library


def test_a_big_library_is_shown_fifty_movies_a_page_and_the_page_is_in_the_url(
    open_page, big_library
):
    at = open_page(MovieService(big_library), PAGE)
    assert len(table(at)) == 50
    first_page = shown_titles(at)
    assert "Page 1 of 3" in texts(at.markdown)
    assert at.button(key="library_page_previous").disabled

    at = at.button(key="library_page_next").click().run()
    assert "Page 2 of 3" in texts(at.markdown)
    assert at.query_params == {"page": "2"}
    assert caption(at) == "Showing 51–100 of 120 movies. Click one to open it."
    assert not set(shown_titles(at)) & set(first_page)

    at = at.button(key="library_page_next").click().run()
    assert len(table(at)) == 20
    assert at.button(key="library_page_next").disabled
    at = at.button(key="library_page_previous").click().run()
    assert "Page 2 of 3" in texts(at.markdown)
    at = at.button(key="library_page_previous").click().run()
    assert "Page 1 of 3" in texts(at.markdown)
    assert at.query_params == {}


def test_a_page_past_the_last_shows_the_last(open_page, big_library):
    at = open_at(open_page, MovieService(big_library), page="9")
    assert "Page 3 of 3" in texts(at.markdown)
    assert len(table(at)) == 20


def test_changing_a_filter_goes_back_to_the_first_page(open_page, big_library):
    at = open_page(MovieService(big_library), PAGE)
    at = at.button(key="library_page_next").click().run()
    at = at.text_input(key="library_text").input("Movie").run()
    assert "Page 1 of 3" in texts(at.markdown)
    assert "page" not in at.query_params


def test_a_change_in_another_session_shows_on_the_next_run(open_page, service, library):
    at = open_page(service, PAGE)
    service.add_movie("Solaris", "Watched")  # another session, same process
    at = at.run()
    assert shown_titles(at)[0] == "Solaris"


def test_storage_failures_while_reading_say_what_to_do(open_page):
    class Unreadable(FakeMovieRepository):
        def find_movies(self, *args, **kwargs):
            raise StorageError("Could not read the library: the library file is locked.")

    at = open_page(MovieService(Unreadable([ALIEN])), PAGE)
    assert texts(at.error) == ["Could not read the library: the library file is locked."]


# -- the grid ----------------------------------------------------------------------------


def grid(at):
    return at.toggle(key="library_grid").set_value(True).run()


def card_titles(at):
    return [button.label for button in at.button if button.key.startswith("library_open_")]


def rating_picker(at, label):
    return next(box for box in at.selectbox if box.label == f"Rate {label}")


def test_the_grid_shows_a_card_a_movie_with_title_year_status_and_rating(
    open_page, service, library
):
    heat = next(m for m in library.find_movies() if m.title == "Heat")
    service.rate_movie(heat.id, 3.5)
    at = grid(open_page(service, PAGE))
    assert at.query_params == {"view": "grid"}
    assert not at.dataframe
    assert card_titles(at) == ["A film without details", "Alien (1979)", "Heat (1995)"]
    assert texts(at.main.caption)[1:] == [
        "A film without details",
        "Want to Watch · Not rated",
        "Alien (1979)",
        "Want to Watch · Not rated",
        "Heat (1995)",
        "Watched · ★★★½",
    ]  # fmt: skip  (each card: its poster box, holding the title, then status and stars)
    assert rating_picker(at, "Heat (1995)").value == 3.5
    ids = {m.title: m.id for m in library.find_movies()}
    assert posters(at) == {
        f"poster_card_{ids['A film without details']}": None,
        f"poster_card_{ids['Alien']}": None,
        f"poster_card_{heat.id}": "https://img.example.org/heat.jpg",
    }
    assert not at.get("image")  # no <img>: nothing to break, nothing without alt text

    at = at.toggle(key="library_grid").set_value(False).run()
    assert at.query_params == {}
    assert at.dataframe


def test_a_bookmarked_grid_opens_as_a_grid(open_page, service):
    at = open_at(open_page, service, view="grid", sort="title")
    assert at.toggle(key="library_grid").value is True
    assert card_titles(at) == ["A film without details", "Alien (1979)", "Heat (1995)"]


def test_rating_from_the_grid_stores_it_and_says_so(open_page, service, library):
    at = grid(open_page(service, PAGE))
    at = rating_picker(at, "Alien (1979)").select(4.5).run()
    assert texts(at.success) == ["Rated Alien (1979) ★★★★½."]
    assert "Want to Watch · ★★★★½" in texts(at.main.caption)
    assert next(m.rating for m in library.find_movies() if m.title == "Alien") == 4.5

    at = rating_picker(at, "Alien (1979)").select_index(0).run()
    assert texts(at.success) == ["Cleared your rating of Alien (1979)."]


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def on_a_phone(monkeypatch):
    """The session's browser is a phone: the headers of its first request say so (what
    st.context.headers reads; AppTest itself sends none)."""
    from types import SimpleNamespace

    from streamlit.runtime import context

    phone = SimpleNamespace(headers=[("User-Agent", IPHONE)])
    monkeypatch.setattr(context, "_get_client_context", lambda: phone)


def test_a_phone_opens_the_library_as_the_grid(open_page, service, on_a_phone):
    at = open_page(service, PAGE)
    assert at.toggle(key="library_grid").value is True
    assert card_titles(at) == ["A film without details", "Alien (1979)", "Heat (1995)"]
    assert not at.dataframe
    assert at.query_params == {}

    at = at.toggle(key="library_grid").set_value(False).run()  # the phone asks for the table
    assert at.query_params == {"view": "table"}
    assert at.dataframe
    at = at.toggle(key="library_grid").set_value(True).run()
    assert at.query_params == {}
    assert not at.dataframe


def test_a_phone_opens_the_table_when_the_address_says_so(open_page, service, on_a_phone):
    at = open_at(open_page, service, view="table")
    assert at.toggle(key="library_grid").value is False
    assert shown_titles(at) == ["A film without details", "Alien", "Heat"]


def test_a_card_opens_its_movie(open_page, service, library):
    at = grid(open_page(service, PAGE))
    at = next(b for b in at.button if b.label == "Alien (1979)").click().run()
    alien = next(m for m in library.find_movies() if m.title == "Alien")
    assert at.query_params == {"view": "grid", "movie": str(alien.id)}
    assert texts(at.header) == ["Alien (1979)"]
