"""The committed tenant-manifest JSON Schema is the one the models generate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from gdcc_audit.cli.app import run
from gdcc_audit.models.manifest_schema import tenant_schema, tenant_schema_json

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "schema" / "tenant-v1.schema.json"


def test_committed_schema_is_in_sync() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == tenant_schema_json(), (
        "regenerate with: gdcc-audit schema tenant > docs/schema/tenant-v1.schema.json"
    )


def test_cli_prints_the_schema(capsys: object) -> None:
    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    assert run(["schema", "tenant"]) == 0
    assert json.loads(capsys.readouterr().out) == tenant_schema()


def test_manifests_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(tenant_schema())
    manifests = [ROOT / "tests" / "fixtures" / "manifests" / "minimal.yaml",
                 *sorted((ROOT / "examples").glob("*/tenant.yaml"))]
    for path in manifests:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # YAML dates arrive as date objects; the schema speaks JSON.
        data = json.loads(json.dumps(data, default=str))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path}: {errors[0].message}"
