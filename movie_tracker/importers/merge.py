"""How an ImportPlan meets the library: pure functions, no SQL.

`clean_plan` holds every movie and watch of a plan to the models' rules (a row that fails
becomes a Skipped entry, never an error) and folds together the movies a file names twice;
its lists go through list_merge.clean_lists, which also says how they are matched.
`match` then compares the plan with the library's movies and says what an import would
add and change. The preview and the repositories (SQLite, PostgreSQL and the fake) use the
same two functions, so what the preview promises is what the import does.

A backup of this app into a library without movies is a restore: every movie exactly as it
was (its status too: a Want to Watch film with watches stays so), its details-checked day,
and the backup's Activity history. Into a library with movies, a backup merges as any
import does, and its history is not replayed.

Matching: by IMDb ID when the file has one; otherwise by title and year (case and accents
ignored, models.search_key). Watched wins over Want to Watch. A watch already in the library
(same date, to the same precision, with the same rating and review) is not added again, so
importing a file twice adds nothing.

A watch is only ever what the file calls one (a diary entry, a review, a play): a film the
file only marks watched, or rates, comes in Watched with no watch, as marking a film Watched
by hand puts nothing in the diary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from movie_tracker.importers.list_merge import ListChanges, clean_lists
from movie_tracker.importers.plan import (
    UNREADABLE,
    ImportPlan,
    PlannedEvent,
    PlannedMovie,
    PlannedWatch,
    Skipped,
)
from movie_tracker.models import (
    DatePrecision,
    Status,
    ValidationError,
    WatchDate,
    clean_imdb_id,
    clean_poster_url,
    clean_rating,
    clean_review,
    clean_tags,
    clean_text,
    clean_title,
    clean_watch_date,
    clean_year,
    movie_label,
    search_key,
)

WatchKey = tuple[date | None, float | None, str, DatePrecision]
# The fields an import fills in on a library movie only where the movie has none.
FILLED_FIELDS = (
    "year",
    "director",
    "genre",
    "runtime_minutes",
    "poster_url",
    "plot",
    "actors",
    "imdb_rating",
    "language",
    "country",
)


@dataclass(frozen=True)
class StoredMovie:
    """What matching needs to know of a movie already in the library."""

    id: int
    title: str
    status: Status
    year: int | None = None
    imdb_id: str | None = None
    rating: float | None = None
    director: str | None = None
    genre: str | None = None
    runtime_minutes: int | None = None
    poster_url: str | None = None
    plot: str | None = None
    actors: str | None = None
    imdb_rating: float | None = None
    language: str | None = None
    country: str | None = None
    watches: tuple[WatchKey, ...] = ()


@dataclass(frozen=True)
class MovieUpdate:
    """A library movie the import changes: the new values of its changed fields, and the
    watches it adds."""

    movie: StoredMovie
    changes: dict[str, Any] = field(default_factory=dict)
    watches: tuple[PlannedWatch, ...] = ()

    def value(self, name: str) -> object:
        return self.changes[name] if name in self.changes else getattr(self.movie, name)


@dataclass(frozen=True)
class ImportChanges:
    """Everything an import would write: new movies (with their watches) and updates."""

    new_movies: tuple[PlannedMovie, ...] = ()
    updates: tuple[MovieUpdate, ...] = ()
    unchanged: int = 0
    restore: bool = False  # a backup into a library without movies: written as it was
    events: tuple[PlannedEvent, ...] = ()  # a restore's history, to write as it was
    lists: ListChanges = field(default_factory=ListChanges)  # list_merge.match_lists's

    @property
    def watches_to_add(self) -> int:
        return sum(len(m.watches) for m in self.new_movies) + sum(
            len(u.watches) for u in self.updates
        )

    @property
    def ratings_to_add(self) -> int:
        """New movies with a rating, and library movies whose rating the file changes."""
        return sum(m.rating is not None for m in self.new_movies) + sum(
            "rating" in u.changes for u in self.updates
        )

    @property
    def reviews_to_add(self) -> int:
        watches = [w for m in self.new_movies for w in m.watches]
        watches += [w for u in self.updates for w in u.watches]
        return sum(bool(w.review) for w in watches)

    @property
    def watchlist_to_add(self) -> int:
        return sum(m.status is Status.WANT_TO_WATCH for m in self.new_movies)


# -- cleaning ------------------------------------------------------------------------------


def clean_plan(plan: ImportPlan, today: date) -> ImportPlan:
    """The plan with every field held to the models' rules and repeated movies folded into
    one; what fails a rule is skipped with its file, line and reason."""
    skipped = list(plan.skipped)
    movies = []
    for movie in plan.movies:
        try:
            cleaned = _clean_movie(movie, today.year)
        except ValidationError as error:
            skipped.append(_skip(movie.file, movie.line, movie.title, error))
            continue
        watches = []
        for watch in movie.watches:
            try:
                watches.append(_clean_watch(watch, today))
            except ValidationError as error:
                skipped.append(_skip(watch.file, watch.line, cleaned.label, error))
        movies.append(replace(cleaned.movie, watches=tuple(watches)))
    return clean_lists(replace(plan, movies=combine_repeats(movies), skipped=tuple(skipped)))


@dataclass(frozen=True)
class _Cleaned:
    movie: PlannedMovie

    @property
    def label(self) -> str:
        return movie_label(self.movie.title, self.movie.year)


def _clean_movie(movie: PlannedMovie, this_year: int) -> _Cleaned:
    clean_text(movie.director, "director")
    clean_text(movie.genre, "genre")
    runtime = movie.runtime_minutes
    if runtime is not None and not 0 < runtime < 10_000:
        runtime = None
    return _Cleaned(
        replace(
            movie,
            title=clean_title(movie.title),
            year=clean_year(movie.year, this_year),
            imdb_id=clean_imdb_id(movie.imdb_id),
            rating=clean_rating(movie.rating),
            directors=tuple(name.strip() for name in movie.directors if name.strip()),
            genres=tuple(name.strip() for name in movie.genres if name.strip()),
            runtime_minutes=runtime,
            poster_url=clean_poster_url(movie.poster_url),
            actors=clean_text(movie.actors, "actors"),
            language=clean_text(movie.language, "language"),
            country=clean_text(movie.country, "country"),
        )
    )


def _clean_watch(watch: PlannedWatch, today: date) -> PlannedWatch:
    when = clean_watch_date(WatchDate.of(watch.watched_on, watch.precision), today)
    return replace(
        watch,
        watched_on=when.watched_on if when else None,
        precision=when.precision if when else DatePrecision.DAY,
        rating=clean_rating(watch.rating),
        review=clean_review(watch.review),
        tags=clean_tags(watch.tags),
    )


def _skip(file: str, line: int | None, what: str, error: ValidationError) -> Skipped:
    where = f"line {line}: " if line else ""
    return Skipped(file, line, f"{where}{what}: {error.message}", UNREADABLE)


def combine_repeats(movies: Iterable[PlannedMovie]) -> tuple[PlannedMovie, ...]:
    """One movie for each film the file names more than once: the same IMDb ID, or the same
    title and year unless the file tells them apart by their own keys (two different films
    called "The Haunted Castle (1897)")."""
    combined: list[PlannedMovie] = []
    by_id: dict[str, int] = {}
    by_title: dict[tuple[str, int | None], list[int]] = {}
    for movie in movies:
        index = _same_film(movie, combined, by_id, by_title)
        if index is None:
            index = len(combined)
            combined.append(movie)
            by_title.setdefault(title_key(movie.title, movie.year), []).append(index)
        else:
            combined[index] = _combine(combined[index], movie)
        if combined[index].imdb_id:
            by_id[combined[index].imdb_id or ""] = index
    return tuple(combined)


def _same_film(
    movie: PlannedMovie,
    combined: Sequence[PlannedMovie],
    by_id: dict[str, int],
    by_title: dict[tuple[str, int | None], list[int]],
) -> int | None:
    if movie.imdb_id:
        return by_id.get(movie.imdb_id)
    for index in by_title.get(title_key(movie.title, movie.year), []):
        other = combined[index]
        if not (movie.source_key and other.source_key and movie.source_key != other.source_key):
            return index
    return None


def _combine(first: PlannedMovie, second: PlannedMovie) -> PlannedMovie:
    watched = Status.WATCHED in (first.status, second.status)
    filled = {name: getattr(first, name) or getattr(second, name) for name in FILLED_FIELDS}
    filled.pop("director")
    filled.pop("genre")
    return replace(
        first,
        status=Status.WATCHED if watched else first.status,
        rating=second.rating if second.rating is not None else first.rating,
        watches=first.watches + second.watches,
        directors=first.directors or second.directors,
        genres=first.genres or second.genres,
        source_key=first.source_key or second.source_key,
        **filled,
    )


def title_key(title: str, year: int | None) -> tuple[str, int | None]:
    """Title (case and accents ignored, as models.search_key) and year. An ASCII title's
    key is its lower case, exactly what search_key gives, without the Unicode round trip:
    matching a 10,000-movie library computes one for every movie."""
    key = title.lower() if title.isascii() else search_key(title)
    return (key.strip(), year)


# -- matching ------------------------------------------------------------------------------


def match(plan: ImportPlan, library: Iterable[StoredMovie]) -> ImportChanges:
    """What importing the (clean) plan into a library holding these movies would do."""
    library = list(library)
    if plan.source == "backup" and not library:
        return _restore(plan)
    matcher = _Matcher(library)
    new_movies: list[PlannedMovie] = []
    updates: list[MovieUpdate] = []
    unchanged = 0
    for movie in plan.movies:
        stored = matcher.find(movie)
        if stored is None:
            new_movies.append(_new_movie(movie, matcher))
            continue
        update = _update(stored, movie, matcher)
        if update.changes or update.watches:
            updates.append(update)
        else:
            unchanged += 1
    return ImportChanges(tuple(new_movies), tuple(updates), unchanged)


class _Matcher:
    def __init__(self, library: Iterable[StoredMovie]) -> None:
        self.by_id: dict[str, StoredMovie] = {}
        self.by_title: dict[tuple[str, int | None], list[StoredMovie]] = {}
        for movie in sorted(library, key=lambda m: m.id):
            if movie.imdb_id:
                self.by_id[movie.imdb_id] = movie
            self.by_title.setdefault(title_key(movie.title, movie.year), []).append(movie)
        self.used: set[int] = set()
        self.imdb_ids = set(self.by_id)

    def find(self, movie: PlannedMovie) -> StoredMovie | None:
        found = self.by_id.get(movie.imdb_id or "")
        if found is None:
            found = next(
                (
                    stored
                    for stored in self.by_title.get(title_key(movie.title, movie.year), [])
                    if stored.id not in self.used and not (movie.imdb_id and stored.imdb_id)
                ),
                None,
            )
        if found is not None:
            self.used.add(found.id)
        return found

    def claim_imdb_id(self, imdb_id: str | None) -> str | None:
        """The IMDb ID if no movie in the library or the import has it yet."""
        if not imdb_id or imdb_id in self.imdb_ids:
            return None
        self.imdb_ids.add(imdb_id)
        return imdb_id


def _restore(plan: ImportPlan) -> ImportChanges:
    """A backup into a library without movies: every movie and watch as the backup has it."""
    matcher = _Matcher(())
    movies = tuple(replace(m, imdb_id=matcher.claim_imdb_id(m.imdb_id)) for m in plan.movies)
    return ImportChanges(movies, restore=True, events=plan.events)


def _new_movie(movie: PlannedMovie, matcher: _Matcher) -> PlannedMovie:
    watches = new_watches((), movie.watches)
    status = Status.WATCHED if watches else movie.status
    imdb_id = matcher.claim_imdb_id(movie.imdb_id)
    return replace(movie, status=status, watches=watches, imdb_id=imdb_id)


def _update(stored: StoredMovie, movie: PlannedMovie, matcher: _Matcher) -> MovieUpdate:
    changes: dict[str, Any] = {}
    watches = new_watches(stored.watches, movie.watches)
    if stored.status is not Status.WATCHED and (movie.status is Status.WATCHED or watches):
        changes["status"] = Status.WATCHED
    if movie.rating is not None and movie.rating != stored.rating:
        changes["rating"] = movie.rating
    if stored.imdb_id is None and (imdb_id := matcher.claim_imdb_id(movie.imdb_id)):
        changes["imdb_id"] = imdb_id
    for name in FILLED_FIELDS:
        value = getattr(movie, name)
        if getattr(stored, name) is None and value is not None:
            changes[name] = value
    return MovieUpdate(stored, changes, watches)


def watch_key(
    watched_on: date | None, rating: float | None, review: str, precision: DatePrecision
) -> WatchKey:
    return (watched_on, rating, review, precision)


def new_watches(
    stored: Iterable[WatchKey], planned: Iterable[PlannedWatch]
) -> tuple[PlannedWatch, ...]:
    """The planned watches the library does not hold yet: a watch is the same as a stored
    one with the same date, rating and review, each stored watch standing for one."""
    have = Counter(stored)
    added = []
    for watch in planned:
        key = watch_key(watch.watched_on, watch.rating, watch.review, watch.precision)
        if have[key]:
            have[key] -= 1
        else:
            added.append(watch)
    return tuple(added)


def date_added(movie: PlannedMovie, now: datetime) -> datetime:
    """When a new movie counts as added: a backup's exact moment, else the day the file
    says it was marked (midnight UTC), else now."""
    if movie.added_at is not None:
        return movie.added_at
    if movie.added_on is not None:
        day = movie.added_on
        return datetime(day.year, day.month, day.day, tzinfo=now.tzinfo)
    return now
