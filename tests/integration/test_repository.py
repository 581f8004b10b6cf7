"""Every repository function against a real database: a SQLite file, or PostgreSQL."""

from datetime import datetime, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import create_engine, text

from movie_tracker.models import Movie, Status, ValidationError
from movie_tracker.store import DuplicateMovieError, MovieRepository
from tests.factories import MovieFactory


@freeze_time("2026-11-25 15:00:00")
def test_add_movie_returns_the_stored_movie_with_id_and_date_added(repository):
    stored = repository.add_movie(MovieFactory.build(title="Heat", year=1995))
    assert stored.id == 1
    assert stored.date_added == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
    assert repository.get_movie(stored.id) == stored


def test_add_movie_takes_the_seeds_dict(repository):
    stored = repository.add_movie(
        {"title": "Heat", "status": "Watched", "director": "Michael Mann", "imdb_id": ""}
    )
    assert (stored.title, stored.status, stored.imdb_id) == ("Heat", Status.WATCHED, None)


def test_add_movie_refuses_bad_input_and_stores_nothing(repository):
    with pytest.raises(ValidationError):
        repository.add_movie({"title": "Heat", "status": "seen"})
    with pytest.raises(ValidationError):
        repository.add_movie({"title": "Heat", "poster_url": "ftp://x"})
    assert repository.get_all_movies() == []


@pytest.mark.sqlite_only
def test_date_added_is_iso_8601_utc_text_on_disk(repository, database_url):
    with freeze_time("2026-11-25 15:00:00"):
        repository.add_movie(Movie(title="Heat"))
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT date_added FROM movies")).scalar_one()
    finally:
        engine.dispose()
    assert stored == "2026-11-25T15:00:00+00:00"


def test_get_all_movies_newest_first_and_by_status(repository):
    for minute, (title, status) in enumerate(
        [("Heat", "Watched"), ("Alien", "Want to Watch"), ("Up", "Watched")]
    ):
        with freeze_time(f"2026-11-25 15:0{minute}:00"):
            repository.add_movie(Movie(title=title, status=status))
    assert [m.title for m in repository.get_all_movies()] == ["Up", "Alien", "Heat"]
    assert [m.title for m in repository.get_movies_by_status("Watched")] == ["Up", "Heat"]
    assert [m.title for m in repository.get_movies_by_status(Status.WANT_TO_WATCH)] == ["Alien"]
    with pytest.raises(ValidationError):
        repository.get_movies_by_status("watched")


def test_get_movie_of_an_unknown_id_is_none(repository):
    assert repository.get_movie(404) is None


def test_update_movie_status_returns_whether_a_row_changed(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    assert repository.update_movie_status(movie.id, "Watched") is True
    assert repository.get_movie(movie.id).status is Status.WATCHED
    assert repository.update_movie_status(movie.id, Status.WATCHED) is False
    assert repository.update_movie_status(404, "Watched") is False


def test_delete_movie_returns_whether_a_row_changed(repository):
    movie = repository.add_movie(Movie(title="Heat"))
    assert repository.delete_movie(movie.id) is True
    assert repository.get_movie(movie.id) is None
    assert repository.delete_movie(movie.id) is False


def test_the_same_imdb_id_cannot_be_stored_twice(repository):
    first = repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt0113277"))
    with pytest.raises(DuplicateMovieError) as caught:
        repository.add_movie(Movie(title="Heat (again)", imdb_id="tt0113277"))
    assert caught.value.existing == first
    assert "Heat (1995) is already in your library" in str(caught.value)
    assert repository.get_all_movies() == [first]


def test_movies_without_imdb_id_may_share_a_title(repository):
    repository.add_movie(Movie(title="Heat"))
    repository.add_movie(Movie(title="Heat"))
    assert repository.count_movies() == 2


def test_text_filter_matches_words_anywhere_and_escapes_wildcards(repository):
    repository.add_movie(Movie(title="100% Wolf", genre="Animation"))
    repository.add_movie(Movie(title="Heat", director="Michael Mann", genre="Crime, Drama"))
    repository.add_movie(Movie(title="Under_score"))
    assert [m.title for m in repository.find_movies(text="MANN crime")] == ["Heat"]
    assert [m.title for m in repository.find_movies(text="100%")] == ["100% Wolf"]
    assert [m.title for m in repository.find_movies(text="%")] == ["100% Wolf"]
    assert [m.title for m in repository.find_movies(text="_")] == ["Under_score"]
    assert repository.count_movies(Status.WATCHED, "heat") == 0


def test_paging_with_limit_and_offset(repository):
    for n in range(5):
        repository.add_movie(Movie(title=f"Movie {n}"))
    assert [m.title for m in repository.find_movies(limit=2, offset=1)] == ["Movie 3", "Movie 2"]


def test_aggregates_are_counted_in_sql(repository):
    repository.add_movie(Movie(title="Heat", year=1995, genre="Crime, Drama", status="Watched"))
    repository.add_movie(Movie(title="Se7en", year=1995, genre="Crime, Drama"))
    repository.add_movie(Movie(title="Alien", year=1979, genre="Horror", status="Watched"))
    repository.add_movie(Movie(title="Untitled"))
    assert repository.count_by_status() == {Status.WATCHED: 2, Status.WANT_TO_WATCH: 2}
    assert sorted(repository.count_by_genre(), key=str) == sorted(
        [("Crime, Drama", 2), ("Horror", 1), (None, 1)], key=str
    )
    assert sorted(repository.count_by_decade(), key=str) == sorted(
        [(1970, 1), (1990, 2), (None, 1)], key=str
    )


def test_every_change_is_in_the_events_table_newest_first(repository):
    movie = repository.add_movie(Movie(title="Heat", year=1995))
    repository.update_movie_status(movie.id, "Watched")
    repository.delete_movie(movie.id)
    history = repository.recent_events()
    assert [e.name for e in history] == ["movie.deleted", "movie.status_changed", "movie.added"]
    assert {e.movie_label for e in history} == {"Heat (1995)"}
    changed = history[1]
    assert (changed.previous_status, changed.status) == (Status.WANT_TO_WATCH, Status.WATCHED)
    assert len(repository.recent_events(limit=1)) == 1


def test_a_second_repository_on_the_same_file_sees_the_library(repository, database_url):
    repository.add_movie(Movie(title="Heat"))
    other = MovieRepository(database_url)
    try:
        assert [m.title for m in other.get_all_movies()] == ["Heat"]
    finally:
        other.dispose()


def test_duplicate_deleted_meanwhile_still_names_the_imdb_id(repository, monkeypatch):
    repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    monkeypatch.setattr(repository, "find_by_imdb_id", lambda _imdb_id: None)
    with pytest.raises(DuplicateMovieError, match=r"IMDb ID tt0113277"):
        repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))


def test_text_search_ignores_case_and_accents_in_every_script(repository):
    repository.add_movie(Movie(title="Amélie", director="Jean-Pierre Jeunet"))
    repository.add_movie(Movie(title="École", genre="Drama"))
    repository.add_movie(Movie(title="Straße", genre="Documentary"))
    repository.add_movie(Movie(title="Heat"))
    for typed, found in [
        ("AMÉLIE", ["Amélie"]),
        ("amelie", ["Amélie"]),
        ("jeunet AMÉ", ["Amélie"]),
        ("école", ["École"]),
        ("ECOLE", ["École"]),
        ("ÉCOLE drama", ["École"]),
        ("STRASSE", ["Straße"]),
        ("É", ["Heat", "Straße", "École", "Amélie"]),
    ]:
        assert [m.title for m in repository.find_movies(text=typed)] == found, typed
    assert repository.count_movies(text="ecole") == 1


def test_library_version_moves_with_every_change_and_only_then(repository, database_url):
    start = repository.library_version()
    heat = repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt0113277"))
    added = repository.library_version()
    repository.update_movie_status(heat.id, "Watched")
    changed = repository.library_version()
    other_process = MovieRepository(database_url)  # a change made by another process
    other_process.delete_movie(heat.id)
    other_process.dispose()
    deleted = repository.library_version()
    assert start == 0
    assert start < added < changed < deleted


def test_library_version_stays_on_no_op_and_failure(repository):
    heat = repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    before = repository.library_version()
    assert repository.update_movie_status(heat.id, "Want to Watch") is False
    assert repository.update_movie_status(404, "Watched") is False
    assert repository.delete_movie(404) is False
    with pytest.raises(DuplicateMovieError):
        repository.add_movie(Movie(title="Heat again", imdb_id="tt0113277"))
    with pytest.raises(ValidationError):
        repository.add_movie(Movie(title=""))
    assert repository.library_version() == before
