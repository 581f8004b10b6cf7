"""What every repository promises about lists and the watchlist's order: lists kept by
owner (another person's list is "not found"), each film once in a list with its note, in an
order that moves a film and keeps the others' order, one event and one new library version
per change; the watchlist in the order set, new films at its end, a film marked Watched out
of it and put back at the end; and lists brought in by an import, once. Run against SQLite,
the fake, and PostgreSQL (the `postgres` stage), as test_repository_contract.py is."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from movie_tracker.importers import ImportPlan, PlannedList, PlannedListEntry, PlannedMovie
from movie_tracker.importers.merge import clean_plan
from movie_tracker.models import LOCAL_OWNER, Movie, Owner, Status, ValidationError, Watch
from movie_tracker.store import SORT_WATCHLIST

ANNA = Owner.signed_in("https://accounts.example.org", "anna")
BEN = Owner.signed_in("https://accounts.example.org", "ben")
WATCHED, WANT = Status.WATCHED, Status.WANT_TO_WATCH


def names(repository) -> list[str]:
    return [event.name for event in reversed(repository.recent_events(limit=100))]


def titles(entries) -> list[str]:
    return [entry.movie.title for entry in entries]


def add(repository, title: str, status: Status = WANT, **fields) -> int:
    return repository.add_movie(Movie(title=title, status=status, **fields)).id


@pytest.fixture
def noir(repository):
    """A list of three films: Heat, Alien, Up (in that order)."""
    made = repository.create_list("Noir", "Films at night")
    for title in ("Heat", "Alien", "Up"):
        repository.add_to_list(made.id, add(repository, title), f"why {title}")
    return made


# -- lists ---------------------------------------------------------------------------------


@freeze_time("2026-12-10 09:00:00")
def test_a_list_is_made_with_its_name_and_description_and_listed_a_to_z(repository):
    zulu = repository.create_list("Zulu nights", "")
    made = repository.create_list("Awards", "Every Palme d'Or")

    assert (made.name, made.description, made.films) == ("Awards", "Every Palme d'Or", 0)
    assert made.created_at.isoformat() == "2026-12-10T09:00:00+00:00"
    assert [kept.name for kept in repository.lists()] == ["Awards", "Zulu nights"]
    assert repository.get_list(zulu.id) == zulu
    assert names(repository)[-2:] == ["list.created", "list.created"]
    assert repository.recent_events(limit=1)[0].list_name == "Awards"


@pytest.mark.parametrize("typed", ["noir", " NOIR ", "Nöir"])
def test_a_name_already_used_is_refused_and_changes_nothing(repository, typed):
    repository.create_list("Noir")
    version = repository.library_version()

    with pytest.raises(ValidationError, match="You already have a list named “Noir”"):
        repository.create_list(" ".join(typed.split()))

    assert [kept.name for kept in repository.lists()] == ["Noir"]
    assert repository.library_version() == version


def test_a_list_is_renamed_and_described_and_the_same_again_writes_nothing(repository, noir):
    other = repository.create_list("Comedies")

    renamed = repository.rename_list(noir.id, "Film noir")
    described = repository.describe_list(noir.id, "Rain, neon\nand smoke")
    version = repository.library_version()
    assert repository.rename_list(noir.id, "Film noir").name == "Film noir"
    assert repository.describe_list(noir.id, "Rain, neon\nand smoke") == described

    assert (renamed.name, described.description) == ("Film noir", "Rain, neon\nand smoke")
    assert repository.library_version() == version
    assert names(repository)[-2:] == ["list.renamed", "list.described"]
    assert repository.recent_events(limit=2)[1].previous_name == "Noir"
    with pytest.raises(ValidationError, match="“Comedies”"):
        repository.rename_list(noir.id, "comedies")
    assert repository.get_list(other.id).name == "Comedies"
    assert repository.rename_list(noir.id, "NOIR").name == "NOIR"  # its own name, recased


def test_a_list_sums_up_its_films_watched_films_and_runtime(repository):
    made = repository.create_list("Tonight")
    heat = add(repository, "Heat", WATCHED, runtime_minutes=170)
    alien = add(repository, "Alien", runtime_minutes=117)
    up = add(repository, "Up")
    for movie_id in (heat, alien, up):
        repository.add_to_list(made.id, movie_id)

    summary = repository.get_list(made.id)

    assert (summary.films, summary.watched) == (3, 1)
    assert (summary.runtime_minutes, summary.without_runtime) == (287, 1)
    assert repository.lists()[0] == summary


def test_films_go_to_the_end_with_their_notes_and_once_only(repository, noir):
    entries = repository.list_entries(noir.id)

    assert titles(entries) == ["Heat", "Alien", "Up"]
    notes = [(1, "why Heat"), (2, "why Alien"), (3, "why Up")]
    assert [(e.position, e.note) for e in entries] == notes
    heat = entries[0].movie
    version = repository.library_version()
    with pytest.raises(ValidationError, match=r"Heat is already in “Noir”"):
        repository.add_to_list(noir.id, heat.id, "again")
    assert repository.library_version() == version
    assert repository.list_entries(noir.id) == entries
    assert names(repository).count("list.film_added") == 3


def test_a_film_can_be_in_many_lists_each_time_with_its_note(repository, noir):
    heat = repository.list_entries(noir.id)[0].movie
    favourites = repository.create_list("Favourites")

    entry = repository.add_to_list(favourites.id, heat.id, "The diner scene")

    assert (entry.position, entry.note, entry.movie.title) == (1, "The diner scene", "Heat")
    assert [kept.name for kept in repository.lists_of_movie(heat.id)] == ["Favourites", "Noir"]
    assert repository.list_entries(noir.id)[0].note == "why Heat"


@pytest.mark.parametrize(
    ("title", "position", "order"),
    [
        ("Up", 2, ["Heat", "Up", "Alien"]),  # up one
        ("Heat", 2, ["Alien", "Heat", "Up"]),  # down one
        ("Up", 1, ["Up", "Heat", "Alien"]),  # to the top, typed
        ("Heat", 3, ["Alien", "Up", "Heat"]),  # to the end, typed
    ],
)
def test_a_film_moves_and_the_others_keep_their_order(repository, noir, title, position, order):
    [film] = [e.movie for e in repository.list_entries(noir.id) if e.movie.title == title]

    moved = repository.move_in_list(noir.id, film.id, position)

    assert (moved.movie.title, moved.position) == (title, position)
    assert titles(repository.list_entries(noir.id)) == order
    assert [e.position for e in repository.list_entries(noir.id)] == [1, 2, 3]
    assert names(repository)[-1] == "list.reordered"
    assert repository.recent_events(limit=1)[0].position == position


def test_a_move_to_its_own_place_writes_nothing_and_one_past_the_end_is_refused(repository, noir):
    heat = repository.list_entries(noir.id)[0].movie
    version = repository.library_version()

    assert repository.move_in_list(noir.id, heat.id, 1).position == 1
    with pytest.raises(ValidationError, match=r"from 1 to 3: “Noir” has 3 films"):
        repository.move_in_list(noir.id, heat.id, 4)

    assert repository.library_version() == version
    assert titles(repository.list_entries(noir.id)) == ["Heat", "Alien", "Up"]


def test_a_film_is_taken_out_and_its_note_changed(repository, noir):
    heat, alien, _ = [e.movie for e in repository.list_entries(noir.id)]

    removed = repository.remove_from_list(noir.id, alien.id)
    noted = repository.set_list_note(noir.id, heat.id, "Second thoughts")
    version = repository.library_version()
    assert repository.set_list_note(noir.id, heat.id, "Second thoughts") == noted

    assert (removed.movie.title, removed.note) == ("Alien", "why Alien")
    assert titles(repository.list_entries(noir.id)) == ["Heat", "Up"]
    assert [e.position for e in repository.list_entries(noir.id)] == [1, 2]
    assert noted.note == repository.list_entries(noir.id)[0].note == "Second thoughts"
    assert repository.get_movie(alien.id) is not None  # out of the list, still in the library
    assert repository.library_version() == version
    assert names(repository)[-2:] == ["list.film_removed", "list.note_changed"]


def test_a_film_not_in_the_list_or_not_there_is_not_found(repository, noir):
    elsewhere = add(repository, "Jaws")

    assert repository.remove_from_list(noir.id, elsewhere) is None
    assert repository.move_in_list(noir.id, elsewhere, 1) is None
    assert repository.set_list_note(noir.id, elsewhere, "x") is None
    assert repository.add_to_list(noir.id, 404) is None
    assert repository.add_to_list(404, elsewhere) is None
    assert repository.list_entries(404) is None
    assert repository.get_list(404) is None
    assert repository.rename_list(404, "X") is None
    assert repository.describe_list(404, "X") is None
    assert repository.delete_list(404) is None


def test_deleting_a_list_keeps_its_films(repository, noir):
    deleted = repository.delete_list(noir.id)

    assert (deleted.name, deleted.films) == ("Noir", 3)
    assert repository.lists() == []
    assert repository.list_entries(noir.id) is None
    assert repository.count_movies() == 3
    assert names(repository)[-1] == "list.deleted"


def test_deleting_a_film_takes_it_out_of_its_lists(repository, noir):
    alien = repository.list_entries(noir.id)[1].movie

    assert repository.delete_movie(alien.id)

    assert titles(repository.list_entries(noir.id)) == ["Heat", "Up"]
    assert [e.position for e in repository.list_entries(noir.id)] == [1, 2]
    assert repository.get_list(noir.id).films == 2
    up = repository.list_entries(noir.id)[1].movie
    assert repository.move_in_list(noir.id, up.id, 1).position == 1


def test_every_change_to_a_list_moves_the_library_version_once(repository, noir):
    heat = repository.list_entries(noir.id)[0].movie
    changes = [
        lambda: repository.rename_list(noir.id, "Night"),
        lambda: repository.describe_list(noir.id, "New"),
        lambda: repository.move_in_list(noir.id, heat.id, 2),
        lambda: repository.set_list_note(noir.id, heat.id, "new note"),
        lambda: repository.remove_from_list(noir.id, heat.id),
        lambda: repository.add_to_list(noir.id, heat.id),
        lambda: repository.delete_list(noir.id),
    ]
    for change in changes:
        version = repository.library_version()
        change()
        assert repository.library_version() == version + 1


# -- another person's lists ----------------------------------------------------------------


def test_another_persons_lists_are_not_found(repository):
    anna, ben = repository.for_owner(ANNA), repository.for_owner(BEN)
    annas = anna.create_list("Noir")
    heat = add(anna, "Heat")
    anna.add_to_list(annas.id, heat, "mine")
    bens_film = add(ben, "Alien")

    assert ben.lists() == []
    assert ben.get_list(annas.id) is None
    assert ben.list_entries(annas.id) is None
    assert ben.add_to_list(annas.id, bens_film) is None
    assert ben.rename_list(annas.id, "Mine now") is None
    assert ben.describe_list(annas.id, "Mine now") is None
    assert ben.move_in_list(annas.id, heat, 1) is None
    assert ben.set_list_note(annas.id, heat, "mine now") is None
    assert ben.remove_from_list(annas.id, heat) is None
    assert ben.delete_list(annas.id) is None
    assert ben.lists_of_movie(heat) == []
    bens = ben.create_list("noir")  # the same name is Ben's to use too
    assert ben.add_to_list(bens.id, heat) is None  # Anna's film is not in Ben's library
    assert anna.add_to_list(annas.id, bens_film) is None
    assert titles(anna.list_entries(annas.id)) == ["Heat"]
    assert anna.list_entries(annas.id)[0].note == "mine"
    assert [kept.name for kept in anna.lists()] == ["Noir"]


def test_the_local_librarys_lists_and_order_go_with_it_when_it_is_claimed(repository, noir):
    first = repository.list_entries(noir.id)[0].movie
    last = repository.list_entries(noir.id)[2].movie
    repository.move_in_watchlist(last.id, 1)
    anna = repository.for_owner(ANNA)

    assert anna.claim_local_library() is True

    assert [kept.name for kept in anna.lists()] == ["Noir"]
    assert titles(anna.list_entries(noir.id)) == ["Heat", "Alien", "Up"]
    assert [movie.id for movie in anna.watchlist()][:2] == [last.id, first.id]
    assert repository.for_owner(LOCAL_OWNER).lists() == []


# -- the watchlist's order ---------------------------------------------------------------


def watchlist(repository) -> list[str]:
    return [movie.title for movie in repository.watchlist()]


def three_to_watch(repository) -> dict[str, int]:
    ids = {}
    for minute, title in enumerate(("Heat", "Alien", "Up")):
        with freeze_time(f"2026-12-10 09:0{minute}:00"):
            ids[title] = add(repository, title)
    with freeze_time("2026-12-10 09:05:00"):
        add(repository, "Jaws", WATCHED)
    return ids


def test_a_watchlist_nobody_ordered_is_oldest_added_first(repository):
    three_to_watch(repository)

    assert watchlist(repository) == ["Heat", "Alien", "Up"]


def test_a_film_moves_in_the_watchlist_and_new_films_go_to_its_end(repository):
    ids = three_to_watch(repository)

    assert repository.move_in_watchlist(ids["Up"], 1) == 1
    with freeze_time("2026-12-10 09:09:00"):
        add(repository, "Psycho")
    repository.move_in_watchlist(ids["Heat"], 3)

    assert watchlist(repository) == ["Up", "Alien", "Heat", "Psycho"]
    assert repository.watchlist_place(ids["Heat"]) == (3, 4)
    assert repository.watchlist(limit=2, offset=1)[0].title == "Alien"
    event = repository.recent_events(limit=1)[0]
    assert (event.name, event.title, event.position) == ("watchlist.reordered", "Heat", 3)


def test_a_film_marked_watched_leaves_the_order_and_comes_back_at_its_end(repository):
    ids = three_to_watch(repository)
    repository.move_in_watchlist(ids["Up"], 1)

    repository.log_watch(Watch(ids["Up"], date(2026, 12, 10)))
    assert watchlist(repository) == ["Heat", "Alien"]
    assert repository.watchlist_place(ids["Up"]) is None
    repository.update_movie_status(ids["Up"], WANT)
    repository.update_movie_status(ids["Heat"], WATCHED)
    repository.update_movie_status(ids["Heat"], WANT)

    assert watchlist(repository) == ["Alien", "Up", "Heat"]


def test_only_a_film_to_watch_moves_and_only_within_the_watchlist(repository):
    ids = three_to_watch(repository)
    jaws = repository.find_movies(status=WATCHED)[0]
    version = repository.library_version()

    with pytest.raises(ValidationError, match="Jaws is not Want to Watch"):
        repository.move_in_watchlist(jaws.id, 1)
    with pytest.raises(ValidationError, match="from 1 to 3: your watchlist has 3 films"):
        repository.move_in_watchlist(ids["Heat"], 4)
    assert repository.move_in_watchlist(ids["Heat"], 1) == 1  # already there: nothing written
    assert repository.move_in_watchlist(404, 1) is None

    assert repository.library_version() == version
    assert repository.watchlist_place(jaws.id) is None


def test_the_library_sorts_by_your_order_want_to_watch_first(repository):
    ids = three_to_watch(repository)
    repository.move_in_watchlist(ids["Alien"], 1)

    everything = repository.find_movies(sort=SORT_WATCHLIST)
    wanted = repository.find_movies(status=WANT, sort=SORT_WATCHLIST, limit=2)

    assert [m.title for m in everything] == ["Alien", "Heat", "Up", "Jaws"]
    assert [m.title for m in wanted] == ["Alien", "Heat"]


def test_a_deleted_film_leaves_the_order_and_another_persons_film_is_not_found(repository):
    ids = three_to_watch(repository)
    repository.move_in_watchlist(ids["Up"], 1)
    repository.delete_movie(ids["Up"])
    ben = repository.for_owner(BEN)

    assert watchlist(repository) == ["Heat", "Alien"]
    assert ben.move_in_watchlist(ids["Heat"], 1) is None
    assert ben.watchlist() == []
    assert ben.watchlist_place(ids["Heat"]) is None


# -- lists an import brings ----------------------------------------------------------------


def film(title: str, year: int, status: Status = WATCHED, **fields) -> PlannedMovie:
    return PlannedMovie(title=title, year=year, status=status, source_key=f"key:{title}", **fields)


def entry(title: str, year: int, note: str = "") -> PlannedListEntry:
    return PlannedListEntry(title=title, year=year, source_key=f"key:{title}", note=note)


def a_plan(*lists: PlannedList, watchlist: tuple[PlannedListEntry, ...] = ()) -> ImportPlan:
    movies = (
        film("Heat", 1995, imdb_id="tt0113277"),
        film("Alien", 1979, WANT),
        film("Up", 2009, WANT),
        film("Jaws", 1975, WANT),
    )
    plan = ImportPlan("trakt", movies, lists=lists, watchlist=watchlist)
    return clean_plan(plan, date(2026, 12, 10))


NOIR = PlannedList(
    "Noir", "From Trakt", (entry("Up", 2009, "rain"), entry("Heat", 1995, "the diner"))
)


def test_an_import_makes_its_lists_and_importing_it_again_changes_nothing(repository):
    changes = repository.apply_import(a_plan(NOIR, PlannedList("Empty")))

    assert (changes.lists.lists_to_add, changes.lists.entries_to_add) == (2, 2)
    [empty, noir] = repository.lists()
    assert (noir.name, noir.description, empty.films) == ("Noir", "From Trakt", 0)
    entries = repository.list_entries(noir.id)
    assert [(e.movie.title, e.note) for e in entries] == [("Up", "rain"), ("Heat", "the diner")]
    counts = dict(repository.recent_events(limit=1)[0].counts)
    assert (counts["lists_added"], counts["list_entries_added"]) == (2, 2)
    version = repository.library_version()

    again = repository.apply_import(a_plan(NOIR, PlannedList("Empty")))

    assert (again.lists.updates, again.lists.watchlist) == ((), None)
    assert repository.list_entries(noir.id) == entries
    assert repository.library_version() == version + 1  # the import.completed event alone


def test_a_list_with_a_name_you_use_is_updated_not_doubled(repository):
    mine = repository.create_list("noir", "Mine")
    jaws = add(repository, "Jaws", year=1975)
    heat = add(repository, "Heat", year=1995, imdb_id="tt0113277")
    repository.add_to_list(mine.id, jaws, "shark")
    repository.add_to_list(mine.id, heat, "my note")

    changes = repository.apply_import(a_plan(NOIR))

    assert (changes.lists.lists_to_add, changes.lists.lists_to_update) == (0, 1)
    assert changes.lists.entries_to_add == 1  # Up; Heat was there
    [kept] = repository.lists()
    assert (kept.id, kept.name, kept.description) == (mine.id, "noir", "From Trakt")
    assert [(e.movie.title, e.note) for e in repository.list_entries(mine.id)] == [
        ("Up", "rain"),
        ("Heat", "the diner"),
        ("Jaws", "shark"),
    ]


def test_an_imports_watchlist_order_puts_its_films_first(repository):
    with freeze_time("2026-12-10 08:00:00"):
        psycho = add(repository, "Psycho", year=1960)
    order = (entry("Jaws", 1975), entry("Heat", 1995), entry("Up", 2009))

    with freeze_time("2026-12-10 09:00:00"):
        changes = repository.apply_import(a_plan(watchlist=order))

    assert watchlist(repository) == ["Jaws", "Up", "Psycho", "Alien"]  # Heat is Watched
    assert changes.lists.reorders_watchlist
    assert repository.apply_import(a_plan(watchlist=order)).lists.watchlist is None
    assert repository.watchlist_place(psycho) == (3, 4)


def test_an_import_that_fails_leaves_the_lists_as_they_were(repository, noir):
    def stop(done: int, total: int) -> None:
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        repository.apply_import(a_plan(NOIR, watchlist=(entry("Jaws", 1975),)), stop)

    assert [kept.name for kept in repository.lists()] == ["Noir"]
    assert titles(repository.list_entries(noir.id)) == ["Heat", "Alien", "Up"]
    assert watchlist(repository) == ["Heat", "Alien", "Up"]
