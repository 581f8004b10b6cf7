"""Diary: your watches newest first, grouped by year, a page at a time, filtered by year."""

from datetime import date

import pytest

from movie_tracker.models import Movie
from tests.markdown import as_read, formatting
from tests.ui.conftest import texts

PAGE = "diary"


def links(at):
    """Each movie link on the page: (label, the address it opens)."""
    return [
        (link.proto.label, f"{link.proto.page}?{link.proto.query_string}")
        for link in at.get("page_link")
    ]


def entries(at):
    """The entries' first lines: date · stars · rewatch mark."""
    return [
        caption for caption in texts(at.main.caption) if not caption.startswith(("Showing", "Tags"))
    ]


def add(library, title, year, **details):
    return library.add_movie(Movie(title, year=year, **details))


def test_an_empty_diary_says_how_to_log_a_watch(open_page, offline_service):
    at = open_page(offline_service, PAGE)
    assert texts(at.title) == ["Diary"]
    assert "Your diary is empty." in at.info[0].value
    assert "open a movie in the Library and choose Log a watch" in at.info[0].value
    assert texts(at.get("page_link")) == ["Library"]
    assert not at.selectbox


def test_watches_show_newest_first_under_a_heading_per_year(open_page, offline_service, library):
    heat = add(library, "Heat", 1995)
    alien = add(library, "Alien", 1979)
    offline_service.log_watch(heat.id, date(2025, 12, 31), rating=4.5, tags=["heist", "la"])
    offline_service.log_watch(alien.id, date(2026, 3, 3), rating=3.5)
    offline_service.log_watch(heat.id, date(2026, 1, 9))
    at = open_page(offline_service, PAGE)

    assert texts(at.header) == ["2026", "2025"]
    assert entries(at) == ["3 Mar 2026 · ★★★½", "9 Jan 2026 · ↻ Rewatch", "31 Dec 2025 · ★★★★½"]
    assert links(at) == [
        ("Alien (1979)", f"library?movie={alien.id}"),
        ("Heat (1995)", f"library?movie={heat.id}"),
        ("Heat (1995)", f"library?movie={heat.id}"),
    ]
    assert "Tags: heist, la" in texts(at.main.caption)
    assert "Showing 1–3 of 3 watches, newest first." in texts(at.main.caption)


def test_a_watch_without_a_date_says_so_and_comes_last(open_page, offline_service, library):
    heat = add(library, "Heat", 1995)
    offline_service.log_watch(heat.id, None)
    offline_service.log_watch(heat.id, date(2026, 2, 1))
    at = open_page(offline_service, PAGE)
    assert texts(at.header) == ["2026", "Year unknown"]
    assert entries(at) == ["1 Feb 2026 · ↻ Rewatch", "Date unknown"]


def test_a_review_shows_letterboxd_formatting_and_everything_else_as_typed(
    open_page, offline_service, library
):
    """Letterboxd's <b> is bold; markdown typed into a review, and any other tag, reads
    as typed (ui/reviews.py); nothing is HTML for the browser."""
    heat = add(library, "Heat", 1995)
    review = "<b>bold?</b> **x** [link](http://example.com)\n# not a heading <u>u</u>"
    offline_service.log_watch(heat.id, date(2026, 1, 2), review=review)
    at = open_page(offline_service, PAGE)
    (shown,) = texts(at.main.markdown)
    assert as_read(shown) == "bold? **x** [link](http://example.com)\n# not a heading <u>u</u>"
    assert formatting(shown) == ["strong_open", "strong_close"]
    assert not at.text


@pytest.mark.parametrize(
    ("review", "shown"),
    [
        ("word " * 100, ("word " * 39) + "word…"),  # cut after the last whole word
        ("a" * 200 + " and more", "a" * 200 + "…"),  # the limit falls on a space
    ],
)
def test_a_long_review_shows_its_start(open_page, offline_service, library, review, shown):
    heat = add(library, "Heat", 1995)
    offline_service.log_watch(heat.id, date(2026, 1, 2), review=review)
    at = open_page(offline_service, PAGE)
    assert [as_read(markdown) for markdown in texts(at.main.markdown)] == [shown]


def test_a_long_letterboxd_review_is_cut_in_its_words_not_in_a_tag(
    open_page, offline_service, library
):
    heat = add(library, "Heat", 1995)
    link = '<a href="https://letterboxd.com/film/heat-1995/">Heat</a>'
    review = f"<i>{'word ' * 38}</i>{link} and much more after that"
    offline_service.log_watch(heat.id, date(2026, 1, 2), review=review)
    at = open_page(offline_service, PAGE)
    (shown,) = texts(at.main.markdown)
    assert as_read(shown) == ("word " * 38) + "Heat and…"
    assert formatting(shown) == ["em_open", "em_close", "link_open", "link_close"]


def test_the_diary_pages_fifty_watches_at_a_time(open_page, offline_service, library):
    heat = add(library, "Heat", 1995)
    for day in range(1, 32):
        offline_service.log_watch(heat.id, date(2026, 1, day))
    for day in range(1, 21):
        offline_service.log_watch(heat.id, date(2025, 6, day))
    at = open_page(offline_service, PAGE)
    assert "Showing 1–50 of 51 watches, newest first." in texts(at.main.caption)
    assert "Page 1 of 2" in texts(at.markdown)
    assert len(entries(at)) == 50
    assert entries(at)[0] == "31 Jan 2026 · ↻ Rewatch"

    at.button(key="diary_page_next").click().run()
    assert "Showing 51–51 of 51 watches, newest first." in texts(at.main.caption)
    assert texts(at.header) == ["2025"]
    assert entries(at) == ["1 Jun 2025"]


def test_the_year_filter_shows_one_year_and_starts_on_its_first_page(
    open_page, offline_service, library
):
    heat = add(library, "Heat", 1995)
    alien = add(library, "Alien", 1979)
    for day in range(1, 29):
        offline_service.log_watch(heat.id, date(2026, 2, day))
        offline_service.log_watch(heat.id, date(2026, 3, day))
    offline_service.log_watch(alien.id, date(2024, 5, 4))
    at = open_page(offline_service, PAGE)
    year = at.selectbox(key="diary_year")
    assert year.options == ["All years", "2026", "2024"]
    at.button(key="diary_page_next").click().run()
    assert "Showing 51–57 of 57 watches, newest first." in texts(at.main.caption)

    at.selectbox(key="diary_year").select(2024).run()
    assert texts(at.header) == ["2024"]
    assert entries(at) == ["4 May 2024"]
    assert links(at) == [("Alien (1979)", f"library?movie={alien.id}")]
    assert "Showing 1–1 of 1 watch, newest first." in texts(at.main.caption)


def test_the_diary_follows_a_watch_logged_elsewhere(open_page, offline_service, library):
    heat = add(library, "Heat", 1995)
    offline_service.log_watch(heat.id, date(2026, 1, 2))
    at = open_page(offline_service, PAGE)
    assert len(entries(at)) == 1
    offline_service.log_watch(heat.id, date(2026, 1, 3), rating=5)
    at.run()
    assert entries(at)[0] == "3 Jan 2026 · ★★★★★ · ↻ Rewatch"


def test_a_year_whose_watches_are_gone_falls_back_to_every_year(
    open_page, offline_service, library
):
    heat = add(library, "Heat", 1995)
    alien = add(library, "Alien", 1979)
    offline_service.log_watch(heat.id, date(2026, 1, 2))
    gone = offline_service.log_watch(alien.id, date(2024, 1, 2))
    at = open_page(offline_service, PAGE)
    at.selectbox(key="diary_year").select(2024).run()
    assert texts(at.header) == ["2024"]

    offline_service.delete_watch(gone.id)  # in another tab
    at.run()
    assert not at.exception
    assert at.selectbox(key="diary_year").value == "All years"
    assert texts(at.header) == ["2026"]
    assert entries(at) == ["2 Jan 2026"]
