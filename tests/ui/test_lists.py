"""The Lists page and a list's own page (?list=<id>) with AppTest, over the real service on
a real library; and on a film's page in the Library, "Add to list" and its place in the
watchlist's order."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from movie_tracker.models import Movie, Status
from movie_tracker.ui.components import lists as components
from tests.importer_files import LetterboxdExport, lb_list_file, lb_uri
from tests.ui.conftest import TIMEOUT, _script, posters, texts
from tests.ui.test_import_export import upload

MAKE = "FormSubmitter:new_list-Make list"
HEAT = Movie(title="Heat", year=1995, status=Status.WATCHED, runtime_minutes=170)
ALIEN = Movie(
    title="Alien", year=1979, runtime_minutes=117, poster_url="https://img.example.org/a.jpg"
)
UP = Movie(title="Up", year=2009)


def opened(service, page: str, **params: str) -> AppTest:
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": page}, default_timeout=TIMEOUT
    )
    at.query_params.update(params)
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def click(at: AppTest, label: str) -> AppTest:
    return button(at, label).click().run()


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.fixture
def noir(service, library):
    """Noir: Heat (Watched, 170 min), Alien (117 min), Up (no runtime), in that order."""
    made = service.create_list("Noir", "Rain and neon.\nAt night.")
    for movie, note in ((HEAT, "The diner"), (ALIEN, ""), (UP, "")):
        service.add_to_list(made.id, library.add_movie(movie).id, note)
    return made


def order(service, list_id: int) -> list[str]:
    return [entry.movie.title for entry in service.list_entries(list_id)]


# -- your lists ----------------------------------------------------------------------------


def test_without_lists_the_page_says_how_to_start(open_page, service):
    at = open_page(service, "lists")

    assert not at.exception
    assert texts(at.title) == ["Lists"]
    assert "You have no lists yet" in at.info[0].value


def test_a_new_list_opens_at_its_own_address_and_the_form_starts_empty(open_page, service):
    at = open_page(service, "lists")
    at.text_input(key=components.NAME_KEY).input("  Films with   Sam ")
    at.text_area(key=components.DESCRIPTION_KEY).input("Sundays")

    at = at.button(key=MAKE).click().run()

    [made] = service.lists()
    assert (made.name, made.description) == ("Films with Sam", "Sundays")
    assert at.query_params == {"list": str(made.id)}
    assert texts(at.header) == ["Films with Sam"]
    assert texts(at.success) == [
        "Made the list “Films with Sam”. Add films to it from their pages."
    ]
    at = click(at, "← Back to your lists")
    assert at.text_input(key=components.NAME_KEY).value == ""
    assert [b.label for b in at.button if b.key.startswith("open_list_")] == ["Films with Sam"]


def test_a_name_in_use_is_refused_with_what_to_do(open_page, service):
    service.create_list("Noir")
    at = open_page(service, "lists")
    at.text_input(key=components.NAME_KEY).input("NOIR")

    at = at.button(key=MAKE).click().run()

    assert "You already have a list named “Noir”" in at.error[0].value
    assert len(service.lists()) == 1


def test_your_lists_show_their_sums_and_open_on_a_click(open_page, service, noir):
    at = open_page(service, "lists")

    assert "3 films · 1 watched · 4 h 47 min (1 film without a runtime)" in texts(at.caption)
    assert "Rain and neon. At night." in texts(at.text)
    at = at.button(key=f"open_list_{noir.id}").click().run()
    assert at.query_params == {"list": str(noir.id)}
    assert texts(at.header) == ["Noir"]


# -- one list ------------------------------------------------------------------------------


def test_a_list_shows_its_films_in_order_its_runtime_and_how_many_you_watched(service, noir):
    at = opened(service, "lists", list=str(noir.id))

    assert not at.exception
    assert metrics(at) == {"Films": "3", "Watched": "1 of 3", "Runtime": "4 h 47 min"}
    assert "Rain and neon.\nAt night." in texts(at.text)
    table = at.dataframe[0].value
    assert list(table["#"]) == [1, 2, 3]
    assert list(table["Title"]) == ["Heat", "Alien", "Up"]
    assert table["Note"][0] == "The diner"


def test_the_grid_shows_each_film_as_a_card_linking_to_it(service, noir):
    at = opened(service, "lists", list=str(noir.id))
    at = at.toggle(key=components.GRID_KEY).set_value(True).run()

    assert at.query_params["view"] == "grid"
    links = [link.proto.label.replace("\\", "") for link in at.get("page_link")]  # markdown
    assert links[:3] == ["1. Heat (1995)", "2. Alien (1979)", "3. Up (2009)"]
    ids = {entry.movie.title: entry.movie.id for entry in service.list_entries(noir.id)}
    assert posters(at) == {  # a box each, holding the title; a film without one shows only that
        f"poster_list_card_{ids['Heat']}": None,
        f"poster_list_card_{ids['Alien']}": "https://img.example.org/a.jpg",
        f"poster_list_card_{ids['Up']}": None,
    }


def test_a_film_moves_up_down_to_the_top_and_to_a_typed_position(service, noir):
    at = opened(service, "lists", list=str(noir.id))
    ids = {entry.movie.title: entry.movie.id for entry in service.list_entries(noir.id)}
    at.selectbox(key=f"list_{noir.id}_pick").select(ids["Up"]).run()

    at = click(at, "Move up")
    assert order(service, noir.id) == ["Heat", "Up", "Alien"]
    assert "Moved Up (2009) to number 2 in “Noir”." in texts(at.success)
    at = click(at, "Move to the top")
    assert order(service, noir.id) == ["Up", "Heat", "Alien"]
    at = click(at, "Move down")
    assert order(service, noir.id) == ["Heat", "Up", "Alien"]
    at.number_input(key=f"list_{noir.id}_{ids['Up']}_at_2").set_value(3).run()
    at = click(at, "Move to position")
    assert order(service, noir.id) == ["Heat", "Alien", "Up"]
    assert list(at.dataframe[0].value["Title"]) == ["Heat", "Alien", "Up"]


def test_the_first_film_cannot_move_up_nor_the_last_down(service, noir):
    at = opened(service, "lists", list=str(noir.id))

    assert button(at, "Move up").disabled
    assert button(at, "Move to the top").disabled
    assert not button(at, "Move down").disabled


def test_a_note_is_changed_and_a_film_taken_out_stays_in_the_library(service, noir):
    at = opened(service, "lists", list=str(noir.id))
    heat = service.list_entries(noir.id)[0].movie
    at.text_area(key=next(t.key for t in at.text_area if t.label == "Note")).input("Coffee")

    at = click(at, "Save note")
    assert service.list_entries(noir.id)[0].note == "Coffee"
    at = click(at, "Remove from list")

    assert order(service, noir.id) == ["Alien", "Up"]
    assert service.get_movie(heat.id).title == "Heat"
    assert "Took Heat (1995) out of “Noir”; it stays in your library." in texts(at.success)


def test_a_list_is_renamed_and_described_and_a_taken_name_refused(service, noir):
    service.create_list("Comedies")
    at = opened(service, "lists", list=str(noir.id))
    form = f"FormSubmitter:edit_list_{noir.id}-Save"
    at.text_input(key=next(t.key for t in at.text_input if t.label == "List name")).input(
        "comedies"
    )

    at = at.button(key=form).click().run()
    assert "You already have a list named “Comedies”" in at.error[0].value
    at.text_input(key=next(t.key for t in at.text_input if t.label == "List name")).input("Night")
    at.text_area(key=next(t.key for t in at.text_area if t.label == "Description")).input("New")
    at = at.button(key=form).click().run()

    assert (service.get_list(noir.id).name, service.get_list(noir.id).description) == (
        "Night",
        "New",
    )
    assert texts(at.header) == ["Night"]


def test_deleting_a_list_asks_first_and_keeps_its_films(service, noir):
    at = click(opened(service, "lists", list=str(noir.id)), "Delete list")
    assert "Delete the list “Noir”? Its films stay in your library." in at.warning[0].value
    at = click(at, "Cancel")
    assert service.lists() != []

    at = click(click(at, "Delete list"), "Confirm delete")

    assert service.lists() == []
    assert service.count_movies() == 3
    assert at.query_params == {}
    assert "Deleted the list “Noir”; its films stay in your library." in texts(at.success)


@pytest.mark.parametrize("raw", ["999", "abc", "-2"])
def test_a_list_that_is_not_there_says_so_and_leads_back(service, raw):
    at = opened(service, "lists", list=raw)

    assert texts(at.header) == ["List not found"]
    assert f"List {raw} was not found" in at.error[0].value
    assert texts(click(at, "← Back to your lists").title) == ["Lists"]


def test_an_empty_list_points_to_the_library(service):
    made = service.create_list("Later")

    at = opened(service, "lists", list=str(made.id))

    assert "No films in this list yet" in at.info[0].value
    assert metrics(at)["Runtime"] == "0 min"


# -- on a film's page ----------------------------------------------------------------------


def test_a_film_is_added_to_a_list_with_a_note_from_its_page(service, library):
    heat = library.add_movie(HEAT)
    made = service.create_list("Noir")
    at = opened(service, "library", movie=str(heat.id))
    assert "Not in any of your lists yet." in texts(at.caption)
    at.text_area(key=next(t.key for t in at.text_area if t.label == "Note (optional)")).input(
        "The diner"
    )

    at = at.button(key=f"FormSubmitter:add_to_list_{heat.id}-Add to list").click().run()

    assert texts(at.success) == ["Added Heat (1995) to “Noir”, number 1."]
    assert [(e.movie.title, e.note) for e in service.list_entries(made.id)] == [
        ("Heat", "The diner")
    ]
    assert "In your lists: “Noir”." in texts(at.caption)
    assert "You have no other list to put it in." in texts(at.caption)


def test_without_lists_a_films_page_points_to_the_lists_page(service, library):
    heat = library.add_movie(HEAT)

    at = opened(service, "library", movie=str(heat.id))

    assert "You have no lists yet: make one on the Lists page." in texts(at.caption)
    assert "Lists" in [link.proto.label for link in at.get("page_link")]


def test_a_film_you_want_to_watch_moves_in_your_watchlist_order(service, library):
    alien, up = library.add_movie(ALIEN), library.add_movie(UP)
    heat = library.add_movie(HEAT)

    at = opened(service, "library", movie=str(up.id))
    assert "Number 2 of 2 in your watchlist's order." in texts(at.markdown)
    at = click(at, "Move up")

    assert [movie.title for movie in service.watchlist()] == ["Up", "Alien"]
    assert "Moved Up (2009) to number 1 in your watchlist's order." in texts(at.success)
    assert "Number 1 of 2 in your watchlist's order." in texts(at.markdown)
    at = click(opened(service, "library", movie=str(alien.id)), "Move to the top")
    assert [movie.title for movie in service.watchlist()] == ["Alien", "Up"]
    watched = opened(service, "library", movie=str(heat.id))
    assert not any("watchlist's order" in m for m in texts(watched.markdown))


def test_the_library_sorts_by_your_order(service, library):
    alien, up = library.add_movie(ALIEN), library.add_movie(UP)
    library.add_movie(HEAT)
    service.move_in_watchlist(up.id, 1)

    at = opened(service, "library", sort="your_order", status="Want to Watch")

    assert list(at.dataframe[0].value["Title"]) == ["Up", "Alien"]
    assert at.selectbox(key="library_sort").value == "your_order"
    assert alien.id


# -- lists an import brings ----------------------------------------------------------------


def test_the_import_preview_says_what_comes_to_your_lists_and_importing_again_nothing(
    open_page, service
):
    export = LetterboxdExport(watched=[["2024-01-03", "Heat", 1995, lb_uri("heat")]])
    export.extra = {
        "lists/noir.csv": lb_list_file(
            ("Heat", "1995", "The diner", lb_uri("heat")), ("Alien", "1979"), name="Noir"
        )
    }
    at = upload(
        open_page(service, "import-export"), ("export.zip", export.zip(), "application/zip")
    )

    assert (
        "Lists: 1 new list, and 0 lists you already have by name updated (never doubled); "
        "2 films put in them. 1 film only a list names come in as Want to Watch."
    ) in texts(at.info)
    at = at.button(key="import_apply").click().run()
    assert "1 list made and 0 updated, with 2 films put in them." in at.success[0].value
    [noir] = service.lists()
    assert [(e.movie.title, e.note) for e in service.list_entries(noir.id)] == [
        ("Heat", "The diner"),
        ("Alien", ""),
    ]
    again = upload(
        open_page(service, "import-export"), ("export.zip", export.zip(), "application/zip")
    )
    assert not any(text.startswith("Lists:") for text in texts(again.info))
    assert "Nothing new to import" in " ".join(texts(again.info))
