"""The statements more than one part of the store runs, each scoped by its owner.

Reading a movie (with the date it was last watched), locking one to change it, finding the
library's copy of a film (`same_film`, `same_films`), adding a film unless the library has
it (`add_or_find`) and filling in what a movie lacks (`fill_in`), working out a movie's
rewatches, and recording a change: its event row and a new version of the owner's
library, in the change's own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RowMapping

from movie_tracker import events
from movie_tracker.models import DatePrecision, Movie, Status, Watch, search_key
from movie_tracker.store.rows import (
    genre_key,
    iso_date,
    movie_from_row,
    movie_row,
    movie_search_key,
    watch_from_row,
)
from movie_tracker.store.tables import event_rows, library_versions, movies, watches


def last_watched() -> Any:
    """The newest dated watch of the movie in the outer query (ix_watches_movie_id), as
    its placing day then its precision ("2015-03-31month"): of watches placed on one day
    the year is the newest, then the month, then the day (rows.last_watched reads it)."""
    # An alias, so that in the diary (watches joined to movies) it still reads every
    # watch of the movie, not only the outer row's.
    dated = watches.alias("dated")
    return (
        select(func.max(dated.c.watched_on + dated.c.watched_precision))
        .where(dated.c.movie_id == movies.c.id)
        .correlate(movies)
        .scalar_subquery()
    )


def movie_select() -> Any:
    return select(movies, last_watched().label("last_watched"))


def movie_by_id(conn: Connection, owner: str, movie_id: int) -> Movie | None:
    query = movie_select().where(movies.c.id == movie_id, movies.c.owner == owner)
    row = conn.execute(query).mappings().first()
    return movie_from_row(row) if row else None


def movie_row_to_change(conn: Connection, owner: str, movie_id: int) -> RowMapping | None:
    """The row as it is now, locked until this transaction ends.

    On PostgreSQL a second writer of the same movie waits here, then reads what the first
    one committed, so six simultaneous deletes make one change and one event. (SQLite has
    no row locks and needs none: its writers already take turns with BEGIN IMMEDIATE.)
    """
    query = select(movies).where(movies.c.id == movie_id, movies.c.owner == owner)
    query = query.with_for_update()
    return conn.execute(query).mappings().first()


def same_film(
    conn: Connection, owner: str, imdb_id: str | None, title: str, year: int | None
) -> RowMapping | None:
    """The owner's movie that is this film, or None: the one rule for "is it already in
    the library?" (adding a film from any page, webhooks, the API: nothing may add a silent
    duplicate).

    By IMDb ID when one is given; else by title and year, case and accents ignored
    (models.search_key), on a movie without an IMDb ID when one is given (a movie with
    another IMDb ID is another film). Of several, the one added first.
    """
    if imdb_id:
        query = select(movies).where(movies.c.owner == owner, movies.c.imdb_id == imdb_id)
        if row := conn.execute(query).mappings().first():
            return row
    key = search_key(title).strip()
    if not key:
        return None
    query = select(movies).where(movies.c.owner == owner, _titled(key, year))
    if imdb_id:
        query = query.where(movies.c.imdb_id.is_(None))
    rows = conn.execute(query.order_by(movies.c.id)).mappings().all()
    return _the_same(rows, imdb_id, key, year)


def same_films(
    conn: Connection, owner: str, films: Sequence[tuple[str | None, str, int | None]]
) -> list[RowMapping | None]:
    """same_film for each (IMDb ID, title, year) of a few films, in one query: the owner's
    movie that is each film, or None (a page of OMDb's search results)."""
    keys = [search_key(title).strip() for _, title, _ in films]
    imdb_ids = sorted({imdb_id for imdb_id, _, _ in films if imdb_id})
    titled = {(key, year) for key, (_, _, year) in zip(keys, films, strict=True) if key}
    wanted = [_titled(key, year) for key, year in sorted(titled, key=repr)]
    if imdb_ids:
        wanted.append(movies.c.imdb_id.in_(imdb_ids))
    if not wanted:
        return [None] * len(films)
    query = movie_select().where(movies.c.owner == owner, or_(*wanted))
    rows = conn.execute(query.order_by(movies.c.id)).mappings().all()
    return [
        _the_same(rows, imdb_id, key, year)
        for key, (imdb_id, _, year) in zip(keys, films, strict=True)
    ]


def _titled(key: str, year: int | None) -> Any:
    """Rows that may have this title key and year. search_key starts with the title's key
    (it is title, director and genre, joined): the LIKE narrows the rows read, _the_same
    decides."""
    return and_(
        movies.c.year.is_(None) if year is None else movies.c.year == year,
        movies.c.search_key.like(f"{like_escaped(key)}%", escape="\\"),
    )


def _the_same(
    rows: Sequence[RowMapping], imdb_id: str | None, key: str, year: int | None
) -> RowMapping | None:
    """same_film's rule over candidate rows in the order they were added."""
    if imdb_id:
        for row in rows:
            if row["imdb_id"] == imdb_id:
                return row
    for row in rows:
        if (
            key
            and row["year"] == year
            and not (imdb_id and row["imdb_id"])
            and search_key(row["title"]).strip() == key
        ):
            return row
    return None


@dataclass(frozen=True)
class FilmKept:
    """What add_or_find did: the movie's id, whether it is new, the fields filled in."""

    movie_id: int
    new: bool
    filled: tuple[str, ...] = ()
    event: events.Event | None = None  # recorded; emit it once the transaction commits


def add_or_find(
    conn: Connection, owner: str, movie: Movie, fill: Mapping[str, Any] | None = None
) -> FilmKept:
    """Add `movie` (validated) unless the library has that film (same_film); then the
    movie it has is kept, and gains from `fill` (OMDb's details as fill-in sets them) the
    fields it lacks (fill_in). Its change and event are recorded.

    Run inside a writer's transaction (Library._writing): writers of a library take turns
    from their first statement, so two tabs adding one film at once end with one movie.
    """
    found = same_film(conn, owner, movie.imdb_id, movie.title, movie.year)
    if found is None:
        movie_id, event = insert_movie(conn, owner, movie)
        record_change(conn, owner, event)
        return FilmKept(movie_id, new=True, event=event)
    if fill is None:
        return FilmKept(found["id"], new=False)
    row = movie_row_to_change(conn, owner, found["id"])
    assert row is not None  # found in this transaction, which writers take turns on
    filled, edited = fill_in(conn, owner, row, fill)
    return FilmKept(found["id"], new=False, filled=filled, event=edited)


def insert_movie(
    conn: Connection, owner: str, movie: Movie, **about: Any
) -> tuple[int, events.Event]:
    """Insert `movie` (validated) as a new film of the library; its id and its movie.added
    event, which `about` adds to (e.g. the rating and source of a media server's play).
    The caller records the event with the rest of its change."""
    values = movie_row(movie, datetime.now(timezone.utc), owner)
    movie_id = conn.execute(insert(movies).values(values).returning(movies.c.id)).scalar_one()
    fields: dict[str, Any] = {
        "movie_id": movie_id,
        "title": movie.title,
        "year": movie.year,
        "status": movie.status.value,
        "imdb_id": movie.imdb_id,
        **about,
    }
    return movie_id, events.Event.create(events.MOVIE_ADDED, **fields)


def fill_in(
    conn: Connection, owner: str, row: Mapping[Any, Any], changes: Mapping[str, Any]
) -> tuple[tuple[str, ...], events.Event | None]:
    """Fill in the fields the movie (its locked row) lacks from `changes` (clean values),
    and remember that OMDb was asked about it today. An IMDb ID another movie of the
    library has is not taken. The fields filled, and the `movie.edited` event recorded
    when there were any."""
    values = {name: value for name, value in changes.items() if row[name] is None}
    if "imdb_id" in values and imdb_id_taken(conn, owner, values["imdb_id"]):
        del values["imdb_id"]  # another movie of the library is that film
    filled = tuple(sorted(values))
    event = None
    if values:
        text = Movie(
            row["title"],
            director=values.get("director", row["director"]),
            genre=values.get("genre", row["genre"]),
        )
        values |= {"search_key": movie_search_key(text), "genre_key": genre_key(text.genre)}
        event = events.Event.create(
            events.MOVIE_EDITED,
            movie_id=row["id"],
            title=row["title"],
            year=values.get("year", row["year"]),
            filled_in=list(filled),
        )
        record_change(conn, owner, event)
    checked = datetime.now(timezone.utc).date().isoformat()
    update = movies.update().where(movies.c.id == row["id"])
    conn.execute(update.values(details_checked_on=checked, **values))
    return filled, event


def imdb_id_taken(conn: Connection, owner: str, imdb_id: str) -> bool:
    query = select(movies.c.id).where(movies.c.owner == owner, movies.c.imdb_id == imdb_id)
    return conn.execute(query).first() is not None


def like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def recompute_rewatches(conn: Connection, movie_id: int) -> dict[int, Watch]:
    """Mark every watch of the movie but its first as a rewatch, and the first too when it
    was seen before (a Letterboxd entry marked Rewatch); the watches, by id."""
    query = (
        select(watches)
        .where(watches.c.movie_id == movie_id)
        .order_by(*earliest_watches(), watches.c.logged_at, watches.c.id)
    )
    stored = {}
    for position, row in enumerate(conn.execute(query).mappings().all()):
        rewatch = position > 0 or bool(row["seen_before"])
        if bool(row["rewatch"]) != rewatch:
            conn.execute(watches.update().where(watches.c.id == row["id"]).values(rewatch=rewatch))
        stored[row["id"]] = replace(watch_from_row(row), rewatch=rewatch)
    return stored


def earliest_watches() -> list[Any]:
    """How a movie's watches follow each other: undated first (an unknown date counts as
    the earliest), then by the day that places them, then day, month, year."""
    return [
        watches.c.watched_on.is_not(None),
        watches.c.watched_on,
        watches.c.watched_precision,
    ]


def rate_film(conn: Connection, movie_row: Mapping[Any, Any], rating: float | None) -> bool:
    """Give the film the stars just given to one of its watches (none: it keeps its own);
    True when its rating changed. The diary's stars rate the film (store/diary.py)."""
    if rating is None or rating == movie_row["rating"]:
        return False
    conn.execute(movies.update().where(movies.c.id == movie_row["id"]).values(rating=rating))
    return True


def rate_movie_row(
    conn: Connection, movie_row: Mapping[Any, Any], rating: float | None, source: str = ""
) -> events.Event | None:
    """Give the movie its own rating (None clears it): its movie.rated event, or None when
    it already had that rating. Shared by rating a movie and a media server's rating,
    whose kind (`source`) the event names."""
    if rating == movie_row["rating"]:
        return None
    conn.execute(movies.update().where(movies.c.id == movie_row["id"]).values(rating=rating))
    fields: dict[str, Any] = {
        "movie_id": movie_row["id"],
        "title": movie_row["title"],
        "year": movie_row["year"],
        "rating": rating,
        "previous_rating": movie_row["rating"],
    }
    if source:
        fields["source"] = source
    return events.Event.create(events.MOVIE_RATED, **fields)


def status_changed(row: Mapping[Any, Any], status: Status) -> events.Event:
    return events.Event.create(
        events.MOVIE_STATUS_CHANGED,
        movie_id=row["id"],
        title=row["title"],
        year=row["year"],
        previous_status=row["status"],
        status=status.value,
    )


def watch_event(
    name: str, movie_row: Mapping[Any, Any], watch: Watch, **extra: object
) -> events.Event:
    fields: dict[str, Any] = {
        "movie_id": movie_row["id"],
        "title": movie_row["title"],
        "year": movie_row["year"],
        "watch_id": watch.id,
        "watched_on": iso_date(watch.watched_on),
        "rating": watch.rating,
        **extra,
    }
    if watch.watched_on is not None and watch.precision is not DatePrecision.DAY:
        fields["precision"] = watch.precision.value
    return events.Event.create(name, **fields)


def in_year(query: Any, year: int | None, since: date | None = None) -> Any:
    """Only watches dated in `year` (and on `since` or later): a range on the text date,
    so the index serves it. A watch counts by the day that places it: one in March 2015
    (placed on the 31st) or in 2015 (on 31 December) is in 2015."""
    if since is not None:
        query = query.where(watches.c.watched_on >= since.isoformat())
    if year is None:
        return query
    return query.where(
        watches.c.watched_on >= f"{year:04d}-01-01", watches.c.watched_on <= f"{year:04d}-12-31"
    )


def record_change(conn: Connection, owner: str, event: events.Event) -> None:
    """The change's event row and a new version of the owner's library, in the change's
    transaction."""
    bump = _dialect_insert(conn)(library_versions).values(owner=owner, version=1)
    conn.execute(
        bump.on_conflict_do_update(
            index_elements=["owner"], set_={"version": library_versions.c.version + 1}
        )
    )
    fields = dict(event.fields)
    conn.execute(
        insert(event_rows).values(
            owner=owner,
            ts=event.ts.isoformat(timespec="seconds"),
            name=event.name,
            movie_id=fields.get("movie_id"),
            title=fields.get("title"),
            status=fields.get("status"),
            details=json.dumps(fields, default=str),
        )
    )


def lock_version(conn: Connection, owner: str) -> None:
    """The owner's version row, made if new, locked until this transaction ends: every
    writer of the owner's library takes it first (Library._writing), so they take turns
    on it. One statement when the row exists, as it does after the library's first change."""
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    if conn.execute(query.with_for_update()).first() is not None:
        return
    statement = _dialect_insert(conn)(library_versions).values(owner=owner, version=0)
    conn.execute(statement.on_conflict_do_nothing(index_elements=["owner"]))
    conn.execute(query.with_for_update())


def version_of(conn: Connection, owner: str) -> int:
    query = select(library_versions.c.version).where(library_versions.c.owner == owner)
    return int(conn.execute(query).scalar_one_or_none() or 0)


def _dialect_insert(conn: Connection) -> Any:
    """INSERT with ON CONFLICT, which both databases the library runs on have."""
    return postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
