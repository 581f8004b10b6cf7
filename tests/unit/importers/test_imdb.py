"""IMDb ratings, watchlist and list CSVs, in every header generation IMDb has written."""

from __future__ import annotations

from datetime import date

import pytest

from movie_tracker.importers import NOT_A_MOVIE, UNREADABLE, ImportPlan, read_export, read_exports
from movie_tracker.models import Status
from tests.importer_files import (
    IMDB_LEGACY,
    IMDB_LIST_2018,
    IMDB_LIST_2018_RATED,
    IMDB_LIST_2024,
    IMDB_RATINGS_2017,
    IMDB_RATINGS_2018,
    IMDB_RATINGS_2024,
    csv_bytes,
    imdb_csv,
    imdb_row,
    zip_bytes,
)


def read(data: bytes, name: str = "anything.txt") -> ImportPlan:
    return read_export(name, data)


@pytest.mark.parametrize("header", [IMDB_RATINGS_2017, IMDB_RATINGS_2018, IMDB_RATINGS_2024])
def test_every_ratings_generation_gives_watched_movies_with_half_the_rating(
    header: list[str],
) -> None:
    plan = read(
        imdb_csv(
            header,
            [
                {
                    "Const": "tt0113277",
                    "Your_Rating": 9,
                    "Title": "Heat",
                    "Year": 1995,
                    "Date_Rated": "2020-03-04",
                }
            ],
        )
    )

    assert plan.source == "imdb"
    (movie,) = plan.movies
    assert (movie.title, movie.year, movie.imdb_id) == ("Heat", 1995, "tt0113277")
    assert movie.status is Status.WATCHED
    assert movie.rating == 4.5
    assert movie.added_on == date(2020, 3, 4)
    assert movie.watches == ()
    assert movie.source_key == "tt0113277"


@pytest.mark.parametrize("rating", range(1, 11))
def test_a_rating_from_1_to_10_becomes_half_stars(rating: int) -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": rating}]))

    assert plan.movies[0].rating == rating / 2


@pytest.mark.parametrize("header", [IMDB_LIST_2018, IMDB_LIST_2018_RATED, IMDB_LIST_2024])
def test_an_unrated_list_row_is_want_to_watch(header: list[str]) -> None:
    plan = read(imdb_csv(header, [{"Const": "tt0000002", "Created": "2021-01-02"}]))

    (movie,) = plan.movies
    assert movie.status is Status.WANT_TO_WATCH
    assert movie.rating is None
    assert movie.added_on == date(2021, 1, 2)
    assert plan.summary.watchlist == 1


def test_a_rated_list_row_is_watched() -> None:
    rows = [{"Const": "tt0000002", "Your_Rating": 7, "Date_Rated": "2022-06-01"}]
    plan = read(imdb_csv(IMDB_LIST_2024, rows))

    assert plan.movies[0].status is Status.WATCHED
    assert plan.movies[0].rating == 3.5
    assert plan.movies[0].added_on == date(2022, 6, 1)


def test_the_original_title_is_preferred_to_the_localised_one() -> None:
    rows = [
        {"Const": "tt0245429", "Title": "La città incantata", "Original_Title": "Sen to Chihiro"},
        {"Const": "tt0000003", "Title": "Heat", "Original_Title": ""},
    ]
    plan = read(imdb_csv(IMDB_RATINGS_2024, [dict(r, Your_Rating=8) for r in rows]))

    assert [m.title for m in plan.movies] == ["Sen to Chihiro", "Heat"]


@pytest.mark.parametrize(
    "title_type",
    [
        "movie",
        "Movie",
        "Feature Film",
        "tvMovie",
        "TV Movie",
        "video",
        "Video",
        "short",
        "Short",
        "tvShort",
        "TV Short",
        "tvSpecial",
        "TV Special",
    ],
)
def test_films_tv_movies_shorts_videos_and_specials_are_imported(title_type: str) -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": 6, "Title_Type": title_type}]))

    assert len(plan.movies) == 1
    assert plan.skipped == ()


@pytest.mark.parametrize(
    ("title_type", "reason"),
    [
        ("tvSeries", "TV series: not a movie"),
        ("TV Series", "TV series: not a movie"),
        ("tvMiniSeries", "TV mini-series: not a movie"),
        ("TV Mini Series", "TV mini-series: not a movie"),
        ("tvEpisode", "TV episode: not a movie"),
        ("TV Episode", "TV episode: not a movie"),
        ("Video Game", "video game: not a movie"),
        ("Music Video", "music video: not a movie"),
        ("Podcast Series", "podcast: not a movie"),
        ("Podcast Episode", "podcast episode: not a movie"),
    ],
)
def test_series_episodes_games_and_podcasts_are_skipped_and_counted(
    title_type: str, reason: str
) -> None:
    rows = [{"Const": "tt0000001"}, {"Const": "tt0000002", "Title_Type": title_type}]
    plan = read(imdb_csv(IMDB_LIST_2024, rows, quote_all=True))

    assert [m.imdb_id for m in plan.movies] == ["tt0000001"]
    assert plan.skipped[0].file == "anything.txt"
    assert plan.skipped[0].line == 3
    assert plan.skipped[0].reason == reason
    assert plan.summary.skipped == ((NOT_A_MOVIE, 1),)


def test_an_unknown_title_type_is_reported_not_guessed() -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": 5, "Title_Type": "hologram"}]))

    assert plan.movies == ()
    assert plan.skipped[0].reason == "line 2: unknown title type 'hologram'"
    assert plan.skipped[0].kind == UNREADABLE


def test_a_legacy_list_reads_quoted_fields_ctime_dates_and_lower_case_genres() -> None:
    rows = [
        {
            "Const": "tt1375666",
            "Title": "Inception",
            "Title_Type": "Feature Film",
            "Your_Rating": 10,
            "Created": "Sat Apr 23 08:36:35 2011",
            "Genres": "action, mystery, sci_fi",
            "Directors": "Christopher Nolan",
        },
        {
            "Const": "tt0000009",
            "Title": "Unrated",
            "Title_Type": "TV Movie",
            "Created": "Sun Apr 24 08:36:35 2011",
        },
    ]
    plan = read(imdb_csv(IMDB_LEGACY, rows, quote_all=True))

    rated, unrated = plan.movies
    assert rated.rating == 5.0
    assert rated.status is Status.WATCHED
    assert rated.genres == ("Action", "Mystery", "Sci-Fi")
    assert rated.genre == "Action, Mystery, Sci-Fi"
    assert rated.director == "Christopher Nolan"
    assert unrated.status is Status.WANT_TO_WATCH
    assert unrated.added_on == date(2011, 4, 24)


def test_directors_split_on_a_bare_comma_or_comma_space() -> None:
    rows = [
        {"Const": "tt0000001", "Directors": "Mike Diva,Akiva Schaffer", "Your_Rating": 8},
        {"Const": "tt0000002", "Directors": "Joel Coen, Ethan Coen", "Your_Rating": 8},
        {"Const": "tt0000003", "Directors": "", "Your_Rating": 8, "Genres": ""},
    ]
    plan = read(imdb_csv(IMDB_RATINGS_2024, rows))

    assert [m.directors for m in plan.movies] == [
        ("Mike Diva", "Akiva Schaffer"),
        ("Joel Coen", "Ethan Coen"),
        (),
    ]
    assert plan.movies[2].director is None
    assert plan.movies[2].genre is None


@pytest.mark.parametrize(
    ("year", "runtime", "expected"),
    [("1999", "101", (1999, 101)), ("", "", (None, None)), ("2013–2023", "45", (2013, 45))],
)
def test_year_may_be_empty_or_a_range_and_runtime_empty(
    year: str, runtime: str, expected: tuple[int | None, int | None]
) -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": 4, "Year": year, "Runtime": runtime}]))

    assert (plan.movies[0].year, plan.movies[0].runtime_minutes) == expected


def test_cp1252_bytes_are_read_when_the_file_is_not_utf8() -> None:
    data = imdb_csv(
        IMDB_RATINGS_2018, [{"Title": "Der Bär, öfter", "Your_Rating": 6}], encoding="cp1252"
    )

    assert read(data).movies[0].title == "Der Bär, öfter"


def test_bytes_cp1252_leaves_undefined_are_read_as_latin1() -> None:
    data = imdb_csv(IMDB_RATINGS_2018, [{"Title": "Odd", "Your_Rating": 6}]).replace(
        b"Odd", b"Odd\x81"
    )

    assert read(data).movies[0].title == "Odd\x81"


def test_a_utf8_bom_is_not_part_of_the_first_column() -> None:
    data = imdb_csv(IMDB_RATINGS_2018, [{"Title": "Amélie", "Your_Rating": 9}], bom=True)

    assert read(data).movies[0].title == "Amélie"
    assert read(data).movies[0].imdb_id == "tt0000001"


def test_a_ragged_row_is_reported_and_the_rest_imported() -> None:
    good = imdb_row(IMDB_RATINGS_2018, Const="tt0000001", Your_Rating=7)
    data = csv_bytes(
        IMDB_RATINGS_2018,
        [good, good[:3], imdb_row(IMDB_RATINGS_2018, Const="tt0000002", Your_Rating=8)],
    )

    plan = read(data, "ratings.csv")

    assert [m.imdb_id for m in plan.movies] == ["tt0000001", "tt0000002"]
    assert plan.skipped[0].file == "ratings.csv"
    assert plan.skipped[0].line == 3
    assert plan.skipped[0].reason == "line 3 has 3 fields, expected 13"
    assert plan.summary.skipped == ((UNREADABLE, 1),)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"Const": "nm0000001", "Your_Rating": 5}, "line 2: 'nm0000001' is not an IMDb id"),
        ({"Title": "", "Your_Rating": 5}, "line 2: the title is empty"),
        ({"Your_Rating": 11}, "line 2: the rating '11' is not a whole number from 1 to 10"),
        ({"Your_Rating": "7.5"}, "line 2: the rating '7.5' is not a whole number from 1 to 10"),
    ],
)
def test_rows_that_cannot_be_read_say_why(values: dict[str, object], reason: str) -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [values]))

    assert plan.movies == ()
    assert [s.reason for s in plan.skipped] == [reason]


def test_a_bad_date_is_left_out_not_fatal() -> None:
    plan = read(imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": 5, "Date_Rated": "yesterday"}]))

    assert plan.movies[0].added_on is None


def test_the_same_const_in_ratings_and_watchlist_is_one_watched_movie() -> None:
    ratings = imdb_csv(IMDB_RATINGS_2018, [{"Const": "tt0000001", "Your_Rating": 8}])
    watchlist = imdb_csv(IMDB_LIST_2018, [{"Const": "tt0000001"}, {"Const": "tt0000002"}])

    for files in ([("r", ratings), ("w", watchlist)], [("w", watchlist), ("r", ratings)]):
        plan = read_exports(files)
        assert [(m.imdb_id, m.status, m.rating) for m in plan.movies] == [
            ("tt0000001", Status.WATCHED, 4.0),
            ("tt0000002", Status.WANT_TO_WATCH, None),
        ]


def test_the_same_const_twice_keeps_the_first_rows_details() -> None:
    first = imdb_csv(IMDB_LIST_2018, [{"Const": "tt0000001"}])
    second = imdb_csv(IMDB_LIST_2018, [{"Const": "tt0000001", "Title": "Other"}])
    plan = read_exports([("a", first), ("b", second)])

    assert [(m.title, m.status) for m in plan.movies] == [("A Made-Up Film", Status.WANT_TO_WATCH)]


def test_a_zip_of_imdb_csvs_reads_each_and_names_what_it_skips() -> None:
    data = zip_bytes(
        {
            "ratings.csv": imdb_csv(IMDB_RATINGS_2024, [{"Your_Rating": 8}]),
            "notes.txt": b"hello",
        }
    )

    plan = read(data, "imdb.zip")

    assert len(plan.movies) == 1
    assert [(s.file, s.reason) for s in plan.skipped] == [("notes.txt", "not an IMDb export file")]


def test_digits_that_are_not_plain_ascii_are_not_numbers() -> None:
    plan = read(
        imdb_csv(
            IMDB_RATINGS_2018,
            [
                {"Your_Rating": 8, "Runtime": "9²", "Year": "²"},
                {"Const": "tt0000002", "Your_Rating": "²"},
            ],
        )
    )

    assert (plan.movies[0].runtime_minutes, plan.movies[0].year) == (None, None)
    assert plan.skipped[0].reason == "line 3: the rating '²' is not a whole number from 1 to 10"
