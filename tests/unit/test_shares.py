"""Share links' plain data: a link's secret read from whatever was pasted, the name to
show and what may be shared, a Share's link and words, and the Activity's lines."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from movie_tracker.models import (
    DIARY,
    LIST,
    LOCAL_OWNER,
    WATCHLIST,
    LibraryEvent,
    Share,
    ValidationError,
    clean_display_name,
    clean_share_kind,
    new_secret,
    share_secret_in,
)
from movie_tracker.ui import share_text, text

SECRET = new_secret()
NOW = datetime(2026, 12, 4, 20, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "pasted",
    [
        SECRET,
        f"  {SECRET}\n",
        f"/share/{SECRET}",
        f"https://films.example/share/{SECRET}",
        f"https://films.example/share/{SECRET}.json",
        f"https://films.example/share/{SECRET}/?utm=x#top",
        f"films.example/share/{SECRET}?x=1",
    ],
)
def test_a_links_secret_is_read_from_a_link_a_path_or_itself(pasted):
    assert share_secret_in(pasted) == SECRET


@pytest.mark.parametrize(
    "pasted",
    [
        None,
        42,
        "",
        "short",
        "https://films.example/",
        "/share/",
        "a b c d e f g h i j k l",
        "x" * 201,
        "http://[::1/share/abc",
    ],
)
def test_what_holds_no_secret_is_none(pasted):
    assert share_secret_in(pasted) is None


def test_a_secret_is_at_least_128_random_bits():
    assert len(SECRET) >= 22  # 6 bits a character: 43 characters are 256 bits
    assert len({new_secret() for _ in range(100)}) == 100


@pytest.mark.parametrize(
    ("typed", "kept"), [(None, ""), ("", ""), ("  Anna   B ", "Anna B"), ("Ⓐnna", "Ⓐnna")]
)
def test_the_name_to_show_is_kept_tidy(typed, kept):
    assert clean_display_name(typed) == kept


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("x" * 61, "Shorten the name to show to 60 characters or fewer (it has 61)"),
        ("Anna\x00", "Remove the control characters"),
        (7, "must be text"),
    ],
)
def test_a_name_to_show_that_will_not_do_says_what_to_change(typed, says):
    with pytest.raises(ValidationError, match=says.replace("(", r"\(").replace(")", r"\)")):
        clean_display_name(typed)


def test_what_can_be_shared():
    assert [clean_share_kind(k) for k in ("watchlist", "List", "diary")] == [WATCHLIST, LIST, DIARY]
    with pytest.raises(ValidationError, match="Share your watchlist, a list or your diary"):
        clean_share_kind("library")


def test_a_share_has_its_link_only_while_it_has_its_secret():
    made = Share(1, LOCAL_OWNER, WATCHLIST, secret="abc", base_url="https://films.example/")
    kept = Share(1, LOCAL_OWNER, LIST, list_name="Noir")

    assert made.url == "https://films.example/share/abc"
    assert "abc" not in repr(made)
    assert (kept.path, kept.url) == (None, None)
    assert (made.label, kept.label) == ("Your watchlist", "The list “Noir”")
    assert Share(2, LOCAL_OWNER, DIARY).label == "Your diary"
    assert (made.shown_as, Share(3, LOCAL_OWNER, DIARY, display_name="Anna").shown_as) == (
        "A Movie Tracker user",
        "Anna",
    )


def test_a_links_words():
    noir = Share(1, LOCAL_OWNER, LIST, list_name="Noir", show_ratings=True)
    diary = Share(2, LOCAL_OWNER, DIARY, display_name="Anna", show_notes=True)

    assert share_text.what_is_shared(noir) == "the list “Noir”"
    assert share_text.what_is_shared(diary) == "your diary"
    assert share_text.what_is_shared(Share(3, LOCAL_OWNER, WATCHLIST)) == "your watchlist"
    assert share_text.share_summary(noir, "4 Dec 2026") == (
        "Made 4 Dec 2026 · shown as A Movie Tracker user · ratings shown · notes hidden"
    )
    assert share_text.share_summary(diary, "4 Dec 2026").endswith("ratings hidden · notes shown")
    assert share_text.revoked(noir) == (
        "Revoked the link to the list “Noir”: it says “This link no longer works”."
    )


@pytest.mark.parametrize(
    ("name", "fields", "line"),
    [
        (
            "share.created",
            {"shared": LIST, "list_name": "Noir"},
            "Made a share link to the list “Noir”",
        ),
        ("share.created", {"shared": WATCHLIST}, "Made a share link to your watchlist"),
        ("share.revoked", {"shared": DIARY}, "Revoked a share link to your diary"),
        ("share.revoked", {"shared": LIST}, "Revoked a share link to the list “a list”"),
    ],
)
def test_the_activity_says_what_was_shared(name, fields, line):
    event = LibraryEvent(id=1, name=name, ts=NOW, **fields)

    assert text.describe_event(event, NOW) == f"{line}, just now"
