"""`FakeOmdbClient`: an in-memory OMDb client for the service, UI and browser tests.

It answers from the catalogue in tests/fakes/omdb_catalogue.py with OMDb's own rules and
turns the answers into models and typed errors exactly as the real client does; the
contract suite (tests/contract/) proves it behaves like `OmdbClient`.

    fake = FakeOmdbClient()
    fake.get_by_id("tt0113277").title           # "Heat"
    fake.fail_with(RequestLimitReached)         # every lookup now raises it
    fake.fail_with_mode("down")                 # same names as the fake server's faults
    fake.recover()
    fake.calls                                  # [("id", "tt0113277"), ...]
    FakeOmdbClient(on_request=counted.append)   # hears of each request "sent": 1 a lookup
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from movie_tracker.models import MovieDetails, SearchPage, ValidationError
from movie_tracker.omdb import (
    MAX_PAGE,
    InvalidApiKey,
    LookupMixin,
    MovieNotFound,
    OmdbError,
    OmdbRejected,
    OmdbUnavailable,
    RequestLimitReached,
    clean_query,
    error_for,
)
from movie_tracker.omdb.parsing import parse_movie_details, parse_search_page
from tests.fakes import omdb_catalogue
from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY

# Each fault mode of the fake server, and what the real client raises for it (None: the
# lookup still succeeds, e.g. after one retried 503).
FAULT_ERRORS: dict[str, type[OmdbError] | None] = {
    "none": None,
    "flaky": None,
    "slow": OmdbUnavailable,
    "down": OmdbUnavailable,
    "500": OmdbUnavailable,
    "502": OmdbUnavailable,
    "504": OmdbUnavailable,
    "429": OmdbUnavailable,
    "html": OmdbUnavailable,
    "malformed": OmdbUnavailable,
    "missing-fields": OmdbUnavailable,
    "invalid-key": InvalidApiKey,
    "limit": RequestLimitReached,
    "not-found": MovieNotFound,
    "unknown-error": OmdbRejected,
}


@dataclass(frozen=True)
class _Answer:
    error: str
    status: int


class FakeOmdbClient(LookupMixin):
    def __init__(
        self,
        api_key: str = PLACEHOLDER_API_KEY,
        on_request: Callable[[int], object] | None = None,
    ) -> None:
        self.api_key = api_key
        self.calls: list[tuple[str, ...]] = []
        self._failure: OmdbError | type[OmdbError] | _Answer | None = None
        self.on_request = on_request  # as OmdbClient's: every lookup is one request sent

    def fail_with(self, error: OmdbError | type[OmdbError] | None) -> None:
        """Make every following lookup raise this error (an instance or a class)."""
        self._failure = error

    def fail_with_mode(self, mode: str) -> None:
        """The fake server's fault names ("down", "limit", ...) for the in-memory fake.

        Modes where OMDb answers with an error text raise what the real client raises for
        that text (same class, same `omdb_error`).
        """
        if mode not in FAULT_ERRORS:
            raise ValueError(f"unknown fault mode {mode!r}; choose from {sorted(FAULT_ERRORS)}")
        if mode in omdb_catalogue.FAULT_ANSWERS:
            status, body = omdb_catalogue.FAULT_ANSWERS[mode]
            self._failure = _Answer(str(body["Error"]), status)
        else:
            self._failure = FAULT_ERRORS[mode]

    def recover(self) -> None:
        self._failure = None

    def search(self, query: str, year: int | None = None, page: int = 1) -> SearchPage:
        text = clean_query(query)
        if not 1 <= page <= MAX_PAGE:
            raise ValidationError("page", f"Choose a page from 1 to {MAX_PAGE}.")
        params = {"s": text, "page": str(page)}
        if year is not None:
            params["y"] = str(year)
        data = self._answer(("search", text, str(page)), params)
        return parse_search_page(data, text, page)

    def get_by_id(self, imdb_id: str) -> MovieDetails:
        text = clean_query(imdb_id)
        return parse_movie_details(self._answer(("id", text), {"i": text}))

    def get_by_title(self, title: str, year: int | None = None) -> MovieDetails:
        text = clean_query(title)
        params = {"t": text}
        if year is not None:
            params["y"] = str(year)
        return parse_movie_details(self._answer(("title", text), params))

    def _answer(self, call: tuple[str, ...], params: dict[str, str]) -> dict[str, object]:
        self.calls.append(call)
        if self.on_request is not None:
            self.on_request(1)
        if isinstance(self._failure, _Answer):
            raise error_for(self._failure.error, self._failure.status)
        if self._failure is not None:
            raise self._failure if isinstance(self._failure, OmdbError) else self._failure()
        status, body = omdb_catalogue.answer({"apikey": self.api_key, **params})
        if body.get("Response") == "False":
            raise error_for(str(body["Error"]), status)
        return body
