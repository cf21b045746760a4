"""The published JSON Schemas of the JSON result (``scan --format json``), from the models.

Layout 1.0 is the models' own serialisation schema. Layout 1.1 is the same schema with the
findings, the messages table and the controls' finding references in their compact form
(``gdcc_audit.models.result_layout``); the compact finding is described by a model here that
is used for the schema only.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from gdcc_audit.models.common import FrozenModel, Severity
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import RESULT_SCHEMA_VERSION, AuditResult
from gdcc_audit.models.result_layout import COMPACT, LAYOUTS, LEGACY
from gdcc_audit.models.waiver import WaiverRef

_INHERITED = "left out: the resource's"


class CompactLocation(FrozenModel):
    """Where a finding's evidence is; a left-out member is the resource's (file, start_line)
    or null (end_line, pointer)."""

    file: str | None = Field(default=None, description=f"{_INHERITED} file")
    start_line: int | None = Field(default=None, ge=1, description=f"{_INHERITED} line")
    end_line: int | None = Field(default=None, ge=1)
    pointer: str | None = None


class CompactFinding(FrozenModel):
    """A finding in layout 1.1: a member left out is the resource's, the rule's or empty."""

    rule_id: str
    status: Status
    fingerprint: str = Field(description="Hash of rule id, resource id and evidence key")
    resource: int | None = Field(
        default=None, ge=0, description="Position of the finding's resource in `resources`"
    )
    resource_id: str | None = Field(
        default=None, description="Only when the resource is not in `resources`"
    )
    resource_kind: str | None = Field(default=None, description=f"{_INHERITED} kind")
    resource_name: str | None = Field(default=None, description=f"{_INHERITED} name")
    provider_type: str | None = Field(default=None, description=f"{_INHERITED} provider_type")
    address: str | None = Field(default=None, description=f"{_INHERITED} address")
    called_at: str | None = Field(default=None, description=f"{_INHERITED} called_at")
    call_chain: tuple[str, ...] | None = Field(
        default=None, description=f"{_INHERITED} call_chain"
    )
    system: str | None = Field(default=None, description=f"{_INHERITED} system")
    severity: Severity | None = Field(default=None, description="left out: the rule's severity")
    message: int = Field(ge=0, description="Position of the message in `messages`")
    evidence: dict[str, Any] | None = Field(default=None, description="left out: {}")
    evidence_key: str | None = Field(default=None, description='left out: ""')
    location: CompactLocation | None = Field(default=None, description="left out: null")
    waiver: WaiverRef | None = Field(default=None, description="left out: null")
    corroboration: tuple[str, ...] | None = Field(default=None, description="left out: []")
    baseline: bool | None = Field(default=None, description="left out: false")


def result_schema(version: str = RESULT_SCHEMA_VERSION) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the JSON result in one layout, as written (computed
    fields included)."""
    if version not in LAYOUTS:
        raise ValueError(f"unknown result layout {version!r}; known: {', '.join(LAYOUTS)}")
    schema = AuditResult.model_json_schema(mode="serialization")
    schema["properties"]["schema_version"]["default"] = version
    if version == COMPACT:
        _compact(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://gdcc-audit.invalid/schema/result-v{version}.json"
    schema["title"] = f"gdcc-audit result (schema_version {version})"
    return schema


def _compact(schema: dict[str, Any]) -> None:
    """Turn the models' (1.0) schema into the 1.1 layout's, in place."""
    defs = schema["$defs"]
    finding = CompactFinding.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs.update(finding.pop("$defs", {}))
    defs["CompactFinding"] = finding
    for name in ("CompactFinding", "CompactLocation"):
        # a left-out member means what its description says, not a JSON default
        for member in defs[name]["properties"].values():
            member.pop("default", None)
    props = schema["properties"]
    props["findings"]["items"] = {"$ref": "#/$defs/CompactFinding"}
    props["findings"]["description"] = (
        "FAIL, ERROR and UNKNOWN findings (all with scan --full-findings), each naming its "
        "resource and message by position"
    )
    props["messages"] = {
        "description": "The distinct finding messages; a finding's `message` is a position here",
        "items": {"$ref": "#/$defs/Text"},
        "title": "Messages",
        "type": "array",
    }
    schema["required"] = sorted({*schema.get("required", ()), "messages"})
    control = defs["ControlResult"]["properties"]
    for key in ("failing", "waived"):
        control[key]["items"] = {"anyOf": [{"minimum": 0, "type": "integer"}, {"type": "string"}]}
        control[key]["description"] += (
            " (a position in `findings`; the fingerprint itself where no listed finding has it)"
        )
    used = json.dumps({k: v for k, v in schema.items() if k != "$defs"}) + json.dumps(defs)
    if '"#/$defs/Finding"' not in used:
        del defs["Finding"]


def result_schema_json(version: str = RESULT_SCHEMA_VERSION) -> str:
    """The schema as stable, indented JSON text (the committed docs/ copies are this text)."""
    return json.dumps(result_schema(version), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


__all__ = ["COMPACT", "LEGACY", "result_schema", "result_schema_json"]
