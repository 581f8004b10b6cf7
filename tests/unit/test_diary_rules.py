"""The diary's input rules: ratings in half stars, dates watched, reviews and tags."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from movie_tracker.models import (
    REVIEW_MAX_LENGTH,
    ValidationError,
    clean_rating,
    clean_review,
    clean_tags,
    clean_watch_date,
    stars,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (0.5, 0.5),
        (5, 5.0),
        ("3.5", 3.5),
        (" 4 ", 4.0),
        (Decimal("2.5"), 2.5),
        (None, None),
        ("", None),
    ],
)
def test_a_rating_is_stars_from_half_to_five_in_half_steps(typed, stored):
    assert clean_rating(typed) == stored


@pytest.mark.parametrize("typed", [0, 5.5, 2.3, "abc", -1, "nan", "inf", True, [3], 10])
def test_any_other_rating_is_refused_naming_the_rating(typed):
    with pytest.raises(ValidationError) as refused:
        clean_rating(typed)
    assert refused.value.field == "rating"
    assert "0.5 to 5 stars in half steps" in str(refused.value)


@pytest.mark.parametrize(
    ("rating", "shown"), [(3.5, "★★★½"), (5.0, "★★★★★"), (0.5, "½"), (1.0, "★"), (None, "")]
)
def test_a_rating_shows_as_stars(rating, shown):
    assert stars(rating) == shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (date(2026, 3, 3), date(2026, 3, 3)),
        ("2026-03-03", date(2026, 3, 3)),
        (datetime(2026, 3, 3, 21, 30), date(2026, 3, 3)),
        (TODAY, TODAY),
        (date(1870, 1, 1), date(1870, 1, 1)),
        (None, None),
        ("", None),
    ],
)
def test_a_date_watched_is_a_past_date_or_unknown(typed, stored):
    when = clean_watch_date(typed, TODAY)
    assert (when.watched_on if when else None) == stored


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        (date(2026, 11, 27), "cannot be in the future"),
        (date(1869, 12, 31), "from 1870-01-01 on"),
        ("3 March", "YYYY-MM-DD"),
        (20260303, "must be a date"),
    ],
)
def test_a_date_in_the_future_or_before_films_is_refused(typed, hint):
    with pytest.raises(ValidationError) as refused:
        clean_watch_date(typed, TODAY)
    assert refused.value.field == "watched_on"
    assert hint in str(refused.value)


def test_a_review_keeps_its_line_breaks_and_tabs():
    assert clean_review("First line\r\n\tsecond line\rthird  ") == (
        "First line\n\tsecond line\nthird"
    )
    assert clean_review(None) == ""


def test_a_review_of_exactly_the_limit_is_kept():
    assert len(clean_review("x" * REVIEW_MAX_LENGTH)) == REVIEW_MAX_LENGTH


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("x" * (REVIEW_MAX_LENGTH + 1), "10,000 characters or fewer"),
        ("bell\x07", "control characters"),
        ("nul\x00", "control characters"),
        (42, "must be text"),
    ],
)
def test_a_review_too_long_or_with_control_characters_is_refused(typed, hint):
    with pytest.raises(ValidationError) as refused:
        clean_review(typed)
    assert refused.value.field == "review"
    assert hint in str(refused.value)


def test_tags_come_from_a_list_or_from_text_with_commas():
    assert clean_tags("cinema,  with Sam , ,cinema") == ("cinema", "with Sam")
    assert clean_tags(["Festival", "festival", " 35mm "]) == ("Festival", "35mm")
    assert clean_tags(None) == ()
    assert clean_tags(["t"] * 25) == ("t",)


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ([f"tag{n}" for n in range(21)], "20 tags or fewer"),
        (["x" * 51], "50 characters"),
        (["ok", 7], "must be text"),
        (["bad\x00tag"], "control characters"),
        (7, "separated by commas"),
    ],
)
def test_too_many_tags_or_a_tag_too_long_is_refused(typed, hint):
    with pytest.raises(ValidationError) as refused:
        clean_tags(typed)
    assert refused.value.field == "tags"
    assert hint in str(refused.value)
