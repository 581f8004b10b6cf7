"""The Library's words and address, from plain data: runtimes as people say them, and the
"No longer than" filter read from the URL."""

import pytest

from movie_tracker.ui import state
from movie_tracker.ui.library_text import no_longer_than, runtime_length


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (112, "1 h 52 min"),
        (45, "45 min"),
        (120, "2 h"),
        (60, "1 h"),
        (61, "1 h 1 min"),
        (1, "1 min"),
        (873, "14 h 33 min"),
        (None, None),
        (0, None),
        (-5, None),
    ],
)
def test_a_runtime_reads_in_hours_and_minutes(minutes, said):
    assert runtime_length(minutes) == said


def test_the_runtime_filter_offers_ninety_two_hours_and_a_half_or_any_length():
    assert [no_longer_than(m) for m in (0, *state.RUNTIME_CHOICES, None)] == [
        "Any length", "90 minutes", "120 minutes", "150 minutes", "Any length"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("90", 90), ("120", 120), ("150", 150), (" 150 ", 150), ("100", None), ("x", None),
     ("-90", None), ("", None)],
)  # fmt: skip
def test_the_url_says_how_long_a_film_may_run(raw, minutes):
    assert state.library_query({"runtime": raw}).max_runtime == minutes
    assert state.library_query({}).max_runtime is None
