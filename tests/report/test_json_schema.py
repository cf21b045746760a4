"""The JSON result has a committed, current JSON Schema, and real output validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.json_schema import result_schema, result_schema_json

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "schema" / "result-v1.0.schema.json"


def test_committed_result_schema_is_in_sync() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == result_schema_json(), (
        "regenerate with: gdcc-audit schema result > docs/schema/result-v1.0.schema.json"
    )


def test_output_validates_against_the_schema(sample: AuditResult) -> None:
    data = json.loads(result_to_json(sample))
    jsonschema.validate(data, result_schema(), cls=jsonschema.Draft202012Validator)
    assert data["findings"][0]["fingerprint"] == sample.findings[0].fingerprint
