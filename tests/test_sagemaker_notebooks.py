"""SageMaker notebook instances (``aws_sagemaker_notebook_instance``,
``AWS::SageMaker::NotebookInstance``; ``normalize/sagemaker.py``) were not mapped: a notebook
with SageMaker's defaults (direct internet access, IMDSv1) had no finding at all. They are
instances now, judged alike in Terraform and CloudFormation (paired fixtures)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "sagemaker_notebooks"
RULES = (
    "GDCC-CMP-001", "GDCC-CMP-002", "GDCC-CMP-003", "GDCC-CMP-004", "GDCC-CMP-005",
    "GDCC-CMP-007", "GDCC-CMP-013", "GDCC-GRAPH-002", "GDCC-NET-001",
)  # fmt: skip
#: CloudFormation logical id -> the Terraform notebook configured the same way.
PAIRS = {"Defaults": "defaults", "Locked": "locked", "Asked": "asked"}


def _findings(path: Path) -> dict[tuple[str, str], Finding]:
    result = audit([path], Settings(rule_ids=RULES))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_terraform_and_cloudformation_alike() -> None:
    tf = _findings(FIXTURES / "main.tf")
    cfn = _findings(FIXTURES / "template.yaml")
    for logical_id, name in PAIRS.items():
        for rule in RULES:
            a, b = cfn[(logical_id, rule)], tf[(f"aws_sagemaker_notebook_instance.{name}", rule)]
            assert a.status is b.status, (logical_id, rule, a.message.en, b.message.en)


def test_defaults_fail() -> None:
    found = _findings(FIXTURES / "main.tf")
    nb = "aws_sagemaker_notebook_instance.defaults"
    internet = found[(nb, "GDCC-CMP-001")]
    assert (internet.status, internet.message.en) == (
        Status.FAIL,
        "it has a public IP address (provider default: 'direct_internet_access' not set) "
        "(direct internet access: SageMaker connects the instance to the internet through its "
        "own network, whatever the tenant's VPC allows)",
    )
    imds = found[(nb, "GDCC-CMP-002")]
    assert imds.status is Status.FAIL
    assert "provider default: 'instance_metadata_service_configuration." in imds.message.en
    assert found[(nb, "GDCC-CMP-003")].status is Status.PASS  # ML volumes always encrypted
    assert found[(nb, "GDCC-CMP-005")].status is Status.PASS  # no lifecycle configuration
    for rule in ("GDCC-CMP-004", "GDCC-CMP-007"):
        assert found[(nb, rule)].status is Status.NOT_APPLICABLE
    root = found[(nb, "GDCC-CMP-013")]
    assert (root.status, root.message.en) == (
        Status.FAIL,
        "notebook users may become root (provider default: 'root_access' not set)",
    )


def test_locked_notebook() -> None:
    found = _findings(FIXTURES / "main.tf")
    nb = "aws_sagemaker_notebook_instance.locked"
    for rule in ("GDCC-CMP-001", "GDCC-CMP-002", "GDCC-CMP-003", "GDCC-CMP-013"):
        assert found[(nb, rule)].status is Status.PASS, rule
    lifecycle = found[(nb, "GDCC-CMP-005")]
    assert lifecycle.status is Status.UNKNOWN
    assert "its lifecycle configuration install-tools runs scripts" in lifecycle.message.en
    # its group admits SSH from anywhere, but its interface in the VPC has no public address:
    # the group fails NET-001, no internet path reaches the notebook
    assert found[(nb, "GDCC-NET-001")].status is Status.NOT_APPLICABLE
    assert found[("aws_security_group.notebook", "GDCC-NET-001")].status is Status.FAIL
    assert found[(nb, "GDCC-GRAPH-002")].status is Status.PASS


def test_value_not_known() -> None:
    found = _findings(FIXTURES / "main.tf")
    nb = "aws_sagemaker_notebook_instance.asked"
    assert found[(nb, "GDCC-CMP-001")].status is Status.UNKNOWN
    assert found[(nb, "GDCC-CMP-002")].status is Status.FAIL  # "1" written: IMDSv1 allowed
