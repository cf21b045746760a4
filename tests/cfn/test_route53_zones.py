"""CloudFormation Route 53 hosted zones were not read at all: no GDCC-DNS-001 (DNSSEC) or
GDCC-DNS-002 (query logging) finding on any ``AWS::Route53::HostedZone``. They are judged as
Terraform's ``aws_route53_zone``: DNSSEC by an ``AWS::Route53::DNSSEC`` of the template, a
public zone's logging by its ``QueryLoggingConfig``, a private zone's by Resolver query logging
on its VPCs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "cloudformation" / "route53_zones"
ASSOCIATION = "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation"


def _findings() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-DNS-001", "GDCC-DNS-002")))
    assert [i.status.value for i in result.inputs] == ["assessed"]
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_dnssec_of_public_zones() -> None:
    found = _findings()
    assert found[("GDCC-DNS-001", "SignedZone")] == (Status.PASS, "DNSSEC signing is on")
    assert found[("GDCC-DNS-001", "PlainZone")] == (
        Status.FAIL, "the zone is public and DNSSEC signing is off"
    )
    # private zones are not public: the rule holds
    assert found[("GDCC-DNS-001", "InternalZone")][0] is Status.PASS
    # the DNSSEC resource and the key-signing key are folded into their zone
    assert {address for _, address in found} == {
        "SignedZone", "PlainZone", "InternalZone", "OpsZone", "SharedZone"
    }


def test_query_logging_of_public_and_private_zones() -> None:
    found = _findings()
    assert found[("GDCC-DNS-002", "SignedZone")] == (Status.PASS, "DNS queries are logged")
    assert found[("GDCC-DNS-002", "PlainZone")] == (Status.FAIL, "access logging is off")
    assert found[("GDCC-DNS-002", "InternalZone")] == (
        Status.FAIL,
        f"access logging is off (no {ASSOCIATION} of the template names its VPC AppVpc: "
        "queries from it are not logged (off by default))",
    )
    assert found[("GDCC-DNS-002", "OpsZone")] == (Status.PASS, "DNS queries are logged")
    assert found[("GDCC-DNS-002", "SharedZone")] == (
        Status.UNKNOWN,
        "whether access logging is on is not known from the input: a private zone's queries "
        "are logged by Resolver query logging on the VPCs that ask them "
        f"({ASSOCIATION}), set where the VPC is made; its VPC is given by a value not known "
        "from the template (a parameter, an import)",
    )
