"""What every repository promises about share links, and what the service's open_share
shows through them: a link kept by its maker (another person's link id is "not found" for
revoking), found by its secret's hash whoever asks, gone once revoked or once its list is
deleted, with one event and one new library version per change; and a link shows only the
content its kind names, with ratings and notes only when the maker chose. Run against
SQLite, the fake, and PostgreSQL (the `postgres` stage)."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import (
    DIARY,
    LIST,
    WATCHLIST,
    DatePrecision,
    Movie,
    Owner,
    Status,
    Watch,
    secret_hash,
)
from movie_tracker.service import MovieService, ShareNotFoundError, UnknownShareError

ANNA = Owner.signed_in("https://accounts.example.org", "anna")
BEN = Owner.signed_in("https://accounts.example.org", "ben")
HASH = secret_hash("a-secret-of-anna-that-is-long-enough")


def names(repository) -> list[str]:
    return [event.name for event in reversed(repository.recent_events(limit=100))]


def add(repository, title: str, status: Status = Status.WANT_TO_WATCH, **fields) -> int:
    return repository.add_movie(Movie(title=title, status=status, **fields)).id


@freeze_time("2026-12-04 20:00:00")
def test_a_link_is_kept_with_what_it_shows_listed_and_found_by_its_secret(repository):
    anna = repository.for_owner(ANNA)
    noir = anna.create_list("Noir")
    version = anna.library_version()

    made = anna.add_share(LIST, noir.id, HASH, "Anna", True, False)

    assert (made.kind, made.list_id, made.list_name, made.display_name) == (
        LIST,
        noir.id,
        "Noir",
        "Anna",
    )
    assert (made.show_ratings, made.show_notes, made.owner) == (True, False, ANNA)
    assert made.created_at.isoformat() == "2026-12-04T20:00:00+00:00"
    assert made.secret is None  # the store never has it
    assert anna.shares() == [made]
    assert anna.library_version() == version + 1
    assert names(anna)[-1] == "share.created"
    assert anna.recent_events(limit=1)[0].shared == LIST
    assert anna.recent_events(limit=1)[0].list_name == "Noir"
    # anyone's library finds it by the secret's hash, with its maker
    assert repository.for_owner(BEN).share_by_secret_any_owner(HASH) == made
    assert repository.share_by_secret_any_owner(secret_hash("another")) is None


def test_links_are_listed_newest_first_and_only_the_makers(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    first = anna.add_share(WATCHLIST, None, secret_hash("one-secret-here-xx"))
    second = anna.add_share(DIARY, None, secret_hash("two-secret-here-xx"))
    ben.add_share(WATCHLIST, None, secret_hash("bens-secret-here-x"))

    assert [share.id for share in anna.shares()] == [second.id, first.id]
    assert [share.kind for share in ben.shares()] == [WATCHLIST]


def test_a_revoked_link_is_found_no_more_and_says_so_once(repository):
    anna = repository.for_owner(ANNA)
    made = anna.add_share(WATCHLIST, None, HASH)
    version = anna.library_version()

    revoked = anna.revoke_share(made.id)

    assert revoked.id == made.id
    assert revoked.revoked_at is not None
    assert anna.shares() == []
    assert anna.share_by_secret_any_owner(HASH) is None
    assert anna.revoke_share(made.id) is None
    assert anna.library_version() == version + 1
    assert names(anna)[-1] == "share.revoked"


def test_another_persons_link_is_not_found_for_revoking_and_keeps_working(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    made = anna.add_share(WATCHLIST, None, HASH)

    assert ben.revoke_share(made.id) is None
    assert ben.shares() == []
    assert anna.share_by_secret_any_owner(HASH) == made


def test_a_link_to_another_persons_list_is_refused(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    bens = ben.create_list("Ben's")

    assert anna.add_share(LIST, bens.id, HASH) is None
    assert anna.shares() == []
    assert anna.share_by_secret_any_owner(HASH) is None


def test_a_deleted_lists_link_stops_working(repository):
    anna = repository.for_owner(ANNA)
    noir = anna.create_list("Noir")
    anna.add_share(LIST, noir.id, HASH)
    kept = anna.add_share(WATCHLIST, None, secret_hash("watchlist-secret-x"))

    anna.delete_list(noir.id)

    assert anna.share_by_secret_any_owner(HASH) is None
    assert anna.shares() == [kept]


def test_a_renamed_lists_link_says_its_new_name(repository):
    anna = repository.for_owner(ANNA)
    noir = anna.create_list("Noir")
    anna.add_share(LIST, noir.id, HASH)

    anna.rename_list(noir.id, "Neo-noir")

    assert anna.share_by_secret_any_owner(HASH).list_name == "Neo-noir"


# -- what a link shows, through the service ------------------------------------------------


@pytest.fixture
def anna(repository) -> MovieService:
    """Anna's library: Heat (watched, 4.5, a review), Alien and Up wanted (Up first in her
    order), a list "Noir" of Alien then Heat with notes; Ben has a library of his own."""
    service = MovieService(repository).for_owner(ANNA)
    mine = service.repository
    heat = add(mine, "Heat", Status.WATCHED, year=1995, imdb_id="tt0113277", rating=4.5)
    mine.log_watch(Watch(heat, date(2026, 3, 3), 4.5, "Superb diner scene"))
    mine.log_watch(Watch(heat, date(2015, 3, 31), None, "", precision=DatePrecision.MONTH))
    alien = add(mine, "Alien", year=1979, poster_url="https://img.example/alien.jpg")
    up = add(mine, "Up", year=2009, rating=4.0)
    mine.move_in_watchlist(up, 1)
    noir = mine.create_list("Noir")
    mine.add_to_list(noir.id, alien, "Space is dark")
    mine.add_to_list(noir.id, heat, "LA at night")
    ben = service.for_owner(BEN).repository
    add(ben, "Ben's secret film")
    service.noir = noir.id  # type: ignore[attr-defined]
    return service


def test_a_watchlist_link_shows_the_wanted_films_in_the_makers_order_without_ratings(anna):
    made = anna.share(WATCHLIST, display_name="Anna", base_url="https://films.example/")

    assert made.url == f"https://films.example/share/{made.secret}"
    view = MovieService(anna.repository).for_owner(BEN).open_share(made.url)

    assert (view.kind, view.title, view.display_name) == (WATCHLIST, "Watchlist", "Anna")
    assert [(f.title, f.year) for f in view.films] == [("Up", 2009), ("Alien", 1979)]
    assert [f.rating for f in view.films] == [None, None]
    assert view.films[1].poster == "https://img.example/alien.jpg"


def test_a_lists_link_shows_its_films_in_order_with_ratings_and_notes_when_chosen(anna):
    hidden = anna.share(LIST, anna.noir)
    shown = anna.share(LIST, anna.noir, show_ratings=True, show_notes=True)

    closed = anna.open_share(hidden.secret)
    opened = anna.open_share(shown.path)

    assert closed.title == "Noir"
    assert closed.display_name == "A Movie Tracker user"
    assert [(f.title, f.rating, f.note) for f in closed.films] == [
        ("Alien", None, None),
        ("Heat", None, None),
    ]
    assert [(f.title, f.rating, f.note) for f in opened.films] == [
        ("Alien", None, "Space is dark"),
        ("Heat", 4.5, "LA at night"),
    ]
    assert opened.films[1].imdb_id == "tt0113277"


def test_a_diary_link_shows_each_watch_newest_first_with_its_date(anna):
    made = anna.share(DIARY, show_ratings=True, show_notes=True)

    view = anna.open_share(made.url)

    assert view.title == "Diary"
    assert [(f.title, f.watched_on, f.precision, f.rating, f.note) for f in view.films] == [
        ("Heat", date(2026, 3, 3), DatePrecision.DAY, 4.5, "Superb diner scene"),
        ("Heat", date(2015, 3, 31), DatePrecision.MONTH, None, None),
    ]


def test_a_link_shows_nothing_of_another_person_or_of_the_rest_of_the_library(anna):
    view = anna.open_share(anna.share(LIST, anna.noir).url)

    assert {f.title for f in view.films} == {"Alien", "Heat"}  # not Up, not Ben's film


@pytest.mark.parametrize("link", ["", "nonsense", "https://films.example/share/", "x" * 300])
def test_a_link_that_names_no_share_no_longer_works(anna, link):
    with pytest.raises(ShareNotFoundError, match="This link no longer works"):
        anna.open_share(link)


def test_a_revoked_or_deleted_link_no_longer_works(anna):
    revoked = anna.share(WATCHLIST)
    listed = anna.share(LIST, anna.noir)

    anna.unshare(revoked.id)
    anna.delete_list(anna.noir)

    for made in (revoked, listed):
        with pytest.raises(ShareNotFoundError, match="This link no longer works"):
            anna.open_share(made.url)
    with pytest.raises(UnknownShareError):
        anna.unshare(revoked.id)


def test_the_local_librarys_links_go_with_it_when_it_is_claimed(repository):
    add(repository, "Heat")
    made = repository.add_share(WATCHLIST, None, HASH)
    anna = repository.for_owner(ANNA)

    assert anna.claim_local_library()

    assert [share.id for share in anna.shares()] == [made.id]
    assert repository.shares() == []
    assert anna.share_by_secret_any_owner(HASH).owner == ANNA
