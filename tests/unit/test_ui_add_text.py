"""The Add movie page's sentences: a movie added, or the one the library already had."""

import pytest

from movie_tracker.models import Status
from movie_tracker.service import AddResult
from movie_tracker.ui.add_text import added_message, filled_names
from tests.factories import MovieDetailsFactory, MovieFactory


def test_added_message_names_the_movie_and_its_status():
    movie = MovieFactory.build(title="Heat", year=None, status=Status.WATCHED)
    assert added_message(AddResult(movie)) == "Added Heat to your library as Watched."


def test_added_message_tells_what_omdb_found():
    movie = MovieFactory.build(title="Heat", year=1995)
    details = MovieDetailsFactory.build(imdb_rating=8.3)
    assert added_message(AddResult(movie, details)) == (
        "Added Heat (1995) to your library as Want to Watch. OMDb found: directed by "
        "Michael Mann; Action, Crime, Drama; 170 min; IMDb 8.3/10."
    )


def test_added_message_when_omdb_knows_nothing_more():
    details = MovieDetailsFactory.build(director=None, genre=None, runtime=None, imdb_rating=None)
    message = added_message(AddResult(MovieFactory.build(title="Up", year=2009), details))
    assert message == "Added Up (2009) to your library as Want to Watch. OMDb found it."


def test_a_film_you_have_that_gained_details_says_which():
    movie = MovieFactory.build(title="Heat", year=1995, status=Status.WATCHED)
    filled = ("runtime_minutes", "imdb_id", "poster_url")
    result = AddResult(movie, MovieDetailsFactory.build(), new=False, filled=filled)
    assert added_message(result) == (
        "Heat (1995) is already in your library; added its IMDb ID, poster and runtime from OMDb."
    )


def test_a_film_you_have_that_gained_nothing_says_nothing_was_added():
    movie = MovieFactory.build(title="Heat", year=1995, status=Status.WATCHED)
    assert added_message(AddResult(movie, new=False)) == (
        "Heat (1995) is already in your library, as Watched: nothing was added."
    )


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (("imdb_id",), "IMDb ID"),
        (("genre", "imdb_id"), "IMDb ID and genre"),
        (
            ("actors", "country", "imdb_rating", "language"),
            "cast, IMDb rating, language and country",
        ),
        (
            ("imdb_id", "poster_url", "runtime_minutes", "director", "genre", "plot", "actors"),
            "IMDb ID, poster, runtime and 4 more details",
        ),
        (("imdb_id", "something_new"), "IMDb ID and something_new"),
    ],
)
def test_the_fields_filled_are_named_in_a_fixed_order_and_a_long_list_is_cut(fields, text):
    assert filled_names(fields) == text
