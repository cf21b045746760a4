"""JSON output: the whole AuditResult, keys sorted, so equal inputs give equal bytes."""

from __future__ import annotations

import json
from typing import IO, cast

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result


def result_to_json(result: AuditResult) -> str:
    """The canonical JSON text of a result (also embedded in PDF reports); secrets masked."""
    data = redact_result(result).model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)


class JsonReporter(Reporter):
    """Machine-readable result; its schema version is ``schema_version`` in the output."""

    format = "json"
    extension = "json"

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        cast(IO[str], stream).write(result_to_json(result) + "\n")
