"""FakeConnections: tokens, and the plays and ratings they send, in memory
(store.connections)."""

from __future__ import annotations

import hmac
from dataclasses import replace

from movie_tracker.models import Movie, PlayLogged, Status, Token, Watch, validate_movie
from movie_tracker.store import StorageError
from movie_tracker.store.connections import LAST_USED_PRECISION
from tests.fakes.store.library import FakeLibrary, now


class FakeConnections(FakeLibrary):
    def add_token(
        self,
        name: str,
        kind: str,
        secret_hash: str,
        server_users: tuple[str, ...] = (),
        timezone_name: str = "UTC",
    ) -> Token:
        with self._lock:
            if any(hashed == secret_hash for _, hashed in self.all_tokens.values()):
                raise StorageError("Could not make a connection: that secret is taken.")
            token = Token(
                id=next(self._token_ids),
                owner=self.owner,
                name=name,
                kind=kind,
                server_users=tuple(server_users),
                timezone=timezone_name,
                created_at=now(),
            )
            self.all_tokens[token.id] = (token, secret_hash)
            return token

    def tokens(self) -> list[Token]:
        with self._lock:
            mine = [t for t, _ in self.all_tokens.values() if t.owner == self.owner]
            return sorted((t for t in mine if t.revoked_at is None), key=lambda t: -t.id)

    def revoke_token(self, token_id: int) -> Token | None:
        with self._lock:
            token, hashed = self.all_tokens.get(token_id, (None, ""))
            if token is None or token.owner != self.owner or token.revoked_at is not None:
                return None
            revoked = replace(token, revoked_at=now())
            self.all_tokens[token_id] = (revoked, hashed)
            return revoked

    def token_by_secret_any_owner(self, secret_hash: str) -> Token | None:
        with self._lock:
            for token, hashed in self.all_tokens.values():
                if hmac.compare_digest(hashed, secret_hash) and token.revoked_at is None:
                    last = token.last_used_at
                    if last is None or now() - last >= LAST_USED_PRECISION:
                        token = replace(token, last_used_at=now())
                        self.all_tokens[token.id] = (token, hashed)
                    return token
            return None

    def log_play(
        self, token: Token, movie: Movie, watch: Watch, *, once_a_day: bool = True
    ) -> PlayLogged:
        with self._lock:
            found = self._same_film(movie.imdb_id, movie.title, movie.year)
            if found is None:
                stored = self._add_from(token, movie)
            else:
                stored = found
                if once_a_day and any(
                    self.token_of_watch.get(w.id or 0) == token.id
                    and w.watched_on == watch.watched_on
                    for w in self._watches_of(found.id or 0)
                ):
                    return PlayLogged(found.id or 0, watch.watched_on, None)
                if found.status != Status.WATCHED:
                    self.movies[found.id or 0] = replace(found, status=Status.WATCHED)
                    self._log("movie.status_changed", found, Status.WATCHED, found.status)
            logged = self._store_watch(replace(watch, movie_id=stored.id or 0))
            self._rate_film(stored.id or 0, logged.rating)
            self.token_of_watch[logged.id or 0] = token.id
            self._log(
                "watch.logged",
                stored,
                None,
                rating=logged.rating,
                watched_on=logged.watched_on,
                source=token.kind,
            )
            return PlayLogged(stored.id or 0, watch.watched_on, logged.id, found is None)

    def rate_play(self, token: Token, movie: Movie, rating: float | None) -> Movie:
        with self._lock:
            found = self._same_film(movie.imdb_id, movie.title, movie.year)
            if found is None:
                found = self._add_from(token, movie, rating)
            elif found.rating != rating:
                self.movies[found.id or 0] = replace(found, rating=rating)
                self._log("movie.rated", found, None, rating=rating, source=token.kind)
            return self._read(found.id or 0)

    def _add_from(self, token: Token, movie: Movie, rating: float | None = None) -> Movie:
        added = replace(
            validate_movie(movie),
            status=Status.WATCHED,
            rating=rating,
            id=next(self._ids),
            date_added=now(),
            last_watched=None,
        )
        self.movies[added.id or 0] = added
        self._log("movie.added", added, Status.WATCHED, rating=rating, source=token.kind)
        return added
