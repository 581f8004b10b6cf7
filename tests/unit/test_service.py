import pytest
from freezegun import freeze_time

from movie_tracker.models import Movie, Owner, Status, ValidationError
from movie_tracker.service import (
    ENABLE_LOOKUPS_HINT,
    LookupsDisabledError,
    MovieService,
    UnknownMovieError,
)
from movie_tracker.store import DuplicateMovieError
from tests.factories import MovieFactory


@pytest.fixture
def service(library) -> MovieService:
    return MovieService(library)


def test_add_movie_by_hand_stores_the_trimmed_title_and_status(service, library):
    result = service.add_movie("  Heat ", "Watched")
    assert result.details is None
    assert result.movie.title == "Heat"
    assert result.movie.status is Status.WATCHED
    assert library.get_movie(result.movie.id) == result.movie


@pytest.mark.parametrize(
    ("title", "status", "field"),
    [("", "Watched", "title"), ("Heat", "Seen", "status"), ("x" * 301, "Watched", "title")],
)
def test_bad_input_is_refused_and_the_library_is_unchanged(service, library, title, status, field):
    service.add_movie("Alien", "Watched")
    before = dict(library.movies)
    with pytest.raises(ValidationError) as caught:
        service.add_movie(title, status)
    assert caught.value.field == field
    assert library.movies == before


def test_lookup_without_a_key_says_how_to_enable_it_and_stores_nothing(service, library):
    assert not service.lookups_enabled
    with pytest.raises(LookupsDisabledError) as caught:
        service.add_movie("Heat", "Watched", lookup="tt0113277")
    assert str(caught.value) == ENABLE_LOOKUPS_HINT
    assert "OMDB_API_KEY" in ENABLE_LOOKUPS_HINT
    assert library.movies == {}
    with pytest.raises(LookupsDisabledError):
        service.search_omdb("heat")
    with pytest.raises(LookupsDisabledError):
        service.add_from_omdb("tt0113277", "Watched")


def test_duplicate_imdb_id_names_the_movie_already_there(service, library):
    library.add_movie(MovieFactory.build(title="Heat", year=1995, imdb_id="tt0113277"))
    with pytest.raises(DuplicateMovieError, match=r"Heat \(1995\) is already in your library"):
        library.add_movie(MovieFactory.build(title="Heat again", imdb_id="tt0113277"))
    assert len(library.movies) == 1


def test_change_status_returns_the_movie_and_whether_it_changed(service):
    movie = service.add_movie("Heat", "Want to Watch").movie
    change = service.change_status(movie.id, "Watched")
    assert (change.movie.status, change.changed) == (Status.WATCHED, True)
    assert service.get_movie(movie.id).status is Status.WATCHED
    again = service.change_status(movie.id, Status.WATCHED)
    assert again.changed is False


def test_change_status_of_an_unknown_movie_is_a_clear_error(service):
    with pytest.raises(UnknownMovieError, match="No movie with id 99 is in your library"):
        service.change_status(99, "Watched")


def test_change_status_to_a_bad_value_leaves_the_movie_alone(service):
    movie = service.add_movie("Heat").movie
    with pytest.raises(ValidationError):
        service.change_status(movie.id, "Finished")
    assert service.get_movie(movie.id).status is Status.WANT_TO_WATCH


def test_delete_returns_the_deleted_movie_and_unknown_ids_are_errors(service):
    movie = service.add_movie("Heat").movie
    assert service.delete_movie(movie.id) == movie
    assert service.count_movies() == 0
    with pytest.raises(UnknownMovieError):
        service.delete_movie(movie.id)


def test_delete_of_a_movie_gone_meanwhile_is_a_clear_error(service, library, monkeypatch):
    movie = service.add_movie("Heat").movie
    monkeypatch.setattr(library, "delete_movie", lambda _id: False)
    with pytest.raises(UnknownMovieError):
        service.delete_movie(movie.id)


@pytest.fixture
def stocked(service, library) -> MovieService:
    for title, status, director, genre in [
        ("Heat", "Watched", "Michael Mann", "Crime, Drama"),
        ("Collateral", "Want to Watch", "Michael Mann", "Crime, Thriller"),
        ("Alien", "Watched", "Ridley Scott", "Horror, Sci-Fi"),
    ]:
        library.add_movie(Movie(title=title, status=status, director=director, genre=genre))
    return service


@pytest.mark.parametrize(
    ("status", "text", "titles"),
    [
        (None, "", ["Alien", "Collateral", "Heat"]),
        ("All", "", ["Alien", "Collateral", "Heat"]),
        ("Watched", "", ["Alien", "Heat"]),
        (Status.WANT_TO_WATCH, "", ["Collateral"]),
        (None, "mann", ["Collateral", "Heat"]),
        ("Watched", "mann", ["Heat"]),
        (None, "sci-fi", ["Alien"]),
        (None, "nothing", []),
    ],
)
def test_list_filters_by_status_and_text(stocked, status, text, titles):
    assert [m.title for m in stocked.list_movies(status, text)] == titles
    assert stocked.count_movies(status, text) == len(titles)


def test_list_pages_newest_first(stocked):
    assert [m.title for m in stocked.list_movies(limit=2)] == ["Alien", "Collateral"]
    assert [m.title for m in stocked.list_movies(limit=2, offset=2)] == ["Heat"]


def test_statistics_of_an_empty_library(service):
    stats = service.statistics()
    assert stats.is_empty
    assert stats.by_genre == stats.by_decade == stats.watched_by_month == ()


@freeze_time("2026-11-25 12:00:00")
def test_statistics_count_statuses_genres_decades_and_months(service, library):
    heat = library.add_movie(Movie(title="Heat", year=1995, genre="Crime, Drama", status="Watched"))
    library.add_movie(Movie(title="Alien", year=1979, genre="Horror", status="Want to Watch"))
    assert service.statistics().watched_by_month == ()  # marked Watched, but no watch logged
    service.log_watch(heat.id, "2026-03-03")
    stats = service.statistics()
    assert (stats.counts.total, stats.counts.watched, stats.counts.want_to_watch) == (2, 1, 1)
    assert stats.by_genre == (("Crime", 1), ("Drama", 1), ("Horror", 1))
    assert stats.by_decade == (("1970s", 1), ("1990s", 1))
    assert stats.watched_by_month == (("2026-03", 1),)


def test_recent_activity_is_newest_first(service):
    movie = service.add_movie("Heat").movie
    service.change_status(movie.id, "Watched")
    names = [event.name for event in service.recent_activity()]
    assert names == ["movie.status_changed", "movie.added"]
    assert service.recent_activity(limit=1)[0].previous_status is Status.WANT_TO_WATCH


@pytest.mark.parametrize("query", ["", "   ", "x" * 201])
def test_search_query_must_be_a_reasonable_title(service, query):
    with pytest.raises(ValidationError) as caught:
        service.search_omdb(query)
    assert caught.value.field == "query"


def test_library_version_changes_on_writes_not_on_reads(service):
    before = service.library_version()
    movie = service.add_movie("Heat").movie
    after_add = service.library_version()
    service.list_movies()
    service.statistics()
    assert service.library_version() == after_add != before
    service.delete_movie(movie.id)
    assert service.library_version() != after_add


def test_a_service_for_an_owner_shows_and_changes_only_their_library(service, library):
    local = service.add_movie("Heat").movie
    anna = service.for_owner(Owner.signed_in("https://accounts.example.org", "anna"))
    ben = service.for_owner(Owner.signed_in("https://accounts.example.org", "ben"))

    assert anna.claim_local_library() is True
    assert [m.title for m in anna.list_movies()] == ["Heat"]
    assert service.list_movies() == []
    assert ben.claim_local_library() is False
    with pytest.raises(UnknownMovieError):
        ben.delete_movie(local.id)
    assert ben.add_movie("Alien").movie.title == "Alien"
    assert [m.title for m in anna.list_movies()] == ["Heat"]
    assert anna.omdb is service.omdb
    assert anna.lookups_enabled == service.lookups_enabled


def test_saving_a_movie_unchanged_writes_nothing(service):
    heat = service.add_movie("Heat", "Watched").movie
    heat = service.edit_movie(heat.id, year="1995", director="Michael Mann", genre="Crime")
    service.rate_movie(heat.id, 4.5)
    version, activity = service.library_version(), service.recent_activity()

    same = service.edit_movie(
        heat.id, title=" Heat ", year="1995", director="Michael Mann", genre="Crime"
    )
    service.rate_movie(heat.id, "4.5")
    assert service.change_status(heat.id, "Watched").changed is False

    assert same == service.get_movie(heat.id)
    assert service.library_version() == version
    assert service.recent_activity() == activity
