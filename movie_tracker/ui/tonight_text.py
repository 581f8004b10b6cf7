"""Tonight's own words (ui/pages/tonight.py). No Streamlit here."""

from __future__ import annotations

from movie_tracker import models
from movie_tracker.models import Movie, runtime_length

TITLE = "Tonight"
INTRO = (
    "One film at random from what you want to watch, or from one of your lists, that fits "
    "tonight. Another never shows a film twice in a visit."
)
SOURCE = "Pick from"
WATCHLIST = "Want to Watch"
NO_LONGER_THAN = "No longer than"
GENRE = "Genre"
DECADE = "Decade"
ANY = "Any"
NEVER_WATCHED = "Never watched"
NEVER_WATCHED_HELP = "Only films with no watch in your diary and not marked Watched."
TOGETHER = "Together with"
TOGETHER_PLACEHOLDER = "A friend's share link: https://…/share/…"
TOGETHER_HELP = (
    "Paste the share link of a friend's watchlist or one of their lists: the pick comes "
    "from films on both, matched by IMDb ID, or by title and year. Neither of you needs an "
    "account for it."
)
PICK = "Pick"
ANOTHER = "Another"
START_OVER = "Start over"
LOG = "Log a film"
WHY = "Why it fits"


def source_name(list_name: str | None) -> str:
    """A choice of Pick from: "Want to Watch", or "List: Noir"."""
    return WATCHLIST if list_name is None else f"List: {list_name}"


def decade_name(decade: int | None) -> str:
    return ANY if decade is None else f"{decade}s"


def facts(movie: Movie) -> str:
    """ "1995 · 1 h 52 min · Crime, Drama": what is known of the film, in that order."""
    parts = [str(movie.year) if movie.year else None, runtime_length(movie.runtime_minutes)]
    parts.append(movie.genre)
    return " · ".join(part for part in parts if part) or "Nothing more is known of this film."


def picked_from(count: int) -> str:
    if count == 1:
        return "The only film that fits."
    return f"Picked at random from {count} films that fit."


def together_with(display_name: str, title: str, kind: str, count: int) -> str:
    """ "Picking from films on both: yours and Sam's watchlist (12 films)." """
    theirs = f"{display_name}'s watchlist"
    if kind != models.WATCHLIST:
        theirs = f"{display_name}'s list “{title}”"
    films = "1 film" if count == 1 else f"{count} films"
    return f"Picking from films on both: yours and {theirs} ({films})."


def link_refused(message: str) -> str:
    """What a pasted link that does not work says, and what to do."""
    return f"{message}: ask your friend for a new link, or clear the field to pick alone."
