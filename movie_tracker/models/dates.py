"""When a film was watched, as the person remembers it: a day ("2015-03-14"), a month
("2015-03"), a year ("2015"), or not at all (None).

A WatchDate is placed on one day, so that every watch sorts, pages and counts by one date:
a day on itself, a month on its last day, a year on 31 December. Of watches placed on the
same day, the day comes first, then the month, then the year: a watch on 31 March 2015,
then one in March 2015, then one in 2015 (DatePrecision's values sort in that order, and
the store sorts by them). Letterboxd and Trakt need a day or nothing, so their imports
are always to the day, and the Letterboxd export never makes up a day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from movie_tracker.models.errors import ValidationError, quote

FIRST_WATCH_DATE = date(1870, 1, 1)
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_FORMATS = "a day as YYYY-MM-DD, a month as YYYY-MM or a year as YYYY"


class DatePrecision(str, Enum):
    """How much of a date the person knows. The values sort day < month < year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @classmethod
    def parse(cls, value: object) -> DatePrecision:
        """ "day", "month" or "year" (None: day, as every watch was before months and years)."""
        if value is None:
            return cls.DAY
        for precision in cls:
            if value in (precision, precision.value):
                return precision
        raise ValidationError(
            "precision", f'A date is to the "day", "month" or "year", not {quote(value)}.'
        )


DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@dataclass(frozen=True)
class WatchDate:
    """A date watched: `watched_on` is the day that places it (the day itself, or the
    last day of its month or year), `precision` how much of it is known."""

    watched_on: date
    precision: DatePrecision = DAY

    @classmethod
    def placed(cls, day: date, precision: DatePrecision = DAY) -> WatchDate:
        """The date of `precision` that `day` falls in, placed at its end."""
        if precision is YEAR:
            return cls(date(day.year, 12, 31), YEAR)
        if precision is MONTH:
            last = calendar.monthrange(day.year, day.month)[1]
            return cls(date(day.year, day.month, last), MONTH)
        return cls(day, DAY)

    @classmethod
    def month(cls, year: int, month: int) -> WatchDate:
        return cls.placed(date(year, month, 1), MONTH)

    @classmethod
    def year(cls, year: int) -> WatchDate:
        return cls.placed(date(year, 1, 1), YEAR)

    @classmethod
    def of(cls, day: date | None, precision: DatePrecision = DAY) -> WatchDate | None:
        """A watch's date from its two fields; None when it has none."""
        return cls.placed(day, precision) if day is not None else None

    @property
    def start(self) -> date:
        """The first day it may have been: a month's first, a year's 1 January."""
        if self.precision is YEAR:
            return date(self.watched_on.year, 1, 1)
        if self.precision is MONTH:
            return self.watched_on.replace(day=1)
        return self.watched_on

    @property
    def iso(self) -> str:
        """As written: "2015-03-14", "2015-03" or "2015"."""
        text = self.watched_on.isoformat()
        return {DAY: text, MONTH: text[:7], YEAR: text[:4]}[self.precision]

    @property
    def sort_key(self) -> tuple[date, str]:
        """Earlier first; of one placing day, the day, then the month, then the year."""
        return (self.watched_on, self.precision.value)


def parse_watch_date(value: object) -> WatchDate | None:
    """A date watched as given: a WatchDate, a date (or datetime), or text: "2015-03-14",
    "2015-03", "2015"; None (or blank) when it is not known. Not checked against today."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, WatchDate):
        return WatchDate.placed(value.start, value.precision)
    if isinstance(value, datetime):
        return WatchDate(value.date())
    if isinstance(value, date):
        return WatchDate(value)
    if not isinstance(value, str):
        raise ValidationError("watched_on", "The date watched must be a date, or left empty.")
    text = value.strip()
    try:
        if month := _MONTH.fullmatch(text):
            return WatchDate.month(int(month[1]), int(month[2]))
        if _YEAR.fullmatch(text):
            return WatchDate.year(int(text))
        return WatchDate(date.fromisoformat(text))
    except ValueError:
        raise ValidationError(
            "watched_on", f"Enter {_FORMATS} ({quote(value)} is none of those)."
        ) from None


def clean_watch_date(value: object, today: date) -> WatchDate | None:
    """The date a film was watched (as parse_watch_date reads it), not in the future, not
    before films existed. A month or a year is in the future only once it starts after
    `today` (the person's date): March is fine on 10 March."""
    watched = parse_watch_date(value)
    if watched is None:
        return None
    if watched.start > today:
        if watched.precision is DAY:
            raise ValidationError(
                "watched_on", f"The date watched cannot be in the future (today is {today})."
            )
        raise ValidationError(
            "watched_on",
            f"The date watched cannot be in the future: {watched.iso} has not begun "
            f"(today is {today}).",
        )
    if watched.start < FIRST_WATCH_DATE:
        raise ValidationError(
            "watched_on", f"Enter a date from {FIRST_WATCH_DATE} on, or leave it empty."
        )
    return watched
