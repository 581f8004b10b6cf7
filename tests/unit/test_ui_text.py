"""The sentences and tables the pages show, made from plain data (no Streamlit)."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from movie_tracker.models import LibraryEvent, Movie, Status
from movie_tracker.omdb import (
    IncorrectImdbId,
    InvalidApiKey,
    MovieNotFound,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
)
from movie_tracker.service import FillInResult, OmdbBudget
from movie_tracker.ui import frames, import_text
from movie_tracker.ui.text import (
    day_month_year,
    describe_event,
    escape_markdown,
    lookup_failure_message,
    search_failure_message,
    time_ago,
)
from tests.factories import MovieFactory
from tests.markdown import as_read, formatting, reads_as_typed

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("elapsed", "text"),
    [
        (timedelta(seconds=-30), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=3, seconds=59), "3 minutes ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=23, minutes=59), "23 hours ago"),
        (timedelta(days=1, hours=5), "yesterday"),
        (timedelta(days=2), "2 days ago"),
        (timedelta(days=29), "29 days ago"),
        (timedelta(days=30), "on 2026-10-26"),
    ],
)
def test_time_ago_reads_like_a_person_would_say_it(elapsed, text):
    assert time_ago(NOW - elapsed, NOW) == text


def test_time_ago_treats_naive_times_as_utc():
    naive_now = NOW.replace(tzinfo=None)
    assert time_ago(naive_now - timedelta(minutes=5), NOW) == "5 minutes ago"
    assert time_ago(NOW - timedelta(minutes=5), naive_now) == "5 minutes ago"


def test_an_old_change_is_dated_in_the_persons_zone():
    changed = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)  # 2 Mar 10:30 in Sydney
    in_sydney = NOW.astimezone(ZoneInfo("Australia/Sydney"))
    assert time_ago(changed, in_sydney) == "on 2026-03-02"
    assert time_ago(changed, NOW) == "on 2026-03-01"


def event(name, **fields):
    defaults = {"id": 1, "ts": NOW - timedelta(minutes=3), "title": "Heat", "year": 1995}
    return LibraryEvent(name=name, **{**defaults, **fields})


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (
            event(
                "movie.status_changed", status=Status.WATCHED, previous_status=Status.WANT_TO_WATCH
            ),
            "Marked Heat (1995) as Watched, 3 minutes ago",
        ),
        (event("movie.status_changed"), "Changed the status of Heat (1995), 3 minutes ago"),
        (
            event("movie.added", status=Status.WANT_TO_WATCH),
            "Added Heat (1995) as Want to Watch, 3 minutes ago",
        ),
        (event("movie.added", year=None), "Added Heat, 3 minutes ago"),
        (event("movie.deleted", status=Status.WATCHED), "Deleted Heat (1995), 3 minutes ago"),
        (event("movie.renamed", title=None), "Changed a movie, 3 minutes ago"),
        (event("movie.renamed"), "Changed Heat (1995), 3 minutes ago"),
    ],
)
def test_each_event_reads_as_a_sentence(item, text):
    assert describe_event(item, NOW) == text


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (
            event("watch.logged", watched_on=date(2026, 3, 3), rating=3.5),
            "Watched Heat (1995) on 3 Mar 2026, rated ★★★½, 3 minutes ago",
        ),
        (
            event("watch.logged", watched_on=date(2026, 11, 21)),
            "Watched Heat (1995) on 21 Nov 2026, 3 minutes ago",
        ),
        (event("watch.logged", rating=0.5), "Watched Heat (1995), rated ½, 3 minutes ago"),
        (event("watch.logged"), "Watched Heat (1995), 3 minutes ago"),
        (
            event("watch.updated", watched_on=date(2026, 3, 3), rating=4.0),
            "Edited the diary entry for Heat (1995), 3 minutes ago",
        ),
        (
            event("watch.deleted", watched_on=date(2026, 3, 3)),
            "Removed a diary entry for Heat (1995), 3 minutes ago",
        ),
        (event("movie.rated", rating=4.0), "Rated Heat (1995) ★★★★, 3 minutes ago"),
        (event("movie.rated", rating=5.0, year=None), "Rated Heat ★★★★★, 3 minutes ago"),
        (event("movie.rated"), "Cleared the rating of Heat (1995), 3 minutes ago"),
        (event("movie.edited"), "Edited the details of Heat (1995), 3 minutes ago"),
        (event("watch.logged", title=None), "Watched a movie, 3 minutes ago"),
    ],
)
def test_diary_and_rating_events_read_as_sentences(item, text):
    assert describe_event(item, NOW) == text


@pytest.mark.parametrize(
    ("source", "counts", "text"),
    [
        (
            "letterboxd",
            (("movies_added", 2604), ("movies_updated", 1), ("watches_added", 2132),
             ("ratings_added", 0), ("watchlist_added", 777)),
            "Imported a Letterboxd export: 2,604 movies added, 1 movie updated, "
            "2,132 watches added, 777 watchlist entries added, 3 minutes ago",
        ),
        ("imdb", (("reviews_added", 1),), "Imported an IMDb export: 1 review added, 3 minutes ago"),
        ("trakt", (("movies_added", 0),), "Imported a Trakt export: nothing new, 3 minutes ago"),
        (None, (), "Imported an export: nothing new, 3 minutes ago"),
        (
            "backup",
            (("movies_added", 3), ("watches_added", 1)),
            "Restored a Movie Tracker backup: 3 movies added, 1 watch added, 3 minutes ago",
        ),
    ],
)  # fmt: skip
def test_an_import_reads_as_what_it_brought(source, counts, text):
    item = event("import.completed", title=None, year=None, source=source, counts=counts)
    assert describe_event(item, NOW) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 1), "1 Jan 2026"),
        (date(2026, 3, 3), "3 Mar 2026"),
        (date(1999, 9, 30), "30 Sep 1999"),
        (date(2026, 12, 25), "25 Dec 2026"),
    ],
)
def test_dates_read_day_month_year_without_a_leading_zero(day, text):
    assert day_month_year(day) == text


@pytest.mark.parametrize(
    ("error", "advice"),
    [
        (MovieNotFound(), "Check the spelling or use the IMDb ID (like tt0113277)"),
        (IncorrectImdbId(), "Check the spelling or use the IMDb ID (like tt0113277)"),
        (TooManyResults(), "Type the full title or its IMDb ID (like tt0113277)"),
        (OmdbUnavailable(), "Try the lookup again later"),
        (InvalidApiKey(), "Lookups cannot work until that is fixed;"),
        (RequestLimitReached(), "Lookups cannot work until that is fixed;"),
        (OmdbRejected("Something went wrong."), "Try another lookup"),
    ],
)
def test_a_failed_lookup_says_why_what_to_try_and_that_adding_still_works(error, advice):
    message = lookup_failure_message(error)
    assert message.startswith(str(error))
    assert advice in message
    assert message.endswith("add the movie without details.")


def test_a_failed_search_says_what_to_try():
    assert search_failure_message(MovieNotFound()).endswith("search for fewer words.")
    assert search_failure_message(TooManyResults()) == str(TooManyResults())
    assert search_failure_message(OmdbUnavailable()) == str(OmdbUnavailable())


def test_markdown_characters_in_titles_are_shown_as_typed():
    assert escape_markdown("*batteries not included") == "\\*batteries not included"
    assert escape_markdown("Heat (1995): $5 [uncut] <b>") == "Heat (1995): \\$5 \\[uncut\\] \\<b\\>"
    assert escape_markdown("Heat (1995)") == "Heat (1995)"
    assert escape_markdown("ALLOWED_EMAILS and DATABASE_URL") == "ALLOWED_EMAILS and DATABASE_URL"


TYPED = [
    "M*A*S*H", "[Rec]", "$9.99", "$9.99 and $5", "<b>x</b>", "_Underscore_", "# Hash",
    "- Minus", "+ Plus", "1917. The War", "2001) Odyssey", "=", "Tom &amp; Jerry", "&#42;",
    "AT&T", "a_b_c", "C:\\films\\_new_", "~~struck~~", "`code`", "Pipe | table", "**bold**",
    ":red[x]", "<https://example.org>", "Heat (1995)", "Alien: Director's Cut",
]  # fmt: skip
CONTEXTS = ["{}", "**{}**", "- {}", "Deleted {} from your library.", "{} (1995)  \nMovie"]


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("context", CONTEXTS)
def test_an_escaped_title_reads_as_typed_wherever_it_meets_markdown(typed, context):
    source = context.format(escape_markdown(typed))
    assert reads_as_typed(source, typed), as_read(source)
    assert not set(formatting(source)) - set(formatting(context.format("plain")))


@pytest.mark.parametrize("typed", ["M*A*S*H", "_Underscore_", "# Hash", "<b>x</b>", "$1 and $2"])
def test_unescaped_such_titles_would_not_read_as_typed(typed):
    """The markdown reader the tests use sees what Streamlit would have shown."""
    assert not reads_as_typed(typed, typed)


def test_movies_frame_has_one_row_a_movie_in_table_order():
    stored = MovieFactory.build(
        title="Heat", year=1995, status=Status.WATCHED, imdb_id="tt0113277", id=1, date_added=NOW
    )
    bare = Movie(title="Unknown", id=2, date_added=NOW)
    frame = frames.movies_frame([stored, bare])
    assert list(frame.columns) == list(frames.LIBRARY_COLUMNS)
    assert frame.loc[0, "IMDb"] == "https://www.imdb.com/title/tt0113277/"
    assert frame.loc[0, "Added"] == pd.Timestamp(NOW)
    assert str(frame["Year"].dtype) == "Int64"
    assert frame.loc[1].isna()[["Poster", "Year", "Director", "Genre", "IMDb"]].all()


def test_an_empty_movies_frame_still_has_its_columns():
    frame = frames.movies_frame([])
    assert list(frame.columns) == list(frames.LIBRARY_COLUMNS)
    assert frame.empty


def test_counts_frame_keeps_the_order_given():
    frame = frames.counts_frame((("Drama", 3), ("Crime", 5)), "Genre")
    assert list(frame.itertuples(index=False, name=None)) == [("Drama", 3), ("Crime", 5)]


# -- filling in details: OMDb's day, in the person's own time -------------------------------

MIDNIGHT_UTC = datetime(2026, 11, 26, tzinfo=timezone.utc)


def test_the_next_omdb_day_is_given_in_the_persons_own_time_when_known():
    assert import_text.omdb_day_starts(MIDNIGHT_UTC, None) == "00:00 UTC on 26 Nov 2026"
    assert import_text.omdb_day_starts(MIDNIGHT_UTC, ZoneInfo("Europe/London")) == (
        "00:00 UTC on 26 Nov 2026"
    )
    assert import_text.omdb_day_starts(MIDNIGHT_UTC, ZoneInfo("Australia/Sydney")) == (
        "11:00 on 26 Nov 2026, your time (midnight UTC)"
    )
    assert import_text.omdb_day_starts(MIDNIGHT_UTC, ZoneInfo("America/Los_Angeles")) == (
        "16:00 on 25 Nov 2026, your time (midnight UTC)"
    )


def test_the_days_omdb_requests_are_counted_for_everyone():
    budget = OmdbBudget(used=412, limit=900, resets_at=MIDNIGHT_UTC)
    assert import_text.omdb_requests_today(budget) == (
        "OMDb lookups today: 412 of the 900 a day that filling in may use (everyone's "
        "lookups count toward it)."
    )


def test_a_spent_budget_says_when_filling_in_goes_on():
    budget = OmdbBudget(used=900, limit=900, resets_at=MIDNIGHT_UTC)
    assert import_text.omdb_budget_spent(budget, ZoneInfo("Australia/Sydney")) == (
        "Today's OMDb budget is spent: 900 of 900 lookups. Fill in details again after "
        "11:00 on 26 Nov 2026, your time (midnight UTC)."
    )


def test_a_fill_in_stopped_by_the_budget_says_what_it_did_and_when_it_goes_on():
    tally = FillInResult(
        filled=880, not_found=20, remaining=2493, budget_reached=True, resume_after=MIDNIGHT_UTC
    )
    assert import_text.filled_in_message(tally, stopped=False, zone=None) == (
        "Today's OMDb budget is spent. Filled in the details of 880 movies. OMDb does not "
        "know 20 movies, and will not be asked about them again. 2,493 movies still lack "
        "details: go on after 00:00 UTC on 26 Nov 2026."
    )
