"""Settings, read once from the environment and from Streamlit's secrets."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)
DEFAULT_DATABASE_URL = "sqlite:///movies.db"
DEFAULT_OMDB_BASE_URL = "https://www.omdbapi.com/"
DEFAULT_OMDB_CACHE = "omdb_cache.sqlite"
# OMDb requests a day the app's own fill-in may spend: most of the free key's 1,000 a day,
# leaving some for lookups people ask for (Add movie), which run past it.
DEFAULT_OMDB_DAILY_LIMIT = 900
LOG_FORMATS = ("text", "json")
# Streamlit signs its sign-in cookie with [auth] cookie_secret; shorter is guessable.
MIN_COOKIE_SECRET_LENGTH = 32


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    omdb_api_key: str | None = None
    omdb_base_url: str = DEFAULT_OMDB_BASE_URL
    omdb_cache: str | None = DEFAULT_OMDB_CACHE
    omdb_daily_limit: int = DEFAULT_OMDB_DAILY_LIMIT
    log_level: str = "INFO"
    log_format: str = "text"
    # Sign-in: on when secrets have an [auth] section (Streamlit's OpenID Connect).
    sign_in: bool = False
    cookie_secret_length: int = 0
    allowed_emails: tuple[str, ...] = ()
    library_owner: str | None = None

    @property
    def lookups_enabled(self) -> bool:
        return bool(self.omdb_api_key)

    @property
    def sign_in_problem(self) -> str | None:
        """Why sign-in as configured is unsafe to run, or None when it is fine (or off)."""
        if not self.sign_in:
            return None
        if self.cookie_secret_length == 0:
            return (
                "Sign-in is configured without a cookie_secret. Add cookie_secret to the "
                "[auth] section of the secrets: a random string of at least "
                f'{MIN_COOKIE_SECRET_LENGTH} characters (python -c "import secrets; '
                'print(secrets.token_hex(32))").'
            )
        if self.cookie_secret_length < MIN_COOKIE_SECRET_LENGTH:
            return (
                f"The [auth] cookie_secret is shorter than {MIN_COOKIE_SECRET_LENGTH} "
                "characters, so the sign-in cookie could be forged. Use a random string of "
                f'at least {MIN_COOKIE_SECRET_LENGTH} characters (python -c "import secrets; '
                'print(secrets.token_hex(32))").'
            )
        return None

    def allows(self, email: str | None, *, email_verified: bool) -> bool:
        """Whether ALLOWED_EMAILS lets this address in: everyone when it is unset; else
        an exact address, or any address at a listed `@domain` (case ignored), and only
        an address the provider vouches for (the token's `email_verified` is true)."""
        if not self.allowed_emails:
            return True
        if not email or not email_verified:
            return False
        address = email.strip().lower()
        return any(
            address.endswith(entry) if entry.startswith("@") else address == entry
            for entry in self.allowed_emails
        )

    def owns_local_library(
        self, email: str | None, subject: str, key: str = "", *, email_verified: bool
    ) -> bool:
        """Whether LIBRARY_OWNER names this person: by subject, by owner key
        ("issuer|subject"), or by an e-mail address the provider has verified. Unset names
        nobody: the local library then waits for its owner to be named."""
        if self.library_owner is None:
            return False
        named = self.library_owner.lower()
        if named in (subject.lower(), key.lower()):
            return True
        return bool(email and email_verified and named == email.strip().lower())

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        secrets: Mapping[str, object] | None = None,
    ) -> Settings:
        """Each setting from the environment first, then from secrets, then its default.

        An unknown log level or format, or an OMDB_DAILY_LIMIT that is no whole number from
        0 up, falls back to the default instead of stopping the app (the last with a warning).
        """
        environ = os.environ if environ is None else environ
        secrets = secrets or {}

        def read(name: str) -> str | None:
            value: object = environ.get(name)
            if value is None or not str(value).strip():
                value = secrets.get(name)
            return str(value).strip() if value is not None and str(value).strip() else None

        level = (read("LOG_LEVEL") or "INFO").upper()
        if not isinstance(logging.getLevelName(level), int):
            level = "INFO"
        log_format = (read("LOG_FORMAT") or "text").lower()
        if log_format not in LOG_FORMATS:
            log_format = "text"
        cache = read("OMDB_CACHE")
        auth = secrets.get("auth")
        cookie_secret = auth.get("cookie_secret") if isinstance(auth, Mapping) else None
        allowed = (read("ALLOWED_EMAILS") or "").replace(";", ",").replace(" ", ",")
        return cls(
            database_url=read("DATABASE_URL") or DEFAULT_DATABASE_URL,
            omdb_api_key=read("OMDB_API_KEY"),
            omdb_base_url=read("OMDB_BASE_URL") or DEFAULT_OMDB_BASE_URL,
            omdb_cache=None if cache and cache.lower() == "off" else cache or DEFAULT_OMDB_CACHE,
            omdb_daily_limit=_daily_limit(read("OMDB_DAILY_LIMIT")),
            log_level=level,
            log_format=log_format,
            sign_in=isinstance(auth, Mapping),
            cookie_secret_length=len(str(cookie_secret).strip()) if cookie_secret else 0,
            allowed_emails=tuple(
                entry.lower() for entry in (part.strip() for part in allowed.split(",")) if entry
            ),
            library_owner=read("LIBRARY_OWNER"),
        )


def _daily_limit(value: str | None) -> int:
    if value is None:
        return DEFAULT_OMDB_DAILY_LIMIT
    if value.isascii() and value.isdigit():
        return int(value)
    log.warning(
        "OMDB_DAILY_LIMIT=%r is not a whole number of requests from 0 up; using %d, the default",
        value,
        DEFAULT_OMDB_DAILY_LIMIT,
    )
    return DEFAULT_OMDB_DAILY_LIMIT
