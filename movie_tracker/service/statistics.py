"""Statistics: the totals, the diary's charts, the year in review, and the Activity."""

from __future__ import annotations

from movie_tracker import reports
from movie_tracker.models import LibraryEvent
from movie_tracker.service.base import Service


class Statistics(Service):
    """What a person sees of their library in numbers, and what changed in it."""

    def status_counts(self) -> reports.StatusCounts:
        return reports.StatusCounts.from_mapping(self.repository.count_by_status())

    def statistics(self) -> reports.Statistics:
        counts = self.status_counts()
        if counts.total == 0:
            return reports.Statistics(counts)
        return reports.Statistics(
            counts=counts,
            by_genre=reports.genre_counts(self.repository.count_by_genre()),
            by_decade=reports.decade_counts(self.repository.count_by_decade()),
            watched_by_month=reports.month_counts(self.repository.watches_by_month()),
        )

    def diary_statistics(self, year: int | None = None) -> reports.DiaryStatistics:
        """The diary's charts: watches per month, hours, your ratings, top directors and
        genres; for one year or the whole diary."""
        minutes, without_runtime = self.repository.watch_minutes(year)
        return reports.DiaryStatistics(
            year=year,
            watches=self.repository.count_diary(year),
            watches_by_month=reports.month_counts(self.repository.watches_by_month(year)),
            minutes_watched=minutes,
            watches_without_runtime=without_runtime,
            rating_distribution=reports.rating_distribution(self.repository.count_by_rating()),
            top_directors=reports.top_names(self.repository.watches_by_director(year)),
            top_genres=reports.top_names(self.repository.watches_by_genre(year)),
        )

    def year_in_review(self, year: int) -> reports.YearInReview:
        films, watch_count, rewatches = self.repository.year_counts(year)
        if watch_count == 0:
            return reports.YearInReview(year=year)
        minutes, without_runtime = self.repository.watch_minutes(year)
        last = self.repository.diary(year, limit=1)
        first = self.repository.diary(year, limit=1, oldest_first=True)
        return reports.YearInReview(
            year=year,
            films=films,
            watches=watch_count,
            rewatches=rewatches,
            minutes_watched=minutes,
            watches_without_runtime=without_runtime,
            highest_rated=tuple(
                reports.RatedMovie(movie.id or 0, movie.label, rating)
                for movie, rating in self.repository.top_rated(year)
            ),
            busiest_month=reports.busiest_month(self.repository.watches_by_month(year)),
            first_watch=reports.DiaryMoment.of(first[0]),
            last_watch=reports.DiaryMoment.of(last[0]),
        )

    def library_version(self) -> int:
        """Changes whenever the library does: the key for caching anything read from it."""
        return self.repository.library_version()

    def recent_activity(self, limit: int = 50) -> list[LibraryEvent]:
        return self.repository.recent_events(limit)
