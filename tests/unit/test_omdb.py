"""OmdbClient without the network: parsing, choosing, errors, retry policy, events, redaction.

HTTP is replaced by `StubSession`, a hand-written stand-in for `requests.Session.get`
that answers from a script and builds requests' own exception messages (which carry the
full URL, key included) so redaction is tested against the real shape of the leak.
Retries happen in urllib3 under the session, so the stub never retries: `retry_policy` is
tested here on its own, and the retries themselves over HTTP in tests/contract/test_omdb_faults.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

import pytest
import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.response import HTTPResponse

from movie_tracker import events
from movie_tracker.config import Settings
from movie_tracker.models import Rating, SearchResult, ValidationError
from movie_tracker.omdb import (
    IncorrectImdbId,
    InvalidApiKey,
    MovieNotFound,
    OmdbClient,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    TooManyResults,
    error_for,
)
from movie_tracker.omdb.cache import is_cacheable
from movie_tracker.omdb.lookup import pick_best_match, split_trailing_year
from movie_tracker.omdb.parsing import (
    optional,
    parse_float,
    parse_int,
    parse_movie_details,
    parse_ratings,
    parse_search_page,
    parse_year,
)
from movie_tracker.omdb.retries import retry_policy
from tests.fakes.omdb_catalogue import DETAILS, INVALID_KEY, LIMIT_REACHED, NOT_FOUND, TOO_MANY

SECRET = "unit-secret-0123456789abcdef"
HEAT = DETAILS["tt0113277"]
HEAT_SEARCH = {
    "Search": [
        {"Title": "Heat", "Year": "1995", "imdbID": "tt0113277", "Type": "movie", "Poster": "N/A"}
    ],
    "totalResults": "1",
    "Response": "True",
}


def respond(status: int = 200, body: object = None, text: str | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = (text if text is not None else json.dumps(body)).encode()
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    return response


class StubSession:
    """Answers `get` from a script of responses and exception classes, in order."""

    def __init__(self, *outcomes: requests.Response | type[Exception]) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[tuple[str, object]] = []

    def get(self, url: str, params: Mapping[str, object], timeout: object) -> requests.Response:
        prepared = requests.Request("GET", url, params=params).prepare()
        self.calls.append((str(prepared.url), timeout))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, type):
            raise outcome(f"Max retries exceeded with url: {prepared.path_url}")
        return outcome


def client_with(*outcomes: requests.Response | type[Exception]):
    session = StubSession(*outcomes)
    sleeps: list[float] = []
    client = OmdbClient(SECRET, session=session, sleep=sleeps.append)
    return client, session, sleeps


def events_named(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == name]


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("N/A", None), ("", None), ("  ", None), (None, None), (" Heat ", "Heat"), (1995, "1995")],
)
def test_optional_turns_na_into_none(raw: object, expected: str | None) -> None:
    assert optional(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1995", 1995),
        ("2008–2013", 2008),
        ("2016–", 2016),
        ("2008-2013", 2008),
        ("N/A", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_year_gives_the_first_year(raw: object, expected: int | None) -> None:
    assert parse_year(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,234,567", 1234567), ("966,025", 966025), ("12", 12), ("N/A", None), ("$5", None)],
)
def test_parse_int_reads_thousands_separators(raw: str, expected: int | None) -> None:
    assert parse_int(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("8.3", 8.3), ("N/A", None), ("x", None)])
def test_parse_float(raw: str, expected: float | None) -> None:
    assert parse_float(raw) == expected


@pytest.mark.parametrize("raw", [None, [], "N/A", {"Source": "x"}])
def test_missing_or_empty_ratings_give_none(raw: object) -> None:
    assert parse_ratings(raw) == ()


def test_ratings_keep_order_and_skip_broken_entries() -> None:
    raw = [
        {"Source": "Internet Movie Database", "Value": "8.3/10"},
        {"Source": "Rotten Tomatoes"},
        "junk",
        {"Source": "Metacritic", "Value": "76/100"},
    ]
    assert parse_ratings(raw) == (
        Rating("Internet Movie Database", "8.3/10"),
        Rating("Metacritic", "76/100"),
    )


def test_movie_details_from_a_full_body() -> None:
    movie = parse_movie_details(HEAT)

    assert (movie.title, movie.year, movie.imdb_id, movie.type) == (
        "Heat",
        1995,
        "tt0113277",
        "movie",
    )
    assert movie.director == "Michael Mann"
    assert movie.imdb_votes == 736912
    assert movie.imdb_rating == 8.3
    assert len(movie.ratings) == 3


def test_movie_details_keep_language_and_country() -> None:
    body = {**HEAT, "Language": "English, Spanish", "Country": "United States"}
    movie = parse_movie_details(body)
    assert (movie.language, movie.country) == ("English, Spanish", "United States")
    unknown = parse_movie_details({**HEAT, "Language": "N/A", "Country": "N/A"})
    assert (unknown.language, unknown.country) == (None, None)


def test_movie_details_from_a_pre_2017_body_without_ratings() -> None:
    body = {
        "Title": "Bastille Day",
        "Year": "2004",
        "Director": "N/A",
        "imdbRating": "N/A",
        "imdbVotes": "1247",
        "imdbID": "tt0519763",
        "Type": "episode",
        "Poster": "N/A",
        "Response": "True",
    }
    movie = parse_movie_details(body)

    assert movie.ratings == ()
    assert movie.director is None
    assert movie.poster_url is None
    assert movie.imdb_rating is None
    assert movie.imdb_votes == 1247
    assert (movie.language, movie.country) == (None, None)


@pytest.mark.parametrize(
    "broken",
    [
        {"Response": "True"},
        {"Title": "Heat", "Response": "True"},
        {"Title": "N/A", "imdbID": "tt0113277"},
        {"Title": "Heat", "imdbID": "nm0000158"},
    ],
)
def test_movie_details_without_title_or_id_are_unavailable(broken: dict) -> None:
    with pytest.raises(OmdbUnavailable):
        parse_movie_details(broken)


def test_search_page_maps_results_and_total() -> None:
    page = parse_search_page({**HEAT_SEARCH, "totalResults": "1,234"}, "heat", 3)

    assert page.results == (SearchResult("Heat", "tt0113277", 1995, "movie", None),)
    assert (page.total_results, page.page, page.query) == (1234, 3, "heat")


@pytest.mark.parametrize(
    "broken",
    [
        {"Response": "True"},
        {"Search": [], "Response": "True"},
        {"Search": "none", "totalResults": "3"},
        {"Search": ["Heat"], "totalResults": "1"},
        {"Search": [{"Title": "Heat"}], "totalResults": "1"},
    ],
)
def test_malformed_search_pages_are_unavailable(broken: dict) -> None:
    with pytest.raises(OmdbUnavailable):
        parse_search_page(broken, "heat", 1)


# --- choosing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Heat (1995)", ("Heat", 1995, True)),
        ("Heat 1995", ("Heat", 1995, False)),
        ("  Heat   (1995) ", ("Heat", 1995, True)),
        ("Blade Runner 2049", ("Blade Runner", 2049, False)),
        ("Heat", ("Heat", None, False)),
        ("1917", ("1917", None, False)),
    ],
)
def test_split_trailing_year(query: str, expected: tuple) -> None:
    assert split_trailing_year(query) == expected


def result(title: str, imdb_id: str, kind: str | None) -> SearchResult:
    return SearchResult(title=title, imdb_id=imdb_id, type=kind)


def test_best_match_prefers_an_exact_title_whatever_its_case() -> None:
    results = [
        result("The Matrix Reloaded", "tt0234215", "movie"),
        result("the matrix", "tt0133093", "movie"),
    ]
    assert pick_best_match(results, "The Matrix") == results[1]


def test_best_match_prefers_movies_to_series_and_games() -> None:
    results = [
        result("Heat", "tt9", "game"),
        result("Heat", "tt8", "series"),
        result("Heat", "tt7", None),
        result("Heat", "tt0113277", "movie"),
    ]
    assert pick_best_match(results, "heat").imdb_id == "tt0113277"


def test_best_match_keeps_omdb_order_among_equals_and_handles_no_results() -> None:
    results = [result("Heat Wave", "tt1", "movie"), result("Dead Heat", "tt2", "movie")]
    assert pick_best_match(results, "heat").imdb_id == "tt1"
    assert pick_best_match([], "heat") is None


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "kind"),
    [
        ("Movie not found!", 200, MovieNotFound),
        ("Series not found!", 200, MovieNotFound),
        ("Series or episode not found!", 200, MovieNotFound),
        ("Incorrect IMDb ID.", 200, IncorrectImdbId),
        ("Too many results.", 200, TooManyResults),
        ("Invalid API key!", 401, InvalidApiKey),
        ("No API key provided.", 401, InvalidApiKey),
        ("Invalid API key!", 200, InvalidApiKey),
        ("Request limit reached!", 401, RequestLimitReached),
        ("Daily request limit reached!", 401, RequestLimitReached),
        ("Something new", 401, InvalidApiKey),
        ("Something went wrong.", 200, OmdbRejected),
        ("Error getting data.", 200, OmdbRejected),
    ],
)
def test_each_omdb_error_text_has_its_type(text: str, status: int, kind: type) -> None:
    error = error_for(text, status)

    assert type(error) is kind
    assert error.omdb_error == text
    assert str(error) == error.user_message


def test_series_not_found_says_series() -> None:
    assert "series" in str(error_for("Series not found!"))
    assert "movie" in str(error_for("Movie not found!"))


def test_unknown_error_text_is_passed_through_honestly() -> None:
    assert str(error_for("Something went wrong.")) == "OMDb could not answer: Something went wrong."


# --- the client over a stub session -------------------------------------------------------


def test_get_by_id_sends_key_id_and_timeout() -> None:
    client, session, _ = client_with(respond(body=HEAT))

    assert client.get_by_id("tt0113277").title == "Heat"
    url, timeout = session.calls[0]
    assert url.startswith("https://www.omdbapi.com/?")
    assert "i=tt0113277" in url
    assert SECRET in url
    assert timeout == client.timeout


def test_search_sends_page_and_year() -> None:
    client, session, _ = client_with(respond(body=HEAT_SEARCH))

    page = client.search("  Heat ", year=1995, page=2)

    assert page.page == 2
    assert page.query == "Heat"
    assert "page=2" in session.calls[0][0]
    assert "s=Heat" in session.calls[0][0]
    assert "y=1995" in session.calls[0][0]


def test_get_by_title_sends_year() -> None:
    client, session, _ = client_with(respond(body=HEAT))

    client.get_by_title("Heat", year=1995)

    assert "t=Heat" in session.calls[0][0]
    assert "y=1995" in session.calls[0][0]


@pytest.mark.parametrize("page", [0, 101])
def test_search_refuses_pages_omdb_does_not_serve(page: int) -> None:
    client, session, _ = client_with()
    with pytest.raises(ValidationError):
        client.search("heat", page=page)
    assert session.calls == []


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_blank_queries_are_refused_before_any_request(blank: str) -> None:
    client, session, _ = client_with()
    with pytest.raises(ValidationError, match="Enter a title"):
        client.search_and_get_movie_details(blank)
    assert session.calls == []


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (respond(401, INVALID_KEY), InvalidApiKey),
        (respond(401, LIMIT_REACHED), RequestLimitReached),
        (respond(401, text="<html>Unauthorized</html>"), InvalidApiKey),
        (respond(401, {"Response": "True"}), InvalidApiKey),
        (respond(500, text="<html>oops</html>"), OmdbUnavailable),
        (respond(200, text="<!DOCTYPE html><html></html>"), OmdbUnavailable),
        (respond(200, text='{"Title":"Heat","Ye'), OmdbUnavailable),
        (respond(200, ["Heat"]), OmdbUnavailable),
        (respond(200, {"Title": "Heat", "imdbID": "tt0113277"}), OmdbUnavailable),
        (
            respond(404, {"Title": "Heat", "imdbID": "tt0113277", "Response": "True"}),
            OmdbUnavailable,
        ),
        (respond(200, {"Response": "True"}), OmdbUnavailable),
        (respond(200, NOT_FOUND), MovieNotFound),
        (respond(200, {"Response": "False"}), OmdbRejected),
        (respond(200, {"Response": "False", "Error": "Error getting data."}), OmdbRejected),
    ],
)
def test_answers_that_are_not_a_movie_raise_one_typed_error_without_retry(
    answer: requests.Response, kind: type
) -> None:
    client, session, sleeps = client_with(answer)

    with pytest.raises(kind) as raised:
        client.get_by_id("tt0113277")
    assert type(raised.value) is kind
    assert (len(session.calls), sleeps) == (1, [])
    assert SECRET not in str(raised.value)


def test_other_request_errors_are_unavailable_without_retry() -> None:
    client, session, _ = client_with(requests.TooManyRedirects)

    with pytest.raises(OmdbUnavailable):
        client.get_by_id("tt0113277")
    assert len(session.calls) == 1


@pytest.mark.parametrize("transient", [requests.ConnectionError, requests.Timeout])
def test_requests_messages_lose_the_key(transient: type[Exception]) -> None:
    client, session, _ = client_with(transient)

    with pytest.raises(OmdbUnavailable) as raised:
        client.get_by_id("tt0113277")

    error = raised.value
    assert SECRET in session.calls[0][0]  # the leak is real ...
    assert "api" + "key=REDACTED" in error.detail  # ... and redacted
    for text in (str(error), error.user_message, error.detail, repr(error)):
        assert SECRET not in text
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_repr_does_not_show_the_key() -> None:
    client, _, _ = client_with()
    assert SECRET not in repr(client)


# --- the retry policy ---------------------------------------------------------------------


def fail(policy, error: Exception):
    return policy.increment(method="GET", url="/?i=tt0113277", error=error)


@pytest.mark.parametrize(
    "error",
    [
        ConnectTimeoutError("connect timed out"),
        NewConnectionError(None, "connection refused"),
        ReadTimeoutError(None, "/", "read timed out"),
        ProtocolError("connection reset"),
    ],
)
def test_the_policy_retries_connection_errors_and_timeouts_once(error: Exception) -> None:
    once = fail(retry_policy(), error)

    with pytest.raises(MaxRetryError):
        fail(once, error)


@pytest.mark.parametrize(
    ("status", "retried"),
    [(502, True), (503, True), (504, True), (500, False), (401, False), (429, False), (413, False)],
)
def test_the_policy_retries_gateway_errors_and_no_other_status(status: int, retried: bool) -> None:
    policy = retry_policy()

    assert policy.is_retry("GET", status, has_retry_after=True) is retried
    assert policy.is_retry("POST", status) is False


def test_the_policy_pauses_before_each_retry_and_ignores_retry_after() -> None:
    pauses: list[float] = []
    policy = retry_policy(retries=3, backoff=0.5, sleep=pauses.append)
    busy = HTTPResponse(status=503, headers={"Retry-After": "120"})

    for _ in range(3):
        policy = fail(policy, ConnectTimeoutError())
        policy.sleep(busy)

    assert pauses == [0.5, 1.0, 2.0]


def test_the_policy_without_backoff_does_not_pause() -> None:
    pauses: list[float] = []
    policy = fail(retry_policy(backoff=0, sleep=pauses.append), ConnectTimeoutError())

    policy.sleep()

    assert pauses == []


def test_the_sessions_the_client_builds_retry_on_both_schemes() -> None:
    client = OmdbClient(SECRET, retries=2, backoff=0.25)

    for url in ("https://www.omdbapi.com/", "http://127.0.0.1:9/"):
        retry = client.session.get_adapter(url).max_retries
        assert (retry.total, retry.backoff_factor) == (2, 0.25)
        assert set(retry.status_forcelist) == {502, 503, 504}


# --- search_and_get_movie_details -------------------------------------------------------------


def test_an_imdb_id_goes_straight_to_the_id_lookup() -> None:
    client, session, _ = client_with(respond(body=HEAT))

    assert client.search_and_get_movie_details("tt0113277").title == "Heat"
    assert len(session.calls) == 1
    assert "i=tt0113277" in session.calls[0][0]


def test_a_title_is_searched_then_fetched_by_id() -> None:
    client, session, _ = client_with(respond(body=HEAT_SEARCH), respond(body=HEAT))

    assert client.search_and_get_movie_details("heat").imdb_id == "tt0113277"
    assert "s=heat" in session.calls[0][0]
    assert "i=tt0113277" in session.calls[1][0]


def test_a_bare_year_that_finds_nothing_falls_back_to_the_whole_title() -> None:
    client, session, _ = client_with(
        respond(body=NOT_FOUND), respond(body=HEAT_SEARCH), respond(body=HEAT)
    )

    client.search_and_get_movie_details("Heat 2049")

    assert "y=2049" in session.calls[0][0]
    assert "s=Heat+2049" in session.calls[1][0]
    assert "&y=" not in session.calls[1][0]


def test_a_year_in_parentheses_that_finds_nothing_is_not_found() -> None:
    client, session, _ = client_with(respond(body=NOT_FOUND))

    with pytest.raises(MovieNotFound):
        client.search_and_get_movie_details("Heat (2049)")
    assert len(session.calls) == 1


def test_too_broad_search_falls_back_to_the_title_lookup() -> None:
    client, session, _ = client_with(respond(body=TOO_MANY), respond(body=HEAT))

    assert client.search_and_get_movie_details("Heat").title == "Heat"
    assert "t=Heat" in session.calls[1][0]


def test_too_broad_search_without_a_title_match_stays_too_broad() -> None:
    client, _, _ = client_with(respond(body=TOO_MANY), respond(body=NOT_FOUND))

    with pytest.raises(TooManyResults):
        client.search_and_get_movie_details("A")


def test_a_search_with_no_rows_is_not_found() -> None:
    client, _, _ = client_with(
        respond(body={"Search": [], "totalResults": "0", "Response": "True"})
    )

    with pytest.raises(MovieNotFound):
        client.search_and_get_movie_details("heat")


# --- events -------------------------------------------------------------------------------


def test_a_lookup_logs_one_request_and_one_success(caplog: pytest.LogCaptureFixture) -> None:
    client, _, _ = client_with(respond(body=HEAT_SEARCH))
    caplog.set_level(logging.INFO, logger="movie_tracker")

    client.search("heat", page=1)

    (request,) = events_named(caplog, events.OMDB_REQUEST)
    (success,) = events_named(caplog, events.OMDB_SUCCESS)
    assert events_named(caplog, events.OMDB_FAILURE) == []
    assert request.event_fields == {"kind": "search", "query": "heat", "page": 1}
    fields = success.event_fields
    assert (fields["kind"], fields["query"], fields["page"]) == ("search", "heat", 1)
    assert fields["from_cache"] is False
    assert fields["attempts"] == 1
    assert isinstance(fields["duration_ms"], float)
    assert fields["duration_ms"] >= 0


def test_a_failure_logs_its_error_type_once_without_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, _, _ = client_with(requests.ConnectionError)
    caplog.set_level(logging.INFO, logger="movie_tracker")

    with pytest.raises(OmdbUnavailable):
        client.get_by_id("tt0113277")

    assert len(events_named(caplog, events.OMDB_REQUEST)) == 1
    (failure,) = events_named(caplog, events.OMDB_FAILURE)
    assert failure.levelno == logging.WARNING
    assert failure.event_fields["error"] == "OmdbUnavailable"
    assert failure.event_fields["kind"] == "id"
    assert failure.event_fields["attempts"] == 1
    assert "page" not in failure.event_fields
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in str(getattr(record, "event_fields", ""))


def test_a_not_found_failure_names_omdbs_text(caplog: pytest.LogCaptureFixture) -> None:
    client, _, _ = client_with(respond(body=NOT_FOUND))
    caplog.set_level(logging.INFO, logger="movie_tracker")

    with pytest.raises(MovieNotFound):
        client.get_by_title("Nowhere")

    (failure,) = events_named(caplog, events.OMDB_FAILURE)
    assert failure.event_fields["error"] == "MovieNotFound"
    assert failure.event_fields["omdb_error"] == "Movie not found!"


# --- construction and caching policy --------------------------------------------------------


def test_from_settings_is_none_without_a_key() -> None:
    assert OmdbClient.from_settings(Settings(omdb_api_key=None)) is None


def test_from_settings_uses_base_url_and_no_cache_when_off() -> None:
    settings = Settings(omdb_api_key=SECRET, omdb_base_url="http://127.0.0.1:9/", omdb_cache=None)

    client = OmdbClient.from_settings(settings, retries=0)

    assert client is not None
    assert client.base_url == "http://127.0.0.1:9/"
    assert client.retries == 0
    assert type(client.session) is requests.Session


def test_a_session_and_a_cache_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        OmdbClient(SECRET, session=requests.Session(), cache="x.sqlite")


@pytest.mark.parametrize(
    ("answer", "cacheable"),
    [
        (respond(200, HEAT), True),
        (respond(200, HEAT_SEARCH), True),
        (respond(200, {"Response": "True"}), False),
        (respond(200, {"Search": "none", "Response": "True"}), False),
        (respond(200, NOT_FOUND), True),
        (respond(200, {"Response": "False", "Error": "Incorrect IMDb ID."}), True),
        (respond(200, TOO_MANY), False),
        (respond(200, {"Response": "False", "Error": "Something went wrong."}), False),
        (respond(401, INVALID_KEY), False),
        (respond(401, LIMIT_REACHED), False),
        (respond(503, text="<html></html>"), False),
        (respond(200, text="<html></html>"), False),
        (respond(200, ["Heat"]), False),
    ],
)
def test_only_successes_and_not_found_answers_are_cacheable(
    answer: requests.Response, cacheable: bool
) -> None:
    assert is_cacheable(answer) is cacheable
