"""Each library change is logged once, with its fields, and matches its events row."""

import logging
from datetime import datetime, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import create_engine, text

from movie_tracker import events
from movie_tracker.models import Movie, Owner
from movie_tracker.store import MovieRepository, StorageError


def logged(caplog, name):
    return [r for r in caplog.records if getattr(r, "event", None) == name]


@freeze_time("2026-11-25 15:00:00")
def test_add_change_and_delete_are_each_logged_once_with_their_fields(repository, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    movie = repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt0113277"))
    repository.update_movie_status(movie.id, "Watched")
    repository.update_movie_status(movie.id, "Watched")
    repository.delete_movie(movie.id)
    (added,) = logged(caplog, "movie.added")
    assert added.event_fields == {
        "movie_id": movie.id,
        "title": "Heat",
        "year": 1995,
        "status": "Want to Watch",
        "imdb_id": "tt0113277",
    }
    (changed,) = logged(caplog, "movie.status_changed")
    assert changed.event_fields["previous_status"] == "Want to Watch"
    assert changed.event_fields["status"] == "Watched"
    (deleted,) = logged(caplog, "movie.deleted")
    assert deleted.event_fields["title"] == "Heat"
    assert [r.event_ts.isoformat() for r in (added, changed, deleted)] == [
        "2026-11-25T15:00:00+00:00"
    ] * 3


def test_a_refused_change_logs_no_event_and_writes_no_row(repository, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    caplog.clear()
    with pytest.raises(ValueError, match="already in your library"):
        repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    assert logged(caplog, "movie.added") == []
    assert len(repository.recent_events()) == 1


def test_database_failures_log_db_error_without_secrets(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    events.register_secret("hunter2-password")
    path = tmp_path / "movies.db"
    path.write_bytes(b"not a database" * 200)
    with pytest.raises(StorageError):
        MovieRepository(f"sqlite:///{path}")
    (error,) = logged(caplog, "db.error")
    assert error.levelno == logging.ERROR
    assert error.event_fields["operation"] == "open the library"
    assert error.event_fields["database"] == str(path)
    assert "not a database" in error.event_fields["reason"]


def test_a_server_database_url_is_logged_without_its_password(caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    with pytest.raises(StorageError) as caught:
        MovieRepository("nosuchdb://tracker:hunter2@db.example.org/movies")
    (error,) = logged(caplog, "db.error")
    assert "hunter2" not in str(error.event_fields)
    assert "hunter2" not in str(caught.value)


def test_activity_shows_events_whose_time_was_stored_badly(repository, database_url):
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO events (ts, name, movie_id, title, status, details) VALUES"
                    " ('2026-11-25T15:00:00', 'movie.added', 1, 'Heat', 'Watched', '{}'),"
                    " ('last tuesday', 'movie.added', 2, 'Alien', 'Watched', '{}')"
                )
            )
    finally:
        engine.dispose()
    with freeze_time("2026-11-26 08:00:00"):
        alien, heat = repository.recent_events()
    assert heat.ts == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
    assert alien.ts == datetime(2026, 11, 26, 8, tzinfo=timezone.utc)


def test_a_signed_in_owners_changes_are_logged_with_their_hashed_id_only(repository, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    repository.add_movie(Movie(title="Heat"))
    owner = Owner.signed_in("https://accounts.example.org", "anna@example.org")
    anna = repository.for_owner(owner)

    movie = anna.add_movie(Movie(title="Alien"))
    assert anna.claim_local_library() is False  # Anna has a library of her own now

    local_added, anna_added = logged(caplog, "movie.added")
    assert "owner" not in local_added.event_fields  # the local library logs as it always did
    assert anna_added.event_fields["owner"] == owner.hashed
    assert anna_added.event_fields["movie_id"] == movie.id
    assert "anna@example.org" not in caplog.text
    assert logged(caplog, "library.claimed") == []


def test_handing_over_the_local_library_is_logged_with_the_hashed_owner(repository, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    repository.add_movie(Movie(title="Heat"))
    owner = Owner.signed_in("https://accounts.example.org", "anna@example.org")

    assert repository.for_owner(owner).claim_local_library() is True

    (claimed,) = logged(caplog, "library.claimed")
    assert claimed.event_fields == {"owner": owner.hashed}
    assert "anna@example.org" not in caplog.text
