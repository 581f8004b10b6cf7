"""Add movie: the form (by hand, with a lookup, every failure) and the OMDb search."""

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from movie_tracker.models import Movie, Status
from movie_tracker.omdb import (
    InvalidApiKey,
    MovieNotFound,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
)
from movie_tracker.service import ENABLE_LOOKUPS_HINT, MovieService
from movie_tracker.store import StorageError
from tests.fakes.store import FakeMovieRepository
from tests.ui.conftest import TIMEOUT, _script, posters, texts

PAGE = "add-movie"


def fill(at, title="", status=None, lookup=None):
    at.text_input(key="add_title").input(title)
    if status is not None:
        at.selectbox(key="add_status").select(status)
    if lookup is not None:
        at.text_input(key="add_lookup").input(lookup)
    return at.button(key="FormSubmitter:add_movie-Add Movie").click().run()


def form_values(at):
    return (
        at.text_input(key="add_title").value,
        at.selectbox(key="add_status").value,
        at.text_input(key="add_lookup").value,
    )


def titles(library):
    return sorted(movie.title for movie in library.find_movies())


class BrokenLibrary(FakeMovieRepository):
    def add_or_find_movie(self, movie, fill=None):
        raise StorageError("Could not add a movie: the library file movies.db is read-only.")


# -- the form --------------------------------------------------------------------------


def test_the_form_has_the_seeds_labels(open_page, service):
    at = open_page(service, PAGE)
    assert [w.label for w in at.text_input][:2] == ["Movie Title", "OMDb lookup (title or IMDb ID)"]
    assert at.selectbox(key="add_status").label == "Status"
    assert at.selectbox(key="add_status").options == ["Want to Watch", "Watched"]
    assert at.button(key="FormSubmitter:add_movie-Add Movie").label == "Add Movie"


def test_adding_by_hand_names_the_movie_and_clears_the_form(open_page, service, library):
    at = open_page(service, PAGE)
    at = fill(at, "Heat", "Watched", "")
    assert texts(at.success) == ["Added Heat to your library as Watched."]
    assert form_values(at) == ("", "Want to Watch", "")
    assert [(m.title, m.status) for m in library.find_movies()] == [("Heat", Status.WATCHED)]


def test_adding_with_a_lookup_shows_the_details_found(open_page, service, library):
    at = open_page(service, PAGE)
    at = fill(at, "Heat", "Want to Watch", "tt0113277")
    message = at.success[0].value
    assert message.startswith("Added Heat (1995) to your library as Want to Watch.")
    assert "OMDb found: directed by Michael Mann; Action, Crime, Drama; 170 min" in message
    assert form_values(at) == ("", "Want to Watch", "")
    (movie,) = library.find_movies()
    assert (movie.year, movie.director, movie.imdb_id) == (1995, "Michael Mann", "tt0113277")


def test_an_empty_title_and_lookup_say_what_to_enter_and_keep_the_input(
    open_page, service, library
):
    at = open_page(service, PAGE)
    at = fill(at, "   ", "Watched", "  ")
    assert texts(at.error) == [
        "Enter a movie title, or a title, IMDb ID or IMDb link to look up on OMDb."
    ]
    assert form_values(at) == ("   ", "Watched", "  ")
    assert library.find_movies() == []
    assert not at.success


def test_with_lookups_off_an_empty_title_asks_for_the_title(open_page, offline_service, library):
    at = fill(open_page(offline_service, PAGE), "   ", "Watched")
    assert texts(at.error) == ["Enter a movie title."]
    assert library.find_movies() == []


@pytest.mark.parametrize("lookup", ["tt0113277", "https://www.imdb.com/title/tt0113277/"])
def test_the_lookup_alone_adds_the_movie_with_omdbs_title(open_page, service, library, lookup):
    at = fill(open_page(service, PAGE), "", "Watched", lookup)
    assert not at.error
    assert at.success[0].value.startswith("Added Heat (1995) to your library as Watched.")
    assert form_values(at) == ("", "Want to Watch", "")
    (movie,) = library.find_movies()
    assert (movie.title, movie.imdb_id, movie.status) == ("Heat", "tt0113277", Status.WATCHED)


def test_a_title_too_long_says_how_long_it_may_be(open_page, service):
    at = fill(open_page(service, PAGE), "x" * 301)
    assert "300 characters or fewer" in at.error[0].value
    assert at.text_input(key="add_title").value == "x" * 301


def test_a_movie_already_in_the_library_is_not_added_twice(open_page, service, library):
    at = fill(open_page(service, PAGE), "Heat", "Watched", "tt0113277")
    at = fill(at, "Heat again", "Want to Watch", "tt0113277")
    assert not at.error
    assert not at.success
    assert texts(at.info) == [
        "Heat (1995) is already in your library, as Watched: nothing was added."
    ]
    assert form_values(at) == ("", "Want to Watch", "")
    assert titles(library) == ["Heat"]
    assert library.find_movies()[0].status is Status.WATCHED
    assert open_links(at) == [("Open Heat (1995)", f"library?movie={heat_id(library)}")]


def test_a_film_imported_without_imdb_id_gains_it_from_the_form(open_page, service, library):
    """As after a Letterboxd import: the film you have is used, and OMDb fills it in."""
    imported = library.add_movie(Movie("Heat", year=1995, status=Status.WATCHED))
    at = fill(open_page(service, PAGE), "", "Want to Watch", "tt0113277")
    assert texts(at.success) == [
        "Heat (1995) is already in your library; added its IMDb ID, poster, runtime and 7 more "
        "details from OMDb."
    ]
    (heat,) = library.find_movies()
    assert (heat.id, heat.imdb_id, heat.status) == (imported.id, "tt0113277", Status.WATCHED)
    assert open_links(at) == [("Open Heat (1995)", f"library?movie={imported.id}")]


def test_typed_again_by_hand_the_film_is_not_added_twice(open_page, offline_service, library):
    at = fill(open_page(offline_service, PAGE), "Solaris", "Watched")
    at = fill(at, "solaris", "Want to Watch")
    assert texts(at.info)[0] == "Solaris is already in your library, as Watched: nothing was added."
    assert titles(library) == ["Solaris"]


# -- "Open <film>" after an add ---------------------------------------------------------


def open_links(at):
    """Each "Open" link on the page: (label, the address it opens)."""
    return [
        (link.proto.label, f"{link.proto.page}?{link.proto.query_string}")
        for link in at.get("page_link")
        if link.proto.label.startswith("Open")
    ]


def heat_id(library):
    return library.find_by_imdb_id("tt0113277").id


def test_after_an_add_the_message_offers_to_open_the_film_at_its_address(
    open_page, service, library
):
    at = fill(open_page(service, PAGE), "Heat", "Watched", "tt0113277")
    heat = library.find_by_imdb_id("tt0113277")
    assert open_links(at) == [("Open Heat (1995)", f"library?movie={heat.id}")]

    library_page = open_page_at(service, "library", movie=str(heat.id))
    assert texts(library_page.header) == ["Heat (1995)"]  # where the link leads

    at = at.run()  # the message and its link show once
    assert not at.success
    assert not open_links(at)


def test_a_title_in_the_open_link_is_escaped(open_page, offline_service):
    at = fill(open_page(offline_service, PAGE), "*Emphasis* [link](x)", "Watched")
    (link,) = at.get("page_link")
    assert link.proto.label == "Open \\*Emphasis\\* \\[link\\](x)"


def open_page_at(service, page, **params):
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": page}, default_timeout=TIMEOUT
    )
    at.query_params.update(params)
    return at.run()


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (MovieNotFound, "OMDb has no movie matching that search. Check the spelling"),
        (TooManyResults, "matches too many titles. Add more words or the year. Type the full"),
        (OmdbUnavailable, "OMDb is not answering right now. Try again in a few minutes. Try"),
        (InvalidApiKey, "Check the OMDB_API_KEY setting. Lookups cannot work"),
        (RequestLimitReached, "daily request limit is reached. Try again tomorrow. Lookups"),
        (OmdbRejected("Something went wrong."), "OMDb could not answer: Something went wrong."),
    ],
)
def test_a_failed_lookup_says_why_keeps_the_input_and_offers_adding_without_details(
    open_page, service, library, omdb, error, says
):
    omdb.fail_with(error)
    at = fill(open_page(service, PAGE), "Heat", "Watched", "heat 1995")
    assert says in at.error[0].value
    assert at.error[0].value.endswith("add the movie without details.")
    assert form_values(at) == ("Heat", "Watched", "heat 1995")
    assert library.find_movies() == []

    at = at.button(key="add_without_details").click().run()
    assert texts(at.success) == ["Added Heat to your library as Watched."]
    assert not at.error
    assert form_values(at) == ("", "Want to Watch", "")
    assert [(m.title, m.director) for m in library.find_movies()] == [("Heat", None)]


def test_a_failed_lookup_message_stays_until_the_form_is_sent_again(open_page, service, omdb):
    omdb.fail_with(MovieNotFound)
    at = fill(open_page(service, PAGE), "Heat", "Watched", "no such film")
    at = at.run()  # any other rerun, e.g. a click elsewhere on the page
    assert "OMDb has no movie" in at.error[0].value
    assert "add_without_details" in [button.key for button in at.button]
    omdb.recover()
    at = fill(at, "Heat", "Watched", "tt0113277")
    assert not at.error
    assert "add_without_details" not in [button.key for button in at.button]
    assert "Added Heat (1995)" in at.success[0].value


def test_the_add_without_details_offer_goes_when_the_form_no_longer_holds_it(
    open_page, service, library, omdb
):
    """Leaving the page empties the form; the old offer must not add the old title."""
    omdb.fail_with(MovieNotFound)
    at = fill(open_page(service, PAGE), "Heat", "Watched", "no such film")
    at.session_state["add_title"] = ""  # what Streamlit does to the form on another page
    at = at.run()
    assert not at.error
    assert "add_without_details" not in [button.key for button in at.button]
    assert library.find_movies() == []


def test_a_repeated_match_on_a_results_page_is_listed_once(open_page, service, omdb):
    page = omdb.search("matrix")
    doubled = replace(page, results=(page.results[0], *page.results))
    omdb.search = lambda query, year=None, page=1: doubled
    at = search(open_page(service, PAGE), "matrix")
    assert not at.exception
    assert result_titles(at) == [r.title for r in page.results]


def test_a_storage_failure_says_what_to_do_and_keeps_the_input(open_page, omdb):
    at = fill(open_page(MovieService(BrokenLibrary(), omdb), PAGE), "Heat", "Watched")
    assert texts(at.error) == ["Could not add a movie: the library file movies.db is read-only."]
    assert form_values(at) == ("Heat", "Watched", "")


def test_without_a_key_both_lookups_say_how_to_enable_them_and_adding_by_hand_works(
    open_page, offline_service, library
):
    at = open_page(offline_service, PAGE)
    assert at.text_input(key="add_lookup").disabled
    assert at.text_input(key="omdb_query").disabled
    assert ENABLE_LOOKUPS_HINT in texts(at.markdown)
    assert texts(at.info) == [ENABLE_LOOKUPS_HINT]

    at = fill(at, "Heat", "Watched")
    assert texts(at.success) == ["Added Heat to your library as Watched."]
    assert titles(library) == ["Heat"]


# -- the search ------------------------------------------------------------------------


def search(at, query):
    return at.text_input(key="omdb_query").input(query).run()


def result_titles(at):
    return [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]


def test_search_lists_matches_with_poster_title_year_and_type(open_page, service):
    at = search(open_page(service, PAGE), "matrix")
    assert texts(at.caption)[0] == "7 matches for “matrix”; showing 1–7 (page 1 of 1)."
    first = at.markdown[0].value
    assert first == "**The Matrix** (1999)  \nMovie"
    assert "Enter the Matrix** (2003)  \nGame" in " ".join(texts(at.markdown))
    shown = posters(at)
    assert len(shown) == 7  # a box each: the same layout whether a poster loads or not
    assert shown["poster_omdb_tt0133093"].startswith(
        "https://m.media-amazon.com/images/M/MV5BN2NmN2"
    )
    assert list(shown.values()).count(None) == 6  # the other six have no poster on OMDb
    assert "Enter the Matrix" in texts(at.caption)  # its title stands in the box instead
    assert "omdb_page_next" not in [button.key for button in at.button]  # one page: no paging


def test_search_pages_through_more_than_ten_matches(open_page, service):
    at = search(open_page(service, PAGE), "heat")
    assert "12 matches for “heat”; showing 1–10 (page 1 of 2)." in texts(at.caption)
    assert len(result_titles(at)) == 10
    assert at.button(key="omdb_page_previous").disabled

    at = at.button(key="omdb_page_next").click().run()
    assert "12 matches for “heat”; showing 11–12 (page 2 of 2)." in texts(at.caption)
    assert result_titles(at) == ["Heat", "Dead Heat on a Merry-Go-Round"]
    assert at.button(key="omdb_page_next").disabled

    at = at.button(key="omdb_page_previous").click().run()
    assert "showing 1–10 (page 1 of 2)" in texts(at.caption)[0]


def test_a_new_search_starts_on_its_first_page(open_page, service):
    at = search(open_page(service, PAGE), "heat")
    at = at.button(key="omdb_page_next").click().run()
    at = search(at, "the heat")
    assert "(page 1 of" in texts(at.caption)[0]


def test_picking_a_match_adds_it_with_the_chosen_status_in_one_click(open_page, service, library):
    at = search(open_page(service, PAGE), "matrix")
    at.selectbox(key="omdb_status").select("Watched")
    at = at.button(key="omdb_add_tt0133093").click().run()
    assert at.success[0].value.startswith("Added The Matrix (1999) to your library as Watched.")
    (movie,) = library.find_movies()
    assert (movie.title, movie.status, movie.imdb_id) == ("The Matrix", Status.WATCHED, "tt0133093")
    assert "directed by Lana Wachowski, Lilly Wachowski; Action, Sci-Fi" in at.success[0].value
    assert "7 matches for “matrix”" in texts(at.caption)[0]  # the search stays for more picks


def test_matches_you_have_say_in_your_library_with_open_instead_of_add(open_page, service, library):
    at = search(open_page(service, PAGE), "matrix")
    at = at.button(key="omdb_add_tt0133093").click().run()
    matrix = library.find_by_imdb_id("tt0133093")
    assert open_links(at) == [
        ("Open The Matrix (1999)", f"library?movie={matrix.id}"),  # the message's
        ("Open", f"library?movie={matrix.id}"),  # the match's, now in your library
    ]

    at = at.run()  # the message goes; the mark stays
    assert "omdb_add_tt0133093" not in [button.key for button in at.button]
    assert "omdb_add_tt0234215" in [button.key for button in at.button]
    assert "**The Matrix** (1999)  \nMovie · **In your library**" in texts(at.markdown)
    assert open_links(at) == [("Open", f"library?movie={matrix.id}")]
    assert library.count_movies() == 1


def test_a_film_you_have_without_imdb_id_is_marked_by_title_and_year(open_page, service, library):
    imported = library.add_movie(Movie("Heat", year=1995))  # as from Letterboxd
    library.add_movie(Movie("Heat", year=2000))  # another film of that title
    at = search(open_page(service, PAGE), "heat")
    assert open_links(at) == [("Open", f"library?movie={imported.id}")]
    assert "omdb_add_tt0113277" not in [button.key for button in at.button]
    assert "omdb_add_tt0093164" in [button.key for button in at.button]  # Heat (1986)
    marked = [m for m in texts(at.markdown) if "In your library" in m]
    assert marked == ["**Heat** (1995)  \nMovie · **In your library**"]


def test_the_marks_come_from_one_question_to_the_library(open_page, service, library):
    asked = []
    real = library.find_same_films
    library.find_same_films = lambda films: asked.append(len(films)) or real(films)
    search(open_page(service, PAGE), "heat")
    assert asked == [10]


def test_picking_when_omdb_went_down_says_so_and_adds_nothing(open_page, service, library, omdb):
    at = search(open_page(service, PAGE), "matrix")
    omdb.fail_with(OmdbUnavailable)
    at = at.button(key="omdb_add_tt0133093").click().run()
    assert texts(at.error) == ["OMDb is not answering right now. Try again in a few minutes."]
    assert library.find_movies() == []


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("he", "That search matches too many titles. Add more words or the year."),
        ("zzzz qqqq", "OMDb has no movie matching that search. Check the spelling"),
        ("x" * 201, "Shorten the search to 200 characters or fewer."),
    ],
)
def test_a_search_that_finds_nothing_says_what_to_try(open_page, service, query, says):
    at = search(open_page(service, PAGE), query)
    assert at.error[0].value.startswith(says)
    assert not result_titles(at)


def test_a_search_while_omdb_is_down_can_be_tried_again(open_page, service, omdb):
    omdb.fail_with(OmdbUnavailable)
    at = search(open_page(service, PAGE), "matrix")
    assert texts(at.error) == ["OMDb is not answering right now. Try again in a few minutes."]
    at = at.run()  # a rerun does not ask OMDb again
    assert omdb.calls == [("search", "matrix", "1")]
    omdb.recover()
    at = at.button(key="omdb_search_again").click().run()
    assert not at.error
    assert "The Matrix" in result_titles(at)


def test_add_pressed_as_another_tab_imports_the_film_uses_the_film_you_have(
    open_page, service, library
):
    """The results were drawn before a Letterboxd import in another tab added Heat."""
    at = search(open_page(service, PAGE), "heat")
    imported = library.add_movie(Movie("Heat", year=1995, status=Status.WATCHED))

    at = at.button(key="omdb_add_tt0113277").click().run()

    assert at.success[0].value.startswith(
        "Heat (1995) is already in your library; added its IMDb ID, poster, runtime"
    )
    (heat,) = library.find_movies()
    assert (heat.id, heat.imdb_id) == (imported.id, "tt0113277")
    assert ("Open", f"library?movie={imported.id}") in open_links(at)
