"""Export -> restore -> export gives the same backup, over many libraries.

A seeded generator builds a varied library through the repository (movies of every
status, with and without details, ratings, watches dated to a day, a month or a year
and undated, changed and
deleted, Letterboxd imports with their rewatch marks, movies OMDb was asked about, deleted
movies, many changes in the same second), exports its backup, restores it into an empty
library of another owner on the same repository, and exports that. The second backup is the
first, movie for movie, watch for watch, marker for marker, with one more event at the end
of the history: the restore's own `import.completed`. It runs on every repository
(SQLite, PostgreSQL and the fake).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

import pytest
from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedMovie, PlannedWatch
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import (
    DatePrecision,
    Movie,
    Owner,
    Status,
    Watch,
    WatchDate,
    clean_review,
    clean_tags,
)
from movie_tracker.service import MovieService

SEEDS = range(16)
TITLES = ("Heat", "Alien", "Amélie", "Ran", "8½", "M*A*S*H", "Up", "Nausicaä", "Le Samouraï")
REVIEWS = ("", "", "Tense.", 'Line one, "quoted",\nline two — Pietà', "<b>bold</b> &nbsp; =1+2")
TAGS = ("", "crime", "la, night", "jidaigeki, in-black-and-white")


class _Library:
    """One owner's library being built at random, and what it holds so far."""

    def __init__(self, repository: Any, rng: random.Random, clock: Any) -> None:
        self.repository, self.rng, self.clock = repository, rng, clock
        self.movies: list[int] = []
        self.watches: list[int] = []
        self.lists: list[int] = []
        self.imdb_ids = 0

    def step(self) -> None:
        rng = self.rng
        if rng.random() < 0.6:
            self.clock.tick(timedelta(seconds=rng.choice((1, 59, 3600, 86400 * 40))))
        choices = [self.add, self.add, self.import_letterboxd]
        if self.movies:
            choices += [self.log, self.log, self.rate, self.status, self.check, self.delete_movie]
        if self.watches:
            choices += [self.change_watch, self.delete_watch]
        choices.append(self.make_list)
        if self.lists and self.movies:
            choices += [self.list_film, self.list_film, self.order_list, self.order_watchlist]
        rng.choice(choices)()

    def make_list(self) -> None:
        name = f"{self.rng.choice(TITLES)} nights {len(self.lists)}"
        self.lists.append(self.repository.create_list(name, self.rng.choice(REVIEWS)).id)

    def list_film(self) -> None:
        list_id, movie_id = self.rng.choice(self.lists), self.rng.choice(self.movies)
        if self.rng.random() < 0.2:
            self.repository.remove_from_list(list_id, movie_id)
        elif movie_id not in [e.movie.id for e in self.repository.list_entries(list_id)]:
            self.repository.add_to_list(list_id, movie_id, clean_review(self.rng.choice(REVIEWS)))
        else:
            self.repository.set_list_note(list_id, movie_id, "Changed my mind")

    def order_list(self) -> None:
        list_id = self.rng.choice(self.lists)
        entries = self.repository.list_entries(list_id)
        if entries:
            moved = self.rng.choice(entries).movie.id
            self.repository.move_in_list(list_id, moved, self.rng.randint(1, len(entries)))

    def order_watchlist(self) -> None:
        wanted = self.repository.watchlist()
        if wanted:
            moved = self.rng.choice(wanted).id
            self.repository.move_in_watchlist(moved, self.rng.randint(1, len(wanted)))

    def add(self) -> None:
        rng = self.rng
        fields: dict[str, Any] = {"title": rng.choice(TITLES), "status": rng.choice(list(Status))}
        if rng.random() < 0.7:
            fields["year"] = rng.randint(1950, 2019)
        if rng.random() < 0.5:
            self.imdb_ids += 1
            fields |= {
                "imdb_id": f"tt{1000000 + self.imdb_ids}",
                "director": "Michael Mann, Ridley Scott",
                "genre": "Crime, Drama",
                "poster_url": "https://img.example.org/p.jpg",
                "plot": "A plot.",
                "runtime_minutes": rng.randint(60, 200),
                "imdb_rating": 7.5,
            }
        movie = self.repository.add_movie(Movie(**fields))
        self.movies.append(movie.id)

    def log(self) -> None:
        watch = self.repository.log_watch(
            Watch(self.rng.choice(self.movies), **self._dated(), **self._watch_fields())
        )
        self.watches.append(watch.id)

    def change_watch(self) -> None:
        fields: dict[str, Any] = self._watch_fields()
        keep = self.rng.sample([*sorted(fields), "date"], self.rng.randint(1, len(fields) + 1))
        changes = {k: v for k, v in fields.items() if k in keep}
        if "date" in keep:
            changes |= self._dated()  # a date and its precision, as the service sends them
        self.repository.update_watch(self.rng.choice(self.watches), changes)

    def delete_watch(self) -> None:
        watch_id = self.rng.choice(self.watches)
        self.watches.remove(watch_id)
        self.repository.delete_watch(watch_id)

    def rate(self) -> None:
        rating = self.rng.choice((None, 0.5, 3.0, 4.5, 5.0))
        self.repository.rate_movie(self.rng.choice(self.movies), rating)

    def status(self) -> None:
        self.repository.update_movie_status(
            self.rng.choice(self.movies), self.rng.choice(list(Status))
        )

    def check(self) -> None:
        filled = self.rng.choice(({}, {"plot": "Filled in.", "language": "English"}))
        self.repository.fill_in_details(self.rng.choice(self.movies), filled)

    def delete_movie(self) -> None:
        movie_id = self.rng.choice(self.movies)
        self.movies.remove(movie_id)
        self.watches = [w.id for w in self.repository.diary()]
        self.repository.delete_movie(movie_id)
        self.watches = [w.id for w in self.repository.diary()]

    def import_letterboxd(self) -> None:
        rng = self.rng
        watches = tuple(
            PlannedWatch(self._day(), rewatch=rng.random() < 0.5, **self._watch_fields())
            for _ in range(rng.randint(0, 3))
        )
        status = Status.WATCHED if watches or rng.random() < 0.5 else Status.WANT_TO_WATCH
        film = PlannedMovie(
            rng.choice(TITLES), rng.randint(1950, 2019), status=status, watches=watches
        )
        self.repository.apply_import(clean_plan(ImportPlan("letterboxd", (film,)), date.today()))
        self.movies = [m.id for m in self.repository.find_movies()]
        self.watches = [w.id for w in self.repository.diary()]

    def _day(self) -> date | None:
        if self.rng.random() < 0.2:
            return None
        return date(2000, 1, 1) + timedelta(days=self.rng.randint(0, 7000))

    def _dated(self) -> dict[str, Any]:
        """A day, or one placed at the end of its month or year, or none."""
        day = self._day()
        when = WatchDate.of(day, self.rng.choice(list(DatePrecision)))
        if when is None:
            return {"watched_on": None, "precision": DatePrecision.DAY}
        return {"watched_on": when.watched_on, "precision": when.precision}

    def _watch_fields(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "rating": rng.choice((None, None, 0.5, 2.5, 4.0, 5.0)),
            "review": clean_review(rng.choice(REVIEWS)),
            "tags": clean_tags(rng.choice(TAGS)),
        }


@pytest.mark.parametrize("seed", SEEDS)
def test_export_restore_export_gives_the_same_backup_and_one_more_event(repository, seed):
    rng = random.Random(seed)
    source = MovieService(repository.for_owner(Owner.signed_in("https://id.example.org", "a")))
    target = MovieService(repository.for_owner(Owner.signed_in("https://id.example.org", "b")))
    with freeze_time("2020-01-01 08:00:00") as clock:
        library = _Library(source.repository, rng, clock)
        for _ in range(rng.randint(3, 40)):
            library.step()
        clock.move_to("2026-11-25 12:00:00")
        first = source.export_backup()

        preview = target.preview_import("backup.json", first)
        target.run_import(preview)
        second = json.loads(target.export_backup())

    first = json.loads(first)
    assert preview.restores
    assert preview.skipped == ()
    assert second["movies"] == first["movies"]
    assert second["events"][:-1] == first["events"]
    assert second["events"][-1]["name"] == "import.completed"
    assert {k: v for k, v in second.items() if k not in ("movies", "events")} == {
        k: v for k, v in first.items() if k not in ("movies", "events")
    }
    # what the pages read agrees too: the same dates in the same order (watches of one
    # date may take turns: the restore gives them new ids, movie by movie)
    restored, kept = target.diary(), source.diary()
    assert [w.when for w in restored] == [w.when for w in kept]
    assert sorted(map(repr, ((w.when, w.rating, w.rewatch) for w in restored))) == sorted(
        map(repr, ((w.when, w.rating, w.rewatch) for w in kept))
    )
    assert [m.title for m in target.watchlist()] == [m.title for m in source.watchlist()]
    assert [(k.name, k.films, k.watched) for k in target.lists()] == [
        (k.name, k.films, k.watched) for k in source.lists()
    ]
    assert target.library_version() == 1
