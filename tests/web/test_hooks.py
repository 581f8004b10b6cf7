"""POST /hooks/jellyfin|plex|emby/{token}: what each server's payload does to the library."""

from __future__ import annotations

import asyncio
import json
from datetime import date

import pytest
from starlette.requests import Request

from movie_tracker.models import Movie, Owner, Status
from movie_tracker.service import StorageError
from movie_tracker.web.bodies import Refused, read_body
from tests.web.conftest import emby, jellyfin, plex, post_emby, post_jellyfin, post_plex

HEAT_DAY = date(2026, 3, 3)
ANNA = Owner.signed_in("https://accounts.example.org", "anna")
POST = {"jellyfin": post_jellyfin, "plex": post_plex, "emby": post_emby}
FINISHED = {"jellyfin": jellyfin, "plex": plex, "emby": emby}


def event_sources(service) -> list[tuple[str, str | None]]:
    return [(e.name, e.source) for e in reversed(service.recent_activity(50))]


def nothing_written(service, version: int) -> bool:
    return service.library_version() == version and service.count_movies() == 0


@pytest.mark.parametrize("kind", ["jellyfin", "plex", "emby"])
def test_a_finished_play_adds_the_film_and_logs_one_watch_on_its_day(client, service, kind):
    secret = service.create_token("Living room", kind)

    answer = POST[kind](client, secret, FINISHED[kind]())

    assert answer.status_code == 200
    assert answer.json()["result"] == "logged"
    assert answer.json()["watched_on"] == "2026-03-03"
    [movie] = service.list_movies()
    assert (movie.title, movie.year, movie.imdb_id) == ("Heat", 1995, "tt0113277")
    assert movie.status is Status.WATCHED
    assert [(w.movie.title, w.watched_on) for w in service.diary()] == [("Heat", HEAT_DAY)]
    assert event_sources(service) == [("movie.added", kind), ("watch.logged", kind)]


def test_emby_4_9_sends_the_same_play_as_a_json_body(client, service):
    secret = service.create_token("Den", "emby")

    answer = post_emby(client, secret, emby(), as_json=True)

    assert answer.json()["result"] == "logged"
    assert service.count_diary() == 1


def test_plex_without_a_thumbnail_is_read_too(client, service):
    secret = service.create_token("Plex", "plex")

    assert post_plex(client, secret, plex(), thumb=False).json()["result"] == "logged"


def test_a_film_marked_played_by_hand_in_jellyfin_is_logged(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")
    marked = jellyfin(NotificationType="UserDataSaved", Played=True, SaveReason="TogglePlayed")
    del marked["PlayedToCompletion"]

    assert post_jellyfin(client, secret, marked).json()["result"] == "logged"
    assert service.count_diary() == 1


@pytest.mark.parametrize(
    ("kind", "payload", "reason"),
    [
        ("jellyfin", jellyfin(PlayedToCompletion=False), "partial play"),
        ("jellyfin", jellyfin(NotificationType="PlaybackStart"), "not a finished play"),
        ("jellyfin", jellyfin(NotificationType="UserDataSaved", Played=False), "not that it"),
        (
            "jellyfin",
            jellyfin(NotificationType="UserDataSaved", Played=True, SaveReason="UpdateUserRating"),
            "other than marking it played",
        ),
        ("plex", plex("media.stop"), "not a finished play"),
        ("plex", plex("media.pause"), "not a finished play"),
        ("emby", emby(PlaybackInfo={"PlayedToCompletion": False}), "partial play"),
        ("emby", emby(Event="playback.start"), "not a finished play"),
    ],
)
def test_a_partial_play_is_ignored_with_a_reason_and_writes_nothing(
    client, service, kind, payload, reason
):
    secret = service.create_token("Server", kind)
    version = service.library_version()

    answer = POST[kind](client, secret, payload)

    assert answer.status_code == 200
    assert answer.json()["result"] == "ignored"
    assert reason in answer.json()["reason"]
    assert nothing_written(service, version)


@pytest.mark.parametrize(
    ("kind", "payload", "what"),
    [
        ("jellyfin", jellyfin(ItemType="Episode", Name="Pilot"), "an episode"),
        ("jellyfin", jellyfin(ItemType="Audio", Name="Heat theme"), "a track"),
        ("jellyfin", jellyfin(ItemType="Trailer"), "a trailer"),
        ("jellyfin", jellyfin(ItemType=None), "an item of no stated type"),
        ("plex", plex(type="episode", title="Pilot"), "an episode"),
        ("plex", plex(type="track", title="Heat theme"), "a track"),
        ("plex", plex(type="clip"), "a clip (a trailer or an extra)"),
        ("emby", emby(Item={"Name": "Pilot", "Type": "Episode"}), "an episode"),
        ("emby", emby(Item={"Name": "Heat theme", "Type": "Audio"}), "a track"),
    ],
)
def test_episodes_tracks_and_trailers_are_ignored(client, service, kind, payload, what):
    secret = service.create_token("Server", kind)

    answer = POST[kind](client, secret, payload)

    assert answer.status_code == 200
    assert answer.json() == {"result": "ignored", "reason": f"Not a film: it is {what}."}
    assert service.count_movies() == 0


@pytest.mark.parametrize("kind", ["jellyfin", "plex", "emby"])
def test_another_server_users_play_is_ignored(client, service, kind):
    secret = service.create_token("Shared server", kind, server_users="Ben, carol")
    version = service.library_version()

    answer = POST[kind](client, secret, FINISHED[kind]())

    assert answer.status_code == 200
    assert answer.json()["result"] == "ignored"
    assert "Played by anna; this connection counts only Ben, carol." in answer.json()["reason"]
    assert nothing_written(service, version)


def test_a_named_server_user_counts_whatever_the_case_of_the_name(client, service):
    secret = service.create_token("Shared server", "jellyfin", server_users=["ANNA"])

    assert post_jellyfin(client, secret, jellyfin()).json()["result"] == "logged"


def test_a_server_user_may_be_named_by_their_id(client, service):
    secret = service.create_token("Shared server", "plex", server_users=["1"])

    assert post_plex(client, secret, plex()).json()["result"] == "logged"


@pytest.mark.parametrize("kind", ["jellyfin", "plex", "emby"])
def test_the_same_play_sent_twice_logs_one_watch(client, service, kind):
    secret = service.create_token("Server", kind)
    POST[kind](client, secret, FINISHED[kind]())
    version = service.library_version()

    again = POST[kind](client, secret, FINISHED[kind]())

    assert again.status_code == 200
    assert again.json()["result"] == "duplicate"
    assert again.json()["watched_on"] == "2026-03-03"
    assert service.count_diary() == 1
    assert service.library_version() == version


def test_jellyfins_stop_and_its_user_data_saved_are_one_watch(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")
    post_jellyfin(client, secret, jellyfin())
    saved = jellyfin(NotificationType="UserDataSaved", Played=True)

    assert post_jellyfin(client, secret, saved).json()["result"] == "duplicate"
    assert service.count_diary() == 1


def test_the_same_film_on_another_day_is_a_rewatch(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")
    post_jellyfin(client, secret, jellyfin())

    later = post_jellyfin(client, secret, jellyfin(UtcTimestamp="2026-03-10T20:00:00Z"))

    assert later.json()["result"] == "logged"
    assert [(w.watched_on, w.rewatch) for w in service.diary()] == [
        (date(2026, 3, 10), True),
        (HEAT_DAY, False),
    ]


def test_two_connections_may_each_log_the_film_that_day(client, service):
    post_jellyfin(client, service.create_token("Jellyfin", "jellyfin"), jellyfin())

    post_plex(client, service.create_token("Plex", "plex"), plex())

    assert service.count_diary() == 2
    assert service.count_movies() == 1


def test_a_play_finds_the_film_by_imdb_id(client, service):
    heat = service.repository.add_movie(Movie(title="Heat (Director's cut)", imdb_id="tt0113277"))
    secret = service.create_token("Jellyfin", "jellyfin")

    answer = post_jellyfin(client, secret, jellyfin())

    assert answer.json()["movie_id"] == heat.id
    assert service.count_movies() == 1
    assert service.get_movie(heat.id).status is Status.WATCHED
    assert event_sources(service)[-2:] == [
        ("movie.status_changed", None),
        ("watch.logged", "jellyfin"),
    ]


def test_a_play_finds_the_film_by_title_and_year_ignoring_case_and_accents(client, service):
    amelie = service.repository.add_movie(Movie(title="Amélie", year=2001))
    secret = service.create_token("Emby", "emby")
    item = {"Name": "AMELIE", "ProductionYear": 2001, "Type": "Movie"}
    item["ProviderIds"] = {"Imdb": "tt0211915"}

    answer = post_emby(client, secret, emby(Item=item))

    assert answer.json()["movie_id"] == amelie.id
    assert service.count_movies() == 1


def test_a_film_with_another_imdb_id_is_another_film(client, service):
    service.repository.add_movie(Movie(title="Heat", year=1995, imdb_id="tt9999999"))
    secret = service.create_token("Jellyfin", "jellyfin")

    post_jellyfin(client, secret, jellyfin())

    assert sorted(m.imdb_id for m in service.list_movies()) == ["tt0113277", "tt9999999"]


def test_a_play_is_dated_in_the_connections_timezone(client, service):
    secret = service.create_token("Jellyfin", "jellyfin", timezone="America/Los_Angeles")

    # 05:00 on 4 March in UTC is still the evening of 3 March in Los Angeles.
    answer = post_jellyfin(client, secret, jellyfin(UtcTimestamp="2026-03-04T05:00:00Z"))

    assert answer.json()["watched_on"] == "2026-03-03"


def test_a_signed_in_persons_token_logs_into_their_library(client, service):
    annas = service.for_owner(ANNA)
    secret = annas.create_token("Anna's Jellyfin", "jellyfin")

    post_jellyfin(client, secret, jellyfin())

    assert annas.count_diary() == 1
    assert service.count_diary() == 0


@pytest.mark.parametrize(
    ("rating", "stars"), [(7, 3.5), (8, 4.0), (10, 5.0), ("7.5", 4.0), (1, 0.5), (0.7, 0.5)]
)
def test_a_plex_rating_sets_the_films_rating_in_half_stars(client, service, rating, stars):
    secret = service.create_token("Plex", "plex")
    post_plex(client, secret, plex())

    answer = post_plex(client, secret, {**plex("media.rate"), "rating": rating})

    assert answer.json()["result"] == "rated"
    assert service.list_movies()[0].rating == stars
    assert service.count_diary() == 1  # a rating logs no watch


def test_a_plex_rating_of_a_film_not_in_the_library_adds_it_rated(client, service):
    secret = service.create_token("Plex", "plex")

    post_plex(client, secret, {**plex("media.rate"), "rating": 9})

    [movie] = service.list_movies()
    assert (movie.title, movie.rating, movie.status) == ("Heat", 4.5, Status.WATCHED)
    assert event_sources(service) == [("movie.added", "plex")]


def test_a_plex_rating_of_zero_clears_the_rating(client, service):
    secret = service.create_token("Plex", "plex")
    post_plex(client, secret, {**plex("media.rate"), "rating": 6})

    post_plex(client, secret, {**plex("media.rate"), "rating": 0})

    assert service.list_movies()[0].rating is None
    assert event_sources(service)[-1] == ("movie.rated", "plex")


def test_the_same_plex_rating_again_changes_nothing(client, service):
    secret = service.create_token("Plex", "plex")
    post_plex(client, secret, {**plex("media.rate"), "rating": 6})
    version = service.library_version()

    post_plex(client, secret, {**plex("media.rate"), "rating": 6})

    assert service.library_version() == version


@pytest.mark.parametrize(
    ("kind", "body", "reason"),
    [
        ("jellyfin", "NotificationType=PlaybackStop", "it is not JSON"),
        ("jellyfin", "[1, 2]", "not an object"),
        ("jellyfin", json.dumps({"Name": "Heat"}), "no NotificationType"),
        ("jellyfin", json.dumps(jellyfin(Name="  ")), "the film has no Name"),
        ("jellyfin", json.dumps(jellyfin(Year="nineteen")), "is not a year"),
        ("jellyfin", json.dumps(jellyfin(Year=1066)), "Enter a year from 1870"),
        ("plex", "{not json", "it is not JSON"),
        ("plex", json.dumps({"Metadata": {}}), "has no event"),
        ("plex", json.dumps({"event": "media.scrobble"}), "has no Metadata"),
        ("plex", json.dumps({**plex("media.rate"), "rating": 11}), "not from 0 to 10"),
        ("plex", json.dumps({**plex("media.rate"), "rating": "lots"}), "not a number"),
        ("emby", json.dumps({"Item": {}}), "has no Event"),
        ("emby", json.dumps({"Event": "playback.stop"}), "has no Item"),
    ],
)
def test_a_body_not_in_the_servers_format_is_refused_and_writes_nothing(
    client, service, kind, body, reason
):
    secret = service.create_token("Server", kind)
    version = service.library_version()

    answer = POST[kind](client, secret, body)

    assert answer.status_code == 400
    assert reason in answer.json()["error"]
    assert nothing_written(service, version)


def test_plex_sending_json_instead_of_a_form_is_refused(client, service):
    secret = service.create_token("Plex", "plex")

    answer = client.post(f"/hooks/plex/{secret}", json=plex())

    assert answer.status_code == 400
    assert "multipart/form-data with the JSON in a field named payload" in answer.json()["error"]


def test_emby_form_without_its_data_field_is_refused(client, service):
    secret = service.create_token("Emby", "emby")

    answer = client.post(f"/hooks/emby/{secret}", data={"payload": json.dumps(emby())})

    assert answer.status_code == 400
    assert "a field named data" in answer.json()["error"]


def test_a_form_with_more_files_than_a_webhook_sends_is_refused(client, service):
    secret = service.create_token("Plex", "plex")
    files = {f"thumb{n}": (f"{n}.jpg", b"\xff\xd8", "image/jpeg") for n in range(6)}

    answer = client.post(f"/hooks/plex/{secret}", files={**files, "payload": (None, "{}")})

    assert answer.status_code == 400
    assert "The body is not a form that can be read" in answer.json()["error"]


def test_a_broken_multipart_body_is_refused(client, service):
    secret = service.create_token("Plex", "plex")
    headers = {"Content-Type": "multipart/form-data; boundary=xyz"}

    answer = client.post(f"/hooks/plex/{secret}", content=b"--xyz\r\nnonsense", headers=headers)

    assert answer.status_code == 400


@pytest.mark.parametrize("kind", ["jellyfin", "plex", "emby"])
def test_an_unknown_and_a_revoked_token_get_the_same_401(client, service, kind):
    secret = service.create_token("Server", kind)
    service.revoke_token(service.tokens()[0].id)

    revoked = POST[kind](client, secret, FINISHED[kind]())
    unknown = POST[kind](client, "x" * 43, FINISHED[kind]())

    assert revoked.status_code == unknown.status_code == 401
    assert revoked.json() == unknown.json()
    assert "Unknown or revoked token" in unknown.json()["error"]
    assert service.count_movies() == 0


def test_a_token_made_for_another_server_gets_401_naming_it(client, service):
    secret = service.create_token("Plex", "plex")

    answer = post_jellyfin(client, secret, jellyfin())

    assert answer.status_code == 401
    assert "This token is for Plex, not Jellyfin." in answer.json()["error"]


def test_an_api_token_is_not_a_webhook_token(client, service):
    secret = service.create_token("Script", "api")

    assert post_emby(client, secret, emby()).status_code == 401


def test_a_body_over_one_megabyte_gets_413_and_writes_nothing(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")
    padded = json.dumps(jellyfin(Overview="x" * (1024 * 1024)))

    answer = post_jellyfin(client, secret, padded)

    assert answer.status_code == 413
    assert "over 1 MB" in answer.json()["error"]
    assert service.count_movies() == 0


def test_a_body_without_a_length_is_refused_as_soon_as_it_passes_one_megabyte():
    received = []

    async def receive():
        received.append(1)  # 64 chunks of 64 KiB = 4 MiB, were it all read
        return {"type": "http.request", "body": b" " * 65536, "more_body": len(received) < 64}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)

    with pytest.raises(Refused) as refused:
        asyncio.run(read_body(request))

    assert refused.value.status == 413
    assert len(received) == 17  # 16 chunks are 1 MiB: the 17th passes it, and reading stops


def test_a_connection_is_stamped_with_its_last_use(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")
    assert service.tokens()[0].last_used_at is None

    post_jellyfin(client, secret, jellyfin(ItemType="Episode"))

    assert service.tokens()[0].last_used_at is not None


def test_a_library_that_cannot_be_saved_answers_503_with_what_to_do(client, service):
    secret = service.create_token("Jellyfin", "jellyfin")

    def broken(*_args, **_kwargs):
        raise StorageError("Could not log a play: the library is busy. Try again in a moment.")

    service.repository.log_play = broken
    answer = post_jellyfin(client, secret, jellyfin())

    assert answer.status_code == 503
    assert answer.json() == {
        "error": "Could not log a play: the library is busy. Try again in a moment."
    }


def test_a_library_that_cannot_be_opened_answers_503_and_is_tried_again_next_time(service):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from movie_tracker import web

    opened = []

    def open_service():
        opened.append(1)
        if len(opened) == 1:
            raise StorageError("Could not open the library: the database answered: down.")
        return service

    secret = service.create_token("Jellyfin", "jellyfin")
    with TestClient(Starlette(routes=web.routes(open_service))) as client:
        first = post_jellyfin(client, secret, jellyfin())
        second = post_jellyfin(client, secret, jellyfin())

    assert first.status_code == 503
    assert "Could not open the library" in first.json()["error"]
    assert second.json()["result"] == "logged"
