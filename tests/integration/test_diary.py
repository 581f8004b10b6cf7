"""The diary through the service on a real database: what the pages will call."""

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.models import ValidationError
from movie_tracker.service import UnknownMovieError, UnknownWatchError


@freeze_time("2026-11-25 12:00:00")
def test_a_diary_round_trip(service, repository):
    heat = service.add_movie("Heat").movie
    watch = service.log_watch(heat.id, "2026-11-01", 4.5, "Tense.\n\tGreat.", "crime, rewatch")
    again = service.log_watch(heat.id, date(2026, 11, 20))
    service.rate_movie(heat.id, 5)

    assert service.watches(heat.id) == [again, watch]
    assert (again.rewatch, watch.rewatch) == (True, False)
    assert [w.movie.rating for w in service.diary(2026)] == [5.0, 5.0]
    assert service.update_watch(watch.id, review="Tense.").review == "Tense."
    assert service.delete_watch(again.id) == again
    assert service.get_movie(heat.id).last_watched == date(2026, 11, 1)
    names = [event.name for event in service.recent_activity()]
    assert names == [
        "watch.deleted",
        "watch.updated",
        "movie.rated",
        "watch.logged",
        "watch.logged",
        "movie.status_changed",
        "movie.added",
    ]


@freeze_time("2026-11-25 12:00:00")
def test_refused_input_leaves_the_database_as_it_was(service):
    heat = service.add_movie("Heat").movie
    watch = service.log_watch(heat.id, "2026-11-01")
    version = service.library_version()

    with pytest.raises(ValidationError):
        service.log_watch(heat.id, "2026-12-01")
    with pytest.raises(ValidationError):
        service.update_watch(watch.id, rating=6)
    with pytest.raises(ValidationError):
        service.edit_movie(heat.id, title="")
    with pytest.raises(UnknownMovieError):
        service.log_watch(404)
    with pytest.raises(UnknownWatchError):
        service.delete_watch(404)

    assert service.library_version() == version
    assert service.watches(heat.id) == [watch]
