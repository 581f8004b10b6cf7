"""The diary's stars rate the film, as on Letterboxd, through the service over the
in-memory library: the film's rating is the latest one the person gave, logging a watch,
editing one, rating the film itself, or importing a file."""

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie
from movie_tracker.service import MovieService
from tests.importer_files import LetterboxdExport, lb_uri

TODAY = "2026-11-25 12:00:00"
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


@pytest.fixture
def heat(library) -> Movie:
    return library.add_movie(Movie(title="Heat", year=1995))


def test_a_watch_logged_with_stars_rates_the_film(service, heat):
    service.log_watch(heat.id, date(2026, 11, 20), rating=4.5)

    assert service.get_movie(heat.id).rating == 4.5
    assert service.list_movies(rated=True) == [service.get_movie(heat.id)]
    assert dict(service.diary_statistics().rating_distribution)[4.5] == 1
    assert [e.name for e in service.recent_activity()] == [
        "watch.logged",
        "movie.status_changed",
        "movie.added",
    ]


def test_the_film_keeps_the_latest_stars_given_and_a_starless_watch_keeps_them(service, heat):
    first = service.log_watch(heat.id, "2026-11-01", "3")
    service.log_watch(heat.id, "2026-11-20")
    assert service.get_movie(heat.id).rating == 3.0
    service.update_watch(first.id, rating="4.5")
    assert service.get_movie(heat.id).rating == 4.5
    service.rate_movie(heat.id, 2)
    service.update_watch(first.id, rating=None)
    assert service.get_movie(heat.id).rating == 2.0
    assert service.get_watch(first.id).rating is None


def test_saving_a_watch_unchanged_writes_nothing(service, library, heat):
    watch = service.log_watch(heat.id, "2026-11-20", 3, "Good", "a, b")
    before = (service.library_version(), len(library.events))

    again = service.update_watch(
        watch.id, watched_on="2026-11-20", rating="3", review=" Good ", tags=["a", "b"]
    )

    assert again == watch
    assert (service.library_version(), len(library.events)) == before


# -- imports ---------------------------------------------------------------------------


def diary_row(day: str, slug: str, stars: str, title: str = "Heat", year: int = 1995):
    return [day, title, year, lb_uri(slug), stars, "", "", day]


def imported(service: MovieService, export: LetterboxdExport) -> None:
    service.run_import(service.preview_import("letterboxd.zip", export.zip()))


def test_films_in_the_library_take_the_latest_rated_diary_entry_of_an_import(service, heat):
    alien = service.add_movie("Alien").movie
    service.rate_movie(alien.id, 5)
    export = LetterboxdExport(
        diary=[
            diary_row("2024-02-01", "d2", "4"),
            diary_row("2024-01-01", "d1", "3"),
            diary_row("2024-03-01", "d3", ""),  # the latest entry has no stars
            diary_row("2024-01-05", "d4", "2", "Alien", ""),
        ]
    )

    imported(service, export)

    assert service.get_movie(heat.id).rating == 4.0
    assert service.get_movie(alien.id).rating == 2.0  # the file's, given after the 5


def test_a_films_rating_in_ratings_csv_is_its_rating(service, heat):
    export = LetterboxdExport(
        diary=[diary_row("2024-02-01", "d2", "4")],
        ratings=[["2024-06-01", "Heat", 1995, lb_uri("heat"), "3.5"]],
    )

    imported(service, export)

    assert service.get_movie(heat.id).rating == 3.5
    assert [w.rating for w in service.watches(heat.id)] == [4.0]
