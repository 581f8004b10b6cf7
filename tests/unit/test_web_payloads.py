"""How each media server's payload is read (movie_tracker.web.payloads): the edge cases
the route tests do not reach, and Plex's 0–10 as half stars."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from movie_tracker.web import payloads
from movie_tracker.web.bodies import Refused


@pytest.mark.parametrize(
    ("given", "stars"),
    [
        (None, None),
        (True, None),
        (0, None),
        (-1, None),
        (0.4, None),
        (0.5, 0.5),
        (1, 0.5),
        (2.5, 1.5),
        ("7", 3.5),
        (9.5, 5.0),
        (10, 5.0),
    ],
)
def test_plex_ratings_are_halved_and_rounded_half_up_to_half_stars(given, stars):
    assert payloads.plex_stars(given) == stars


@pytest.mark.parametrize("given", ["lots", "NaN", 10.5, "Infinity"])
def test_a_plex_rating_that_is_not_0_to_10_is_refused(given):
    with pytest.raises(Refused) as refused:
        payloads.plex_stars(given)
    assert refused.value.status == 400


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-03-03T21:40:00.1234567Z", datetime(2026, 3, 3, 21, 40, 0, 123456, timezone.utc)),
        ("2026-03-03T22:40:00+01:00", datetime(2026, 3, 3, 21, 40, tzinfo=timezone.utc)),
        ("2026-03-03T21:40:00", datetime(2026, 3, 3, 21, 40, tzinfo=timezone.utc)),
        ("last night", None),
        ("", None),
        (1772574000, None),
    ],
)
def test_iso_times_as_dotnet_writes_them(text, moment):
    assert payloads._iso_time(text) == moment


@pytest.mark.parametrize("value", [True, -5, 0, 10**20, "1772574000"])
def test_a_plex_time_that_is_not_unix_seconds_is_no_time(value):
    assert payloads._unix_time(value) is None


def test_a_plex_film_without_an_imdb_guid_has_no_imdb_id():
    metadata = {"type": "movie", "title": "Heat", "Guid": [{"id": "tmdb://949"}, "junk"]}

    reading = payloads.plex({"event": "media.scrobble", "Metadata": metadata})

    assert reading.play.imdb_id is None
    assert reading.play.user_name is None
    assert payloads._plex_imdb_id("imdb://tt0113277") is None


def test_jellyfin_years_and_ids_as_text_are_read():
    reading = payloads.jellyfin(
        {
            "NotificationType": "PlaybackStop",
            "PlayedToCompletion": True,
            "ItemType": "movie",
            "Name": " Heat ",
            "Year": " 1995 ",
            "Provider_imdb": "",
            "UserId": 42,
            "NotificationUsername": True,
        }
    )

    assert reading.action == payloads.PLAY
    play = reading.play
    assert (play.title, play.year, play.imdb_id, play.user_id, play.user_name) == (
        "Heat",
        1995,
        None,
        "42",
        None,
    )


def test_emby_reads_an_upper_case_imdb_key_and_no_user():
    reading = payloads.emby(
        {
            "Event": "playback.stop",
            "PlaybackInfo": {"PlayedToCompletion": True},
            "Item": {"Name": "Heat", "Type": "Movie", "ProviderIds": {"IMDB": "tt0113277"}},
        }
    )

    assert reading.play.imdb_id == "tt0113277"
    assert (reading.play.user_name, reading.play.played_at) == (None, None)


def test_an_item_type_a_server_has_not_named_before_is_not_a_film():
    reading = payloads.jellyfin(
        {
            "NotificationType": "PlaybackStop",
            "PlayedToCompletion": True,
            "ItemType": "Book",
            "Name": "Heat",
        }
    )

    assert reading == payloads.ignored("Not a film: it is a book.")
