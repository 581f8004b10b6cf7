"""What every repository promises about Tonight's candidates (store.tonight): the films of
Want to Watch, or of one of the owner's lists, that pass the filters (no longer than N
minutes, with films of unknown runtime left out then; a whole genre, case and accents
ignored; a decade; never watched: no watch in the diary, not marked Watched), in the order
they were added; another person's list is "not found" (None) and another person's films
are never candidates. Run against SQLite, the fake, and PostgreSQL (the `postgres` stage)."""

from __future__ import annotations

from datetime import date

import pytest

from movie_tracker.models import Movie, Owner, Status, TonightFilters, Watch

ANNA = Owner.signed_in("https://accounts.example.org", "anna")
WANT, WATCHED = Status.WANT_TO_WATCH, Status.WATCHED


def titles(films) -> list[str]:
    return [film.title for film in films]


@pytest.fixture
def shelf(repository):
    """Heat (1995, 170 min, Crime/Drama), Alien (1979, 117 min), Amélie (2001, 122 min,
    Comedy/Romance), Up (2009, no runtime) want to watch; Seven (1995, Watched)."""
    films = [
        Movie("Heat", year=1995, genre="Crime, Drama", runtime_minutes=170),
        Movie("Alien", year=1979, genre="Horror, Sci-Fi", runtime_minutes=117),
        Movie("Amélie", year=2001, genre="Comédie, Romance", runtime_minutes=122),
        Movie("Up", year=2009, genre="Animation, Drama"),
        Movie("Seven", year=1995, genre="Crime, Drama", runtime_minutes=127, status=WATCHED),
    ]
    return {movie.title: repository.add_movie(movie).id for movie in films}


def test_the_candidates_are_the_watchlist_in_the_order_films_were_added(repository, shelf):
    assert titles(repository.tonight_candidates(TonightFilters())) == [
        "Heat",
        "Alien",
        "Amélie",
        "Up",
    ]


def test_a_longest_runtime_leaves_out_longer_films_and_films_of_unknown_runtime(repository, shelf):
    assert titles(repository.tonight_candidates(TonightFilters(max_minutes=122))) == [
        "Alien",
        "Amélie",
    ]


def test_a_runtime_of_0_is_not_known_to_fit_a_limit(repository, shelf):
    """Some exports write 0 for a runtime they do not know."""
    repository.add_movie(Movie("Koyaanisqatsi", year=1982, runtime_minutes=0))

    assert titles(repository.tonight_candidates(TonightFilters(max_minutes=90))) == []


def test_a_genre_matches_a_whole_genre_of_the_list_case_and_accents_ignored(repository, shelf):
    assert titles(repository.tonight_candidates(TonightFilters(genre="DRAMA"))) == ["Heat", "Up"]
    assert titles(repository.tonight_candidates(TonightFilters(genre="comedie"))) == ["Amélie"]
    assert repository.tonight_candidates(TonightFilters(genre="Dram")) == []


def test_a_decade_holds_its_ten_years(repository, shelf):
    assert titles(repository.tonight_candidates(TonightFilters(decade=1990))) == ["Heat"]
    assert titles(repository.tonight_candidates(TonightFilters(decade=2000))) == ["Amélie", "Up"]


def test_never_watched_leaves_out_a_film_with_a_watch_in_the_diary(repository, shelf):
    """And one marked Watched without a date (test_a_list_gives_its_films...)."""
    repository.log_watch(Watch(shelf["Alien"], date(2026, 11, 1)))
    repository.update_movie_status(shelf["Alien"], WANT)  # back on the watchlist to see again

    assert "Alien" in titles(repository.tonight_candidates(TonightFilters()))
    assert titles(repository.tonight_candidates(TonightFilters(unwatched=True))) == [
        "Heat",
        "Amélie",
        "Up",
    ]


def test_filters_combine(repository, shelf):
    wanted = TonightFilters(max_minutes=180, genre="drama", decade=1990, unwatched=True)
    assert titles(repository.tonight_candidates(wanted)) == ["Heat"]


def test_a_list_gives_its_films_whatever_their_status(repository, shelf):
    noir = repository.create_list("Noir")
    for title in ("Seven", "Heat"):
        repository.add_to_list(noir.id, shelf[title])
    repository.log_watch(Watch(shelf["Heat"], date(2026, 11, 1)))

    assert titles(repository.tonight_candidates(TonightFilters(list_id=noir.id))) == [
        "Heat",
        "Seven",
    ]
    assert titles(
        repository.tonight_candidates(TonightFilters(list_id=noir.id, max_minutes=150))
    ) == ["Seven"]
    assert repository.tonight_candidates(TonightFilters(list_id=noir.id, unwatched=True)) == []
    empty = repository.create_list("Empty")
    assert repository.tonight_candidates(TonightFilters(list_id=empty.id)) == []


def test_another_persons_list_is_not_found_and_their_films_never_come_up(repository, shelf):
    anna = repository.for_owner(ANNA)
    hers = anna.create_list("Anna's")
    anna.add_to_list(hers.id, anna.add_movie(Movie("Rope", year=1948)).id)

    assert repository.tonight_candidates(TonightFilters(list_id=hers.id)) is None
    assert repository.tonight_candidates(TonightFilters(list_id=hers.id + 1000)) is None
    assert titles(anna.tonight_candidates(TonightFilters())) == ["Rope"]
    assert "Rope" not in titles(repository.tonight_candidates(TonightFilters()))
    assert titles(anna.tonight_candidates(TonightFilters(list_id=hers.id))) == ["Rope"]
