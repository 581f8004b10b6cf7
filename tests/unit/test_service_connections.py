"""The service's connections over the fake repository: tokens made, checked and revoked,
and what a play or a rating does, dated in the connection's timezone."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, Play, Status, Token, ValidationError
from movie_tracker.service import (
    DUPLICATE,
    IGNORED,
    LOGGED,
    RATED,
    MovieService,
    UnknownMovieError,
    UnknownTokenError,
)

HEAT = Play(title="Heat", year=1995, imdb_id="tt0113277", user_name="anna", user_id="7")


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


def test_a_token_is_shown_once_and_kept_only_as_its_hash(service, library):
    secret = service.create_token("  Living   room ", "Jellyfin", "anna, Anna, ben,")

    [token] = service.tokens()
    [(kept, hashed)] = library.all_tokens.values()
    assert len(secret) == 43  # 32 random bytes, URL-safe
    assert hashed == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(kept)
    assert (token.name, token.kind, token.server_users) == (
        "Living room",
        "jellyfin",
        ("anna", "ben"),
    )
    assert token.timezone == "UTC"
    assert service.create_token("Another", "api") != secret


def test_a_token_is_dated_in_the_timezone_it_was_made_in(service):
    service.create_token("Plex", "plex", timezone="Europe/Paris")

    assert service.tokens()[0].timezone == "Europe/Paris"


def test_a_service_in_the_browsers_timezone_gives_it_to_new_tokens(service):
    service.in_timezone(ZoneInfo("Asia/Tokyo")).create_token("Emby", "emby")

    assert service.tokens()[0].timezone == "Asia/Tokyo"


@pytest.mark.parametrize(
    ("name", "kind", "users", "zone", "message"),
    [
        ("", "jellyfin", (), None, "Give the connection a name"),
        ("x" * 101, "jellyfin", (), None, "Shorten the name to 100 characters"),
        ("Bell\x07", "jellyfin", (), None, "Remove the control characters from the name"),
        ("Kodi", "kodi", (), None, 'one of Jellyfin, Plex, Emby, API (not "kodi")'),
        ("Plex", "plex", [f"user{n}" for n in range(21)], None, "Name 20 server users or fewer"),
        ("Plex", "plex", [3], None, "Each server user must be a name"),
        ("Plex", "plex", ["a\nb"], None, "is not a user name"),
        ("Plex", "plex", 42, None, "List the server users separated by commas"),
        ("Plex", "plex", (), "Mars/Olympus", "is not a timezone"),
    ],
)
def test_a_token_the_app_refuses_is_not_made(service, name, kind, users, zone, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        service.create_token(name, kind, users, timezone=zone)

    assert service.tokens() == []


def test_a_secret_finds_its_token_and_a_revoked_one_is_gone(service):
    secret = service.create_token("Jellyfin", "jellyfin")
    token = service.token_for_secret(secret)

    assert token is not None
    assert token.last_used_at is not None
    assert service.revoke_token(token.id).revoked_at is not None
    assert service.token_for_secret(secret) is None
    with pytest.raises(UnknownTokenError, match="it may have just been revoked"):
        service.revoke_token(token.id)


@pytest.mark.parametrize("secret", ["", "x" * 201])
def test_an_empty_or_overlong_secret_finds_nothing(service, secret):
    assert service.token_for_secret(secret) is None


def a_token(service, **changes) -> Token:
    service.create_token("Server", changes.pop("kind", "jellyfin"), changes.pop("users", ()))
    return replace(service.tokens()[0], **changes)


@freeze_time("2026-03-04 02:30:00")
def test_a_play_without_a_time_is_dated_today_in_the_connections_timezone(service):
    token = a_token(service, timezone="America/New_York")  # 21:30 on 3 March there

    outcome = service.log_play(token, HEAT)

    assert (outcome.result, outcome.watched_on) == (LOGGED, date(2026, 3, 3))
    assert outcome.reason == "Logged Heat (1995) on 2026-03-03."


@freeze_time("2026-03-04 12:00:00")
def test_a_play_reported_in_the_future_is_dated_today(service):
    outcome = service.log_play(a_token(service), replace(HEAT, played_at=datetime(2026, 5, 1)))

    assert outcome.watched_on == date(2026, 3, 4)


def test_a_naive_play_time_is_read_as_utc(service):
    token = a_token(service, timezone="Asia/Tokyo")

    assert service.day_of(token, datetime(2026, 3, 3, 16, 0)) == date(2026, 3, 4)


def test_the_same_play_twice_is_a_duplicate_naming_the_film_and_day(service):
    token = a_token(service)
    played = replace(HEAT, played_at=datetime(2026, 3, 3, 20, tzinfo=timezone.utc))
    service.log_play(token, played)

    outcome = service.log_play(token, played)

    assert outcome.result == DUPLICATE
    assert outcome.reason == "Heat (1995) was already logged on 2026-03-03 by this connection."
    assert outcome.watch_id is None


def test_an_imdb_id_that_is_not_one_is_left_out_and_the_title_finds_the_film(service, library):
    heat = library.add_movie(Movie(title="Heat", year=1995))

    outcome = service.log_play(a_token(service), replace(HEAT, imdb_id="imdb-949"))

    assert outcome.movie_id == heat.id
    assert library.get_movie(heat.id).imdb_id is None


def test_a_play_whose_title_the_app_refuses_writes_nothing(service):
    with pytest.raises(ValidationError, match="Shorten the title"):
        service.log_play(a_token(service), replace(HEAT, title="x" * 301))

    assert service.count_movies() == 0


def test_plays_and_ratings_of_users_the_connection_does_not_name_are_ignored(service):
    token = a_token(service, users="carol")

    played = service.log_play(token, replace(HEAT, user_name=None, user_id=None))
    rated = service.rate_play(token, replace(HEAT, rating=4.0))

    assert played.result == rated.result == IGNORED
    assert played.reason == "Played by an unnamed user; this connection counts only carol."
    assert service.count_movies() == 0


def test_a_rating_answers_what_the_film_is_rated_now(service):
    token = a_token(service, kind="plex")

    rated = service.rate_play(token, replace(HEAT, rating=3.5))
    cleared = service.rate_play(token, replace(HEAT, rating=None))

    assert (rated.result, rated.reason) == (RATED, "Rated Heat (1995): 3.5 stars.")
    assert cleared.reason == "Rated Heat (1995): no rating."
    assert service.list_movies()[0].status is Status.WATCHED


def test_an_api_watch_of_a_film_deleted_meanwhile_says_so(service, library, monkeypatch):
    token = a_token(service, kind="api")
    monkeypatch.setattr(library, "get_movie", lambda movie_id: None)

    with pytest.raises(UnknownMovieError):
        service.log_api_watch(token, title="Heat", year=1995)


@freeze_time("2026-03-04 12:00:00")
def test_an_api_watch_without_a_date_is_undated_and_its_review_kept(service):
    watch = service.log_api_watch(a_token(service, kind="api"), title="Heat", review=" Good ")

    assert (watch.watched_on, watch.review, watch.movie.title) == (None, "Good", "Heat")


def test_no_server_users_and_no_timezone_mean_everyone_and_utc():
    from movie_tracker.models import clean_server_users, clean_timezone

    assert clean_server_users(None) == ()
    assert clean_timezone(None) == clean_timezone("  ") == "UTC"
    with pytest.raises(ValidationError, match="is not a timezone"):
        clean_timezone(3)
