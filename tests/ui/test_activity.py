"""Activity: recent changes, newest first, as sentences with how long ago they happened."""

from datetime import datetime, timedelta, timezone

from freezegun import freeze_time

from movie_tracker.models import Movie
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
    assert at.markdown[0].value.count("\n") == 0
