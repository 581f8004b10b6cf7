"""What every movie repository promises its callers, checked against each implementation.

The real MovieRepository on SQLite and on PostgreSQL, and the FakeMovieRepository that the
service and UI tests stand on, must be indistinguishable through these calls: a test that
passes on the fake then says something true about the app. See conftest.py for which
implementations run in which tox env.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import LOCAL_OWNER, Movie, Owner, Status, ValidationError, Watch
from movie_tracker.store import DuplicateMovieError, MovieRepository
from tests.fakes.store import FakeMovieRepository

Repository = MovieRepository | FakeMovieRepository
WATCHED, WANT = Status.WATCHED, Status.WANT_TO_WATCH
THREADS = 6


def titles(movies: list[Movie]) -> list[str]:
    return [movie.title for movie in movies]


def event_names(repository: Repository) -> list[str]:
    return [event.name for event in repository.recent_events(limit=1000)]


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=timezone.utc)


# -- adding and reading ------------------------------------------------------------------


@freeze_time("2026-11-25 15:00:00")
def test_add_movie_returns_the_stored_movie_that_get_movie_gives_back(repository):
    stored = repository.add_movie(
        Movie(title="  Heat ", year=1995, director="Michael Mann", imdb_id="tt0113277")
    )

    assert stored.id is not None
    assert (stored.title, stored.status, stored.year) == ("Heat", WANT, 1995)
    assert stored.date_added == at("2026-11-25 15:00:00")
    assert repository.get_movie(stored.id) == stored
    assert repository.find_by_imdb_id("tt0113277") == stored


def test_unknown_ids_find_nothing(repository):
    assert repository.get_movie(404) is None
    assert repository.find_by_imdb_id("tt0000404") is None


def test_movies_without_an_imdb_id_may_share_a_title(repository):
    first = repository.add_movie(Movie(title="Heat"))
    second = repository.add_movie(Movie(title="Heat"))

    assert first.id != second.id
    assert repository.count_movies() == 2


def test_invalid_movie_is_refused_and_changes_nothing(repository):
    version = repository.library_version()

    with pytest.raises(ValidationError):
        repository.add_movie(Movie(title="   "))

    assert repository.find_movies() == []
    assert repository.library_version() == version
    assert event_names(repository) == []


def test_find_movies_lists_newest_first_and_pages(repository):
    for minute, title in enumerate(["Heat", "Alien", "Up", "Se7en"]):
        with freeze_time(f"2026-11-25 15:0{minute}:00"):
            repository.add_movie(Movie(title=title))
    with freeze_time("2026-11-25 15:09:00"):  # in one second: the later one first
        repository.add_movie(Movie(title="Jaws"))
        repository.add_movie(Movie(title="Psycho", year=1960))

    newest_first = ["Psycho", "Jaws", "Se7en", "Up", "Alien", "Heat"]
    assert titles(repository.find_movies()) == newest_first
    assert titles(repository.find_movies(limit=2, offset=1)) == ["Jaws", "Se7en"]
    assert titles(repository.find_movies(limit=10, offset=5)) == ["Heat"]
    assert repository.count_movies() == 6


def test_find_and_count_filter_by_status(repository):
    repository.add_movie(Movie(title="Heat", status=WATCHED))
    repository.add_movie(Movie(title="Alien", status=WANT))
    repository.add_movie(Movie(title="Up", status=WATCHED))

    assert titles(repository.find_movies(status=WATCHED)) == ["Up", "Heat"]
    assert titles(repository.find_movies(status=WANT)) == ["Alien"]
    assert repository.count_movies(status=WATCHED) == 2
    assert repository.count_movies(status=WANT) == 1


# -- text search -------------------------------------------------------------------------


def test_every_word_must_be_in_the_title_director_or_genre(repository):
    repository.add_movie(
        Movie(title="Heat", director="Michael Mann", genre="Crime, Drama", status=WATCHED)
    )
    repository.add_movie(Movie(title="Collateral", director="Michael Mann", genre="Thriller"))
    repository.add_movie(Movie(title="Alien", director="Ridley Scott", genre="Horror"))

    assert titles(repository.find_movies(text="mann")) == ["Collateral", "Heat"]
    assert titles(repository.find_movies(text="  MANN   drama ")) == ["Heat"]
    assert titles(repository.find_movies(text="ali")) == ["Alien"]
    assert repository.find_movies(text="scott mann") == []
    assert repository.count_movies(text="michael") == 2
    assert repository.count_movies(status=WATCHED, text="michael") == 1
    assert repository.count_movies(status=WANT, text="heat") == 0


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Amélie", "AMÉLIE"),
        ("Amélie", "amelie"),
        ("École", "école"),
        ("École", "ECOLE"),
        ("STRASSE", "straße"),
    ],
    ids=["upper-accented", "unaccented", "lower-accented", "upper-unaccented", "sharp-s"],
)
def test_text_search_ignores_case_and_accents(repository, stored, typed):
    repository.add_movie(Movie(title=stored))
    repository.add_movie(Movie(title="Heat"))

    assert titles(repository.find_movies(text=typed)) == [stored]
    assert repository.count_movies(text=typed) == 1


def test_text_search_ignores_accents_in_director_and_genre(repository):
    repository.add_movie(Movie(title="Volver", director="Pedro Almodóvar", genre="Comedia"))
    repository.add_movie(Movie(title="Heat", genre="Crime, Drama"))

    assert titles(repository.find_movies(text="almodovar")) == ["Volver"]
    assert titles(repository.find_movies(text="ALMODÓVAR comedia")) == ["Volver"]


def test_percent_and_underscore_in_a_search_are_literal(repository):
    repository.add_movie(Movie(title="100% Wolf"))
    repository.add_movie(Movie(title="Under_score"))
    repository.add_movie(Movie(title="Heat"))

    assert titles(repository.find_movies(text="%")) == ["100% Wolf"]
    assert titles(repository.find_movies(text="100%")) == ["100% Wolf"]
    assert titles(repository.find_movies(text="_")) == ["Under_score"]
    assert titles(repository.find_movies(text="r_s")) == ["Under_score"]
    assert repository.find_movies(text="h_at") == []
    assert repository.find_movies(text="1%f") == []


# -- changes -----------------------------------------------------------------------------


def test_a_second_movie_with_the_same_imdb_id_is_refused_naming_the_first(repository):
    first = repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt0113277"))
    version = repository.library_version()

    with pytest.raises(DuplicateMovieError) as caught:
        repository.add_movie(Movie(title="Heat again", status=WATCHED, imdb_id="tt0113277"))

    assert caught.value.existing == first
    assert "Heat (1995) is already in your library" in str(caught.value)
    assert "tt0113277" in str(caught.value)
    assert repository.find_movies() == [first]
    assert repository.library_version() == version
    assert event_names(repository) == ["movie.added"]


def test_update_movie_status_is_true_once_then_false(repository):
    movie = repository.add_movie(Movie(title="Heat"))

    assert repository.update_movie_status(movie.id, WATCHED) is True
    assert repository.get_movie(movie.id) == replace(movie, status=WATCHED)
    assert repository.update_movie_status(movie.id, WATCHED) is False
    assert repository.update_movie_status(404, WATCHED) is False
    assert repository.update_movie_status(movie.id, WANT) is True
    assert repository.get_movie(movie.id) == movie


def test_delete_movie_is_true_once_then_false(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    other = repository.add_movie(Movie(title="Alien"))

    assert repository.delete_movie(movie.id) is True
    assert repository.get_movie(movie.id) is None
    assert repository.delete_movie(movie.id) is False
    assert repository.delete_movie(404) is False
    assert repository.find_movies() == [other]


def test_every_change_writes_exactly_one_event_and_nothing_else_writes_any(repository):
    heat = repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    repository.update_movie_status(heat.id, WATCHED)
    repository.update_movie_status(heat.id, WATCHED)  # no change
    repository.update_movie_status(404, WATCHED)  # no movie
    with pytest.raises(DuplicateMovieError):
        repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    repository.find_movies(text="heat")
    repository.count_by_status()
    repository.delete_movie(heat.id)
    repository.delete_movie(heat.id)  # already gone

    assert event_names(repository) == ["movie.deleted", "movie.status_changed", "movie.added"]


def test_library_version_moves_on_every_change_and_not_on_a_no_op(repository):
    versions = [repository.library_version()]

    def changed() -> None:
        versions.append(repository.library_version())
        assert len(set(versions)) == len(versions), versions

    def unchanged() -> None:
        assert repository.library_version() == versions[-1]

    heat = repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    changed()
    repository.update_movie_status(heat.id, WANT)
    repository.update_movie_status(404, WATCHED)
    repository.delete_movie(404)
    with pytest.raises(DuplicateMovieError):
        repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    repository.find_movies()
    repository.watches_by_month()
    unchanged()
    repository.update_movie_status(heat.id, WATCHED)
    changed()
    repository.update_movie_status(heat.id, WANT)
    changed()
    repository.delete_movie(heat.id)
    changed()
    repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    changed()


# -- statistics and activity -------------------------------------------------------------


def test_an_empty_library_counts_nothing(repository):
    assert repository.count_movies() == 0
    assert repository.count_by_status() == {WATCHED: 0, WANT: 0}
    assert repository.count_by_genre() == []
    assert repository.count_by_decade() == []
    assert repository.watches_by_month() == []
    assert repository.recent_events() == []


def test_counts_by_status_genre_and_decade(repository):
    repository.add_movie(Movie(title="Heat", year=1995, genre="Crime, Drama", status=WATCHED))
    repository.add_movie(Movie(title="Se7en", year=1995, genre="Crime, Drama"))
    repository.add_movie(Movie(title="Alien", year=1979, genre="Horror", status=WATCHED))
    repository.add_movie(Movie(title="Up", year=2009, genre="Animation"))
    repository.add_movie(Movie(title="Untitled"))

    by_genre = repository.count_by_genre()
    by_decade = repository.count_by_decade()

    assert repository.count_by_status() == {WATCHED: 2, WANT: 3}
    assert dict(by_genre) == {"Crime, Drama": 2, "Horror": 1, "Animation": 1, None: 1}
    assert len(by_genre) == 4
    assert dict(by_decade) == {1970: 1, 1990: 2, 2000: 1, None: 1}
    assert len(by_decade) == 4


def test_recent_events_are_newest_first_with_what_changed(repository):
    with freeze_time("2026-11-25 15:00:00"):
        heat = repository.add_movie(Movie(title="Heat", year=1995))
    with freeze_time("2026-11-25 15:01:00"):
        repository.update_movie_status(heat.id, WATCHED)
    with freeze_time("2026-11-25 15:02:00"):
        repository.delete_movie(heat.id)

    deleted, changed, added = repository.recent_events()

    def fields(event):
        return (event.name, event.ts, event.movie_id, event.title, event.year)

    assert fields(added) == ("movie.added", at("2026-11-25 15:00:00"), heat.id, "Heat", 1995)
    assert (added.status, added.previous_status) == (WANT, None)
    assert fields(changed)[:2] == ("movie.status_changed", at("2026-11-25 15:01:00"))
    assert fields(changed)[2:] == (heat.id, "Heat", 1995)
    assert (changed.status, changed.previous_status) == (WATCHED, WANT)
    assert fields(deleted) == ("movie.deleted", at("2026-11-25 15:02:00"), heat.id, "Heat", 1995)
    assert deleted.status == WATCHED
    assert deleted.movie_label == "Heat (1995)"
    assert deleted.id > changed.id > added.id
    assert repository.recent_events(limit=2) == [deleted, changed]


# -- concurrency -------------------------------------------------------------------------


def run_at_once(action) -> list[bool]:
    """Call action from THREADS threads released together by a barrier."""
    barrier = threading.Barrier(THREADS, timeout=60)

    def race(_: int) -> bool:
        barrier.wait()
        return action()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(race, range(THREADS)))


def test_concurrent_deletes_of_one_movie_have_one_winner_and_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))

    results = run_at_once(lambda: repository.delete_movie(movie.id))

    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert repository.get_movie(movie.id) is None
    assert event_names(repository) == ["movie.deleted", "movie.added"]


def test_concurrent_status_changes_of_one_movie_have_one_winner_and_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))

    results = run_at_once(lambda: repository.update_movie_status(movie.id, WATCHED))

    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert repository.get_movie(movie.id).status == WATCHED
    assert event_names(repository) == ["movie.status_changed", "movie.added"]


# -- adding a film the library has (issue 16: never a silent duplicate) -----------------

HEAT_FROM_OMDB = {
    "imdb_id": "tt0113277",
    "year": 1995,
    "director": "Michael Mann",
    "genre": "Action, Crime, Drama",
    "poster_url": "https://m.media-amazon.com/heat.jpg",
    "runtime_minutes": 170,
}


def test_add_or_find_adds_a_film_the_library_lacks_with_one_event(repository):
    version = repository.library_version()

    added = repository.add_or_find_movie(Movie(" Heat ", WATCHED, 1995, imdb_id="tt0113277"))

    assert (added.new, added.filled) == (True, ())
    assert (added.movie.title, added.movie.status) == ("Heat", WATCHED)
    assert repository.get_movie(added.movie.id) == added.movie
    assert repository.library_version() == version + 1
    assert event_names(repository) == ["movie.added"]


def test_add_or_find_keeps_the_film_of_that_imdb_id_as_it_is(repository):
    heat = repository.add_movie(Movie("Heat", WANT, 1995, imdb_id="tt0113277"))
    version = repository.library_version()

    found = repository.add_or_find_movie(Movie("Heat again", WATCHED, imdb_id="tt0113277"))

    assert (found.new, found.filled, found.movie) == (False, (), heat)
    assert repository.find_movies() == [heat]
    assert repository.library_version() == version
    assert event_names(repository) == ["movie.added"]


@pytest.mark.parametrize("typed", ["heat", "HEAT", "Héat"])
def test_add_or_find_by_title_and_year_fills_in_only_what_the_film_lacks(repository, typed):
    heat = repository.add_movie(Movie("Heat", WATCHED, 1995, director="M. Mann"))
    version = repository.library_version()

    found = repository.add_or_find_movie(
        Movie(typed, WANT, 1995, imdb_id="tt0113277"), HEAT_FROM_OMDB
    )

    assert (found.new, found.movie.id) == (False, heat.id)
    assert found.filled == ("genre", "imdb_id", "poster_url", "runtime_minutes")
    stored = repository.get_movie(heat.id)
    assert found.movie == stored
    assert (stored.title, stored.status, stored.director) == ("Heat", WATCHED, "M. Mann")
    assert (stored.imdb_id, stored.runtime_minutes) == ("tt0113277", 170)
    assert repository.find_movies(genre="drama") == [stored]
    assert repository.find_by_imdb_id("tt0113277") == stored
    assert repository.library_version() == version + 1
    assert event_names(repository) == ["movie.edited", "movie.added"]
    assert heat.id in repository.details_checked_days()  # OMDb was asked about it


def test_add_or_find_without_details_to_fill_changes_nothing(repository):
    solaris = repository.add_movie(Movie("Solaris", WATCHED))
    version = repository.library_version()

    found = repository.add_or_find_movie(Movie("solaris", WANT))

    assert (found.new, found.filled, found.movie) == (False, (), solaris)
    assert repository.library_version() == version
    assert repository.details_checked_days() == {}


def test_add_or_find_adds_another_film_of_the_same_title(repository):
    """Another year, another IMDb ID, or no year where the film has one: another film."""
    repository.add_movie(Movie("Heat", year=1986))
    repository.add_movie(Movie("Heat", year=1972, imdb_id="tt0068691"))

    assert repository.add_or_find_movie(Movie("Heat", year=1995, imdb_id="tt0113277")).new
    assert repository.add_or_find_movie(Movie("Heat", year=1972, imdb_id="tt9999999")).new
    assert repository.add_or_find_movie(Movie("Heat")).new
    assert repository.count_movies() == 5


def test_add_or_find_refuses_an_invalid_movie_and_changes_nothing(repository):
    with pytest.raises(ValidationError):
        repository.add_or_find_movie(Movie("   "))
    assert repository.library_version() == 0
    assert repository.find_movies() == []


def test_concurrent_adds_of_one_film_store_it_once(repository):
    results = run_at_once(
        lambda: repository.add_or_find_movie(Movie("Heat", year=1995, imdb_id="tt0113277"))
    )

    assert sorted(result.new for result in results) == [False] * (THREADS - 1) + [True]
    assert len({result.movie.id for result in results}) == 1
    assert event_names(repository) == ["movie.added"]


def test_concurrent_fills_of_one_imported_film_fill_it_once(repository):
    heat = repository.add_movie(Movie("Heat", WATCHED, 1995))

    results = run_at_once(
        lambda: repository.add_or_find_movie(
            Movie("Heat", year=1995, imdb_id="tt0113277"), HEAT_FROM_OMDB
        )
    )

    assert {result.movie.id for result in results} == {heat.id}
    assert sorted(len(result.filled) for result in results) == [0] * (THREADS - 1) + [5]
    assert repository.count_movies() == 1
    assert event_names(repository) == ["movie.edited", "movie.added"]


def test_find_same_films_answers_for_a_page_of_films_at_once(repository):
    matrix = repository.add_movie(Movie("The Matrix", year=1999, imdb_id="tt0133093"))
    reloaded = repository.add_movie(Movie("The Matrix Reloaded", year=2003))
    repository.add_movie(Movie("The Matrix Revolutions", year=2003, imdb_id="tt0242653"))
    repository.add_movie(Movie("100% Wolf", year=2020))
    repository.for_owner(Owner("someone-else")).add_movie(
        Movie("Enter the Matrix", year=2003, imdb_id="tt0277828")
    )

    found = repository.find_same_films(
        [
            ("tt0133093", "Matrix, The", 1999),  # by IMDb ID, whatever the title
            ("tt0234215", "the matrix reloaded", 2003),  # by title and year, no IMDb ID
            ("tt9999999", "The Matrix Revolutions", 2003),  # that one has another IMDb ID
            ("tt0277828", "Enter the Matrix", 2003),  # another owner's
            (None, "The Matrix Reloaded", 2004),
            (None, "100_ Wolf", 2020),  # LIKE characters are literal
            (None, "", None),
        ]
    )

    assert found == [matrix, reloaded, None, None, None, None, None]
    assert repository.find_same_films([]) == []


# -- the diary: watches ------------------------------------------------------------------


def log(repository: Repository, movie: Movie, watched_on=None, **fields) -> Watch:
    return repository.log_watch(Watch(movie.id, watched_on=watched_on, **fields))


def watch_dates(watches: list[Watch]) -> list[date | None]:
    return [watch.watched_on for watch in watches]


@freeze_time("2026-11-25 15:00:00")
def test_log_watch_stores_the_watch_and_marks_the_movie_watched(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))

    watch = log(repository, movie, date(2026, 11, 20), rating=4.5, review="Tense.", tags=("x",))

    assert watch.id is not None
    assert (watch.movie_id, watch.watched_on, watch.rating) == (movie.id, date(2026, 11, 20), 4.5)
    assert (watch.review, watch.tags, watch.rewatch) == ("Tense.", ("x",), False)
    assert watch.logged_at == at("2026-11-25 15:00:00")
    assert repository.get_watch(watch.id) == watch
    assert repository.find_watches(movie.id) == [watch]
    stored = repository.get_movie(movie.id)
    assert (stored.status, stored.last_watched) == (WATCHED, date(2026, 11, 20))
    assert event_names(repository) == ["watch.logged", "movie.status_changed", "movie.added"]
    logged = repository.recent_events(limit=1)[0]
    assert (logged.movie_id, logged.title, logged.year) == (movie.id, "Heat", 1995)
    assert (logged.rating, logged.watched_on) == (4.5, date(2026, 11, 20))


def test_logging_a_watch_of_a_watched_movie_writes_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    repository.update_movie_status(movie.id, WATCHED)
    version = repository.library_version()

    log(repository, movie)

    assert event_names(repository)[0:2] == ["watch.logged", "movie.status_changed"]
    assert len(event_names(repository)) == 3
    assert repository.library_version() != version


def test_marking_a_movie_watched_logs_no_watch_and_its_first_logged_watch_is_no_rewatch(
    repository,
):
    # A status says whether you have seen a movie, not when: only log_watch dates a watch.
    added = repository.add_movie(Movie(title="Heat", status=WATCHED))
    marked = repository.add_movie(Movie(title="Alien"))
    repository.update_movie_status(marked.id, WATCHED)

    for movie in (added, marked):
        assert repository.find_watches(movie.id) == []
        assert repository.get_movie(movie.id).last_watched is None
    assert added.last_watched is None
    assert repository.count_diary() == 0
    assert "watch.logged" not in event_names(repository)

    for movie in (added, marked):
        watch = log(repository, movie, date(2026, 3, 3))
        assert repository.find_watches(movie.id) == [watch]
        assert watch.rewatch is False
        assert repository.get_movie(movie.id).last_watched == date(2026, 3, 3)


def test_log_watch_of_a_missing_movie_stores_nothing(repository):
    version = repository.library_version()

    assert repository.log_watch(Watch(404)) is None

    assert repository.count_diary() == 0
    assert repository.library_version() == version


def test_watches_list_newest_first_with_unknown_dates_last(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    other = repository.add_movie(Movie(title="Alien"))
    undated_1 = log(repository, movie)
    june = log(repository, movie, date(2024, 6, 1))
    undated_2 = log(repository, movie)
    july = log(repository, movie, date(2024, 7, 1))
    june_again = log(repository, movie, date(2024, 6, 1))
    log(repository, other, date(2025, 1, 1))

    listed = repository.find_watches(movie.id)

    assert [w.id for w in listed] == [july.id, june_again.id, june.id, undated_2.id, undated_1.id]
    assert repository.get_movie(movie.id).last_watched == date(2024, 7, 1)
    assert repository.find_watches(404) == []
    assert repository.get_watch(404) is None


def test_rewatch_is_derived_from_earlier_watches_and_recomputed(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    later = log(repository, movie, date(2024, 6, 1))
    assert later.rewatch is False
    earlier = log(repository, movie, date(2024, 1, 1))
    assert earlier.rewatch is False
    assert repository.get_watch(later.id).rewatch is True

    undated = log(repository, movie)  # an unknown date counts as the earliest
    assert undated.rewatch is False
    assert {w.id: w.rewatch for w in repository.find_watches(movie.id)} == {
        undated.id: False,
        earlier.id: True,
        later.id: True,
    }

    repository.delete_watch(undated.id)
    assert repository.get_watch(earlier.id).rewatch is False
    moved = repository.update_watch(earlier.id, {"watched_on": date(2025, 1, 1)})
    assert moved.rewatch is True
    assert repository.get_watch(later.id).rewatch is False


def test_same_date_the_watch_logged_first_is_the_first(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    first = log(repository, movie, date(2024, 6, 1))
    second = log(repository, movie, date(2024, 6, 1))

    assert (first.rewatch, second.rewatch) == (False, True)
    assert repository.get_watch(first.id).rewatch is False


def test_update_watch_changes_only_the_given_fields_with_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))
    watch = log(repository, movie, date(2024, 6, 1), rating=3.0, review="Ok", tags=("a",))
    version = repository.library_version()

    changed = repository.update_watch(watch.id, {"rating": 4.5, "tags": ("b", "c")})

    assert changed == replace(watch, rating=4.5, tags=("b", "c"))
    assert repository.get_watch(watch.id) == changed
    assert event_names(repository)[0] == "watch.updated"
    assert repository.recent_events(limit=1)[0].rating == 4.5
    assert repository.library_version() != version
    cleared = repository.update_watch(watch.id, {"watched_on": None, "rating": None})
    assert (cleared.watched_on, cleared.rating, cleared.review) == (None, None, "Ok")
    assert repository.update_watch(404, {"rating": 1.0}) is None


def test_delete_watch_returns_it_once_then_none(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    watch = log(repository, movie, date(2024, 6, 1), rating=2.5)
    version = repository.library_version()

    assert repository.delete_watch(watch.id) == watch
    assert repository.delete_watch(watch.id) is None
    assert repository.find_watches(movie.id) == []
    assert repository.get_movie(movie.id).last_watched is None
    assert event_names(repository)[0] == "watch.deleted"
    assert repository.recent_events(limit=1)[0].watched_on == date(2024, 6, 1)
    assert repository.library_version() != version


def test_deleting_a_movie_deletes_its_watches(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    other = repository.add_movie(Movie(title="Alien"))
    watch = log(repository, movie, date(2024, 6, 1))
    kept = log(repository, other, date(2024, 6, 2))

    repository.delete_movie(movie.id)

    assert repository.get_watch(watch.id) is None
    assert [w.id for w in repository.diary()] == [kept.id]
    assert repository.count_diary() == 1
    assert event_names(repository)[0] == "movie.deleted"


def test_concurrent_watches_of_one_movie_are_all_kept_and_one_is_the_first(repository):
    movie = repository.add_movie(Movie(title="Heat"))

    logged = run_at_once(lambda: log(repository, movie, date(2024, 6, 1)))

    assert len({w.id for w in logged}) == THREADS
    stored = repository.find_watches(movie.id)
    assert len(stored) == THREADS
    assert [w.rewatch for w in stored].count(False) == 1
    assert event_names(repository).count("watch.logged") == THREADS
    assert event_names(repository).count("movie.status_changed") == 1


# -- logging a film, added in the same step (issue 16: the Log a film dialog) ----------


@freeze_time("2026-11-25 15:00:00")
def test_log_film_adds_a_film_the_library_lacks_with_its_watch_in_one_go(repository):
    version = repository.library_version()

    logged = repository.log_film(
        Movie(" Heat ", WANT, 1995, imdb_id="tt0113277"),
        Watch(0, watched_on=date(2026, 11, 25), rating=4.5, review="Tense."),
        HEAT_FROM_OMDB,
    )

    assert (logged.new, logged.filled) == (True, ())
    movie = repository.get_movie(logged.movie.id)
    assert logged.movie == movie
    assert (movie.title, movie.status, movie.rating) == ("Heat", WATCHED, 4.5)  # the stars
    assert movie.last_watched == date(2026, 11, 25)
    assert repository.find_watches(movie.id) == [logged.watch]
    watch = logged.watch
    assert (watch.movie_id, watch.rating, watch.review, watch.rewatch) == (
        movie.id, 4.5, "Tense.", False
    )  # fmt: skip
    assert event_names(repository) == ["watch.logged", "movie.added"]
    assert repository.library_version() == version + 2


@pytest.mark.parametrize("typed", ["heat", "HÉAT"])
def test_log_film_of_a_film_the_library_has_logs_it_there_and_fills_in_what_it_lacks(
    repository, typed
):
    heat = repository.add_movie(Movie("Heat", WANT, 1995, director="M. Mann"))

    logged = repository.log_film(
        Movie(typed, WATCHED, 1995, imdb_id="tt0113277"), Watch(0, rating=3.0), HEAT_FROM_OMDB
    )

    assert (logged.new, logged.movie.id) == (False, heat.id)
    assert logged.filled == ("genre", "imdb_id", "poster_url", "runtime_minutes")
    stored = repository.get_movie(heat.id)
    assert logged.movie == stored
    assert (stored.title, stored.director, stored.imdb_id) == ("Heat", "M. Mann", "tt0113277")
    assert (stored.status, stored.rating) == (WATCHED, 3.0)
    assert repository.count_movies() == 1
    assert repository.find_watches(heat.id) == [logged.watch]
    assert event_names(repository) == [
        "watch.logged", "movie.status_changed", "movie.edited", "movie.added"
    ]  # fmt: skip


def test_log_film_by_its_title_alone_finds_the_film_of_that_title_without_a_year(repository):
    solaris = repository.add_movie(Movie("Solaris", WATCHED))
    log(repository, solaris, date(2020, 1, 1))

    logged = repository.log_film(Movie("solaris"), Watch(0, watched_on=date(2026, 1, 1)))
    added = repository.log_film(Movie("Stalker"), Watch(0))

    assert (logged.new, logged.movie.id, logged.watch.rewatch) == (False, solaris.id, True)
    assert (added.new, added.movie.title, added.movie.status) == (True, "Stalker", WATCHED)
    assert titles(repository.find_movies(sort="title")) == ["Solaris", "Stalker"]


def test_log_film_seen_before_is_a_rewatch_though_it_is_the_films_first_watch(repository):
    logged = repository.log_film(Movie("Heat", year=1995), Watch(0, seen_before=True))

    assert (logged.watch.rewatch, logged.watch.seen_before) == (True, True)
    assert repository.find_watches(logged.movie.id)[0].rewatch


def test_log_film_refuses_a_film_without_a_title_and_stores_nothing(repository):
    with pytest.raises(ValidationError):
        repository.log_film(Movie("   "), Watch(0, rating=4.0))

    assert repository.find_movies() == []
    assert repository.count_diary() == 0
    assert repository.library_version() == 0


def test_concurrent_logs_of_one_new_film_add_it_once_with_every_watch(repository):
    results = run_at_once(
        lambda: repository.log_film(Movie("Heat", year=1995, imdb_id="tt0113277"), Watch(0))
    )

    assert sorted(result.new for result in results) == [False] * (THREADS - 1) + [True]
    [heat] = repository.find_movies()
    assert {result.movie.id for result in results} == {heat.id}
    assert len(repository.find_watches(heat.id)) == THREADS
    assert event_names(repository).count("movie.added") == 1


# -- the diary's stars rate the film (as on Letterboxd) --------------------------------


def test_a_watch_logged_with_stars_rates_the_film_in_its_transaction(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))

    log(repository, movie, date(2026, 3, 2), rating=4.5)

    assert repository.get_movie(movie.id).rating == 4.5
    # One event says both: "Watched Heat (1995) on 2 Mar 2026, rated ★★★★½".
    assert event_names(repository) == ["watch.logged", "movie.status_changed", "movie.added"]
    assert repository.recent_events(limit=1)[0].rating == 4.5


def test_the_films_rating_is_the_latest_given_and_a_watch_without_stars_keeps_it(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    repository.rate_movie(movie.id, 5.0)

    log(repository, movie, date(2026, 1, 1))  # no stars: the film keeps its 5
    assert repository.get_movie(movie.id).rating == 5.0
    log(repository, movie, date(2020, 1, 1), rating=2.0)  # backdated, but given last
    assert repository.get_movie(movie.id).rating == 2.0
    repository.rate_movie(movie.id, 3.5)  # rating the film itself is given last now
    assert repository.get_movie(movie.id).rating == 3.5
    assert repository.find_watches(movie.id)[1].rating == 2.0  # the entry keeps its stars


def test_a_watch_with_the_films_own_stars_changes_no_rating(repository):
    movie = repository.add_movie(Movie(title="Heat", status=WATCHED))
    repository.rate_movie(movie.id, 4.0)

    log(repository, movie, date(2026, 1, 1), rating=4.0)

    assert repository.get_movie(movie.id).rating == 4.0
    assert event_names(repository) == ["watch.logged", "movie.rated", "movie.added"]


def test_films_rated_in_the_diary_are_rated_for_filters_sorting_and_the_chart(repository):
    heat = repository.add_movie(Movie(title="Heat"))
    alien = repository.add_movie(Movie(title="Alien"))
    repository.add_movie(Movie(title="Up"))
    log(repository, heat, date(2026, 1, 1), rating=4.5)
    log(repository, alien, date(2026, 1, 2), rating=3.0)

    assert titles(repository.find_movies(rated=True)) == ["Alien", "Heat"]
    assert titles(repository.find_movies(rated=False)) == ["Up"]
    assert repository.count_movies(rated=True) == 2
    assert titles(repository.find_movies(sort="rating")) == ["Heat", "Alien", "Up"]
    assert repository.count_by_rating() == [(3.0, 1), (4.5, 1)]


def test_editing_a_watchs_stars_rates_the_film_and_says_so(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))
    watch = log(repository, movie, date(2024, 6, 1))

    repository.update_watch(watch.id, {"rating": 4.0})

    assert repository.get_movie(movie.id).rating == 4.0
    assert event_names(repository)[:2] == ["watch.updated", "movie.rated"]
    rated = repository.recent_events(limit=2)[1]
    assert (rated.rating, rated.movie_label) == (4.0, "Heat (1995)")


def test_editing_a_watch_without_new_stars_leaves_the_films_rating(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    watch = log(repository, movie, date(2024, 6, 1), rating=3.0)
    repository.rate_movie(movie.id, 5.0)

    repository.update_watch(watch.id, {"watched_on": date(2024, 6, 2), "rating": 3.0})
    assert repository.get_movie(movie.id).rating == 5.0  # the stars were not given again
    repository.update_watch(watch.id, {"rating": None})
    assert repository.get_movie(movie.id).rating == 5.0  # clearing an entry's stars
    assert "movie.rated" not in event_names(repository)[:2]


def test_saving_a_watch_unchanged_writes_nothing(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    watch = log(repository, movie, date(2024, 6, 1), rating=3.0, review="Ok", tags=("a", "b"))
    log(repository, movie, date(2025, 1, 1))  # a rewatch after it: flags stay as they are
    watch = repository.get_watch(watch.id)
    version, names = repository.library_version(), event_names(repository)
    same = {"watched_on": date(2024, 6, 1), "rating": 3.0, "review": "Ok", "tags": ("a", "b")}

    assert repository.update_watch(watch.id, same) == watch
    assert repository.update_watch(watch.id, {"rating": 3.0}) == watch
    assert repository.update_watch(watch.id, {}) == watch

    assert repository.library_version() == version
    assert event_names(repository) == names
    assert repository.get_watch(watch.id) == watch


def test_saving_a_watch_with_one_field_changed_writes_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    watch = log(repository, movie, date(2024, 6, 1), rating=3.0, review="Ok")
    before = len(event_names(repository))

    changed = repository.update_watch(
        watch.id, {"watched_on": date(2024, 6, 1), "rating": 3.0, "review": "Better"}
    )

    assert changed == replace(watch, review="Better")
    assert event_names(repository)[0] == "watch.updated"
    assert len(event_names(repository)) == before + 1


# -- ratings and details -----------------------------------------------------------------


def test_rate_movie_sets_and_clears_with_one_event_each(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))

    assert repository.rate_movie(movie.id, 4.5).rating == 4.5
    assert repository.rate_movie(movie.id, 4.5).rating == 4.5  # no change
    assert repository.get_movie(movie.id).rating == 4.5
    assert repository.rate_movie(movie.id, None).rating is None
    assert repository.rate_movie(404, 3.0) is None

    assert event_names(repository) == ["movie.rated", "movie.rated", "movie.added"]
    cleared, rated = repository.recent_events(limit=2)
    assert (rated.rating, cleared.rating, rated.movie_label) == (4.5, None, "Heat (1995)")


@pytest.mark.parametrize("stars", [0.5, 2.5, 3.5, 5.0])
def test_half_star_ratings_come_back_exactly(repository, stars):
    movie = repository.add_movie(Movie(title="Heat"))
    repository.rate_movie(movie.id, stars)
    watch = log(repository, movie, rating=stars)

    assert repository.get_movie(movie.id).rating == stars
    assert repository.get_watch(watch.id).rating == stars


def test_edit_details_changes_what_search_and_filters_find(repository):
    movie = repository.add_movie(Movie(title="Heat", genre="Crime", director="Mann"))

    edited = repository.update_movie_details(
        movie.id, replace(movie, title="Heat (director's cut)", year=1995, genre="Drama")
    )

    assert (edited.title, edited.year, edited.genre) == ("Heat (director's cut)", 1995, "Drama")
    assert repository.get_movie(movie.id) == edited
    assert titles(repository.find_movies(text="cut")) == ["Heat (director's cut)"]
    assert repository.find_movies(genre="Crime") == []
    assert repository.count_movies(genre="drama") == 1
    assert event_names(repository) == ["movie.edited", "movie.added"]
    assert repository.recent_events(limit=1)[0].title == "Heat (director's cut)"
    assert repository.update_movie_details(404, movie) is None
    with pytest.raises(ValidationError):
        repository.update_movie_details(movie.id, replace(movie, title=" "))
    assert len(event_names(repository)) == 2


def test_saving_details_rating_or_status_unchanged_writes_nothing(repository):
    movie = repository.add_movie(
        Movie(title="Heat", year=1995, director="Michael Mann", genre="Crime", rating=4.0)
    )
    version = repository.library_version()

    same = repository.update_movie_details(movie.id, replace(movie))
    repository.rate_movie(movie.id, 4.0)
    repository.update_movie_status(movie.id, movie.status)

    assert same == repository.get_movie(movie.id)
    assert (same.title, same.year, same.director, same.genre) == (
        "Heat",
        1995,
        "Michael Mann",
        "Crime",
    )
    assert event_names(repository) == ["movie.added"]
    assert repository.library_version() == version
    repository.update_movie_details(movie.id, replace(movie, genre="Crime, Drama"))
    assert event_names(repository) == ["movie.edited", "movie.added"]
    assert repository.library_version() == version + 1


def test_omdb_details_are_stored_on_add(repository):
    movie = repository.add_movie(
        Movie(
            title="Heat",
            runtime_minutes=170,
            plot="Thieves.",
            actors="Al Pacino, Robert De Niro",
            imdb_rating=8.3,
            language="English, Spanish",
            country="United States",
        )
    )

    stored = repository.get_movie(movie.id)
    assert stored == movie
    assert (stored.runtime_minutes, stored.plot, stored.imdb_rating) == (170, "Thieves.", 8.3)
    assert (stored.language, stored.country) == ("English, Spanish", "United States")
    assert stored.actors == "Al Pacino, Robert De Niro"


# -- the Library's filters and sorting ---------------------------------------------------


@pytest.fixture
def shelf(repository):
    """Four movies added oldest first: Alien, Heat, Amélie, Untitled."""
    with freeze_time("2026-11-01 10:00:00"):
        alien = repository.add_movie(Movie(title="Alien", year=1979, genre="Horror, Sci-Fi"))
    with freeze_time("2026-11-02 10:00:00"):
        heat = repository.add_movie(Movie(title="Heat", year=1995, genre="Crime, Drama"))
    with freeze_time("2026-11-03 10:00:00"):
        amelie = repository.add_movie(Movie(title="Amélie", year=2001, genre="Comédie, Drama"))
    with freeze_time("2026-11-04 10:00:00"):
        repository.add_movie(Movie(title="Untitled"))
    repository.rate_movie(alien.id, 4.0)
    repository.rate_movie(heat.id, 5.0)
    log(repository, alien, date(2025, 3, 1))
    log(repository, heat, date(2024, 1, 1))
    log(repository, amelie)  # undated: never counts as last watched
    return repository


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Untitled", "Amélie", "Heat", "Alien"]),
        ({"genre": "drama"}, ["Amélie", "Heat"]),
        ({"genre": " DRAMA "}, ["Amélie", "Heat"]),
        ({"genre": "comedie"}, ["Amélie"]),
        ({"genre": "Sci"}, []),
        ({"genre": ""}, ["Untitled", "Amélie", "Heat", "Alien"]),
        ({"decade": 1990}, ["Heat"]),
        ({"decade": 1970, "genre": "horror"}, ["Alien"]),
        ({"decade": 1980}, []),
        ({"rated": True}, ["Heat", "Alien"]),
        ({"rated": False}, ["Untitled", "Amélie"]),
        ({"rated": False, "genre": "drama"}, ["Amélie"]),
    ],
)
def test_filter_by_genre_decade_and_rating(shelf, filters, expected):
    assert titles(shelf.find_movies(**filters)) == expected
    assert shelf.count_movies(**filters) == len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("added", ["Untitled", "Amélie", "Heat", "Alien"]),
        ("title", ["Alien", "Amélie", "Heat", "Untitled"]),
        ("year", ["Amélie", "Heat", "Alien", "Untitled"]),
        ("rating", ["Heat", "Alien", "Untitled", "Amélie"]),
        ("last_watched", ["Alien", "Heat", "Untitled", "Amélie"]),
    ],
)
def test_sort_the_library(shelf, sort, expected):
    assert titles(shelf.find_movies(sort=sort)) == expected
    assert titles(shelf.find_movies(sort=sort, limit=2, offset=1)) == expected[1:3]


@pytest.fixture
def running_times(repository):
    """Five films added oldest first: Heat (170 min), Up (96), Alien (117), Untitled (no
    runtime), Short Cuts (187, Watched)."""
    for day, (title, minutes) in enumerate(
        [("Heat", 170), ("Up", 96), ("Alien", 117), ("Untitled", None), ("Short Cuts", 187)],
        start=1,
    ):
        with freeze_time(f"2026-11-0{day} 10:00:00"):
            status = Status.WATCHED if title == "Short Cuts" else Status.WANT_TO_WATCH
            repository.add_movie(Movie(title=title, status=status, runtime_minutes=minutes))
    with freeze_time("2026-11-06 10:00:00"):
        repository.add_movie(Movie(title="Ninety", runtime_minutes=90))
    return repository


def test_sort_by_runtime_shortest_first_films_without_one_last(running_times):
    expected = ["Ninety", "Up", "Alien", "Heat", "Short Cuts", "Untitled"]
    assert titles(running_times.find_movies(sort="runtime")) == expected
    assert titles(running_times.find_movies(sort="runtime", limit=2, offset=4)) == expected[4:]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"max_runtime": 90}, ["Ninety"]),  # 90 minutes is no longer than 90
        ({"max_runtime": 120}, ["Ninety", "Alien", "Up"]),
        ({"max_runtime": 150}, ["Ninety", "Alien", "Up"]),
        ({"max_runtime": 180}, ["Ninety", "Alien", "Up", "Heat"]),
        ({"max_runtime": 200, "status": Status.WATCHED}, ["Short Cuts"]),
        ({"max_runtime": 60}, []),
        ({"max_runtime": None}, ["Ninety", "Short Cuts", "Untitled", "Alien", "Up", "Heat"]),
    ],
)
def test_filter_by_runtime_leaves_out_longer_films_and_films_without_one(
    running_times, filters, expected
):
    assert titles(running_times.find_movies(**filters)) == expected
    assert running_times.count_movies(**filters) == len(expected)


def test_an_unknown_sort_is_refused(repository):
    with pytest.raises(ValidationError) as caught:
        repository.find_movies(sort="length")
    assert caught.value.field == "sort"


def test_movies_read_with_their_last_watched_date(shelf):
    last = {m.title: m.last_watched for m in shelf.find_movies()}
    assert last == {
        "Alien": date(2025, 3, 1),
        "Heat": date(2024, 1, 1),
        "Amélie": None,
        "Untitled": None,
    }


def test_genres_and_decades_for_the_filters(shelf):
    shelf.add_movie(Movie(title="Se7en", year=1995, genre="crime, Mystery"))
    shelf.add_movie(Movie(title="Blank", genre="Drama, ,"))  # empty names are not genres
    assert shelf.genres() == ["Comédie", "Crime", "Drama", "Horror", "Mystery", "Sci-Fi"]
    assert shelf.decades() == [1970, 1990, 2000]


# -- the diary across the library --------------------------------------------------------


@pytest.fixture
def diary(repository):
    heat = repository.add_movie(
        Movie(title="Heat", year=1995, director="Michael Mann", genre="Crime, Drama")
    )
    alien = repository.add_movie(Movie(title="Alien", director="Ridley Scott", genre="Horror"))
    log(repository, heat, date(2025, 12, 31), rating=4.0)
    log(repository, alien, date(2026, 1, 1))
    log(repository, heat, date(2026, 3, 2), rating=5.0)
    log(repository, alien)
    return repository


def test_the_diary_lists_every_watch_newest_first_with_its_movie(diary):
    entries = diary.diary()

    assert [(w.movie.title, w.watched_on) for w in entries] == [
        ("Heat", date(2026, 3, 2)),
        ("Alien", date(2026, 1, 1)),
        ("Heat", date(2025, 12, 31)),
        ("Alien", None),
    ]
    assert entries[0].movie.last_watched == date(2026, 3, 2)
    assert entries[0].movie == diary.get_movie(entries[0].movie_id)
    assert diary.count_diary() == 4
    assert [w.watched_on for w in diary.diary(limit=2, offset=1)] == [
        date(2026, 1, 1),
        date(2025, 12, 31),
    ]


def test_the_diary_of_one_year(diary):
    assert [w.watched_on for w in diary.diary(2026)] == [date(2026, 3, 2), date(2026, 1, 1)]
    assert [w.watched_on for w in diary.diary(2026, oldest_first=True)] == [
        date(2026, 1, 1),
        date(2026, 3, 2),
    ]
    assert diary.count_diary(2025) == 1
    assert diary.count_diary(1999) == 0
    assert diary.diary_years() == [2026, 2025]


def test_an_empty_diary(repository):
    assert repository.diary() == []
    assert repository.count_diary() == 0
    assert repository.diary_years() == []
    assert repository.watches_by_month() == []
    assert repository.watch_minutes() == (0, 0)
    assert repository.count_by_rating() == []
    assert repository.watches_by_genre() == []
    assert repository.year_counts(2026) == (0, 0, 0)
    assert repository.top_rated(2026) == []


# -- diary statistics --------------------------------------------------------------------


def test_watches_per_month_by_date_watched(diary):
    movie = diary.get_movie(diary.diary()[0].movie_id)
    log(diary, movie, date(2026, 3, 20))  # backdated: lands in its own month

    assert diary.watches_by_month() == [("2025-12", 1), ("2026-01", 1), ("2026-03", 2)]
    assert diary.watches_by_month(2025) == [("2025-12", 1)]


def test_minutes_watched_count_each_watch(repository):
    heat = repository.add_movie(Movie(title="Heat", runtime_minutes=170))
    alien = repository.add_movie(Movie(title="Alien"))
    log(repository, heat, date(2026, 1, 1))
    log(repository, heat, date(2025, 1, 1))
    log(repository, alien, date(2026, 1, 2))

    assert repository.watch_minutes() == (340, 1)
    assert repository.watch_minutes(2026) == (170, 1)


def test_count_by_rating_counts_movies_current_ratings(repository):
    for title, stars in [("Heat", 4.5), ("Alien", 4.5), ("Up", 1.0), ("Jaws", None)]:
        movie = repository.add_movie(Movie(title=title))
        repository.rate_movie(movie.id, stars)

    assert repository.count_by_rating() == [(1.0, 1), (4.5, 2)]


def test_watches_by_director_and_genre(diary):
    assert dict(diary.watches_by_director()) == {"Michael Mann": 2, "Ridley Scott": 2}
    assert dict(diary.watches_by_genre(2026)) == {"Crime, Drama": 1, "Horror": 1}


def test_year_counts_and_top_rated(diary):
    alien = diary.find_movies(text="alien")[0]
    diary.rate_movie(alien.id, 3.5)
    log(diary, alien, date(2026, 5, 1))

    # Alien's undated watch counts as its first: each 2026 watch is a rewatch
    assert diary.year_counts(2026) == (2, 3, 3)
    assert diary.year_counts(2025) == (1, 1, 0)
    rated = [(movie.title, stars) for movie, stars in diary.top_rated(2026)]
    assert rated == [("Heat", 5.0), ("Alien", 3.5)]
    assert [(m.title, s) for m, s in diary.top_rated(2025)] == [("Heat", 4.0)]
    assert len(diary.top_rated(2026, limit=1)) == 1


def test_concurrent_deletes_of_one_watch_have_one_winner_and_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    watch = log(repository, movie, date(2024, 6, 1))

    results = run_at_once(lambda: repository.delete_watch(watch.id))

    assert [result for result in results if result is not None] == [watch]
    assert event_names(repository).count("watch.deleted") == 1
    assert repository.find_watches(movie.id) == []


def test_concurrent_ratings_of_one_movie_write_one_event(repository):
    movie = repository.add_movie(Movie(title="Heat"))

    results = run_at_once(lambda: repository.rate_movie(movie.id, 4.0))

    assert {result.rating for result in results} == {4.0}
    assert event_names(repository) == ["movie.rated", "movie.added"]


# -- importing a plan --------------------------------------------------------------------


def _plan(*movies: PlannedMovie) -> ImportPlan:
    return clean_plan(ImportPlan("letterboxd", movies), date(2026, 11, 25))


def _heat_plan() -> ImportPlan:
    return _plan(
        PlannedMovie(
            "Heat",
            1995,
            rating=4.5,
            directors=("Michael Mann",),
            runtime_minutes=170,
            added_on=date(2024, 1, 2),
            watches=(
                PlannedWatch(date(2024, 2, 1), 4.5, 'Again,\n"still" great', ("la",)),
                PlannedWatch(date(2024, 1, 1), 4.0),
            ),
        ),
        PlannedMovie("Alien", 1979, imdb_id="tt0078748"),
        PlannedMovie("Up", 2009, status=WANT),
    )


@freeze_time("2026-11-25 15:00:00")
def test_an_import_stores_movies_watches_and_one_event(repository):
    version = repository.library_version()

    changes = repository.apply_import(_heat_plan())

    assert (len(changes.new_movies), len(changes.updates), changes.unchanged) == (3, 0, 0)
    heat, alien, up = (repository.find_movies(text=t)[0] for t in ("heat", "alien", "up"))
    assert (heat.status, heat.rating, heat.director, heat.runtime_minutes) == (
        WATCHED, 4.5, "Michael Mann", 170,
    )  # fmt: skip
    assert heat.date_added == at("2024-01-02 00:00:00")
    assert heat.last_watched == date(2024, 2, 1)
    assert [(w.watched_on, w.rewatch, w.tags) for w in repository.find_watches(heat.id)] == [
        (date(2024, 2, 1), True, ("la",)),
        (date(2024, 1, 1), False, ()),
    ]
    assert repository.find_watches(heat.id)[0].review == 'Again,\n"still" great'
    # Alien is only marked watched: Watched, with nothing in the diary
    assert (alien.status, repository.find_watches(alien.id)) == (WATCHED, [])
    assert (alien.imdb_id, up.status, repository.find_watches(up.id)) == ("tt0078748", WANT, [])
    assert event_names(repository) == ["import.completed"]
    completed = repository.recent_events()[0]
    assert completed.source == "letterboxd"
    assert dict(completed.counts) == {
        "movies_added": 3, "movies_updated": 0, "movies_unchanged": 0, "watches_added": 2,
        "ratings_added": 1, "reviews_added": 1, "watchlist_added": 1, "skipped": 0,
    }  # fmt: skip
    assert repository.library_version() == version + 1


def test_importing_a_plan_twice_adds_nothing_the_second_time(repository):
    repository.apply_import(_heat_plan())
    movies, diary = repository.find_movies(), repository.diary()

    changes = repository.apply_import(_heat_plan())

    assert (len(changes.new_movies), len(changes.updates), changes.unchanged) == (0, 0, 3)
    assert repository.find_movies() == movies
    assert repository.diary() == diary


def test_an_import_matches_by_imdb_id_then_title_and_year_and_never_demotes(repository):
    heat = repository.add_movie(Movie(title="HEAT", year=1995, status=WATCHED))
    alien = repository.add_movie(Movie(title="Alien: other title", imdb_id="tt0078748"))
    up = repository.add_movie(Movie(title="Up", year=2009, status=WATCHED))

    changes = repository.apply_import(_heat_plan())

    assert (len(changes.new_movies), len(changes.updates), changes.unchanged) == (0, 2, 1)
    assert repository.count_movies() == 3
    assert repository.get_movie(up.id).status == WATCHED
    stored_heat = repository.get_movie(heat.id)
    assert (stored_heat.title, stored_heat.rating, stored_heat.director) == (
        "HEAT", 4.5, "Michael Mann",
    )  # fmt: skip
    # Already Watched, with no watch of its own: it gains just the two imported.
    assert watch_dates(repository.find_watches(heat.id)) == [date(2024, 2, 1), date(2024, 1, 1)]
    assert repository.get_movie(alien.id).status == WATCHED


def test_a_failing_import_leaves_the_library_and_its_version_as_they_were(repository):
    repository.add_movie(Movie(title="Heat", year=1995))
    movies, version = repository.find_movies(), repository.library_version()
    many = _plan(*(PlannedMovie(f"Film {n}", 2000, watches=(PlannedWatch(),)) for n in range(1200)))

    def fail(done: int, total: int) -> None:
        if done > 500:
            raise RuntimeError("stopped midway")

    with pytest.raises(RuntimeError):
        repository.apply_import(many, fail)

    assert repository.find_movies() == movies
    assert repository.library_version() == version
    assert repository.count_diary() == 0
    assert event_names(repository) == ["movie.added"]


def test_an_import_reports_progress_up_to_its_total(repository):
    calls: list[tuple[int, int]] = []
    many = _plan(*(PlannedMovie(f"Film {n}", 2000) for n in range(1200)))

    repository.apply_import(many, lambda done, total: calls.append((done, total)))

    assert calls[-1] == (1200, 1200)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert repository.count_movies() == 1200


def test_two_films_of_one_title_and_year_stay_two_on_every_import(repository):
    castles = _plan(
        PlannedMovie("The Haunted Castle", 1897, source_key="a"),
        PlannedMovie("The Haunted Castle", 1897, source_key="b"),
    )

    first = repository.apply_import(castles)
    again = repository.apply_import(castles)

    assert (len(first.new_movies), again.unchanged, len(again.new_movies)) == (2, 2, 0)
    assert repository.count_movies() == 2


# -- filling in details afterwards -------------------------------------------------------


def test_movies_missing_details_are_those_without_an_id_or_poster_never_looked_up(repository):
    heat = repository.add_movie(Movie(title="Heat"))
    repository.add_movie(Movie(title="Up", imdb_id="tt1049413", poster_url="https://e.org/u.jpg"))
    alien = repository.add_movie(Movie(title="Alien", imdb_id="tt0078748"))

    assert [m.id for m in repository.movies_missing_details(10)] == [heat.id, alien.id]
    assert [m.id for m in repository.movies_missing_details(1)] == [heat.id]
    assert repository.count_missing_details() == 2


def test_filling_in_sets_only_empty_fields_with_one_event(repository):
    heat = repository.add_movie(Movie(title="Heat", director="M. Mann"))
    version = repository.library_version()

    stored = repository.fill_in_details(
        heat.id, {"imdb_id": "tt0113277", "director": "Michael Mann", "genre": "Crime"}
    )

    assert (stored.imdb_id, stored.director, stored.genre) == ("tt0113277", "M. Mann", "Crime")
    assert repository.find_movies(genre="crime") == [stored]
    assert repository.library_version() == version + 1
    assert event_names(repository)[0] == "movie.edited"
    assert repository.count_missing_details() == 0  # looked up: not picked again


def test_a_movie_looked_up_without_anything_to_fill_changes_nothing_visible(repository):
    heat = repository.add_movie(Movie(title="Heat"))
    version = repository.library_version()

    assert repository.fill_in_details(heat.id, {}) == repository.get_movie(heat.id)
    assert repository.library_version() == version
    assert repository.count_missing_details() == 0
    assert repository.fill_in_details(404, {"plot": "x"}) is None


def test_filling_in_never_gives_a_second_movie_the_same_imdb_id(repository):
    repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    copy = repository.add_movie(Movie(title="Heat"))

    stored = repository.fill_in_details(copy.id, {"imdb_id": "tt0113277", "year": 1995})

    assert (stored.imdb_id, stored.year) == (None, 1995)


def test_racing_imports_of_one_plan_store_it_once(repository):
    barrier = threading.Barrier(THREADS)

    def race(_: int) -> int:
        barrier.wait()
        return len(repository.apply_import(_heat_plan()).new_movies)

    with ThreadPoolExecutor(THREADS) as pool:
        added = list(pool.map(race, range(THREADS)))

    assert sorted(added) == [0] * (THREADS - 1) + [3]
    assert repository.count_movies() == 3
    assert repository.count_diary() == 2
    assert event_names(repository) == ["import.completed"] * THREADS


# -- one library per owner ---------------------------------------------------------------

ANNA = Owner.signed_in("https://accounts.example.org", "anna")
BEN = Owner.signed_in("https://accounts.example.org", "ben")


def _a_library(repository: Repository, title: str, imdb_id: str) -> tuple[Movie, Watch]:
    """A movie watched twice, one of them dated 2024 at 4.5 stars, then rated 4.0 itself,
    in `repository`'s library."""
    movie = repository.add_movie(
        Movie(title=title, year=1995, genre="Crime", imdb_id=imdb_id, runtime_minutes=100)
    )
    watch = repository.log_watch(Watch(movie.id, date(2024, 3, 1), 4.5, "Good"))
    repository.log_watch(Watch(movie.id, None))
    repository.rate_movie(movie.id, 4.0)
    return movie, repository.get_watch(watch.id)


@freeze_time("2026-11-25 15:00:00")
def test_each_owner_sees_only_their_own_library(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    anna_movie, _ = _a_library(anna, "Heat", "tt0113277")
    ben.add_movie(Movie(title="Alien", year=1979, genre="Horror"))

    assert titles(anna.find_movies()) == ["Heat"]
    assert titles(ben.find_movies()) == ["Alien"]
    assert repository.find_movies() == []
    assert repository.library_version() == 0
    assert (anna.count_movies(), ben.count_movies(text="heat")) == (1, 0)
    assert ben.count_by_status() == {WATCHED: 0, WANT: 1}
    assert (ben.genres(), ben.decades(), ben.count_by_genre()) == (
        ["Horror"],
        [1970],
        [("Horror", 1)],
    )
    assert ben.count_by_decade() == [(1970, 1)]
    assert ben.count_by_rating() == []
    assert anna.count_by_rating() == [(4.0, 1)]
    assert (ben.diary(), ben.count_diary(), ben.diary_years()) == ([], 0, [])
    assert [w.movie.title for w in anna.diary()] == ["Heat", "Heat"]
    assert ben.watches_by_month() == []
    assert ben.watch_minutes() == (0, 0)
    assert anna.watch_minutes() == (200, 0)
    assert ben.watches_by_director() == []
    assert ben.watches_by_genre(2024) == []
    assert ben.year_counts(2024) == (0, 0, 0)
    assert ben.top_rated(2024) == []
    assert anna.year_counts(2024) == (1, 1, 1)  # the undated watch came first
    assert event_names(ben) == ["movie.added"]
    assert event_names(anna)[-1] == "movie.added"
    assert len(event_names(anna)) == 5
    assert (anna.library_version(), ben.library_version()) == (5, 1)
    assert ben.find_by_imdb_id("tt0113277") is None
    assert ben.import_snapshot()[0].title == "Alien"
    assert len(ben.import_snapshot()) == 1
    assert ben.count_missing_details() == 1
    assert titles(ben.movies_missing_details(10)) == ["Alien"]
    assert anna.get_movie(anna_movie.id) is not None


def test_another_owners_ids_are_not_found_for_any_read_or_change(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    movie, watch = _a_library(anna, "Heat", "tt0113277")
    version, events_before = anna.library_version(), event_names(anna)

    assert ben.get_movie(movie.id) is None
    assert ben.get_watch(watch.id) is None
    assert ben.find_watches(movie.id) == []
    assert ben.update_movie_status(movie.id, WANT) is False
    assert ben.rate_movie(movie.id, 1.0) is None
    assert ben.update_movie_details(movie.id, Movie(title="Stolen")) is None
    assert ben.log_watch(Watch(movie.id, date(2025, 1, 1))) is None
    assert ben.update_watch(watch.id, {"review": "Mine now"}) is None
    assert ben.delete_watch(watch.id) is None
    assert ben.fill_in_details(movie.id, {"plot": "Stolen"}) is None
    assert ben.delete_movie(movie.id) is False

    assert anna.get_movie(movie.id) == replace(
        movie, rating=4.0, status=WATCHED, last_watched=date(2024, 3, 1)
    )
    assert anna.get_watch(watch.id) == watch
    assert (anna.library_version(), event_names(anna)) == (version, events_before)
    assert (ben.library_version(), event_names(ben)) == (0, [])


def test_the_same_imdb_id_can_be_in_two_libraries_once_each(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    first = anna.add_movie(Movie(title="Heat", imdb_id="tt0113277"))

    second = ben.add_movie(Movie(title="Heat", imdb_id="tt0113277"))

    assert second.id != first.id
    assert anna.find_by_imdb_id("tt0113277") == first
    assert ben.find_by_imdb_id("tt0113277") == second
    with pytest.raises(DuplicateMovieError) as caught:
        ben.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    assert caught.value.existing == second


def test_a_filled_in_imdb_id_is_only_refused_when_the_owner_has_it(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    anna.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    bens = ben.add_movie(Movie(title="Heat"))

    filled = ben.fill_in_details(bens.id, {"imdb_id": "tt0113277"})

    assert filled is not None
    assert filled.imdb_id == "tt0113277"


@freeze_time("2026-11-25 15:00:00")
def test_the_same_import_by_two_owners_makes_two_libraries(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    anna.add_movie(Movie(title="Alien", year=1979, imdb_id="tt0078748"))

    anna_changes = anna.apply_import(_heat_plan())
    ben_changes = ben.apply_import(_heat_plan())

    assert (len(anna_changes.new_movies), len(anna_changes.updates)) == (2, 1)
    assert (len(ben_changes.new_movies), len(ben_changes.updates)) == (3, 0)
    assert sorted(titles(anna.find_movies())) == sorted(titles(ben.find_movies()))
    assert {m.id for m in anna.find_movies()}.isdisjoint(m.id for m in ben.find_movies())
    assert (anna.count_diary(), ben.count_diary()) == (2, 2)
    assert [w.rewatch for w in ben.diary(oldest_first=True)] == [False, True]
    assert event_names(ben) == ["import.completed"]
    assert ben.library_version() == 1
    assert repository.find_movies() == []


def test_the_first_owner_to_claim_takes_the_local_library_once(repository):
    local_movie, local_watch = _a_library(repository, "Heat", "tt0113277")
    version = repository.library_version()
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)

    assert repository.claim_local_library() is False  # the local library is already its own
    assert anna.claim_local_library() is True

    assert titles(anna.find_movies()) == ["Heat"]
    assert anna.get_watch(local_watch.id) == local_watch
    assert anna.count_diary() == 2
    assert len(event_names(anna)) == 5
    assert anna.library_version() > version
    assert repository.find_movies() == []
    assert repository.get_movie(local_movie.id) is None
    assert repository.library_version() > version
    assert ben.claim_local_library() is False
    assert anna.claim_local_library() is False
    assert ben.find_movies() == []


def test_only_the_named_library_owner_claims_the_local_library(repository):
    repository.add_movie(Movie(title="Heat"))
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)

    assert anna.claim_local_library(library_owner=BEN.key) is False
    assert ben.claim_local_library(library_owner=BEN.key) is True
    assert titles(ben.find_movies()) == ["Heat"]
    assert anna.find_movies() == []


def test_an_owner_with_a_library_of_their_own_does_not_take_the_local_one(repository):
    anna = repository.for_owner(ANNA)
    assert anna.claim_local_library() is False  # nothing local to take yet
    anna.add_movie(Movie(title="Alien"))
    repository.add_movie(Movie(title="Heat"))

    assert anna.claim_local_library() is False
    assert titles(anna.find_movies()) == ["Alien"]
    assert titles(repository.find_movies()) == ["Heat"]


def test_an_owner_is_the_providers_issuer_and_subject():
    assert ANNA.key == "https://accounts.example.org|anna"
    assert LOCAL_OWNER.key == "local"
    assert LOCAL_OWNER.is_local
    assert not ANNA.is_local
    assert len(ANNA.hashed) == 12
    assert ANNA.hashed != BEN.hashed
    assert "anna" not in ANNA.hashed
    with pytest.raises(ValueError, match="issuer"):
        Owner.signed_in("", "anna")


# -- OMDb requests per day, for the whole deployment ----------------------------------------

DAY = date(2026, 11, 25)


def test_a_day_starts_with_no_omdb_requests_and_counts_what_is_recorded(repository):
    assert repository.omdb_requests(DAY) == 0

    assert repository.record_omdb_requests(1, DAY) == 1
    assert repository.record_omdb_requests(2, DAY) == 3

    assert repository.omdb_requests(DAY) == 3
    assert repository.omdb_requests(date(2026, 11, 26)) == 0  # a new day starts again
    assert repository.omdb_requests(date(2026, 11, 24)) == 0


def test_omdb_requests_are_counted_for_everyone_not_per_owner(repository):
    """OMDb's key is the deployment's: one count however many people look movies up,
    and counting one is no change to anybody's library."""
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    versions = (anna.library_version(), ben.library_version(), repository.library_version())

    anna.record_omdb_requests(2, DAY)
    ben.record_omdb_requests(1, DAY)

    assert repository.omdb_requests(DAY) == anna.omdb_requests(DAY) == 3
    assert (anna.library_version(), ben.library_version(), repository.library_version()) == (
        versions
    )
    assert event_names(anna) == event_names(repository) == []


def test_omdb_requests_counted_at_once_are_all_counted(repository):
    totals = run_at_once(lambda: repository.record_omdb_requests(1, DAY))

    assert sorted(totals) == list(range(1, THREADS + 1))  # each saw the count it made
    assert repository.omdb_requests(DAY) == THREADS
