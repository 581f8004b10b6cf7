"""Settings, read once from the environment and from Streamlit's secrets."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///movies.db"
DEFAULT_OMDB_BASE_URL = "https://www.omdbapi.com/"
DEFAULT_OMDB_CACHE = "omdb_cache.sqlite"
LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    omdb_api_key: str | None = None
    omdb_base_url: str = DEFAULT_OMDB_BASE_URL
    omdb_cache: str | None = DEFAULT_OMDB_CACHE
    log_level: str = "INFO"
    log_format: str = "text"

    @property
    def lookups_enabled(self) -> bool:
        return bool(self.omdb_api_key)

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        secrets: Mapping[str, object] | None = None,
    ) -> Settings:
        """Each setting from the environment first, then from secrets, then its default.

        An unknown log level or format falls back to the default instead of stopping the app.
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
        return cls(
            database_url=read("DATABASE_URL") or DEFAULT_DATABASE_URL,
            omdb_api_key=read("OMDB_API_KEY"),
            omdb_base_url=read("OMDB_BASE_URL") or DEFAULT_OMDB_BASE_URL,
            omdb_cache=None if cache and cache.lower() == "off" else cache or DEFAULT_OMDB_CACHE,
            log_level=level,
            log_format=log_format,
        )
