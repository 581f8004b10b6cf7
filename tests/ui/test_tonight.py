"""The Tonight page with AppTest over the real navigation on a real library: nothing on the
watchlist, a pick with why it fits, Another (never the same film twice in a visit), every
film shown and Start over, too few films and the filter to loosen, a list to pick from,
Log a film opening the dialog with the film picked, and what goes wrong said plainly."""

from __future__ import annotations

from datetime import date

import pytest

from movie_tracker.models import Movie, Owner, Status
from movie_tracker.service import StorageError, UnknownListError
from movie_tracker.ui.components import tonight as components
from movie_tracker.ui.pages import tonight as page
from tests.ui.conftest import posters, texts
from tests.ui.test_log_film import save

WATCHED = Status.WATCHED
HEAT = Movie("Heat", year=1995, genre="Crime, Drama", runtime_minutes=170)
ALIEN = Movie(
    "Alien",
    year=1979,
    genre="Horror, Sci-Fi",
    runtime_minutes=117,
    poster_url="https://img.example.org/alien.jpg",
)
WHY = "**Why it fits**\n\n"
UP = Movie("Up", year=2009, genre="Animation, Drama", runtime_minutes=130)


PICKED = "**Alien (1979) · in your library**"


def pick(at):
    return at.button(key=components.PICK_KEY).click().run()


def shown_title(at) -> str | None:
    return at.header[0].value if at.header else None


@pytest.fixture
def shelf(library):
    return {movie.title: library.add_movie(movie).id for movie in (HEAT, ALIEN, UP)}


def test_tonight_is_in_the_menu_after_lists(open_page, service):
    at = open_page(service, "tonight")

    assert not at.exception
    assert texts(at.title) == ["Tonight"]


def test_with_nothing_on_the_watchlist_it_says_how_to_fill_it_and_offers_no_pick(
    open_page, service, library
):
    library.add_movie(Movie("Seven", year=1995, status=WATCHED))

    at = open_page(service, "tonight")

    assert texts(at.info) == [
        "Your watchlist is empty: mark films Want to Watch (or add some), then pick again."
    ]
    assert not [button for button in at.button if button.key == components.PICK_KEY]


def test_a_pick_shows_the_film_and_why_it_fits(open_page, service, shelf):
    at = open_page(service, "tonight")
    at.selectbox(key=components.RUNTIME_KEY).set_value(120).run()

    at = pick(at)

    assert shown_title(at) == "Alien"
    assert "1979 · 1 h 57 min · Horror, Sci-Fi" in texts(at.caption)
    assert WHY + "- 1 h 57 min — fits under 2 hours\n- on your watchlist" in texts(at.markdown)
    assert "The only film that fits." in texts(at.caption)
    assert posters(at) == {f"poster_tonight_{shelf['Alien']}": "https://img.example.org/alien.jpg"}
    assert at.button(key=components.PICK_KEY).label == "Another"


def test_another_never_repeats_then_every_film_is_shown_and_start_over_begins_again(
    open_page, service, shelf
):
    at = open_page(service, "tonight")
    seen = []
    for _ in range(3):
        at = pick(at)
        seen.append(shown_title(at))
        assert texts(at.caption)[-1] == "Picked at random from 3 films that fit."

    assert sorted(seen) == ["Alien", "Heat", "Up"]
    at = pick(at)
    assert texts(at.info) == [
        "You have seen every film that fits (3 films). Start over to see them again."
    ]
    assert at.button(key=components.PICK_KEY).label == "Pick"

    at = at.button(key=components.START_OVER_KEY).click().run()

    assert shown_title(at) in {"Alien", "Heat", "Up"}
    assert at.session_state[page.SHOWN] == [shelf[shown_title(at)]]


def test_too_few_films_names_the_filter_to_loosen(open_page, service, shelf):
    at = open_page(service, "tonight")
    at.selectbox(key=components.RUNTIME_KEY).set_value(90).run()

    at = pick(at)

    assert texts(at.info) == [
        "No film under 90 minutes fits. Without the runtime limit there would be 3 films."
    ]
    assert components.START_OVER_KEY not in [button.key for button in at.button]


def test_genres_and_decades_are_those_of_the_films_to_pick_from_and_a_change_clears_the_pick(
    open_page, service, shelf
):
    at = open_page(service, "tonight")
    at = pick(at.selectbox(key=components.RUNTIME_KEY).set_value(120).run())
    assert shown_title(at) == "Alien"
    genre = at.selectbox(key=components.GENRE_KEY)
    assert genre.options == ["Any", "Animation", "Crime", "Drama", "Horror", "Sci-Fi"]
    assert at.selectbox(key=components.DECADE_KEY).options == ["Any", "1970s", "1990s", "2000s"]

    at = genre.set_value("Drama").run()
    assert shown_title(at) is None
    at = at.selectbox(key=components.RUNTIME_KEY).set_value(components.ANY_LENGTH).run()
    at = at.selectbox(key=components.DECADE_KEY).set_value(2000).run()
    at = pick(at)

    assert shown_title(at) == "Up"
    assert any("Drama, as you asked" in m.value for m in at.markdown)


def test_never_watched_leaves_out_a_film_seen_before(open_page, service, shelf):
    service.log_watch(shelf["Heat"], date(2025, 1, 1))
    service.change_status(shelf["Heat"], Status.WANT_TO_WATCH)
    at = open_page(service, "tonight")
    at.checkbox(key=components.UNWATCHED_KEY).check().run()
    at.selectbox(key=components.GENRE_KEY).set_value("Crime").run()

    at = pick(at)

    assert texts(at.info) == [
        "No film fits all of: in Crime, never watched. Without the genre Crime there would "
        "be 2 films."
    ]


def test_a_list_can_be_the_source_and_an_empty_one_says_so(open_page, service, shelf):
    noir = service.create_list("Noir")
    service.add_to_list(noir.id, shelf["Heat"])
    service.create_list("Someday")
    at = open_page(service, "tonight")
    source = at.selectbox(key=components.SOURCE_KEY)
    assert source.options == ["Want to Watch", "List: Noir", "List: Someday"]

    at = pick(source.set_value(noir.id).run())
    assert shown_title(at) == "Heat"
    assert any("on your list “Noir”" in m.value for m in at.markdown)

    at = at.selectbox(key=components.SOURCE_KEY).set_value(noir.id + 1).run()
    assert texts(at.info) == [
        "The list “Someday” has no films yet: add films to it from their pages."
    ]


def test_a_deleted_list_goes_back_to_want_to_watch(open_page, service, shelf):
    noir = service.create_list("Noir")
    at = open_page(service, "tonight")
    at.selectbox(key=components.SOURCE_KEY).set_value(noir.id).run()

    service.delete_list(noir.id)
    at = at.run()

    assert at.selectbox(key=components.SOURCE_KEY).value is None
    assert at.selectbox(key=components.SOURCE_KEY).options == ["Want to Watch"]


def test_log_a_film_opens_the_dialog_with_the_film_picked_and_saves_its_watch(
    open_page, service, shelf
):
    at = open_page(service, "tonight")
    at.selectbox(key=components.RUNTIME_KEY).set_value(120).run()
    at = pick(at)

    at = at.button(key=components.LOG_KEY).click().run()

    assert [m.value for m in at.markdown if "Alien (1979)" in m.value] == [PICKED]
    at = save(at, rating=4)
    assert [watch.movie_id for watch in service.watches(shelf["Alien"])] == [shelf["Alien"]]


def test_a_library_that_fails_says_what_to_do(open_page, service, shelf, monkeypatch):
    at = open_page(service, "tonight")

    def fails(*args, **kwargs):
        raise StorageError("Could not read the library: try again.")

    monkeypatch.setattr(type(service), "pick_tonight", fails)
    at = pick(at)

    assert texts(at.error) == ["Could not read the library: try again."]


def test_a_list_gone_while_choosing_is_said_to_be_not_found(open_page, service, monkeypatch):
    def gone(*args, **kwargs):
        raise UnknownListError(7)

    monkeypatch.setattr(type(service), "tonight_choices", gone)
    at = open_page(service, "tonight")

    assert texts(at.error) == [str(UnknownListError(7))]


# -- Together with a friend's share link ---------------------------------------------------

SAM = Owner.signed_in("https://id.example", "sam")


@pytest.fixture
def sams(service):
    """Sam, another person of this Movie Tracker, with Alien and Rope to watch."""
    sam = service.for_owner(SAM)
    for movie in (ALIEN, Movie("Rope", year=1948)):
        sam.repository.add_movie(movie)
    return sam


def test_together_with_a_friends_link_picks_a_film_on_both(open_page, service, shelf, sams):
    link = sams.share("watchlist", display_name="Sam", base_url="http://films.example").url
    at = open_page(service, "tonight")

    at.text_input(key=components.TOGETHER_KEY).input(link).run()
    at = pick(at)

    assert "Picking from films on both: yours and Sam's watchlist (2 films)." in texts(at.caption)
    assert shown_title(at) == "Alien"
    assert WHY + "- on your watchlist and Sam's" in texts(at.markdown)
    assert "The only film that fits." in texts(at.caption)


def test_a_revoked_link_says_so_and_offers_no_pick(open_page, service, shelf, sams):
    made = sams.share("watchlist")
    sams.unshare(made.id)
    at = open_page(service, "tonight")

    at = at.text_input(key=components.TOGETHER_KEY).input(made.path).run()

    assert texts(at.error) == [
        "This link no longer works: ask your friend for a new link, or clear the field to "
        "pick alone."
    ]
    assert not [button for button in at.button if button.key == components.PICK_KEY]


def test_a_diary_link_is_refused_saying_which_links_work(open_page, service, shelf, sams):
    at = open_page(service, "tonight")

    at = at.text_input(key=components.TOGETHER_KEY).input(sams.share("diary").path).run()

    assert "paste a link to their watchlist or to one of their lists" in texts(at.error)[0]


def test_a_filter_and_the_pick_sent_in_one_rerun_pick_with_the_filter(open_page, service, shelf):
    """Choosing a limit and pressing Pick before the page has run again (both reach the
    server in one rerun) picks under the new limit."""
    at = open_page(service, "tonight")
    at.selectbox(key=components.RUNTIME_KEY).set_value(120)

    at = pick(at)

    assert shown_title(at) == "Alien"


def test_a_link_typed_and_pick_pressed_in_one_rerun_pick_together(open_page, service, shelf, sams):
    link = sams.share("watchlist", display_name="Sam").path
    at = open_page(service, "tonight")
    at.text_input(key=components.TOGETHER_KEY).input(link)

    at = pick(at)

    assert shown_title(at) == "Alien"
    assert WHY + "- on your watchlist and Sam's" in texts(at.markdown)


def test_a_list_deleted_in_another_tab_takes_its_pick_away(open_page, service, shelf):
    noir = service.create_list("Noir")
    service.add_to_list(noir.id, shelf["Heat"])
    at = open_page(service, "tonight")
    at.selectbox(key=components.SOURCE_KEY).set_value(noir.id).run()
    assert shown_title(pick(at)) == "Heat"
    service.delete_list(noir.id)

    at.run()

    assert at.selectbox(key=components.SOURCE_KEY).value is None  # back to Want to Watch
    assert shown_title(at) is None
    assert at.button(key=components.PICK_KEY).label == "Pick"
