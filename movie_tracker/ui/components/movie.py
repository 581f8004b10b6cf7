"""The open movie's render helpers: its details, its diary entries and the forms that act
on it. Each draws plain data and returns what the person entered; none touches the service.

The forms keep what was typed (no clear_on_submit): when the service refuses an input,
the person corrects it instead of typing it again. The page forgets a form after a success.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import streamlit as st

from movie_tracker.models import RATING_CHOICES, Movie, Status, Watch, WatchDate, stars
from movie_tracker.ui import log_text, text
from movie_tracker.ui.components import watch_date
from movie_tracker.ui.components.library import rating_name
from movie_tracker.ui.library_text import runtime_length
from movie_tracker.ui.posters import poster_key
from movie_tracker.ui.reviews import review_markdown
from movie_tracker.ui.text import escape_markdown
from movie_tracker.ui.widgets import poster

STATUS_OPTIONS = [Status.WANT_TO_WATCH.value, Status.WATCHED.value]

# Widget keys of the "Log a watch" form, so the page can empty it after a success.
LOG_DATE_KEY = "log_watched_on"  # the day picker's; its date input's others follow from it
LOG_RATING_KEY = "log_rating"
LOG_REVIEW_KEY = "log_review"
LOG_TAGS_KEY = "log_tags"
LOG_KEYS = (*watch_date.keys(LOG_DATE_KEY), LOG_RATING_KEY, LOG_REVIEW_KEY, LOG_TAGS_KEY)


@dataclass(frozen=True)
class WatchInput:
    """A diary entry as entered: the date (a day, a month or a year; None: not
    remembered), stars, review and tags."""

    watched_on: WatchDate | None
    rating: float | None
    review: str
    tags: str
    seen_before: bool = False  # the Rewatch tick of a first watch


@dataclass(frozen=True)
class DetailsInput:
    title: str
    year: str
    director: str
    genre: str


@dataclass(frozen=True)
class EntryAction:
    """What the person did to one diary entry (by its id): saved it as `entered`, or, with
    `entered` None, asked to delete it ("ask": the question is on the page), then
    confirmed ("confirm") or withdrew ("cancel") the delete."""

    watch_id: int
    entered: WatchInput | None = None
    delete: Literal["ask", "confirm", "cancel"] | None = None


def back_to_library() -> bool:
    return st.button("← Back to the Library", key="movie_back", type="tertiary")


def not_found(message: str) -> bool:
    """A movie that is not there (`message` is markdown), and the way back; True when
    "Back" is pressed."""
    st.title("Library")
    st.header("Movie not found")
    st.error(message)
    return back_to_library()


def details(movie: Movie) -> None:
    """Poster, year, director, genre, runtime, plot, IMDb's link and rating, your stars,
    under the Library's own title (the address is the Library's: /library?movie=<id>)."""
    st.title("Library")
    st.header(escape_markdown(movie.label))
    picture, about = st.columns([1, 3])
    with picture:
        poster(poster_key("movie", movie.id), movie.poster_url, movie.label, 160)
    lines = [
        ("Status", movie.status.value),
        ("Your rating", stars(movie.rating) or "Not rated"),
        ("Year", str(movie.year) if movie.year else "unknown"),
        ("Director", movie.director or "unknown"),
        ("Genre", movie.genre or "unknown"),
        ("Runtime", runtime_length(movie.runtime_minutes) or "unknown"),
        ("IMDb rating", f"{movie.imdb_rating:g}/10" if movie.imdb_rating is not None else "none"),
    ]
    about.markdown("  \n".join(f"**{name}:** {escape_markdown(value)}" for name, value in lines))
    if movie.imdb_url:
        about.link_button("IMDb ↗", movie.imdb_url)
    if movie.plot:
        about.text(movie.plot)


def diary_entries(
    watches: Sequence[Watch], today: date, pending_delete: int | None = None
) -> EntryAction | None:
    """Your watches of this movie, newest first, each with its edit and delete; the entry
    whose id is `pending_delete` asks whether to delete it."""
    st.subheader("Your diary entries")
    if not watches:
        st.info("No diary entries yet. Log a watch below when you have seen it.")
        return None
    action = None
    for watch in watches:
        with st.container(border=True):
            action = _entry(watch, today, pending_delete) or action
    return action


def _entry(watch: Watch, today: date, pending_delete: int | None) -> EntryAction | None:
    marks = [text.watched_on(watch.when), stars(watch.rating) or "no rating"]
    if watch.rewatch:
        marks.append("rewatch")
    st.markdown(f"**{escape_markdown(' · '.join(marks))}**")
    if watch.review:
        st.markdown(review_markdown(watch.review))  # as written: ui/reviews.py
    if watch.tags:
        st.caption(escape_markdown("Tags: " + ", ".join(watch.tags)))
    watch_id = watch.id or 0
    with st.expander("Edit or delete this entry"):
        entered = watch_form(f"entry_{watch_id}", watch, today, "Save entry")
        asked = st.button("Delete entry", key=f"entry_delete_{watch_id}")
    if entered is not None:
        return EntryAction(watch_id, entered)
    if not (asked or pending_delete == watch_id):
        return None
    review = " and its review" if watch.review else ""
    question = f"Delete this diary entry ({' · '.join(marks[:2])}){review}?"
    answer = _confirm(f"{escape_markdown(question)} This cannot be undone.", f"entry_{watch_id}")
    if answer is not None:
        return EntryAction(watch_id, delete=answer)
    return EntryAction(watch_id, delete="ask") if asked else None


def watch_form(
    name: str,
    watch: Watch | None,
    today: date,
    submit: str,
    *,
    rewatch: bool | None = None,
) -> WatchInput | None:
    """The date watched (a day, today unless changed; a month; a year; or not remembered:
    ui/components/watch_date.py), stars in halves picked with one click, a review and
    tags: the one set of fields for every form that logs or edits a watch (the movie
    view's, the Log a film dialog's). Returns what was entered when `submit` is pressed.
    `today` is the person's date; an entry may be dated later (logged from a zone already
    a day ahead). With `rewatch` (None: no such field), a Rewatch tick too: True when the
    film was logged before, so this watch is a rewatch whatever the tick says (it is
    ticked and cannot be unticked); False lets a first watch be marked as seen before."""
    keys = _keys(name)
    when = watch_date.watch_date_input(keys[0], watch.when if watch else WatchDate(today), today)
    with st.form(name, border=False):
        rating = stars_input(keys[-3], watch.rating if watch else None)
        review = st.text_area("Review", value=watch.review if watch else "", key=keys[-2])
        tags = st.text_input(
            "Tags, separated by commas",
            value=", ".join(watch.tags) if watch else "",
            key=keys[-1],
        )
        seen_before = False
        if rewatch is not None:
            seen_before = st.checkbox(
                "Rewatch",
                value=rewatch,
                disabled=rewatch,
                help=log_text.SEEN_BEFORE if rewatch else log_text.FIRST_WATCH,
                key=f"{name}_rewatch_{rewatch}",  # a new tick once the film is logged
            )
        pressed = st.form_submit_button(submit, type="primary")
    if not pressed:
        return None
    return WatchInput(when, rating, review or "", tags or "", seen_before and not rewatch)


def stars_input(key: str, rating: float | None) -> float | None:
    """The stars in halves, each one click (a second click on the chosen stars clears
    them): pills wrap on a narrow screen where a select would hide them."""
    picked = st.pills(
        "Rating",
        RATING_CHOICES,
        default=rating if rating in RATING_CHOICES else None,
        format_func=stars,
        key=key,
    )
    return float(picked) if picked is not None else None


def _keys(name: str) -> tuple[str, ...]:
    return LOG_KEYS if name == "log_watch" else tuple(f"{name}_{key}" for key in LOG_KEYS)


def rate_form(movie: Movie) -> tuple[Literal["rate", "clear"], float | None] | None:
    """Your rating in half stars; ("rate", stars), ("clear", None) or None. It starts at
    the movie's rating; for a movie not rated yet nothing is chosen (and Save waits)."""
    options = RATING_CHOICES
    picked = st.selectbox(
        "Your rating",
        options,
        index=options.index(movie.rating) if movie.rating in options else None,
        format_func=rating_name,
        placeholder="Choose the stars",
        key=f"movie_rating_{movie.id}_{movie.rating}",
    )
    save, clear, _ = st.columns([1, 1, 2])
    if save.button("Save rating", type="primary", disabled=picked is None):
        return "rate", picked
    if clear.button("Clear rating", disabled=movie.rating is None):
        return "clear", None
    return None


def status_form(movie: Movie) -> str | None:
    """The new status when "Change status" is pressed."""
    new_status = st.selectbox(
        "New status",
        STATUS_OPTIONS,
        index=STATUS_OPTIONS.index(movie.status.value),
        key=f"movie_status_{movie.id}_{movie.status.value}",
    )
    if st.button("Change status", type="primary"):
        return new_status
    return None


def edit_form(movie: Movie) -> DetailsInput | None:
    """Title, year, director and genre as typed, when "Save details" is pressed."""
    with st.form(f"edit_movie_{movie.id}", border=False):
        title = st.text_input("Title", value=movie.title)
        year = st.text_input("Year", value=str(movie.year) if movie.year else "")
        director = st.text_input("Director", value=movie.director or "")
        genre = st.text_input("Genre", value=movie.genre or "")
        pressed = st.form_submit_button("Save details", type="primary")
    if not pressed:
        return None
    return DetailsInput(title or "", year or "", director or "", genre or "")


def delete_button() -> bool:
    return st.button("Delete movie")


def confirm_delete(label: str) -> Literal["confirm", "cancel"] | None:
    """The second click a delete needs."""
    question = f"Delete {escape_markdown(label)} from your library? This cannot be undone."
    return _confirm(question, "movie")


def _confirm(question: str, key: str) -> Literal["confirm", "cancel"] | None:
    """A delete's question (markdown) with Confirm delete and Cancel; `key` tells its
    buttons from another question's on the page."""
    st.warning(question)
    confirm_column, cancel_column, _ = st.columns([1, 1, 3])
    if confirm_column.button("Confirm delete", type="primary", key=f"{key}_confirm_delete"):
        return "confirm"
    if cancel_column.button("Cancel", key=f"{key}_cancel_delete"):
        return "cancel"
    return None
