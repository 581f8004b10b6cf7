"""What an import keeps exactly, on every repository (SQLite, PostgreSQL and the fake):
the rewatch mark a file gives an entry, and a backup restored as it was (backup_contract)."""

from __future__ import annotations

from datetime import date

from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import Watch


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
