"""The service's lists and watchlist order over the fake library: every input checked
first, with a message that says what to change; what is not there said to be not found;
the library as it was after a refusal."""

from __future__ import annotations

import pytest

from movie_tracker.models import Movie, Status, ValidationError
from movie_tracker.service import (
    MovieService,
    NotInListError,
    UnknownListError,
    UnknownMovieError,
)


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


@pytest.fixture
def heat(library) -> int:
    return library.add_movie(Movie(title="Heat", year=1995)).id


def test_a_list_is_made_with_its_name_tidied(service):
    made = service.create_list("  Films   to watch\twith Sam ", "  Sundays\r\nonly  ")

    assert (made.name, made.description) == ("Films to watch with Sam", "Sundays\nonly")
    assert service.lists() == [service.get_list(made.id)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the list a name"),
        ("   ", "Give the list a name"),
        (None, "Give the list a name"),
        ("x" * 301, r"Shorten the list.s name to 300 characters or fewer \(it has 301\)"),
        ("Noir\x00", "Remove the control characters from the list's name"),
    ],
)
def test_a_bad_name_is_refused_with_what_to_change(service, library, name, message):
    with pytest.raises(ValidationError, match=message) as caught:
        service.create_list(name)

    assert caught.value.field == "name"
    assert library.lists() == []
    assert library.recent_events() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 10_001, "Shorten the description to 10,000 characters or fewer"),
        ("a\x07b", "Remove the control characters from the description"),
        (42, "The description must be text"),
    ],
)
def test_a_bad_description_is_refused(service, library, text, message):
    with pytest.raises(ValidationError, match=message):
        service.create_list("Noir", text)
    made = service.create_list("Noir")
    with pytest.raises(ValidationError, match=message):
        service.describe_list(made.id, text)
    assert service.get_list(made.id).description == ""


def test_a_film_goes_in_a_list_with_its_note_and_a_bad_note_is_refused(service, heat):
    made = service.create_list("Noir")

    with pytest.raises(ValidationError, match="Shorten the note") as caught:
        service.add_to_list(made.id, heat, "x" * 10_001)
    assert caught.value.field == "note"
    assert service.list_entries(made.id) == []
    entry = service.add_to_list(made.id, heat, " The diner scene ")

    assert (entry.position, entry.note, entry.movie.label) == (1, "The diner scene", "Heat (1995)")
    assert service.lists_of_movie(heat) == [service.get_list(made.id)]
    noted = service.set_list_note(made.id, heat, "On second thought")
    assert noted.note == service.list_entries(made.id)[0].note == "On second thought"


def test_an_unknown_list_is_not_found_whatever_is_asked(service, heat):
    calls = [
        lambda: service.get_list(404),
        lambda: service.rename_list(404, "Noir"),
        lambda: service.describe_list(404, "text"),
        lambda: service.delete_list(404),
        lambda: service.list_entries(404),
        lambda: service.add_to_list(404, heat),
        lambda: service.remove_from_list(404, heat),
        lambda: service.move_in_list(404, heat, 1),
        lambda: service.set_list_note(404, heat, "note"),
    ]
    for call in calls:
        with pytest.raises(UnknownListError, match="List 404 was not found"):
            call()


def test_a_film_that_is_not_there_or_not_in_the_list_is_not_found(service, library, heat):
    made = service.create_list("Noir")
    alien = library.add_movie(Movie(title="Alien")).id

    with pytest.raises(UnknownMovieError):
        service.add_to_list(made.id, 404)
    with pytest.raises(UnknownMovieError):
        service.remove_from_list(made.id, 404)
    with pytest.raises(NotInListError, match=r"Alien was not found in “Noir”"):
        service.move_in_list(made.id, alien, 1)
    with pytest.raises(NotInListError, match=r"Heat \(1995\) was not found in “Noir”"):
        service.remove_from_list(made.id, heat)
    with pytest.raises(NotInListError):
        service.set_list_note(made.id, heat, "note")


@pytest.mark.parametrize("typed", ["0", "-1", "first", "1.5", "", True, 0, 2.0])
def test_a_position_that_is_no_place_is_refused(service, heat, typed):
    made = service.create_list("Noir")
    service.add_to_list(made.id, heat)

    with pytest.raises(ValidationError, match="Type the position as a whole number") as caught:
        service.move_in_list(made.id, heat, typed)

    assert caught.value.field == "position"


def test_a_film_moves_to_a_typed_position_and_one_past_the_end_says_how_many(service, library):
    made = service.create_list("Noir")
    ids = [library.add_movie(Movie(title=title)).id for title in ("Heat", "Alien", "Up")]
    for movie_id in ids:
        service.add_to_list(made.id, movie_id)

    moved = service.move_in_list(made.id, ids[2], " 1 ")

    assert moved.position == 1
    assert [e.movie.title for e in service.list_entries(made.id)] == ["Up", "Heat", "Alien"]
    with pytest.raises(ValidationError, match="Type a position from 1 to 3: “Noir” has 3 films"):
        service.move_in_list(made.id, ids[2], 4)


def test_renaming_to_a_name_in_use_says_so_and_deleting_gives_the_list_back(service, heat):
    noir = service.create_list("Noir")
    service.create_list("Comedies")
    service.add_to_list(noir.id, heat)

    with pytest.raises(ValidationError, match="You already have a list named “Comedies”"):
        service.rename_list(noir.id, "  comedies ")
    assert service.rename_list(noir.id, "Film noir").name == "Film noir"
    deleted = service.delete_list(noir.id)

    assert (deleted.name, deleted.films) == ("Film noir", 1)
    assert [kept.name for kept in service.lists()] == ["Comedies"]
    assert service.get_movie(heat).title == "Heat"


def test_the_watchlist_is_ordered_by_typed_positions(service, library):
    ids = [library.add_movie(Movie(title=title)).id for title in ("Heat", "Alien", "Up")]

    assert service.move_in_watchlist(ids[2], "1") == 1
    assert [movie.title for movie in service.watchlist()] == ["Up", "Heat", "Alien"]
    assert service.watchlist_place(ids[0]) == (2, 3)
    with pytest.raises(ValidationError, match="Type the position as a whole number"):
        service.move_in_watchlist(ids[0], "top")
    with pytest.raises(UnknownMovieError):
        service.move_in_watchlist(404, 1)
    service.change_status(ids[2], Status.WATCHED)
    assert service.watchlist_place(ids[2]) is None
    assert [movie.title for movie in service.watchlist(limit=1, offset=1)] == ["Alien"]
