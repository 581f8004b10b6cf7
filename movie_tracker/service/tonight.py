"""Tonight: one film picked at random from Want to Watch or one of your lists, through the
filters you set, never one this visit has shown; and why it fits. With nothing to pick, it
says why, and which filter to loosen.

`pick_tonight` returns a TonightPick (the movie, the reasons it fits, how many fitted) or a
NoPick (the reason, the filter to loosen, whether to start over). A pick changes nothing,
so it writes no event.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from movie_tracker.models import (
    DECADE,
    DIARY,
    GENRE,
    LIST,
    RUNTIME,
    TOGETHER,
    UNWATCHED,
    FilmKey,
    Movie,
    NoPick,
    SharedView,
    TonightFilters,
    TonightPick,
    ValidationError,
    clean_tonight_filters,
    matched_genre,
    on_both,
    runtime_length,
    time_limit,
)
from movie_tracker.service.base import Service
from movie_tracker.service.errors import UnknownListError
from movie_tracker.store import genre_names


@dataclass(frozen=True)
class TonightChoices:
    """What the filters can offer for a source: its films' genres (A to Z) and decades."""

    films: int
    genres: list[str]
    decades: list[int]


# What Together picks against: what a friend's share link shows, or another library's films;
# pick_tonight takes the link itself too.
Theirs = SharedView | Iterable[FilmKey]


class Tonight(Service):
    """Tonight's film."""

    if TYPE_CHECKING:  # the Shares part, beside this one in MovieService

        def open_share(self, link: str) -> SharedView: ...

    def tonight_choices(self, list_id: int | None = None) -> TonightChoices:
        """How many films the source holds (Want to Watch, or the list), and the genres and
        decades among them; a list that is not yours is "not found"."""
        films = self._candidates(TonightFilters(list_id=list_id))
        decades = sorted({film.year // 10 * 10 for film in films if film.year is not None})
        return TonightChoices(len(films), genre_names(film.genre for film in films), decades)

    def pick_tonight(
        self,
        max_minutes: int | None = None,
        genre: str | None = None,
        decade: int | None = None,
        unwatched: bool = False,
        list_id: int | None = None,
        exclude: Collection[int] = (),
        together_with: str | Theirs | None = None,
        rng: random.Random | None = None,
    ) -> TonightPick | NoPick:
        """A film at random from Want to Watch (or the list `list_id`, which must be yours)
        that is no longer than `max_minutes` (a film whose runtime is not known is left
        out then), of `genre` (a whole genre of its list), from `decade` (1990: 1990-1999),
        never watched when `unwatched`, not among `exclude` (the ids shown already), and,
        given `together_with` (a friend's share link of their watchlist or a list, what
        such a link showed, or films of another library: IMDb ID, title, year), one of
        theirs too (the duplicate rule matches them). Bad filters, or a diary's link, raise
        ValidationError; a link that no longer works raises ShareNotFoundError."""
        filters = clean_tonight_filters(max_minutes, genre, decade, unwatched, list_id)
        if isinstance(together_with, str):
            together_with = self.open_together(together_with) if together_with.strip() else None
        theirs = self._together_keys(together_with)
        fitting = self._fitting(filters, theirs)
        if not fitting:
            return self._nothing_fits(filters, theirs, _their_films(together_with))
        shown = set(exclude)
        left = [film for film in fitting if film.id not in shown]
        if not left:
            return NoPick(_all_shown(len(fitting)), start_over=True)
        movie = (rng or random.Random()).choice(left)
        why = self._why(filters, movie, _theirs(together_with) if theirs is not None else None)
        return TonightPick(movie, why, candidates=len(fitting))

    # -- the seam for Together -----------------------------------------------------------

    def open_together(self, link: str) -> SharedView:
        """What a friend's share link shows, to pick from with Together: their watchlist or
        a list. A diary's link raises ValidationError; one that no longer works,
        ShareNotFoundError."""
        view = self.open_share(link)
        self._together_keys(view)  # refuses a diary
        return view

    @staticmethod
    def _together_keys(
        together_with: SharedView | Iterable[FilmKey] | None,
    ) -> list[FilmKey] | None:
        """The films of the other library to pick from too; None: no Together."""
        if isinstance(together_with, SharedView):
            if together_with.kind == DIARY:
                raise ValidationError("together_with", DIARY_LINK)
            return list(together_with.films)
        if together_with is None:
            return None
        return list(together_with)

    # -- the candidates --------------------------------------------------------------------

    def _candidates(self, filters: TonightFilters) -> list[Movie]:
        films = self.repository.tonight_candidates(filters)
        if films is None:
            raise UnknownListError(filters.list_id)
        return films

    def _fitting(self, filters: TonightFilters, theirs: Sequence[FilmKey] | None) -> list[Movie]:
        films = self._candidates(filters)
        return films if theirs is None else on_both(films, theirs)

    def _nothing_fits(
        self, filters: TonightFilters, theirs: Sequence[FilmKey] | None, their: str | None
    ) -> NoPick:
        """Why no film fits, and which one filter, off, would give the most films."""
        source = self._source_name(filters.list_id)
        loosened = {name: self._fitting(filters.without(name), theirs) for name in filters.active}
        if theirs is not None:
            loosened[TOGETHER] = self._candidates(filters)
        everything = self._candidates(TonightFilters(list_id=filters.list_id))
        if not everything or not loosened:
            return NoPick(_empty(source))
        asked = _asked(filters, their if theirs is not None else None)
        best = max(loosened, key=lambda name: len(loosened[name]))
        if not loosened[best]:
            return NoPick(f"{asked} Even with one filter fewer no film fits: clear a few.")
        reason = f"{asked} Without {_filter_name(best, filters, their)} there would be "
        reason += f"{_films(len(loosened[best]))}."
        unknown = sum(1 for film in loosened.get(RUNTIME, []) if film.runtime_minutes is None)
        if unknown:
            verb = "is" if unknown == 1 else "are"
            reason += f" ({_films(unknown)} without a known runtime {verb} left out by the limit.)"
        return NoPick(reason, loosen=best)

    # -- why it fits -----------------------------------------------------------------------

    def _why(self, filters: TonightFilters, movie: Movie, their: str | None) -> tuple[str, ...]:
        why = []
        if filters.max_minutes is not None:
            length = runtime_length(movie.runtime_minutes)
            why.append(f"{length} — fits under {time_limit(filters.max_minutes)}")
        if filters.genre is not None:
            why.append(f"{matched_genre(movie.genre, filters.genre)}, as you asked")
        if filters.decade is not None:
            why.append(f"from the {filters.decade}s ({movie.year})")
        if filters.unwatched:
            why.append("not watched yet")
        source = self._source_name(filters.list_id)
        mine = "on your watchlist" if source is None else f"on your list “{source}”"
        if their is None:
            why.append(mine)
        else:
            why.append(f"{mine} and {their}")
        return tuple(why)

    def _source_name(self, list_id: int | None) -> str | None:
        """The list's name; None for Want to Watch."""
        if list_id is None:
            return None
        found = self.repository.get_list(list_id)
        if found is None:
            raise UnknownListError(list_id)
        return found.name


DIARY_LINK = (
    "That link shares a diary, the films someone has watched: paste a link to their "
    "watchlist or to one of their lists."
)


OTHER_WATCHLIST = "the other watchlist"


def _their_films(together_with: Theirs | None) -> str:
    """Whose films, as "Without ..." names them: "Sam's watchlist", "Sam's list “Noir”"."""
    if isinstance(together_with, SharedView) and together_with.kind != LIST:
        return f"{together_with.display_name}'s watchlist"
    if isinstance(together_with, SharedView):
        return _theirs(together_with)
    return OTHER_WATCHLIST


def _theirs(together_with: Theirs | None) -> str:
    """Whose films Together picked against: "Sam's" (watchlist), "Sam's list “Noir”"."""
    if not isinstance(together_with, SharedView):
        return "theirs"
    if together_with.kind == LIST:
        return f"{together_with.display_name}'s list “{together_with.title}”"
    return f"{together_with.display_name}'s"


def _films(count: int) -> str:
    return "1 film" if count == 1 else f"{count} films"


def _empty(source: str | None) -> str:
    if source is None:
        return "Your watchlist is empty: mark films Want to Watch (or add some), then pick again."
    return f"The list “{source}” has no films yet: add films to it from their pages."


def _all_shown(count: int) -> str:
    return f"You have seen every film that fits ({_films(count)}). Start over to see them again."


def _asked(filters: TonightFilters, their: str | None) -> str:
    """ "No film under 90 minutes fits." / "No film fits all of: Drama, from the 1990s." """
    parts = [_filter_part(name, filters) for name in filters.active]
    if their is not None:
        parts.append("on both watchlists" if their == OTHER_WATCHLIST else f"also on {their}")
    if len(parts) == 1:
        return f"No film {parts[0]} fits."
    return f"No film fits all of: {', '.join(parts)}."


def _filter_part(name: str, filters: TonightFilters) -> str:
    if name == RUNTIME:
        return f"under {time_limit(filters.max_minutes or 0)}"
    if name == GENRE:
        return f"in {filters.genre}"
    if name == DECADE:
        return f"from the {filters.decade}s"
    return "never watched"


def _filter_name(name: str, filters: TonightFilters, their: str | None = None) -> str:
    """The filter as "Without ..." names it."""
    names = {
        RUNTIME: "the runtime limit",
        GENRE: f"the genre {filters.genre}",
        DECADE: f"the {filters.decade}s",
        UNWATCHED: "“Never watched”",
        TOGETHER: their or OTHER_WATCHLIST,
    }
    return names[name]
