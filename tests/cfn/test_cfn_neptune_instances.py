"""CloudFormation ``AWS::Neptune::DBInstance`` is read as Terraform's
``aws_neptune_cluster_instance``: it was not mapped at all, so a template's Neptune instances
had no finding, while GDCC-DB-002 on their cluster says minor upgrades are judged on the
instances. Storage, keys, backups and IAM sign-in are the cluster's (NOT_APPLICABLE on the
instance); ``AutoMinorVersionUpgrade`` (default true) and ``PubliclyAccessible`` (Neptune
public endpoints: "By default, new Neptune databases are created with public endpoints
disabled") are the instance's own."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      IamAuthEnabled: true
  Reader:
    Type: AWS::Neptune::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Graph
      DBInstanceClass: db.r5.large
  Public:
    Type: AWS::Neptune::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Graph
      DBInstanceClass: db.r5.large
      PubliclyAccessible: true
      AutoMinorVersionUpgrade: false
"""

ON_CLUSTER = (
    "does not apply to AWS::Neptune::DBInstance: a Neptune instance takes this from its "
    "cluster (aws_neptune_cluster / AWS::Neptune::DBCluster), where it is judged"
)


def _findings(tmp_path: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    rules = ("GDCC-DB-001", "GDCC-DB-002", "GDCC-ENC-001", "GDCC-BCK-001", "GDCC-NET-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


def test_neptune_instances_are_read(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    instances = {key: value for key, value in found.items() if key[0] != "Graph"}
    assert instances == {
        ("Reader", "GDCC-DB-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Reader", "GDCC-ENC-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Reader", "GDCC-BCK-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Reader", "GDCC-DB-002"): (
            Status.PASS, "Databases receive minor engine upgrades automatically"
        ),
        ("Reader", "GDCC-NET-002"): (
            Status.PASS, "Databases and message brokers are not reachable through a public endpoint"
        ),
        ("Public", "GDCC-DB-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Public", "GDCC-ENC-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Public", "GDCC-BCK-001"): (Status.NOT_APPLICABLE, ON_CLUSTER),
        ("Public", "GDCC-DB-002"): (Status.FAIL, "automatic minor version upgrades are off"),
        ("Public", "GDCC-NET-002"): (Status.FAIL, "the endpoint is public"),
    }
    assert found[("Graph", "GDCC-DB-002")] == (
        Status.NOT_APPLICABLE,
        "does not apply to AWS::Neptune::DBCluster: a Neptune cluster sets automatic minor "
        "upgrades on each cluster instance (aws_neptune_cluster_instance / "
        "AWS::Neptune::DBInstance), where it is judged",
    )
