"""A small OMDb: real movies in OMDb's exact JSON shapes, and OMDb's answering rules.

Both test doubles answer from here, so they agree with each other and with the cassettes
in tests/cassettes/ (whose bodies were written from these same records):
- `FakeOmdbClient` (tests/fakes/omdb.py) calls `answer()` in memory;
- the fake OMDb server (tests/fakes/omdb_server.py) serves `answer()` over HTTP.

Everything is a string as OMDb sends it: "N/A" for missing values, en-dash year ranges for
series, thousands separators in imdbVotes, `Ratings` sometimes empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER_API_KEY = "test-api-key-placeholder"
BAD_API_KEY = "invalid-api-key"
PAGE_SIZE = 10
TOO_SHORT = 3  # OMDb answers "Too many results." for searches this short or shorter


def _poster(image_id: str) -> str:
    return f"https://m.media-amazon.com/images/M/{image_id}._V1_SX300.jpg"


# Full by-ID / by-title bodies (in the order OMDb sends the keys).
DETAILS: dict[str, dict[str, object]] = {
    "tt0113277": {
        "Title": "Heat",
        "Year": "1995",
        "Rated": "R",
        "Released": "15 Dec 1995",
        "Runtime": "170 min",
        "Genre": "Action, Crime, Drama",
        "Director": "Michael Mann",
        "Writer": "Michael Mann",
        "Actors": "Al Pacino, Robert De Niro, Val Kilmer",
        "Plot": "A group of high-end professional thieves start to feel the heat from the "
        "LAPD when they unknowingly leave a clue at their latest heist.",
        "Language": "English, Spanish",
        "Country": "United States",
        "Awards": "14 nominations total",
        "Poster": _poster("MV5BYjZjNTJlZGUtZTE1Ny00ZDc4LTgwYjUtMzk0NDgwYzZjYTk1XkEyXkFqcGc@"),
        "Ratings": [
            {"Source": "Internet Movie Database", "Value": "8.3/10"},
            {"Source": "Rotten Tomatoes", "Value": "83%"},
            {"Source": "Metacritic", "Value": "76/100"},
        ],
        "Metascore": "76",
        "imdbRating": "8.3",
        "imdbVotes": "736,912",
        "imdbID": "tt0113277",
        "Type": "movie",
        "DVD": "N/A",
        "BoxOffice": "$67,436,818",
        "Production": "N/A",
        "Website": "N/A",
        "Response": "True",
    },
    "tt0133093": {
        "Title": "The Matrix",
        "Year": "1999",
        "Rated": "R",
        "Released": "31 Mar 1999",
        "Runtime": "136 min",
        "Genre": "Action, Sci-Fi",
        "Director": "Lana Wachowski, Lilly Wachowski",
        "Writer": "Lilly Wachowski, Lana Wachowski",
        "Actors": "Keanu Reeves, Laurence Fishburne, Carrie-Anne Moss",
        "Plot": "When a beautiful stranger leads computer hacker Neo to a forbidding "
        "underworld, he discovers the shocking truth--the life he knows is the elaborate "
        "deception of an evil cyber-intelligence.",
        "Language": "English",
        "Country": "United States, Australia",
        "Awards": "Won 4 Oscars. 42 wins & 51 nominations total",
        "Poster": _poster("MV5BN2NmN2VhMTQtMDNiOS00NDlhLTliMjgtODE2ZTY0ODQyNDRhXkEyXkFqcGc@"),
        "Ratings": [
            {"Source": "Internet Movie Database", "Value": "8.7/10"},
            {"Source": "Rotten Tomatoes", "Value": "83%"},
            {"Source": "Metacritic", "Value": "73/100"},
        ],
        "Metascore": "73",
        "imdbRating": "8.7",
        "imdbVotes": "2,158,441",
        "imdbID": "tt0133093",
        "Type": "movie",
        "DVD": "N/A",
        "BoxOffice": "$172,076,928",
        "Production": "N/A",
        "Website": "N/A",
        "Response": "True",
    },
    "tt0185906": {
        "Title": "Band of Brothers",
        "Year": "2001",
        "Rated": "TV-MA",
        "Released": "09 Sep 2001",
        "Runtime": "594 min",
        "Genre": "Action, Drama, History",
        "Director": "N/A",
        "Writer": "N/A",
        "Actors": "Scott Grimes, Damian Lewis, Ron Livingston",
        "Plot": "The story of Easy Company of the U.S. Army 101st Airborne Division, from "
        "paratrooper training through the end of World War II in Europe.",
        "Language": "English, German, French, Dutch",
        "Country": "United Kingdom, United States",
        "Awards": "Won 7 Primetime Emmys. 37 wins & 28 nominations total",
        "Poster": _poster("MV5BMTI3ODc2ODc0M15BMl5BanBnXkFtZTYwMjgzNjc3"),
        "Ratings": [{"Source": "Internet Movie Database", "Value": "9.4/10"}],
        "Metascore": "N/A",
        "imdbRating": "9.4",
        "imdbVotes": "560,218",
        "imdbID": "tt0185906",
        "Type": "series",
        "totalSeasons": "1",
        "Response": "True",
    },
    "tt0903747": {
        "Title": "Breaking Bad",
        "Year": "2008–2013",
        "Rated": "TV-MA",
        "Released": "20 Jan 2008",
        "Runtime": "49 min",
        "Genre": "Crime, Drama, Thriller",
        "Director": "N/A",
        "Writer": "Vince Gilligan",
        "Actors": "Bryan Cranston, Aaron Paul, Anna Gunn",
        "Plot": "A chemistry teacher diagnosed with inoperable lung cancer turns to "
        "manufacturing and selling methamphetamine with a former student to secure his "
        "family's future.",
        "Language": "English, Spanish",
        "Country": "United States",
        "Awards": "Won 16 Primetime Emmys. 170 wins & 278 nominations total",
        "Poster": _poster("MV5BMzU5ZGYzNmQtMTdhYy00OGRiLTg0NmQtYjVjNzliZTg1ZGE4XkEyXkFqcGc@"),
        "Ratings": [{"Source": "Internet Movie Database", "Value": "9.5/10"}],
        "Metascore": "N/A",
        "imdbRating": "9.5",
        "imdbVotes": "2,243,513",
        "imdbID": "tt0903747",
        "Type": "series",
        "totalSeasons": "5",
        "Response": "True",
    },
    "tt1049413": {
        "Title": "Up",
        "Year": "2009",
        "Rated": "PG",
        "Released": "29 May 2009",
        "Runtime": "96 min",
        "Genre": "Animation, Adventure, Comedy",
        "Director": "Pete Docter, Bob Peterson",
        "Writer": "Pete Docter, Bob Peterson, Tom McCarthy",
        "Actors": "Edward Asner, Jordan Nagai, John Ratzenberger",
        "Plot": "78-year-old Carl Fredricksen travels to South America in his house "
        "equipped with balloons, inadvertently taking a young stowaway.",
        "Language": "English",
        "Country": "United States",
        "Awards": "Won 2 Oscars. 79 wins & 87 nominations total",
        "Poster": _poster("MV5BNmI1ZTc5MWMtMDYyOS00ZDc2LTkzOTAtNjQ4NWIxNjYyMDgzXkEyXkFqcGc@"),
        "Ratings": [
            {"Source": "Internet Movie Database", "Value": "8.3/10"},
            {"Source": "Rotten Tomatoes", "Value": "98%"},
            {"Source": "Metacritic", "Value": "88/100"},
        ],
        "Metascore": "88",
        "imdbRating": "8.3",
        "imdbVotes": "1,137,212",
        "imdbID": "tt1049413",
        "Type": "movie",
        "DVD": "N/A",
        "BoxOffice": "$293,004,164",
        "Production": "N/A",
        "Website": "N/A",
        "Response": "True",
    },
    "tt0061811": {
        "Title": "In the Heat of the Night",
        "Year": "1967",
        "Rated": "Approved",
        "Released": "14 Oct 1967",
        "Runtime": "110 min",
        "Genre": "Crime, Drama, Mystery",
        "Director": "Norman Jewison",
        "Writer": "Stirling Silliphant, John Ball",
        "Actors": "Sidney Poitier, Rod Steiger, Warren Oates",
        "Plot": "A Black police detective is asked to investigate a murder in a racially "
        "hostile southern town.",
        "Language": "English",
        "Country": "United States",
        "Awards": "Won 5 Oscars. 24 wins & 11 nominations total",
        "Poster": "N/A",
        "Ratings": [],
        "Metascore": "N/A",
        "imdbRating": "7.9",
        "imdbVotes": "81,604",
        "imdbID": "tt0061811",
        "Type": "movie",
        "DVD": "N/A",
        "BoxOffice": "N/A",
        "Production": "N/A",
        "Website": "N/A",
        "Response": "True",
    },
}


def _item(imdb_id: str) -> dict[str, object]:
    body = DETAILS[imdb_id]
    return {key: body[key] for key in ("Title", "Year", "imdbID", "Type", "Poster")}


def _row(title: str, year: str, imdb_id: str, kind: str = "movie") -> dict[str, object]:
    return {"Title": title, "Year": year, "imdbID": imdb_id, "Type": kind, "Poster": "N/A"}


# Search rows in OMDb's relevance order. Rows without a DETAILS body get a thin one.
SEARCH_ITEMS: list[dict[str, object]] = [
    _item("tt0113277"),
    _row("The Heat", "2013", "tt2404463"),
    _item("tt0061811"),
    _row("Body Heat", "1981", "tt0082089"),
    _row("White Heat", "1949", "tt0042041"),
    _row("The Big Heat", "1953", "tt0045555"),
    _row("In the Heat of the Night", "1988–1995", "tt0094488", "series"),
    _row("Heat", "1986", "tt0093164"),
    _row("Dead Heat", "1988", "tt0094964"),
    _row("Heat and Dust", "1983", "tt0085672"),
    _row("Heat", "1972", "tt0068691"),
    _row("Dead Heat on a Merry-Go-Round", "1966", "tt0060307"),
    _item("tt0133093"),
    _row("The Matrix Reloaded", "2003", "tt0234215"),
    _row("The Matrix Revolutions", "2003", "tt0242653"),
    _row("The Matrix Resurrections", "2021", "tt10838180"),
    _row("Enter the Matrix", "2003", "tt0277828", "game"),
    _row("The Matrix Revisited", "2001", "tt0295432"),
    _row("The Matrix: Path of Neo", "2005", "tt0451118", "game"),
    _item("tt0185906"),
    _item("tt0903747"),
    _item("tt1049413"),
    _row("The Boys", "2019–", "tt1190634", "series"),
]

NOT_FOUND = {"Response": "False", "Error": "Movie not found!"}
INCORRECT_ID = {"Response": "False", "Error": "Incorrect IMDb ID."}
TOO_MANY = {"Response": "False", "Error": "Too many results."}
NO_KEY = {"Response": "False", "Error": "No API key provided."}
INVALID_KEY = {"Response": "False", "Error": "Invalid API key!"}
LIMIT_REACHED = {"Response": "False", "Error": "Request limit reached!"}
NO_DATA = {"Response": "False", "Error": "Error getting data."}
SOMETHING_WRONG = {"Response": "False", "Error": "Something went wrong."}
# The fake server's fault modes in which OMDb itself answers with an error body.
FAULT_ANSWERS: dict[str, tuple[int, dict[str, object]]] = {
    "invalid-key": (401, INVALID_KEY),
    "limit": (401, LIMIT_REACHED),
    "not-found": (200, NOT_FOUND),
    "unknown-error": (200, SOMETHING_WRONG),
}
_IMDB_ID = re.compile(r"tt\d{7,10}")


def details(imdb_id: str) -> dict[str, object] | None:
    """The by-ID body for a catalogue ID (thin, with "N/A"s, for search-only rows)."""
    if imdb_id in DETAILS:
        return DETAILS[imdb_id]
    row = next((item for item in SEARCH_ITEMS if item["imdbID"] == imdb_id), None)
    if row is None:
        return None
    thin: dict[str, object] = dict.fromkeys(
        ("Rated", "Released", "Runtime", "Genre", "Director", "Writer", "Actors", "Plot"), "N/A"
    )
    extra = {"Ratings": [], "imdbRating": "N/A", "imdbVotes": "N/A", "Response": "True"}
    return {**row, **thin, **extra}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def _first_year(year: object) -> str:
    return str(year)[:4]


def answer(
    params: Mapping[str, str], accepted_key: str | None = None
) -> tuple[int, dict[str, object]]:
    """OMDb's status code and JSON body for these query parameters.

    Any non-empty key works except BAD_API_KEY, or only `accepted_key` when one is given.
    """
    key = params.get("apikey", "")
    if not key:
        return 401, NO_KEY
    if key == BAD_API_KEY or (accepted_key is not None and key != accepted_key):
        return 401, INVALID_KEY
    year = params.get("y", "").strip()
    if "s" in params:
        return 200, _search(params["s"], year, params.get("page", "1"))
    if "i" in params:
        imdb_id = params["i"].strip()
        if not _IMDB_ID.fullmatch(imdb_id):
            return 200, INCORRECT_ID
        return 200, details(imdb_id) or NO_DATA
    if "t" in params:
        title = params["t"].strip().casefold()
        if not title:
            return 200, INCORRECT_ID
        for item in SEARCH_ITEMS:
            if str(item["Title"]).casefold() == title and (
                not year or _first_year(item["Year"]) == year
            ):
                return 200, details(str(item["imdbID"])) or NOT_FOUND
        return 200, NOT_FOUND
    return 200, SOMETHING_WRONG


def _search(query: str, year: str, page_text: str) -> dict[str, object]:
    words = _words(query)
    if len(query.strip()) < TOO_SHORT:
        return TOO_MANY if words else INCORRECT_ID
    matches = [
        item
        for item in SEARCH_ITEMS
        if set(words) <= set(_words(str(item["Title"])))
        and (not year or _first_year(item["Year"]) == year)
    ]
    page = int(page_text) if page_text.isdigit() else 1
    chunk = matches[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if not chunk:
        return NOT_FOUND
    return {"Search": chunk, "totalResults": str(len(matches)), "Response": "True"}
