"""Letterboxd account exports: the ZIP and its loose CSVs, with every quirk of the files."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from movie_tracker.exporters import letterboxd_zip
from movie_tracker.importers import (
    ALREADY_WATCHED,
    DELETED,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    UnreadableExport,
    read_export,
    read_exports,
)
from movie_tracker.models import Movie, Status, Watch
from tests.importer_files import (
    LB_COMMENTS,
    LB_DIARY,
    LB_FILMS,
    LB_LIKES,
    LB_PROFILE,
    LB_RATINGS,
    LB_REVIEWS,
    LetterboxdExport,
    csv_bytes,
    lb_list_file,
    lb_uri,
)


def read(export: LetterboxdExport) -> ImportPlan:
    return read_export("letterboxd-user-2024.zip", export.zip())


def diary(
    name: str,
    year: object,
    entry: str,
    watched: str,
    *,
    rating: object = "",
    rewatch: str = "",
    tags: str = "",
    logged: str = "2024-05-01",
) -> list[object]:
    return [logged, name, year, lb_uri(entry), rating, rewatch, tags, watched]


def review(
    name: str, year: object, entry: str, text: str, watched: str = "", rating: object = ""
) -> list[object]:
    return ["2024-05-02", name, year, lb_uri(entry), rating, "", text, "", watched]


def film(name: str, year: object, slug: str, added: str = "2024-01-01") -> list[object]:
    return [added, name, year, lb_uri(slug)]


def letterboxd_zip_files() -> dict[str, bytes]:
    """Movie Tracker's Letterboxd download of a film watched once, one marked watched with no
    watch (an undated row) and one on the watchlist."""
    movies = [
        Movie("Heat", Status.WATCHED, 1995, imdb_id="tt0113277", id=1),
        Movie("Alien", Status.WATCHED, 1979, id=2),
        Movie("Up", Status.WANT_TO_WATCH, 2009, id=3),
    ]
    data = letterboxd_zip(movies, [Watch(1, date(2024, 1, 1), 4.0)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_diary_row_is_a_watch_on_its_watched_date_not_its_logged_date() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            diary=[diary("Heat", 1995, "e1", "2019-03-02", logged="2024-05-01", rating="4.5")],
        )
    )

    (movie,) = plan.movies
    assert plan.source == "letterboxd"
    assert (movie.title, movie.year, movie.status) == ("Heat", 1995, Status.WATCHED)
    assert movie.source_key == lb_uri("heat")
    assert movie.added_on == date(2024, 1, 1)
    (watch,) = movie.watches
    assert watch.watched_on == date(2019, 3, 2)
    assert watch.rating == 4.5
    assert (watch.file, watch.line) == ("diary.csv", 2)


@pytest.mark.parametrize("rating", ["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"])
def test_half_star_ratings_are_kept(rating: str) -> None:
    plan = read(LetterboxdExport(diary=[diary("Heat", 1995, "e1", "2019-03-02", rating=rating)]))

    assert plan.movies[0].watches[0].rating == float(rating)


@pytest.mark.parametrize(
    ("flag", "rewatch"), [("Yes", True), ("true", True), ("1", True), ("", False)]
)
def test_rewatch_is_read_as_the_file_says(flag: str, rewatch: bool) -> None:
    plan = read(LetterboxdExport(diary=[diary("Heat", 1995, "e1", "2019-03-02", rewatch=flag)]))

    assert plan.movies[0].watches[0].rewatch is rewatch


def test_tags_split_on_commas_with_their_spaces_trimmed() -> None:
    plan = read(
        LetterboxdExport(
            diary=[
                diary(
                    "Ran", 1985, "e1", "2019-03-02", tags="jidaigeki, in-black-and-white,  on vhs "
                )
            ]
        )
    )

    assert plan.movies[0].watches[0].tags == ("jidaigeki", "in-black-and-white", "on vhs")


def test_every_diary_row_of_a_film_is_its_own_watch_in_date_order() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            diary=[
                diary("Heat", 1995, "e2", "2022-01-01", rewatch="Yes", rating="5"),
                diary("Heat", 1995, "e1", "2010-01-01", rating="3"),
            ],
        )
    )

    (movie,) = plan.movies
    assert [(w.watched_on, w.rewatch) for w in movie.watches] == [
        (date(2010, 1, 1), False),
        (date(2022, 1, 1), True),
    ]
    assert plan.summary.watches == 2


def test_titles_with_commas_quotes_and_accents_survive_and_an_empty_year_is_allowed() -> None:
    names = ["Crazy, Stupid, Love.", 'The "Best" Film', "Nausicaä", "Heaven’s Waiting"]
    plan = read(
        LetterboxdExport(
            watched=[
                film(names[0], 2011, "a"),
                film(names[1], 2001, "b"),
                film(names[2], 1984, "c"),
                film(names[3], "", "d"),
            ]
        )
    )

    assert [m.title for m in plan.movies] == names
    assert plan.movies[3].year is None


def test_diary_rows_join_to_films_by_name_and_year_ignoring_case_and_accents() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Amélie", 2001, "amelie"), film("Heat", 1995, "heat")],
            diary=[
                diary("AMELIE", 2001, "e1", "2020-01-01"),
                diary("Heat", 1986, "e2", "2020-01-01"),
            ],
        )
    )

    assert [(m.title, m.year, len(m.watches)) for m in plan.movies] == [
        ("Amélie", 2001, 1),
        ("Heat", 1995, 0),
        ("Heat", 1986, 1),  # another year is another film
    ]


def test_an_ambiguous_name_and_year_keeps_the_diary_row_as_its_own_film() -> None:
    plan = read(
        LetterboxdExport(
            watched=[
                film("The Haunted Castle", 1897, "one"),
                film("The Haunted Castle", 1897, "two"),
                film("Rain", 2019, "rain1"),
                film("rain", 2019, "rain2"),
            ],
            diary=[
                diary("The Haunted Castle", 1897, "e1", "2020-01-01"),
                diary("rain", 2019, "e2", "2020-01-01"),
            ],
        )
    )

    assert [(m.title, m.source_key[-5:], len(m.watches)) for m in plan.movies] == [
        ("The Haunted Castle", "t/one", 0),
        ("The Haunted Castle", "t/two", 0),
        ("Rain", "rain1", 0),
        ("rain", "rain2", 1),  # the exact name settles it
        ("The Haunted Castle", "", 1),
    ]


def test_a_diary_film_with_no_uri_and_not_in_watched_is_still_a_watched_film() -> None:
    row = ["2024-01-01", "A Short Not On Letterboxd", "2015", "", "", "", "", "2015-06-01"]
    plan = read(LetterboxdExport(diary=[row, row]))

    (movie,) = plan.movies
    assert movie.status is Status.WATCHED
    assert movie.source_key == ""
    assert len(movie.watches) == 2


def test_a_diary_film_not_on_letterboxd_counts_as_added_on_its_first_logged_date() -> None:
    """Regression: such a film (no URI, so no watched.csv row) was added on the day of the
    import, on top of "Date added"."""
    later = ["2024-03-05", "A Short Not On Letterboxd", "2015", "", "", "", "", "2024-03-04"]
    first = ["2024-01-02", "A Short Not On Letterboxd", "2015", "", "", "", "", "2015-06-01"]
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat", added="2024-02-01")],
            diary=[later, first, diary("Heat", 1995, "e1", "2019-03-02", logged="2023-01-01")],
        )
    )

    added = {movie.title: movie.added_on for movie in plan.movies}
    assert added == {"Heat": date(2024, 2, 1), "A Short Not On Letterboxd": date(2024, 1, 2)}


def test_a_review_attaches_to_its_diary_entry_with_crlf_lines_and_doubled_quotes_kept() -> None:
    text = 'First line, with a comma.\r\nThe "we did everything" <i>speech</i>&nbsp;…'
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            diary=[
                diary("Heat", 1995, "e1", "2019-03-02"),
                diary("Heat", 1995, "e9", "2020-03-02"),
            ],
            reviews=[review("Heat", 1995, "e1", text, watched="2019-03-02")],
        )
    )

    watches = plan.movies[0].watches
    assert watches[0].review == text.replace("\r\n", "\n")
    assert watches[1].review == ""
    assert plan.summary.reviews == 1
    assert plan.summary.watches == 2


def test_a_review_without_a_diary_entry_is_an_undated_watch_of_its_film() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            reviews=[review("Heat", 1995, "r1", "Great.", rating="4")],
        )
    )

    (watch,) = plan.movies[0].watches
    assert (watch.watched_on, watch.review, watch.rating) == (None, "Great.", 4.0)
    assert (watch.file, watch.line) == ("reviews.csv", 2)


def test_ratings_csv_is_the_current_rating_and_diary_ratings_stay_on_their_watches() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat"), film("Ran", 1985, "ran")],
            diary=[diary("Heat", 1995, "e1", "2019-03-02", rating="3")],
            ratings=[["2024-01-01", "Heat", 1995, lb_uri("heat"), "4.5"]],
        )
    )

    heat, ran = plan.movies
    assert heat.rating == 4.5
    assert heat.watches[0].rating == 3.0
    assert ran.rating is None
    assert plan.summary.ratings == 1


def test_without_ratings_csv_the_latest_rated_watch_gives_the_rating() -> None:
    plan = read(
        LetterboxdExport(
            diary=[
                diary("Heat", 1995, "e3", "2023-01-01"),
                diary("Heat", 1995, "e2", "2022-01-01", rating="2"),
                diary("Heat", 1995, "e1", "2010-01-01", rating="5"),
            ]
        )
    )

    assert plan.movies[0].rating == 2.0


def test_a_rated_film_missing_from_watched_is_added_as_watched() -> None:
    plan = read(LetterboxdExport(ratings=[["2024-01-01", "Ran", "", "", "3.5"]]))

    assert [(m.title, m.status, m.rating) for m in plan.movies] == [("Ran", Status.WATCHED, 3.5)]


def test_watched_wins_over_the_watchlist_and_the_overlap_is_counted() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            diary=[diary("Ran", 1985, "e1", "2020-01-01")],
            watchlist=[
                film("Heat", 1995, "heat"),
                film("Ran", 1985, "ran"),
                film("Alien", 1979, "alien"),
            ],
        )
    )

    assert [(m.title, m.status) for m in plan.movies] == [
        ("Heat", Status.WATCHED),
        ("Ran", Status.WATCHED),
        ("Alien", Status.WANT_TO_WATCH),
    ]
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (2, "Heat: already watched, and watched wins"),
        (3, "Ran: already watched, and watched wins"),
    ]
    assert plan.summary.skipped == ((ALREADY_WATCHED, 2),)
    assert (plan.summary.watched, plan.summary.watchlist) == (2, 1)


def test_a_film_on_the_watchlist_that_a_diary_row_names_is_watched() -> None:
    files = LetterboxdExport(watchlist=[film("Alien", 1979, "alien")]).files()
    loose_diary = csv_bytes(LB_DIARY, [diary("Alien", 1979, "e1", "2020-01-01")])
    plan = read_exports([("watchlist.csv", files["watchlist.csv"]), ("diary.csv", loose_diary)])

    assert [(m.status, len(m.watches)) for m in plan.movies] == [(Status.WATCHED, 1)]


def test_the_same_film_twice_in_watched_is_one_film() -> None:
    plan = read(LetterboxdExport(watched=[film("Heat", 1995, "heat"), film("Heat", 1995, "heat")]))

    assert len(plan.movies) == 1


def test_deleted_orphaned_likes_comments_and_profile_are_skipped_with_reasons() -> None:
    extra = {
        "deleted/diary.csv": csv_bytes(LB_DIARY, [diary("Gone", 2000, "g", "2020-01-01")]),
        "deleted/lists/old.csv": lb_list_file(("Gone", "2000")),
        "orphaned/reviews.csv": csv_bytes(LB_REVIEWS, []),
        "lists/best.csv": lb_list_file(("Heat", "1995", "", lb_uri("heat"))),
        "lists/old-style.csv": lb_list_file(("Heat", "1995", "", lb_uri("heat")), v7=False),
        "likes/films.csv": csv_bytes(LB_FILMS, [film("Heat", 1995, "heat")]),
        "likes/lists.csv": csv_bytes(LB_LIKES, [["2024-01-01", lb_uri("x")]]),
        "comments.csv": csv_bytes(LB_COMMENTS, [["2024-01-01", lb_uri("x"), "Nice, really"]]),
        "profile.csv": csv_bytes(LB_PROFILE, [["2019-01-01", "someone"] + [""] * 8]),
        "__MACOSX/._diary.csv": b"\x00\x05\x16\x07binary",
        "notes.txt": b"just some notes",
    }
    plan = read(LetterboxdExport(watched=[film("Heat", 1995, "heat")], extra=extra))

    assert [m.title for m in plan.movies] == ["Heat"]
    assert {(s.file, s.reason) for s in plan.skipped} == {
        ("__MACOSX/._diary.csv", "macOS metadata, not part of the export"),
        ("deleted/diary.csv", "in deleted/: content you deleted on Letterboxd"),
        ("deleted/lists/old.csv", "in deleted/: content you deleted on Letterboxd"),
        ("orphaned/reviews.csv", "in orphaned/: entries Letterboxd kept for films no longer on it"),
        ("likes/films.csv", "likes are not imported"),
        ("likes/lists.csv", "likes are not imported"),
        ("comments.csv", "comments are not imported"),
        ("profile.csv", "the profile is not imported"),
        ("notes.txt", "not a Letterboxd export file"),
    }
    assert dict(plan.summary.skipped) == {DELETED: 3, NOT_IMPORTED: 6}
    assert [(kept.file, len(kept.entries)) for kept in plan.lists] == [
        ("lists/best.csv", 1),
        ("lists/old-style.csv", 1),
    ]


def test_our_own_csvs_for_letterboxds_importer_are_not_read_back() -> None:
    # What Movie Tracker's Letterboxd download holds: Letterboxd's import columns, where a
    # row without a WatchedDate only says "watched". Read back it would be guessed at, so it
    # is refused whole, and skipped with its reason beside an account export.
    ours = {
        "letterboxd-watched.csv": letterboxd_zip_files()["letterboxd-watched.csv"],
        "letterboxd-watchlist.csv": letterboxd_zip_files()["letterboxd-watchlist.csv"],
    }

    with pytest.raises(UnreadableExport, match="Full backup") as refused:
        read_exports(list(ours.items()))
    mixed = read(LetterboxdExport(watched=[film("Heat", 1995, "heat")], extra=ours))

    assert "Letterboxd's importer" in refused.value.message
    assert [(m.title, m.watches) for m in mixed.movies] == [("Heat", ())]
    assert {(s.file, s.kind) for s in mixed.skipped} == {
        ("letterboxd-watched.csv", NOT_IMPORTED),
        ("letterboxd-watchlist.csv", NOT_IMPORTED),
    }
    assert "Full backup" in mixed.skipped[0].reason


def test_files_are_found_inside_a_folder_of_the_zip() -> None:
    export = LetterboxdExport(
        watched=[film("Heat", 1995, "heat")], extra={"deleted/diary.csv": csv_bytes(LB_DIARY, [])}
    )

    plan = read_export("x.zip", export.zip(folder="letterboxd-someone-2024/"))

    assert [m.title for m in plan.movies] == ["Heat"]
    assert plan.skipped[0].kind == DELETED


def test_loose_csvs_with_lf_lines_read_like_the_zip() -> None:
    export = LetterboxdExport(
        watched=[film("Heat", 1995, "heat")],
        diary=[diary("Heat", 1995, "e1", "2019-03-02")],
        reviews=[review("Heat", 1995, "e1", "Two\nlines", watched="2019-03-02")],
        eol="\n",
    )

    plan = read_exports(list(export.files().items()))

    assert plan.movies[0].watches[0].review == "Two\nlines"


def test_a_film_list_named_neither_watched_nor_watchlist_is_not_guessed() -> None:
    data = csv_bytes(LB_FILMS, [film("Heat", 1995, "heat")])

    plan = read_export("my-films.csv", data)

    assert plan.movies == ()
    assert "cannot tell which" in plan.skipped[0].reason
    assert read_export("watchlist (1).csv", data).movies[0].status is Status.WANT_TO_WATCH
    assert read_export("Watched.CSV", data).movies[0].status is Status.WATCHED


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["2024-01-01", "Heat", "1995"], "line 2 has 3 fields, expected 8"),
        (
            diary("Heat", 1995, "e1", "2019-13-02"),
            "line 2: the Watched Date '2019-13-02' is not a YYYY-MM-DD date",
        ),
        (
            diary("Heat", "nineteen", "e1", "2019-03-02"),
            "line 2: the year 'nineteen' is not a year",
        ),
        (diary("", 1995, "e1", "2019-03-02"), "line 2: the film has no name"),
        (
            diary("Heat", 1995, "e1", "2019-03-02", rating="4.2"),
            "line 2: Rate from 0.5 to 5 stars in half steps, like 3.5, or leave the rating empty "
            '("4.2" is not one of those).',
        ),
        (
            diary("Heat", 1995, "e1", "2019-03-02", tags=",".join(f"t{n}" for n in range(21))),
            "line 2: Use 20 tags or fewer (there are 21).",
        ),
    ],
)
def test_a_row_that_cannot_be_read_is_reported_with_its_line_and_the_rest_imported(
    row: list[object], reason: str
) -> None:
    plan = read(LetterboxdExport(diary=[row, diary("Ran", 1985, "e2", "2020-01-01")]))

    assert [m.title for m in plan.movies] == ["Ran"]
    assert [(s.file, s.line, s.reason, s.kind) for s in plan.skipped] == [
        ("diary.csv", 2, reason, UNREADABLE)
    ]


def test_the_line_of_a_row_after_a_multi_line_review_is_its_first_line() -> None:
    plan = read(
        LetterboxdExport(
            reviews=[
                review("Heat", 1995, "r1", "one\r\ntwo\r\nthree"),
                review("Ran", "x", "r2", "bad year"),
            ]
        )
    )

    assert plan.skipped[0].line == 5
    assert plan.movies[0].watches[0].line == 2


def test_a_bad_logged_date_is_reported_too() -> None:
    plan = read(LetterboxdExport(watched=[film("Heat", 1995, "heat", added="01/02/2024")]))

    assert plan.skipped[0].reason == "line 2: the Date '01/02/2024' is not a YYYY-MM-DD date"


def test_ratings_rows_are_counted_in_the_summary() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            ratings=[["2024-01-01", "Heat", 1995, lb_uri("heat"), "4.5"]],
        )
    )

    assert plan.summary.ratings == 1
    assert plan.summary.movies == 1
    assert plan.summary.skipped_total == 0
    assert LB_RATINGS[-1] == "Rating"


def test_a_ratings_row_without_a_uri_joins_its_film_by_name_and_year() -> None:
    plan = read(
        LetterboxdExport(
            watched=[film("Heat", 1995, "heat")],
            ratings=[["2024-01-01", "heat", 1995, "", "4"]],
        )
    )

    assert [(m.source_key, m.rating) for m in plan.movies] == [(lb_uri("heat"), 4.0)]


def test_the_same_film_twice_on_the_watchlist_is_one_entry() -> None:
    plan = read(LetterboxdExport(watchlist=[film("Alien", 1979, "alien")] * 2))

    assert [(m.title, m.status) for m in plan.movies] == [("Alien", Status.WANT_TO_WATCH)]
    assert plan.skipped == ()


def test_a_review_without_a_uri_joins_the_diary_entry_of_its_day() -> None:
    logged = ["2024-01-01", "Not On Letterboxd", "2017", "", "", "", "", "2020-10-27"]
    reviewed = ["2024-01-01", "Not On Letterboxd", "2017", "", "", "", "Odd.", "", "2020-10-27"]
    other_day = ["2024-01-01", "Not On Letterboxd", "2017", "", "", "", "Again.", "", "2021-01-01"]

    plan = read(LetterboxdExport(diary=[logged], reviews=[reviewed, other_day]))

    assert [(w.watched_on, w.review) for w in plan.movies[0].watches] == [
        (date(2020, 10, 27), "Odd."),
        (date(2021, 1, 1), "Again."),
    ]


def test_a_year_of_unicode_digits_is_not_a_year() -> None:
    plan = read(LetterboxdExport(watched=[film("Heat", "١٩٩٥", "heat"), film("Ran", "²", "ran")]))

    assert plan.movies == ()
    assert [s.reason for s in plan.skipped] == [
        "line 2: the year '١٩٩٥' is not a year",
        "line 3: the year '²' is not a year",
    ]
