"""What every route stands on: the app's service, opened on first use and shared with the
pages in this process, the API's rate limit, and the share links' (per client address).

Routes run the service's (blocking) work in a worker thread, so a burst of webhooks never
holds up the pages' own requests on the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.concurrency import run_in_threadpool

from movie_tracker.web.bodies import SHARE_OPENS_PER_MINUTE, RateLimit

if TYPE_CHECKING:
    from movie_tracker.service import MovieService

_T = TypeVar("_T")


class Gate:
    """The service the routes talk to (`open_service()` once, on first use), the rate
    limit of the API's tokens, and that of opening share links, per client address."""

    def __init__(
        self,
        open_service: Callable[[], MovieService],
        rate_limit: RateLimit | None = None,
        share_limit: RateLimit | None = None,
    ) -> None:
        self._open_service = open_service
        self._service: MovieService | None = None
        self._lock = threading.Lock()
        self.rate_limit = rate_limit or RateLimit()
        self.share_limit = share_limit or RateLimit(SHARE_OPENS_PER_MINUTE, per="from this address")

    def service(self) -> MovieService:
        with self._lock:
            if self._service is None:
                self._service = self._open_service()
            return self._service

    async def run(self, work: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """Blocking work (the database) in a worker thread, off the event loop."""
        return await run_in_threadpool(work, *args, **kwargs)
