"""Typed errors. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class GdccAuditError(Exception):
    """Base class of every error gdcc-audit raises on purpose."""


class InputError(GdccAuditError):
    """An input file cannot be read or understood. Carries path, line and column when known."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[InputError], tuple[object, ...]]:
        # Picklable (errors come back from loader worker processes and the parse cache).
        return (type(self), (self.path, self.message, self.line, self.column, self.field))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class ConfigError(GdccAuditError):
    """Settings, rule selection or a configuration file is invalid."""


class PluginError(GdccAuditError):
    """A plugin could not be loaded or returned something invalid."""


class RuleError(GdccAuditError):
    """A rule definition is invalid (bad metadata, unknown facet, missing language)."""


class ReportError(GdccAuditError):
    """A report could not be produced."""


class StoreError(GdccAuditError):
    """The history store cannot be reached, is of a newer schema, or lacks what was asked."""


class SigningError(GdccAuditError):
    """An evidence package cannot be signed (key, password, certificate) or verified."""
