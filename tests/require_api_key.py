"""`python -m tests.require_api_key`: stop `tox -e record` early when there is no key."""

from __future__ import annotations

import os
import sys

MESSAGE = (
    "Set OMDB_API_KEY to re-record the cassettes, e.g. OMDB_API_KEY=your-key tox -e record "
    "(get a free key at https://www.omdbapi.com/apikey.aspx)."
)


def main(environ: dict[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    if not env.get("OMDB_API_KEY", "").strip():
        print(MESSAGE, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
