"""Who is signed in: st.user -> the Person the page is for. The only module that reads st.user.

With an [auth] section in the secrets (any OpenID Connect provider), every page first
asks a signed-out visitor to sign in (Streamlit's st.login) and shows nothing of any
library until they have; ALLOWED_EMAILS turns everyone else away. An e-mail address counts
(for ALLOWED_EMAILS and LIBRARY_OWNER) only when the provider vouches for it. Without
[auth] there is no sign-in and the app is one local person's, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from movie_tracker.config import Settings
from movie_tracker.models import Owner
from movie_tracker.ui.text import escape_markdown


@dataclass(frozen=True)
class Person:
    """A signed-in person, identified by their provider (issuer) and their id there
    (subject): not by name or e-mail, which people change and providers reuse."""

    issuer: str
    subject: str
    email: str | None = None
    name: str | None = None
    # The provider vouches that the address is this person's (the token's
    # `email_verified`): only then does ALLOWED_EMAILS or LIBRARY_OWNER go by it.
    email_verified: bool = False

    @property
    def owner(self) -> Owner:
        """Whose library the pages show: issuer and subject (logs carry only its hash)."""
        return Owner.signed_in(self.issuer, self.subject)

    @property
    def label(self) -> str:
        return self.email or self.name or self.subject


def user_info() -> Mapping[str, object]:
    """st.user as a plain mapping (AppTest seeds it through `AppTest.user`)."""
    return st.user.to_dict()


def signed_in_person(info: Mapping[str, object]) -> Person | None:
    """The person st.user describes, or None when nobody (usable) is signed in."""
    if not info.get("is_logged_in"):
        return None
    issuer, subject = info.get("iss"), info.get("sub")
    if not issuer or not subject:
        return None
    email, name = info.get("email"), info.get("name")
    return Person(
        issuer=str(issuer),
        subject=str(subject),
        email=str(email) if email else None,
        name=str(name) if name else None,
        email_verified=_is_true(info.get("email_verified")),
    )


def _is_true(claim: object) -> bool:
    """A boolean claim: JSON true, or the string "true" that some providers send."""
    return claim is True or (isinstance(claim, str) and claim.strip().lower() == "true")


def require_person(settings: Settings, title: str) -> Person | None:
    """The signed-in person the page is for; None when sign-in is off (one local person).

    When sign-in is on and nobody allowed is signed in, show the sign-in page (or why
    they are turned away) and stop: nothing of any library is shown.
    """
    if not settings.sign_in:
        return None
    if problem := settings.sign_in_problem:
        st.error(problem)
        st.stop()
    person = signed_in_person(user_info())
    if person is None:
        st.title(title)
        st.write("Sign in to see your movie library.")
        st.button("Sign in", type="primary", on_click=st.login)
        st.stop()
    if not settings.allows(person.email, email_verified=person.email_verified):
        st.title(title)
        st.error(escape_markdown(turned_away(person)))
        st.button("Sign out", on_click=st.logout)
        st.stop()
    st.sidebar.caption(f"Signed in as {escape_markdown(person.label)}")
    st.sidebar.button("Sign out", on_click=st.logout)
    return person


def turned_away(person: Person) -> str:
    """Why ALLOWED_EMAILS turns this person away, and what they can do."""
    if person.email and not person.email_verified:
        return (
            f"{person.label} may not use this Movie Tracker: your provider has not verified "
            "that this address is yours, and only a verified address is let in. Verify it "
            "with your provider, or sign in with another account."
        )
    return (
        f"{person.label} may not use this Movie Tracker. Ask whoever runs it to add "
        "your address to ALLOWED_EMAILS, or sign in with another account."
    )
