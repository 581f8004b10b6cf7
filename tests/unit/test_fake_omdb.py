"""The in-memory FakeOmdbClient and the catalogue's OMDb rules, as other suites use them."""

from __future__ import annotations

import pytest

from movie_tracker.models import ValidationError
from movie_tracker.omdb import (
    IncorrectImdbId,
    InvalidApiKey,
    MovieNotFound,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
)
from tests import require_api_key
from tests.fakes import omdb_catalogue
from tests.fakes.omdb import FakeOmdbClient


def test_calls_are_recorded_in_order() -> None:
    fake = FakeOmdbClient()

    fake.search_and_get_movie_details("The Matrix")

    assert fake.calls == [("search", "The Matrix", "1"), ("id", "tt0133093")]


def test_fail_with_a_class_or_an_instance_until_recovered() -> None:
    fake = FakeOmdbClient()
    fake.fail_with(RequestLimitReached)
    with pytest.raises(RequestLimitReached):
        fake.get_by_id("tt0113277")

    fake.fail_with(OmdbUnavailable("OMDb is down for maintenance."))
    with pytest.raises(OmdbUnavailable, match="maintenance"):
        fake.search("heat")

    fake.recover()
    assert fake.get_by_id("tt0113277").title == "Heat"


def test_modes_that_still_succeed_and_unknown_modes() -> None:
    fake = FakeOmdbClient()
    fake.fail_with_mode("flaky")
    assert fake.get_by_title("Up").year == 2009
    with pytest.raises(ValueError, match="unknown fault mode"):
        fake.fail_with_mode("meteor")


def test_a_bad_key_is_refused() -> None:
    with pytest.raises(InvalidApiKey):
        FakeOmdbClient(omdb_catalogue.BAD_API_KEY).get_by_id("tt0113277")
    with pytest.raises(InvalidApiKey):
        FakeOmdbClient("").get_by_id("tt0113277")


def test_search_filters_by_year_and_pages_past_the_end_are_not_found() -> None:
    fake = FakeOmdbClient()

    page = fake.search("heat", year=1986)

    assert [(r.title, r.year) for r in page.results] == [("Heat", 1986)]
    with pytest.raises(MovieNotFound):
        fake.search("heat", page=3)


@pytest.mark.parametrize("page", [0, 101])
def test_search_refuses_pages_omdb_does_not_serve(page: int) -> None:
    with pytest.raises(ValidationError):
        FakeOmdbClient().search("heat", page=page)


def test_search_only_rows_have_thin_details() -> None:
    movie = FakeOmdbClient().get_by_id("tt0082089")

    assert (movie.title, movie.year, movie.type) == ("Body Heat", 1981, "movie")
    assert movie.director is None
    assert movie.ratings == ()


def test_title_lookup_with_a_year() -> None:
    fake = FakeOmdbClient()

    assert fake.get_by_title("heat", year=1986).imdb_id == "tt0093164"
    with pytest.raises(MovieNotFound):
        fake.get_by_title("Heat", year=2001)


def test_ids_omdb_lacks_or_refuses() -> None:
    fake = FakeOmdbClient()
    with pytest.raises(OmdbRejected, match="Error getting data"):
        fake.get_by_id("tt9999999")
    with pytest.raises(IncorrectImdbId):
        fake.get_by_id("nm0000158")


def test_catalogue_rules_for_odd_requests() -> None:
    key = omdb_catalogue.PLACEHOLDER_API_KEY
    assert omdb_catalogue.answer({"apikey": key}) == (200, omdb_catalogue.SOMETHING_WRONG)
    assert omdb_catalogue.answer({"apikey": key, "t": " "}) == (200, omdb_catalogue.INCORRECT_ID)
    assert omdb_catalogue.answer({"apikey": key, "s": "!"}) == (200, omdb_catalogue.INCORRECT_ID)
    assert omdb_catalogue.answer({"apikey": key, "s": "heat", "page": "x"})[1]["Search"]
    assert omdb_catalogue.details("tt0000001") is None
    assert omdb_catalogue.answer({"apikey": "a"}, accepted_key="b") == (
        401,
        omdb_catalogue.INVALID_KEY,
    )


def test_the_catalogue_keeps_omdbs_shapes() -> None:
    for body in omdb_catalogue.DETAILS.values():
        assert all(isinstance(value, (str, list)) for value in body.values())
        assert body["Response"] == "True"
    assert omdb_catalogue.DETAILS["tt0903747"]["Year"] == "2008–2013"


def test_record_refuses_to_start_without_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert require_api_key.main({"OMDB_API_KEY": "  "}) == 1
    assert "Set OMDB_API_KEY to re-record the cassettes" in capsys.readouterr().err
    assert require_api_key.main({"OMDB_API_KEY": "k"}) == 0
