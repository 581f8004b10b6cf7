"""Tonight's words, without Streamlit: what is known of the film picked, the sources and
decades as the page names them, and how many films the pick came from."""

from __future__ import annotations

import pytest

from movie_tracker.models import Movie, time_limit
from movie_tracker.ui import tonight_text


@pytest.mark.parametrize(
    ("movie", "said"),
    [
        (
            Movie("Heat", year=1995, runtime_minutes=170, genre="Crime, Drama"),
            "1995 · 2 h 50 min · Crime, Drama",
        ),
        (Movie("Up", year=2009), "2009"),
        (Movie("Rope", runtime_minutes=80), "1 h 20 min"),
        (Movie("Untitled"), "Nothing more is known of this film."),
    ],
)
def test_the_facts_of_a_pick_are_what_is_known_in_order(movie, said):
    assert tonight_text.facts(movie) == said


def test_sources_decades_and_counts_read_as_the_page_says_them():
    assert tonight_text.source_name(None) == "Want to Watch"
    assert tonight_text.source_name("Noir") == "List: Noir"
    assert [tonight_text.decade_name(d) for d in (None, 1990)] == ["Any", "1990s"]
    assert tonight_text.picked_from(1) == "The only film that fits."
    assert tonight_text.picked_from(12) == "Picked at random from 12 films that fit."


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(60, "1 hour"), (120, "2 hours"), (90, "90 minutes"), (150, "150 minutes")],
)
def test_a_time_limit_reads_in_hours_when_it_is_whole_hours(minutes, said):
    assert time_limit(minutes) == said


def test_together_says_whose_films_the_pick_comes_from():
    assert tonight_text.together_with("Sam", "Watchlist", "watchlist", 1) == (
        "Picking from films on both: yours and Sam's watchlist (1 film)."
    )
    assert tonight_text.together_with("Sam", "Noir", "list", 12) == (
        "Picking from films on both: yours and Sam's list “Noir” (12 films)."
    )
