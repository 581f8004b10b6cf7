"""The Library's filters, as the parts that read films apply them to a query over `movies`:
text, status, one genre, a decade, rated, no longer than N minutes, never watched. The
Library (store.movies) and Tonight (store.tonight) filter with the same statements."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select

from movie_tracker.models import Status, search_key
from movie_tracker.store.queries import like_escaped
from movie_tracker.store.tables import movies, watches


def filtered(
    query: Any,
    status: Status | None,
    text_filter: str,
    genre: str | None = None,
    decade: int | None = None,
    rated: bool | None = None,
) -> Any:
    if status is not None:
        query = query.where(movies.c.status == Status.parse(status).value)
    for word in search_key(text_filter).split():
        query = query.where(movies.c.search_key.like(f"%{like_escaped(word)}%", escape="\\"))
    wanted_genre = search_key(genre).strip()
    if wanted_genre:
        pattern = f"%,{like_escaped(wanted_genre)},%"
        query = query.where(movies.c.genre_key.like(pattern, escape="\\"))
    if decade is not None:
        query = query.where(movies.c.year >= decade, movies.c.year < decade + 10)
    if rated is not None:
        query = query.where(movies.c.rating.is_not(None) if rated else movies.c.rating.is_(None))
    return query


def no_longer_than(query: Any, max_runtime: int | None) -> Any:
    """Films whose runtime is known and at most `max_runtime` minutes (a runtime of 0, as
    some exports write for unknown, is not known)."""
    if max_runtime is None:
        return query
    return query.where(movies.c.runtime_minutes.between(1, max_runtime))


def never_watched(query: Any) -> Any:
    """Films never watched: no watch in the diary, and not marked Watched either (a film
    marked Watched without a date was seen all the same)."""
    logged = exists(select(watches.c.id).where(watches.c.movie_id == movies.c.id))
    return query.where(~logged, movies.c.status != Status.WATCHED.value)
