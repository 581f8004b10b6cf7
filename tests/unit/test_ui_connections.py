"""The Connections page's plain helpers (no Streamlit run): the address to paste, a
token's summary line, and Activity naming the connection that made a change."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from movie_tracker.models import LOCAL_OWNER, LibraryEvent, Token
from movie_tracker.ui.components.connections import address_of, base_address, token_summary
from movie_tracker.ui.text import describe_event

NOW = datetime(2026, 3, 3, 21, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("url", "headers", "base"),
    [
        ("https://movies.example.org/connections", {}, "https://movies.example.org"),
        ("http://127.0.0.1:8501/", {"Host": "ignored"}, "http://127.0.0.1:8501"),
        (None, {"Host": "nas.local:8501"}, "http://nas.local:8501"),
        (
            None,
            {
                "host": "10.0.0.2:8501",
                "X-Forwarded-Proto": "https, http",
                "X-Forwarded-Host": "m.org",
            },
            "https://m.org",
        ),
        ("not a url", {}, "http://localhost:8501"),
        (None, {}, "http://localhost:8501"),
    ],
)
def test_the_base_address_is_where_the_browser_reached_the_app(url, headers, base):
    assert base_address(url, headers) == base


def test_what_to_paste_is_a_webhook_address_or_the_apis_root():
    assert address_of("https://m.org", "plex", "abc") == "https://m.org/hooks/plex/abc"
    assert address_of("https://m.org", "api", "abc") == "https://m.org/api/v1"


def token(**changes) -> Token:
    fields = {"id": 1, "owner": LOCAL_OWNER, "name": "Den", "kind": "jellyfin"}
    return Token(**{**fields, "created_at": NOW - timedelta(days=3), **changes})


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ({}, "Made 28 Feb 2026 · never used · counts every user"),
        (
            {"last_used_at": NOW - timedelta(minutes=5), "server_users": ("anna", "ben")},
            "Made 28 Feb 2026 · last used 5 minutes ago · counts anna, ben",
        ),
        ({"kind": "api", "created_at": None}, "Made · never used"),
    ],
)
def test_a_tokens_summary_says_when_it_was_made_and_last_used(changes, summary):
    assert token_summary(token(**changes), NOW) == summary


def event(name: str, source: str | None, **fields) -> LibraryEvent:
    return LibraryEvent(id=1, name=name, ts=NOW, title="Heat", year=1995, source=source, **fields)


@pytest.mark.parametrize(
    ("given", "line"),
    [
        (
            event("watch.logged", "jellyfin", watched_on=date(2026, 3, 3)),
            "Jellyfin: watched Heat (1995) on 3 Mar 2026, just now",
        ),
        (event("movie.rated", "plex", rating=4.0), "Plex: rated Heat (1995) ★★★★, just now"),
        (event("movie.added", "emby"), "Emby: added Heat (1995), just now"),
        (
            event("watch.logged", "api", watched_on=date(2026, 3, 3)),
            "API: watched Heat (1995) on 3 Mar 2026, just now",
        ),
        (
            event("watch.logged", "hand", watched_on=date(2026, 3, 3)),
            "Watched Heat (1995) on 3 Mar 2026, just now",
        ),
    ],
)
def test_activity_names_the_connection_that_made_a_change(given, line):
    assert describe_event(given, NOW) == line
