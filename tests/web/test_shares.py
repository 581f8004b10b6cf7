"""GET /share/<secret> and /share/<secret>.json: what a share link shows to anyone with it,
with nothing else of the library; noindex; every text escaped; ratings and notes only when
chosen; a revoked or unknown link 404 "This link no longer works"; 429 past the rate."""

from __future__ import annotations

from datetime import date

import pytest

from movie_tracker.models import (
    DIARY,
    LIST,
    WATCHLIST,
    DatePrecision,
    Movie,
    Owner,
    SharedFilm,
    SharedView,
    Status,
    Watch,
)
from movie_tracker.service import shares as service_shares
from movie_tracker.web import shares
from movie_tracker.web.bodies import SHARE_OPENS_PER_MINUTE, RateLimit

BEN = Owner.signed_in("https://accounts.example.org", "ben")
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def noir(service):
    """A list "Noir <b>&</b>" of Alien (a poster, a note) and Heat (rated 4.5, no poster);
    Up is wanted but in no list."""
    alien = service.repository.add_movie(
        Movie(
            title="Alien",
            year=1979,
            status=Status.WANT_TO_WATCH,
            poster_url="https://img.example/alien.jpg?w=300&h=450",
        )
    )
    heat = service.repository.add_movie(
        Movie(title=f"Heat {SCRIPT}", year=1995, status=Status.WATCHED, rating=4.5)
    )
    service.repository.add_movie(Movie(title="Up", year=2009, status=Status.WANT_TO_WATCH))
    made = service.create_list("Noir <b>&</b>")
    service.add_to_list(made.id, alien.id, f"Space {SCRIPT}")
    service.add_to_list(made.id, heat.id, "LA at night")
    return made


def test_a_list_page_shows_its_films_in_order_under_the_chosen_name_and_nothing_else(
    client, service, noir
):
    made = service.share(LIST, noir.id, display_name=f"Anna {SCRIPT}")

    page = client.get(made.path)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    body = page.text
    assert "<h1>Noir &lt;b&gt;&amp;&lt;/b&gt;</h1>" in body
    assert "Shared by Anna &lt;script&gt;" in body
    assert body.index("Alien") < body.index("Heat")
    assert ">Up <" not in body
    assert "(2009)" not in body
    assert "<script" not in body  # every text escaped
    assert '<img src="https://img.example/alien.jpg?w=300&amp;h=450" alt="Alien"' in body
    assert 'class="poster none" role="img" aria-label="Heat &lt;script&gt;' in body
    # ratings and notes were not chosen
    assert "★" not in body
    assert "Space" not in body
    assert "LA at night" not in body
    assert "/share/" not in body
    assert "href" not in body


def test_a_share_page_is_noindex_sends_no_referrer_and_runs_no_script(client, service, noir):
    page = client.get(service.share(LIST, noir.id).path)

    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
    assert "script-src" not in page.headers["Content-Security-Policy"]
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_ratings_and_notes_show_when_chosen(client, service, noir):
    page = client.get(service.share(LIST, noir.id, show_ratings=True, show_notes=True).path)

    assert '<span class="rating" aria-label="4.5 stars">★★★★½</span>' in page.text
    assert "Space &lt;script&gt;" in page.text
    assert "LA at night" in page.text


def test_the_json_is_the_same_content(client, service, noir):
    made = service.share(LIST, noir.id, "Anna", show_ratings=True)

    answer = client.get(f"{made.path}.json")

    assert answer.status_code == 200
    assert answer.headers["X-Robots-Tag"] == "noindex, nofollow"
    shown = answer.json()
    assert (shown["kind"], shown["title"], shown["shared_by"]) == (LIST, noir.name, "Anna")
    assert [(f["title"], f["year"], f["rating"], f["note"]) for f in shown["films"]] == [
        ("Alien", 1979, None, None),
        (f"Heat {SCRIPT}", 1995, 4.5, None),
    ]
    assert shown["films"][0]["poster"] == "https://img.example/alien.jpg?w=300&h=450"
    assert shown["total"] == 2


def test_the_watchlist_and_the_diary_pages(client, service, noir):
    heat = service.repository.find_movies(text="heat")[0]
    service.repository.log_watch(Watch(heat.id, date(2015, 3, 31), precision=DatePrecision.MONTH))
    service.repository.log_watch(Watch(heat.id, date(2026, 3, 3)))
    service.repository.log_watch(Watch(heat.id, date(2001, 12, 31), precision=DatePrecision.YEAR))

    wanted = client.get(service.share(WATCHLIST).path).text
    diary = client.get(service.share(DIARY).path).text

    assert "<h1>Watchlist</h1>" in wanted
    assert "Shared by A Movie Tracker user" in wanted
    assert wanted.index("Alien") < wanted.index("Up")
    assert "Heat" not in wanted
    assert "<h1>Diary</h1>" in diary
    assert diary.index("Watched on 3 Mar 2026") < diary.index("Watched in March 2015")
    assert "Watched 2001" in diary


def test_a_poster_that_is_not_http_is_a_box_with_the_title():
    """The store keeps only http(s) posters; the page checks again, whatever it is given."""
    view = SharedView(WATCHLIST, "Watchlist", "Anna", [SharedFilm("Evil", poster="javascript:x")])

    assert "javascript" not in shares.page(view)
    assert 'class="poster none" role="img" aria-label="Evil">Evil</div>' in shares.page(view)
    assert shares.view_json(view)["films"][0]["poster"] is None


def test_a_long_diary_shows_its_most_recent_watches_and_says_how_many_there_are(
    client, service, noir, monkeypatch
):
    monkeypatch.setattr(service_shares, "SHARED_DIARY_LIMIT", 2)
    heat = service.repository.find_movies(text="heat")[0]
    for day in (1, 2, 3):
        service.repository.log_watch(Watch(heat.id, date(2026, 3, day)))
    made = service.share(DIARY)

    page = client.get(made.path).text
    shown = client.get(f"{made.path}.json").json()

    assert "The 2 most recent of 3." in page
    assert "3 Mar 2026" in page
    assert "1 Mar 2026" not in page
    assert (len(shown["films"]), shown["total"]) == (2, 3)


def test_an_empty_share_says_so_outside_any_list():
    page = shares.page(SharedView(WATCHLIST, "Watchlist", "Anna"))

    assert '<p class="empty">Nothing here yet.</p>' in page
    assert "<ol" not in page


@pytest.mark.parametrize("suffix", ["", ".json"])
def test_a_revoked_or_unknown_link_no_longer_works(client, service, noir, suffix):
    made = service.share(LIST, noir.id)
    service.unshare(made.id)

    for path in (made.path, "/share/not-a-link-anyone-made-xxxxxxxx", "/share/x"):
        answer = client.get(f"{path}{suffix}")
        assert answer.status_code == 404
        assert answer.headers["X-Robots-Tag"] == "noindex, nofollow"
        assert "This link no longer works" in answer.text
        assert "Noir" not in answer.text


def test_another_persons_link_shows_their_list_and_a_made_up_secret_shows_nothing(
    client, service, noir
):
    ben = service.for_owner(BEN)
    ben.repository.add_movie(Movie(title="Ben's film", status=Status.WANT_TO_WATCH))
    bens = ben.share(WATCHLIST, display_name="Ben")
    mine = service.share(LIST, noir.id)

    assert "Ben&#x27;s film" in client.get(bens.path).text
    assert "Alien" not in client.get(bens.path).text
    assert "Ben" not in client.get(mine.path).text
    assert client.get(mine.path[:-1] + ("A" if mine.path[-1] != "A" else "B")).status_code == 404


def test_opening_links_past_the_rate_from_one_address_gets_429_until_the_minute_passes(
    client, service, noir, clock
):
    made = service.share(LIST, noir.id)
    for _ in range(SHARE_OPENS_PER_MINUTE):
        assert client.get(made.path).status_code == 200

    refused = client.get(made.path)
    as_json = client.get(f"{made.path}.json")

    assert refused.status_code == 429
    assert as_json.status_code == 429
    assert "More than 30 requests in a minute from this address" in refused.text
    assert refused.headers["Retry-After"] == "60"
    assert "Alien" not in refused.text
    assert "from this address" in as_json.json()["error"]
    clock.now += 60
    assert client.get(made.path).status_code == 200


def test_the_rate_limit_forgets_the_addresses_quiet_for_a_minute(clock):
    limit = RateLimit(SHARE_OPENS_PER_MINUTE, clock=clock, per="from this address")
    for n in range(1000):
        limit.check(f"203.0.113.{n % 250}/{n}")
    assert limit.keys() == 1000

    clock.now += 61
    limit.check("198.51.100.7")

    assert limit.keys() == 1


def test_an_ipv6_block_counts_as_one_address():
    one_household = {shares.client_key(f"2001:db8::{n:x}") for n in range(1, 200)}

    assert one_household == {"2001:db8::/64"}
    assert shares.client_key("2001:db8:0:1::1") == "2001:db8:0:1::/64"
    assert shares.client_key("198.51.100.7") == "198.51.100.7"
    assert shares.client_key("testclient") == "testclient"
