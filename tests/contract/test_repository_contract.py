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

from movie_tracker.db import DuplicateMovieError, MovieRepository
from movie_tracker.models import Movie, Status, ValidationError
from tests.fakes.library import FakeMovieRepository

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
    assert [label[1:] for label in repository.movie_labels()][:2] == [
        ("Psycho", 1960),
        ("Jaws", None),
    ]
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


@freeze_time("2026-11-25 15:00:00")
def test_update_movie_status_is_true_once_then_false(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    # Marked Watched, the movie gets its first watch today; the watch stays after.
    watched_today = replace(movie, last_watched=date(2026, 11, 25))

    assert repository.update_movie_status(movie.id, WATCHED) is True
    assert repository.get_movie(movie.id) == replace(watched_today, status=WATCHED)
    assert repository.update_movie_status(movie.id, WATCHED) is False
    assert repository.update_movie_status(404, WATCHED) is False
    assert repository.update_movie_status(movie.id, WANT) is True
    assert repository.get_movie(movie.id) == watched_today


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
    repository.watched_by_month()
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
    assert repository.watched_by_month() == []
    assert repository.movie_labels() == []
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


def test_watched_by_month_counts_each_watched_movie_in_its_last_watched_month(repository):
    with freeze_time("2026-09-10 12:00:00"):
        repository.add_movie(Movie(title="Alien", status=WATCHED))  # September
        heat = repository.add_movie(Movie(title="Heat"))  # marked Watched in November
        up = repository.add_movie(Movie(title="Up", status=WATCHED))  # no longer watched
        jaws = repository.add_movie(Movie(title="Jaws", status=WATCHED))  # again in December
        psycho = repository.add_movie(Movie(title="Psycho", status=WATCHED))  # deleted
        repository.add_movie(Movie(title="Se7en"))  # never watched
    with freeze_time("2026-10-31 23:59:59"):
        repository.update_movie_status(up.id, WANT)
        repository.update_movie_status(jaws.id, WANT)
        repository.delete_movie(psycho.id)
    with freeze_time("2026-11-01 00:00:00"):
        repository.update_movie_status(heat.id, WATCHED)
    with freeze_time("2026-12-15 08:00:00"):
        repository.update_movie_status(jaws.id, WATCHED)

    assert repository.watched_by_month() == [("2026-09", 1), ("2026-11", 1), ("2026-12", 1)]


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
