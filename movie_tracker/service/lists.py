"""Lists and the watchlist's order: make, rename, describe and delete lists; put films in
them with a note, take them out, order them; and order the films you want to watch.

Every input is checked by the models' rules first (clean_list_name, clean_list_text,
clean_position); a list, or a film, that is not the person's is "not found".
"""

from __future__ import annotations

from movie_tracker.models import (
    ListEntry,
    Movie,
    MovieList,
    clean_list_name,
    clean_list_text,
    clean_position,
)
from movie_tracker.service.base import Service
from movie_tracker.service.errors import NotInListError, UnknownListError, UnknownMovieError


class Lists(Service):
    """A person's lists, and the order of their watchlist."""

    def create_list(self, name: str, description: str = "") -> MovieList:
        return self.repository.create_list(clean_list_name(name), clean_list_text(description))

    def lists(self) -> list[MovieList]:
        """Your lists, A to Z, each with how many films it holds, how many of them you have
        watched, and their runtime."""
        return self.repository.lists()

    def get_list(self, list_id: int) -> MovieList:
        found = self.repository.get_list(list_id)
        if found is None:
            raise UnknownListError(list_id)
        return found

    def rename_list(self, list_id: int, name: str) -> MovieList:
        renamed = self.repository.rename_list(list_id, clean_list_name(name))
        if renamed is None:
            raise UnknownListError(list_id)
        return renamed

    def describe_list(self, list_id: int, description: str) -> MovieList:
        described = self.repository.describe_list(list_id, clean_list_text(description))
        if described is None:
            raise UnknownListError(list_id)
        return described

    def delete_list(self, list_id: int) -> MovieList:
        """Delete a list (never its films); the list as it was."""
        deleted = self.repository.delete_list(list_id)
        if deleted is None:
            raise UnknownListError(list_id)
        return deleted

    def list_entries(self, list_id: int) -> list[ListEntry]:
        """The list's films in its order (position 1 first), each with its note."""
        entries = self.repository.list_entries(list_id)
        if entries is None:
            raise UnknownListError(list_id)
        return entries

    def lists_of_movie(self, movie_id: int) -> list[MovieList]:
        """The lists the film is in, A to Z."""
        return self.repository.lists_of_movie(movie_id)

    def add_to_list(self, list_id: int, movie_id: int, note: str = "") -> ListEntry:
        """Put a film of your library at the end of a list, with a note."""
        entry = self.repository.add_to_list(list_id, movie_id, clean_list_text(note, "note"))
        if entry is None:
            self.get_list(list_id)  # says which of the two is not found
            raise UnknownMovieError(movie_id)
        return entry

    def remove_from_list(self, list_id: int, movie_id: int) -> ListEntry:
        """Take a film out of a list (it stays in your library); the entry it was."""
        entry = self.repository.remove_from_list(list_id, movie_id)
        if entry is None:
            raise self._not_there(list_id, movie_id)
        return entry

    def set_list_note(self, list_id: int, movie_id: int, note: str) -> ListEntry:
        entry = self.repository.set_list_note(list_id, movie_id, clean_list_text(note, "note"))
        if entry is None:
            raise self._not_there(list_id, movie_id)
        return entry

    def move_in_list(self, list_id: int, movie_id: int, position: int | str) -> ListEntry:
        """Put a film at `position` in the list (1 is the first), the others keeping their
        order; the entry at its new place. Moving up is position - 1, down position + 1."""
        place = clean_position(position)
        entry = self.repository.move_in_list(list_id, movie_id, place)
        if entry is None:
            raise self._not_there(list_id, movie_id)
        return entry

    # -- the watchlist's order ----------------------------------------------------------------

    def watchlist(self, limit: int | None = None, offset: int = 0) -> list[Movie]:
        """Your Want to Watch films in your order: new films at the end, a film marked
        Watched out of it, and put back to Want to Watch, at the end again."""
        return self.repository.watchlist(limit, offset)

    def watchlist_place(self, movie_id: int) -> tuple[int, int] | None:
        """(the film's place in your watchlist, how many films it has); None for a film
        you do not want to watch."""
        return self.repository.watchlist_place(movie_id)

    def move_in_watchlist(self, movie_id: int, position: int | str) -> int:
        """Put a Want to Watch film at `position` in your watchlist (1: the top); its place."""
        place = self.repository.move_in_watchlist(movie_id, clean_position(position))
        if place is None:
            raise UnknownMovieError(movie_id)
        return place

    def _not_there(self, list_id: int, movie_id: int) -> LookupError:
        """What is not found: the list, the film, or the film in the list."""
        found = self.get_list(list_id)
        movie = self.repository.get_movie(movie_id)
        if movie is None:
            return UnknownMovieError(movie_id)
        return NotInListError(movie.label, found.name)
