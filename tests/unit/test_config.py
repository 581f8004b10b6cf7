from movie_tracker.config import DEFAULT_DATABASE_URL, DEFAULT_OMDB_BASE_URL, Settings


def test_defaults_without_any_setting():
    settings = Settings.load(environ={}, secrets={})
    assert settings == Settings()
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///movies.db"
    assert settings.omdb_base_url == DEFAULT_OMDB_BASE_URL
    assert settings.omdb_api_key is None
    assert not settings.lookups_enabled


def test_environment_wins_over_secrets_and_secrets_fill_the_rest():
    settings = Settings.load(
        environ={"DATABASE_URL": "sqlite:///env.db", "OMDB_API_KEY": " "},
        secrets={"DATABASE_URL": "sqlite:///secret.db", "OMDB_API_KEY": "abc123"},
    )
    assert settings.database_url == "sqlite:///env.db"
    assert settings.omdb_api_key == "abc123"
    assert settings.lookups_enabled


def test_logging_settings_are_normalised_and_bad_values_fall_back():
    assert Settings.load({"LOG_LEVEL": "debug", "LOG_FORMAT": "JSON"}).log_level == "DEBUG"
    assert Settings.load({"LOG_FORMAT": "JSON"}).log_format == "json"
    bad = Settings.load({"LOG_LEVEL": "LOUD", "LOG_FORMAT": "xml"})
    assert (bad.log_level, bad.log_format) == ("INFO", "text")


def test_omdb_cache_can_be_moved_or_turned_off():
    assert Settings.load({}).omdb_cache == "omdb_cache.sqlite"
    assert Settings.load({"OMDB_CACHE": "/tmp/c.sqlite"}).omdb_cache == "/tmp/c.sqlite"
    assert Settings.load({"OMDB_CACHE": "OFF"}).omdb_cache is None
