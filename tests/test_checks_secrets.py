"""GDCC-SECRET-001 outside manifests: an IaC resource not scanned for secrets is UNKNOWN."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    "text",
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "AKIAABCDEFGHIJKLMNOP",
        "id AKIAABCDEFGHIJKLMNOPQ",
        "API_KEY = abcdefghijklmnopqrstu",
        "Password: hunter22",
        "password=${var.x}",
        "postgres://user:pass@host/db",
        "ghp_" + "a" * 30,
        "xoxb-1234567890",
        "t3.medium",
        "PASSWD=xyzw",
    ],
)
def test_combined_shape_pattern_matches_exactly_when_one_pattern_does(text: str) -> None:
    import re

    from gdcc_audit.secrets import detect as secrets

    expected = any(
        re.search(source, text)
        for source in (*secrets._VALUE_SOURCES, *secrets._TOKEN_SOURCES,
                       *secrets._COMMAND_SOURCES)
    )
    assert secrets._has_secret_shape(text) is expected
