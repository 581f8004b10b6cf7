"""Share links where the content lives: "Share this list" on a list's page, and "Sharing"
on the Connections page (your watchlist, your diary, any list, and every link you made).
Each makes a link (shown once, to copy), lists the links that work, and revokes one."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from movie_tracker.models import DIARY, LIST, WATCHLIST, MovieList, ValidationError
from movie_tracker.service import MovieService, StorageError
from movie_tracker.ui import share_text, widgets
from movie_tracker.ui.components import connections, sharing
from movie_tracker.ui.components.sharing import ShareChoice
from movie_tracker.ui.text import escape_markdown


def for_list(service: MovieService, kept: MovieList, flash_page: str) -> None:
    """A list's page: share this list, and its links."""
    st.subheader("Share this list")
    choice = ShareChoice(LIST, kept.id, f"The list “{kept.name}”")
    _section(service, f"list_{kept.id}", [choice], flash_page, only_list=kept.id)


def everything(service: MovieService, lists: Sequence[MovieList], flash_page: str) -> None:
    """The Connections page: share your watchlist, your diary or a list; every link."""
    st.header("Sharing")
    st.caption(share_text.INTRO)
    choices = [
        ShareChoice(WATCHLIST, None, "Your watchlist (Want to Watch, in your order)"),
        ShareChoice(DIARY, None, "Your diary"),
        *(ShareChoice(LIST, kept.id, f"The list “{kept.name}”") for kept in lists),
    ]
    _section(service, "all", choices, flash_page)


def _section(
    service: MovieService,
    place: str,
    choices: Sequence[ShareChoice],
    flash_page: str,
    only_list: int | None = None,
) -> None:
    asked = sharing.share_form(place, choices)
    if asked is not None:
        base = connections.base_address(st.context.url, dict(st.context.headers))
        try:
            made = service.share(
                asked.kind,
                asked.list_id,
                asked.display_name,
                asked.show_ratings,
                asked.show_notes,
                base_url=base,
            )
        except (ValidationError, LookupError, StorageError) as refused:
            st.error(escape_markdown(str(refused)))
        else:
            sharing.new_link(made)
    links = service.shares()
    if only_list is not None:
        links = [link for link in links if link.list_id == only_list]
    pressed = sharing.share_list(links, place)
    if pressed is None:
        return
    try:
        gone = service.unshare(pressed)
    except (LookupError, StorageError) as refused:
        widgets.flash(flash_page, "warning", str(refused))
    else:
        widgets.flash(flash_page, "success", share_text.revoked(gone))
    st.rerun()
