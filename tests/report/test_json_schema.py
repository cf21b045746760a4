"""The JSON result has committed, current JSON Schemas (layouts 1.1 and 1.0), and real output
validates against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.json_schema import result_schema, result_schema_json

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schema"


@pytest.mark.parametrize("layout", ["1.1", "1.0"])
def test_committed_result_schema_is_in_sync(layout: str) -> None:
    committed = SCHEMAS / f"result-v{layout}.schema.json"
    assert committed.read_text(encoding="utf-8") == result_schema_json(layout), (
        f"regenerate with: gdcc-audit schema result --layout {layout} > {committed}"
    )


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("layout", ["1.1", "1.0"])
def test_output_validates_against_the_schema(sample: AuditResult, layout: str, full: bool) -> None:
    data = json.loads(result_to_json(sample, layout=layout, full_findings=full))
    assert data["schema_version"] == layout
    jsonschema.validate(data, result_schema(layout), cls=jsonschema.Draft202012Validator)
    assert data["findings"][0]["fingerprint"] == sample.grouped().findings[0].fingerprint


def test_the_layouts_differ_where_documented() -> None:
    compact, legacy = result_schema("1.1"), result_schema("1.0")
    assert compact["properties"]["findings"]["items"] == {"$ref": "#/$defs/CompactFinding"}
    assert legacy["properties"]["findings"]["items"] == {"$ref": "#/$defs/Finding"}
    assert "messages" in compact["required"]
    assert "messages" not in legacy["properties"]
    assert "Finding" not in compact["$defs"]
    failing = compact["$defs"]["ControlResult"]["properties"]["failing"]["items"]
    assert failing == {"anyOf": [{"minimum": 0, "type": "integer"}, {"type": "string"}]}
    with pytest.raises(ValueError, match=r"unknown result layout '2\.0'"):
        result_schema("2.0")
