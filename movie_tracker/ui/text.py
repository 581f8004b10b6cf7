"""The sentences the pages show, made from plain data. No Streamlit here: unit tested alone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from movie_tracker import events
from movie_tracker.models import LibraryEvent, MovieDetails
from movie_tracker.omdb import (
    InvalidApiKey,
    MovieNotFound,
    OmdbError,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
)
from movie_tracker.service import AddResult

_MARKDOWN_SPECIALS = set("\\`*_[]<>|~$")


def escape_markdown(text: str) -> str:
    """Text shown literally by st.markdown: titles like "*batteries not included" stay as typed."""
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def time_ago(ts: datetime, now: datetime) -> str:
    """ "just now", "3 minutes ago", "2 hours ago", "yesterday", "5 days ago", "on 2026-03-01"."""
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    elapsed = now - ts
    if elapsed < timedelta(minutes=1):
        return "just now"
    if elapsed < timedelta(hours=1):
        return _plural(int(elapsed.total_seconds() // 60), "minute") + " ago"
    if elapsed < timedelta(days=1):
        return _plural(int(elapsed.total_seconds() // 3600), "hour") + " ago"
    if elapsed < timedelta(days=2):
        return "yesterday"
    if elapsed < timedelta(days=30):
        return f"{elapsed.days} days ago"
    return f"on {ts.date().isoformat()}"


def describe_event(event: LibraryEvent, now: datetime) -> str:
    """One line of the Activity page: "Marked Heat (1995) as Watched, 3 minutes ago"."""
    movie = event.movie_label
    status = event.status.value if event.status else None
    if event.name == events.MOVIE_ADDED:
        what = f"Added {movie}" + (f" as {status}" if status else "")
    elif event.name == events.MOVIE_STATUS_CHANGED:
        what = f"Marked {movie} as {status}" if status else f"Changed the status of {movie}"
    elif event.name == events.MOVIE_DELETED:
        what = f"Deleted {movie}"
    else:
        what = f"Changed {movie}"
    return f"{what}, {time_ago(event.ts, now)}"


def added_message(result: AddResult) -> str:
    """What the Add movie page says after a movie is stored, with what OMDb filled in."""
    movie = result.movie
    message = f"Added {movie.label} to your library as {movie.status.value}."
    if result.details is not None:
        found = details_summary(result.details)
        message += f" OMDb found: {found}." if found else " OMDb found it."
    return message


def movie_gone(label: str) -> str:
    """What Manage a movie says when the movie the person picked was deleted meanwhile."""
    return (
        f"{label} is no longer in your library: it may have just been deleted, in another "
        "tab or session. Nothing was changed. Reload the page to see the library as it is now."
    )


def details_summary(details: MovieDetails) -> str:
    parts = []
    if details.director:
        parts.append(f"directed by {details.director}")
    if details.genre:
        parts.append(details.genre)
    if details.runtime:
        parts.append(details.runtime)
    if details.imdb_rating is not None:
        parts.append(f"IMDb {details.imdb_rating:g}/10")
    return "; ".join(parts)


def lookup_failure_message(error: OmdbError) -> str:
    """OMDb's failure, what to try next, and that the movie can be added without details."""
    without = "or add the movie without details."
    if isinstance(error, TooManyResults):
        advice = f"Type the full title or its IMDb ID (like tt0113277), {without}"
    elif isinstance(error, MovieNotFound):
        advice = f"Check the spelling or use the IMDb ID (like tt0113277), {without}"
    elif isinstance(error, OmdbUnavailable):
        advice = f"Try the lookup again later, {without}"
    elif isinstance(error, (InvalidApiKey, RequestLimitReached)):
        advice = f"Lookups cannot work until that is fixed; {without}"
    else:
        advice = f"Try another lookup, {without}"
    return f"{error} {advice[0].upper()}{advice[1:]}"


def search_failure_message(error: OmdbError) -> str:
    if isinstance(error, TooManyResults):
        return f"{error}"
    if isinstance(error, MovieNotFound):
        return f"{error} Check the spelling, or search for fewer words."
    return f"{error}"


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
