"""A title, a director or a genre reads exactly as typed on every page that shows it.

Streamlit renders headers, captions, alerts, button and link labels as markdown: typed into
them as they are, "M*A*S*H" showed an italic A, "# Hash" a heading and "<b>x</b>" a bare x.
Each check reads the element's markdown as CommonMark does (tests/markdown.py).
"""

from datetime import date

import pytest

from movie_tracker.models import Movie
from tests.markdown import reads_as_typed
from tests.ui.conftest import TIMEOUT, _script, texts

TITLES = ["M*A*S*H", "[Rec]", "$9.99", "<b>x</b>", "_Underscore_", "# Hash"]
DIRECTOR = "Robert *Bob* Altman"
GENRE = "_War_, <Comedy>"


def label(title: str) -> str:
    return f"{title} (1970)"


def stored(library, title: str) -> Movie:
    return library.add_movie(Movie(title, year=1970, director=DIRECTOR, genre=GENRE))


def shown(elements, typed: str) -> list[str]:
    """The elements (their markdown) in which `typed` reads as typed."""
    return [value for value in texts(elements) if reads_as_typed(value, typed)]


def open_at(open_page, service, page: str, **params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": page}, default_timeout=TIMEOUT
    )
    at.query_params.update(params)
    return at.run()


def click(at, label_text: str):
    return next(b for b in at.button if b.label == label_text).click().run()


@pytest.mark.parametrize("title", TITLES)
def test_the_movie_view_and_its_messages_read_as_typed(open_page, service, library, title):
    movie = stored(library, title)
    at = open_at(open_page, service, "library", movie=str(movie.id))
    assert not at.exception
    assert shown(at.header, label(title)), texts(at.header)
    details = at.markdown[0].value
    assert reads_as_typed(details, DIRECTOR), details
    assert reads_as_typed(details, GENRE), details

    next(s for s in at.selectbox if s.label == "Your rating").set_value(4).run()
    at = click(at, "Save rating")
    assert shown(at.success, f"Rated {label(title)} ★★★★."), texts(at.success)

    at = click(at, "Change status")
    assert shown(at.info, f"{label(title)} is already marked Want to Watch."), texts(at.info)

    at.text_area(key="log_review").input("Still *funny*")
    at = at.button(key="FormSubmitter:log_watch-Log watch").click().run()
    assert shown(at.success, f"Logged a watch of {label(title)}."), texts(at.success)

    at = click(at, "Delete movie")
    assert shown(at.warning, f"Delete {label(title)} from your library?"), texts(at.warning)
    at = at.button(key="movie_confirm_delete").click().run()
    assert shown(at.success, f"Deleted {label(title)} from your library."), texts(at.success)


def test_the_library_grid_reads_as_typed(open_page, service, library):
    for title in TITLES:
        stored(library, title)
    at = open_at(open_page, service, "library", view="grid")
    cards = [b.label for b in at.button if b.key.startswith("library_open_")]
    assert len(cards) == len(TITLES)
    for title in TITLES:
        assert [card for card in cards if reads_as_typed(card, label(title))], cards


def test_the_diary_statistics_and_activity_read_as_typed(open_page, service, library):
    for day, title in enumerate(TITLES, start=1):
        service.log_watch(stored(library, title).id, date(2025, 3, day), 4.5)
    diary = open_page(service, "diary")
    statistics = open_page(service, "statistics")
    activity = open_page(service, "activity")
    diary_links = [link.proto.label for link in diary.get("page_link")]
    review_links = [link.proto.label for link in statistics.get("page_link")]
    lines = activity.markdown[0].value.split("\n")
    for title in TITLES:
        assert [link for link in diary_links if reads_as_typed(link, label(title))], diary_links
        assert [line for line in lines if reads_as_typed(line, f"Added {label(title)}")], lines
    assert [link for link in review_links if reads_as_typed(link, label(TITLES[0]))]
    assert [link for link in review_links if reads_as_typed(link, label(TITLES[-1]))]


@pytest.mark.parametrize("title", TITLES)
def test_adding_a_movie_says_its_title_as_typed(open_page, service, title):
    at = open_page(service, "add-movie")
    at.text_input(key="add_title").input(title)
    at = at.button(key="FormSubmitter:add_movie-Add Movie").click().run()
    assert shown(at.success, f"Added {title} to your library"), texts(at.success)


def test_a_message_naming_a_movie_already_there_reads_as_typed(open_page, service, library):
    library.add_movie(Movie("M*A*S*H", year=1970, imdb_id="tt0113277"))
    at = open_page(service, "add-movie")
    at.text_input(key="add_title").input("Heat")
    at.text_input(key="add_lookup").input("tt0113277")
    at = at.button(key="FormSubmitter:add_movie-Add Movie").click().run()
    assert shown(at.success, "M*A*S*H (1970) is already in your library"), texts(at.success)
    links = [link.proto.label for link in at.get("page_link")]
    assert [text for text in links if reads_as_typed(text, "Open M*A*S*H (1970)")], links
