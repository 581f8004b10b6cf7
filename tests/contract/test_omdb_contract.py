"""What every OMDb client promises its callers, checked against each implementation.

The assertions hold for live OMDb too (they survive `tox -e record`): they pin shapes,
well-known facts about real titles and the typed errors, not the size of OMDb's index.
"""

from __future__ import annotations

import pytest

from movie_tracker.models import MovieDetails, Rating
from movie_tracker.omdb import (
    IncorrectImdbId,
    InvalidApiKey,
    MovieNotFound,
    OmdbError,
    RequestLimitReached,
    TooManyResults,
)
from tests.contract.conftest import Omdb
from tests.fakes.omdb_catalogue import BAD_API_KEY, PLACEHOLDER_API_KEY

NOWHERE = "Zyzzyva Qwerty Nonexistent"


def assert_heat(movie: MovieDetails) -> None:
    assert movie.imdb_id == "tt0113277"
    assert movie.title == "Heat"
    assert movie.year == 1995
    assert movie.director == "Michael Mann"
    assert "Crime" in (movie.genre or "")
    assert movie.type == "movie"
    assert movie.runtime == "170 min"
    assert "Robert De Niro" in (movie.actors or "")
    assert movie.plot
    assert (movie.poster_url or "").startswith("https://")
    assert movie.imdb_rating is not None
    assert 7 < movie.imdb_rating <= 10
    assert movie.imdb_votes is not None
    assert movie.imdb_votes > 100_000
    assert movie.ratings[0].source == "Internet Movie Database"


def assert_user_safe(error: OmdbError) -> None:
    for text in (str(error), error.user_message, error.detail, repr(error)):
        assert BAD_API_KEY not in text
        assert PLACEHOLDER_API_KEY not in text


def test_search_gives_pages_of_ten(omdb: Omdb) -> None:
    first = omdb.client.search("heat")
    second = omdb.client.search("heat", page=2)

    assert first.page == 1
    assert second.page == 2
    assert len(first.results) == 10
    assert first.total_results > 10
    assert second.total_results == first.total_results
    assert first.has_next
    assert 1 <= len(second.results) <= 10
    assert not {r.imdb_id for r in first.results} & {r.imdb_id for r in second.results}
    heat = next(r for r in first.results if r.imdb_id == "tt0113277")
    assert (heat.title, heat.year, heat.type) == ("Heat", 1995, "movie")
    assert all(r.poster_url is None or r.poster_url.startswith("http") for r in first.results)


def test_get_by_id_gives_movie_details(omdb: Omdb) -> None:
    assert_heat(omdb.client.get_by_id("tt0113277"))


def test_get_by_title_gives_movie_details(omdb: Omdb) -> None:
    movie = omdb.client.get_by_title("The Matrix")

    assert (movie.imdb_id, movie.title, movie.year) == ("tt0133093", "The Matrix", 1999)
    assert movie.genre == "Action, Sci-Fi"
    assert "Wachowski" in (movie.director or "")
    assert Rating("Internet Movie Database", f"{movie.imdb_rating}/10") in movie.ratings


def test_series_year_range_gives_first_year(omdb: Omdb) -> None:
    series = omdb.client.get_by_id("tt0903747")

    assert (series.title, series.type, series.year) == ("Breaking Bad", "series", 2008)
    assert series.director is None  # OMDb's "N/A"


def test_series_by_title(omdb: Omdb) -> None:
    series = omdb.client.get_by_title("Band of Brothers")

    assert (series.imdb_id, series.type, series.year) == ("tt0185906", "series", 2001)
    assert series.director is None


def test_search_and_get_prefers_the_exact_movie(omdb: Omdb) -> None:
    movie = omdb.client.search_and_get_movie_details("The Matrix")

    assert (movie.imdb_id, movie.type) == ("tt0133093", "movie")


def test_search_and_get_reads_a_year_in_parentheses(omdb: Omdb) -> None:
    assert_heat(omdb.client.search_and_get_movie_details("Heat (1995)"))


def test_search_and_get_goes_straight_to_an_imdb_id(omdb: Omdb) -> None:
    assert omdb.client.search_and_get_movie_details(" tt0133093 ").title == "The Matrix"


def test_search_and_get_falls_back_to_title_when_too_broad(omdb: Omdb) -> None:
    movie = omdb.client.search_and_get_movie_details("Up")

    assert (movie.imdb_id, movie.title, movie.year) == ("tt1049413", "Up", 2009)


def test_title_not_found(omdb: Omdb) -> None:
    with pytest.raises(MovieNotFound) as raised:
        omdb.client.get_by_title(NOWHERE)

    assert type(raised.value) is MovieNotFound
    assert raised.value.omdb_error == "Movie not found!"


def test_search_not_found(omdb: Omdb) -> None:
    with pytest.raises(MovieNotFound, match="no movie"):
        omdb.client.search(NOWHERE)


def test_invalid_api_key(omdb: Omdb) -> None:
    with pytest.raises(InvalidApiKey) as raised:
        omdb.bad_key_client.get_by_title("Heat")

    assert "OMDB_API_KEY" in str(raised.value)
    assert_user_safe(raised.value)


@pytest.mark.replay_only
def test_request_limit_reached(omdb: Omdb) -> None:
    omdb.enter("limit")

    with pytest.raises(RequestLimitReached) as raised:
        omdb.client.get_by_id("tt0133093")

    assert raised.value.omdb_error == "Request limit reached!"
    assert_user_safe(raised.value)


def test_incorrect_imdb_id(omdb: Omdb) -> None:
    with pytest.raises(IncorrectImdbId) as raised:
        omdb.client.get_by_id("tt123")

    assert isinstance(raised.value, MovieNotFound)
    assert "tt0113277" in str(raised.value)  # the message shows what an ID looks like


def test_too_many_results(omdb: Omdb) -> None:
    with pytest.raises(TooManyResults, match="too many"):
        omdb.client.search("a")


# -- what a client reports of the requests it sends (each counts toward OMDb's day) --------


def test_each_lookup_reports_the_request_it_sends(omdb: Omdb) -> None:
    assert omdb.sent == []

    omdb.client.get_by_id("tt0113277")

    assert omdb.sent == [1]


def test_a_search_and_its_lookup_report_a_request_each(omdb: Omdb) -> None:
    omdb.client.search_and_get_movie_details("Heat (1995)")

    assert omdb.sent == [1, 1]


def test_an_answer_that_finds_nothing_still_reports_its_request(omdb: Omdb) -> None:
    with pytest.raises(MovieNotFound):
        omdb.client.get_by_title(NOWHERE)

    assert omdb.sent == [1]
