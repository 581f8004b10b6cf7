"""What the client's sessions retry, and how long they pause before each retry."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

if TYPE_CHECKING:
    from typing_extensions import Self
    from urllib3.response import BaseHTTPResponse

DEFAULT_RETRIES = 1
DEFAULT_BACKOFF = 0.5
RETRY_STATUSES = frozenset({502, 503, 504})


class _Retry(Retry):
    """urllib3's Retry, pausing `backoff_factor * 2**(n-1)` seconds before the n-th retry
    through an injectable `pause`, so tests count the waits instead of waiting.

    urllib3 2 retries the first failure at once; OMDb gets a short breath first, as it
    always did. Retry-After is never waited for (`retry_policy` turns it off).
    """

    def __init__(
        self, *args: Any, pause: Callable[[float], object] = time.sleep, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.pause = pause

    def new(self, **kw: Any) -> Self:
        return super().new(pause=self.pause, **kw)

    def get_backoff_time(self) -> float:
        retried = len(self.history)
        return float(min(self.backoff_max, self.backoff_factor * 2 ** (retried - 1)))

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.pause(backoff)


def retry_policy(
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], object] = time.sleep,
) -> Retry:
    """What the client's sessions retry: connection errors, timeouts and 502/503/504.

    GET only, and never a 401 or any other status. A server's Retry-After is ignored: a
    person waits on the page, and urllib3 honouring it would also retry 413s and 429s. When
    retries run out the last answer is returned, not raised, so a 503 still reads "HTTP 503".
    """
    return _Retry(
        total=max(0, retries),
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff,
        respect_retry_after_header=False,
        raise_on_status=False,
        pause=sleep,
    )


def with_retries(session: requests.Session, retry: Retry) -> requests.Session:
    """The session, retrying through one HTTPAdapter for both schemes."""
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
