"""Content errors as values: a position in a file, the field's path, and a message.

Nothing in the generator prints or exits; the CLI and the hook format these at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in the content, located to file, line and column (1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}:{field} {label}{self.message}"


class ContentErrors(Exception):
    """Raised when content cannot become a model; carries every error found, sorted."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
