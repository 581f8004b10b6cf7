"""The personal API as an OpenAPI 3.1 document (GET /api/v1/openapi.json), written by hand
beside the routes it describes; tests/web checks it is valid and names every route."""

from __future__ import annotations

from typing import Any

from movie_tracker import __version__


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _page_of(item: str, key: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [key, "page", "pages", "total"],
        "properties": {
            key: {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
        },
    }


_NULLABLE_TEXT = {"type": ["string", "null"]}
_STARS = {"type": ["number", "null"], "minimum": 0.5, "maximum": 5, "multipleOf": 0.5}
_PRECISION = {
    "type": "string",
    "enum": ["day", "month", "year"],
    "description": "How much of the date watched is known (day for an unknown date).",
}
_PAGE = {
    "name": "page",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 1, "default": 1},
    "description": "Which page of 50, from 1.",
}
_REFUSALS = {
    "400": _error("A parameter or body the app refuses; the message says what to change."),
    "401": _error("No token, an unknown or revoked one, or one made for a media server."),
    "429": _error("More than 60 requests in a minute with this token (per app server)."),
    "503": _error("The library could not be read or saved; nothing was changed."),
}

MOVIE = {
    "type": "object",
    "required": ["id", "title", "status"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "year": {"type": ["integer", "null"]},
        "status": {"type": "string", "enum": ["Watched", "Want to Watch"]},
        "imdb_id": _NULLABLE_TEXT,
        "director": _NULLABLE_TEXT,
        "genre": _NULLABLE_TEXT,
        "rating": _STARS,
        "runtime_minutes": {"type": ["integer", "null"]},
        "poster_url": _NULLABLE_TEXT,
        "date_added": {"type": ["string", "null"], "format": "date-time"},
        "last_watched": {"type": ["string", "null"], "format": "date"},
        "last_watched_precision": _PRECISION,
    },
}
WATCH = {
    "type": "object",
    "required": ["id", "movie_id", "watched_on", "rating", "review", "rewatch"],
    "properties": {
        "id": {"type": "integer"},
        "movie_id": {"type": "integer"},
        "watched_on": {
            "type": ["string", "null"],
            "format": "date",
            "description": "The day that places the watch: the day itself, or the last day "
            "of its month or year when `precision` says it is known only to a month or a "
            "year (2015-03-31 for March 2015, 2015-12-31 for 2015).",
        },
        "precision": _PRECISION,
        "rating": _STARS,
        "review": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "rewatch": {"type": "boolean"},
        "logged_at": {"type": ["string", "null"], "format": "date-time"},
        "movie": {"oneOf": [{"$ref": "#/components/schemas/Movie"}, {"type": "null"}]},
    },
}
NEW_WATCH = {
    "type": "object",
    "additionalProperties": False,
    "description": "The film by imdb_id (already in the library), or by title and year "
    "(added when the library has no copy of it; found by IMDb ID, else by title and year, "
    "case and accents ignored).",
    "properties": {
        "imdb_id": {"type": ["string", "null"], "pattern": "^tt[0-9]{7,10}$"},
        "title": {"type": ["string", "null"], "maxLength": 300},
        "year": {"type": ["integer", "null"]},
        "watched_on": {
            "type": ["string", "null"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "The day (YYYY-MM-DD), the month (YYYY-MM) or the year (YYYY) "
            "the film was watched, not in the future; empty or null for an unknown date.",
        },
        "rating": _STARS,
        "review": {"type": ["string", "null"], "maxLength": 10000},
    },
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Movie Tracker personal API",
            "version": __version__,
            "description": "Read your library and diary, and log watches. Make a token of "
            "kind API on the Connections page and send it as `Authorization: Bearer <token>`.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/movies": {
                "get": {
                    "operationId": "listMovies",
                    "summary": "The library, newest added first, 50 a page",
                    "parameters": [
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "string",
                                "enum": ["watched", "want-to-watch", "Watched", "Want to Watch"],
                            },
                        },
                        _PAGE,
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of movies",
                            "content": {
                                "application/json": {"schema": _page_of("Movie", "movies")}
                            },
                        },
                        **_REFUSALS,
                    },
                }
            },
            "/api/v1/diary": {
                "get": {
                    "operationId": "listDiary",
                    "summary": "The diary, newest first, 50 a page",
                    "parameters": [
                        {
                            "name": "since",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "format": "date"},
                            "description": "Only watches dated on this day or later.",
                        },
                        _PAGE,
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of watches, each with its movie",
                            "content": {
                                "application/json": {"schema": _page_of("Watch", "watches")}
                            },
                        },
                        **_REFUSALS,
                    },
                }
            },
            "/api/v1/watches": {
                "post": {
                    "operationId": "logWatch",
                    "summary": "Log a watch (the film is added when it is not in the library)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/NewWatch"}
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "The watch logged, with its movie",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Watch"}
                                }
                            },
                        },
                        "404": _error("An imdb_id alone, of a film not in the library."),
                        "413": _error("A body over 1 MB."),
                        **_REFUSALS,
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Movie": MOVIE,
                "Watch": WATCH,
                "NewWatch": NEW_WATCH,
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
            },
        },
    }
