"""Connections: the owner's tokens, and the plays and ratings their media servers (and
scripts, through the API) send, each written with its film in one transaction.

Every statement here is scoped by the owner but one: `token_by_secret_any_owner`, which
finds whose token a secret is. See its docstring for why that one is safe.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, insert, select

from movie_tracker import events
from movie_tracker.models import Movie, Owner, PlayLogged, Status, Token, Watch
from movie_tracker.store.failures import DuplicateImdbId
from movie_tracker.store.library import Library
from movie_tracker.store.queries import (
    insert_movie,
    lock_version,
    movie_by_id,
    movie_row_to_change,
    rate_movie_row,
    record_change,
    same_film,
)
from movie_tracker.store.rows import iso_date, parse_ts
from movie_tracker.store.tables import tokens, watches
from movie_tracker.store.watching import log_watch_of

# How stale `last_used_at` may get before a use writes it again: "last used 3 minutes ago"
# needs no write per webhook.
LAST_USED_PRECISION = timedelta(minutes=1)


class Connections(Library):
    """One owner's connections, and what they log."""

    def add_token(
        self,
        name: str,
        kind: str,
        secret_hash: str,
        server_users: tuple[str, ...] = (),
        timezone_name: str = "UTC",
    ) -> Token:
        """Keep a new token (its fields already clean); only the secret's hash is stored."""
        values = {
            "owner": self._key,
            "name": name,
            "kind": kind,
            "secret_hash": secret_hash,
            "server_users": json.dumps(list(server_users), ensure_ascii=False),
            "timezone": timezone_name,
            "created_at": _now().isoformat(timespec="seconds"),
        }
        with self._storage("make a connection"), self._writing() as conn:
            token_id = conn.execute(insert(tokens).values(values).returning(tokens.c.id))
            row = _token_row(conn, self._key, token_id.scalar_one())
        assert row is not None  # inserted just now, in this transaction
        return token_from_row(row)

    def tokens(self) -> list[Token]:
        """The owner's tokens that still work, newest first."""
        query = (
            select(tokens)
            .where(tokens.c.owner == self._key, tokens.c.revoked_at.is_(None))
            .order_by(tokens.c.id.desc())
        )
        with self._storage("read the connections"), self._reading() as conn:
            return [token_from_row(row) for row in conn.execute(query).mappings()]

    def revoke_token(self, token_id: int) -> Token | None:
        """Stop a token working, for good; None when the owner has no such working token."""
        with self._storage("revoke a connection"), self._writing() as conn:
            row = _token_row(conn, self._key, token_id)
            if row is None or row["revoked_at"] is not None:
                return None
            revoked = _now().isoformat(timespec="seconds")
            conn.execute(tokens.update().where(tokens.c.id == token_id).values(revoked_at=revoked))
        return token_from_row({**row, "revoked_at": revoked})

    def token_by_secret_any_owner(self, secret_hash: str) -> Token | None:
        """The working token whose secret has this hash, whoever owns it; its last use
        stamped. None for an unknown or revoked secret, alike.

        The one query of the store not scoped by this library's owner: a webhook or an API
        call says who it is for only by its secret, so the owner is what this finds. It is
        safe because the secret is 256 random bits that only its owner was shown: finding
        a token needs the secret itself (the database keeps its SHA-256, unique), and the
        token found carries its owner, which every later query is scoped by. The hash is
        compared once more in constant time (hmac.compare_digest) after the index found it.
        """
        query = select(tokens).where(tokens.c.secret_hash == secret_hash)
        with self._storage("check a connection"), self._reading() as conn:
            row: Mapping[Any, Any] | None = conn.execute(query).mappings().first()
        if row is None or row["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(str(row["secret_hash"]), secret_hash):
            return None
        now = _now()
        last_used = parse_ts(row["last_used_at"])
        if last_used is None or now - last_used >= LAST_USED_PRECISION:
            stamp = now.isoformat(timespec="seconds")
            with self._storage("check a connection"), self._writing() as conn:
                conn.execute(
                    tokens.update().where(tokens.c.id == row["id"]).values(last_used_at=stamp)
                )
            row = {**row, "last_used_at": stamp}
        return token_from_row(row)

    def log_play(
        self, token: Token, movie: Movie, watch: Watch, *, once_a_day: bool = True
    ) -> PlayLogged:
        """Log a watch of `movie` (clean fields; its watch's movie_id is ignored) from a
        connection, adding the movie (as Watched) when the library has no copy of it
        (queries.same_film), all in one transaction. With `once_a_day`, a film this
        connection already logged on that day gets no second watch (a retry, a stop and
        a scrobble of one play): the answer then has no watch_id and nothing is written.
        """
        try:
            return self._log_play(token, movie, watch, once_a_day)
        except DuplicateImdbId:  # added by hand at this very moment: it is there now
            return self._log_play(token, movie, watch, once_a_day)

    def rate_play(self, token: Token, movie: Movie, rating: float | None) -> Movie:
        """Set the film's rating from a connection (None clears it), adding the film (as
        Watched, with the rating) when the library has no copy of it; one transaction."""
        with self._storage("rate a movie"), self._writing() as conn:
            lock_version(conn, self._key)
            found = same_film(conn, self._key, movie.imdb_id, movie.title, movie.year)
            if found is None:
                movie_id, event = _insert_movie(conn, self._key, movie, token.kind, rating)
            else:
                movie_id, event = found["id"], None
                row = movie_row_to_change(conn, self._key, movie_id)
                if row is not None:
                    event = rate_movie_row(conn, row, rating, source=token.kind)
            if event is not None:
                record_change(conn, self._key, event)
            stored = movie_by_id(conn, self._key, movie_id)
        assert stored is not None  # found or added in this transaction
        if event is not None:
            self._emit(event)
        return stored

    def _log_play(self, token: Token, movie: Movie, watch: Watch, once_a_day: bool) -> PlayLogged:
        with self._storage("log a play"), self._writing() as conn:
            # This owner's plays take turns, so two copies of one play (or two plays of
            # one new film) find what the other wrote.
            lock_version(conn, self._key)
            changes = []
            found = same_film(conn, self._key, movie.imdb_id, movie.title, movie.year)
            if found is None:
                movie_id, added = _insert_movie(conn, self._key, movie, token.kind)
                record_change(conn, self._key, added)
                changes.append(added)
            else:
                movie_id = found["id"]
            row = movie_row_to_change(conn, self._key, movie_id)
            assert row is not None  # found or added in this transaction, and locked
            if found is not None and once_a_day and _logged_that_day(conn, token, watch, row):
                return PlayLogged(movie_id, watch.watched_on, None)
            stored, logged = log_watch_of(
                conn, self._key, row, watch, source=token.kind, logged=_now(), token_id=token.id
            )
            changes += logged
        for change in changes:
            self._emit(change)
        return PlayLogged(movie_id, watch.watched_on, stored.id, added=found is None)


def token_from_row(row: Mapping[Any, Any]) -> Token:
    return Token(
        id=row["id"],
        owner=Owner(row["owner"]),
        name=row["name"],
        kind=row["kind"],
        server_users=tuple(json.loads(row["server_users"] or "[]")),
        timezone=row["timezone"],
        created_at=parse_ts(row["created_at"]),
        last_used_at=parse_ts(row["last_used_at"]),
        revoked_at=parse_ts(row["revoked_at"]),
    )


def _token_row(conn: Connection, owner: str, token_id: int) -> Mapping[Any, Any] | None:
    query = select(tokens).where(tokens.c.id == token_id, tokens.c.owner == owner)
    return conn.execute(query).mappings().first()


def _insert_movie(
    conn: Connection, owner: str, movie: Movie, source: str, rating: float | None = None
) -> tuple[int, events.Event]:
    """Add the film a connection named, as Watched: its movie.added event says from where."""
    watched = replace(movie, status=Status.WATCHED, rating=rating)
    return insert_movie(conn, owner, watched, rating=rating, source=source)


def _logged_that_day(
    conn: Connection, token: Token, watch: Watch, movie_row: Mapping[Any, Any]
) -> bool:
    query = select(watches.c.id).where(
        watches.c.movie_id == movie_row["id"],
        watches.c.token_id == token.id,
        watches.c.watched_on.is_(None)
        if watch.watched_on is None
        else watches.c.watched_on == iso_date(watch.watched_on),
    )
    return conn.execute(query.limit(1)).first() is not None


def _now() -> datetime:
    return datetime.now(timezone.utc)
