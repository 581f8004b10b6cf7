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
    with pytest.raises(ValidationError, match="300 characters or fewer"):
        service.add_movie("x" * 301, lookup="tt0113277")
    with pytest.raises(ValidationError):
        service.add_movie("Heat", "Seen", lookup="tt0113277")
    assert omdb.calls == []


# -- the lookup alone adds (issue 16) ---------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "])
@pytest.mark.parametrize(
    "lookup", ["tt0113277", "https://www.imdb.com/title/tt0113277/", "Heat (1995)"]
)
def test_with_the_title_empty_the_title_comes_from_omdb(service, library, title, lookup):
    result = service.add_movie(title, "Watched", lookup=lookup)
    assert (result.new, result.movie.title, result.movie.year) == (True, "Heat", 1995)
    assert (result.movie.imdb_id, result.movie.status) == ("tt0113277", Status.WATCHED)
    assert [m.title for m in library.movies.values()] == ["Heat"]


def test_with_the_title_and_the_lookup_empty_it_says_what_to_enter(service, library, omdb):
    with pytest.raises(ValidationError) as caught:
        service.add_movie("  ", "Watched", lookup=" ")
    assert caught.value.field == "title"
    assert caught.value.message == (
        "Enter a movie title, or a title, IMDb ID or IMDb link to look up on OMDb."
    )
    assert (library.movies, omdb.calls) == ({}, [])


def test_with_lookups_off_an_empty_title_asks_for_the_title(library):
    with pytest.raises(ValidationError, match=r"^Enter a movie title\.$"):
        MovieService(library).add_movie("", "Watched")
    assert library.movies == {}


# -- never a silent duplicate (issue 16) ------------------------------------------------


def test_a_looked_up_movie_already_in_the_library_is_the_one_you_have(service, library):
    first = service.add_movie("Heat", lookup="tt0113277")
    again = service.add_movie("Heat again", "Watched", lookup="tt0113277")
    assert (again.new, again.filled) == (False, ())
    assert again.movie == library.get_movie(first.movie.id)
    assert (again.movie.title, again.movie.status) == ("Heat", Status.WANT_TO_WATCH)
    assert again.details.imdb_id == "tt0113277"
    assert len(library.movies) == 1


def test_a_film_you_have_without_imdb_id_gains_it_and_what_it_lacked(service, library):
    kept = library.add_movie(MovieFactory.build(
        title="HEAT", year=1995, imdb_id=None, poster_url=None, director="M. Mann",
        genre=None, runtime_minutes=None, status=Status.WATCHED,
    ))  # fmt: skip
    result = service.add_from_omdb("tt0113277", "Want to Watch")
    assert (result.new, result.movie.id) == (False, kept.id)
    assert result.movie.imdb_id == "tt0113277"
    assert result.movie.runtime_minutes == 170
    assert (result.movie.title, result.movie.director) == ("HEAT", "M. Mann")  # yours stay
    assert result.movie.status is Status.WATCHED
    assert {"imdb_id", "poster_url", "runtime_minutes", "genre"} <= set(result.filled)
    assert "director" not in result.filled
    assert len(library.movies) == 1
    assert library.details_checked_days() == {kept.id: library.details_checked[kept.id]}


def test_a_film_of_the_same_title_and_another_year_is_another_film(service, library):
    library.add_movie(MovieFactory.build(title="Heat", year=1986, imdb_id=None))
    result = service.add_from_omdb("tt0113277", "Watched")
    assert result.new is True
    assert sorted(m.year for m in library.movies.values()) == [1986, 1995]


def test_a_film_typed_twice_by_hand_is_added_once(service, library):
    first = service.add_movie("Solaris", "Watched")
    again = service.add_movie("  SOLARIS ", "Want to Watch")
    assert (again.new, again.movie.id, again.filled, again.details) == (
        False,
        first.movie.id,
        (),
        None,
    )
    assert len(library.movies) == 1


def test_search_results_you_have_are_found_in_one_question(service, library):
    matrix = service.add_from_omdb("tt0133093", "Watched").movie
    imported = library.add_movie(
        MovieFactory.build(title="The Matrix Reloaded", year=2003, imdb_id=None)
    )
    page = service.search_omdb("matrix")
    calls = []
    real = library.find_same_films
    library.find_same_films = lambda films: calls.append(films) or real(films)

    have = service.films_in_library(page.results)

    assert have == {"tt0133093": matrix, "tt0234215": imported}
    assert len(calls) == 1
    assert service.films_in_library([]) == {}


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
