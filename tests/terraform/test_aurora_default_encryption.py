"""Amazon Aurora encrypts every new cluster at rest ("All new database clusters created on or
after February 18, 2026, in Amazon Aurora are encrypted at rest ... with an AWS-owned key by
default", Aurora User Guide, Overview.Encryption.html; ``--no-storage-encrypted`` no longer
leaves a new cluster unencrypted, AWS Database Blog). An ``aws_rds_cluster`` with an Aurora
engine (or none: "aurora") whose ``storage_encrypted`` is not true FAILed GDCC-ENC-001 on the
default false: wrong for a cluster created since, right for one created before. Now a plan
that creates the cluster PASSes (AWS default, AWS owned key: GDCC-ENC-002 still FAILs);
elsewhere it is UNKNOWN saying why. Multi-AZ DB clusters are not Aurora: unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"

HCL = """\
resource "aws_rds_cluster" "absent" {
  engine = "aurora-postgresql"
}
resource "aws_rds_cluster" "off" {
  engine            = "aurora-mysql"
  storage_encrypted = false
}
resource "aws_rds_cluster" "no_engine" {
  cluster_identifier = "legacy"
}
resource "aws_rds_cluster" "on" {
  engine            = "aurora-mysql"
  storage_encrypted = true
}
resource "aws_rds_cluster" "multi_az" {
  engine = "postgres"
}
variable "engine" {
  type = string
}
resource "aws_rds_cluster" "engine_not_known" {
  engine = var.engine
}
"""


def _not_known(said: str, engine: str = "", before: str = "one created before is not") -> str:
    return (
        f"whether encryption at rest is on is not known from the input: {said}; {engine}an "
        "Aurora cluster is encrypted by AWS if created on or after 2026-02-18 (AWS-owned key), "
        f"{before}: write storage_encrypted = true to make it certain ({DOC})"
    )


def test_hcl_aurora_without_storage_encrypted_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["aws_rds_cluster.absent"] == (
        Status.UNKNOWN, _not_known("storage_encrypted is not set")
    )
    assert found["aws_rds_cluster.off"] == (Status.UNKNOWN, _not_known("storage_encrypted = false"))
    assert found["aws_rds_cluster.no_engine"] == (
        Status.UNKNOWN, _not_known("storage_encrypted is not set")
    )
    assert found["aws_rds_cluster.engine_not_known"] == (
        Status.UNKNOWN,
        _not_known(
            "storage_encrypted is not set", "the engine is not known, and ",
            "a Multi-AZ DB cluster or one created before is not",
        ),
    )
    assert found["aws_rds_cluster.on"][0] is Status.PASS
    # a Multi-AZ DB cluster: no AWS page says it is encrypted by default
    assert found["aws_rds_cluster.multi_az"] == (Status.FAIL, "encryption at rest is off")
    th = next(f for f in result.findings if f.address == "aws_rds_cluster.absent").message.th
    assert "2026-02-18" in th
    assert "storage_encrypted = true" in th


def _cluster(name: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": f"aws_rds_cluster.{name}", "mode": "managed", "type": "aws_rds_cluster",
        "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": {"engine": "aurora-postgresql", "kms_key_id": None, **values},
    }


def _plan(tmp_path: Path, clusters: list[tuple[dict[str, Any], list[str]]]) -> Path:
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [c for c, _ in clusters]}},
        "resource_changes": [
            {"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
             "change": {"actions": actions, "after": c["values"],
                        "after_unknown": {"id": True, "arn": True}}}
            for c, actions in clusters
        ],
        "configuration": {"root_module": {"resources": [
            {"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
             "provider_config_key": "aws", "expressions": {}}
            for c, _ in clusters
        ]}},
    }
    path = tmp_path / "tfplan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: aurora}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [tfplan.json]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_a_plan_creating_an_aurora_cluster_passes_on_the_aws_default(tmp_path: Path) -> None:
    tags = {"gdcc_system": "payments"}
    _plan(tmp_path, [
        (_cluster("new", {"storage_encrypted": False, "tags": tags}), ["create"]),
        (_cluster("replaced", {"storage_encrypted": False, "tags": tags}), ["delete", "create"]),
        (_cluster("existing", {"storage_encrypted": False, "tags": tags}), ["no-op"]),
        (_cluster("new_multi_az", {"engine": "mysql", "storage_encrypted": False}), ["create"]),
        (_cluster("new_absent", {"tags": tags}), ["create"]),
    ])
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit(
        [tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-001", "GDCC-ENC-002"))
    )
    found = {(f.rule_id, f.address): f for f in result.findings}
    new = found["GDCC-ENC-001", "aws_rds_cluster.new"]
    assert (new.status, new.message.en) == (
        Status.PASS,
        "Data stores are encrypted at rest (the plan creates this Aurora cluster: AWS encrypts "
        "every new Aurora cluster at rest with an AWS owned key (clusters created on or after "
        f"2026-02-18, {DOC}) (storage_encrypted = false no longer turns it off))",
    )
    assert found["GDCC-ENC-001", "aws_rds_cluster.replaced"].status is Status.PASS
    absent = found["GDCC-ENC-001", "aws_rds_cluster.new_absent"]
    assert (absent.status, absent.message.en) == (
        Status.PASS,
        "Data stores are encrypted at rest (the plan creates this Aurora cluster: AWS encrypts "
        "every new Aurora cluster at rest with an AWS owned key (clusters created on or after "
        f"2026-02-18, {DOC}))",
    )
    assert absent.evidence["defaults"]["encrypted_at_rest"]["documentation"] == DOC
    # an AWS owned key is not the agency's key
    for name in ("new", "new_absent"):
        assert found["GDCC-ENC-002", f"aws_rds_cluster.{name}"].status is Status.FAIL
    # a cluster that exists: when it was created is not known
    existing = found["GDCC-ENC-001", "aws_rds_cluster.existing"]
    assert (existing.status, existing.message.en) == (
        Status.UNKNOWN, _not_known("storage_encrypted = false")
    )
    assert found["GDCC-ENC-001", "aws_rds_cluster.new_multi_az"].status is Status.FAIL
