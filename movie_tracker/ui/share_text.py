"""The sentences of share links, made from plain data: what a link shows, a link's line in
the list of links, and the Activity's lines for making and revoking one. No Streamlit here:
unit tested alone (ui/text.py holds the other pages' sentences)."""

from __future__ import annotations

from collections.abc import Callable

from movie_tracker import events
from movie_tracker.models import DEFAULT_DISPLAY_NAME, DIARY, LIST, LibraryEvent, Share

INTRO = (
    "Make a read-only link to your watchlist, a list or your diary. Anyone with the link "
    "sees its films (titles, years, posters, and your ratings and notes if you choose) under "
    "the name you choose, never your e-mail, without signing in; nothing else of your "
    "library. Revoke a link and it stops working at once."
)
NAME_HELP = (
    f"The name the link shows, never your e-mail. Leave it empty to show “{DEFAULT_DISPLAY_NAME}”."
)
NO_SHARES = "No share links yet."
MADE = (
    "Made a link to {what}. Copy it now: this is the only time it is shown. Lost it? "
    "Revoke it and make another."
)


def what_is_shared(share: Share) -> str:
    """ "your watchlist", "your diary", "the list “Noir”"."""
    if share.kind == LIST:
        return f"the list “{share.list_name or 'a list'}”"
    return "your diary" if share.kind == DIARY else "your watchlist"


def share_summary(share: Share, made_on: str) -> str:
    """ "Made 4 Dec 2026 · shown as Anna · ratings shown · notes hidden"."""
    ratings = "ratings shown" if share.show_ratings else "ratings hidden"
    notes = "notes shown" if share.show_notes else "notes hidden"
    return " · ".join((f"Made {made_on}", f"shown as {share.shown_as}", ratings, notes))


def revoked(share: Share) -> str:
    return f"Revoked the link to {what_is_shared(share)}: it says “This link no longer works”."


# -- the Activity ------------------------------------------------------------------------


def _shared(event: LibraryEvent) -> str:
    if event.shared == LIST:
        return f"the list “{event.list_name or 'a list'}”"
    return "your diary" if event.shared == DIARY else "your watchlist"


def _made(event: LibraryEvent) -> str:
    return f"Made a share link to {_shared(event)}"


def _revoked(event: LibraryEvent) -> str:
    return f"Revoked a share link to {_shared(event)}"


SHARE_EVENT_SENTENCES: dict[str, Callable[[LibraryEvent], str]] = {
    events.SHARE_CREATED: _made,
    events.SHARE_REVOKED: _revoked,
}

CHOICES_CHANGED = (
    "Your lists changed since this form was drawn (in another tab?), so no link was made: "
    "check What to share and press Make link again."
)
