"""The date a film was watched, as the person remembers it: one widget for every form
that dates a watch (the movie view's "Log a watch" and "Edit entry", and any dialog that
logs a film).

"Date watched" offers Day, Month, Year and Don't remember, then the inputs that fit: a
date picker for a day, month and year selects for a month, a year select for a year,
nothing for a date not remembered. It is drawn outside any st.form, so that choosing
one reruns the page and shows its inputs; a form below it reads what it returns when it
is submitted. It returns a WatchDate, or None for "Don't remember"; the service refuses a
month or a year still to come, with a message that says so.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from movie_tracker.models import FIRST_WATCH_DATE, DatePrecision, WatchDate
from movie_tracker.ui.text import MONTH_NAMES

DAY, MONTH, YEAR, UNKNOWN = "Day", "Month", "Year", "Don't remember"
CHOICES = (DAY, MONTH, YEAR, UNKNOWN)
_CHOICE_OF = {DatePrecision.DAY: DAY, DatePrecision.MONTH: MONTH, DatePrecision.YEAR: YEAR}


def keys(key: str) -> tuple[str, ...]:
    """The widget keys of the date input named `key`: the day picker's is `key` itself,
    then the choice's, the month's and the year's (a page empties them after a success)."""
    return (key, f"{key}_precision", f"{key}_month", f"{key}_year")


def watch_date_input(key: str, value: WatchDate | None, today: date) -> WatchDate | None:
    """The date watched, starting at `value` (a new watch: today, the person's date; None:
    not remembered). A day may be later than `today` only when `value` already is (an
    entry logged where the day had already begun)."""
    day_key, choice_key, month_key, year_key = keys(key)
    chosen = st.radio(
        "Date watched",
        CHOICES,
        index=CHOICES.index(_CHOICE_OF[value.precision] if value else UNKNOWN),
        horizontal=True,
        key=choice_key,
    )
    start = value.start if value else today
    if chosen == DAY:
        own_day = value.watched_on if value and value.precision is DatePrecision.DAY else today
        latest = max(today, own_day)
        picked = st.date_input(
            "Day watched",
            value=min(start, latest),
            min_value=FIRST_WATCH_DATE,
            max_value=latest,
            key=day_key,
        )
        return WatchDate(picked)
    if chosen == UNKNOWN:
        return None
    years = list(range(max(today.year, start.year), FIRST_WATCH_DATE.year - 1, -1))
    if chosen == MONTH:
        month_column, year_column = st.columns(2)
        month = month_column.selectbox(
            "Month",
            range(1, 13),
            index=start.month - 1,
            format_func=lambda number: MONTH_NAMES[number - 1],
            key=month_key,
        )
        year = year_column.selectbox("Year", years, index=years.index(start.year), key=year_key)
        return WatchDate.month(year, month)
    year = st.selectbox("Year", years, index=years.index(start.year), key=year_key)
    return WatchDate.year(year)
