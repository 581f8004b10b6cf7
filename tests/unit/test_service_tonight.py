"""Tonight over the fake library: a pick satisfies every filter it was given and any film
that fits can come up; Another never repeats a film shown; each reason a pick fits is said;
with nothing to pick, the reason says why and names the filter to loosen."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import pytest

from movie_tracker.models import (
    DECADE,
    GENRE,
    RUNTIME,
    TOGETHER,
    UNWATCHED,
    Movie,
    NoPick,
    Owner,
    Status,
    TonightPick,
    ValidationError,
    Watch,
    matched_genre,
    search_key,
)
from movie_tracker.service import MovieService, ShareNotFoundError, UnknownListError
from tests.fakes.store import FakeMovieRepository

WANT, WATCHED = Status.WANT_TO_WATCH, Status.WATCHED
GENRES = ("Drama", "Crime", "Comedy", "Horror", "Sci-Fi", "Romance")


@dataclass(frozen=True)
class Friend:
    """A film as a friend's share link names it (FilmKey)."""

    title: str
    year: int | None = None
    imdb_id: str | None = None


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


def add(library, title, year=None, runtime=None, genre=None, **fields) -> Movie:
    return library.add_movie(
        Movie(title=title, year=year, runtime_minutes=runtime, genre=genre, **fields)
    )


# -- the property: a pick fits, and every film that fits can come up -----------------------


def _random_library(seed: int) -> tuple[FakeMovieRepository, MovieService]:
    draw = random.Random(seed)
    library = FakeMovieRepository()
    service = MovieService(library)
    for number in range(draw.randint(0, 25)):
        movie = add(
            library,
            f"Film {number}",
            year=draw.choice([None, *range(1950, 2026, 7)]),
            runtime=draw.choice([None, 75, 88, 90, 104, 120, 121, 149, 180]),
            genre=", ".join(draw.sample(GENRES, draw.randint(0, 3))) or None,
            status=draw.choice([WANT, WANT, WATCHED]),
        )
        if draw.random() < 0.3:
            library.log_watch(Watch(movie.id, date(2025, 1, 1)))
            library.update_movie_status(movie.id, WANT)
    return library, service


def _fits(movie: Movie, limit, genre, decade, unwatched, watched: set[int]) -> bool:
    genres = [search_key(name).strip() for name in (movie.genre or "").split(",")]
    return (
        movie.status is WANT
        and (
            limit is None or (movie.runtime_minutes is not None and movie.runtime_minutes <= limit)
        )
        and (genre is None or search_key(genre) in genres)
        and (decade is None or (movie.year is not None and decade <= movie.year < decade + 10))
        and not (unwatched and movie.id in watched)
    )


@pytest.mark.parametrize("seed", range(40))
def test_a_pick_always_fits_its_filters_and_every_film_that_fits_comes_up(seed):
    library, service = _random_library(seed)
    draw = random.Random(seed)
    limit = draw.choice([None, 90, 120, 150])
    genre = draw.choice([None, *GENRES])
    decade = draw.choice([None, 1950, 1970, 1990, 2010])
    unwatched = draw.random() < 0.5
    watched = {watch.movie_id for watch in library.watches.values()}
    fitting = {
        m.id for m in library.get_all_movies() if _fits(m, limit, genre, decade, unwatched, watched)
    }

    seen = set()
    for _ in range(30 * max(len(fitting), 1)):
        picked = service.pick_tonight(limit, genre, decade, unwatched, rng=draw)
        if not fitting:
            assert isinstance(picked, NoPick)
            break
        assert isinstance(picked, TonightPick)
        assert picked.movie.id in fitting
        assert picked.candidates == len(fitting)
        seen.add(picked.movie.id)

    assert seen == fitting


@pytest.mark.parametrize("seed", range(10))
def test_another_never_repeats_and_ends_with_every_film_shown(seed):
    library, service = _random_library(seed + 100)
    fitting = {m.id for m in library.watchlist()}
    shown: list[int] = []
    draw = random.Random(seed)

    while True:
        picked = service.pick_tonight(exclude=shown, rng=draw)
        if isinstance(picked, NoPick):
            break
        assert picked.movie.id not in shown
        shown.append(picked.movie.id)

    assert set(shown) == fitting
    if fitting:
        assert picked.start_over
        assert picked.reason == (
            f"You have seen every film that fits ({len(fitting)} film"
            f"{'' if len(fitting) == 1 else 's'}). Start over to see them again."
        )


# -- why it fits ---------------------------------------------------------------------------


def test_each_filter_says_why_the_pick_fits(service, library):
    add(library, "Heat", 1995, 112, "Crime, Drama")

    picked = service.pick_tonight(max_minutes=120, genre="drama", decade=1990, unwatched=True)

    assert picked.why == (
        "1 h 52 min — fits under 2 hours",
        "Drama, as you asked",
        "from the 1990s (1995)",
        "not watched yet",
        "on your watchlist",
    )
    assert picked.sentence == (
        "1 h 52 min — fits under 2 hours; Drama, as you asked; from the 1990s (1995); "
        "not watched yet; on your watchlist."
    )
    assert picked.candidates == 1


def test_a_pick_from_a_list_says_so_and_a_limit_not_in_hours_in_minutes(service, library):
    noir = service.create_list("Noir")
    service.add_to_list(noir.id, add(library, "Seven", 1995, 88, status=WATCHED).id)

    picked = service.pick_tonight(max_minutes=90, list_id=noir.id)

    assert picked.why == ("1 h 28 min — fits under 90 minutes", "on your list “Noir”")


def test_another_persons_list_is_not_found(service, library):
    anna = MovieService(library.for_owner(Owner.signed_in("https://id.example.org", "anna")))
    hers = anna.create_list("Anna's")

    with pytest.raises(UnknownListError):
        service.pick_tonight(list_id=hers.id)
    with pytest.raises(UnknownListError):
        service.tonight_choices(list_id=hers.id)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"max_minutes": 0}, "Choose how long the film may be in minutes"),
        ({"max_minutes": "two hours"}, "Choose how long the film may be in minutes"),
        ({"max_minutes": True}, "Choose how long the film may be in minutes"),
        ({"decade": 1994}, "Choose a decade as its first year, like 1990"),
        ({"decade": -10}, "Choose a decade as its first year, like 1990"),
        ({"genre": 3}, "Choose a genre by its name"),
        ({"list_id": "mine"}, "Choose one of your lists"),
    ],
)
def test_a_bad_filter_says_what_to_change(service, library, fields, message):
    add(library, "Heat", 1995, 112)

    with pytest.raises(ValidationError, match=message):
        service.pick_tonight(**fields)


def test_a_blank_genre_is_no_genre(service, library):
    add(library, "Heat", 1995, 112, "Crime")

    assert service.pick_tonight(genre="  ").movie.title == "Heat"


# -- nothing to pick -----------------------------------------------------------------------


def test_an_empty_watchlist_says_how_to_fill_it(service, library):
    add(library, "Heat", status=WATCHED)

    picked = service.pick_tonight(max_minutes=90)

    assert picked == NoPick(
        "Your watchlist is empty: mark films Want to Watch (or add some), then pick again."
    )


def test_an_empty_list_says_how_to_fill_it(service):
    empty = service.create_list("Someday")

    assert service.pick_tonight(list_id=empty.id).reason == (
        "The list “Someday” has no films yet: add films to it from their pages."
    )


def test_a_runtime_limit_too_short_names_it_and_the_films_without_a_runtime(service, library):
    for number in range(12):
        add(library, f"Long {number}", 2000, 130)
    add(library, "Unknown", 2000)

    picked = service.pick_tonight(max_minutes=90)

    assert picked.loosen == RUNTIME
    assert picked.reason == (
        "No film under 90 minutes fits. Without the runtime limit there would be 13 films. "
        "(1 film without a known runtime is left out by the limit.)"
    )


@pytest.mark.parametrize(
    ("fields", "loosen", "reason"),
    [
        (
            {"genre": "Western", "decade": 1990},
            GENRE,
            "No film fits all of: in Western, from the 1990s. Without the genre Western there "
            "would be 3 films.",
        ),
        (
            {"decade": 1970, "max_minutes": 120},
            DECADE,
            "No film fits all of: under 2 hours, from the 1970s. Without the 1970s there "
            "would be 1 film.",
        ),
        (
            {"unwatched": True, "genre": "Crime"},
            UNWATCHED,
            "No film fits all of: in Crime, never watched. Without “Never watched” there "
            "would be 2 films.",
        ),
        (
            {"genre": "Western", "decade": 1950},
            None,
            "No film fits all of: in Western, from the 1950s. Even with one filter fewer no "
            "film fits: clear a few.",
        ),
    ],
)
def test_too_few_films_names_the_filter_that_gives_the_most(
    service, library, fields, loosen, reason
):
    add(library, "Clerks", 1994, 92, "Comedy")
    for seen in (
        add(library, "Heat", 1995, 170, "Crime, Drama"),
        add(library, "Casino", 1995, 178, "Crime"),
    ):
        library.log_watch(Watch(seen.id, date(2025, 1, 1)))
        library.update_movie_status(seen.id, WANT)

    picked = service.pick_tonight(**fields)

    assert (picked.loosen, picked.reason) == (loosen, reason)


# -- together ------------------------------------------------------------------------------


def test_together_picks_from_the_films_on_both_by_imdb_id_or_title_and_year(service, library):
    add(library, "Heat", 1995, imdb_id="tt0113277")
    add(library, "Amélie", 2001)
    add(library, "Alien", 1979, imdb_id="tt0078748")
    add(library, "Up", 2009)
    theirs = [
        Friend("Heat (1995)", 1995, "tt0113277"),  # another title, the same IMDb ID
        Friend("AMELIE", 2001, "tt0211915"),  # mine has no IMDb ID: title and year
        Friend("Alien", 1979, "tt9999999"),  # both have one and they differ: another film
        Friend("Up", 2010),  # another year
    ]

    picks = {service.pick_tonight(together_with=theirs, rng=random.Random(n)) for n in range(30)}

    assert {pick.movie.title for pick in picks} == {"Heat", "Amélie"}
    assert all(pick.why == ("on your watchlist and theirs",) for pick in picks)


def test_together_from_a_list_says_it_is_on_both(service, library):
    noir = service.create_list("Noir")
    service.add_to_list(noir.id, add(library, "Heat", 1995).id)

    picked = service.pick_tonight(list_id=noir.id, together_with=iter([Friend("heat", 1995)]))

    assert picked.why == ("on your list “Noir” and theirs",)


def test_together_with_nothing_in_common_names_the_other_watchlist(service, library):
    add(library, "Heat", 1995)
    add(library, "Up", 2009)

    picked = service.pick_tonight(together_with=[Friend("Rope", 1948)])

    assert picked.loosen == TOGETHER
    assert picked.reason == (
        "No film on both watchlists fits. Without the other watchlist there would be 2 films."
    )


def test_the_choices_are_the_genres_and_decades_of_the_source(service, library):
    add(library, "Heat", 1995, genre="Crime, Drama")
    add(library, "Up", 2009, genre="animation, drama")
    add(library, "Rope", 1948)
    add(library, "Seven", 1995, genre="Thriller", status=WATCHED)

    choices = service.tonight_choices()

    assert (choices.films, choices.genres, choices.decades) == (
        3,
        ["animation", "Crime", "Drama"],
        [1940, 1990, 2000],
    )


def test_a_list_deleted_while_picking_is_not_found(service, library, monkeypatch):
    noir = service.create_list("Noir")
    service.add_to_list(noir.id, add(library, "Heat", 1995).id)
    monkeypatch.setattr(library, "get_list", lambda list_id: None)  # gone in another tab

    with pytest.raises(UnknownListError):
        service.pick_tonight(list_id=noir.id)


def test_a_genre_is_matched_whole_in_the_film_s_own_spelling():
    assert matched_genre("Crime, Docudrama", "drama") is None
    assert matched_genre("Crime, Drama", "DRAMA") == "Drama"
    assert matched_genre(None, "Drama") is None


# -- Together with a friend's share link ---------------------------------------------------

SAM = Owner.signed_in("https://id.example", "sam")


def _sams(service: MovieService) -> MovieService:
    """Sam, another person of the same Movie Tracker, with Heat and Rope on the watchlist."""
    sam = service.for_owner(SAM)
    for title, year in (("Heat", 1995), ("Rope", 1948)):
        add(sam.repository, title, year)
    return sam


def test_together_with_a_watchlist_link_picks_from_both_and_names_the_friend(service, library):
    add(library, "Heat", 1995)
    add(library, "Up", 2009)
    sam = _sams(service)
    link = sam.share("watchlist", display_name="Sam", base_url="http://films.example").url

    picks = {service.pick_tonight(together_with=link, rng=random.Random(n)) for n in range(20)}

    assert {pick.movie.title for pick in picks} == {"Heat"}
    assert picks.pop().why == ("on your watchlist and Sam's",)


def test_together_with_a_list_link_names_their_list(service, library):
    add(library, "Heat", 1995)
    sam = _sams(service)
    noir = sam.create_list("Noir")
    heat = next(movie for movie in sam.list_movies() if movie.title == "Heat")
    sam.add_to_list(noir.id, heat.id)
    link = sam.share("list", list_id=noir.id, display_name="Sam").path

    picked = service.pick_tonight(together_with=link)

    assert picked.why == ("on your watchlist and Sam's list “Noir”",)


def test_a_blank_link_is_no_together(service, library):
    add(library, "Up", 2009)

    assert service.pick_tonight(together_with="  ").why == ("on your watchlist",)


def test_a_diary_link_is_refused_saying_which_links_work(service, library):
    add(library, "Heat", 1995)
    link = _sams(service).share("diary").path

    with pytest.raises(ValidationError, match="paste a link to their watchlist or to one"):
        service.pick_tonight(together_with=link)


def test_a_revoked_link_no_longer_works(service, library):
    add(library, "Heat", 1995)
    sam = _sams(service)
    made = sam.share("watchlist")
    sam.unshare(made.id)

    with pytest.raises(ShareNotFoundError, match="This link no longer works"):
        service.pick_tonight(together_with=made.path)


def test_nothing_in_common_with_a_friends_list_names_their_list(service, library):
    add(library, "Up", 2009)
    sam = _sams(service)
    noir = sam.create_list("Noir")
    heat = next(movie for movie in sam.list_movies() if movie.title == "Heat")
    sam.add_to_list(noir.id, heat.id)
    link = sam.share("list", list_id=noir.id, display_name="Sam").path

    picked = service.pick_tonight(together_with=link)

    assert picked.loosen == TOGETHER
    assert picked.reason == (
        "No film also on Sam's list “Noir” fits. Without Sam's list “Noir” there would be 1 film."
    )


def test_nothing_in_common_with_a_friends_watchlist_names_it(service, library):
    add(library, "Up", 2009)
    link = _sams(service).share("watchlist", display_name="Sam").path

    picked = service.pick_tonight(together_with=link, max_minutes=90)

    assert picked.reason.startswith(
        "No film fits all of: under 90 minutes, also on Sam's watchlist."
    )
