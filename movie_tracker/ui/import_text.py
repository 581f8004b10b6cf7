"""The sentences of the Import and export page, made from plain data: the preview, the
import's result, and filling in details from OMDb within the day's budget. No Streamlit
here: unit tested alone (ui/text.py holds the other pages' sentences)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from movie_tracker.service import FillInResult, ImportPreview, ImportResult, OmdbBudget
from movie_tracker.ui.list_text import lists_imported
from movie_tracker.ui.markdown import escape_markdown
from movie_tracker.ui.text import count_of, day_month_year

NOTHING_NEW_TO_IMPORT = (
    "Nothing new to import: every movie, watch and rating in this file is already in your "
    "library, so importing it again would add nothing."
)


def preview_caption(preview: ImportPreview) -> str:
    """Which export the upload was read as, from which files; markdown."""
    files = ", ".join(escape_markdown(name) for name in preview.files)
    return f"Read as {_a(preview.source_label)} export from {files}. Nothing is written yet."


def backup_note(preview: ImportPreview) -> str:
    """How a backup goes in: restored as it was into a library without movies, else merged."""
    if preview.restores:
        history = count_of(preview.events_to_restore, "event", "events")
        return (
            "Your library has no movies, so this backup restores it exactly as it was: every "
            "movie with its status, rating, date added and checked details, every diary entry, "
            f"and its Activity history ({history}). The restore then shows in the Activity too."
        )
    return (
        "Your library already has movies, so this backup is merged into it as any import is, "
        "not restored: the movies and diary entries it lacks are added, a movie the backup "
        "has watched becomes Watched, and the backup's Activity history is not replayed. To "
        "restore it exactly, import it into a library without movies."
    )


def import_progress(done: int, total: int) -> str:
    return f"{done:,} of {count_of(total, 'movie', 'movies')} written"


def imported_message(result: ImportResult) -> str:
    """What the page says once an import is written."""
    added = [
        count_of(result.watches_added, "watch", "watches"),
        count_of(result.ratings_added, "rating", "ratings"),
        count_of(result.reviews_added, "review", "reviews"),
        count_of(result.watchlist_added, "watchlist entry", "watchlist entries"),
    ]
    what = f"Imported {_a(result.source_label)} export"
    message = (
        f"{'Restored a Movie Tracker backup' if result.restored else what}: "
        f"{count_of(result.movies_added, 'movie', 'movies')} added, "
        f"{result.movies_updated:,} updated and {result.movies_unchanged:,} left as they were; "
        f"{', '.join(added[:-1])} and {added[-1]} added."
    )
    message += lists_imported(result)
    if result.skipped:
        message += f" {count_of(result.skipped, 'item was', 'items were')} skipped."
    return message


def _a(label: str) -> str:
    """ "a Letterboxd", "an IMDb", "a Movie Tracker backup"."""
    return f"an {label}" if label[:1] in "AEIOU" else f"a {label}"


def missing_details(count: int) -> str:
    if count == 0:
        return "Every movie in your library has its details."
    return (
        f"{count_of(count, 'movie lacks', 'movies lack')} an IMDb ID or a poster. OMDb can fill "
        "in their year, director, genre, runtime and poster, ten movies at a time."
    )


def fill_in_progress(tally: FillInResult) -> str:
    looked_up = tally.filled + tally.not_found
    return (
        f"Looked up {looked_up:,} of {count_of(looked_up + tally.remaining, 'movie', 'movies')}; "
        f"{tally.filled:,} filled in"
    )


def filled_in_message(tally: FillInResult, stopped: bool, zone: tzinfo | None = None) -> str:
    """What a run of fill-in did and why it ended: done, stopped, the app's daily budget,
    OMDb's limit or an error; when to go on is given in `zone`, the person's time zone."""
    done = f"Filled in the details of {count_of(tally.filled, 'movie', 'movies')}."
    if tally.not_found:
        unknown = count_of(tally.not_found, "movie", "movies")
        done += f" OMDb does not know {unknown}, and will not be asked about them again."
    left = f"{count_of(tally.remaining, 'movie still lacks', 'movies still lack')} details"
    if tally.budget_reached or tally.limit_reached:
        resume = tally.resume_after
        when = omdb_day_starts(resume, zone) if resume else "tomorrow"
        why = (
            "Today's OMDb budget is spent."
            if tally.budget_reached
            else "OMDb's daily limit is reached."
        )
        return f"{why} {done} {left}: go on after {when}."
    if tally.error:
        return f"{tally.error} {done} {left}: try again later."
    if stopped:
        return f"Stopped. {done} {left}: press Fill in details to go on."
    return done


def omdb_day_starts(moment: datetime, zone: tzinfo | None) -> str:
    """When OMDb's next day starts (`moment`, a midnight UTC), in the person's own time
    when their zone is known and its clock is not UTC's."""
    local = moment.astimezone(zone) if zone is not None else moment
    if local.utcoffset() == timedelta(0):
        return f"{moment:%H:%M} UTC on {day_month_year(moment.date())}"
    return f"{local:%H:%M} on {day_month_year(local.date())}, your time (midnight UTC)"


def omdb_requests_today(budget: OmdbBudget) -> str:
    return (
        f"OMDb lookups today: {budget.used:,} of the {budget.limit:,} a day that filling in "
        "may use (everyone's lookups count toward it)."
    )


def omdb_budget_spent(budget: OmdbBudget, zone: tzinfo | None) -> str:
    return (
        f"Today's OMDb budget is spent: {budget.used:,} of {budget.limit:,} lookups. Fill in "
        f"details again after {omdb_day_starts(budget.resets_at, zone)}."
    )
