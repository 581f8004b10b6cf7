"""Connections: personal tokens for media servers and the API, and what their plays do.

A finished play of a film logs one watch, dated on the play's day in the connection's
timezone, of the library's copy of the film (store.queries.same_film), which is added
from the play when the library has none; a film a connection already logged that day gets
no second watch. A Plex rating sets the film's rating. Plays of media-server users the
connection does not name are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from movie_tracker.models import (
    Movie,
    Play,
    Token,
    ValidationError,
    Watch,
    clean_imdb_id,
    clean_kind,
    clean_rating,
    clean_review,
    clean_server_users,
    clean_timezone,
    clean_title,
    clean_token_name,
    clean_watch_date,
    clean_year,
    new_secret,
    secret_hash,
)
from movie_tracker.service.base import Service, date_fields
from movie_tracker.service.errors import (
    FilmNotInLibraryError,
    UnknownMovieError,
    UnknownTokenError,
)

LOGGED, DUPLICATE, RATED, IGNORED = "logged", "duplicate", "rated", "ignored"


@dataclass(frozen=True)
class PlayOutcome:
    """What a webhook did: `result` is LOGGED, DUPLICATE, RATED or IGNORED; `reason` says
    why in words (for the server's log)."""

    result: str
    reason: str
    movie_id: int | None = None
    watch_id: int | None = None
    watched_on: date | None = None


class Connections(Service):
    """Tokens, and the plays and API calls made with them."""

    def create_token(
        self,
        name: str,
        kind: str,
        server_users: Iterable[str] | str = (),
        timezone: str | None = None,
    ) -> str:
        """Make a token and return its secret: the only time anyone sees it.

        Plays are dated in `timezone` (an IANA name); by default the service's own, the
        person's (UTC when it has no IANA name).
        """
        zone = timezone or getattr(self.timezone, "key", None) or "UTC"
        secret = new_secret()
        self.repository.add_token(
            clean_token_name(name),
            clean_kind(kind),
            secret_hash(secret),
            clean_server_users(server_users),
            clean_timezone(zone),
        )
        return secret

    def tokens(self) -> list[Token]:
        """The tokens that work, newest first."""
        return self.repository.tokens()

    def revoke_token(self, token_id: int) -> Token:
        revoked = self.repository.revoke_token(token_id)
        if revoked is None:
            raise UnknownTokenError(token_id)
        return revoked

    def token_for_secret(self, secret: str) -> Token | None:
        """The working token with this secret, whoever owns it (its `owner` says whose
        library it writes to: `for_owner(token.owner)`); None when it is unknown or revoked."""
        if not secret or len(secret) > 200:
            return None
        return self.repository.token_by_secret_any_owner(secret_hash(secret))

    # -- what a connection sends ----------------------------------------------------------

    def log_play(self, token: Token, play: Play) -> PlayOutcome:
        """A film played to the end: one watch on the play's day, at most one a day."""
        if not token.counts_user(play.user_name, play.user_id):
            return PlayOutcome(IGNORED, _not_counted(token, play))
        movie = _movie_of(play)
        day = self.day_of(token, play.played_at)
        logged = self.repository.log_play(token, movie, Watch(movie_id=0, watched_on=day))
        if logged.duplicate:
            return PlayOutcome(
                DUPLICATE,
                f"{movie.label} was already logged on {day} by this connection.",
                logged.movie_id,
                watched_on=day,
            )
        return PlayOutcome(
            LOGGED, f"Logged {movie.label} on {day}.", logged.movie_id, logged.watch_id, day
        )

    def rate_play(self, token: Token, play: Play) -> PlayOutcome:
        """A film rated on the server: `play.rating` in stars (None clears the rating)."""
        if not token.counts_user(play.user_name, play.user_id):
            return PlayOutcome(IGNORED, _not_counted(token, play))
        rated = self.repository.rate_play(token, _movie_of(play), clean_rating(play.rating))
        said = f"{rated.rating:g} stars" if rated.rating is not None else "no rating"
        return PlayOutcome(RATED, f"Rated {rated.label}: {said}.", rated.id)

    def log_api_watch(
        self,
        token: Token,
        *,
        imdb_id: object = None,
        title: object = None,
        year: object = None,
        watched_on: object = None,
        rating: object = None,
        review: object = "",
    ) -> Watch:
        """Log a watch through the API: the film by IMDb ID, or by title and year (added
        when the library has no copy of it); the same rules as the Library's form."""
        wanted_id = clean_imdb_id(imdb_id)
        watch = Watch(
            movie_id=0,
            **date_fields(clean_watch_date(watched_on, self.day_of(token))),
            rating=clean_rating(rating),
            review=clean_review(review),
        )
        if title is None or (isinstance(title, str) and not title.strip()):
            if wanted_id is None:
                raise ValidationError("title", "Send the film's imdb_id, or its title and year.")
            found = self.repository.find_by_imdb_id(wanted_id)
            if found is None:
                raise FilmNotInLibraryError(wanted_id)
            movie = found
        else:
            now = datetime.now(timezone.utc)
            movie = Movie(
                title=clean_title(title), year=clean_year(year, now.year), imdb_id=wanted_id
            )
        logged = self.repository.log_play(token, movie, watch, once_a_day=False)
        stored = self.repository.get_watch(logged.watch_id or 0)
        film = self.repository.get_movie(logged.movie_id)
        if stored is None or film is None:  # deleted in the instant since
            raise UnknownMovieError(logged.movie_id)
        return replace(stored, movie=film)

    @staticmethod
    def day_of(token: Token, moment: datetime | None = None) -> date:
        """The day `moment` (default: now) falls on in the token's timezone; never later
        than today there."""
        zone = ZoneInfo(token.timezone)
        today = datetime.now(timezone.utc).astimezone(zone).date()
        if moment is None:
            return today
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return min(moment.astimezone(zone).date(), today)


def _movie_of(play: Play) -> Movie:
    """The film a play names, held to the library's rules; an IMDb ID that is not one is
    left out (the title and year still find the film)."""
    try:
        imdb_id = clean_imdb_id(play.imdb_id)
    except ValidationError:
        imdb_id = None
    year = clean_year(play.year, datetime.now(timezone.utc).year)
    return Movie(title=clean_title(play.title), year=year, imdb_id=imdb_id)


def _not_counted(token: Token, play: Play) -> str:
    who = play.user_name or play.user_id or "an unnamed user"
    names = ", ".join(token.server_users)
    return f"Played by {who}; this connection counts only {names}."
