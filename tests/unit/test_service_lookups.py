"""The service with OMDb: details merged before saving, and nothing saved when it fails."""

import pytest

from movie_tracker.models import Status, ValidationError
from movie_tracker.omdb import (
    MovieNotFound,
    OmdbError,
    OmdbUnavailable,
    RequestLimitReached,
)
from movie_tracker.service import MovieService, merge_details
from movie_tracker.store import DuplicateMovieError
from tests.factories import MovieDetailsFactory, MovieFactory


@pytest.fixture
def service(library, omdb) -> MovieService:
    return MovieService(library, omdb)


def test_lookup_by_imdb_id_merges_the_details_before_saving(service, library):
    result = service.add_movie("heat", "Watched", lookup=" tt0113277 ")
    movie = library.get_movie(result.movie.id)
    assert movie.title == "Heat"  # OMDb's spelling of the same title
    assert movie.status is Status.WATCHED
    assert (movie.year, movie.director, movie.imdb_id) == (1995, "Michael Mann", "tt0113277")
    assert "Crime" in movie.genre
    assert movie.poster_url.startswith("https://")
    assert result.details.title == "Heat"


def test_a_title_other_than_omdbs_is_kept(service):
    result = service.add_movie("Heat, the director's cut", lookup="tt0113277")
    assert result.movie.title == "Heat, the director's cut"
    assert result.movie.imdb_id == "tt0113277"


def test_lookup_by_title_picks_the_movie(service):
    result = service.add_movie("The Matrix", "Want to Watch", lookup="The Matrix")
    assert (result.movie.imdb_id, result.movie.year) == ("tt0133093", 1999)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (MovieNotFound, "OMDb has no movie matching that search."),
        (RequestLimitReached, "daily request limit"),
        (OmdbUnavailable, "not answering right now"),
    ],
)
def test_a_failed_lookup_saves_nothing_and_says_why(service, library, omdb, error, message):
    omdb.fail_with(error)
    with pytest.raises(OmdbError, match=message):
        service.add_movie("Heat", "Watched", lookup="Heat")
    assert library.movies == {}
    added = service.add_movie("Heat", "Watched")
    assert added.movie.title == "Heat"
    assert added.details is None


def test_a_lookup_of_an_unknown_title_is_not_found(service, library):
    with pytest.raises(MovieNotFound):
        service.add_movie("Zyzzyva", lookup="Zyzzyva Qwerty Nonexistent")
    assert library.movies == {}


def test_bad_title_is_refused_before_any_lookup(service, omdb):
    with pytest.raises(ValidationError):
        service.add_movie("   ", lookup="tt0113277")
    assert omdb.calls == []


def test_a_looked_up_movie_already_in_the_library_is_a_duplicate(service, library):
    service.add_movie("Heat", lookup="tt0113277")
    with pytest.raises(DuplicateMovieError, match="already in your library"):
        service.add_movie("Heat again", lookup="tt0113277")
    assert len(library.movies) == 1


def test_search_gives_a_page_of_matches(service):
    page = service.search_omdb("  heat ", page=1)
    assert page.query == "heat"
    assert page.total_results > 10
    assert len(page.results) == 10
    second = service.search_omdb("heat", page=2)
    assert second.page == 2
    assert {r.imdb_id for r in second.results}.isdisjoint({r.imdb_id for r in page.results})


def test_add_from_search_stores_omdbs_title_and_details(service):
    result = service.add_from_omdb("tt0133093", "Watched")
    assert (result.movie.title, result.movie.year) == ("The Matrix", 1999)
    assert result.movie.status is Status.WATCHED
    assert result.details.imdb_id == "tt0133093"


@pytest.mark.parametrize("imdb_id", ["", "matrix"])
def test_add_from_search_needs_a_real_pick(service, library, imdb_id):
    with pytest.raises(ValidationError):
        service.add_from_omdb(imdb_id, "Watched")
    assert library.movies == {}


def test_add_from_search_refuses_a_bad_status_before_looking_up(service, omdb):
    with pytest.raises(ValidationError):
        service.add_from_omdb("tt0133093", "Seen")
    assert omdb.calls == []


def test_merge_keeps_what_omdb_does_not_know():
    movie = MovieFactory.build(title="Heat", year=1995, director="Mann", genre="Crime")
    details = MovieDetailsFactory.build(year=None, director=None, genre=None, poster_url=None)
    merged = merge_details(movie, details)
    assert (merged.year, merged.director, merged.genre) == (1995, "Mann", "Crime")
    assert merged.poster_url == movie.poster_url
    assert merged.imdb_id == details.imdb_id
