import logging

import pytest

from movie_tracker.config import (
    DEFAULT_DATABASE_URL,
    DEFAULT_OMDB_BASE_URL,
    DEFAULT_OMDB_DAILY_LIMIT,
    Settings,
)


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


def test_sign_in_is_off_without_an_auth_section():
    settings = Settings.load({}, {"OMDB_API_KEY": "k"})
    assert not settings.sign_in
    assert settings.sign_in_problem is None
    assert settings.allows("anyone@example.com", email_verified=False)
    assert settings.allows(None, email_verified=False)


def test_sign_in_needs_a_cookie_secret_of_at_least_32_characters():
    missing = Settings.load({}, {"auth": {"client_id": "x"}})
    assert missing.sign_in
    assert "without a cookie_secret" in (missing.sign_in_problem or "")
    short = Settings.load({}, {"auth": {"cookie_secret": "s" * 31}})
    assert "shorter than 32 characters" in (short.sign_in_problem or "")
    assert Settings.load({}, {"auth": {"cookie_secret": "s" * 32}}).sign_in_problem is None


def test_the_cookie_secret_itself_is_not_kept_in_the_settings():
    settings = Settings.load({}, {"auth": {"cookie_secret": "a-very-secret-value-of-32-chars!"}})
    assert "a-very-secret" not in repr(settings)


def verified(settings: Settings, email: str | None) -> bool:
    return settings.allows(email, email_verified=True)


def test_allowed_emails_take_addresses_and_domains_from_env_or_secrets():
    settings = Settings.load({"ALLOWED_EMAILS": "Alice@Example.com, @team.org"})
    assert settings.allowed_emails == ("alice@example.com", "@team.org")
    assert verified(settings, "alice@example.com")
    assert verified(settings, "ALICE@example.com")
    assert verified(settings, "bob@team.org")
    assert not verified(settings, "carol@example.com")
    assert not verified(settings, "eve@notteam.org.evil")
    assert not verified(settings, None)
    from_secrets = Settings.load({}, {"ALLOWED_EMAILS": "bob@example.com"})
    assert verified(from_secrets, "bob@example.com")
    assert not verified(from_secrets, "alice@example.com")


def test_allowed_emails_let_in_only_an_address_the_provider_verified():
    settings = Settings.load({"ALLOWED_EMAILS": "alice@example.com, @team.org"})
    assert not settings.allows("alice@example.com", email_verified=False)
    assert not settings.allows("bob@team.org", email_verified=False)
    assert settings.allows("alice@example.com", email_verified=True)


def test_without_library_owner_nobody_takes_the_local_library():
    anyone = Settings.load({})
    assert anyone.library_owner is None
    assert not anyone.owns_local_library("alice@example.com", "alice", email_verified=True)
    assert not anyone.owns_local_library(None, "alice", "https://id.example.com|alice",
                                         email_verified=False)  # fmt: skip


def test_library_owner_names_who_takes_the_local_library():
    named = Settings.load({"LIBRARY_OWNER": "Bob@example.com"})
    assert named.owns_local_library("bob@example.com", "123", email_verified=True)
    assert not named.owns_local_library("alice@example.com", "alice", email_verified=True)
    by_subject = Settings.load({}, {"LIBRARY_OWNER": "bob"})
    assert by_subject.owns_local_library(None, "bob", email_verified=False)


def test_library_owner_names_an_email_only_when_the_provider_verified_it():
    named = Settings.load({"LIBRARY_OWNER": "bob@example.com"})
    assert not named.owns_local_library("bob@example.com", "mallory", email_verified=False)
    by_subject = Settings.load({"LIBRARY_OWNER": "bob-2"})
    assert by_subject.owns_local_library("unverified@example.com", "bob-2", email_verified=False)


def test_library_owner_can_name_an_owner_key():
    named = Settings.load({"LIBRARY_OWNER": "https://id.example.com|bob"})
    assert named.owns_local_library(None, "bob", "https://id.example.com|bob", email_verified=False)
    assert not named.owns_local_library(
        None, "alice", "https://id.example.com|alice", email_verified=False
    )


def test_the_daily_omdb_budget_defaults_to_900_and_is_read_from_env_or_secrets():
    assert Settings.load({}).omdb_daily_limit == DEFAULT_OMDB_DAILY_LIMIT == 900
    assert Settings.load({"OMDB_DAILY_LIMIT": " 90000 "}).omdb_daily_limit == 90_000
    assert Settings.load({}, {"OMDB_DAILY_LIMIT": 500}).omdb_daily_limit == 500
    assert Settings.load({}, {"OMDB_DAILY_LIMIT": "0"}).omdb_daily_limit == 0  # no fill-in


@pytest.mark.parametrize("value", ["lots", "-1", "9.5", "1e3"])
def test_a_bad_daily_omdb_budget_falls_back_to_900_with_a_warning(value, caplog):
    with caplog.at_level(logging.WARNING, logger="movie_tracker.config"):
        settings = Settings.load({"OMDB_DAILY_LIMIT": value})

    assert settings.omdb_daily_limit == 900
    assert [record.getMessage() for record in caplog.records] == [
        f"OMDB_DAILY_LIMIT={value!r} is not a whole number of requests from 0 up; "
        "using 900, the default"
    ]
