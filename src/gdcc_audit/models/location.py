"""Where a thing came from: file, lines and a JSON pointer inside the document."""

from __future__ import annotations

from pydantic import Field

from gdcc_audit.models.common import FrozenModel


class SourceLocation(FrozenModel):
    """A place in an input file; lines are 1-based and may be unknown."""

    file: str
    start_line: int | None = Field(default=None, ge=1)
    end_line: int | None = Field(default=None, ge=1)
    pointer: str | None = None

    def __str__(self) -> str:
        if self.start_line is None:
            return self.file
        if self.end_line and self.end_line != self.start_line:
            return f"{self.file}:{self.start_line}-{self.end_line}"
        return f"{self.file}:{self.start_line}"
