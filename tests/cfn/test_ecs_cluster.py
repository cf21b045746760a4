"""An ``AWS::ECS::Cluster`` is not a Kubernetes cluster: the Kubernetes cluster rules
(GDCC-CLU-001/002/003/006) and the management-port path (GDCC-GRAPH-002) were UNKNOWN on every
one (18 in aws-samples/serverless-patterns and aws-cloudformation-templates); they are
NOT_APPLICABLE with the reason."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: apps
"""


def test_ecs_cluster_is_not_judged_as_kubernetes(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    rules = ("GDCC-CLU-001", "GDCC-CLU-002", "GDCC-CLU-003", "GDCC-CLU-006", "GDCC-GRAPH-002")
    result = audit([path], Settings(rule_ids=rules))
    found = {f.rule_id: (f.status, f.message.en) for f in result.findings}
    assert {rule: status for rule, (status, _) in found.items()} == dict.fromkeys(
        rules, Status.NOT_APPLICABLE
    )
    assert found["GDCC-CLU-001"][1] == (
        "does not apply to AWS::ECS::Cluster: an ECS cluster groups tasks, services and "
        "container instances, not Kubernetes: it has no Kubernetes API server, Secrets, "
        "NetworkPolicy or control-plane log, and is managed through the ECS API under IAM; its "
        "tasks, services and instances are judged on their own resources"
    )
    assert found["GDCC-CLU-002"][1].startswith(
        "does not apply to AWS::ECS::Cluster: the service is reached only through the "
        "provider's API"
    )
