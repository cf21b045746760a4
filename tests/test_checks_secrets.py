"""GDCC-SECRET-001 outside manifests: an IaC resource not scanned for secrets is UNKNOWN."""

from __future__ import annotations

from gdcc_audit.evaluate.checks.plugin import builtin_rules
from gdcc_audit.models import Facets, Resource, SourceLocation, Status
from gdcc_audit.testing import judge


def _resource(origin: str, secrets: tuple[str, ...] | None) -> Resource:
    return Resource(
        id=f"-/-/aws_db_instance.{origin}",
        kind="database.instance",
        name=origin,
        provider="aws",
        provider_type="aws_db_instance",
        origin=origin,
        facets=Facets(hardcoded_secrets=secrets),
        location=SourceLocation(file="main.tf", start_line=1),
    )


def test_iac_resource_without_the_facet_is_unknown_and_manifest_one_not_applicable() -> None:
    (rule,) = [r for r in builtin_rules() if r.id == "GDCC-SECRET-001"]
    findings = judge(rule, [_resource("terraform", None), _resource("gdcc-tenant", None),
                            _resource("cloudformation", ("Properties.MasterUserPassword",))])
    assert [(f.resource_name, f.status, f.evidence) for f in findings] == [
        ("terraform", Status.UNKNOWN, {}),
        ("gdcc-tenant", Status.NOT_APPLICABLE, {}),
        ("cloudformation", Status.FAIL, {"paths": ["Properties.MasterUserPassword"]}),
    ]
