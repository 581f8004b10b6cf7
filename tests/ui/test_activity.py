"""Activity: recent changes, newest first, as sentences with how long ago they happened."""

from datetime import date, datetime, timedelta, timezone

from freezegun import freeze_time

from movie_tracker import events
from movie_tracker.models import LibraryEvent, Movie
from tests.ui.conftest import texts

PAGE = "activity"
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def test_no_activity_yet_points_to_add_movie(open_page, offline_service):
    at = open_page(offline_service, PAGE)
    assert "Nothing has happened in your library yet" in at.info[0].value
    assert texts(at.get("page_link")) == ["Add movie"]
    assert not at.markdown


def test_changes_read_as_sentences_newest_first(open_page, offline_service):
    service = offline_service
    with freeze_time(NOW - timedelta(days=3)):
        heat = service.add_movie("Heat").movie
    with freeze_time(NOW - timedelta(hours=2)):
        service.change_status(heat.id, "Watched")
        alien = service.add_movie("Alien*", "Watched").movie
    with freeze_time(NOW - timedelta(minutes=3)):
        service.delete_movie(alien.id)
    with freeze_time(NOW, tick=True):
        at = open_page(service, PAGE)
    assert texts(at.main.caption) == ["The last 4 changes to your library, newest first."]
    assert at.markdown[0].value.split("\n") == [
        "- Deleted Alien\\*, 3 minutes ago",
        "- Added Alien\\* as Watched, 2 hours ago",
        "- Marked Heat as Watched, 2 hours ago",
        "- Added Heat as Want to Watch, 3 days ago",
    ]


def test_movies_with_a_year_are_named_with_it(open_page, offline_service, library):
    library.add_movie(Movie("Heat", year=1995))
    at = open_page(offline_service, PAGE)
    assert texts(at.markdown) == ["- Added Heat (1995) as Want to Watch, just now"]
    assert texts(at.main.caption) == ["The last change to your library."]
    assert at.markdown[0].value.count("\n") == 0


def test_diary_and_rating_events_read_as_sentences(open_page, offline_service, monkeypatch):
    """The data layer that writes these events lands separately: hand the page the events."""

    def event(id_, name, minutes_ago, **fields):
        ts = NOW - timedelta(minutes=minutes_ago)
        return LibraryEvent(id_, name, ts, movie_id=1, title="Heat", year=1995, **fields)

    history = [
        event(5, events.WATCH_DELETED, 1),
        event(4, events.WATCH_UPDATED, 2, watched_on=date(2026, 3, 3), rating=4.0),
        event(3, events.MOVIE_RATED, 3, rating=4.0),
        event(2, events.WATCH_LOGGED, 4, watched_on=date(2026, 3, 3), rating=3.5),
        event(1, events.MOVIE_EDITED, 5),
    ]
    monkeypatch.setattr(offline_service.repository, "recent_events", lambda limit: history)
    with freeze_time(NOW, tick=True):
        at = open_page(offline_service, PAGE)
    assert at.markdown[0].value.split("\n") == [
        "- Removed a diary entry for Heat (1995), 1 minute ago",
        "- Edited the diary entry for Heat (1995), 2 minutes ago",
        "- Rated Heat (1995) ★★★★, 3 minutes ago",
        "- Watched Heat (1995) on 3 Mar 2026, rated ★★★½, 4 minutes ago",
        "- Edited the details of Heat (1995), 5 minutes ago",
    ]
