"""The Connections page with AppTest, over the real service on a real library."""

from __future__ import annotations

import re

from movie_tracker.ui.components import connections
from tests.ui.conftest import texts

SUBMIT = "FormSubmitter:new_connection-Make token"
HOOK = re.compile(r"^http://localhost:8501/hooks/jellyfin/([A-Za-z0-9_-]{43})$")


def make(at, name: str, kind: str = "jellyfin", users: str = ""):
    at.text_input(key=connections.NAME_KEY).input(name)
    at.selectbox(key=connections.KIND_KEY).select(kind)
    at.text_input(key=connections.USERS_KEY).input(users)
    return at.button(key=SUBMIT).click().run()


def test_an_empty_page_says_how_to_start(open_page, offline_service):
    at = open_page(offline_service, "connections")

    assert not at.exception
    assert texts(at.title) == ["Connections"]
    assert "No connections yet" in at.info[0].value


def test_a_new_jellyfin_token_is_shown_once_with_the_address_and_the_steps(
    open_page, offline_service
):
    at = make(open_page(offline_service, "connections"), "Living room", users="anna")

    assert not at.exception
    assert "Made Living room. Copy it now" in at.success[0].value
    [address] = texts(at.code)
    secret = HOOK.match(address).group(1)
    token = offline_service.token_for_secret(secret)
    assert (token.name, token.kind, token.server_users) == ("Living room", "jellyfin", ("anna",))
    assert any("Send All Properties" in m.value for m in at.markdown)
    assert any("counts anna" in c.value for c in at.caption)

    at.run()
    assert texts(at.code) == []  # never shown again
    assert not at.success


def test_an_api_token_shows_the_token_the_address_and_a_curl_example(open_page, offline_service):
    at = make(open_page(offline_service, "connections"), "Backup script", kind="api")

    token_block, address, curl = texts(at.code)
    assert offline_service.token_for_secret(token_block).kind == "api"
    assert address == "http://localhost:8501/api/v1"
    assert f"Authorization: Bearer {token_block}" in curl


def test_a_token_without_a_name_is_refused_with_what_to_do(open_page, offline_service):
    at = make(open_page(offline_service, "connections"), "   ")

    assert "Give the connection a name" in at.error[0].value
    assert offline_service.tokens() == []


def test_revoking_asks_first_and_then_the_token_stops_working(open_page, offline_service):
    secret = offline_service.create_token("Den", "plex")
    token_id = offline_service.tokens()[0].id
    at = open_page(offline_service, "connections")

    at.button(key=f"revoke_{token_id}").click().run()
    assert "Revoke Den?" in at.warning[0].value
    at.button(key="revoke_confirm").click().run()

    assert not at.exception
    assert "Revoked Den: it no longer works." in at.success[0].value
    assert offline_service.token_for_secret(secret) is None
    assert "No connections yet" in at.info[0].value


def test_keeping_a_token_leaves_it_working(open_page, offline_service):
    secret = offline_service.create_token("Den", "emby")
    token_id = offline_service.tokens()[0].id
    at = open_page(offline_service, "connections")

    at.button(key=f"revoke_{token_id}").click().run()
    at.button(key="revoke_cancel").click().run()

    assert not at.warning
    assert offline_service.token_for_secret(secret) is not None


def test_a_token_revoked_elsewhere_meanwhile_says_so(open_page, offline_service):
    offline_service.create_token("Den", "emby")
    token = offline_service.tokens()[0]
    at = open_page(offline_service, "connections")
    at.button(key=f"revoke_{token.id}").click().run()
    original = offline_service.revoke_token

    def revoked_in_another_tab(token_id):
        original(token_id)
        return original(token_id)  # the second revoke finds it gone

    offline_service.revoke_token = revoked_in_another_tab
    at.button(key="revoke_confirm").click().run()

    assert "it may have just been revoked" in at.warning[0].value
