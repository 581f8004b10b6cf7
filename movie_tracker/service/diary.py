"""The diary: log a watch (of a movie, or of a film picked or typed in the Log a film
dialog, added in the same step), read, change and delete watches, and page through the
diary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from movie_tracker.models import (
    FilmLogged,
    Movie,
    Status,
    ValidationError,
    Watch,
    WatchDate,
    clean_imdb_id,
    clean_rating,
    clean_review,
    clean_tags,
    clean_title,
    clean_watch_date,
)
from movie_tracker.service.base import NOT_GIVEN, Service, date_fields
from movie_tracker.service.details import details_to_fill, merge_details
from movie_tracker.service.errors import UnknownMovieError, UnknownWatchError


class Diary(Service):
    """What a person does with the watches in their diary."""

    def log_watch(
        self,
        movie_id: int,
        watched_on: WatchDate | date | str | None = None,
        rating: float | str | None = None,
        review: str = "",
        tags: Iterable[str] | str = (),
        *,
        seen_before: bool = False,
    ) -> Watch:
        """Log a watch of a movie (marking it Watched); nothing is stored on any error.

        `watched_on` is a day (a date or "2015-03-14"), a month ("2015-03"), a year
        ("2015"), a WatchDate, or None when it is not known (models/dates.py); not in the
        future (a month or a year once it has begun) in the person's timezone.
        `seen_before`: the person had seen the film before this watch (the Rewatch tick of
        a first watch), so even as the film's first watch it is a rewatch."""
        watch = replace(
            self._watch(watched_on, rating, review, tags, seen_before), movie_id=movie_id
        )
        stored = self.repository.log_watch(watch)
        if stored is None:
            raise UnknownMovieError(movie_id)
        return stored

    def log_film(
        self,
        *,
        movie_id: int | None = None,
        imdb_id: str | None = None,
        title: str = "",
        watched_on: WatchDate | date | str | None = None,
        rating: float | str | None = None,
        review: str = "",
        tags: Iterable[str] | str = (),
        seen_before: bool = False,
    ) -> FilmLogged:
        """Log a watch of a film as the Log a film dialog picks it: a movie of the library
        (`movie_id`), a film OMDb found (`imdb_id`: added with OMDb's details), or a film by
        its typed `title` (OMDb off, or nothing found). A film the library already has is
        not added again (store.queries.same_film): the watch goes to the movie you have,
        which gains from OMDb the details it lacked. Adding and logging are one
        transaction; the watch's fields are checked first, and on any error (a field, the
        title, OMDb failing) nothing is stored."""
        watch = self._watch(watched_on, rating, review, tags, seen_before)
        if movie_id is not None:
            logged = self.log_watch(
                movie_id,
                watch.when,
                watch.rating,
                watch.review,
                watch.tags,
                seen_before=seen_before,
            )
            movie = self.repository.get_movie(movie_id)
            if movie is None:  # deleted between the two: the watch went with it
                raise UnknownMovieError(movie_id)
            return FilmLogged(movie, logged)
        if imdb_id is not None:
            chosen = clean_imdb_id(imdb_id)
            if chosen is None:
                raise ValidationError("imdb_id", "Pick a film from the search results.")
            details = self._lookup_client().get_by_id(chosen)
            film = merge_details(Movie(details.title, Status.WATCHED), details)
            return self.repository.log_film(film, watch, details_to_fill(details))
        if not (title or "").strip():
            raise ValidationError("title", "Type the film's title, or pick one of the results.")
        return self.repository.log_film(Movie(clean_title(title), Status.WATCHED), watch)

    def _watch(
        self,
        watched_on: object,
        rating: float | str | None,
        review: str,
        tags: Iterable[str] | str,
        seen_before: bool,
    ) -> Watch:
        """A watch as entered, every field checked (its movie_id still 0)."""
        when = clean_watch_date(watched_on, self.today())
        return Watch(
            movie_id=0,
            **date_fields(when),
            rating=clean_rating(rating),
            review=clean_review(review),
            tags=clean_tags(tags),
            seen_before=bool(seen_before),
        )

    def watches(self, movie_id: int) -> list[Watch]:
        """A movie's watches, newest first (unknown dates last)."""
        return self.repository.find_watches(movie_id)

    def get_watch(self, watch_id: int) -> Watch:
        watch = self.repository.get_watch(watch_id)
        if watch is None:
            raise UnknownWatchError(watch_id)
        return watch

    def update_watch(
        self,
        watch_id: int,
        *,
        watched_on: Any = NOT_GIVEN,
        rating: Any = NOT_GIVEN,
        review: Any = NOT_GIVEN,
        tags: Any = NOT_GIVEN,
    ) -> Watch:
        """Change only the fields given (None clears a date or a rating); `watched_on`
        as log_watch takes it, a month or a year too."""
        cleaners = {"rating": clean_rating, "review": clean_review, "tags": clean_tags}
        given = {"rating": rating, "review": review, "tags": tags}
        changes = {
            name: cleaners[name](value) for name, value in given.items() if value is not NOT_GIVEN
        }
        if watched_on is not NOT_GIVEN:
            changes |= date_fields(clean_watch_date(watched_on, self.today()))
        if not changes:
            return self.get_watch(watch_id)
        stored = self.repository.update_watch(watch_id, changes)
        if stored is None:
            raise UnknownWatchError(watch_id)
        return stored

    def delete_watch(self, watch_id: int) -> Watch:
        deleted = self.repository.delete_watch(watch_id)
        if deleted is None:
            raise UnknownWatchError(watch_id)
        return deleted

    def diary(
        self,
        year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        since: date | None = None,
    ) -> list[Watch]:
        """Watches across the library, each with its movie, newest first; `since` keeps
        those dated on that day or later."""
        return self.repository.diary(year, limit, offset, since=since)

    def count_diary(self, year: int | None = None, *, since: date | None = None) -> int:
        return self.repository.count_diary(year, since=since)

    def diary_years(self) -> list[int]:
        """The years with dated watches, newest first (for a year picker)."""
        return self.repository.diary_years()
