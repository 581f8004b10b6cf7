"""/api/v1: the personal API with a Bearer token of kind API."""

from __future__ import annotations

from datetime import date

import pytest
from openapi_spec_validator import validate

from movie_tracker.models import Movie, Owner, Status
from movie_tracker.web.bodies import API_REQUESTS_PER_MINUTE

ANNA = Owner.signed_in("https://accounts.example.org", "anna")


@pytest.fixture
def secret(service) -> str:
    return service.create_token("My script", "api")


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_movies_pages_the_library_newest_added_first(client, service, secret):
    for n in range(55):
        service.repository.add_movie(Movie(title=f"Film {n}", year=2000))

    first = client.get("/api/v1/movies", headers=bearer(secret))
    second = client.get("/api/v1/movies?page=2", headers=bearer(secret))

    assert first.status_code == 200
    assert (first.json()["page"], first.json()["pages"], first.json()["total"]) == (1, 2, 55)
    assert len(first.json()["movies"]) == 50
    assert first.json()["movies"][0]["title"] == "Film 54"
    assert [m["title"] for m in second.json()["movies"]] == [f"Film {n}" for n in range(4, -1, -1)]


@pytest.mark.parametrize("status", ["watched", "Watched"])
def test_movies_filter_by_status(client, service, secret, status):
    service.repository.add_movie(Movie(title="Heat", status=Status.WATCHED, imdb_id="tt0113277"))
    service.repository.add_movie(Movie(title="Alien"))

    answer = client.get(f"/api/v1/movies?status={status}", headers=bearer(secret))

    assert [m["title"] for m in answer.json()["movies"]] == ["Heat"]
    heat = answer.json()["movies"][0]
    assert (heat["status"], heat["imdb_id"], heat["last_watched"]) == (
        "Watched",
        "tt0113277",
        None,
    )


def test_an_unknown_status_or_page_is_refused_with_the_apps_words(client, secret):
    status = client.get("/api/v1/movies?status=seen", headers=bearer(secret))
    page = client.get("/api/v1/movies?page=0", headers=bearer(secret))

    assert status.status_code == page.status_code == 400
    assert status.json() == {
        "error": 'Status must be "Watched" or "Want to Watch", not "seen". Nothing was written.'
    }
    assert "page must be a whole number from 1" in page.json()["error"]


def test_the_diary_since_a_day_newest_first_with_each_movie(client, service, secret):
    heat = service.repository.add_movie(Movie(title="Heat", year=1995))
    for day in (date(2026, 1, 5), date(2026, 2, 1), date(2025, 12, 31)):
        service.log_watch(heat.id, day, 4.5, "Again")
    service.log_watch(heat.id, None)

    answer = client.get("/api/v1/diary?since=2026-01-01", headers=bearer(secret))

    assert answer.status_code == 200
    watches = answer.json()["watches"]
    assert [w["watched_on"] for w in watches] == ["2026-02-01", "2026-01-05"]
    assert watches[0]["movie"]["title"] == "Heat"
    assert (watches[0]["rating"], watches[0]["review"], watches[0]["rewatch"]) == (
        4.5,
        "Again",
        True,
    )
    assert answer.json()["total"] == 2
    everything = client.get("/api/v1/diary", headers=bearer(secret)).json()
    assert everything["total"] == 4


def test_a_watch_dated_to_a_month_says_so(client, service, secret):
    heat = service.repository.add_movie(Movie(title="Heat", year=1995))
    service.log_watch(heat.id, "2015-03")

    [watch] = client.get("/api/v1/diary", headers=bearer(secret)).json()["watches"]
    [movie] = client.get("/api/v1/movies", headers=bearer(secret)).json()["movies"]

    assert (watch["watched_on"], watch["precision"]) == ("2015-03-31", "month")
    assert (movie["last_watched"], movie["last_watched_precision"]) == ("2015-03-31", "month")


def test_a_since_that_is_not_a_date_is_refused(client, secret):
    answer = client.get("/api/v1/diary?since=yesterday", headers=bearer(secret))

    assert answer.status_code == 400
    assert "since must be a date as YYYY-MM-DD" in answer.json()["error"]


def test_posting_a_watch_by_title_and_year_adds_the_film_and_answers_201(client, service, secret):
    body = {"title": "Heat", "year": 1995, "watched_on": "2026-03-03", "rating": 4.5}
    body["review"] = "Still the best bank job."

    answer = client.post("/api/v1/watches", json=body, headers=bearer(secret))

    assert answer.status_code == 201
    watch = answer.json()
    assert (watch["watched_on"], watch["rating"], watch["review"]) == (
        "2026-03-03",
        4.5,
        "Still the best bank job.",
    )
    assert watch["movie"]["title"] == "Heat"
    assert watch["movie"]["status"] == "Watched"
    assert [(w.movie.title, w.watched_on) for w in service.diary()] == [("Heat", date(2026, 3, 3))]
    assert [(e.name, e.source) for e in service.recent_activity(1)] == [("watch.logged", "api")]


def test_posting_a_watch_in_a_month_keeps_the_month(client, service, secret):
    body = {"title": "Heat", "year": 1995, "watched_on": "2015-03"}

    answer = client.post("/api/v1/watches", json=body, headers=bearer(secret))

    assert answer.status_code == 201
    assert (answer.json()["watched_on"], answer.json()["precision"]) == ("2015-03-31", "month")
    assert [w.when.iso for w in service.diary()] == ["2015-03"]


def test_posting_a_watch_by_imdb_id_logs_the_library_film(client, service, secret):
    heat = service.repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))

    answer = client.post(
        "/api/v1/watches",
        json={"imdb_id": "tt0113277", "watched_on": "2026-03-03"},
        headers=bearer(secret),
    )

    assert answer.status_code == 201
    assert answer.json()["movie_id"] == heat.id


def test_two_api_watches_of_one_film_on_one_day_are_both_kept(client, service, secret):
    body = {"title": "Heat", "year": 1995, "watched_on": "2026-03-03"}
    client.post("/api/v1/watches", json=body, headers=bearer(secret))
    client.post("/api/v1/watches", json=body, headers=bearer(secret))

    assert service.count_diary() == 2


def test_an_imdb_id_not_in_the_library_asks_for_the_title(client, secret):
    answer = client.post("/api/v1/watches", json={"imdb_id": "tt0113277"}, headers=bearer(secret))

    assert answer.status_code == 404
    assert answer.json() == {
        "error": "No movie with IMDb ID tt0113277 is in your library. Send its title and "
        "year too, and it is added."
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"title": "Heat", "rating": 4.2}, "Rate from 0.5 to 5 stars in half steps"),
        ({"title": "Heat", "watched_on": "2999-01-01"}, "cannot be in the future"),
        ({"title": "Heat", "watched_on": "3 March"}, "a month as YYYY-MM"),
        ({"title": "Heat", "year": 1066}, "Enter a year from 1870"),
        ({"imdb_id": "nm0000001"}, 'An IMDb ID is "tt" followed by 7 to 10 digits'),
        ({"rating": 4}, "Send the film's imdb_id, or its title and year."),
        ({"title": "Heat", "stars": 4}, "Unknown field 'stars'"),
    ],
)
def test_a_watch_the_app_refuses_gets_400_with_the_uis_message(
    client, service, secret, body, message
):
    version = service.library_version()

    answer = client.post("/api/v1/watches", json=body, headers=bearer(secret))

    assert answer.status_code == 400
    assert message in answer.json()["error"]
    assert service.library_version() == version


def test_a_watch_body_that_is_not_json_is_refused(client, secret):
    answer = client.post("/api/v1/watches", content=b"title=Heat", headers=bearer(secret))

    assert answer.status_code == 400
    assert answer.json() == {"error": "The body is not a watch as JSON: it is not JSON."}


def test_a_watch_body_over_one_megabyte_gets_413(client, service, secret):
    body = {"title": "Heat", "review": "x" * (1024 * 1024)}

    answer = client.post("/api/v1/watches", json=body, headers=bearer(secret))

    assert answer.status_code == 413
    assert service.count_movies() == 0


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Send an API token as `Authorization: Bearer <token>`"),
        ({"Authorization": "Basic YW5uYTpzZWNyZXQ="}, "Send an API token"),
        ({"Authorization": "Bearer not-a-token"}, "Unknown or revoked token"),
    ],
)
def test_without_a_good_token_the_api_answers_401(client, headers, message):
    answer = client.get("/api/v1/movies", headers=headers)

    assert answer.status_code == 401
    assert message in answer.json()["error"]
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_revoked_api_token_gets_the_unknown_tokens_401(client, service, secret):
    service.revoke_token(service.tokens()[0].id)

    revoked = client.get("/api/v1/diary", headers=bearer(secret))
    unknown = client.get("/api/v1/diary", headers=bearer("y" * 43))

    assert revoked.status_code == 401
    assert revoked.json() == unknown.json()


def test_a_webhook_token_is_not_an_api_token(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")

    answer = client.get("/api/v1/movies", headers=bearer(secret))

    assert answer.status_code == 401
    assert "This token is for Jellyfin webhooks, not the API." in answer.json()["error"]


def test_a_token_reads_only_its_owners_library(client, service):
    service.repository.add_movie(Movie(title="Local film"))
    annas = service.for_owner(ANNA)
    annas.repository.add_movie(Movie(title="Anna's film"))
    secret = annas.create_token("Anna's script", "api")

    answer = client.get("/api/v1/movies", headers=bearer(secret))

    assert [m["title"] for m in answer.json()["movies"]] == ["Anna's film"]


def test_past_60_requests_a_minute_a_token_gets_429_until_the_minute_has_passed(
    client, service, secret, clock
):
    other = service.create_token("Another script", "api")
    for _ in range(API_REQUESTS_PER_MINUTE):
        assert client.get("/api/v1/movies", headers=bearer(secret)).status_code == 200

    refused = client.get("/api/v1/movies", headers=bearer(secret))

    assert refused.status_code == 429
    assert "More than 60 requests in a minute with this token" in refused.json()["error"]
    assert refused.headers["Retry-After"] == "60"
    assert client.get("/api/v1/movies", headers=bearer(other)).status_code == 200
    clock.now += 30
    assert client.get("/api/v1/movies", headers=bearer(secret)).status_code == 429
    clock.now += 30
    assert client.get("/api/v1/movies", headers=bearer(secret)).status_code == 200


def test_the_openapi_document_is_valid_and_names_every_route(client):
    answer = client.get("/api/v1/openapi.json")

    assert answer.status_code == 200
    document = answer.json()
    validate(document)
    assert set(document["paths"]) == {
        "/api/v1/movies",
        "/api/v1/diary",
        "/api/v1/watches",
        "/api/v1/openapi.json",
    }
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_the_answers_fit_the_documents_schemas(client, service, secret):
    from jsonschema import Draft202012Validator

    document = client.get("/api/v1/openapi.json").json()
    schemas = {"components": document["components"]}

    def check(name, value):
        schema = {**schemas, "$ref": f"#/components/schemas/{name}"}
        Draft202012Validator(schema).validate(value)

    watch = client.post(
        "/api/v1/watches",
        json={"title": "Heat", "year": 1995, "rating": 5},
        headers=bearer(secret),
    ).json()
    check("Watch", watch)
    check("Movie", client.get("/api/v1/movies", headers=bearer(secret)).json()["movies"][0])
    check("Error", client.get("/api/v1/movies").json())
    check("NewWatch", {"title": "Heat", "year": 1995, "watched_on": None})
