"""A credential written in a provider block of a plan (``configuration.provider_config.
aws.expressions.access_key.constant_value``: checkov's plan_with_providers and
batch_tfplan fixtures) had no finding: the HCL loader keeps each provider block as a
resource of mode "provider" (GDCC-SECRET-001 FAILs it), the plan loader kept only its
values. A provider block with a credential is now such a resource; one without is not."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.11.4",
    "planned_values": {"root_module": {}},
    "configuration": {
        "provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}},
            "aws.ohio": {
                "name": "aws",
                "alias": "ohio",
                "expressions": {
                    "access_key": {"constant_value": "AKIAIOSFODNN7EXAMPLE"},
                    "region": {"constant_value": "us-east-2"},
                },
            },
        },
        "root_module": {},
    },
}


def test_a_credential_in_a_plans_provider_block_fails(tmp_path: Path) -> None:
    (tmp_path / "tfplan.json").write_text(json.dumps(PLAN, indent=2), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {"provider.aws.ohio": (Status.FAIL, ["access_key"])}
