"""The Log a film dialog's sentences: what a result is, and what Save did."""

from movie_tracker.models import FilmLogged, Watch
from movie_tracker.ui.log_text import logged_message, new_film_label, omdb_failed, result_label
from tests.factories import MovieFactory

HEAT = MovieFactory.build(title="Heat", year=1995)


def test_a_result_says_where_it_comes_from():
    assert result_label("Heat", 1995, "in your library") == "Heat (1995) · in your library"
    assert new_film_label("  Stalker ") == "Log “Stalker” as a new film"


def test_omdb_failing_says_your_own_films_still_work():
    assert omdb_failed("OMDb is down.") == (
        "OMDb's films cannot be shown: OMDb is down. Your own films and a typed title still work."
    )


def test_logged_message_names_the_stars_and_whether_the_film_was_added():
    assert logged_message(FilmLogged(HEAT, Watch(1, rating=4.5), new=True)) == (
        "Logged a watch of Heat (1995), rated ★★★★½. Heat (1995) was added to your library."
    )
    assert logged_message(FilmLogged(HEAT, Watch(1))) == "Logged a watch of Heat (1995)."


def test_logged_message_names_what_omdb_filled_in_on_the_film_you_had():
    logged = FilmLogged(HEAT, Watch(1), filled=("imdb_id", "poster_url"))
    assert logged_message(logged) == (
        "Logged a watch of Heat (1995). It was in your library; added its IMDb ID and poster "
        "from OMDb."
    )
