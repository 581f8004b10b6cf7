"""`python -m tests.room_sizes`: the lint stage's check that every room stays small.

No module in movie_tracker/ over MODULE_LINES lines, no class over CLASS_LINES (its
decorators, docstring and methods included). A part that outgrows its room is split by
what it does, as store/, service/ and omdb/ were.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MODULE_LINES = 400
CLASS_LINES = 250
PACKAGE = Path(__file__).resolve().parents[1] / "movie_tracker"


def oversized(root: Path = PACKAGE) -> Iterator[str]:
    """One line per module or class over its limit, as `path: what (N lines)`."""
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(root.parent)
        lines = len(source.splitlines())
        if lines > MODULE_LINES:
            yield f"{name}: the module has {lines} lines (at most {MODULE_LINES})"
        for node in ast.walk(ast.parse(source, str(path))):
            if isinstance(node, ast.ClassDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - first + 1
                if length > CLASS_LINES:
                    yield f"{name}: class {node.name} has {length} lines (at most {CLASS_LINES})"


def main(root: Path = PACKAGE) -> int:
    problems = list(oversized(root))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(
            f"{root.name}/: every module within {MODULE_LINES} lines, class within {CLASS_LINES}."
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
