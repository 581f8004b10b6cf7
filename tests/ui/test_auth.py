"""Sign-in with OpenID Connect: what a visitor sees before, while and after signing in.

AppTest cannot run st.login (it needs a provider); it seeds st.user through `AppTest.user`,
which is what a real session reads once the provider has answered.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from movie_tracker.config import Settings
from movie_tracker.models import Owner
from movie_tracker.ui.auth import Person, signed_in_person
from tests.factories import MovieFactory
from tests.ui.conftest import TIMEOUT, real_library, texts

ALICE = {
    "is_logged_in": True,
    "iss": "https://id.example.com",
    "sub": "alice-1",
    "email": "alice@example.com",
    "email_verified": True,
    "name": "Alice",
}


def _script(settings):
    from movie_tracker.ui import app

    app.navigation(app.service_or_stop(settings)).run()


def open_app(database_url: str, user: dict, **settings: object) -> AppTest:
    settings = {"sign_in": True, "cookie_secret_length": 64, **settings}
    at = AppTest.from_function(
        _script,
        kwargs={"settings": Settings(database_url=database_url, omdb_cache=None, **settings)},
        default_timeout=TIMEOUT,
    )
    at.user = user
    return at.run()


def test_a_signed_out_visitor_is_asked_to_sign_in_and_sees_no_library(database_url):
    at = open_app(database_url, {"is_logged_in": False})
    assert not at.exception
    assert texts(at.title) == ["Movie Tracker"]
    assert "Sign in to see your movie library." in texts(at.markdown)
    assert [button.label for button in at.button] == ["Sign in"]
    assert not at.sidebar.caption
    assert "Library" not in texts(at.title)


def test_the_signed_in_person_sees_their_library_and_who_they_are(database_url):
    at = open_app(database_url, ALICE)
    assert not at.exception
    assert "Library" in texts(at.title)
    assert "Signed in as alice@example.com" in texts(at.sidebar.caption)
    assert [button.label for button in at.sidebar.button] == ["Sign out", "Log a film"]


def test_signing_out_shows_the_sign_in_page_again(database_url):
    at = open_app(database_url, ALICE)
    at.sidebar.button[0].click().run()
    assert "Sign in to see your movie library." in texts(at.markdown)
    assert "Library" not in texts(at.title)


def test_the_allowlist_turns_everyone_else_away_with_a_clear_message(database_url):
    carol = {**ALICE, "sub": "carol-3", "email": "carol@elsewhere.org", "name": "Carol"}
    at = open_app(database_url, carol, allowed_emails=("alice@example.com", "@team.org"))
    assert [error.value for error in at.error] == [
        "carol@elsewhere.org may not use this Movie Tracker. Ask whoever runs it to add "
        "your address to ALLOWED_EMAILS, or sign in with another account."
    ]
    assert "Library" not in texts(at.title)
    assert [button.label for button in at.button] == ["Sign out"]


def test_the_allowlist_turns_away_an_address_the_provider_has_not_verified(database_url):
    mallory = {**ALICE, "sub": "mallory-9", "email_verified": False, "name": "Mallory"}
    at = open_app(database_url, mallory, allowed_emails=("alice@example.com",))
    assert [error.value for error in at.error] == [
        "alice@example.com may not use this Movie Tracker: your provider has not verified "
        "that this address is yours, and only a verified address is let in. Verify it with "
        "your provider, or sign in with another account."
    ]
    assert "Library" not in texts(at.title)
    assert [button.label for button in at.button] == ["Sign out"]
    unsaid = {key: value for key, value in mallory.items() if key != "email_verified"}
    assert open_app(database_url, unsaid, allowed_emails=("alice@example.com",)).error


def test_an_address_on_the_allowlist_gets_in(database_url):
    bob = {**ALICE, "sub": "bob-2", "email": "bob@team.org"}
    at = open_app(database_url, bob, allowed_emails=("alice@example.com", "@team.org"))
    assert not at.error
    assert "Library" in texts(at.title)


@pytest.mark.parametrize(
    ("length", "message"),
    [(0, "without a cookie_secret"), (31, "shorter than 32 characters")],
)
def test_sign_in_without_a_strong_cookie_secret_stops_the_app(database_url, length, message):
    at = open_app(database_url, ALICE, cookie_secret_length=length)
    assert len(at.error) == 1
    assert message in at.error[0].value
    assert "Library" not in texts(at.title)
    assert not at.button


def test_without_sign_in_the_app_is_the_one_local_persons(database_url):
    at = open_app(database_url, {"is_logged_in": False}, sign_in=False, cookie_secret_length=0)
    assert "Library" in texts(at.title)
    assert [button.label for button in at.sidebar.button] == ["Log a film"]  # no Sign out


def test_a_person_is_their_issuer_and_subject_and_logs_carry_only_a_hash():
    alice = signed_in_person(ALICE)
    assert alice == Person(
        "https://id.example.com", "alice-1", "alice@example.com", "Alice", email_verified=True
    )
    assert alice.owner == Owner.signed_in("https://id.example.com", "alice-1")
    same_email_other_provider = signed_in_person({**ALICE, "iss": "https://other.example.com"})
    assert same_email_other_provider is not None
    assert same_email_other_provider.owner != alice.owner
    assert same_email_other_provider.owner.hashed != alice.owner.hashed
    assert "alice" not in alice.owner.hashed.lower()
    assert signed_in_person({"is_logged_in": True, "email": "alice@example.com"}) is None


@pytest.mark.parametrize(
    ("claim", "verified"),
    [(True, True), ("true", True), (" TRUE ", True), (False, False), ("false", False),
     (1, False), (None, False)],
)  # fmt: skip
def test_only_a_true_email_verified_claim_vouches_for_the_address(claim, verified):
    person = signed_in_person({**ALICE, "email_verified": claim})
    assert person is not None
    assert person.email_verified is verified
    assert signed_in_person({"is_logged_in": False, "iss": "i", "sub": "s"}) is None


EMPTY = "Your library is empty. Add the first movie you have watched or want to watch."
BOB = {**ALICE, "sub": "bob-2", "email": "bob@example.com", "name": "Bob"}


def is_empty(at: AppTest) -> bool:
    return EMPTY in texts(at.info)


def hint(at: AppTest) -> str:
    return " ".join(texts(at.sidebar.info))


def test_without_library_owner_nobody_takes_the_local_library_and_the_sidebar_says_how(
    database_url,
):
    """Regression: the first person to sign in took the library kept without sign-in."""
    with real_library(database_url, MovieFactory.build_batch(3)):
        pass
    alice = open_app(database_url, ALICE)
    assert "Library" in texts(alice.title)
    assert is_empty(alice)
    assert hint(alice) == (
        "The library kept before sign-in was turned on (3 movies) has no owner yet: nobody "
        "takes it until LIBRARY_OWNER names its owner. To make it yours, whoever runs this "
        "app sets LIBRARY_OWNER to your e-mail address (one your provider has verified) or "
        "to your subject, alice-1, and restarts the app."
    )
    assert is_empty(open_app(database_url, BOB))
    with real_library(database_url) as local:
        assert local.count_movies() == 3


def test_no_word_of_the_local_library_when_it_is_empty(database_url):
    assert not open_app(database_url, ALICE).sidebar.info


def test_library_owner_names_who_takes_the_local_library(database_url):
    with real_library(database_url, MovieFactory.build_batch(3)):
        pass
    alice = open_app(database_url, ALICE, library_owner="bob@example.com")
    assert is_empty(alice)
    assert "LIBRARY_OWNER names someone else" in hint(alice)
    bob = open_app(database_url, BOB, library_owner="bob@example.com")
    assert not is_empty(bob)
    assert not bob.sidebar.info
    assert not open_app(database_url, ALICE, library_owner="bob@example.com").sidebar.info


def test_library_owner_by_email_needs_an_address_the_provider_verified(database_url):
    with real_library(database_url, MovieFactory.build_batch(2)):
        pass
    mallory = {**BOB, "sub": "mallory-9", "email_verified": False}
    at = open_app(database_url, mallory, library_owner="bob@example.com")
    assert is_empty(at)
    assert "(2 movies) has no owner yet" in hint(at)
    assert not is_empty(open_app(database_url, BOB, library_owner="bob@example.com"))


def test_library_owner_by_subject_needs_no_email(database_url):
    with real_library(database_url, MovieFactory.build_batch(2)):
        pass
    no_email = {key: value for key, value in BOB.items() if key != "email"}
    assert not is_empty(open_app(database_url, no_email, library_owner="bob-2"))


def test_the_named_owner_with_a_library_of_their_own_is_told_it_stays_apart(database_url):
    with real_library(database_url, MovieFactory.build_batch(2)):
        pass
    owner = Owner.signed_in(BOB["iss"], BOB["sub"])
    with real_library(database_url) as local:
        local.for_owner(owner).add_movie(MovieFactory.build())
    bob = open_app(database_url, BOB, library_owner="bob-2")
    assert hint(bob) == (
        "The library kept before sign-in was turned on (2 movies) is yours by LIBRARY_OWNER, "
        "but it stays apart: your own library was not empty when you signed in."
    )
