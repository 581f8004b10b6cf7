from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.models import (
    LibraryEvent,
    Movie,
    SearchPage,
    Status,
    ValidationError,
    imdb_id_in,
    is_imdb_id,
    search_key,
    validate_movie,
)
from tests.factories import MovieFactory

NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)


def valid(**changes):
    return validate_movie(MovieFactory.build(**changes), now=NOW)


def refused(**changes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        valid(**changes)
    return caught.value


def test_status_values_are_exactly_the_seeds():
    assert [s.value for s in Status] == ["Watched", "Want to Watch"]
    assert str(Status.WATCHED) == "Watched"


@pytest.mark.parametrize("value", ["Watched", Status.WATCHED])
def test_status_parse_accepts_the_exact_value(value):
    assert Status.parse(value) is Status.WATCHED


@pytest.mark.parametrize("value", ["watched", " Watched", "WANT TO WATCH", "Seen", "", None, 1])
def test_status_parse_refuses_anything_else(value):
    with pytest.raises(ValidationError) as caught:
        Status.parse(value)
    assert caught.value.field == "status"
    assert '"Watched" or "Want to Watch"' in caught.value.message


def test_title_is_trimmed():
    assert valid(title="  Heat  ").title == "Heat"


@pytest.mark.parametrize("title", ["", "   ", None])
def test_title_is_required(title):
    error = refused(title=title)
    assert (error.field, error.message) == ("title", "Enter a movie title.")


def test_title_of_300_characters_is_kept_and_301_refused():
    assert len(valid(title="x" * 300).title) == 300
    error = refused(title="x" * 301)
    assert error.field == "title"
    assert "300 characters or fewer (it has 301)" in error.message


@pytest.mark.parametrize("title", ["Heat\n2", "Heat\t", "Bad\x00Title", "Esc\x1b"])
def test_title_with_control_characters_is_refused(title):
    error = refused(title=f"A {title} B")
    assert error.field == "title"
    assert "control characters" in error.message


def test_title_keeps_non_latin_letters():
    assert valid(title="Crouching Tiger, Hidden Dragon 卧虎藏龙").title.endswith("卧虎藏龙")


@pytest.mark.parametrize("imdb_id", ["tt0113277", "tt1234567890", None, "", "  "])
def test_imdb_id_empty_or_tt_and_7_to_10_digits(imdb_id):
    expected = imdb_id.strip() or None if imdb_id else None
    assert valid(imdb_id=imdb_id, poster_url=None).imdb_id == expected


@pytest.mark.parametrize("imdb_id", ["tt123456", "tt12345678901", "nm0000001", "0113277", 113277])
def test_imdb_id_in_another_form_is_refused(imdb_id):
    error = refused(imdb_id=imdb_id)
    assert error.field == "imdb_id"
    assert '"tt" followed by 7 to 10 digits' in error.message


@pytest.mark.parametrize("url", ["https://m.media-amazon.com/images/p.jpg", "http://x.org/a"])
def test_poster_url_http_or_https(url):
    assert valid(poster_url=url).poster_url == url


@pytest.mark.parametrize(
    "url", ["ftp://x.org/a.jpg", "javascript:alert(1)", "https://", "not a url", "N/A", 42]
)
def test_poster_url_other_schemes_refused(url):
    error = refused(poster_url=url)
    assert error.field == "poster_url"
    assert "http:// or https://" in error.message


def test_empty_poster_url_becomes_none():
    assert valid(poster_url=" ").poster_url is None


@pytest.mark.parametrize(("year", "expected"), [(1870, 1870), (2036, 2036), ("1995", 1995)])
def test_year_from_1870_to_ten_years_ahead(year, expected):
    assert valid(year=year).year == expected


@pytest.mark.parametrize("year", [1869, 2037, "19x5", True, 1995.5])
def test_year_out_of_range_or_not_a_year_is_refused(year):
    error = refused(year=year)
    assert error.field == "year"
    assert "from 1870 to 2036" in error.message


@pytest.mark.parametrize("year", [None, ""])
def test_year_may_be_empty(year):
    assert valid(year=year).year is None


@freeze_time("2030-01-01")
def test_year_limit_follows_the_clock():
    assert validate_movie(Movie(title="Future", year=2040)).year == 2040


@pytest.mark.parametrize("field", ["director", "genre"])
def test_text_fields_are_trimmed_blank_is_none_and_long_refused(field):
    assert getattr(valid(**{field: "  Michael Mann "}), field) == "Michael Mann"
    assert getattr(valid(**{field: "   "}), field) is None
    assert refused(**{field: "x" * 501}).field == field
    assert "control characters" in refused(**{field: "a\nb"}).message
    assert refused(**{field: 5}).message == f"The {field} must be text."


def test_from_mapping_takes_the_seeds_keys_and_refuses_unknown_ones():
    movie = Movie.from_mapping({"title": "Heat", "status": "Watched", "imdb_id": "tt0113277"})
    assert (movie.title, movie.status, movie.imdb_id) == ("Heat", "Watched", "tt0113277")
    with pytest.raises(ValidationError, match="Unknown movie field 'score'"):
        Movie.from_mapping({"title": "Heat", "score": 5})
    with pytest.raises(ValidationError, match="Enter a movie title"):
        Movie.from_mapping({"status": "Watched"})


def test_label_and_imdb_url():
    assert Movie(title="Heat", year=1995).label == "Heat (1995)"
    assert Movie(title="Heat").label == "Heat"
    assert Movie(title="Heat", imdb_id="tt0113277").imdb_url == (
        "https://www.imdb.com/title/tt0113277/"
    )
    assert Movie(title="Heat").imdb_url is None


def test_is_imdb_id():
    assert is_imdb_id(" tt0113277 ")
    assert not is_imdb_id("Heat")


@pytest.mark.parametrize(
    "text",
    [
        " tt0113277 ",
        "https://www.imdb.com/title/tt0113277/",
        "https://www.imdb.com/title/tt0113277/?ref_=nv_sr_srsg_0",
        "http://imdb.com/title/tt0113277",
        "https://m.imdb.com/title/tt0113277/reviews",
        "HTTPS://WWW.IMDB.COM/de/title/tt0113277/#cast",
        "www.imdb.com/title/tt0113277/",
    ],
)
def test_the_imdb_id_in_an_id_or_a_link_to_a_title(text):
    assert imdb_id_in(text) == "tt0113277"


@pytest.mark.parametrize(
    "text",
    [
        "Heat 1995",
        "https://www.imdb.com/name/nm0000520/",
        "https://www.imdb.com/title/TT0113277/",
        "https://notimdb.com/title/tt0113277/",
        "https://www.imdb.com/title/tt0113277 and more",
    ],
)
def test_no_imdb_id_in_a_title_or_another_link(text):
    assert imdb_id_in(text) is None


@pytest.mark.parametrize(
    ("total", "pages", "has_next"),
    [(0, 1, False), (10, 1, False), (11, 2, True), (5000, 100, True)],
)
def test_search_page_counts_pages_of_ten(total, pages, has_next):
    page = SearchPage(query="heat", total_results=total)
    assert (page.total_pages, page.has_next) == (pages, has_next)


def test_library_event_names_its_movie():
    event = LibraryEvent(id=1, name="movie.added", ts=NOW, title="Heat", year=1995)
    assert event.movie_label == "Heat (1995)"
    assert LibraryEvent(id=2, name="movie.added", ts=NOW, title="Heat").movie_label == "Heat"
    assert LibraryEvent(id=3, name="movie.added", ts=NOW).movie_label == "a movie"


def test_a_long_bad_value_is_shortened_in_the_message():
    with pytest.raises(ValidationError) as caught:
        Status.parse("Watched it twice already, with friends, last year")
    assert 'not "Watched it twice already, with friend..."' in caught.value.message


def test_search_pages_stop_at_omdbs_last_page():
    last = SearchPage(query="love", total_results=5000, page=100)
    assert (last.total_pages, last.has_next) == (100, False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("AMÉLIE", "Amélie"),
        ("amelie", "Amélie"),
        ("école", "École"),
        ("ECOLE", "école"),
        ("straße", "STRASSE"),
        ("ΣΟΦΊΑ", "σοφία"),
    ],
)
def test_search_key_ignores_case_and_accents_beyond_ascii(typed, stored):
    assert search_key(typed) == search_key(stored)


def test_search_key_keeps_letters_apart():
    assert search_key("Heat") != search_key("Hate")
    assert search_key(None) == ""
