"""Glue development endpoints (``aws_glue_dev_endpoint``, ``AWS::Glue::DevEndpoint``;
``normalize/glue_endpoints.py``) were not mapped: one created without a subnet, which Glue
gives a public IP address (API GetDevEndpoint), had no finding. They are instances now, judged
alike in Terraform and CloudFormation (paired fixtures)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "glue_dev_endpoints"
RULES = (
    "GDCC-CMP-001", "GDCC-CMP-002", "GDCC-CMP-003", "GDCC-CMP-004", "GDCC-CMP-005",
    "GDCC-CMP-007", "GDCC-GRAPH-002", "GDCC-NET-001",
)  # fmt: skip
PAIRS = {"PublicEndpoint": "public", "PrivateEndpoint": "private"}


def _findings(path: Path) -> dict[tuple[str, str], Finding]:
    result = audit([path], Settings(rule_ids=RULES))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_terraform_and_cloudformation_alike() -> None:
    tf = _findings(FIXTURES / "main.tf")
    cfn = _findings(FIXTURES / "template.yaml")
    for logical_id, name in PAIRS.items():
        for rule in RULES:
            a, b = cfn[(logical_id, rule)], tf[(f"aws_glue_dev_endpoint.{name}", rule)]
            assert a.status is b.status, (logical_id, rule, a.message.en, b.message.en)


def test_endpoint_without_subnet_is_public() -> None:
    found = _findings(FIXTURES / "main.tf")
    public = found[("aws_glue_dev_endpoint.public", "GDCC-CMP-001")]
    assert (public.status, public.message.en) == (
        Status.FAIL, "it has a public IP address (provider default: 'subnet_id' not set)"
    )
    assert found[("aws_glue_dev_endpoint.private", "GDCC-CMP-001")].status is Status.PASS
    login = found[("aws_glue_dev_endpoint.public", "GDCC-CMP-007")]
    assert login.status is Status.PASS  # SSH with public keys only
    disks = found[("aws_glue_dev_endpoint.public", "GDCC-CMP-003")]
    assert disks.status is Status.UNKNOWN
    assert "Glue documents no encryption" in disks.message.en
    for rule in ("GDCC-CMP-002", "GDCC-CMP-004", "GDCC-CMP-005"):
        assert found[("aws_glue_dev_endpoint.public", rule)].status is Status.NOT_APPLICABLE


ROOT = """\
resource "aws_glue_dev_endpoint" "public" {
  name     = "public"
  role_arn = "arn:aws:iam::111122223333:role/glue"
}
resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  instance_type = "ml.t3.medium"
}
"""


def test_no_lateral_path_into_a_service_network(tmp_path: Path) -> None:
    """A notebook without a subnet is on SageMaker's network only: the public dev endpoint
    (itself without filtering to read) cannot reach it. Before: GRAPH-002 UNKNOWN
    "internet → public → nb:22" (``graph/network.py`` ``off_tenant_network``)."""
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    assert found["aws_sagemaker_notebook_instance.nb"].status is Status.PASS
    assert found["aws_glue_dev_endpoint.public"].status is Status.UNKNOWN
