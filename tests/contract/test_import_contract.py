"""What an import keeps exactly, on every repository (SQLite, PostgreSQL and the fake):
the rewatch mark a file gives an entry, and a backup restored as it was (backup_contract)."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import Movie, Owner, Status, Watch
from movie_tracker.service import ImportPreview, MovieService


def _letterboxd(*movies: PlannedMovie) -> ImportPlan:
    return clean_plan(ImportPlan("letterboxd", movies), date(2026, 11, 25))


def _rewatches(repository, movie_id: int) -> list[tuple[date | None, bool]]:
    """(date, rewatch) of the movie's watches, oldest first."""
    return [(w.watched_on, w.rewatch) for w in reversed(repository.find_watches(movie_id))]


# -- Letterboxd's Rewatch: Yes --------------------------------------------------------------


@freeze_time("2026-11-25 15:00:00")
def test_an_entry_marked_rewatch_stays_one_when_it_is_the_first_in_the_diary(repository):
    repository.apply_import(
        _letterboxd(
            PlannedMovie("Heat", 1995, watches=(PlannedWatch(date(2024, 1, 1), rewatch=True),)),
            PlannedMovie(
                "Alien",
                1979,
                watches=(
                    PlannedWatch(date(2024, 2, 1)),
                    PlannedWatch(date(2024, 3, 1), rewatch=True),
                    PlannedWatch(date(2024, 4, 1)),
                ),
            ),
        )
    )
    heat, alien = (repository.find_movies(text=title)[0] for title in ("heat", "alien"))

    # Seen before the diary began: Letterboxd says so, and so does the app.
    assert _rewatches(repository, heat.id) == [(date(2024, 1, 1), True)]
    assert [w.seen_before for w in repository.find_watches(heat.id)] == [True]
    # Otherwise the first is the first, every later one a rewatch, as for any watch.
    assert _rewatches(repository, alien.id) == [
        (date(2024, 2, 1), False),
        (date(2024, 3, 1), True),
        (date(2024, 4, 1), True),
    ]
    assert repository.year_counts(2024)[2] == 3  # rewatches in the year in review


def test_the_mark_outlives_a_change_of_the_diary_around_it(repository):
    repository.apply_import(
        _letterboxd(
            PlannedMovie(
                "Alien",
                1979,
                watches=(
                    PlannedWatch(date(2024, 2, 1)),
                    PlannedWatch(date(2024, 3, 1), rewatch=True),
                ),
            ),
            PlannedMovie("Ran", 1985, watches=(PlannedWatch(date(2024, 5, 1), rewatch=True),)),
        )
    )
    alien, ran = (repository.find_movies(text=title)[0] for title in ("alien", "ran"))
    first, marked = sorted(repository.find_watches(alien.id), key=lambda w: w.watched_on)

    repository.delete_watch(first.id)  # the marked entry is now the first: still a rewatch
    assert _rewatches(repository, alien.id) == [(date(2024, 3, 1), True)]
    earlier = repository.log_watch(Watch(ran.id, date(2023, 1, 1)))  # logged by hand: first
    assert earlier.rewatch is False
    assert _rewatches(repository, ran.id) == [(date(2023, 1, 1), False), (date(2024, 5, 1), True)]
    changed = repository.update_watch(marked.id, {"rating": 4.0})
    assert (changed.rewatch, changed.seen_before) == (True, True)


# -- a full backup restored --------------------------------------------------------------


ANNA = Owner.signed_in("https://id.example.org", "anna")
BERT = Owner.signed_in("https://id.example.org", "bert")


def _restore(service: MovieService, into: MovieService) -> ImportPreview:
    """Export `service`'s backup and import it into `into`; the preview it was imported by."""
    preview = into.preview_import("backup.json", service.export_backup())
    into.run_import(preview)
    return preview


def _activity(service: MovieService) -> list[tuple[object, ...]]:
    """The Activity as a person reads it, oldest first, without ids."""
    return [
        (e.name, e.ts, e.title, e.year, e.status, e.previous_status, e.rating, e.watched_on,
         e.source, e.counts)
        for e in reversed(service.recent_activity(limit=1000))
    ]  # fmt: skip


@freeze_time("2026-11-25 15:00:00", tick=True)
def test_a_backup_restores_statuses_markers_and_the_activity_into_an_empty_library(repository):
    anna = MovieService(repository.for_owner(ANNA))
    with freeze_time("2025-03-01 10:00:00"):
        heat = anna.repository.add_movie(Movie(title="Heat", year=1995))  # Want to Watch
        anna.log_watch(heat.id, "2025-02-01", 4.0, "Tense.", ["la"])
        anna.change_status(heat.id, Status.WANT_TO_WATCH)  # seen, and on the list to see again
        gone = anna.repository.add_movie(Movie(title="Gone", status=Status.WATCHED))
        anna.delete_movie(gone.id)
        alien = anna.repository.add_movie(Movie(title="Alien", status=Status.WATCHED))
        anna.repository.fill_in_details(alien.id, {})  # OMDb was asked: it did not know it
    bert = MovieService(repository.for_owner(BERT))

    preview = _restore(anna, bert)

    assert preview.restores
    restored = {m.title: m for m in bert.list_movies()}
    assert restored["Heat"].status is Status.WANT_TO_WATCH
    assert [
        (w.watched_on, w.rating, w.review, w.tags) for w in bert.watches(restored["Heat"].id)
    ] == [(date(2025, 2, 1), 4.0, "Tense.", ("la",))]
    assert (restored["Alien"].status, bert.watches(restored["Alien"].id)) == (Status.WATCHED, [])
    # OMDb was asked about Alien: it is not asked again
    assert [m.title for m in bert.repository.movies_missing_details(10)] == ["Heat"]
    history = _activity(bert)
    assert history[:-1] == _activity(anna)
    assert history[-1][0] == "import.completed"
    assert bert.library_version() == 1


def test_a_backup_into_a_library_that_has_movies_merges_as_an_import_does(repository):
    anna = MovieService(repository.for_owner(ANNA))
    heat = anna.repository.add_movie(Movie(title="Heat", year=1995))
    anna.log_watch(heat.id, "2025-02-01")
    anna.change_status(heat.id, Status.WANT_TO_WATCH)
    anna.repository.add_movie(Movie(title="Alien"))
    bert = MovieService(repository.for_owner(BERT))
    bert.repository.add_movie(Movie(title="Up"))

    preview = _restore(anna, bert)

    assert not preview.restores
    movies = {m.title: m.status for m in bert.list_movies()}
    # A film with a watch comes in Watched, as from any file; Bert's history is his own.
    assert movies == {
        "Up": Status.WANT_TO_WATCH,
        "Heat": Status.WATCHED,
        "Alien": Status.WANT_TO_WATCH,
    }
    assert [e.name for e in bert.recent_activity()] == ["import.completed", "movie.added"]


def test_a_restore_that_fails_midway_leaves_the_library_empty_and_without_history(repository):
    anna = MovieService(repository.for_owner(ANNA))
    for number in range(3):
        movie = anna.repository.add_movie(Movie(title=f"Film {number}"))
        anna.repository.fill_in_details(movie.id, {})
    bert = MovieService(repository.for_owner(BERT))
    preview = bert.preview_import("backup.json", anna.export_backup())

    def fail(done: int, total: int) -> None:
        raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        bert.run_import(preview, fail)

    assert (bert.count_movies(), bert.recent_activity(), bert.library_version()) == (0, [], 0)
    assert bert.repository.details_checked_days() == {}
