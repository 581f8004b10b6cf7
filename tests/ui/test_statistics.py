"""Statistics: the library by status, genre and decade; the diary by month, hours, ratings,
directors and genres; and a year in review."""

from datetime import date

from movie_tracker.models import Movie, Status
from tests.ui.conftest import charts, texts

PAGE = "statistics"
GENRE, DECADE = "Movies by genre", "Movies by decade"
MONTH, RATINGS = "Watches per month", "Your ratings"
DIRECTORS, GENRES_WATCHED = "Top directors", "Top genres by watches"
LIBRARY_METRICS = ("Total", "Watched", "Want to Watch")


def metrics(at, labels=None):
    found = {metric.label: metric.value for metric in at.metric}
    return {label: found[label] for label in labels} if labels else found


def rows(at, title):
    _, data = charts(at)[title]
    return list(data.itertuples(index=False, name=None))


def test_an_empty_library_gets_a_message_not_empty_charts(open_page, offline_service):
    at = open_page(offline_service, PAGE)
    assert "No statistics yet: your library is empty." in at.info[0].value
    assert texts(at.get("page_link")) == ["Add movie"]
    assert not at.metric
    assert charts(at) == {}
    assert texts(at.header) == []


def test_metrics_and_charts_count_the_library(open_page, offline_service, library):
    alien = library.add_movie(Movie("Alien", Status.WATCHED, 1979, genre="Horror, Sci-Fi"))
    heat = library.add_movie(Movie("Heat", Status.WATCHED, 1995, genre="Action, Crime, Drama"))
    library.add_movie(Movie("Se7en", Status.WANT_TO_WATCH, 1995, genre="Crime, Drama"))
    library.add_movie(Movie("Untitled"))
    offline_service.log_watch(alien.id, date(2026, 9, 3))
    offline_service.log_watch(heat.id, date(2026, 11, 20))
    at = open_page(offline_service, PAGE)

    assert metrics(at, LIBRARY_METRICS) == {"Total": "4", "Watched": "2", "Want to Watch": "2"}
    spec, _ = charts(at)[GENRE]
    assert rows(at, GENRE) == [
        ("Crime", 2),
        ("Drama", 2),
        ("Action", 1),
        ("Horror", 1),
        ("Sci-Fi", 1),
        ("Unknown", 1),
    ]
    assert spec["encoding"]["y"]["sort"] == [
        "Crime",
        "Drama",
        "Action",
        "Horror",
        "Sci-Fi",
        "Unknown",
    ]
    assert rows(at, DECADE) == [("1970s", 1), ("1990s", 2), ("Unknown", 1)]
    assert rows(at, MONTH) == [("2026-09", 1), ("2026-10", 0), ("2026-11", 1)]


def test_without_watches_the_diary_part_says_how_to_log_one(open_page, offline_service, library):
    library.add_movie(Movie("Heat", year=1995, genre="Crime"))
    at = open_page(offline_service, PAGE)
    assert metrics(at) == {"Total": "1", "Watched": "0", "Want to Watch": "1"}
    assert set(charts(at)) == {GENRE, DECADE}
    assert texts(at.header) == ["Your diary"]
    assert "No watches in your diary yet. In the Library, open a movie and choose Log a watch" in (
        at.info[0].value
    )


def diary(library, service):
    """Heat twice (the second a rewatch), Alien once in 2025, Collateral undated."""
    heat = library.add_movie(
        Movie("Heat", year=1995, director="Michael Mann", genre="Crime, Drama", runtime_minutes=170)
    )
    alien = library.add_movie(
        Movie("Alien", year=1979, director="Ridley Scott", genre="Horror", runtime_minutes=117)
    )
    collateral = library.add_movie(Movie("Collateral", year=2004, director="Michael Mann"))
    service.log_watch(heat.id, date(2026, 1, 9), rating=4.5)
    service.log_watch(heat.id, date(2026, 3, 3), rating=5)
    service.log_watch(alien.id, date(2025, 12, 31), rating=3.5)
    service.log_watch(collateral.id, None)
    service.rate_movie(heat.id, 5)
    service.rate_movie(alien.id, 3.5)
    return heat, alien, collateral


def test_the_diary_charts_count_watches_by_date_watched(open_page, offline_service, library):
    diary(library, offline_service)
    at = open_page(offline_service, PAGE)

    assert metrics(at, ["Watches", "Hours watched"]) == {"Watches": "4", "Hours watched": "7.6"}
    assert "1 watch has no runtime and is not counted." in texts(at.main.caption)
    assert rows(at, MONTH) == [("2025-12", 1), ("2026-01", 1), ("2026-02", 0), ("2026-03", 1)]
    assert rows(at, DIRECTORS) == [("Michael Mann", 3), ("Ridley Scott", 1)]
    assert rows(at, GENRES_WATCHED) == [("Crime", 2), ("Drama", 2), ("Horror", 1)]
    assert rows(at, RATINGS) == [
        ("0.5", 0), ("1", 0), ("1.5", 0), ("2", 0), ("2.5", 0),
        ("3", 0), ("3.5", 1), ("4", 0), ("4.5", 0), ("5", 1),
    ]  # fmt: skip


def test_long_names_get_horizontal_bars_and_every_chart_fits_its_column(
    open_page, offline_service, library
):
    diary(library, offline_service)
    at = open_page(offline_service, PAGE)
    found = charts(at)
    for title in (GENRE, DIRECTORS, GENRES_WATCHED):
        spec, _ = found[title]
        assert spec["encoding"]["y"]["type"] == "nominal", title
    assert found[MONTH][0]["encoding"]["x"]["type"] == "temporal"
    for spec, _ in found.values():
        assert "width" not in spec  # no fixed width: the chart takes its column's, 390 px too


def test_the_year_in_review_shows_the_newest_year_first(open_page, offline_service, library):
    heat, alien, _ = diary(library, offline_service)
    at = open_page(offline_service, PAGE)
    assert texts(at.header) == ["Your diary", "Year in review"]
    picker = at.selectbox(key="review_year")
    assert picker.options == ["2026", "2025"]
    assert metrics(at, ["Films", "Rewatches", "Busiest month"]) == {
        "Films": "1",
        "Rewatches": "1",
        "Busiest month": "Jan 2026",
    }
    assert metrics(at)["Hours"] == "5.7"  # the year's: Heat twice
    helps = {metric.label: metric.proto.help for metric in at.metric}
    assert (helps["Films"], helps["Busiest month"]) == ("2 watches in all", "1 watch")
    review_links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    assert review_links == [
        ("Heat (1995) ★★★★★", f"movie={heat.id}"),
        ("Heat (1995)", f"movie={heat.id}"),
        ("Heat (1995)", f"movie={heat.id}"),
    ]
    assert "**First watch**, 9 Jan 2026" in texts(at.markdown)
    assert "**Last watch**, 3 Mar 2026" in texts(at.markdown)

    picker.select(2025).run()
    assert metrics(at, ["Films", "Rewatches", "Busiest month"]) == {
        "Films": "1",
        "Rewatches": "0",
        "Busiest month": "Dec 2025",
    }
    best = at.get("page_link")[0].proto
    assert (best.label, best.query_string) == ("Alien (1979) ★★★½", f"movie={alien.id}")


def test_undated_watches_alone_have_no_year_to_review(open_page, offline_service, library):
    heat = library.add_movie(Movie("Heat", year=1995, genre="Crime"))
    offline_service.log_watch(heat.id, None)
    at = open_page(offline_service, PAGE)
    assert "Watches per month: none of your watches is dated to a month or a day yet." in texts(
        at.main.caption
    )
    assert "Your watches have no dates yet." in texts(at.info)[-1]
    assert not at.selectbox
    assert "No ratings yet." in " ".join(texts(at.info))


def test_statistics_follow_changes_to_the_library(open_page, offline_service, library):
    library.add_movie(Movie("Heat", year=1995))
    service = offline_service
    at = open_page(service, PAGE)
    assert metrics(at)["Watched"] == "0"
    movie = service.list_movies()[0]
    service.log_watch(movie.id, date(2026, 2, 14))
    at = at.run()
    assert metrics(at, LIBRARY_METRICS) == {"Total": "1", "Watched": "1", "Want to Watch": "0"}
    assert rows(at, MONTH) == [("2026-02", 1)]
