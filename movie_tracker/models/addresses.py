"""Addresses from outside (a review's link, a poster): used only when they are http(s) with
a host. The pages (ui/markdown.py) and the share page (web/shares.py) both check them here."""

from __future__ import annotations

from urllib.parse import quote, urlsplit


def web_address(address: str, safe: str) -> str | None:
    """`address` when it is http(s) with a host, percent-encoded but for the characters in
    `safe` (what cannot end it where it goes); None for anything else (javascript:, data:,
    mailto:, relative, unreadable)."""
    address = address.strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(address, safe=safe)
