"""The published JSON Schema of the JSON result (``scan --format json``), from the models."""

from __future__ import annotations

import json

from gdcc_audit.models.result import RESULT_SCHEMA_VERSION, AuditResult


def result_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of the JSON result, as written (computed fields included)."""
    schema = AuditResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://gdcc-audit.invalid/schema/result-v{RESULT_SCHEMA_VERSION}.json"
    schema["title"] = f"gdcc-audit result (schema_version {RESULT_SCHEMA_VERSION})"
    return schema


def result_schema_json() -> str:
    """The schema as stable, indented JSON text (the committed docs/ copy is this text)."""
    return json.dumps(result_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
