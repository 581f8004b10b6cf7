"""ValidationError: input the library refuses, with what to change."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input the library refuses. `field` names the input; the message says what to change."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def quote(value: object) -> str:
    """A value as a message shows it: in quotes, cut to 40 characters."""
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f'"{text}"'
