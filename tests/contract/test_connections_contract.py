"""What every repository promises about connections: tokens kept by their hash and scoped
by owner, the one lookup by secret across owners, plays logged with their film in one
change at most once a day per connection, ratings from a server, and the one rule that
says which library movie a film is (find_same_film). Run against SQLite, the fake, and
PostgreSQL (the `postgres` stage), as test_repository_contract.py is."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.models import LOCAL_OWNER, Movie, Owner, Status, Token, Watch, secret_hash
from movie_tracker.store import StorageError

ANNA = Owner.signed_in("https://accounts.example.org", "anna")
BEN = Owner.signed_in("https://accounts.example.org", "ben")
HEAT = Movie(title="Heat", year=1995, imdb_id="tt0113277")
DAY = date(2026, 3, 3)


def events(repository) -> list[tuple[str, str | None]]:
    return [(e.name, e.source) for e in reversed(repository.recent_events(limit=100))]


def a_token(repository, kind: str = "jellyfin", secret: str = "s3cret") -> Token:
    return repository.add_token("Living room", kind, secret_hash(secret), ("anna",), "Europe/Paris")


@freeze_time("2026-12-04 10:00:00")
def test_a_token_is_kept_with_its_settings_and_listed_newest_first(repository):
    first = a_token(repository)
    second = repository.add_token("Script", "api", secret_hash("other"))

    assert (first.name, first.kind, first.server_users, first.timezone) == (
        "Living room",
        "jellyfin",
        ("anna",),
        "Europe/Paris",
    )
    assert first.owner == LOCAL_OWNER
    assert first.created_at == datetime(2026, 12, 4, 10, tzinfo=timezone.utc)
    assert (first.last_used_at, first.revoked_at) == (None, None)
    assert second.server_users == ()
    assert [t.id for t in repository.tokens()] == [second.id, first.id]
    assert repository.library_version() == 0  # a connection is not a change to the library


def test_a_secret_finds_its_token_whoever_owns_it_and_nothing_else(repository):
    annas = a_token(repository.for_owner(ANNA), secret="annas-secret")

    found = repository.token_by_secret_any_owner(secret_hash("annas-secret"))

    assert found is not None
    assert (found.id, found.owner) == (annas.id, ANNA)
    assert repository.token_by_secret_any_owner(secret_hash("guessed")) is None
    assert repository.token_by_secret_any_owner("annas-secret") is None  # the hash, not it


def test_a_use_stamps_the_token_once_a_minute(repository):
    token = a_token(repository)
    with freeze_time("2026-12-04 10:00:00"):
        used = repository.token_by_secret_any_owner(secret_hash("s3cret"))
    with freeze_time("2026-12-04 10:00:40"):
        again = repository.token_by_secret_any_owner(secret_hash("s3cret"))
    with freeze_time("2026-12-04 10:01:30"):
        later = repository.token_by_secret_any_owner(secret_hash("s3cret"))

    first_use = datetime(2026, 12, 4, 10, tzinfo=timezone.utc)
    assert used.last_used_at == again.last_used_at == first_use
    assert later.last_used_at == datetime(2026, 12, 4, 10, 1, 30, tzinfo=timezone.utc)
    assert repository.tokens()[0].last_used_at == later.last_used_at
    assert token.last_used_at is None


def test_a_revoked_token_stops_working_and_is_revoked_once(repository):
    token = a_token(repository)

    revoked = repository.revoke_token(token.id)

    assert revoked is not None
    assert revoked.revoked_at is not None
    assert repository.revoke_token(token.id) is None
    assert repository.tokens() == []
    assert repository.token_by_secret_any_owner(secret_hash("s3cret")) is None


def test_another_owners_token_is_not_found(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    token = a_token(anna)

    assert ben.tokens() == []
    assert ben.revoke_token(token.id) is None
    assert repository.revoke_token(token.id) is None
    assert [t.id for t in anna.tokens()] == [token.id]
    assert repository.token_by_secret_any_owner(secret_hash("s3cret")) is not None


def test_two_tokens_never_share_a_secret(repository):
    a_token(repository)

    with pytest.raises(StorageError):
        a_token(repository.for_owner(ANNA))
    assert repository.for_owner(ANNA).tokens() == []


@freeze_time("2026-12-04 10:00:00")
def test_a_play_of_a_new_film_adds_it_watched_with_its_watch_in_one_change(repository):
    token = a_token(repository)

    logged = repository.log_play(token, HEAT, Watch(0, DAY))

    assert logged.added
    assert logged.watch_id is not None
    movie = repository.get_movie(logged.movie_id)
    assert (movie.title, movie.status, movie.last_watched) == ("Heat", Status.WATCHED, DAY)
    [watch] = repository.find_watches(movie.id)
    assert (watch.id, watch.watched_on, watch.rewatch) == (logged.watch_id, DAY, False)
    assert events(repository) == [("movie.added", "jellyfin"), ("watch.logged", "jellyfin")]
    assert repository.library_version() == 2


def test_a_play_of_a_library_film_marks_it_watched(repository):
    stored = repository.add_movie(Movie(title="Heat", year=1995))
    token = a_token(repository, "plex")

    logged = repository.log_play(token, HEAT, Watch(0, DAY))

    assert (logged.movie_id, logged.added) == (stored.id, False)
    assert repository.get_movie(stored.id).status is Status.WATCHED
    assert events(repository)[1:] == [("movie.status_changed", None), ("watch.logged", "plex")]


def test_a_connection_logs_a_film_once_a_day(repository):
    token = a_token(repository)
    repository.log_play(token, HEAT, Watch(0, DAY))
    version = repository.library_version()

    again = repository.log_play(token, HEAT, Watch(0, DAY))

    assert again.duplicate
    assert again.watched_on == DAY
    assert repository.count_diary() == 1
    assert repository.library_version() == version
    assert not repository.log_play(token, HEAT, Watch(0, date(2026, 3, 4))).duplicate
    other = a_token(repository, "emby", secret="other")
    assert not repository.log_play(other, HEAT, Watch(0, DAY)).duplicate
    assert not repository.log_play(token, HEAT, Watch(0, DAY), once_a_day=False).duplicate
    assert repository.count_diary() == 4


def test_a_watch_logged_by_hand_that_day_does_not_stop_a_play(repository):
    stored = repository.add_movie(HEAT)
    repository.log_watch(Watch(stored.id, DAY))

    logged = repository.log_play(a_token(repository), HEAT, Watch(0, DAY))

    assert not logged.duplicate
    assert repository.count_diary() == 2


def test_a_play_keeps_its_rating_and_review(repository):
    logged = repository.log_play(
        a_token(repository, "api"), HEAT, Watch(0, DAY, 4.5, "Good"), once_a_day=False
    )

    watch = repository.get_watch(logged.watch_id)
    assert (watch.rating, watch.review) == (4.5, "Good")


def test_a_play_lands_in_its_tokens_owners_library_only(repository):
    anna = repository.for_owner(ANNA)

    anna.log_play(a_token(anna), HEAT, Watch(0, DAY))

    assert anna.count_diary() == 1
    assert repository.count_diary() == 0
    assert repository.find_movies() == []


def test_a_rating_from_a_server_sets_changes_and_clears_the_films_rating(repository):
    token = a_token(repository, "plex")

    added = repository.rate_play(token, HEAT, 4.0)
    changed = repository.rate_play(token, HEAT, 3.5)
    version = repository.library_version()
    same = repository.rate_play(token, HEAT, 3.5)
    cleared = repository.rate_play(token, HEAT, None)

    assert (added.status, added.rating, changed.rating, same.rating) == (
        Status.WATCHED,
        4.0,
        3.5,
        3.5,
    )
    assert cleared.rating is None
    assert added.id == changed.id == cleared.id
    assert repository.count_movies() == 1
    assert repository.count_diary() == 0
    assert events(repository) == [
        ("movie.added", "plex"),
        ("movie.rated", "plex"),
        ("movie.rated", "plex"),
    ]
    assert version == 2


# -- which library movie a film is ----------------------------------------------------------


def test_the_same_film_by_imdb_id_whatever_its_title(repository):
    stored = repository.add_movie(Movie(title="Heat (Director's cut)", imdb_id="tt0113277"))

    assert repository.find_same_film("tt0113277", "Heat", 1995) == stored


@pytest.mark.parametrize("typed", ["Amélie", "AMELIE", "amélie", " Amelie "])
def test_the_same_film_by_title_and_year_ignoring_case_and_accents(repository, typed):
    stored = repository.add_movie(Movie(title="Amélie", year=2001, director="Jean-Pierre Jeunet"))

    assert repository.find_same_film(None, typed, 2001) == stored
    assert repository.find_same_film("tt0211915", typed, 2001) == stored


def test_a_film_with_another_imdb_id_or_year_or_title_is_another_film(repository):
    repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt9999999"))
    repository.add_movie(Movie(title="Heat 2", year=1986))
    repository.add_movie(Movie(title="Heat", year=1986))

    assert repository.find_same_film("tt0113277", "Heat", 1995) is None
    assert repository.find_same_film(None, "Heat", 2000) is None
    assert repository.find_same_film(None, "Heat", None) is None
    assert repository.find_same_film(None, "Hea", 1986) is None
    assert repository.find_same_film(None, "Heat", 1986).title == "Heat"


def test_without_an_imdb_id_a_film_that_has_one_is_the_same_film(repository):
    stored = repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt0113277"))

    assert repository.find_same_film(None, "heat", 1995) == stored


def test_the_same_film_of_several_is_the_one_added_first_and_like_characters_are_literal(
    repository,
):
    first = repository.add_movie(Movie(title="100% Wolf", year=2020))
    repository.add_movie(Movie(title="100% Wolf", year=2020))
    repository.add_movie(Movie(title="100X Wolf", year=2020))

    assert repository.find_same_film(None, "100% wolf", 2020) == first
    assert repository.find_same_film(None, "1_0% Wolf", 2020) is None
    assert repository.find_same_film(None, "", 2020) is None


def test_another_owners_film_is_not_the_same_film(repository):
    repository.for_owner(ANNA).add_movie(HEAT)

    assert repository.find_same_film("tt0113277", "Heat", 1995) is None


# -- the local library handed over, and the diary since a day ------------------------------


def test_the_local_librarys_connections_go_with_it_when_it_is_claimed(repository):
    repository.add_movie(Movie(title="Heat"))
    token = a_token(repository)
    anna = repository.for_owner(ANNA)

    assert anna.claim_local_library() is True

    assert [t.id for t in anna.tokens()] == [token.id]
    assert repository.tokens() == []
    assert repository.token_by_secret_any_owner(secret_hash("s3cret")).owner == ANNA


def test_the_diary_since_a_day(repository):
    stored = repository.add_movie(HEAT)
    for day in (date(2026, 1, 1), date(2026, 2, 1), None, date(2025, 12, 31)):
        repository.log_watch(Watch(stored.id, day))

    since = date(2026, 1, 1)

    assert [w.watched_on for w in repository.diary(since=since)] == [
        date(2026, 2, 1),
        date(2026, 1, 1),
    ]
    assert repository.count_diary(since=since) == 2
    assert repository.count_diary(2026, since=date(2026, 1, 15)) == 1
    assert [w.watched_on for w in repository.diary(limit=1, offset=1, since=since)] == [since]
