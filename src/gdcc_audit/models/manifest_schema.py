"""The published JSON Schemas of the input files (tenant manifest, waivers), from the models."""

from __future__ import annotations

import json

from gdcc_audit.models.tenant import TenantManifest
from gdcc_audit.models.tenant_terms import API_VERSION
from gdcc_audit.models.waiver import WaiverFile


def tenant_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of ``apiVersion: gdcc-audit/v1``, ``kind: Tenant``."""
    schema = TenantManifest.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://gdcc-audit.invalid/schema/tenant-v1.json"
    schema["title"] = f"gdcc-audit tenant manifest ({API_VERSION})"
    return schema


def tenant_schema_json() -> str:
    """The schema as stable, indented JSON text (the committed docs/ copy is this text)."""
    return json.dumps(tenant_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def waivers_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of ``apiVersion: gdcc-audit/v1``, ``kind: Waivers``."""
    schema = WaiverFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://gdcc-audit.invalid/schema/waivers-v1.json"
    schema["title"] = f"gdcc-audit waiver file ({API_VERSION})"
    return schema


def waivers_schema_json() -> str:
    """The waiver schema as stable JSON text (docs/schema/waivers-v1.schema.json)."""
    return json.dumps(waivers_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
