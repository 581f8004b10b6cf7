"""Share links: a read-only link to your watchlist (in your order), a list (in its order)
or your diary (newest first), for anyone who has it, without signing in.

    share(kind, list_id=None, display_name="", show_ratings=False, show_notes=False,
          base_url="")        -> Share: the link made; its `url` (base_url + /share/<secret>)
                                 is the only time the secret exists outside the link
    shares()                  -> your links that work, newest first (never a secret)
    unshare(share_id)         -> the link revoked; it says "This link no longer works"
    open_share(link)          -> SharedView: what the link shows, whoever asks (a whole link,
                                 its path, or the bare secret); ShareNotFoundError when it
                                 is unknown or revoked, or its list was deleted

open_share needs no owner: the link finds its maker (the store's second unscoped lookup),
and what it shows is read from the maker's library alone (`for_owner`), only the part its
kind names. Ratings and notes are None unless the maker chose to show them.
"""

from __future__ import annotations

from dataclasses import replace

from movie_tracker.models import (
    DIARY,
    LIST,
    WATCHLIST,
    DatePrecision,
    Movie,
    Share,
    SharedFilm,
    SharedView,
    ValidationError,
    WatchDate,
    clean_display_name,
    clean_share_kind,
    new_secret,
    secret_hash,
    share_secret_in,
)
from movie_tracker.service.base import Service
from movie_tracker.service.errors import ShareNotFoundError, UnknownListError, UnknownShareError

WATCHLIST_TITLE = "Watchlist"
DIARY_TITLE = "Diary"
# A shared diary shows this many watches, the most recent: one page a phone can open.
SHARED_DIARY_LIMIT = 500


class Shares(Service):
    """The person's share links, and opening anyone's."""

    def share(
        self,
        kind: str,
        list_id: int | None = None,
        display_name: str = "",
        show_ratings: bool = False,
        show_notes: bool = False,
        base_url: str = "",
    ) -> Share:
        """Make a link to your watchlist, a list (`list_id`) or your diary, shown under
        `display_name` (blank: "A Movie Tracker user"). The Share returned carries the
        secret, once: its `url` is `base_url` (where the app answers) + /share/<secret>."""
        kind = clean_share_kind(kind)
        if kind == LIST and list_id is None:
            raise ValidationError("list", "Choose the list to share.")
        name = clean_display_name(display_name)
        secret = new_secret()
        made = self.repository.add_share(
            kind,
            list_id if kind == LIST else None,
            secret_hash(secret),
            name,
            bool(show_ratings),
            bool(show_notes),
        )
        if made is None:
            raise UnknownListError(list_id)
        return replace(made, secret=secret, base_url=base_url)

    def shares(self) -> list[Share]:
        """Your links that work, newest first."""
        return self.repository.shares()

    def unshare(self, share_id: int) -> Share:
        """Revoke a link: from now on it says "This link no longer works"."""
        revoked = self.repository.revoke_share(share_id)
        if revoked is None:
            raise UnknownShareError(share_id)
        return revoked

    def open_share(self, link: str) -> SharedView:
        """What a share link shows, to anyone who has it."""
        secret = share_secret_in(link)
        share = None
        if secret is not None:
            share = self.repository.share_by_secret_any_owner(secret_hash(secret))
        if share is None:
            raise ShareNotFoundError()
        maker = self.repository.for_owner(share.owner)
        if share.kind == WATCHLIST:
            films = [_film(share, movie, movie.rating) for movie in maker.watchlist()]
            return SharedView(WATCHLIST, WATCHLIST_TITLE, share.shown_as, films)
        if share.kind == DIARY:
            films = [
                _film(share, watch.movie, watch.rating, watch.review, watch.when)
                for watch in maker.diary(limit=SHARED_DIARY_LIMIT)
                if watch.movie is not None
            ]
            total = maker.count_diary()
            return SharedView(DIARY, DIARY_TITLE, share.shown_as, films, total)
        entries = maker.list_entries(share.list_id or 0)
        found = maker.get_list(share.list_id or 0)
        if entries is None or found is None:  # deleted as the link was opened
            raise ShareNotFoundError()
        films = [_film(share, e.movie, e.movie.rating, e.note) for e in entries]
        return SharedView(LIST, found.name, share.shown_as, films)


def _film(
    share: Share,
    movie: Movie,
    rating: float | None,
    note: str | None = None,
    when: WatchDate | None = None,
) -> SharedFilm:
    """A film as the link shows it: the rating and the note only when the maker chose."""
    return SharedFilm(
        title=movie.title,
        year=movie.year,
        imdb_id=movie.imdb_id,
        poster=movie.poster_url,
        rating=rating if share.show_ratings else None,
        note=(note or None) if share.show_notes else None,
        watched_on=when.watched_on if when else None,
        precision=when.precision if when else DatePrecision.DAY,
    )
