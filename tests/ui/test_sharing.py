"""Share links with AppTest, over the real service on a real library: "Share this list" on
a list's page, and "Sharing" on the Connections page (the watchlist, the diary, any list):
the link shown once, the links that work, Revoke, and what is refused."""

from __future__ import annotations

import re

import pytest

from movie_tracker.models import DIARY, LIST, WATCHLIST, Movie, Status
from movie_tracker.service import ShareNotFoundError
from movie_tracker.ui import share_text
from movie_tracker.ui.components import sharing
from tests.ui.conftest import texts
from tests.ui.test_lists import button, opened

LINK = re.compile(r"^http://localhost:8501/share/[A-Za-z0-9_-]{43}$")


@pytest.fixture
def noir(service, library):
    made = service.create_list("Noir")
    heat = library.add_movie(Movie(title="Heat", year=1995, status=Status.WATCHED, rating=4.5))
    service.add_to_list(made.id, heat.id, "The diner")
    library.add_movie(Movie(title="Up", year=2009))
    return made


def make(at, place: str, name: str = "", *, ratings: bool = False, what: int | None = None):
    if what is not None:
        at.selectbox(key=f"share_{place}_what").set_value(what)
    at.text_input(key=f"share_{place}_name").input(name)
    at.checkbox(key=f"share_{place}_ratings").set_value(ratings)
    return at.button(key=f"FormSubmitter:{sharing.form_key(place)}-{sharing.SUBMIT}").click().run()


def test_a_lists_page_makes_a_link_shown_once_that_opens_the_list(service, noir):
    at = make(opened(service, "lists", list=str(noir.id)), f"list_{noir.id}", "Anna", ratings=True)

    assert not at.exception
    assert "Made a link to the list “Noir”. Copy it now" in at.success[0].value
    [link] = texts(at.code)
    assert LINK.match(link)
    view = service.open_share(link)
    assert (view.title, view.display_name) == ("Noir", "Anna")
    assert [(film.title, film.rating, film.note) for film in view.films] == [("Heat", 4.5, None)]
    assert any("shown as Anna · ratings shown · notes hidden" in c.value for c in at.caption)

    at.run()
    assert texts(at.code) == []  # never shown again


def test_revoking_on_the_lists_page_stops_the_link(service, noir):
    made = service.share(LIST, noir.id)
    at = opened(service, "lists", list=str(noir.id))

    at = button(at, "Revoke").click().run()

    assert not at.exception
    assert "Revoked the link to the list “Noir”" in at.success[0].value
    with pytest.raises(ShareNotFoundError):
        service.open_share(made.url or made.secret)
    assert "No share links yet." in texts(at.caption)


def test_a_lists_page_shows_only_its_own_links(service, noir):
    service.share(WATCHLIST)
    at = opened(service, "lists", list=str(noir.id))

    assert "No share links yet." in texts(at.caption)
    assert not [b for b in at.button if b.label == "Revoke"]


def test_the_connections_page_shares_the_watchlist_the_diary_or_a_list(open_page, service, noir):
    at = open_page(service, "connections")
    labels = at.selectbox(key="share_all_what").options
    assert labels == [
        "Your watchlist (Want to Watch, in your order)",
        "Your diary",
        "The list “Noir”",
    ]

    at = make(at, "all", what=1)

    [link] = texts(at.code)
    assert service.open_share(link).kind == DIARY
    assert "Made a link to your diary" in at.success[0].value
    at = make(at.run(), "all", what=0)
    assert [film.title for film in service.open_share(texts(at.code)[0]).films] == ["Up"]
    assert [b.label for b in at.button].count("Revoke") == 2


def test_a_name_too_long_is_refused_and_no_link_is_made(open_page, service, noir):
    at = make(open_page(service, "connections"), "all", "x" * 61)

    assert "Shorten the name to show to 60 characters" in at.error[0].value
    assert texts(at.code) == []
    assert service.shares() == []


def test_a_link_revoked_elsewhere_as_revoke_is_pressed_says_so(
    open_page, service, library, noir, monkeypatch
):
    service.share(WATCHLIST)
    at = open_page(service, "connections")
    monkeypatch.setattr(library, "revoke_share", lambda share_id: None)  # gone meanwhile

    at = button(at, "Revoke").click().run()

    assert "No share link with id" in at.warning[0].value


def test_a_list_made_in_another_tab_does_not_change_which_list_is_shared(open_page, service, noir):
    """The form chooses by what it shares, not by its place: a list made elsewhere before
    Make link is pressed moves the places, not the choice."""
    at = open_page(service, "connections")
    at.selectbox(key="share_all_what").set_value(2)  # Watchlist, Diary, then Noir
    at.run()
    service.create_list("Aaa, made in another tab")  # now where Noir was

    at = make(at, "all")

    assert service.shares() == []
    assert texts(at.warning) == [share_text.CHOICES_CHANGED]
    assert make(at, "all", what=3).success  # drawn again with the lists as they are
    assert [share.label for share in service.shares()] == ["The list “Noir”"]
