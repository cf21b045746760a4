"""The reporter seam: an AuditResult and a stream in, one output format out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import IO, ClassVar

from gdcc_audit.models.result import AuditResult


@dataclass(frozen=True)
class ReportOptions:
    """Options every reporter understands."""

    lang: str = "en"
    color: bool = True
    verbose: bool = False
    #: JSON: list every finding instead of counting PASS/NOT_APPLICABLE ones per rule.
    full_findings: bool = False
    #: JSON: the whole resource graph instead of the nodes and edges of the attack paths.
    full_graph: bool = False
    #: JSON: the result layout, ``1.1`` (compact) or ``1.0`` (every finding whole).
    json_layout: str = "1.1"
    #: Processes a reporter may use (``scan --workers``): 0 lets it decide, 1 keeps it in
    #: this process (the JSON writer then forks no child for a large result).
    workers: int = 0


class Reporter(ABC):
    """Writes one output format. Receives data only, never the engine."""

    format: ClassVar[str]
    extension: ClassVar[str]
    #: True when ``render`` writes bytes (PDF), False when it writes text.
    binary: ClassVar[bool] = False
    #: False when the output is the same for a result whose PASS and NOT_APPLICABLE findings
    #: are counts per rule (:meth:`AuditResult.grouped`): a scan writing only such formats
    #: lets the engine count those verdicts instead of building them. True is always safe.
    lists_passing: ClassVar[bool] = True

    def needs_every_finding(self, options: ReportOptions) -> bool:
        """Whether rendering with ``options`` reads individual PASS/NOT_APPLICABLE findings."""
        return self.lists_passing

    def prepare(self) -> None:  # noqa: B027 - a hook: nothing to prepare by default
        """Import and build what :meth:`render` needs before there is a result to render (a
        bridged scan calls it while checkov runs). Nothing by default."""

    @abstractmethod
    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        """Write the report for ``result`` to ``stream``."""
