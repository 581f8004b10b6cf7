"""Statistics: the seed's Data Analyzer as metrics and three charts."""

from datetime import datetime, timezone

from freezegun import freeze_time

from movie_tracker.models import Movie, Status
from tests.ui.conftest import charts, texts

PAGE = "statistics"
GENRE, DECADE, MONTH = "Movies by genre", "Movies by decade", "Watched movies per month"


def metrics(at):
    return {metric.label: metric.value for metric in at.metric}


def test_an_empty_library_gets_a_message_not_empty_charts(open_page, offline_service):
    at = open_page(offline_service, PAGE)
    assert "No statistics yet: your library is empty." in at.info[0].value
    assert texts(at.get("page_link")) == ["Add movie"]
    assert not at.metric
    assert charts(at) == {}


def test_metrics_and_charts_count_the_library(open_page, offline_service, library):
    with freeze_time(datetime(2026, 9, 3, tzinfo=timezone.utc)):
        library.add_movie(Movie("Alien", Status.WATCHED, 1979, genre="Horror, Sci-Fi"))
    with freeze_time(datetime(2026, 11, 20, tzinfo=timezone.utc)):
        library.add_movie(Movie("Heat", Status.WATCHED, 1995, genre="Action, Crime, Drama"))
        library.add_movie(Movie("Se7en", Status.WANT_TO_WATCH, 1995, genre="Crime, Drama"))
        library.add_movie(Movie("Untitled"))
    at = open_page(offline_service, PAGE)

    assert metrics(at) == {"Total": "4", "Watched": "2", "Want to Watch": "2"}
    found = charts(at)
    assert set(found) == {GENRE, DECADE, MONTH}
    spec, genres = found[GENRE]
    assert list(genres.itertuples(index=False, name=None)) == [
        ("Crime", 2),
        ("Drama", 2),
        ("Action", 1),
        ("Horror", 1),
        ("Sci-Fi", 1),
        ("Unknown", 1),
    ]
    assert spec["encoding"]["y"]["sort"] == [
        "Crime",
        "Drama",
        "Action",
        "Horror",
        "Sci-Fi",
        "Unknown",
    ]
    _, decades = found[DECADE]
    assert list(decades.itertuples(index=False, name=None)) == [
        ("1970s", 1),
        ("1990s", 2),
        ("Unknown", 1),
    ]
    _, months = found[MONTH]
    assert list(months.itertuples(index=False, name=None)) == [
        ("2026-09", 1),
        ("2026-10", 0),
        ("2026-11", 1),
    ]


def test_without_watched_movies_the_month_chart_says_how_to_get_one(
    open_page, offline_service, library
):
    library.add_movie(Movie("Heat", year=1995, genre="Crime"))
    at = open_page(offline_service, PAGE)
    assert metrics(at) == {"Total": "1", "Watched": "0", "Want to Watch": "1"}
    assert set(charts(at)) == {GENRE, DECADE}
    assert "No watched movies yet. Mark a movie as Watched in the Library" in at.info[0].value


def test_statistics_follow_changes_to_the_library(open_page, offline_service, library):
    library.add_movie(Movie("Heat", year=1995))
    service = offline_service
    at = open_page(service, PAGE)
    assert metrics(at)["Watched"] == "0"
    movie = service.list_movies()[0]
    service.change_status(movie.id, "Watched")
    at = at.run()
    assert metrics(at) == {"Total": "1", "Watched": "1", "Want to Watch": "0"}
    assert MONTH in charts(at)
