"""factory_boy factories over the movie tracker's dataclasses."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import factory

from movie_tracker.models import (
    Movie,
    MovieDetails,
    Rating,
    SearchPage,
    SearchResult,
    Status,
    Watch,
)


class MovieFactory(factory.Factory):
    """A movie as the user would type it: not yet stored, so no id or date_added."""

    class Meta:
        model = Movie

    title = factory.Sequence(lambda n: f"Movie Number {n}")
    status = Status.WANT_TO_WATCH
    year = factory.Sequence(lambda n: 1950 + n % 70)
    director = factory.Faker("name")
    genre = factory.Iterator(["Drama", "Crime, Drama", "Comedy", "Action, Sci-Fi", "Horror"])
    imdb_id = factory.Sequence(lambda n: f"tt{9000000 + n:07d}")
    poster_url = factory.LazyAttribute(lambda m: f"https://img.example.org/{m.imdb_id}.jpg")
    id = None
    date_added = None

    class Params:
        stored = factory.Trait(
            id=factory.Sequence(lambda n: n + 1),
            date_added=factory.LazyFunction(lambda: datetime.now(timezone.utc)),
        )


class RatingFactory(factory.Factory):
    class Meta:
        model = Rating

    source = "Internet Movie Database"
    value = "8.3/10"


class MovieDetailsFactory(factory.Factory):
    """What OMDb answers for a title, already mapped."""

    class Meta:
        model = MovieDetails

    title = factory.Sequence(lambda n: f"Looked Up Movie {n}")
    imdb_id = factory.Sequence(lambda n: f"tt{8000000 + n:07d}")
    year = 1995
    director = "Michael Mann"
    genre = "Action, Crime, Drama"
    poster_url = factory.LazyAttribute(lambda d: f"https://img.example.org/{d.imdb_id}.jpg")
    type = "movie"
    runtime = "170 min"
    plot = "A group of high-end professional thieves start to feel the heat."
    actors = "Al Pacino, Robert De Niro, Val Kilmer"
    imdb_rating = 8.3
    imdb_votes = 750123
    ratings = factory.LazyFunction(lambda: (RatingFactory(),))


class SearchResultFactory(factory.Factory):
    class Meta:
        model = SearchResult

    title = factory.Sequence(lambda n: f"Search Hit {n}")
    imdb_id = factory.Sequence(lambda n: f"tt{7000000 + n:07d}")
    year = 2001
    type = "movie"
    poster_url = None


class SearchPageFactory(factory.Factory):
    class Meta:
        model = SearchPage

    query = "hit"
    results = factory.LazyFunction(lambda: tuple(SearchResultFactory.build_batch(10)))
    total_results = 23
    page = 1


class WatchFactory(factory.Factory):
    """A watch as the user would log it: not yet stored, so no id or logged_at."""

    class Meta:
        model = Watch

    movie_id = factory.Sequence(lambda n: n + 1)
    watched_on = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n % 300))
    rating = factory.Iterator([None, 3.5, 4.0, 5.0, 0.5])
    review = ""
    tags = ()
