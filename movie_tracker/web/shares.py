"""GET /share/<secret> and /share/<secret>.json: what a share link shows, to anyone who
has it, without signing in (the share page is outside Streamlit's pages, so sign-in never
stands in front of it, and nothing else of the app is reachable from it).

The page is plain HTML: the title, "Shared by <name>", the films in order with their
posters (an <img> whose alt is the title; a film without a usable poster shows a neutral
box with its title), years, and ratings and notes only when the maker chose to show them.
Every piece of text is escaped (html.escape) and a poster is used only when it is http(s)
(models.web_address). It carries noindex (a meta tag and X-Robots-Tag), sends no Referer
(a poster's host never sees the link), allows no script (Content-Security-Policy), links
nowhere into the app, and is not cached, so a revoked link stops at once. An unknown or
revoked link is 404 "This link no longer works". Opening links is rate-limited per client
address (429 with Retry-After).
"""

from __future__ import annotations

import html
import ipaddress
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from movie_tracker.models import DIARY, DatePrecision, SharedFilm, SharedView, stars, web_address
from movie_tracker.service import SHARE_GONE, ShareNotFoundError
from movie_tracker.web.bodies import Refused

if TYPE_CHECKING:
    from movie_tracker.web.gate import Gate

HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}
JSON_SUFFIX = ".json"
# What may stay as it is in a poster's address inside src="...": no quote, angle bracket,
# backslash or space; everything else is percent-encoded.
_SAFE_IN_SRC = ":/?#[]@!$&*+,;=%-._~()'"
_MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
_MONTHS += ("August", "September", "October", "November", "December")


async def shared(gate: Gate, request: Request) -> Response:
    """The share page (HTML), or its content as JSON when the address ends in .json."""
    secret = request.path_params["secret"]
    as_json = secret.endswith(JSON_SUFFIX)
    client = client_key(request.client.host if request.client else "unknown")
    try:
        gate.share_limit.check(client)
        view = await gate.run(gate.service().open_share, secret)
    except Refused as refused:
        return _refusal(as_json, refused.status, refused.message, refused.headers)
    except ShareNotFoundError:
        return _refusal(as_json, 404, SHARE_GONE)
    if as_json:
        return JSONResponse(view_json(view), headers=HEADERS)
    return HTMLResponse(page(view), headers=HEADERS)


def view_json(view: SharedView) -> dict[str, Any]:
    return {
        "kind": view.kind,
        "title": view.title,
        "shared_by": view.display_name,
        "total": view.total if view.total is not None else len(view.films),
        "films": [
            {
                "title": film.title,
                "year": film.year,
                "imdb_id": film.imdb_id,
                "poster": _poster(film.poster),
                "rating": film.rating,
                "note": film.note,
                "watched_on": film.watched_on.isoformat() if film.watched_on else None,
                "precision": film.precision.value if film.watched_on else None,
            }
            for film in view.films
        ],
    }


def page(view: SharedView) -> str:
    """The share page: the title, who shared it, the films in order."""
    films = "\n".join(_film(film, view.kind == DIARY) for film in view.films)
    shown = f'<ol class="films">\n{films}\n</ol>'
    if not view.films:
        shown = '<p class="empty">Nothing here yet.</p>'
    if view.cut_short:
        shown = (
            f'<p class="by">The {len(view.films):,} most recent of {view.total:,}.</p>\n' + shown
        )
    return _document(
        view.title,
        f"<h1>{_text(view.title)}</h1>\n"
        f'<p class="by">Shared by {_text(view.display_name)}</p>\n{shown}',
    )


def gone_page(message: str) -> str:
    return _document(message, f"<h1>{_text(message)}</h1>")


def _film(film: SharedFilm, diary: bool) -> str:
    title = _text(film.title)
    address = _poster(film.poster)
    if address is not None:
        picture = (
            f'<div class="poster"><img src="{html.escape(address)}" alt="{title}" '
            'loading="lazy" referrerpolicy="no-referrer"></div>'
        )
    else:
        picture = f'<div class="poster none" role="img" aria-label="{title}">{title}</div>'
    lines = [f'<span class="title">{title}</span>']
    if film.year is not None:
        lines[0] += f' <span class="year">({film.year})</span>'
    if diary and film.watched_on is not None:
        lines.append(f'<span class="when">Watched {_text(_when(film))}</span>')
    if film.rating is not None:
        shown = stars(film.rating)
        lines.append(f'<span class="rating" aria-label="{film.rating:g} stars">{shown}</span>')
    if film.note:
        lines.append(f'<span class="note">{_text(film.note)}</span>')
    return f'<li>{picture}<div class="about">{"".join(lines)}</div></li>'


def _when(film: SharedFilm) -> str:
    day = film.watched_on
    assert day is not None  # asked only of a dated watch
    if film.precision is DatePrecision.YEAR:
        return str(day.year)
    if film.precision is DatePrecision.MONTH:
        return f"in {_MONTHS[day.month - 1]} {day.year}"
    return f"on {day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def _poster(url: str | None) -> str | None:
    return web_address(url, _SAFE_IN_SRC) if url else None


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _refusal(
    as_json: bool, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    both = {**HEADERS, **(headers or {})}
    if as_json:
        return JSONResponse({"error": message}, status_code=status, headers=both)
    return HTMLResponse(gone_page(message), status_code=status, headers=both)


def _document(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{_text(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { margin: 0 0 0.25rem; font-size: 1.75rem; overflow-wrap: anywhere; }
.by { margin: 0 0 1.5rem; color: #4a5058; }
.films { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); }
.films li { display: flex; flex-direction: column; gap: 0.4rem; }
.poster { aspect-ratio: 2 / 3; border-radius: 0.5rem; overflow: hidden;
  background: rgba(128, 128, 128, 0.15); display: flex; align-items: center;
  justify-content: center; text-align: center; padding: 0.25rem; box-sizing: border-box;
  overflow-wrap: anywhere; }
.poster img { width: 100%; height: 100%; object-fit: cover; }
.poster:has(img) { padding: 0; }
.about { display: flex; flex-direction: column; gap: 0.15rem; overflow-wrap: anywhere; }
.title { font-weight: 600; }
.year, .when { color: #4a5058; font-weight: normal; }
.note { white-space: pre-line; font-size: 0.95rem; }
"""


def client_key(host: str) -> str:
    """Whom the rate limit counts: the client's address; for IPv6 its /64, the block one
    household or one machine is given, so a visitor cannot step past it address by address."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
