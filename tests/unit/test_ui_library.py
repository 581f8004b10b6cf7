"""The Library's words and address, from plain data: runtimes as people say them, and the
"No longer than" filter read from the URL."""

import pytest

from movie_tracker.ui import state
from movie_tracker.ui.library_text import movies_shown, no_longer_than, runtime_length


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


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
IPAD = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0"


@pytest.mark.parametrize(
    ("headers", "phone"),
    [
        ({"User-Agent": IPHONE}, True),
        ({"user-agent": ANDROID_CHROME, "sec-ch-ua-mobile": "?1"}, True),
        ({"Sec-CH-UA-Mobile": "?1", "User-Agent": DESKTOP_CHROME}, True),  # the hint alone
        ({"User-Agent": FIREFOX_ANDROID}, True),
        ({"User-Agent": ANDROID_TABLET, "Sec-CH-UA-Mobile": "?0"}, False),
        ({"User-Agent": IPAD}, False),
        ({"User-Agent": DESKTOP_CHROME, "Sec-CH-UA-Mobile": "?0"}, False),
        ({}, False),
    ],
)
def test_a_phone_is_known_by_what_its_browser_says(headers, phone):
    assert state.is_phone(headers) is phone


@pytest.mark.parametrize(
    ("view", "phone", "grid"),
    [
        (None, False, False),
        (None, True, True),  # a phone opens the grid
        ("table", True, False),  # unless the address says table
        ("grid", False, True),
        ("grid", True, True),
        ("table", False, False),
        ("cards", True, True),
        ("cards", False, False),
    ],
)
def test_the_view_is_the_address_s_else_the_device_s(view, phone, grid):
    params = {} if view is None else {"view": view}
    assert state.library_query(params, phone).grid is grid


@pytest.mark.parametrize(
    ("first", "last", "matching", "total", "said"),
    [
        (1, 50, 3598, 3598, "Showing 1–50 of 3,598 movies. Click one to open it."),
        (1, 1, 1, 3, "Showing 1–1 of 1 movie (of 3 in your library). Click one to open it."),
        (1001, 1050, 2000, 3598, "Showing 1,001–1,050 of 2,000 movies (of 3,598 in your library)."),
    ],
)
def test_the_library_says_which_films_it_shows_with_thousands_separated(
    first, last, matching, total, said
):
    assert movies_shown(first, last, matching, total).startswith(said)
