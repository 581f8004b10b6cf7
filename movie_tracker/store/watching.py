"""Logging a watch of a movie: one step of a writer's transaction, shared by every way a
watch comes in (the movie view's form and the Log a film dialog in store/diary.py, a
media server's play in store/connections.py), so they keep one rule.

The movie not yet Watched becomes Watched, the watch is stored, its stars rate the film
(queries.rate_film), the movie's rewatches are worked out again, and each change is
recorded (its event row, the owner's new library version) in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from movie_tracker import events
from movie_tracker.models import Status, Watch
from movie_tracker.store.queries import (
    rate_film,
    recompute_rewatches,
    record_change,
    status_changed,
    watch_event,
)
from movie_tracker.store.rows import watch_row
from movie_tracker.store.tables import movies, watches


def log_watch_of(
    conn: Connection,
    owner: str,
    movie_row: Mapping[Any, Any],
    watch: Watch,
    *,
    source: str,
    logged: datetime,
    **columns: object,
) -> tuple[Watch, list[events.Event]]:
    """Log `watch` (clean fields; its movie_id is ignored) of the movie whose row this is,
    locked in this transaction (queries.movie_row_to_change). `source` goes in the
    watch.logged event (by hand, jellyfin, ...); `columns` are more of the watch's columns
    (a connection's token_id). Returns the stored watch and the events recorded, to emit
    once the transaction has committed."""
    movie_id = movie_row["id"]
    changes = []
    if movie_row["status"] != Status.WATCHED.value:
        update = movies.update().where(movies.c.id == movie_id)
        conn.execute(update.values(status=Status.WATCHED.value))
        changes.append(status_changed(movie_row, Status.WATCHED))
    values = {**watch_row(watch, logged, owner), "movie_id": movie_id, **columns}
    watch_id = conn.execute(insert(watches).values(values).returning(watches.c.id)).scalar_one()
    rate_film(conn, movie_row, watch.rating)
    stored = recompute_rewatches(conn, movie_id)[watch_id]
    changes.append(watch_event(events.WATCH_LOGGED, movie_row, stored, source=source))
    for change in changes:
        record_change(conn, owner, change)
    return stored, changes
