"""The sentences the pages show, made from plain data. No Streamlit here: unit tested alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from movie_tracker import events
from movie_tracker.models import (
    KIND_LABELS,
    DatePrecision,
    LibraryEvent,
    WatchDate,
    stars,
)
from movie_tracker.omdb import (
    InvalidApiKey,
    MovieNotFound,
    OmdbError,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
)
from movie_tracker.service import SOURCE_LABELS
from movie_tracker.ui.list_text import LIST_EVENT_SENTENCES
from movie_tracker.ui.markdown import escape_markdown  # the pages import it from here too
from movie_tracker.ui.share_text import SHARE_EVENT_SENTENCES


def time_ago(ts: datetime, now: datetime) -> str:
    """ "just now", "3 minutes ago", "2 hours ago", "yesterday", "5 days ago", "on 2026-03-01"
    (the date in `now`'s zone)."""
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
    return f"on {ts.astimezone(now.tzinfo).date().isoformat()}"


def describe_event(event: LibraryEvent, now: datetime) -> str:
    """One line of the Activity page: "Marked Heat (1995) as Watched, 3 minutes ago";
    what a connection did says which: "Jellyfin: watched Heat (1995) on 3 Mar 2026"."""
    sentence = _EVENT_SENTENCES.get(event.name, _changed)(event)
    if event.name != events.IMPORT_COMPLETED and event.source in KIND_LABELS:
        sentence = f"{KIND_LABELS[event.source]}: {sentence[0].lower()}{sentence[1:]}"
    return f"{sentence}, {time_ago(event.ts, now)}"


def day_month_year(day: date) -> str:
    """ "3 Mar 2026": English month names whatever the server's locale (strftime's are not)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _added(event: LibraryEvent) -> str:
    status = f" as {event.status.value}" if event.status else ""
    return f"Added {event.movie_label}{status}"


def _status_changed(event: LibraryEvent) -> str:
    if event.status is None:
        return f"Changed the status of {event.movie_label}"
    return f"Marked {event.movie_label} as {event.status.value}"


def _deleted(event: LibraryEvent) -> str:
    return f"Deleted {event.movie_label}"


def _rated(event: LibraryEvent) -> str:
    if event.rating is None:
        return f"Cleared the rating of {event.movie_label}"
    return f"Rated {event.movie_label} {stars(event.rating)}"


def _edited(event: LibraryEvent) -> str:
    return f"Edited the details of {event.movie_label}"


def _watch_logged(event: LibraryEvent) -> str:
    on = when_watched(event.when)
    on = f" {on}" if on else ""
    rated = f", rated {stars(event.rating)}" if event.rating is not None else ""
    return f"Watched {event.movie_label}{on}{rated}"


def _watch_updated(event: LibraryEvent) -> str:
    return f"Edited the diary entry for {event.movie_label}"


def _watch_deleted(event: LibraryEvent) -> str:
    return f"Removed a diary entry for {event.movie_label}"


_IMPORT_PARTS = (
    ("movies_added", "movie", "added"),
    ("movies_updated", "movie", "updated"),
    ("watches_added", "watch", "added"),
    ("ratings_added", "rating", "added"),
    ("reviews_added", "review", "added"),
    ("watchlist_added", "watchlist entry", "added"),
    ("lists_added", "list", "added"),
    ("lists_updated", "list", "updated"),
    ("list_entries_added", "list entry", "added"),
)


def _imported(event: LibraryEvent) -> str:
    """ "Imported a Letterboxd export: 12 movies added, 40 watches added"."""
    counts = dict(event.counts)
    parts = [
        f"{_plural_of(counts[key], noun)} {verb}"
        for key, noun, verb in _IMPORT_PARTS
        if counts.get(key)
    ]
    what = _import_of(event.source)
    return f"{what}: {', '.join(parts)}" if parts else f"{what}: nothing new"


def _import_of(source: str | None) -> str:
    if source == "backup":
        return "Restored a Movie Tracker backup"
    label = SOURCE_LABELS.get(source or "")
    if label is None:
        return "Imported an export"
    return f"Imported {'an' if label[0] in 'AEIOU' else 'a'} {label} export"


def _plural_of(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    plural = (
        noun[:-1] + "ies" if noun.endswith("y") else noun + ("es" if noun.endswith("ch") else "s")
    )
    return f"{count:,} {plural}"


def _changed(event: LibraryEvent) -> str:
    """An event this version does not know (a newer app may have written it)."""
    return f"Changed {event.movie_label}"


_EVENT_SENTENCES: dict[str, Callable[[LibraryEvent], str]] = {
    events.MOVIE_ADDED: _added,
    events.MOVIE_STATUS_CHANGED: _status_changed,
    events.MOVIE_DELETED: _deleted,
    events.MOVIE_RATED: _rated,
    events.MOVIE_EDITED: _edited,
    events.WATCH_LOGGED: _watch_logged,
    events.WATCH_UPDATED: _watch_updated,
    events.WATCH_DELETED: _watch_deleted,
    events.IMPORT_COMPLETED: _imported,
    **LIST_EVENT_SENTENCES,
    **SHARE_EVENT_SENTENCES,
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def movie_gone(label: str) -> str:
    """What the movie view says when the movie the person picked was deleted meanwhile;
    markdown."""
    return escape_markdown(
        f"{label} is no longer in your library: it may have just been deleted, in another "
        "tab or session. Nothing was changed. Reload the page to see the library as it is now."
    )


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


# -- Diary and Statistics ---------------------------------------------------------------

REVIEW_START_LENGTH = 200


def watched_on(when: WatchDate | None) -> str:
    """A diary entry's date as the person gave it: "3 Mar 2026", "March 2015", "2015", or
    "Date unknown"."""
    if when is None:
        return "Date unknown"
    if when.precision is DatePrecision.YEAR:
        return str(when.watched_on.year)
    if when.precision is DatePrecision.MONTH:
        return f"{MONTH_NAMES[when.watched_on.month - 1]} {when.watched_on.year}"
    return day_month_year(when.watched_on)


def when_watched(when: WatchDate | None) -> str:
    """The date in a sentence: "on 3 Mar 2026", "in March 2015", "in 2015"; "" unknown."""
    if when is None:
        return ""
    return f"{'on' if when.precision is DatePrecision.DAY else 'in'} {watched_on(when)}"


def review_start(review: str, length: int = REVIEW_START_LENGTH) -> str:
    """The first `length` characters of a review, cut at a word and ended with "…" when
    there is more; line breaks kept."""
    review = review.strip()
    if len(review) <= length:
        return review
    cut = review[:length]
    if not review[length].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def month_label(month: str) -> str:
    """ "2026-11" as "Nov 2026"."""
    return f"{_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def stars_label(rating: float) -> str:
    """A rating bucket on a chart's axis: 0.5 is "0.5", 4.0 is "4"."""
    return f"{rating:g}"


def without_runtime(count: int) -> str:
    """Why hours watched may be short: "2 watches had no runtime and are not counted"."""
    if count == 0:
        return "Every watch counted: all their movies have a runtime."
    had = "watch has" if count == 1 else "watches have"
    return f"{count} {had} no runtime and {'is' if count == 1 else 'are'} not counted."


def watch_count(count: int) -> str:
    """ "1 watch", "3 watches"."""
    return f"{count} watch" if count == 1 else f"{count:,} watches"


def watches_shown(first: int, last: int, total: int) -> str:
    """The Diary's caption: "Showing 1–50 of 120 watches, newest first."."""
    return f"Showing {first:,}–{last:,} of {watch_count(total)}, newest first."


def movie_not_found(raw_id: str) -> str:
    """What the movie view says for ?movie=<id> when there is no such movie; markdown."""
    shown = raw_id if len(raw_id) <= 20 else raw_id[:20] + "…"
    return escape_markdown(
        f"There is no movie “{shown}” in your library: it may have been deleted, or the "
        "link is wrong. Go back to the Library to pick one."
    )


def unclaimed_library(movies: int, subject: str, named: str | None) -> str:
    """The sidebar's word while the library kept without sign-in waits for its owner.
    `named`: whom LIBRARY_OWNER names: None (unset), "you" or "someone else"."""
    kept = f"The library kept before sign-in was turned on ({count_of(movies, 'movie', 'movies')})"
    if named == "you":
        return (
            f"{kept} is yours by LIBRARY_OWNER, but it stays apart: your own library was "
            "not empty when you signed in."
        )
    why = (
        "nobody takes it until LIBRARY_OWNER names its owner"
        if named is None
        else "LIBRARY_OWNER names someone else, or an e-mail address your provider has not verified"
    )
    return (
        f"{kept} has no owner yet: {why}. To make it yours, whoever runs this app sets "
        "LIBRARY_OWNER to your e-mail address (one your provider has verified) or to your "
        f"subject, {subject}, and restarts the app."
    )


def rated_message(label: str, rating: float | None) -> str:
    if rating is None:
        return f"Cleared your rating of {label}."
    return f"Rated {label} {stars(rating)}."


def count_of(count: int, one: str, many: str) -> str:
    """ "1 movie", "1,204 movies"."""
    return f"{count:,} {one if count == 1 else many}"
